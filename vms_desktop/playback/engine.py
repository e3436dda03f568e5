"""Playing a camera's recordings as one continuous stream of wall-clock time: which file to
open at which offset, the next file when one ends, gaps skipped with a notice, the growing
file followed at the live edge, and the wall-clock time of the frame on screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from vms_desktop.playback.timemap import Position, Span, TimeMap
from vms_desktop.tasks import run_in_background
from vms_desktop.vlc_player import VlcPlayer

POSITION_MS = 200  # how often the shown wall-clock time follows the player
LIVE_SPAN_ID = -1  # the file being written has no index row yet
GAP_NOTICE = timedelta(seconds=2)
PRELOAD = timedelta(seconds=3)  # the next file is opened this long before the playing one ends


class PlaybackEngine(QObject):
    """Two libVLC players take turns: while one plays a file, the other opens the next one,
    paused, in a window underneath; at the join they swap, so a boundary costs a frame or two
    instead of a file open (a quarter of a second for an hour of fragmented MP4)."""

    position = Signal(object)  # UTC datetime of the frame on screen
    notice = Signal(str)  # for the operator: gap skipped, file gone, end reached
    state_changed = Signal(bool)  # playing?

    def __init__(self, url_of: Callable[[Span], str], gone: Callable[[Span], bool], parent: QObject | None = None):
        """url_of: where the recorder serves a span's file (no request made: called on the GUI
        thread); gone: whether the recorder no longer has it (a request: run off the GUI thread)."""
        super().__init__(parent)
        self.players = (VlcPlayer(self), VlcPlayer(self))
        self.surfaces: tuple[QWidget, ...] = ()
        self.active = 0
        self.url_of, self.gone = url_of, gone
        self.timemap = TimeMap([])
        self.span: Span | None = None
        self.standby: Position | None = None  # what the other player holds, ready to go on
        # ms into the file of the frame stood on, where libVLC's own time says otherwise: after a
        # pause (its time lags in quarter-second steps), a paused open, and frame steps
        self._stepped_to: int | None = None
        self._hold_at: int | None = None  # opened paused: ms into the file to stand on once it plays
        self.rate = 1.0
        self.want_playing = True
        self._clock = QTimer(self, interval=POSITION_MS, timeout=self._tick)
        for i, player in enumerate(self.players):
            player.ended.connect(lambda i=i: self._file_ended() if i == self.active else None)
            player.error.connect(lambda i=i: self._file_error() if i == self.active else self._drop_standby())
            player.playing.connect(lambda i=i: self._started() if i == self.active else None)
            player.time_changed.connect(lambda _ms, i=i: self._moved() if i == self.active else None)

    @property
    def vlc(self) -> VlcPlayer:
        """The player on screen."""
        return self.players[self.active]

    def show_in(self, first: QWidget, second: QWidget) -> None:
        """Two stacked native windows of the same size, one per player."""
        self.surfaces = (first, second)
        for player, surface in zip(self.players, self.surfaces):
            player.show_in(surface)
        first.raise_()

    # -- what there is to play ------------------------------------------------------------

    def set_spans(self, spans: list[Span]) -> None:
        self.timemap = TimeMap(spans)
        if self.span is not None:  # the growing file gets a new end each refresh
            same = next((s for s in spans if s.id == self.span.id and s.path == self.span.path
                         and s.window == self.span.window), None)
            if same is not None:
                self.span = same

    def now(self, smooth: bool = False) -> datetime | None:
        """The wall-clock time of the frame on screen; smooth: to a few ms while playing
        (libVLC's own moves in steps of a quarter second)."""
        if self.span is None:
            return None
        if self._stepped_to is not None:
            ms = self._stepped_to
        else:
            ms = self.vlc.playing_position_ms if smooth else self.vlc.position_ms
        if ms is None:
            return None
        return self.span.start + timedelta(milliseconds=ms)

    # -- commands ---------------------------------------------------------------------------

    def seek(self, t: datetime, quiet: bool = False, reopen: bool = False) -> bool:
        """Show the frame recorded at t, or the next recorded one after a gap; reopen: open the
        file afresh even if it is the one playing (a paused seek then lands on that frame
        exactly, which libVLC's seek in a paused file does not always do)."""
        pos = self.timemap.next_recorded(t)
        if pos is None:
            self.notice.emit(self.tr("Nothing recorded after {t}").format(t=_hms(t)))
            return False
        if not quiet:
            self._say_gap(t, pos.instant)
        if reopen:
            self._open(pos.span, pos.offset)
        else:
            self._go(pos)
        return True

    @property
    def holding(self) -> bool:
        """Opened paused, and not yet standing on its frame."""
        return self._hold_at is not None

    def toggle(self) -> None:
        self.set_playing(not self.want_playing)

    def set_playing(self, playing: bool) -> None:
        self.want_playing = playing
        if playing:
            self._stepped_to = self._hold_at = None
        elif self.span is not None and not self.holding and self.vlc.is_playing():
            # libVLC's time moves in steps of a quarter second and stays where it was when
            # paused: the frame paused on is nearer to the time interpolated since.
            # On the frame grid, as libVLC's own times are: a step back then seeks to a frame's
            # own time, not between two.
            at, frame = self.vlc.playing_position_ms, 1000 / (self.vlc.fps or 15.0)
            if at is not None:
                self._stepped_to = int(at // frame * frame)
        if self.span is not None and not self.holding:  # a hold pauses itself once its frame is out
            self.vlc.set_paused(not playing)
        self.state_changed.emit(playing)

    def set_rate(self, rate: float) -> None:
        self.rate = rate
        self.vlc.rate = rate
        if rate != 1.0:
            self._drop_standby()

    def step(self, forward: bool) -> None:
        """One frame forward (libVLC's own); back: a precise seek one frame earlier."""
        self.set_playing(False)
        fps = self.vlc.fps or 15.0
        if self.holding:  # not on its frame yet: it lands a frame further
            self._hold_at = max(0, int(self._hold_at + (1 if forward else -1) * 1000 / fps))
        elif forward:
            # From a paused open libVLC's time stays where it was before the open until it plays:
            # the frame stood on, counted on; else libVLC's time.
            if self._stepped_to is not None:
                self._stepped_to = int(self._stepped_to + 1000 / fps)
            self.vlc.next_frame()
        else:
            # Counted from the last step's target: right after a paused seek, libVLC's time is
            # that of the keyframe it decoded from, and steps would drift back a GOP at a time.
            ms = self._stepped_to if self._stepped_to is not None else self.vlc.position_ms or 0
            self._stepped_to = max(0, int(ms - 1000 / fps))
            self.vlc.seek(self._stepped_to)
        QTimer.singleShot(120, self._tick)

    def stop(self) -> None:
        """Nothing to show (a day without recordings): no picture, no clock."""
        self.span = None
        self._clock.stop()
        self._drop_standby()
        self.vlc.stop()

    def close(self) -> None:
        self._clock.stop()
        self.span = None  # a reopen still waiting (the live edge) must not touch a released player
        for player in self.players:
            player.release()

    # -- files ------------------------------------------------------------------------------

    def _go(self, pos: Position) -> None:
        self._drop_standby()
        self._stepped_to = None
        same_file = (self.span is not None and pos.span.path == self.span.path and pos.span.window == self.span.window
                     and self.vlc.length_ms > 0)
        if same_file and self.vlc.is_playing() or same_file and not self.want_playing:
            self.span = pos.span
            self.vlc.seek(int(pos.offset * 1000))
            QTimer.singleShot(60, self._tick)
            return
        self._open(pos.span, pos.offset)

    def _open(self, span: Span, offset: float) -> None:
        self._drop_standby()
        self._stepped_to = None
        self.span = span
        # A file the recorder no longer has fails to open (404): see _file_failed.
        self.vlc.play_recording(self.url_of(span), offset)
        # Paused: it plays until its time first moves, then stands on the frame at the offset.
        # libVLC shows no picture for a media opened paused, nor for one paused before its
        # first frame is out (the Playing event comes before that).
        self._hold_at = None if self.want_playing else int(offset * 1000)
        self._clock.start()

    # -- the next file, opened ahead --------------------------------------------------------------

    def _preload(self) -> None:
        span = self.span
        # Not at other speeds: a paused standby there was seen to start seconds into its file.
        if span is None or self._growing(span) or self.standby is not None or self.rate != 1.0:
            return
        now = self.now()
        if now is None or span.end - now > PRELOAD:
            return
        nxt = self.timemap.after(span)
        if nxt is None:
            return
        # A missing file fails in the standby player, which is then dropped: said when playback gets there.
        self.standby = nxt
        self.players[1 - self.active].play_recording(self.url_of(nxt.span), nxt.offset, start_paused=True)

    def _swap(self, nxt: Position) -> None:
        old = self.vlc
        self.active = 1 - self.active
        self.span, self.standby = nxt.span, None
        self.surfaces and self.surfaces[self.active].raise_()
        self.vlc.rate = self.rate
        self.vlc.volume = old.volume
        self.vlc.muted = old.muted
        if self.want_playing:
            self.vlc.set_paused(False)
        old.stop()  # its file has ended: quick, and it must be free before the next preload

    def _drop_standby(self) -> None:
        if self.standby is not None:
            self.standby = None
            self.players[1 - self.active].stop()

    def _started(self) -> None:
        if self.rate != 1.0:
            self.vlc.rate = self.rate
        if not self.want_playing and self._hold_at is None:
            self.vlc.set_paused(True)

    def _moved(self) -> None:
        if self._hold_at is not None and not self.want_playing:
            at, self._hold_at = self._hold_at, None
            self.vlc.set_paused(True)
            self.vlc.seek(at)
            # libVLC's time stays where it paused until it plays again: the frame is at's
            self._stepped_to = at

    def _file_ended(self) -> None:
        # Called through a queued signal: safe to drive libVLC from here.
        span = self.span
        if span is None or not self.vlc.at_end:  # stale: see _file_error
            return
        if self._growing(span):  # caught up with the file being written: wait, then reopen
            offset = (self.now() or span.end) - span.start
            QTimer.singleShot(1000, lambda: self._open(self.span, max(0.0, offset.total_seconds() - 0.5))
                              if self.span is span else None)
            return
        if self.vlc.length_ms <= 0:  # "ended" without a single frame: unreadable
            self._file_failed()
            return
        nxt = self.timemap.after(span)
        if nxt is None:
            self._drop_standby()
            self.notice.emit(self.tr("End of the recordings"))
            self.set_playing(False)
            return
        self._say_gap(span.end, nxt.span.start)
        if self.standby is not None and self.standby.span.id == nxt.span.id:
            self._swap(self.standby)
        else:
            self._open(nxt.span, nxt.offset)

    def _growing(self, span: Span) -> bool:
        """The part of the file being written that grows: its last window (or all of it)."""
        return span.id == LIVE_SPAN_ID and self.timemap.after(span) is None

    def _file_error(self) -> None:
        # An end or error queued for the media the player held before the one just set is
        # stale: it must not pass the new file over as unreadable.
        if self.vlc.failed:
            self._file_failed()

    def _file_failed(self) -> None:
        """The player cannot open or read the file: ask the recorder (off the GUI thread) whether
        it is gone or damaged, say which, and go on with the next one."""
        span = self.span
        if span is None:
            return

        def say(gone: bool) -> None:
            if self.span is not span:  # the operator went elsewhere meanwhile
                return
            self._skip(span, self.tr("The recording from {t} is no longer on disk (removed by retention?)")
                       .format(t=_hms(span.start)) if gone else
                       self.tr("The recording from {t} cannot be played; going on with the next")
                       .format(t=_hms(span.start)))

        run_in_background(lambda: self.gone(span), say, lambda _e: say(False), owner=self)

    def _skip(self, span: Span, why: str) -> None:
        """Say why a file is passed over, and go on with the one after it."""
        self.notice.emit(why)
        nxt = self.timemap.after(span)
        self.span = None
        if nxt is not None:
            self._open(nxt.span, nxt.offset)

    def _say_gap(self, a: datetime, b: datetime) -> None:
        if b - a > GAP_NOTICE:
            self.notice.emit(self.tr("No recording from {a} to {b}: skipped").format(a=_hms(a), b=_hms(b)))

    def _tick(self) -> None:
        t = self.now()
        if t is not None:
            self.position.emit(t)
            self._preload()


def _hms(t: datetime) -> str:
    return t.astimezone().strftime("%H:%M:%S")
