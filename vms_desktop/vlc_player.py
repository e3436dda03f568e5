"""One libVLC media player embedded in a Qt widget, its events re-emitted as Qt signals.

libVLC calls its event callbacks on its own threads and is not re-entrant: the callbacks
only emit signals, which Qt queues to the GUI thread where the player may be called again.
"""

from __future__ import annotations

import logging
import sys

import vlc
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)
_instance: vlc.Instance | None = None
# Live view: a short network buffer keeps camera-to-screen latency under a second.
LIVE_CACHING_MS = 300


def vlc_instance() -> vlc.Instance:
    """The process's one libVLC instance (making one costs ~100 ms and loads every plugin)."""
    global _instance
    if _instance is None:
        args = ["--quiet", "--no-video-title-show", "--no-snapshot-preview", "--no-osd",
                "--no-stats", "--no-sub-autodetect-file"]
        if sys.platform.startswith("linux"):
            args.append("--no-xlib")  # Qt owns Xlib; libVLC's video outputs use xcb
        _instance = vlc.Instance(args)
        if _instance is None:
            raise RuntimeError("libVLC could not start; install VLC's libraries and plugins")
    return _instance


def vlc_version() -> str:
    return vlc.libvlc_get_version().decode()


class VlcPlayer(QObject):
    playing = Signal()
    stopped = Signal()
    error = Signal()
    time_changed = Signal(int)  # ms into the media
    ended = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.player = vlc_instance().media_player_new()
        self.player.video_set_mouse_input(False)
        self.player.video_set_key_input(False)  # double-click and keys go to Qt
        events = self.player.event_manager()
        for kind, signal in ((vlc.EventType.MediaPlayerPlaying, self.playing),
                             (vlc.EventType.MediaPlayerStopped, self.stopped),
                             (vlc.EventType.MediaPlayerEncounteredError, self.error),
                             (vlc.EventType.MediaPlayerEndReached, self.ended)):
            events.event_attach(kind, lambda _e, s=signal: s.emit())
        events.event_attach(vlc.EventType.MediaPlayerTimeChanged,
                            lambda e: self.time_changed.emit(e.u.new_time))

    def show_in(self, widget: QWidget) -> None:
        win = int(widget.winId())
        if sys.platform.startswith("linux"):
            self.player.set_xwindow(win)
        elif sys.platform == "win32":
            self.player.set_hwnd(win)
        elif sys.platform == "darwin":
            self.player.set_nsobject(win)

    def play_live(self, url: str, mute: bool = True) -> None:
        media = vlc_instance().media_new(url)
        media.add_option(f":network-caching={LIVE_CACHING_MS}")
        media.add_option(":clock-jitter=0")
        if mute:
            media.add_option(":no-audio")
        self.player.set_media(media)
        self.player.play()

    def stop(self) -> None:
        self.player.stop()

    def is_playing(self) -> bool:
        return bool(self.player.is_playing())

    def video_size(self) -> tuple[int, int]:
        return self.player.video_get_size(0) or (0, 0)

    def release(self) -> None:
        self.player.stop()
        self.player.release()
