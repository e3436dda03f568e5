"""One camera's recording: probe, run FFmpeg, index what it closes, reconnect with backoff,
restart a stalled FFmpeg, and keep every outage as an event with its start and end."""

from __future__ import annotations

import collections
import logging
import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from recorder.cameras.credentials import redact, with_credentials
from recorder.capture.ffmpeg import (
    PROGRESS_SECONDS,
    STALLED,
    CameraError,
    CameraInput,
    StreamInfo,
    explain_error,
    grab_last_frame,
    probe_file,
    probe_stream,
    record_command,
)
from recorder.capture.frame_loss import FrameWindow, LossEvents
from recorder.events.motion import DECODABLE, motion_output
from recorder.index.models import Event, utcnow
from recorder.index.queries import last_recorded
from recorder.index.segments import NotIndexed, SegmentStore, disk_is_full
from recorder.platform_compat import spawn_kwargs
from vms_api.enums import CameraState, EventKind
from vms_api.errors import ErrorCode

log = logging.getLogger(__name__)
# A camera's loop looks at closed segments and the watchdog when FFmpeg reports progress
# (every PROGRESS_SECONDS), or after this long without a report (a stalled camera). Each
# wake-up of a Python thread costs about 0.25 ms here, on every camera, all the time, and
# the recorder's whole budget is 15 % over bare FFmpeg: so no timer of its own.
WATCH_SECONDS = PROGRESS_SECONDS + 1.0
# The loop also wakes this long after each clock-aligned segment cut, so a closed segment
# is indexed (and the file after it known to players) within about a second, not a report.
CUT_SLACK = 1.0
DISK_FULL = "the recording disk is full"


def disk_full() -> CameraError:
    return CameraError(ErrorCode.DISK_FULL, DISK_FULL)


@dataclass
class CaptureSettings:
    segment_seconds: int = 3600
    stall_seconds: float = 12.0  # no new video for this long: FFmpeg is restarted
    backoff_max: float = 10.0  # a camera that comes back is recording again within this
    healthy_after: float = 60.0  # a run this long resets the backoff
    motion: bool = True  # keyframes decoded small for motion detection (recorder.motion)


@dataclass
class CameraConfig:
    id: int
    name: str
    url: str
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    # The recording FFmpeg also sends a live copy, for cameras without a substream: only
    # those are watched live at full size, and the copy costs about a tenth of the recording.
    live_copy: bool = True

    @property
    def ffmpeg_url(self) -> str:
        return with_credentials(self.url, self.username, self.password)

    def redact(self, text: str) -> str:
        return redact(text, self.password)


class FFmpegRun:
    """A running FFmpeg whose progress and error output are read by two small threads."""

    def __init__(self, cmd: list[str], redactor):
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, bufsize=1, **spawn_kwargs())
        self.out_time = 0.0  # seconds of stream written so far
        # When the stream's first frame arrived (epoch). FFmpeg holds the first seconds while
        # it probes and then writes them in a burst, so every sample is late or right: keep
        # the earliest.
        self.began_at = float("inf")
        self.last_advance = time.monotonic()
        self.errors: collections.deque[str] = collections.deque(maxlen=40)
        self.reported = threading.Event()  # set at each progress report and when FFmpeg ends
        self.frames = 0  # video frames written so far
        self.window = FrameWindow()  # frames against stream time, for the frame loss figure
        self.on_report = None  # called after each progress report, on the reader's thread
        self._redact = redactor
        threading.Thread(target=self._read_progress, daemon=True).start()
        threading.Thread(target=self._read_errors, daemon=True).start()

    @property
    def pid(self) -> int:
        return self.proc.pid

    def _read_progress(self) -> None:
        for line in self.proc.stdout:
            key, _, value = line.strip().partition("=")
            if key == "out_time_us" and value.isdigit():
                t = int(value) / 1e6
                if t > self.out_time:
                    self.out_time = t
                    self.last_advance = time.monotonic()
                    self.began_at = min(self.began_at, time.time() - t)
            elif key == "frame" and value.isdigit():
                self.frames = int(value)
            elif key == "progress":  # the last line of a report
                self.window.add(self.out_time, self.frames)
                self.reported.set()
                if self.on_report is not None:
                    self.on_report(self)
        self.reported.set()

    def _read_errors(self) -> None:
        for line in self.proc.stderr:
            line = self._redact(line.rstrip())
            if line:
                self.errors.append(line)

    def stalled_for(self) -> float:
        return time.monotonic() - self.last_advance

    def stop(self, grace: float = 8.0) -> None:
        """'q' lets FFmpeg write its last fragment; kill it if it does not go in time."""
        if self.proc.poll() is None:
            try:
                self.proc.stdin.write("q")
                self.proc.stdin.flush()
            except (BrokenPipeError, OSError, ValueError):
                pass
            try:
                self.proc.wait(grace)
            except subprocess.TimeoutExpired:
                self.kill()
        self.proc.wait()

    def kill(self) -> None:
        if self.proc.poll() is None:
            if os.name == "posix":
                os.killpg(self.proc.pid, signal.SIGKILL)
            else:
                self.proc.kill()
        self.proc.wait()


class CameraRecorder:
    """Supervises one camera in its own thread until stop()."""

    def __init__(self, config: CameraConfig, store: SegmentStore, settings: CaptureSettings,
                 children: ChildRegistry, live_port: int | None = None, motion_port: int | None = None,
                 on_recovered: Callable[[int], None] | None = None):
        self.config = config
        self.on_recovered = on_recovered  # the recorder notes its own downtime on the timeline
        self.live_port = live_port
        self.motion_port = motion_port
        self.store = store
        self.settings = settings
        self.children = children
        self.state = CameraState.STARTING
        self.error: str | None = None  # why it is not recording, in English; error_code and error_params as data
        self.error_code: ErrorCode | None = None
        self.error_params: dict | None = None
        self.stream: StreamInfo | None = None
        self.current_file: Path | None = None
        self.current_start: datetime | None = None
        self.last_segment: str | None = None
        self._run: FFmpegRun | None = None
        self._snapshotter: threading.Thread | None = None
        self._start_measured = False
        self._last_end: datetime | None = None
        self._list_size = -1
        self._outage_id: int | None = None
        self._unindexed: list[Path] = []  # closed files whose row could not be written yet
        self.loss = LossEvents(store.sessions, config.id)
        self._loss_lock = threading.Lock()  # the progress reader's thread updates it too
        self._written_at: datetime | None = None  # the end of the last segment written
        self._watched_since = utcnow()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._main, name=f"camera-{config.id}", daemon=True)

    @property
    def sessions(self) -> sessionmaker[Session]:
        return self.store.sessions

    def start(self) -> None:
        try:
            self.loss.end_stale()
            with self.sessions() as s:
                self._written_at = last_recorded(s, self.config.id)
        except Exception:
            log.exception("camera %s: reading its last recording failed", self.config.id)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        run = self._run
        if run is not None:
            run.reported.set()
            run.stop()
        self._thread.join(30)
        if self._snapshotter is not None:
            self._snapshotter.join(30)
        self._end_loss()
        self.state = CameraState.STOPPED

    def status(self) -> dict:
        recording = self.state == CameraState.RECORDING
        return {"id": self.config.id, "name": self.config.name, "state": self.state,
                "error": self.error, "error_code": self.error_code, "error_params": self.error_params,
                "stream": self.stream.describe() if self.stream else None,
                "current_file": str(self.current_file) if self.current_file else None,
                "current_start": self.current_start.isoformat() if self.current_start else None,
                "last_segment": self.last_segment, "frame_loss": self.frame_loss(),
                "recording_stopped_since": None if recording else
                self._written_at.isoformat() if self._written_at else None,
                "recording_stopped": not recording and self.state != CameraState.STOPPED
                and self._stopped_for() > self.settings.stall_seconds}

    def frame_loss(self) -> dict | None:
        """Over the last minute of this run's stream; None while not recording."""
        run = self._run
        if run is None or self.state != CameraState.RECORDING or self.stream is None:
            return None
        figure = run.window.figure(self.stream.fps)
        return figure and dict(figure, warning=self.loss.active)

    def _stopped_for(self) -> float:
        """Seconds since the last byte reached the disk, counted from when this recorder
        took the camera on at most (a restart is not a stop). Only asked while not
        recording: then the files being written are those of a run just starting (FFmpeg
        writes for a few seconds before its first report says "recording")."""
        last = max(self._written_at or self._watched_since, self._watched_since).timestamp()
        for path in self.store.data.incoming_dir(self.config.id).glob("*.mp4"):
            try:
                last = max(last, path.stat().st_mtime)
            except OSError:
                pass  # indexed meanwhile
        return time.time() - last

    # -- the supervision loop ------------------------------------------------------------

    def _main(self) -> None:
        try:
            self.store.recover(self.config.id)
            if self.on_recovered is not None:
                self.on_recovered(self.config.id)
        except Exception:
            log.exception("camera %s: recovery failed", self.config.id)
        self._outage_id = self._open_outage()
        backoff = 1.0
        outage_since = utcnow()
        while not self._stop.is_set():
            try:
                if self._wait_for_space():
                    backoff = 1.0  # the camera was fine: try again as soon as there is room
                    continue
                self.state = CameraState.CONNECTING
                try:
                    self.stream = probe_stream(self.config.ffmpeg_url, self.store.data.private_dir)
                except CameraError as e:
                    # our own words, secrets already left out (redacting again would turn a
                    # password such as "wrong" into "*** username or password")
                    self._fail(e, outage_since)
                else:
                    began = time.monotonic()
                    outage_since = self._record_once() or outage_since
                    if time.monotonic() - began > self.settings.healthy_after:
                        backoff = 1.0
            except Exception as e:  # whatever happens, the camera is tried again
                log.exception("camera %s: supervision failed", self.config.id)
                self.state = CameraState.ERROR
                self._set_error(CameraError(ErrorCode.RECORDER_FAILED, f"the recorder failed: {e}", message=str(e)))
            if self._stop.is_set():
                break
            if not disk_is_full(self.store.data.recordings):  # else _wait_for_space waits
                self.state = CameraState.RETRYING
                self._stop.wait(backoff)
                backoff = min(backoff * 2, self.settings.backoff_max)
        self._close_outage(utcnow())

    def _wait_for_space(self) -> bool:
        """While the disk is full, look every second (one statvfs) instead of reconnecting to
        the camera in vain; True once there is room again after waiting."""
        waited = False
        while not self._stop.is_set() and disk_is_full(self.store.data.recordings):
            if self.error_code != ErrorCode.DISK_FULL:
                self._fail(disk_full(), utcnow())
            self.store.disk_full()  # the guard makes room if it can
            waited = True
            self._stop.wait(1.0)
        if waited:
            self._retry_unindexed()
            log.info("camera %s: there is room on the disk again", self.config.id)
        return waited

    def _record_once(self) -> datetime | None:
        """Run FFmpeg until it exits, stalls or we stop; returns when the video stopped."""
        incoming = self.store.data.incoming_dir(self.config.id)
        incoming.mkdir(parents=True, exist_ok=True)
        list_file = incoming / "segments.csv"
        prefix = f"{int(time.time() * 1000)}_"  # never reuse a name a crash may have left
        try:
            camera = CameraInput(self.config.ffmpeg_url, self.store.data.private_dir)
        except CameraError as e:
            self._fail(e, utcnow())
            return None
        cmd = record_command(camera, self.stream, incoming / f"{prefix}%05d.mp4",
                             list_file, self.settings.segment_seconds, self.live_port,
                             motion_output(self.motion_port)
                             if self.motion_port and self.stream.video_codec in DECODABLE else None)
        self._list_size = -1
        try:
            run = self._run = FFmpegRun(cmd, self.config.redact)
        except OSError:
            camera.remove()
            raise
        self.children.add(run.pid)
        listed = 0
        recording = False
        written, wrote_at = None, time.monotonic()
        why_ended: CameraError | None = None  # what the recorder saw, before FFmpeg's own words
        try:
            while run.proc.poll() is None and not self._stop.is_set():
                run.reported.wait(min(WATCH_SECONDS, self._until_next_cut() + CUT_SLACK))
                run.reported.clear()
                if not recording and run.out_time > 1.0:  # past FFmpeg's probing burst
                    recording = True
                    wrote_at = time.monotonic()
                    camera.remove()  # FFmpeg read its list before it connected
                    self._started_recording(run)
                self._retry_unindexed()
                now_listed = self._index_listed(list_file, listed)
                if now_listed != listed or self.current_file is None:
                    self._update_current(incoming, prefix, run, first=now_listed == 0)
                    self._start_measured = now_listed > 0  # later files start where the last ended
                elif not self._start_measured:
                    self._start_measured = self._measure_current_start()
                listed = now_listed
                # The watchdog looks at what reaches the disk: FFmpeg may go on reading the
                # camera (and reporting progress) with no file it can write.
                if (now_listed, self._size(self.current_file)) != written:
                    written, wrote_at = (now_listed, self._size(self.current_file)), time.monotonic()
                if run.stalled_for() > self.settings.stall_seconds:
                    log.warning("camera %s: no video for %.0f s, restarting FFmpeg",
                                self.config.id, run.stalled_for())
                    run.errors.append(STALLED)
                    run.kill()
                elif recording and (time.monotonic() - wrote_at > self.settings.stall_seconds or
                                    time.monotonic() - wrote_at > WATCH_SECONDS and disk_is_full(incoming)):
                    # a full disk is said as soon as the file stops growing; else after the stall time
                    seconds = round(time.monotonic() - wrote_at)
                    why_ended = disk_full() if disk_is_full(incoming) else CameraError(
                        ErrorCode.CAMERA_NOTHING_WRITTEN, f"nothing reached the disk for {seconds} s", seconds=seconds)
                    log.warning("camera %s: %s, restarting FFmpeg", self.config.id, why_ended)
                    run.kill()
        finally:
            if self._stop.is_set():
                run.stop()
            else:
                run.kill() if run.proc.poll() is None else run.proc.wait()
            self.children.discard(run.pid)
            self._run = None
            camera.remove()
        stopped_at = utcnow() - timedelta(seconds=run.stalled_for()) if recording else None
        self._index_leftovers(incoming)
        self.current_file = None
        self.current_start = None
        if not self._stop.is_set():
            reason = why_ended or (explain_error("\n".join(run.errors), self.config.url) if run.errors else
                                   CameraError(ErrorCode.CAMERA_CLOSED_CONNECTION, "the camera closed the connection"))
            if reason.code == ErrorCode.DISK_FULL or disk_is_full(incoming):
                reason = disk_full()
                self.store.disk_full()
            self._fail(reason, stopped_at or utcnow())
        return stopped_at

    @staticmethod
    def _size(path: Path | None) -> int | None:
        try:
            return path.stat().st_size if path else None
        except OSError:
            return None

    def _until_next_cut(self) -> float:
        """Seconds until FFmpeg's next segment cut: segment_atclocktime cuts at multiples
        of the segment length counted from local midnight."""
        now = time.time()
        t = time.localtime(now)
        into_day = t.tm_hour * 3600 + t.tm_min * 60 + t.tm_sec + now % 1
        return self.settings.segment_seconds - into_day % self.settings.segment_seconds

    def _started_recording(self, run: FFmpegRun) -> None:
        self.state = CameraState.RECORDING
        self.error = self.error_code = self.error_params = None
        self._close_outage(datetime.fromtimestamp(run.began_at, UTC))
        run.on_report = self._count_frames  # from here on: past FFmpeg's probing burst
        log.info("camera %s: recording (%s)", self.config.id, self.stream.describe())

    def _count_frames(self, run: FFmpegRun) -> None:
        with self._loss_lock:
            if run is not self._run or self.stream is None:
                return  # the run is over: its end closed the event
            try:
                self.loss.update(run.window.figure(self.stream.fps))
            except Exception:
                log.exception("camera %s: keeping the frame loss event failed", self.config.id)

    def _end_loss(self) -> None:
        with self._loss_lock:
            try:
                self.loss.end(utcnow())
            except Exception:
                log.exception("camera %s: ending the frame loss event failed", self.config.id)

    def _index_listed(self, list_file: Path, done: int) -> int:
        """FFmpeg appends a line to its list each time it closes a segment."""
        try:
            if list_file.stat().st_size == self._list_size:
                return done  # nothing new: the common case, every second, on every camera
            text = list_file.read_text()
        except FileNotFoundError:
            return done
        self._list_size = len(text.encode())
        lines = text.splitlines()
        for line in lines[done:]:
            name = line.split(",")[0]
            path = list_file.parent / name
            if path.exists():
                self._index(path)
        return len(lines)

    def _index_leftovers(self, incoming: Path) -> None:
        """After FFmpeg exits every file it left is closed, including the one cut short."""
        for path in sorted(incoming.glob("*.mp4")):
            self._index(path)
        (incoming / "segments.csv").unlink(missing_ok=True)

    def _index(self, path: Path) -> None:
        try:
            seg = self.store.index_file(self.config.id, path)
        except Exception as e:  # a disk error must not end supervision
            # a full disk: the file is kept and indexed again once the guard made room
            where = e.path if isinstance(e, NotIndexed) else path
            if where not in self._unindexed:
                self._unindexed.append(where)
            log.error("camera %s: %s could not be indexed yet: %s", self.config.id, where.name,
                      e if isinstance(e, (NotIndexed, OSError)) else repr(e))
            if isinstance(e, (NotIndexed, OSError)):
                self.store.disk_full()
            return
        if seg is not None:
            self.last_segment = seg.path
            self._last_end = self._written_at = seg.end
            self._snapshot()

    def _retry_unindexed(self) -> None:
        pending, self._unindexed = self._unindexed, []
        for path in pending:
            if path.exists():
                self._index(path)

    def _snapshot(self) -> None:
        """Keep the camera's cover picture: the last frame of the last closed segment."""
        if self.last_segment is None:
            return
        data = self.store.data
        src, dest = data.absolute(self.last_segment), data.snapshot_file(self.config.id)
        self._snapshotter = threading.Thread(target=grab_last_frame, args=(src, dest),
                                             name=f"snapshot-{self.config.id}", daemon=True)
        self._snapshotter.start()

    def _measure_current_start(self) -> bool:
        """The first file of a run: FFmpeg's progress only estimates its start (its probing
        burst blurs it by a second or two). Once the file holds a few fragments, measure it as
        indexing will: its mtime minus the video it holds. The player needs it to ±1 s."""
        path = self.current_file
        try:
            if path is None:
                return False
            before = path.stat()
            age = time.time() - before.st_ctime
            if age < 4:
                return False
            info = probe_file(path, timeout=30)
            mtime = before.st_mtime
            # A fragment arrived while probing: measure again at the next poll, while the file
            # is small; later, take it (off by at most that fragment) rather than probe forever.
            if path.stat().st_mtime != mtime and age < 60:
                return False
        except (OSError, subprocess.SubprocessError):
            return False
        if info is None or info.video_packets < 2:
            return False
        if path == self.current_file:
            self.current_start = datetime.fromtimestamp(mtime, UTC) - timedelta(seconds=info.duration)
        return True

    def _update_current(self, incoming: Path, prefix: str, run: FFmpegRun, first: bool) -> None:
        """The file being written, and when its footage starts (where the last one ended)."""
        files = sorted(incoming.glob(f"{prefix}*.mp4"))
        if files and files[-1] != self.current_file:
            self.current_file = files[-1]
            if first and run.began_at != float("inf"):
                self.current_start = datetime.fromtimestamp(run.began_at, UTC)
            else:
                self.current_start = self._last_end or utcnow()

    # -- outages --------------------------------------------------------------------------

    def _set_error(self, reason: CameraError) -> None:
        self.error, self.error_code, self.error_params = reason.detail, reason.code, reason.params

    def _fail(self, reason: CameraError, since: datetime) -> None:
        self.state = CameraState.ERROR
        self._end_loss()
        if reason.detail != self.error:
            log.warning("camera %s (%s): %s", self.config.id, self.config.name, reason)
        self._set_error(reason)
        try:
            self._store_outage(reason.detail, since)
        except OperationalError as e:  # a full disk: the state says it; the event waits
            log.error("camera %s: the outage could not be stored: %s", self.config.id, getattr(e, "orig", e))

    def _store_outage(self, reason: str, since: datetime) -> None:
        with self.sessions.begin() as s:
            if self._outage_id is None:
                ev = Event(camera_id=self.config.id, kind=EventKind.OFFLINE, start=since, label=reason)
                s.add(ev)
                s.flush()
                self._outage_id = ev.id
            else:
                s.get(Event, self._outage_id).label = reason

    def _open_outage(self) -> int | None:
        """An outage left open by a recorder that died goes on until recording resumes."""
        with self.sessions() as s:
            return s.scalar(select(Event.id).where(Event.camera_id == self.config.id, Event.kind == EventKind.OFFLINE,
                                                   Event.end.is_(None)).order_by(Event.start.desc()).limit(1))

    def _close_outage(self, at: datetime) -> None:
        if self._outage_id is None:
            return
        try:
            with self.sessions.begin() as s:
                ev = s.get(Event, self._outage_id)
                if ev is not None and ev.end is None:
                    ev.end = max(at, ev.start)
        except OperationalError as e:  # left open; the next close or restart ends it
            log.error("camera %s: the outage could not be closed: %s", self.config.id, getattr(e, "orig", e))
            return
        self._outage_id = None


class ChildRegistry:
    """The pids of our FFmpegs, on disk, so a recorder restarted after kill -9 can end any
    that outlived it (where the parent-death signal does not exist)."""

    def __init__(self, path: Path):
        self.path = path
        self._pids: set[int] = set()
        self._lock = threading.Lock()

    def add(self, pid: int) -> None:
        with self._lock:
            self._pids.add(pid)
            self._write()

    def discard(self, pid: int) -> None:
        with self._lock:
            self._pids.discard(pid)
            self._write()

    def _write(self) -> None:
        self.path.write_text("".join(f"{p}\n" for p in sorted(self._pids)))

    def kill_leftovers(self) -> int:
        """End FFmpegs listed by a previous recorder of this data dir that are still alive."""
        try:
            pids = [int(x) for x in self.path.read_text().split()]
        except (FileNotFoundError, ValueError):
            return 0
        killed = 0
        for pid in pids:
            if _is_our_ffmpeg(pid, str(self.path.parent)):
                try:
                    os.kill(pid, signal.SIGKILL if os.name == "posix" else signal.SIGTERM)
                    killed += 1
                except OSError:
                    pass
        self.path.unlink(missing_ok=True)
        return killed


def _is_our_ffmpeg(pid: int, data_root: str) -> bool:
    """Only kill a pid that is still an FFmpeg writing into this data dir (pids get reused)."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return False  # gone, or not Linux: nothing we can check safely
    return Path(argv[0]).stem == "ffmpeg" and any(data_root in a for a in argv)
