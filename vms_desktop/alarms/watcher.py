"""Following the recorder's alarm queue for the logged-in user: one waiting request at a time
(GET /api/alarms/changes?wait=), so an alarm reaches the workstation as soon as it is raised,
with no polling of its own. Alarms and their sound, escalation and pop-ups: center.py."""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Signal

from vms_desktop.messages import error_text
from vms_desktop.recorder_link import RecorderApi

log = logging.getLogger(__name__)
WAIT_S = 25  # how long one request waits for a change (under any proxy's idle timeout)
RETRY_S = 3  # after a failure (the recorder restarting, the network away)
NOW = 2**62  # "after" beyond any change: the answer is the current counter, and no alarm


class AlarmWatcher(QObject):
    """On its own thread; its signals reach the GUI thread queued. A stop (logout, lock) ends the
    thread after its current request, and what that request brings back is dropped."""

    changed = Signal(object, bool)  # alarms raised or changed (list[m.Alarm]); whether the whole open queue
    failed = Signal(str)  # why the queue cannot be followed right now (empty: it can again)

    def __init__(self, api: RecorderApi, parent: QObject | None = None):
        super().__init__(parent)
        self.api = api
        self._stop: threading.Event | None = None

    @property
    def running(self) -> bool:
        return self._stop is not None

    def start(self) -> None:
        if self._stop is not None:
            return
        self._stop = stop = threading.Event()
        threading.Thread(target=self._run, args=(stop,), name="alarms", daemon=True).start()

    def stop(self) -> None:
        if self._stop is not None:
            self._stop.set()
            self._stop = None

    def _run(self, stop: threading.Event) -> None:
        seq: int | None = None
        failing = False
        while not stop.is_set():
            try:
                if seq is None:  # first, or after a failure: the open queue afresh, then what changes
                    seq = self.api.alarm_changes(after=NOW).seq
                    whole = list(reversed(self.api.alarms(state="open")))
                    if stop.is_set():
                        return
                    self.changed.emit(whole, True)
                got = self.api.alarm_changes(after=seq, wait=WAIT_S)
                if stop.is_set():
                    return
                seq = got.seq
                if failing:
                    failing = False
                    self.failed.emit("")
                if got.alarms:
                    self.changed.emit(got.alarms, False)
            except Exception as e:  # noqa: BLE001 - said, and tried again
                if stop.is_set():
                    return
                log.warning("following the alarms failed: %s", e)
                failing, seq = True, None
                self.failed.emit(error_text(e))
                stop.wait(RETRY_S)
