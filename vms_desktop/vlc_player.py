"""One libVLC media player embedded in a Qt widget, its events re-emitted as Qt signals. This
module is the only one that calls libVLC: the rest of the client says what it wants played,
paused or shown, and never sees libVLC's media, states or return codes.

libVLC calls its event callbacks on its own threads and is not re-entrant: the callbacks
only emit signals, which Qt queues to the GUI thread where the player may be called again.
"""

from __future__ import annotations

import ctypes
import logging
import sys
import time
from pathlib import Path

import vlc
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from vms_api.client import PlayerSource
from vms_api.recorder_stream import RecorderStream

log = logging.getLogger(__name__)
_instance: vlc.Instance | None = None
# Live view: a short network buffer keeps camera-to-screen latency under a second.
LIVE_CACHING_MS = 300
# libVLC's own limits on the playback rate (INPUT_RATE_MIN / INPUT_RATE_MAX).
MIN_RATE, MAX_RATE = 1 / 32, 32.0


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


def vlc_library() -> ctypes.CDLL:
    """The libVLC shared library python-vlc loaded (the packaging check reports its file)."""
    return vlc.dll


RECORDING_CACHING_MS = 300  # enough for the site's network; the recorder's files are there already


UNKNOWN_SIZE = 2**64 - 1  # libVLC's UINT64_MAX: a stream whose end is not known (live)


class _StreamCallbacks:
    """libVLC's four callbacks reading a RecorderStream, on libVLC's input thread. libVLC keeps
    only C pointers to them: they live as long as the player holds this object."""

    def __init__(self, stream: RecorderStream):
        self.stream = stream
        self.open = vlc.CallbackDecorators.MediaOpenCb(self._open)
        self.read = vlc.CallbackDecorators.MediaReadCb(self._read)
        self.seek = vlc.CallbackDecorators.MediaSeekCb(self._seek) if stream.seekable else None
        self.close = vlc.CallbackDecorators.MediaCloseCb(self._close)

    # Each returns libVLC's error code instead of raising: an exception cannot cross into C.
    def _open(self, _opaque, _datap, sizep) -> int:
        try:
            size = self.stream.open()
        except Exception as e:  # refused (403, 404), or the link is down: the player shows an error
            log.info("could not open %s: %s", self.stream, e)
            return -1
        sizep[0] = UNKNOWN_SIZE if size is None else size
        return 0

    def _read(self, _opaque, buf, length: int) -> int:
        try:
            data = self.stream.read(length)
        except Exception as e:
            log.info("reading %s failed: %s", self.stream, e)
            return -1
        ctypes.memmove(buf, data, len(data))
        return len(data)

    def _seek(self, _opaque, offset: int) -> int:
        try:
            self.stream.seek(offset)
        except Exception as e:
            log.info("seeking in %s failed: %s", self.stream, e)
            return -1
        return 0

    def _close(self, _opaque) -> None:
        self.stream.close()

    def media(self) -> vlc.Media:
        return vlc_instance().media_new_callbacks(self.open, self.read, self.seek, self.close, None)


def _is_url(source: PlayerSource | Path) -> bool:
    return isinstance(source, str) and "://" in source


class VlcPlayer(QObject):
    """What the client asks of a player: open a live stream, a recording or a file; play,
    pause, seek, step; rate, volume and mute; a snapshot of the frame on screen."""

    playing = Signal()
    stopped = Signal()
    error = Signal()
    time_changed = Signal(int)  # ms into the media
    ended = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._callbacks: _StreamCallbacks | None = None  # the media's, if it reads a RecorderStream
        self._next_callbacks: _StreamCallbacks | None = None  # the media being made's
        self._time_mark: tuple[int, float] | None = None  # libVLC's last new time, and when it came
        self._player = vlc_instance().media_player_new()
        self._player.video_set_mouse_input(False)
        self._player.video_set_key_input(False)  # double-click and keys go to Qt
        events = self._player.event_manager()
        for kind, signal in ((vlc.EventType.MediaPlayerPlaying, self.playing),
                             (vlc.EventType.MediaPlayerStopped, self.stopped),
                             (vlc.EventType.MediaPlayerEncounteredError, self.error),
                             (vlc.EventType.MediaPlayerEndReached, self.ended)):
            events.event_attach(kind, lambda _e, s=signal: s.emit())
        events.event_attach(vlc.EventType.MediaPlayerTimeChanged, self._on_time)

    def _on_time(self, event) -> None:
        # Stamped on libVLC's thread, as it comes: the stamp says when libVLC's time had that value.
        self._time_mark = (event.u.new_time, time.monotonic())
        self.time_changed.emit(event.u.new_time)

    @property
    def libvlc_player(self) -> vlc.MediaPlayer:
        """libVLC's own player, for benchmarks that time libVLC itself; the client never uses it."""
        return self._player

    def show_in(self, widget: QWidget) -> None:
        win = int(widget.winId())
        if sys.platform.startswith("linux"):
            self._player.set_xwindow(win)
        elif sys.platform == "win32":
            self._player.set_hwnd(win)
        elif sys.platform == "darwin":
            self._player.set_nsobject(win)

    # -- what to play -----------------------------------------------------------------------

    def play_live(self, source: PlayerSource, mute: bool = True) -> None:
        media = self._media(source)
        media.add_option(f":network-caching={LIVE_CACHING_MS}")
        media.add_option(":clock-jitter=0")
        if mute:
            media.add_option(":no-audio")
        self._start(media)

    def play_file(self, source: PlayerSource | Path) -> None:
        """A file from its start, with libVLC's own choice of demuxer."""
        self._start(self._media(source))

    def play_recording(self, source: PlayerSource | Path, at_s: float = 0.0, start_paused: bool = False) -> None:
        """One of the recorder's segment files (its URL on the recorder, or a file: the
        benchmark's floor), from at_s seconds into it; start_paused opens it ready to go on, its
        first frame decoded but not played."""
        media = self._media(source)
        # FFmpeg's demuxer for our fragmented MP4: libVLC's own walks every fragment of an hour's
        # file on open (~200 ms) and lands seeks on the next keyframe, up to a GOP late.
        media.add_option(":demux=avformat,any")
        if _is_url(source):  # the recorder's HTTP: its 1 s default buffer is most of an open's wait
            media.add_option(f":network-caching={RECORDING_CACHING_MS}")
        if at_s > 0.05:
            media.add_option(f":start-time={at_s:.3f}")
        if start_paused:
            media.add_option(":start-paused")
        self._start(media)

    def _media(self, source: PlayerSource | Path) -> vlc.Media:
        """A URL (the recorder on this machine), the bytes of a recorder across the network, or
        a file on this machine (the smoke test, benchmarks' floor)."""
        self._end_reading()  # set_media stops the last media, which waits for its reading thread
        self._next_callbacks = None
        if isinstance(source, RecorderStream):
            self._next_callbacks = _StreamCallbacks(source)
            return self._next_callbacks.media()
        if _is_url(source):
            return vlc_instance().media_new(source)
        return vlc_instance().media_new_path(str(source))

    def _end_reading(self) -> None:
        if self._callbacks is not None:
            self._callbacks.stream.abort()

    def _start(self, media: vlc.Media) -> None:
        # the last media's callbacks stay alive until set_media has stopped its reading thread
        last, self._callbacks = self._callbacks, self._next_callbacks
        self._time_mark = None
        self._player.set_media(media)
        del last
        self._player.play()

    # -- playing ----------------------------------------------------------------------------

    def set_paused(self, paused: bool) -> None:
        self._player.set_pause(1 if paused else 0)

    def restart(self) -> None:
        """The media held, again from its start: a finished libVLC player only plays again after stop."""
        self._player.stop()
        self._player.play()

    def stop(self) -> None:
        self._end_reading()
        self._player.stop()

    def is_playing(self) -> bool:
        return bool(self._player.is_playing())

    @property
    def at_end(self) -> bool:
        """The media played to its end (an end event may still be queued for a media replaced since)."""
        return self._player.get_state() == vlc.State.Ended

    @property
    def failed(self) -> bool:
        """The media could not be played (an error event may still be queued for a media replaced since).
        A URL that cannot be opened (404) leaves the player Ended, not in Error, and without a length."""
        state = self._player.get_state()
        return state == vlc.State.Error or state == vlc.State.Ended and self._player.get_length() <= 0

    @property
    def position_ms(self) -> int | None:
        """Where in the media the player is; None with no media."""
        ms = self._player.get_time()
        return None if ms is None or ms < 0 else ms

    @property
    def playing_position_ms(self) -> float | None:
        """Where in the media the player is, to a few ms while playing. libVLC 3 updates its
        time only every 250 ms or so: the last update, plus the time since it came at the
        current rate. Synchronized tiles compare these; a 250 ms step would read as drift."""
        mark = self._time_mark
        if mark is None or not self._player.is_playing():
            return self.position_ms
        since = time.monotonic() - mark[1]
        if since > 0.6:  # no update for a while (a stall): libVLC's own figure
            return self.position_ms
        return mark[0] + since * 1000 * self._player.get_rate()

    def seek(self, ms: int) -> None:
        self._time_mark = None
        self._player.set_time(int(ms))

    def seek_fraction(self, fraction: float) -> None:
        """To a share of the media's length (0 to 1)."""
        self._player.set_position(fraction)

    def next_frame(self) -> None:
        self._player.next_frame()

    @property
    def length_ms(self) -> int:
        """The media's length; 0 until libVLC knows it (or if the file has no frame)."""
        return max(0, self._player.get_length())

    @property
    def fps(self) -> float:
        """Frames per second of the media; 0 while unknown."""
        return self._player.get_fps() or 0.0

    @property
    def rate(self) -> float:
        return self._player.get_rate()

    @rate.setter
    def rate(self, rate: float) -> None:
        self._player.set_rate(min(MAX_RATE, max(MIN_RATE, rate)))

    # -- sound and picture ------------------------------------------------------------------

    @property
    def volume(self) -> int:
        """0 to 100."""
        return self._player.audio_get_volume()

    @volume.setter
    def volume(self, volume: int) -> None:
        self._player.audio_set_volume(int(volume))

    @property
    def muted(self) -> bool:
        return bool(self._player.audio_get_mute())

    @muted.setter
    def muted(self, muted: bool) -> None:
        self._player.audio_set_mute(muted)

    def video_size(self) -> tuple[int, int]:
        return self._player.video_get_size(0) or (0, 0)

    def snapshot(self, path: Path | str) -> bool:
        """The frame on screen, full size, as a picture file (its type from the name); False if
        there is no picture to take."""
        return self._player.video_take_snapshot(0, str(path), 0, 0) == 0

    def release(self) -> None:
        self.stop()
        self._player.release()
        self._callbacks = None
