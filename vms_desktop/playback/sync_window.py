"""Synchronized playback: 2 to 16 cameras at the same wall-clock instant on one timeline, to
follow a person from camera to camera. Play, pause, speed, frame step, seek and the next event
act on every tile; a camera with nothing recorded at that instant says so in its tile and joins
in when its footage begins. Double-click a tile to make it large, as in the live grid.

Each tile is a playback engine of its own (its files, gaps, the growing file); the window owns
one clock (sync_clock.MasterClock) and, ten times a second, steers every tile to it."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from vms_api import models as m
from vms_desktop.events.rows import EventRow, parse_rows
from vms_desktop.live.layout import auto_side
from vms_desktop.messages import error_text
from vms_desktop.playback.engine import PlaybackEngine
from vms_desktop.playback.player_window import (
    MARGIN,
    PRE_ROLL,
    REFRESH_MS,
    SPEEDS,
    VideoStack,
    control_button,
    recorded_spans,
    show_date,
    span_gone,
    span_url,
)
from vms_desktop.playback.sync_clock import MasterClock, steered_rate
from vms_desktop.playback.timeline import Timeline, describe_event
from vms_desktop.playback.timemap import local_day
from vms_desktop.recorder_link import RecorderApi
from vms_desktop.tasks import run_in_background

MAX_CAMERAS = 16
TICK_MS = 100  # how often every tile is steered to the clock
SETTLE_S = 3.0  # after a seek the clock waits this long at most for every tile's frame
PAUSED_SLACK = timedelta(milliseconds=250)  # paused tiles further than this from the clock are moved
SEEKING_S = 4.0  # a tile seeking is left alone this long, unless it arrives sooner


class SyncTile(QFrame):
    """One camera of synchronized playback: its video (two players taking turns), or why there
    is none at the clock's instant."""

    double_clicked = Signal(int)  # the camera's id

    def __init__(self, camera: m.CameraStatus, api: RecorderApi, parent: QWidget):
        super().__init__(parent)
        self.camera = camera
        self.setObjectName("tile")
        self.name = QLabel(camera.name, self)
        self.name.setObjectName("tileName")
        self.note = QLabel(self)
        self.note.setObjectName("tileNote")
        header = QHBoxLayout()
        header.setContentsMargins(8, 3, 8, 3)
        header.addWidget(self.name, 1)
        header.addWidget(self.note)
        self.video = VideoStack(self)
        self.gap = QLabel(self)
        self.gap.setObjectName("syncGap")
        self.gap.setAlignment(Qt.AlignCenter)
        self.gap.setWordWrap(True)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.video)
        self.pages.addWidget(self.gap)
        box = QVBoxLayout(self)
        box.setContentsMargins(1, 1, 1, 1)
        box.setSpacing(0)
        box.addLayout(header)
        box.addWidget(self.pages, 1)
        self.engine = PlaybackEngine(lambda span: span_url(api, camera.id, span), lambda span: span_gone(api, span), self)
        self.engine.show_in(*self.video.surfaces)
        self.engine.set_playing(False)
        self.engine.notice.connect(self.note.setText)  # a file gone or unreadable; gaps are shown below
        self._seeking: tuple[datetime, float] | None = None  # target, and until when it is left alone
        self._waiting_at: datetime | None = None  # in a gap: the instant its footage resumes

    @property
    def showing(self) -> bool:
        return self.pages.currentIndex() == 0

    def go(self, t: datetime) -> None:
        """Paused on the frame at t, or, in a gap, ready on the first frame after it."""
        self.engine.set_playing(False)
        if self.engine.timemap.locate(t) is None:
            self._wait_in_gap(t)
            return
        self._show_video()
        self._seek(t)

    def ready(self, t: datetime) -> bool:
        """Shows the frame at t (or has nothing to show there)."""
        if self.engine.timemap.locate(t) is None:
            return True
        now = self.engine.now()
        return (now is not None and self.engine.vlc.length_ms > 0 and not self.engine.holding
                and abs(now - t) <= PAUSED_SLACK)

    def follow(self, master: datetime, rate: float, running: bool, mono: float) -> None:
        """Brought towards the clock: played, paused, a little faster or slower, or moved."""
        engine = self.engine
        if engine.timemap.locate(master) is None:
            if engine.want_playing:
                engine.set_playing(False)
            self._wait_in_gap(master)
            return
        self._show_video()
        now = engine.now(smooth=True)
        if self._seeking is not None:
            target, until = self._seeking
            if now is None or abs(now - master) > timedelta(seconds=1) and mono < until:
                if running and not engine.want_playing:
                    engine.set_playing(True)  # the seek was made paused: it catches up from here
                return
            self._seeking = None
        if now is None:
            self._seek(master, running)
            return
        drift = (now - master).total_seconds()
        if not running:
            if engine.want_playing:
                engine.set_playing(False)
            if abs(drift) > PAUSED_SLACK.total_seconds():
                self._seek(master)
            return
        steered = steered_rate(drift, rate)
        if steered is None:
            self._seek(master, True)
            return
        if not engine.want_playing:
            engine.set_playing(True)
        if abs(engine.vlc.rate - steered) > 1e-3:
            engine.vlc.rate = steered

    def _seek(self, t: datetime, playing: bool = False) -> None:
        self.engine.set_playing(playing)
        self.engine.seek(t, quiet=True, reopen=not playing)
        self._seeking = (t, time.monotonic() + SEEKING_S)

    def _wait_in_gap(self, t: datetime) -> None:
        nxt = self.engine.timemap.next_recorded(t)
        resumes = nxt.instant if nxt is not None else None
        if resumes is not None and resumes != self._waiting_at:
            self.engine.seek(resumes, quiet=True)  # paused on its first frame: joins without an open
        self._waiting_at = resumes
        self._seeking = None
        tz = datetime.now().astimezone().tzinfo
        if resumes is None:
            text = self.tr("No recording at {t}").format(t=t.astimezone(tz).strftime("%H:%M:%S"))
        else:
            text = self.tr("No recording at {t}\nit resumes at {resume}").format(
                t=t.astimezone(tz).strftime("%H:%M:%S"), resume=resumes.astimezone(tz).strftime("%d/%m %H:%M:%S"))
        self.gap.setText(text)
        self.pages.setCurrentIndex(1)

    def _show_video(self) -> None:
        self._waiting_at = None
        self.pages.setCurrentIndex(0)

    def mouseDoubleClickEvent(self, _event) -> None:
        self.double_clicked.emit(self.camera.id)

    def close_players(self) -> None:
        self.engine.close()


class SyncPlayerWindow(QWidget):
    """The cameras' tiles in a square grid, one row of controls and one timeline for all."""

    def __init__(self, cameras: list[m.CameraStatus], api: RecorderApi, at: datetime | None = None,
                 playing: bool = True, parent: QWidget | None = None):
        """at: the instant to start from (UTC), by default just before now; playing: or paused there."""
        super().__init__(parent, Qt.Window)
        if not 1 <= len(cameras) <= MAX_CAMERAS:
            raise ValueError(f"synchronized playback takes 1 to {MAX_CAMERAS} cameras, not {len(cameras)}")
        self.setAttribute(Qt.WA_DeleteOnClose)
        self.api = api
        self.tz = datetime.now().astimezone().tzinfo
        start = at or datetime.now(UTC) - timedelta(seconds=10)
        self.day = start.astimezone(self.tz).date()
        self.clock = MasterClock(start)
        self.want_playing = playing
        self.large: int | None = None  # a tile made large by a double-click
        self._settle_until: float | None = None  # after a seek: until every tile shows its frame
        self._first: datetime | None = start  # where to go once the day's files are known
        self._spans_known = False
        self.events: list[EventRow] = []
        self.setWindowTitle(self.tr("Synchronized playback: {names}").format(names=", ".join(c.name for c in cameras)))
        self._build(cameras)
        self.play_button.setIcon(self.style().standardIcon(QStyle.SP_MediaPause if playing else QStyle.SP_MediaPlay))
        self._ticker = QTimer(self, interval=TICK_MS, timeout=self._tick)
        self._ticker.start()
        self._refresh_timer = QTimer(self, interval=REFRESH_MS, timeout=self.refresh)
        self._refresh_timer.start()
        self.load_day(self.day, at=start)

    # -- layout ------------------------------------------------------------------------------

    def _button(self, text: str, tip: str, slot, key=None, icon=None) -> QPushButton:
        return control_button(self, text, tip, slot, key, icon)

    def _build(self, cameras: list[m.CameraStatus]) -> None:
        self.clock_label = QLabel("--:--:--", self)
        self.clock_label.setObjectName("playerClock")
        title = QLabel(self.tr("Synchronized playback of {n} cameras").format(n=len(cameras)), self)
        title.setObjectName("playerTitle")
        top = QHBoxLayout()
        top.addWidget(self._button("", self.tr("Close"), self.close, Qt.Key_Escape, QStyle.SP_TitleBarCloseButton))
        top.addWidget(title, 1)
        top.addWidget(self.clock_label)
        self.grid_area = QWidget(self)
        self.grid = QGridLayout(self.grid_area)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(2)
        self.tiles = [SyncTile(cam, self.api, self.grid_area) for cam in cameras]
        for tile in self.tiles:
            tile.double_clicked.connect(self.toggle_large)
        self._relayout()
        self.play_button = self._button("", self.tr("Play / pause"), self.toggle, Qt.Key_Space, QStyle.SP_MediaPause)
        self.speed = QComboBox(self)
        for s in SPEEDS:
            self.speed.addItem(f"{s:g}×", s)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.speed.currentIndexChanged.connect(lambda i: self.set_rate(SPEEDS[i]))
        self.speed.setFocusPolicy(Qt.NoFocus)
        self.notice = QLabel(self)
        self.notice.setObjectName("playerNotice")
        controls = QHBoxLayout()
        for w in (self._button("", self.tr("Previous frame"), lambda: self.step(False), Qt.Key_Comma,
                               QStyle.SP_MediaSkipBackward),
                  self.play_button,
                  self._button("", self.tr("Next frame"), lambda: self.step(True), Qt.Key_Period,
                               QStyle.SP_MediaSkipForward),
                  self.speed,
                  self._button(self.tr("◀ Event"), self.tr("Previous event"), lambda: self.jump_event(-1), "Ctrl+Left"),
                  self._button(self.tr("Event ▶"), self.tr("Next event"), lambda: self.jump_event(1), "Ctrl+Right"),
                  self._button(self.tr("Now"), self.tr("Go to now"), self.go_live, "End")):
            controls.addWidget(w)
        controls.addWidget(self.notice, 1)
        self.timeline = Timeline(self.tz, self)
        self.timeline.setMinimumHeight(90 + 4 * len(cameras))  # a strip per camera in the bar
        self.timeline.seek_requested.connect(self.seek)
        self.date_edit = QDateEdit(self, calendarPopup=True, displayFormat="dd/MM/yyyy")
        self.date_edit.dateChanged.connect(lambda d: self.load_day(d.toPython()))
        days = QHBoxLayout()
        days.addWidget(self.date_edit)
        days.addWidget(self._button(self.tr("◀ Previous day"), self.tr("Previous day"), lambda: self.shift_day(-1),
                                    Qt.Key_PageUp))
        days.addWidget(self._button(self.tr("Next day ▶"), self.tr("Next day"), lambda: self.shift_day(1),
                                    Qt.Key_PageDown))
        self.lanes_label = QLabel(self.tr("The bar shows each camera's recordings in a strip, in the tiles' order"),
                                  self)
        days.addWidget(self.lanes_label, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 6, 6, 6)
        box.addLayout(top)
        box.addWidget(self.grid_area, 1)
        box.addLayout(controls)
        box.addWidget(self.timeline)
        box.addLayout(days)

    def _relayout(self) -> None:
        for tile in self.tiles:
            self.grid.removeWidget(tile)
        shown = [t for t in self.tiles if self.large in (None, t.camera.id)]
        side = auto_side(len(shown))
        for i in range(MAX_CAMERAS):
            self.grid.setRowStretch(i, 1 if i < side else 0)
            self.grid.setColumnStretch(i, 1 if i < side else 0)
        for i, tile in enumerate(shown):
            self.grid.addWidget(tile, i // side, i % side)
        for tile in self.tiles:
            tile.setVisible(tile in shown)  # hidden tiles play on: back in step when shown again

    def toggle_large(self, camera_id: int) -> None:
        self.large = None if self.large == camera_id else camera_id
        self._relayout()

    # -- the day's files ---------------------------------------------------------------------------

    def load_day(self, day: date, at: datetime | None = None) -> None:
        self.day = day
        show_date(self.date_edit, day)
        start, end = local_day(day, self.tz)
        self.timeline.set_day(start, end)
        if at is not None:
            self._first, self._spans_known = at, False
        self.refresh()

    def shift_day(self, step: int) -> None:
        day = self.day + timedelta(days=step)
        self.load_day(day, at=local_day(day, self.tz)[0])

    def refresh(self) -> None:
        """Every camera's files and events of the day, fetched off the GUI thread."""
        start, end = local_day(self.day, self.tz)
        ids = [t.camera.id for t in self.tiles]

        def fetch() -> tuple:
            status = {c.id: c for c in self.api.status().cameras}
            spans = [recorded_spans(self.api, cid, start - MARGIN, end + MARGIN, status.get(cid)) for cid in ids]
            events = [e for e in parse_rows(self.api.events(start=start - MARGIN, end=end + MARGIN, limit=100_000))
                      if e.camera_id in ids]
            return spans, events

        run_in_background(fetch, self._loaded, lambda e: self.notice.setText(error_text(e)), owner=self)

    def _loaded(self, result: tuple) -> None:
        spans, events = result
        for tile, mine in zip(self.tiles, spans):
            tile.engine.set_spans(mine)
        start, end = local_day(self.day, self.tz)
        lanes = [tile.engine.timemap.runs(start, end) for tile in self.tiles]
        merged = sorted(r for lane in lanes for r in lane)
        now = datetime.now(UTC)
        self.events = sorted(events, key=lambda e: e.start)
        self.timeline.set_data(merged, self.events, live_edge=now if start <= now < end else None)
        self.timeline.set_lanes(lanes)
        self._spans_known = True
        self._go_first()

    def _go_first(self) -> None:
        """The first seek, once the files are known and the window is shown and laid out:
        libVLC sizes its picture from the tile's window when it opens, and a tile opened before
        the layout settled was seen drawing its picture zoomed and cropped for good."""
        if self._first is not None and self._spans_known and self.isVisible():
            first, self._first = self._first, None
            self.seek(first)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._go_first)  # after the layout the show posted

    # -- commands ----------------------------------------------------------------------------------

    def seek(self, t: datetime) -> None:
        """Every tile to the frame at t: the clock holds there until each shows it, then runs
        again if it was running."""
        if t.astimezone(self.tz).date() != self.day:
            self.load_day(t.astimezone(self.tz).date(), at=t)
            return
        self.notice.clear()
        mono = time.monotonic()
        self.clock.run(False, mono)
        self.clock.set(t, mono)
        for tile in self.tiles:
            tile.go(t)
        self._settle_until = mono + SETTLE_S
        self.timeline.set_playhead(t)
        self._show_clock(t)

    def settled(self) -> bool:
        """The day's files are known and the last seek has reached every tile."""
        return self._first is None and self._settle_until is None

    def now(self) -> datetime:
        """The instant every tile is brought to."""
        return self.clock.now(time.monotonic())

    def toggle(self) -> None:
        self.set_playing(not self.want_playing)

    def set_playing(self, playing: bool) -> None:
        self.want_playing = playing
        self.play_button.setIcon(self.style().standardIcon(QStyle.SP_MediaPause if playing else QStyle.SP_MediaPlay))
        if self._settle_until is None:
            self.clock.run(playing, time.monotonic())
        if not playing:
            for tile in self.tiles:
                tile.engine.set_playing(False)
        self._tick()

    def set_rate(self, rate: float) -> None:
        self.clock.set_rate(rate, time.monotonic())
        for tile in self.tiles:
            tile.engine.set_rate(rate)

    def step(self, forward: bool) -> None:
        """One frame on every tile; the clock then stands at the frames shown."""
        self.set_playing(False)
        for tile in self.tiles:
            if tile.showing:
                tile.engine.step(forward)
        QTimer.singleShot(250, self._clock_to_tiles)

    def _clock_to_tiles(self) -> None:
        shown = sorted(t for tile in self.tiles if tile.showing and (t := tile.engine.now()) is not None)
        if shown and not self.want_playing:
            self.clock.set(shown[len(shown) // 2], time.monotonic())

    def jump_event(self, direction: int) -> None:
        here = self.now() + PRE_ROLL  # the event the pre-roll brought us to counts as passed
        if direction > 0:
            ev = next((e for e in self.events if e.start > here + timedelta(seconds=1)), None)
        else:
            ev = next((e for e in reversed(self.events) if e.start < here - timedelta(seconds=1)), None)
        if ev is None:
            self.notice.setText(self.tr("No more events this day"))
            return
        self.seek(ev.start - PRE_ROLL)
        name = next((t.camera.name for t in self.tiles if t.camera.id == ev.camera_id), "")
        self.notice.setText(f"{name}: {describe_event(ev, self.tz)}")

    def go_live(self) -> None:
        self.seek(datetime.now(UTC) - timedelta(seconds=10))

    # -- the clock ------------------------------------------------------------------------------

    def _tick(self) -> None:
        mono = time.monotonic()
        if self._settle_until is not None:
            target = self.clock.anchor
            if not all(tile.ready(target) for tile in self.tiles) and mono < self._settle_until:
                return
            self._settle_until = None
            self.clock.set(target, mono)
            self.clock.run(self.want_playing, mono)
        master = self.clock.now(mono)
        for tile in self.tiles:
            tile.follow(master, self.clock.rate, self.clock.running, mono)
        self._show_clock(master)
        start, end = local_day(self.day, self.tz)
        if start <= master < end:
            self.timeline.set_playhead(master)
        elif master >= end and master.astimezone(self.tz).date() == self.day + timedelta(days=1):
            self.load_day(self.day + timedelta(days=1))  # played on over midnight: the timeline follows

    def _show_clock(self, t: datetime) -> None:
        self.clock_label.setText(t.astimezone(self.tz).strftime("%d/%m/%Y %H:%M:%S"))

    def closeEvent(self, event) -> None:
        self._ticker.stop()
        self._refresh_timer.stop()
        for tile in self.tiles:
            tile.close_players()
        super().closeEvent(event)
