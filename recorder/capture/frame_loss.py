"""Frame loss per camera: the frames FFmpeg wrote against the stream time they span at the
camera's nominal rate, over the last minute of stream, and a frame_loss event while it is
above WARN_PERCENT.

A camera that loses frames (its encoder or send buffer drops them, or RTP packets go
missing) leaves gaps in its RTP timestamps: its stream time runs on while fewer frames come.
FFmpeg's -progress reports give both figures every few seconds (frame=, out_time_us=) at no
extra cost; its stderr is not needed (at -loglevel warning it would also say "RTP: missed N
packets", but over RTSP/TCP that is rare and a camera with bad timestamps floods it).
The measure assumes a constant frame rate: a camera set to a variable one reads as losing."""

from __future__ import annotations

import collections
import os
import threading
import time
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from recorder.index.models import Event, utcnow
from recorder.index.queries import last_recorded
from vms_api.enums import EventKind

WARN_PERCENT = 1.0  # the seeds: < 0.1 % is normal, above 1 % over a minute is a warning
# The event ends once the loss is back under half the threshold: a camera hovering about 1 %
# would otherwise open and close an event every few seconds.
CLEAR_PERCENT = WARN_PERCENT / 2
# The stream time a figure is taken over; tests shorten it.
WINDOW_SECONDS = max(10.0, float(os.environ.get("VMS_FRAME_LOSS_WINDOW", 60)))


class FrameWindow:
    """FFmpeg's progress samples (stream time, frames written) over the last WINDOW_SECONDS
    of stream. Only differences count, so the probing burst before the first sample and the
    frames it held do not matter."""

    def __init__(self, window: float = WINDOW_SECONDS):
        self.window = window
        self.samples: collections.deque[tuple[float, int, float]] = collections.deque()
        self._lock = threading.Lock()  # FFmpeg's reader adds, the API's status reads

    def add(self, out_time: float, frames: int, now: float | None = None) -> None:
        with self._lock:
            self._add(out_time, frames, time.monotonic() if now is None else now)

    def _add(self, out_time: float, frames: int, now: float) -> None:
        if self.samples:
            last_time, last_frames, last_now = self.samples[-1]
            if out_time <= last_time or frames < last_frames:
                if out_time < last_time:  # the camera's clock went back: start again
                    self.samples.clear()
                else:
                    return
            # Stream time far ahead of the wall clock is a timestamp jump, not lost frames.
            elif out_time - last_time > 2 * (now - last_now) + 5:
                self.samples.clear()
        self.samples.append((out_time, frames, now))
        while len(self.samples) > 2 and out_time - self.samples[1][0] >= self.window:
            self.samples.popleft()

    def figure(self, fps: float | None) -> dict | None:
        """percent lost, frames written and expected over `seconds` of stream; full: the
        window is covered (only then does a figure raise an event)."""
        with self._lock:
            if not fps or len(self.samples) < 2:
                return None
            (t0, f0, _), (t1, f1, _) = self.samples[0], self.samples[-1]
        expected = (t1 - t0) * fps
        if expected < 1:
            return None
        frames = f1 - f0
        return {"percent": round(max(0.0, 100.0 * (1 - frames / expected)), 2), "frames": frames,
                "expected": round(expected), "seconds": round(t1 - t0, 1),
                "full": t1 - t0 >= self.window * 0.95}


def loss_label(figure: dict) -> str:
    lost = max(0, figure["expected"] - figure["frames"])
    return (f"{figure['percent']:.1f} % of frames lost over {figure['seconds']:.0f} s "
            f"({lost} of {figure['expected']})")


class LossEvents:
    """One frame_loss event per spell of loss: it starts where the window that crossed
    WARN_PERCENT starts, its label keeps the worst figure, it ends when the loss clears."""

    def __init__(self, sessions: sessionmaker[Session], camera_id: int):
        self.sessions = sessions
        self.camera_id = camera_id
        self.event_id: int | None = None
        self.worst = 0.0

    def update(self, figure: dict | None) -> None:
        if figure is None or not figure["full"]:
            return
        percent = figure["percent"]
        if self.event_id is None and percent > WARN_PERCENT:
            with self.sessions.begin() as s:
                ev = Event(camera_id=self.camera_id, kind=EventKind.FRAME_LOSS, label=loss_label(figure),
                           start=utcnow() - timedelta(seconds=figure["seconds"]))
                s.add(ev)
                s.flush()
                self.event_id, self.worst = ev.id, percent
        elif self.event_id is not None and percent > self.worst:
            self.worst = percent
            with self.sessions.begin() as s:
                s.get(Event, self.event_id).label = loss_label(figure)
        elif self.event_id is not None and percent < CLEAR_PERCENT:
            self.end(utcnow())

    @property
    def active(self) -> bool:
        return self.event_id is not None

    def end(self, at: datetime) -> None:
        """The loss cleared, or the recording stopped (an offline event takes over)."""
        if self.event_id is None:
            return
        with self.sessions.begin() as s:
            ev = s.get(Event, self.event_id)
            if ev is not None and ev.end is None:
                ev.end = max(at, ev.start)
        self.event_id = None

    def end_stale(self) -> None:
        """Events a recorder that died left open: they end at its last segment's end."""
        with self.sessions.begin() as s:
            last = last_recorded(s, self.camera_id)
            for ev in s.scalars(select(Event).where(Event.camera_id == self.camera_id, Event.kind == EventKind.FRAME_LOSS,
                                                    Event.end.is_(None))):
                ev.end = max(last or ev.start, ev.start)
