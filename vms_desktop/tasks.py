"""Slow work (requests to the recorder, probing a camera) off the GUI thread; the result comes
back on the GUI thread through a queued signal."""

from __future__ import annotations

import threading
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, Signal


class _Relay(QObject):
    finished = Signal(object, object)  # callback, value


_relay: _Relay | None = None


def run_in_background(work: Callable[[], object], on_done: Callable[[object], None],
                      on_error: Callable[[Exception], None], owner: QObject | None = None) -> threading.Thread:
    """Run work() in a thread; on_done(result) or on_error(exception) runs on the GUI thread.
    With an owner, the answer is dropped if the owner was deleted meanwhile (a closed window)."""
    global _relay
    if owner is not None:
        on_done, on_error = _while_alive(owner, on_done), _while_alive(owner, on_error)
    if _relay is None:  # made on the GUI thread at first use, so its slots run there
        _relay = _Relay()
        _relay.finished.connect(lambda callback, value: callback(value))
    relay = _relay

    def job() -> None:
        try:
            result = work()
        except Exception as e:  # noqa: BLE001 - handed to on_error
            relay.finished.emit(on_error, e)
        else:
            relay.finished.emit(on_done, result)

    thread = threading.Thread(target=job, daemon=True)
    thread.start()
    return thread


def _while_alive(owner: QObject, callback: Callable[[object], None]) -> Callable[[object], None]:
    return lambda value: callback(value) if shiboken6.isValid(owner) else None
