"""The workstation's alarms: the open queue as the recorder keeps it, a pop-up and a sound for
each new one, and escalation of those left unanswered (the sound again, the tile marked)."""

from __future__ import annotations

import math
import struct
import time
import wave
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from vms_api import models as m
from vms_api.enums import AlarmState
from vms_api.models import utc
from vms_desktop.alarms.watcher import AlarmWatcher
from vms_desktop.recorder_link import RecorderApi
from vms_desktop.tasks import run_in_background
from vms_desktop.vlc_player import VlcPlayer

CHECK_MS = 1000  # how often escalation times are looked at
REPEAT_S = 15  # an escalated alarm sounds again this often until someone answers it


def alarm_tone(path: Path) -> Path:
    """A two-tone chime as a WAV file (made once: no sound file to ship)."""
    if path.exists():
        return path
    rate, frames = 16_000, bytearray()
    for freq, seconds in ((880, 0.25), (660, 0.25), (880, 0.25), (660, 0.35)):
        n = int(rate * seconds)
        for i in range(n):
            fade = min(1.0, i / 400, (n - i) / 400)
            frames += struct.pack("<h", int(12_000 * fade * math.sin(2 * math.pi * freq * i / rate)))
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(bytes(frames))
    return path


class AlarmSound(QObject):
    """The chime through libVLC (the machine's sound output), and the system's bell."""

    def __init__(self, tone: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.tone = tone
        self.player: VlcPlayer | None = None
        self.played = 0  # how many times it sounded (for the status bar's tooltip, and tests)

    def play(self) -> None:
        self.played += 1
        QApplication.beep()
        if self.player is None:
            self.player = VlcPlayer(self)
        self.player.play_file(alarm_tone(self.tone))

    def close(self) -> None:
        if self.player is not None:
            self.player.release()
            self.player = None


class AlarmCenter(QObject):
    queue_changed = Signal()
    popped = Signal(object)  # a new open alarm: show it
    escalated = Signal(object)  # an open alarm past its escalation time
    problem = Signal(str)  # why the queue cannot be followed ("" once it can again)

    def __init__(self, api: RecorderApi, tone: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.api = api
        self.open: dict[int, m.Alarm] = {}
        self.escalated_ids: set[int] = set()
        self.sound = AlarmSound(tone, self)
        self._loaded = False  # the first queue of a session pops nothing up: it is listed
        self._last_sound = 0.0
        self.watcher = AlarmWatcher(api, self)
        self.watcher.changed.connect(self._changed)
        self.watcher.failed.connect(self.problem)
        self._timer = QTimer(self, interval=CHECK_MS, timeout=self._check_escalation)

    def start(self) -> None:
        self.watcher.start()
        self._timer.start()

    def stop(self) -> None:
        """Logged out or locked: nothing is followed, shown or sounded."""
        self.watcher.stop()
        self._timer.stop()
        self.open.clear()
        self.escalated_ids.clear()
        self._loaded = False
        self.queue_changed.emit()

    def close(self) -> None:
        self.stop()
        self.sound.close()

    def _changed(self, alarms: list[m.Alarm], whole: bool) -> None:
        if not self.watcher.running:
            return  # stopped meanwhile
        known = set(self.open)
        if whole:
            self.open = {a.id: a for a in alarms if a.state == AlarmState.OPEN}
        else:
            for a in alarms:
                if a.state == AlarmState.OPEN:
                    self.open[a.id] = a
                else:
                    self.open.pop(a.id, None)
        self.escalated_ids &= set(self.open)
        new = [a for a in alarms if a.state == AlarmState.OPEN and a.id not in known]
        if self._loaded:
            for a in new:
                self.popped.emit(a)
        if new:
            self._sound()
        self._loaded = True
        self.queue_changed.emit()
        self._check_escalation()

    def _sound(self) -> None:
        self._last_sound = time.monotonic()
        self.sound.play()

    def _check_escalation(self) -> None:
        now = datetime.now(UTC)
        due = [a for a in self.open.values() if a.id not in self.escalated_ids and utc(a.escalate_at) <= now]
        for a in due:
            self.escalated_ids.add(a.id)
            self.escalated.emit(a)
        if due:
            self._sound()
            self.queue_changed.emit()
        elif self.escalated_ids and time.monotonic() - self._last_sound >= REPEAT_S:
            self._sound()

    def acknowledge(self, alarm_id: int, comment: str, on_done, on_error) -> None:
        """Off the GUI thread; the queue updates when the recorder says it changed (and here at
        once, for this workstation)."""
        def done(alarm: m.Alarm) -> None:
            self._changed([alarm], False)
            on_done(alarm)

        run_in_background(lambda: self.api.acknowledge_alarm(alarm_id, comment), done, on_error, owner=self)
