"""Old footage compression: segments older than a camera's compress_after_days are re-encoded
to H.265 at a lower bitrate, one at a time at the lowest CPU priority, and replace the
original atomically. Start and end stay, so the timeline shows them at the same times."""

from __future__ import annotations

import logging
import os
import subprocess
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from recorder.capture.ffmpeg import FRAGMENTED_MP4, find_tool, probe_file
from recorder.index.models import Camera, Segment, utcnow
from recorder.index.segments import SegmentStore, fsync_dir, fsync_file
from recorder.paths import DataDir
from recorder.platform_compat import spawn_kwargs

log = logging.getLogger(__name__)
CRF = 30  # x265's default is 28: a little lower quality for footage kept only as evidence
KEYFRAME_S = 2  # seeking and clips cut at keyframes: keep them close together
MIN_SAVING = 0.10  # a re-encode that saves less than this is not worth the quality lost
IDLE_SECONDS = 60.0


def _low_priority_spawn() -> dict:
    """Our usual process group and parent-death handling, at the lowest CPU priority."""
    kwargs = spawn_kwargs()
    if os.name == "nt":
        kwargs["creationflags"] |= subprocess.IDLE_PRIORITY_CLASS
        return kwargs
    parent_death = kwargs.get("preexec_fn")

    def preexec() -> None:
        if parent_death is not None:
            parent_death()
        os.nice(19)

    kwargs["preexec_fn"] = preexec
    return kwargs


def encode_command(src: Path, dest: Path, audio: bool) -> list[str]:
    movflags = FRAGMENTED_MP4.split(":")[0].split("=", 1)[1]
    return [find_tool("ffmpeg"), "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", str(src),
            "-map", "0:v:0", *(["-map", "0:a:0", "-c:a", "copy"] if audio else ["-an"]),
            "-c:v", "libx265", "-preset", "faster", "-crf", str(CRF), "-tag:v", "hvc1",
            "-force_key_frames", f"expr:gte(t,n_forced*{KEYFRAME_S})", "-x265-params", "log-level=error:pools=1",
            "-threads", "1", "-movflags", movflags, "-f", "mp4", str(dest)]


class Compressor:
    def __init__(self, data: DataDir, sessions: sessionmaker[Session], store: SegmentStore,
                 in_use: Callable[[], set[Path]] = set, children=None):
        self.data = data
        self.sessions = sessions
        self.store = store
        self.in_use = in_use  # files a clip is being cut from: never swapped under it
        self.children = children
        self._proc: subprocess.Popen | None = None
        self._closing = False
        self.done: list[dict] = []  # what was saved, for the storage view and the benchmark

    def next_segment(self) -> int | None:
        """The oldest segment due for compression: its camera asks for it, it is old enough,
        it was never re-encoded and is not H.265 already."""
        now = utcnow()
        with self.sessions() as s:
            for cam_id, days in s.execute(select(Camera.id, Camera.compress_after_days)
                                          .where(Camera.compress_after_days.is_not(None))):
                seg = s.scalar(select(Segment.id).where(
                    Segment.camera_id == cam_id, Segment.end < now - timedelta(days=days),
                    Segment.original_bytes.is_(None), Segment.video_codec != "hevc", Segment.deleting.is_(False))
                    .order_by(Segment.start).limit(1))
                if seg is not None:
                    return seg
        return None

    def compress(self, segment_id: int) -> dict | None:
        """Re-encode one segment and swap it in; None when it was left as it was (and why is logged)."""
        with self.sessions() as s:
            seg = s.get(Segment, segment_id)
            if seg is None or seg.deleting:
                return None
            src, duration, size, audio = self.data.absolute(seg.path), seg.duration, seg.bytes, bool(seg.audio_codec)
        tmp = src.with_name(f".{src.stem}.h265.mp4")
        began, cpu = time.perf_counter(), os.times()
        try:
            if not self._encode(src, tmp, audio):
                return None if self._closing else self._keep(segment_id, size, "FFmpeg could not re-encode it")
            info = probe_file(tmp)
            if info is None or info.video_packets == 0 or abs(info.duration - duration) > KEYFRAME_S:
                return self._keep(segment_id, size, "the re-encoded file did not match the original")
            new_size = tmp.stat().st_size
            if new_size > size * (1 - MIN_SAVING):
                return self._keep(segment_id, size, f"it would save less than {MIN_SAVING:.0%}")
            fsync_file(tmp)
            if not self._swap(segment_id, tmp, src, new_size, size):
                return None
        finally:
            tmp.unlink(missing_ok=True)
        used = os.times()
        result = {"segment_id": segment_id, "bytes_before": size, "bytes_after": new_size,
                  "saving": round(1 - new_size / size, 3), "footage_s": round(duration, 1),
                  "cpu_s": round((used.children_user + used.children_system) - (cpu.children_user + cpu.children_system), 2),
                  "wall_s": round(time.perf_counter() - began, 2)}
        self.done.append(result)
        log.info("compressed %s: %.1f MB → %.1f MB (%.0f %% saved) in %.0f s of CPU", src.name, size / 1e6,
                 new_size / 1e6, 100 * result["saving"], result["cpu_s"])
        return result

    def _encode(self, src: Path, tmp: Path, audio: bool) -> bool:
        proc = self._proc = subprocess.Popen(encode_command(src, tmp, audio), stdin=subprocess.DEVNULL,
                                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                             **_low_priority_spawn())
        if self.children is not None:
            self.children.add(proc.pid)
        try:
            _out, err = proc.communicate()
        finally:
            self._proc = None
            if self.children is not None:
                self.children.discard(proc.pid)
        if proc.returncode != 0:
            log.warning("compressing %s failed: %s", src.name, err.decode(errors="replace").strip()[-300:])
        return proc.returncode == 0

    def _swap(self, segment_id: int, tmp: Path, src: Path, new_size: int, size: int) -> bool:
        """Replace the file and its row together, unless retention took the segment meanwhile."""
        with self.store.file_lock, self.sessions.begin() as s:
            seg = s.get(Segment, segment_id)
            if seg is None or seg.deleting or not src.exists() or src in self.in_use():
                return False  # deleted meanwhile, or being cut into a clip: another time
            os.replace(tmp, src)
            fsync_dir(src.parent)
            seg.bytes, seg.original_bytes, seg.video_codec = new_size, size, "hevc"
        return True

    def _keep(self, segment_id: int, size: int, why: str) -> None:
        """Mark it as done with, so it is not tried again every minute."""
        log.info("segment %s left as recorded: %s", segment_id, why)
        with self.sessions.begin() as s:
            seg = s.get(Segment, segment_id)
            if seg is not None:
                seg.original_bytes = size
        return None

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                seg = self.next_segment()
                if seg is not None:
                    self.compress(seg)
                    continue
            except Exception:
                log.exception("compression failed")
            stop.wait(IDLE_SECONDS)

    def close(self) -> None:
        self._closing = True
        proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.terminate()
