"""The fullscreen playback window of one camera: video, controls, the 24 h timeline with its
markers, the clip range (In / Out, preview, save), and the day picker. Esc closes it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path, PurePath

from PySide6.QtCore import QDate, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from vms_api import models as m
from vms_api.client import ApiError
from vms_api.models import utc
from vms_desktop.clips.clip_dialog import format_duration, format_range
from vms_desktop.events.event_list import EventPanel
from vms_desktop.events.rows import EventRow, parse_rows
from vms_desktop.live.tile import VideoSurface
from vms_desktop.messages import error_text
from vms_desktop.playback.bookmarks import BookmarkDialog, BookmarksButton
from vms_desktop.playback.engine import LIVE_SPAN_ID, POSITION_MS, PlaybackEngine
from vms_desktop.playback.timeline import MIN_CLIP, Timeline, describe_event
from vms_desktop.playback.timemap import Span, local_day, windowed
from vms_desktop.recorder_link import RecorderApi
from vms_desktop.settings import client_settings
from vms_desktop.tasks import run_in_background

SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0)
REFRESH_MS = 10_000  # new segments and events reach the timeline this often
PRE_ROLL = timedelta(seconds=3)
MARGIN = timedelta(hours=1)  # files fetched beyond the day, so playback runs on over midnight


def recorded_spans(api: RecorderApi, camera_id: int, start: datetime, end: datetime,
                   cam: m.CameraStatus | None) -> list[Span]:
    """A camera's files between start and end, with the one being written (cam: its status
    row); requests, so off the GUI thread."""
    def closed() -> list[Span]:
        return [w for s in api.recordings(camera_id, start, end, limit=100_000)
                for w in windowed(s.id, utc(s.start), utc(s.end), s.path, s.windows)]

    spans = closed()
    if cam and cam.current_file and cam.current_start:
        try:
            live = api.current_windows(camera_id, PurePath(cam.current_file).name)
        except ApiError:  # closed since the listing: a segment now, listed again (else a hole till the next refresh)
            return closed()
        spans += windowed(LIVE_SPAN_ID, utc(cam.current_start), datetime.now(UTC), cam.current_file, live)
    return spans


def span_url(api: RecorderApi, camera_id: int, span: Span):
    """Where the player reads a span (no request made: called on the GUI thread)."""
    if span.id == LIVE_SPAN_ID:  # the growing file, by its name in the camera's status
        return api.current_url(camera_id, PurePath(span.path).name, span.window)
    return api.segment_url(span.id, span.window)


def span_gone(api: RecorderApi, span: Span) -> bool:
    """Whether the recorder no longer has the span's file (a request)."""
    if span.id == LIVE_SPAN_ID:  # became a segment since: the next refresh lists it
        return True
    return api.segment_gone(span.id)


def show_date(edit: QDateEdit, day: date) -> None:
    """The day picker on day, without asking for that day again."""
    if edit.date().toPython() != day:
        edit.blockSignals(True)
        edit.setDate(QDate(day.year, day.month, day.day))
        edit.blockSignals(False)


def control_button(window: QWidget, text: str, tip: str, slot, key=None, icon=None) -> QPushButton:
    """A player's button: its key in the tooltip and as the window's shortcut; never the focus
    (the keys stay the window's)."""
    b = QPushButton(text, window)
    if icon is not None:  # the style's own icons: no emoji font needed
        b.setIcon(window.style().standardIcon(icon))
    b.setToolTip(tip + (f" ({QKeySequence(key).toString()})" if key else ""))
    b.clicked.connect(slot)
    b.setFocusPolicy(Qt.NoFocus)
    if key is not None:
        QShortcut(QKeySequence(key), window, slot)
    return b


class VideoStack(QWidget):
    """Two video windows on top of each other: the playback engine's two players take turns."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.surfaces = (VideoSurface(self), VideoSurface(self))

    def resizeEvent(self, event) -> None:
        for surface in self.surfaces:
            surface.setGeometry(self.rect())
        super().resizeEvent(event)


class PlayerWindow(QWidget):
    def __init__(self, camera: m.CameraStatus, api: RecorderApi, parent: QWidget | None = None, at: datetime | None = None):
        """at: where to start playing (UTC); by default just before now."""
        super().__init__(parent, Qt.Window)
        self.setAttribute(Qt.WA_DeleteOnClose)
        self.camera, self.api = camera, api
        self.tz = datetime.now().astimezone().tzinfo
        self.day = at.astimezone(self.tz).date() if at else date.today()
        self.setWindowTitle(camera.name)
        self.engine = PlaybackEngine(lambda span: span_url(api, camera.id, span), lambda span: span_gone(api, span), self)
        self._build()
        self.engine.show_in(*self.video.surfaces)
        self.engine.position.connect(self._at)
        self.engine.notice.connect(self.notice.setText)
        self.engine.state_changed.connect(lambda p: self.play_button.setIcon(
            self.style().standardIcon(QStyle.SP_MediaPause if p else QStyle.SP_MediaPlay)))
        self._refresh_timer = QTimer(self, interval=REFRESH_MS, timeout=self.refresh)
        self._refresh_timer.start()
        self._first: datetime | None = None  # where to go once the day's files are known
        self._preview: list | None = None  # [start, end, reached the range yet] while previewing
        self.clip_dialog = self.clips_panel = None
        self.removed = False
        self.load_day(self.day, at=at)

    # -- layout ---------------------------------------------------------------------------

    def _button(self, text: str, tip: str, slot, key=None, icon=None) -> QPushButton:
        return control_button(self, text, tip, slot, key, icon)

    def _build(self) -> None:
        title = QLabel(self.camera.name, self)
        title.setObjectName("playerTitle")
        self.clock = QLabel("--:--:--", self)
        self.clock.setObjectName("playerClock")
        top = QHBoxLayout()
        top.addWidget(self._button("", self.tr("Close"), self.close, Qt.Key_Escape, QStyle.SP_TitleBarCloseButton))
        top.addWidget(title, 1)
        top.addWidget(self.clock)
        self.video = VideoStack(self)
        self.play_button = self._button("", self.tr("Play / pause"), self.engine.toggle, Qt.Key_Space,
                                        QStyle.SP_MediaPause)
        self.speed = QComboBox(self)
        for s in SPEEDS:
            self.speed.addItem(f"{s:g}×", s)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.speed.currentIndexChanged.connect(lambda i: self.engine.set_rate(SPEEDS[i]))
        self.speed.setFocusPolicy(Qt.NoFocus)
        self.volume = QSlider(Qt.Horizontal, self, minimum=0, maximum=100, value=80, maximumWidth=120)
        self.volume.valueChanged.connect(self.set_volume)
        self.volume.setFocusPolicy(Qt.NoFocus)
        self.mute = self._button("", self.tr("Mute"), self.toggle_mute, "M", QStyle.SP_MediaVolume)
        controls = QHBoxLayout()
        for w in (self._button("", self.tr("Previous frame"), lambda: self.engine.step(False), Qt.Key_Comma,
                               QStyle.SP_MediaSkipBackward),
                  self.play_button,
                  self._button("", self.tr("Next frame"), lambda: self.engine.step(True), Qt.Key_Period,
                               QStyle.SP_MediaSkipForward),
                  self.speed, self.mute, self.volume,
                  self._button(self.tr("Snapshot"), self.tr("Save this frame as a picture"), self.snapshot, "S"),
                  self._button("", self.tr("Full screen"), self.toggle_fullscreen, Qt.Key_F11,
                               QStyle.SP_TitleBarMaxButton),
                  self._button(self.tr("◀ Event"), self.tr("Previous event"), lambda: self.jump_event(-1),
                               "Ctrl+Left"),
                  self._button(self.tr("Event ▶"), self.tr("Next event"), lambda: self.jump_event(1), "Ctrl+Right"),
                  self._button(self.tr("Now"), self.tr("Go to now"), self.go_live, "End")):
            controls.addWidget(w)
        self.notice = QLabel(self)
        self.notice.setObjectName("playerNotice")
        controls.addWidget(self.notice, 1)
        self.timeline = Timeline(self.tz, self)
        self.timeline.seek_requested.connect(self.seek)
        self.date_edit = QDateEdit(self, calendarPopup=True, displayFormat="dd/MM/yyyy")
        self.date_edit.dateChanged.connect(lambda d: self.load_day(d.toPython()))
        self.day_label = QLabel(self)
        days = QHBoxLayout()
        days.addWidget(self.date_edit)
        days.addWidget(self._button(self.tr("◀ Previous day"), self.tr("Previous day"),
                                    lambda: self.shift_day(-1), Qt.Key_PageUp))
        days.addWidget(self._button(self.tr("Next day ▶"), self.tr("Next day"), lambda: self.shift_day(1),
                                    Qt.Key_PageDown))
        days.addWidget(self.day_label, 1)
        self.bookmarks_button = BookmarksButton(self.tz, self)
        self.bookmarks_button.chosen.connect(self.seek)
        days.addWidget(self.bookmarks_button)
        days.addWidget(self._button(self.tr("Saved clips…"), self.tr("Clips saved from all cameras"),
                                    self.show_clips))
        self.events_button = self._button(self.tr("Events"), self.tr("Show or hide the list of events"),
                                          lambda: self.show_events(self.events.isHidden()), "E")
        self.events_button.setCheckable(True)
        days.addWidget(self.events_button)
        self.events = EventPanel(self.api, self.camera.id, self.tz, self)
        self.events.chosen.connect(self.go_to_event)
        split = QSplitter(Qt.Horizontal, self, childrenCollapsible=False)
        split.addWidget(self.video)
        split.addWidget(self.events)
        split.setStretchFactor(0, 1)
        split.setSizes([10_000, 440])  # the list at its useful width, the video gets the rest
        self.show_events(client_settings().value("player/events", True, type=bool), remember=False)
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 6, 6, 6)
        box.addLayout(top)
        box.addWidget(split, 1)
        box.addLayout(controls)
        box.addWidget(self.timeline)
        box.addLayout(self._build_clip_row())
        box.addLayout(days)

    def _build_clip_row(self) -> QHBoxLayout:
        self.clip_label = QLabel(self)
        self.clip_label.setObjectName("clipRange")
        self.preview_button = self._button(self.tr("Preview"), self.tr("Play just the clip range"), self.preview)
        self.create_button = self._button(self.tr("Create clip…"), self.tr("Save the range as a clip"),
                                          self.create_clip, "C")
        row = QHBoxLayout()
        for w in (self._button(self.tr("In"), self.tr("The clip starts at the frame on screen"), self.mark_in, "I"),
                  self._button(self.tr("Out"), self.tr("The clip ends at the frame on screen"), self.mark_out, "O"),
                  self._button(self.tr("Clear"), self.tr("Clear the clip range"), self.timeline.clear_selection)):
            row.addWidget(w)
        row.addWidget(self.clip_label, 1)
        row.addWidget(self._button(self.tr("Bookmark…"), self.tr("Mark the frame on screen, or the clip range, "
                                                                 "for the next shift"), self.add_bookmark, "B"))
        row.addWidget(self.preview_button)
        row.addWidget(self.create_button)
        self.timeline.selection_changed.connect(self._show_selection)
        self._show_selection(None, None)
        return row

    # -- data ------------------------------------------------------------------------------

    def load_day(self, day: date, go: bool = True, at: datetime | None = None) -> None:
        """Show a day; go: play from its first recording (today: from just before now), or from
        the recording at or after `at`."""
        self.day = day
        show_date(self.date_edit, day)
        start, end = local_day(day, self.tz)
        self.timeline.set_day(start, end)
        self.events.set_period(start, end)
        if at is not None:
            self._first = at
        elif go:
            now = datetime.now(UTC)
            self._first = now - timedelta(seconds=10) if start <= now < end else start
        self.refresh(with_days=True)

    def shift_day(self, step: int) -> None:
        self.load_day(self.day + timedelta(days=step))

    def refresh(self, with_days: bool = False) -> None:
        """Fetch the day's files and events (and the recorded days) off the GUI thread."""
        if self.removed:
            return
        start, end = local_day(self.day, self.tz)
        cid = self.camera.id

        def fetch() -> tuple:
            q = {"camera_id": cid, "start": (start - MARGIN).isoformat(), "end": (end + MARGIN).isoformat(),
                 "limit": 100_000}
            spans = recorded_spans(self.api, cid, start - MARGIN, end + MARGIN,
                                   next((c for c in self.api.status().cameras if c.id == cid), None))
            events = parse_rows(self.api.events(**q))  # in time order
            marks = self.api.bookmarks(cid, start - MARGIN, end + MARGIN)
            days = self.api.recording_days(cid) if with_days else None
            return spans, events, marks, days

        run_in_background(fetch, self._loaded, self._not_loaded, owner=self)  # the window may close meanwhile

    def _not_loaded(self, error: Exception) -> None:
        if getattr(error, "status", None) == 404:  # removed meanwhile: play on what is loaded
            self.removed = True
            self._refresh_timer.stop()
            text = self.tr("This camera has been removed: no new recordings will appear")
            self.notice.setText(text)
            self.day_label.setText(text)  # stays: the player's own notices (a file skipped) replace the line above
        else:
            self.notice.setText(error_text(error))
        self.events.refresh()  # it says what went wrong in its own words

    def _loaded(self, result: tuple) -> None:
        spans, events, marks, days = result
        now = datetime.now(UTC)
        self.engine.set_spans(spans)
        start, end = local_day(self.day, self.tz)
        self.timeline.set_data(self.engine.timemap.runs(start, end), events,
                               live_edge=now if start <= now < end else None)
        self.timeline.set_bookmarks(marks)
        self.bookmarks_button.set_bookmarks(marks)
        self.events.day_loaded({e.kind for e in events})
        if days is not None:
            self._show_days(days)
        if self._first is not None:
            self._go_first(start, end)

    def _go_first(self, start: datetime, end: datetime) -> None:
        first, self._first = self._first, None
        pos = self.engine.timemap.next_recorded(first)
        if pos is None or pos.instant >= end:
            live = self.engine.timemap.previous_recorded(first)
            if first > start and live is not None and live.instant >= start:
                self.engine.seek(live.instant)  # today, just before the newest footage
                return
            self.engine.stop()
            self.notice.setText(self.tr("No recording on {day}").format(day=self.day.strftime("%d/%m/%Y")))
            return
        self.engine.seek(pos.instant, quiet=True)

    def _show_days(self, info: m.RecordedDays) -> None:
        fmt = QTextCharFormat()
        fmt.setForeground(QColor("#5fd38d"))
        fmt.setFontWeight(700)
        cal = self.date_edit.calendarWidget()
        for d in info.days:
            y, month, dd = (int(x) for x in d.date.split("-"))
            cal.setDateTextFormat(QDate(y, month, dd), fmt)
        keep, plan = info.retention_days, info.plan
        first_kept = date.today() - timedelta(days=keep - 1) if keep else self.day
        n = (self.day - first_kept).days + 1
        if keep and 1 <= n <= keep:
            self.day_label.setText(self.tr("Day {n} of {m} available ({plan} plan)").format(
                n=n, m=keep, plan=plan.capitalize()))
        else:
            self.day_label.setText(self.tr("Outside the {m} days kept ({plan} plan)").format(
                m=keep, plan=plan.capitalize()))

    # -- actions -----------------------------------------------------------------------------

    def seek(self, t: datetime) -> None:
        self._preview = None  # the operator went elsewhere: no pause at the range's end
        self.notice.clear()
        self.engine.seek(t)

    def open_at(self, t: datetime) -> None:
        """Play from t (UTC), loading its day first when another one is shown."""
        day = t.astimezone(self.tz).date()
        if day != self.day:
            self.load_day(day, at=t)
        elif self._first is not None:
            self._first = t  # the day's files are still on their way: go there when they come
        else:
            self.seek(t)

    def go_to_event(self, ev: EventRow) -> None:
        self.open_at(ev.start - PRE_ROLL)
        self.notice.setText(describe_event(ev, self.tz))

    def show_events(self, visible: bool, remember: bool = True) -> None:
        self.events.setVisible(visible)
        self.events_button.setChecked(visible)
        if remember:
            client_settings().setValue("player/events", visible)

    def go_live(self) -> None:
        self._preview = None
        if self.day != date.today():
            self.load_day(date.today())
        else:
            self.seek(datetime.now(UTC) - timedelta(seconds=5))

    def jump_event(self, direction: int) -> None:
        now = self.engine.now() or self.timeline.playhead
        if now is None:
            return
        # the event the pre-roll brought us to counts as passed: one second either way
        here, events = now + PRE_ROLL, self.timeline.events
        if direction > 0:
            ev = next((e for e in events if e.start > here + timedelta(seconds=1)), None)
        else:
            ev = next((e for e in reversed(events) if e.start < here - timedelta(seconds=1)), None)
        if ev is None:
            self.notice.setText(self.tr("No more events this day"))
            return
        self.notice.setText(describe_event(ev, self.tz))
        self._preview = None
        self.engine.seek(ev.start - PRE_ROLL)

    def set_volume(self, volume: int) -> None:
        self.engine.vlc.volume = volume

    def toggle_mute(self) -> None:
        muted = not self.engine.vlc.muted
        self.engine.vlc.muted = muted
        self.mute.setIcon(self.style().standardIcon(QStyle.SP_MediaVolumeMuted if muted else QStyle.SP_MediaVolume))

    def toggle_fullscreen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def snapshot(self) -> Path | None:
        """The frame on screen as a PNG in the user's Pictures folder."""
        t = self.engine.now()
        if t is None:
            return None
        folder = Path(QStandardPaths.writableLocation(QStandardPaths.PicturesLocation) or Path.home()) / "VMS Desktop"
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{self.camera.name}_{t.astimezone(self.tz):%Y-%m-%d_%H-%M-%S}.png".replace("/", "-")
        path = folder / name
        if not self.engine.vlc.snapshot(path):
            self.notice.setText(self.tr("The snapshot could not be saved"))
            return None
        self.notice.setText(self.tr("Snapshot saved: {path}").format(path=path))
        return path

    def _at(self, t: datetime) -> None:
        if self._preview is not None:
            self._follow_preview(t)
        local = t.astimezone(self.tz)
        self.clock.setText(local.strftime("%d/%m/%Y %H:%M:%S"))
        start, end = local_day(self.day, self.tz)
        if start <= t < end:
            self.timeline.set_playhead(t)
        elif end <= t < end + MARGIN and local.date() == self.day + timedelta(days=1):
            self.load_day(local.date(), go=False)  # played on over midnight: the timeline follows

    # -- the clip range ----------------------------------------------------------------------------

    def _here(self) -> datetime | None:
        """The frame on screen (what the operator sees), else where the playhead stands."""
        return self.engine.now() or self.timeline.playhead

    def mark_in(self) -> None:
        t = self._here()
        if t is not None and not self.timeline.set_in(t):
            self.notice.setText(self.tr("The clip must start before its end ({t})").format(
                t=self.timeline.clip_out.astimezone(self.tz).strftime("%H:%M:%S")))

    def mark_out(self) -> None:
        t = self._here()
        if t is not None and not self.timeline.set_out(t):
            self.notice.setText(self.tr("The clip must end after its start ({t})").format(
                t=self.timeline.clip_in.astimezone(self.tz).strftime("%H:%M:%S")))

    def _show_selection(self, start: datetime | None, end: datetime | None) -> None:
        hms = lambda t: t.astimezone(self.tz).strftime("%H:%M:%S")  # noqa: E731
        if start is None and end is None:
            text = self.tr("Clip: press I at its start and O at its end")
        elif end is None:
            text = self.tr("Clip from {start}: press O at its end").format(start=hms(start))
        elif start is None:
            text = self.tr("Clip until {end}: press I at its start").format(end=hms(end))
        else:
            text = self.tr("Clip {range} ({duration})").format(
                range=format_range(start, end, self.tz), duration=format_duration((end - start).total_seconds()))
            if end - start < MIN_CLIP:
                text += " — " + self.tr("too short")
        self.clip_label.setText(text)
        ok = self.timeline.selection() is not None
        self.preview_button.setEnabled(ok)
        self.create_button.setEnabled(ok)

    def preview(self) -> None:
        """Play exactly the range: from its start, paused when the playhead reaches its end."""
        sel = self.timeline.selection()
        if sel is None:
            return
        self.seek(sel[0])
        self._preview = [sel[0], sel[1], False]
        self.engine.set_playing(True)

    def _follow_preview(self, t: datetime) -> None:
        start, end, reached = self._preview
        if not reached:
            # Just after the seek the player may still report where it was (maybe past the end).
            self._preview[2] = start - timedelta(seconds=2) <= t < end
            return
        left_ms = (end - t).total_seconds() * 1000 / (self.engine.rate or 1.0)
        if left_ms <= 0:
            self._end_preview()
        elif left_ms < POSITION_MS * 1.5:  # the next position would be late: pause on time instead
            preview = self._preview
            QTimer.singleShot(int(left_ms), lambda: self._end_preview() if self._preview is preview else None)

    def _end_preview(self) -> None:
        self._preview = None
        self.engine.set_playing(False)
        self.notice.setText(self.tr("Preview ended"))

    def create_clip(self) -> None:
        sel = self.timeline.selection()
        if sel is None:
            self.notice.setText(self.tr("Set the clip's start (I) and end (O) first"))
            return
        from vms_desktop.clips.clip_dialog import CreateClipDialog

        self.clip_dialog = CreateClipDialog(self.api, self.camera, *sel, self.tz, self)
        self.clip_dialog.saved.connect(lambda row: self.notice.setText(
            self.tr("Clip saved: {name}").format(name=row.name)))
        self.clip_dialog.show()

    def add_bookmark(self) -> None:
        """The clip range if one is set, else the frame on screen."""
        sel = self.timeline.selection()
        start, end = sel if sel else (self._here(), None)
        if start is None:
            return
        self.bookmark_dialog = BookmarkDialog(self.api, self.camera.id, start, end, self.tz, self)
        self.bookmark_dialog.saved.connect(self._bookmarked)
        self.bookmark_dialog.show()

    def _bookmarked(self, row: m.Bookmark) -> None:
        self.notice.setText(self.tr("Bookmarked: {title}").format(title=row.title))
        self.refresh()

    def show_clips(self) -> None:
        from vms_desktop.clips.clips_panel import ClipsPanel  # opened rarely: loaded when first used

        if self.clips_panel is None:
            self.clips_panel = ClipsPanel(self.api, self.tz, self.camera.id, self)  # lists at once
        else:
            self.clips_panel.refresh()
        self.clips_panel.show()
        self.clips_panel.raise_()

    def closeEvent(self, event) -> None:
        self._preview = None
        for dialog in (self.clips_panel, self.clip_dialog):  # clip players go with the panel
            if dialog is not None:
                dialog.close()
        self._refresh_timer.stop()
        self.engine.close()
        super().closeEvent(event)
