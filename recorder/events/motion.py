"""Motion detection on every camera, all the time, for a fraction of a core.

Each camera's recording FFmpeg also decodes its keyframes only (one every GOP, typically 1-2 s),
shrinks them to a small grey picture and sends each as one UDP datagram to the recorder. The
recorder compares each picture with the one before, in 4x4 blocks, outside the camera's mask:
enough changed blocks is motion. Motion runs become events in the index, open while they last.
Sensitivity, mask and on/off apply at once: they never restart the recording."""

from __future__ import annotations

import logging
import selectors
import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
from sqlalchemy import update

from recorder.cameras.config import mask_of
from recorder.index.models import Camera, Event, utcnow
from vms_api.enums import EventKind

log = logging.getLogger(__name__)
WIDTH, HEIGHT, BLOCK = 320, 180, 4
FRAME_BYTES = WIDTH * HEIGHT
BLOCK_PIXELS = BLOCK * BLOCK
BLOCK_SHARE = 0.35  # a block counts as changed when this share of its pixels changed
SCENE_CHANGE = 0.6  # more than this share of blocks at once: lights, IR switch, camera moved
HOLD_SECONDS = 5.0  # motion that pauses for less than this stays one event
GONE_SECONDS = 10.0  # no picture for this long: an open event ends at its last motion
MAX_EVENT = timedelta(minutes=10)  # a busy scene is cut into events of at most this length
# FFmpeg hands over a keyframe-only picture when the next keyframe arrives (measured with the
# demo camera's drawn clock: the picture is one keyframe interval + 0.2 s old, with FFmpeg 5.1
# and 9.0, H.264 and H.265, and also when all frames are decoded and keyframes selected).
# Pictures are dated that much earlier; the detection itself cannot come sooner.
OUTPUT_LAG_FRAMES = 1
DECODABLE = {"h264", "hevc", "mjpeg"}


def motion_output(port: int) -> tuple[list[str], list[str]]:
    """FFmpeg arguments for the recording process: (before its input, after its outputs).
    One decoder thread: frame threads would hold back each keyframe until several more came."""
    return (["-threads", "1", "-skip_frame", "nokey"],
            ["-map", "0:v:0", "-vf", f"scale={WIDTH}:{HEIGHT}:flags=area,format=gray",
             "-fps_mode", "passthrough", "-f", "rawvideo",
             f"udp://127.0.0.1:{port}?pkt_size={FRAME_BYTES}"])


@dataclass(frozen=True)
class MotionSettings:
    enabled: bool = True
    sensitivity: int = 50  # 1..100
    mask: tuple[tuple[float, float, float, float], ...] = ()

    @classmethod
    def of(cls, cam: Camera) -> MotionSettings:
        return cls(cam.motion_enabled, cam.motion_sensitivity, tuple(tuple(a) for a in mask_of(cam)))

    @property
    def pixel_threshold(self) -> float:
        """Grey levels a pixel must change by: 40 at sensitivity 1, 10 at 100."""
        return 10 + (100 - self.sensitivity) * 0.3

    @property
    def min_share(self) -> float:
        """Share of the watched blocks that must change: 5 % at 1, 0.5 % at 50, 0.05 % at 100."""
        return 0.05 * 10 ** (-2 * (self.sensitivity - 1) / 99)


def watched_blocks(mask) -> np.ndarray:
    """True for each 4x4 block outside every ignored area (a block mostly inside one is ignored)."""
    rows, cols = HEIGHT // BLOCK, WIDTH // BLOCK
    cy, cx = (np.arange(rows) + 0.5) / rows, (np.arange(cols) + 0.5) / cols
    keep = np.ones((rows, cols), bool)
    for x, y, w, h in mask:
        inside_y = (cy >= y) & (cy <= y + h)
        inside_x = (cx >= x) & (cx <= x + w)
        keep &= ~(inside_y[:, None] & inside_x[None, :])
    return keep


class Detector:
    """Compares each picture with the previous one. Pure: pictures in, a changed share out."""

    def __init__(self, settings: MotionSettings):
        self.previous: np.ndarray | None = None
        self.configure(settings)

    def configure(self, settings: MotionSettings) -> None:
        self.settings = settings
        self.keep = watched_blocks(settings.mask)
        self.watched = int(self.keep.sum())

    def changed_share(self, frame: np.ndarray) -> float | None:
        """Share of watched blocks that changed since the last picture; None when there is
        nothing to compare with or the whole scene changed at once."""
        previous, self.previous = self.previous, frame
        if previous is None or self.watched == 0:
            return None
        moved = np.abs(frame.astype(np.int16) - previous) > self.settings.pixel_threshold
        per_block = moved.reshape(HEIGHT // BLOCK, BLOCK, WIDTH // BLOCK, BLOCK).sum(axis=(1, 3))
        share = float(((per_block >= BLOCK_SHARE * BLOCK_PIXELS) & self.keep).sum()) / self.watched
        return None if share > SCENE_CHANGE else share

    def moving(self, share: float | None) -> bool:
        return share is not None and share >= self.settings.min_share

    def forget(self) -> None:
        """After a gap the next picture has nothing fair to be compared with."""
        self.previous = None


@dataclass
class Track:
    """One camera's motion runs: when an event starts, goes on and ends. Pure: times in, changes out.
    A change seen at picture k happened between pictures k-1 and k: it is dated half-way, and
    each picture is dated when it was taken (OUTPUT_LAG_FRAMES before it arrived)."""

    start: datetime | None = None
    last_motion: datetime | None = None  # when the last picture with motion came
    last_change: datetime | None = None  # half-way to it from the picture before
    peak: float = 0.0
    interval: float = 1.0  # seconds between pictures, measured
    last_frame: datetime | None = None
    changes: list[tuple[str, datetime, float]] = field(default_factory=list)

    def frame(self, t: datetime, moving: bool, share: float | None) -> list[tuple[str, datetime, float]]:
        """('start', when, share), ('end', when, peak) for the index; usually nothing."""
        self.changes = []
        gap = (t - self.last_frame).total_seconds() if self.last_frame is not None else None
        if gap is not None and 0 < gap < GONE_SECONDS:
            self.interval = 0.8 * self.interval + 0.2 * gap
        self._expire(t)
        self.last_frame = t
        if not moving:
            return self.changes
        step = min(self.interval, gap) if gap is not None and gap > 0 else 0.0
        at = t - timedelta(seconds=step / 2 + OUTPUT_LAG_FRAMES * step)
        if self.start is not None and at - self.start >= MAX_EVENT:
            self._end(at)
        if self.start is None:
            self.start, self.peak = at, 0.0
            self.changes.append(("start", at, share or 0.0))
        self.last_motion, self.last_change = t, at
        self.peak = max(self.peak, share or 0.0)
        return self.changes

    def tick(self, now: datetime) -> list[tuple[str, datetime, float]]:
        """Called now and then: ends a run whose camera stopped sending pictures."""
        self.changes = []
        self._expire(now)
        return self.changes

    def close(self) -> list[tuple[str, datetime, float]]:
        self.changes = []
        if self.start is not None:
            self._end(self.last_change)
        return self.changes

    def _expire(self, now: datetime) -> None:
        if self.start is None:
            return
        quiet = (now - self.last_motion).total_seconds() > HOLD_SECONDS
        gone = self.last_frame is not None and (now - self.last_frame).total_seconds() > GONE_SECONDS
        if quiet or gone:
            self._end(self.last_change)

    def _end(self, at: datetime) -> None:
        self.changes.append(("end", max(at, self.start), self.peak))
        self.start = None

    @property
    def active(self) -> bool:
        return self.start is not None


class _Camera:
    def __init__(self, camera_id: int, settings: MotionSettings):
        self.id = camera_id
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 * FRAME_BYTES)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.setblocking(False)
        self.port: int = self.sock.getsockname()[1]
        self.detector = Detector(settings)
        self.track = Track()
        self.event_id: int | None = None


class MotionWatcher:
    """All cameras' pictures in one thread; events written to the index as runs start and end."""

    def __init__(self, sessions):
        self.sessions = sessions
        self._cams: dict[int, _Camera] = {}
        self._lock = threading.Lock()
        self._selector = selectors.DefaultSelector()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def port(self, camera_id: int, settings: MotionSettings) -> int:
        """The camera's port for its pictures, made on first use and kept for the recorder's life."""
        with self._lock:
            cam = self._cams.get(camera_id)
            if cam is None:
                cam = self._cams[camera_id] = _Camera(camera_id, settings)
                self._selector.register(cam.sock, selectors.EVENT_READ, cam)
            else:
                self.configure(camera_id, settings)
            return cam.port

    def configure(self, camera_id: int, settings: MotionSettings) -> None:
        cam = self._cams.get(camera_id)
        if cam is not None and cam.detector.settings != settings:
            cam.detector.configure(settings)
            log.info("camera %s: motion %s, sensitivity %s, %d masked areas", camera_id,
                     "on" if settings.enabled else "off", settings.sensitivity, len(settings.mask))

    def active(self, camera_id: int) -> bool:
        cam = self._cams.get(camera_id)
        return bool(cam and cam.track.active)

    def recover(self) -> int:
        """Motion events a crash left open end where they began: how long they went on is unknown."""
        with self.sessions.begin() as s:
            return s.execute(update(Event).where(Event.kind == EventKind.MOTION, Event.end.is_(None))
                             .values(end=Event.start)).rowcount

    def start(self) -> None:
        self.recover()
        self._thread = threading.Thread(target=self._run, name="motion", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(10)
        with self._lock:
            for cam in self._cams.values():
                self._apply(cam, cam.track.close())
                self._selector.unregister(cam.sock)
                cam.sock.close()
            self._cams.clear()

    def _run(self) -> None:
        next_tick = 0.0
        while not self._stop.is_set():
            for key, _ in self._selector.select(timeout=1.0):
                self._receive(key.data)
            if time.monotonic() >= next_tick:
                next_tick = time.monotonic() + 1.0
                with self._lock:
                    for cam in list(self._cams.values()):
                        self._apply(cam, cam.track.tick(utcnow()))

    def _receive(self, cam: _Camera) -> None:
        for _ in range(16):
            try:
                data = cam.sock.recv(FRAME_BYTES + 1)
            except (BlockingIOError, InterruptedError, OSError):
                return
            if len(data) != FRAME_BYTES:
                continue  # not one whole picture: never guess at its shape
            self._frame(cam, np.frombuffer(data, np.uint8).reshape(HEIGHT, WIDTH), utcnow())

    def _frame(self, cam: _Camera, frame: np.ndarray, t: datetime) -> None:
        if cam.track.last_frame is not None and (t - cam.track.last_frame).total_seconds() > GONE_SECONDS:
            cam.detector.forget()
        share = cam.detector.changed_share(frame)
        moving = cam.detector.settings.enabled and cam.detector.moving(share)
        try:
            self._apply(cam, cam.track.frame(t, moving, share))
        except Exception:
            log.exception("camera %s: could not store a motion event", cam.id)

    def _apply(self, cam: _Camera, changes: list[tuple[str, datetime, float]]) -> None:
        for what, at, share in changes:
            with self.sessions.begin() as s:
                if what == "start":
                    ev = Event(camera_id=cam.id, kind=EventKind.MOTION, start=at, confidence=round(share, 4))
                    s.add(ev)
                    s.flush()
                    cam.event_id = ev.id
                elif cam.event_id is not None:
                    s.execute(update(Event).where(Event.id == cam.event_id)
                              .values(end=at, confidence=round(share, 4)))
                    cam.event_id = None
