"""FFmpeg and ffprobe: finding them, probing cameras and files, the recording command,
and turning their error output into words a guard understands."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from recorder import platform_compat
from recorder.cameras.credentials import redact
from recorder.errors import RecorderError
from vms_api.errors import ErrorCode

SOCKET_TIMEOUT_S = 5
# FFmpeg reports its progress this often; the watchdog's stall limit must be well above it.
# Each report wakes Python on every camera, so not more often than needed.
PROGRESS_SECONDS = 5
RECORDABLE_VIDEO = {"h264", "hevc"}
COPYABLE_AUDIO = {"aac", "mp3"}  # what MP4 holds as it is; anything else becomes AAC
# The live leg's largest datagram. It only crosses the loopback, so no need for the usual
# 1316 bytes: the MPEG-TS muxer still sends each frame as soon as it is muxed (latency is the
# same), but in one or two datagrams instead of a dozen, which made the live leg cost 1.7x the
# recording instead of 1.2x (FFmpeg's CPU, 720p 2 Mbit/s).
LIVE_PACKET = 32768
# flush_packets: each fragment reaches the disk when it is complete, not when a buffer fills
FRAGMENTED_MP4 = "movflags=+frag_keyframe+empty_moov+default_base_moof:flush_packets=1"
# What a concat list may open: itself, and the camera (RTSP over TCP, UDP or TLS).
CONCAT_PROTOCOLS = "file,rtsp,rtsps,rtp,tcp,udp,tls"


class CameraError(RecorderError):
    """A camera problem in words for the operator (never holding credentials), with its code."""


def find_tool(name: str) -> str:
    """The bundled binary first (bin/ in a frozen app's contents folder), then the system's."""
    exe = name + (".exe" if os.name == "nt" else "")
    if getattr(sys, "frozen", False):
        # PyInstaller's sys._MEIPASS; other freezers keep their files beside the executable
        bundled = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "bin" / exe
        if bundled.exists():
            return str(bundled)
    found = shutil.which(name)
    if not found:
        raise RuntimeError(f"{name} is not installed; install FFmpeg (it provides {name})")
    return found


class CameraInput:
    """FFmpeg's (or ffprobe's) arguments to read a camera, its demuxer's options included.

    FFmpeg 5.1 takes credentials only inside the URL, and any user can read any process's
    command line (ps, /proc/PID/cmdline). So a URL holding them goes in a concat list only
    we can read, with the camera's options beside it, and FFmpeg reads the camera through
    it (measured against -i URL: the same start-up, timestamps and error messages; about 1 %
    more FFmpeg CPU with motion detection, 3 % when only copying). FFmpeg reads the whole list
    before it connects, so remove() it once FFmpeg has connected, or has ended. A URL without
    credentials stays on the command line: it holds nothing secret, and costs nothing extra.

    options: the camera's demuxer's (RTSP, probing, buffering); the concat layer needs none,
    as it takes the camera's streams as they were probed."""

    def __init__(self, url: str, private_dir: Path, options: dict | None = None):
        options = {"rtsp_transport": "tcp", **(options or {})}
        self.file: Path | None = None
        if "@" not in urlsplit(url).netloc:
            self.args = [a for k, v in options.items() for a in (f"-{k}", str(v))] + ["-i", url]
            return
        if any(c in url for c in "\r\n\0"):
            raise CameraError(ErrorCode.CAMERA_URL_LINE_BREAK, "the camera's address holds a line break")
        lines = ["ffconcat version 1.0", f"file {_concat_quote(url)}"]
        lines += [f"option {k} {_concat_quote(str(v))}" for k, v in options.items()]
        try:
            private_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(suffix=".ffconcat", dir=private_dir)  # O_EXCL, 0600
            self.file = Path(name)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
        except OSError as e:
            self.remove()
            raise CameraError(ErrorCode.PRIVATE_DIR_UNWRITABLE, f"the recorder cannot write in {private_dir}: {e.strerror}",
                              folder=str(private_dir), reason=e.strerror) from None
        self.args = ["-f", "concat", "-safe", "0", "-protocol_whitelist", CONCAT_PROTOCOLS, "-i", name]

    def remove(self) -> None:
        """Delete the list (again later if Windows still holds it open)."""
        if self.file is not None:
            try:
                self.file.unlink(missing_ok=True)
                self.file = None
            except OSError:
                pass

    def __enter__(self) -> CameraInput:
        return self

    def __exit__(self, *_exc) -> None:
        self.remove()


def _concat_quote(text: str) -> str:
    """A token of a concat list: inside '...' nothing is special but the closing quote."""
    return "'" + text.replace("'", "'\\''") + "'"


def remove_private_files(private_dir: Path) -> None:
    """Lists a crashed recorder left behind; the folder private (0700) from now on."""
    private_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(private_dir, 0o700)
    for path in private_dir.iterdir():
        path.unlink(missing_ok=True)


def _host(url: str) -> str:
    try:
        parts = urlsplit(url)
        return parts.hostname or url
    except ValueError:
        return url


# The recorder's own words for what it saw (the watchdog), kept with FFmpeg's error output.
STALLED = "the camera stopped sending video"

# (FFmpeg's words, the code, the sentence); a sentence naming {host} has the host as a param.
_PATTERNS = [
    (("401 Unauthorized", "403 Forbidden"), ErrorCode.CAMERA_AUTH_FAILED, "wrong username or password"),
    (("404 Not Found", "454 Session Not Found"), ErrorCode.CAMERA_NO_STREAM,
     "the camera has no stream at this address (check the path in the URL)"),
    (("Connection refused",), ErrorCode.CAMERA_REFUSED, "{host} refused the connection (is the camera on, and the port right?)"),
    (("Connection timed out", "timed out", "Operation timed out"), ErrorCode.CAMERA_TIMEOUT, "no answer from {host}"),
    (("No route to host", "Network is unreachable", "Host is unreachable"), ErrorCode.CAMERA_UNREACHABLE,
     "{host} cannot be reached on the network"),
    (("Name or service not known", "Temporary failure in name resolution", "Failed to resolve", "nodename nor servname"),
     ErrorCode.CAMERA_HOST_NOT_FOUND, "the camera address {host} could not be found"),
    (("No space left on device",), ErrorCode.DISK_FULL, "the recording disk is full"),
    (("Permission denied",), ErrorCode.RECORDINGS_PERMISSION_DENIED, "cannot write to the recordings folder (permission denied)"),
    (("Connection reset by peer", "End of file", "Broken pipe"), ErrorCode.CAMERA_CLOSED_CONNECTION,
     "the camera closed the connection"),
    (("Invalid data found", "method DESCRIBE failed", "Protocol not found"), ErrorCode.CAMERA_BAD_ANSWER,
     "the camera's answer could not be understood (is this an RTSP address?)"),
]


def no_answer(url: str) -> CameraError:
    host = _host(url)
    return CameraError(ErrorCode.CAMERA_TIMEOUT, f"no answer from {host}", host=host)


def explain_error(stderr: str, url: str) -> CameraError:
    """The first known cause in FFmpeg's output, else its last line with secrets removed."""
    for needles, code, message in _PATTERNS:
        if any(n in stderr for n in needles):
            if "{host}" not in message:
                return CameraError(code, message)
            host = _host(url)
            return CameraError(code, message.format(host=host), host=host)
    lines = [ln.strip() for ln in stderr.splitlines() if ln.strip()]
    if not lines:
        return CameraError(ErrorCode.CAMERA_UNKNOWN_FAILURE, "the recording stopped for an unknown reason")
    if lines[-1] == STALLED:
        return CameraError(ErrorCode.CAMERA_STALLED, STALLED)
    try:
        password = urlsplit(url).password
    except ValueError:
        password = None
    last = redact(lines[-1], password)
    return CameraError(ErrorCode.CAMERA_FAILED, last, message=last)


def explain(stderr: str, url: str) -> str:
    """explain_error's sentence."""
    return explain_error(stderr, url).detail


@dataclass
class StreamInfo:
    video_codec: str
    width: int | None
    height: int | None
    fps: float | None
    audio_codec: str | None

    def describe(self) -> str:
        fps = f" {self.fps:g} fps" if self.fps else ""
        audio = f", audio {self.audio_codec}" if self.audio_codec else ", no audio"
        return f"{self.video_codec.upper()} {self.width}x{self.height}{fps}{audio}"


def _rate(text: str | None) -> float | None:
    try:
        num, den = (text or "0/0").split("/")
        return round(int(num) / int(den), 2) if int(den) else None
    except ValueError:
        return None


def _streams_info(streams: list[dict]) -> StreamInfo | None:
    video = next((s for s in streams if s.get("codec_type") == "video"), None)
    audio = next((s for s in streams if s.get("codec_type") == "audio"), None)
    if video is None:
        return None
    return StreamInfo(
        video_codec=video.get("codec_name", "unknown"),
        width=video.get("width"),
        height=video.get("height"),
        fps=_rate(video.get("avg_frame_rate")) or _rate(video.get("r_frame_rate")),
        audio_codec=audio.get("codec_name") if audio else None,
    )


def probe_stream(url: str, private_dir: Path, timeout: float = 10.0) -> StreamInfo:
    """Connect to a camera once and say what it sends, or raise CameraError saying why not;
    private_dir: where a URL with credentials is handed to ffprobe (CameraInput)."""
    began = time.monotonic()
    try:
        with CameraInput(url, private_dir, {"timeout": SOCKET_TIMEOUT_S * 1_000_000}) as camera:
            cmd = [find_tool("ffprobe"), "-v", "error", *camera.args, "-show_streams", "-of", "json"]
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL,
                                 **platform_compat.no_window())
    except subprocess.TimeoutExpired:
        raise no_answer(url) from None
    if out.returncode != 0:
        # A peer that accepts but never answers ends in FFmpeg's socket timeout, which it
        # reports as "Invalid data": the time taken tells the two apart.
        if time.monotonic() - began >= SOCKET_TIMEOUT_S - 0.2 and "Invalid data" in out.stderr:
            raise no_answer(url)
        raise explain_error(out.stderr, url)
    info = _streams_info(json.loads(out.stdout or "{}").get("streams", []))
    if info is None:
        raise CameraError(ErrorCode.CAMERA_NO_VIDEO, "the camera sends no video")
    if info.video_codec not in RECORDABLE_VIDEO:
        codec = info.video_codec.upper()
        raise CameraError(ErrorCode.CAMERA_UNSUPPORTED_CODEC, f"the camera sends {codec} video, which cannot be "
                          "recorded; set the camera to H.264 or H.265", codec=codec)
    return info


@dataclass
class FileInfo:
    duration: float
    bytes: int
    video_codec: str
    audio_codec: str | None
    width: int | None
    height: int | None
    video_packets: int


def probe_file(path: Path, timeout: float = 120.0) -> FileInfo | None:
    """What a segment file holds, counting its video packets; None if it cannot be read.

    A file cut by a crash has no index at its end, so the duration is taken from the
    packets themselves rather than from the container's header.
    """
    cmd = [find_tool("ffprobe"), "-v", "error",
           "-show_entries", "packet=stream_index,pts_time,duration_time"
           ":stream=index,codec_name,codec_type,width,height:format=format_name",
           "-of", "json", str(path)]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL,
                         **platform_compat.no_window())
    if out.returncode != 0:
        return None
    data = json.loads(out.stdout or "{}")
    streams = data.get("streams", [])
    info = _streams_info(streams)
    # ffprobe guesses formats from content: noise can pass for some raw stream
    if info is None or "mp4" not in data.get("format", {}).get("format_name", "") \
            or info.video_codec not in RECORDABLE_VIDEO:
        return None
    video_index = next(s["index"] for s in streams if s.get("codec_type") == "video")
    times = [(float(p["pts_time"]), _float(p.get("duration_time")))
             for p in data.get("packets", [])
             if p.get("stream_index") == video_index and _float(p.get("pts_time")) is not None]
    size = path.stat().st_size
    if not times:
        return FileInfo(0.0, size, info.video_codec, info.audio_codec, info.width, info.height, 0)
    first = min(t for t, _ in times)
    last, last_duration = max(times)
    duration = last + (last_duration or 0.0) - first
    return FileInfo(duration, size, info.video_codec, info.audio_codec, info.width, info.height, len(times))


def _float(text: str | None) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def record_command(camera: CameraInput, info: StreamInfo, out_pattern: Path, list_file: Path,
                   segment_seconds: int, live_port: int | None = None,
                   motion: tuple[list[str], list[str]] | None = None) -> list[str]:
    """One camera's FFmpeg: video copied, audio copied or made AAC, clock-aligned fMP4 segments;
    motion: the (input, output) arguments that also send its keyframes small to motion detection
    (its input arguments are the decoder's, so they stay on the command line)."""
    # No socket -timeout here, unlike the probe: it makes FFmpeg poll its socket and costs
    # about 4 % more CPU on every camera. A camera that goes quiet is caught by the
    # recorder's stall watchdog instead, a few seconds later.
    cmd = [find_tool("ffmpeg"), "-hide_banner", "-loglevel", "error", "-nostats",
           *(motion[0] if motion else []), *camera.args,
           "-map", "0:v:0", "-c:v", "copy"]
    if info.video_codec == "hevc":
        cmd += ["-tag:v", "hvc1"]  # the tag browsers and Apple players expect
    if info.audio_codec is None:
        cmd += ["-an"]
    elif info.audio_codec in COPYABLE_AUDIO:
        cmd += ["-map", "0:a:0", "-c:a", "copy"]
    else:  # G.711 and friends cannot live in MP4
        cmd += ["-map", "0:a:0", "-c:a", "aac", "-b:a", "32k"]
    cmd += ["-max_muxing_queue_size", "4096", "-progress", "pipe:1", "-stats_period", str(PROGRESS_SECONDS)]
    segments = {"segment_time": segment_seconds, "segment_atclocktime": 1, "reset_timestamps": 1,
                "segment_format": "mp4", "segment_format_options": FRAGMENTED_MP4,
                "segment_list": list_file, "segment_list_type": "csv"}
    extra = motion[1] if motion else []
    if live_port is None:
        return cmd + ["-f", "segment"] + [a for k, v in segments.items() for a in (f"-{k}", str(v))] \
            + [str(out_pattern)] + extra
    # One connection to the camera for both uses: the tee muxer writes the segments and a
    # live MPEG-TS copy to the recorder's relay; a live leg that fails is dropped, never
    # the recording (onfail=ignore), and UDP never waits for a slow reader. max_delay=0:
    # MPEG-TS otherwise stamps frames 0.7 s after their clock reference, and players wait it out.
    seg_opts = ":".join(f"{k}={_tee_value(str(v))}" for k, v in segments.items())
    live = f"udp://127.0.0.1:{live_port}?pkt_size={LIVE_PACKET}"
    return cmd + ["-f", "tee", f"[f=segment:{seg_opts}]{_tee_slave(str(out_pattern))}"
                  f"|[f=mpegts:onfail=ignore:max_delay=0]{live}"] + extra


def _tee_slave(text: str) -> str:
    """The tee muxer splits its argument on '|' with FFmpeg's token escaping."""
    return "".join("\\" + c if c in "\\'|" else c for c in text)


def _tee_value(text: str) -> str:
    """An option value inside a tee slave's [...]: escaped for the option list, then for the split."""
    return _tee_slave("".join("\\" + c if c in "\\':" else c for c in text))


def grab_last_frame(src: Path, dest: Path, width: int = 640) -> bool:
    """The last keyframe of a recording as a JPEG (the picture shown while a camera is down)."""
    tmp = dest.with_suffix(".tmp.jpg")
    cmd = [find_tool("ffmpeg"), "-hide_banner", "-loglevel", "error", "-sseof", "-4", "-skip_frame", "nokey",
           "-i", str(src), "-map", "0:v:0", "-frames:v", "1", "-vf", f"scale={width}:-2", "-q:v", "4",
           "-y", str(tmp)]
    try:
        ok = subprocess.run(cmd, capture_output=True, timeout=30, stdin=subprocess.DEVNULL,
                            **platform_compat.no_window()).returncode == 0
    except subprocess.TimeoutExpired:
        ok = False
    if ok and tmp.exists() and tmp.stat().st_size:
        os.replace(tmp, dest)
        return True
    tmp.unlink(missing_ok=True)
    return False
