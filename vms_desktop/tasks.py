"""Slow work (requests to the recorder, probing a camera) off the GUI thread; the result comes
back on the GUI thread through a queued signal."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal


class _Relay(QObject):
    finished = Signal(object, object)  # callback, value


_relay: _Relay | None = None


def run_in_background(work: Callable[[], object], on_done: Callable[[object], None],
                      on_error: Callable[[Exception], None]) -> threading.Thread:
    """Run work() in a thread; on_done(result) or on_error(exception) runs on the GUI thread."""
    global _relay
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
