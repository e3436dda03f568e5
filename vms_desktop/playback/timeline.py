"""The playback timeline: a local day (23, 24 or 25 h) with recorded runs, gaps, event markers
and a playhead; click or drag to seek, wheel to zoom down to a minute, Shift+wheel to pan.
A clip range (In and Out) is set at the playhead or by dragging its two handles."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QElapsedTimer, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QToolTip, QWidget

from vms_api import models as m
from vms_api.models import utc
from vms_desktop.events.rows import EventRow
from vms_desktop.messages import translate
from vms_desktop.playback.timemap import hour_marks

MARKER_TALL, MARKER_HALF = 9, 5  # marker triangles: rows, half the base (px)
MARKER_ROWS = MARKER_TALL + 4  # and a 3 px bar under them for events with a duration
SEEK_EVERY_MS = 150  # while dragging: at most one seek this often, and a final one on release
MIN_SPAN = timedelta(minutes=1)
KIND_COLORS = {"offline": "#ff453a", "recorder_stopped": "#ff375f", "error": "#ff9f0a", "motion": "#ffd60a",
               "plate": "#64d2ff", "person": "#bf5af2", "vehicle": "#30d158", "frame_loss": "#ff6ac1"}
OTHER_KIND = "#a2a2a2"
KIND_NAMES = {"offline": QT_TRANSLATE_NOOP("EventKind", "camera offline"),
              "recorder_stopped": QT_TRANSLATE_NOOP("EventKind", "recorder not running"),
              "error": QT_TRANSLATE_NOOP("EventKind", "recording error"),
              "motion": QT_TRANSLATE_NOOP("EventKind", "motion"),
              "plate": QT_TRANSLATE_NOOP("EventKind", "licence plate"),
              "person": QT_TRANSLATE_NOOP("EventKind", "person"),
              "vehicle": QT_TRANSLATE_NOOP("EventKind", "vehicle"),
              "frame_loss": QT_TRANSLATE_NOOP("EventKind", "frames lost")}
# Tick steps (seconds) and, for each, how many hours between labelled hour marks.
TICK_STEPS = [(60, 0), (300, 0), (600, 0), (1800, 0), (3600, 1), (3 * 3600, 3), (6 * 3600, 6)]
HANDLE_GRAB_PX = 6  # a press this close to a clip handle drags the handle instead of seeking
MIN_CLIP = timedelta(seconds=1)  # the shortest range a clip can be made of
CLIP_FILL, CLIP_EDGE = QColor(77, 144, 214, 70), QColor("#4d90d6")
# Bookmarks: a band along the bar's top edge, a pennant above it at the start; protected ones
# (their footage held against retention) in a colour of their own.
BOOKMARK, BOOKMARK_PROTECTED, BOOKMARK_BAND = QColor("#e5c07b"), QColor("#ff8c42"), 5


class Timeline(QWidget):
    seek_requested = Signal(object)  # UTC datetime
    view_changed = Signal()
    selection_changed = Signal(object, object)  # clip In, clip Out: UTC datetimes, each may be None

    def __init__(self, tz: tzinfo, parent: QWidget | None = None):
        super().__init__(parent)
        self.tz = tz
        self.day_start = self.day_end = self.view_start = self.view_end = None
        self.runs: list[tuple[datetime, datetime]] = []
        self.events: list[EventRow] = []
        self.bookmarks: list[m.Bookmark] = []
        self.lanes: list[list[tuple[datetime, datetime]]] = []  # synchronized playback: each camera's runs
        self._kinds: list[str] = []
        self._arrays = {"start": np.zeros(0), "end": np.zeros(0), "kind": np.zeros(0, np.int16)}
        self._layer: QPixmap | None = None
        self.playhead: datetime | None = None
        self.live_edge: datetime | None = None
        self._dragging = False
        # The clip range. It outlives a change of day, so a clip can run over midnight.
        self.clip_in: datetime | None = None
        self.clip_out: datetime | None = None
        self._handle: str | None = None  # "in" or "out" while one is dragged
        self._grab_dx = 0.0  # pointer minus handle, in px, while a handle is dragged
        self._last_seek = QElapsedTimer()
        self._pending: datetime | None = None
        self._flush = QTimer(self, singleShot=True, timeout=self._send_pending)
        self.setMouseTracking(True)
        self.setMinimumHeight(90)
        self.setFocusPolicy(Qt.NoFocus)

    # -- data --------------------------------------------------------------------------------

    def set_day(self, start: datetime, end: datetime) -> None:
        self.day_start, self.day_end = start, end
        self.view_start, self.view_end = start, end
        self._changed()

    def set_data(self, runs: list[tuple[datetime, datetime]], events: list[EventRow],
                 live_edge: datetime | None = None) -> None:
        self.runs, self.live_edge = runs, live_edge
        self.events = sorted(events, key=lambda ev: ev.start)
        # Kinds drawn in this order, later on top: the camera's own trouble above detections.
        self._kinds = sorted({ev.kind for ev in self.events}, key=lambda k: (k in ("error", "offline", "recorder_stopped"), k))
        index = {k: i for i, k in enumerate(self._kinds)}
        self._arrays = {
            "start": np.array([ev.start.timestamp() for ev in self.events], np.float64),  # sorted
            "end": np.array([ev.end.timestamp() if ev.end else np.nan for ev in self.events], np.float64),
            "kind": np.array([index[ev.kind] for ev in self.events], np.int16)}
        self._changed()

    def set_lanes(self, lanes: list[list[tuple[datetime, datetime]]]) -> None:
        """Several cameras on one bar: a strip each, top to bottom, in the order of their tiles."""
        self.lanes = lanes
        self._changed()

    def set_bookmarks(self, bookmarks: list[m.Bookmark]) -> None:
        self.bookmarks = sorted(bookmarks, key=lambda b: b.start)
        self._changed()

    def _changed(self) -> None:
        self._layer = None  # the picture without the playhead is drawn again at the next paint
        self.update()

    def set_playhead(self, t: datetime | None) -> None:
        if self._dragging:
            return  # the user's hand wins over the player's position
        self.playhead = t
        if t is not None and self.view_start and not (self.view_start <= t < self.view_end):
            self._center_on(t)
        self.update()

    # -- the clip range ---------------------------------------------------------------------
    # In and Out are kept in order. Keys (set_in / set_out) that would put In after Out are
    # refused and change nothing: on the wrong side of the range that is more likely a slip than
    # a wish to start over. A handle dragged past the other one swaps roles with it, as in any
    # two-handle range, so dragging goes on smoothly. Dragging is clamped to the visible day.

    def selection(self) -> tuple[datetime, datetime] | None:
        """The clip range, when both ends are set and it is at least MIN_CLIP long."""
        if self.clip_in is not None and self.clip_out is not None and self.clip_out - self.clip_in >= MIN_CLIP:
            return self.clip_in, self.clip_out
        return None

    def set_in(self, t: datetime) -> bool:
        if self.clip_out is not None and t > self.clip_out - MIN_CLIP:
            return False
        self.clip_in = t
        self._selection_moved()
        return True

    def set_out(self, t: datetime) -> bool:
        if self.clip_in is not None and t < self.clip_in + MIN_CLIP:
            return False
        self.clip_out = t
        self._selection_moved()
        return True

    def set_selection(self, start: datetime | None, end: datetime | None) -> None:
        if start is not None and end is not None and end < start:
            start, end = end, start
        self.clip_in, self.clip_out = start, end
        self._selection_moved()

    def clear_selection(self) -> None:
        self.set_selection(None, None)

    def _selection_moved(self) -> None:
        self.update()  # drawn over the cached layer: no need to redraw the day
        self.selection_changed.emit(self.clip_in, self.clip_out)

    def handle_at(self, x: float) -> str | None:
        """The clip handle ("in" / "out") within grabbing distance of x, the nearest first."""
        near = []
        for name, t in (("in", self.clip_in), ("out", self.clip_out)):
            if t is not None and self.view_start <= t <= self.view_end:
                d = abs(self.x_of(t) - x)
                if d <= HANDLE_GRAB_PX:
                    near.append((d, name))
        return min(near)[1] if near else None

    def _move_handle(self, t: datetime) -> None:
        other = self.clip_out if self._handle == "in" else self.clip_in
        if other is not None and (t > other if self._handle == "in" else t < other):
            setattr(self, "clip_" + self._handle, other)  # the fixed end takes the dragged one's role
            self._handle = "out" if self._handle == "in" else "in"
        setattr(self, "clip_" + self._handle, t)
        self._selection_moved()

    # -- geometry ----------------------------------------------------------------------------

    def _bar(self) -> QRectF:
        return QRectF(8, 22, max(10, self.width() - 16), 26)

    def x_of(self, t: datetime) -> float:
        bar = self._bar()
        span = (self.view_end - self.view_start).total_seconds()
        return bar.left() + bar.width() * (t - self.view_start).total_seconds() / span

    def time_at(self, x: float) -> datetime:
        bar = self._bar()
        frac = min(1.0, max(0.0, (x - bar.left()) / bar.width()))
        return self.view_start + (self.view_end - self.view_start) * frac

    # -- painting ----------------------------------------------------------------------------

    def paintEvent(self, _event) -> None:
        if self.view_start is None:
            return
        # Everything but the playhead is kept as a picture: the playhead moves five times a
        # second, the day's runs and markers only when the data or the view change.
        ratio = self.devicePixelRatioF()
        if self._layer is None or self._layer.size() != self.size() * ratio:
            self._layer = self._draw_layer(ratio)
        p = QPainter(self)
        p.drawPixmap(0, 0, self._layer)
        bar = self._bar()
        if self.playhead and self.view_start <= self.playhead <= self.view_end:
            x = self.x_of(self.playhead)
            p.setPen(QPen(QColor("#ffffff"), 2))
            p.drawLine(QPointF(x, bar.top() - 6), QPointF(x, bar.bottom() + 6))
        self._paint_clip(p, bar)

    def _paint_clip(self, p: QPainter, bar: QRectF) -> None:
        """The clip range: a tint over the bar, a band in the lane under the markers, and a
        handle at each end with a grip in that lane pointing into the range."""
        lane = QRectF(bar.left(), bar.bottom() + MARKER_ROWS + 6, bar.width(), 12)
        v0, v1 = self.view_start, self.view_end
        if self.clip_in is not None and self.clip_out is not None and self.clip_out > v0 and self.clip_in < v1:
            x0, x1 = self.x_of(max(self.clip_in, v0)), self.x_of(min(self.clip_out, v1))
            p.fillRect(QRectF(x0, bar.top(), max(1.0, x1 - x0), bar.height()), CLIP_FILL)
            p.setPen(QPen(CLIP_EDGE, 2))  # edges along the bar: the range reads on green and on red
            p.drawLine(QPointF(x0, bar.top()), QPointF(x1, bar.top()))
            p.drawLine(QPointF(x0, bar.bottom()), QPointF(x1, bar.bottom()))
            p.fillRect(QRectF(x0, lane.top() + 3, max(1.0, x1 - x0), lane.height() - 6), CLIP_EDGE.darker(150))
        p.setRenderHint(QPainter.Antialiasing)
        for t, inward in ((self.clip_in, 1), (self.clip_out, -1)):
            if t is None or not v0 <= t <= v1:
                continue
            x = self.x_of(t)
            p.setPen(QPen(CLIP_EDGE, 2))
            p.drawLine(QPointF(x, bar.top() - 4), QPointF(x, lane.bottom()))
            p.setPen(Qt.NoPen)
            p.setBrush(CLIP_EDGE)
            p.drawPolygon(QPolygonF([QPointF(x, lane.top()), QPointF(x + 9 * inward, lane.center().y()),
                                     QPointF(x, lane.bottom())]))

    def resizeEvent(self, event) -> None:
        self._layer = None
        super().resizeEvent(event)

    def _draw_layer(self, ratio: float) -> QPixmap:
        layer = QPixmap(self.size() * ratio)
        layer.setDevicePixelRatio(ratio)
        layer.fill(QColor("#15181c"))
        p = QPainter(layer)
        bar = self._bar()
        p.fillRect(bar, QColor("#3a2326"))  # gaps: a muted red under everything
        lanes = self.lanes or [self.runs]
        tall = bar.height() / len(lanes)
        for i, runs in enumerate(lanes):
            top = bar.top() + i * tall
            for a, b in runs:
                if b > self.view_start and a < self.view_end:
                    x0, x1 = self.x_of(max(a, self.view_start)), self.x_of(min(b, self.view_end))
                    # a 1 px seam between strips keeps sixteen cameras apart
                    p.fillRect(QRectF(x0, top, max(1.0, x1 - x0), tall - (len(lanes) > 1)), QColor("#2f7d4f"))
        if self.live_edge and self.view_start < self.live_edge < self.view_end:
            x = self.x_of(self.live_edge)
            p.fillRect(QRectF(x, bar.top(), bar.right() - x, bar.height()), QColor("#1d2126"))
        self._paint_ticks(p, bar)
        self._paint_events(p, bar)
        self._paint_bookmarks(p, bar)
        p.end()
        return layer

    def _tick_step(self) -> tuple[int, int]:
        span = (self.view_end - self.view_start).total_seconds()
        for step, hours in TICK_STEPS:
            if span / step <= 12:
                return step, hours
        return TICK_STEPS[-1]

    def _paint_ticks(self, p: QPainter, bar: QRectF) -> None:
        step, hours = self._tick_step()
        p.setPen(QColor("#9aa3ad"))
        if hours:
            marks = hour_marks(self.view_start, self.view_end, self.tz, hours)
        else:
            marks = []
            t = self.view_start.replace(second=0, microsecond=0)
            while t < self.view_end:
                local = t.astimezone(self.tz)
                if t >= self.view_start and (local.hour * 3600 + local.minute * 60) % step == 0:
                    marks.append((t, local.strftime("%H:%M")))
                t += timedelta(minutes=1)
        if self.day_end and self.view_start < self.day_end <= self.view_end:
            marks.append((self.day_end, "24:00"))
        for t, label in marks:
            x = self.x_of(t)
            p.drawLine(QPointF(x, bar.top() - 4), QPointF(x, bar.top()))
            left = min(max(0.0, x - 30), self.width() - 60)  # the day's ends stay readable
            p.drawText(QRectF(left, 2, 60, 16), Qt.AlignCenter, label)

    def _paint_events(self, p: QPainter, bar: QRectF) -> None:
        """All markers as one 8-bit picture built with numpy, one colour per kind: a day with
        ten thousand events paints as fast as one with ten."""
        width = int(self.width())
        v0, v1 = self.view_start.timestamp(), self.view_end.timestamp()
        scale = bar.width() / (v1 - v0)
        starts, ends = self._arrays["start"], self._arrays["end"]
        shown = (starts <= v1) & ((starts >= v0) | (ends > v0))
        img = np.zeros((MARKER_ROWS, width), np.uint8)
        for k, _kind in enumerate(self._kinds):
            mine = shown & (self._arrays["kind"] == k)
            if not mine.any():
                continue
            at = starts[mine]
            at = at[at >= v0]
            present = np.zeros(width + 2 * MARKER_HALF + 2, np.int32)
            present[np.rint(bar.left() + (at - v0) * scale).astype(np.int64) + MARKER_HALF + 1] = 1
            total = np.cumsum(present)
            for row in range(MARKER_TALL):  # a triangle: wider further down
                half = round(row * MARKER_HALF / (MARKER_TALL - 1))
                lo = np.arange(width) + MARKER_HALF - half
                hit = total[lo + 2 * half + 1] - total[lo] > 0
                img[row, hit] = k + 1
            a, b = np.maximum(starts[mine], v0), np.minimum(ends[mine], v1)
            long = b > a  # events with a duration: a bar under the markers
            if long.any():
                x0 = np.clip(np.floor(bar.left() + (a[long] - v0) * scale).astype(np.int64), 0, width - 1)
                x1 = np.clip(np.ceil(bar.left() + (b[long] - v0) * scale).astype(np.int64) + 1, x0 + 2, width)
                edges = np.zeros(width + 1, np.int32)
                np.add.at(edges, x0, 1)
                np.add.at(edges, x1, -1)
                img[MARKER_TALL + 1:, np.cumsum(edges[:-1]) > 0] = k + 1
        picture = QImage(img.data, width, MARKER_ROWS, width, QImage.Format_Indexed8)
        picture.setColorTable([0] + [QColor(KIND_COLORS.get(kind, OTHER_KIND)).rgba() for kind in self._kinds])
        p.drawImage(QPointF(0, bar.bottom() + 4), picture)

    def _paint_bookmarks(self, p: QPainter, bar: QRectF) -> None:
        p.setRenderHint(QPainter.Antialiasing)
        for b in self.bookmarks:
            start, end = utc(b.start), utc(b.end)
            if end < self.view_start or start > self.view_end:
                continue
            color = BOOKMARK_PROTECTED if b.protect else BOOKMARK
            x0, x1 = self.x_of(max(start, self.view_start)), self.x_of(min(end, self.view_end))
            p.fillRect(QRectF(x0, bar.top(), max(3.0, x1 - x0), BOOKMARK_BAND), color)
            if start >= self.view_start:
                x = self.x_of(start)
                p.setPen(QPen(color, 1.5))
                p.drawLine(QPointF(x, bar.top() - 9), QPointF(x, bar.top() + BOOKMARK_BAND))
                p.setPen(Qt.NoPen)
                p.setBrush(color)
                p.drawPolygon(QPolygonF([QPointF(x, bar.top() - 9), QPointF(x + 7, bar.top() - 6.5),
                                         QPointF(x, bar.top() - 4)]))

    # -- interaction -------------------------------------------------------------------------

    def bookmark_near(self, x: float) -> m.Bookmark | None:
        """The bookmark whose range holds x, or whose start is within 6 px of it."""
        t, slack = self.time_at(x), self.time_at(x + 6) - self.time_at(x)
        near = [b for b in self.bookmarks if utc(b.start) - slack <= t <= utc(b.end) + slack]
        return min(near, key=lambda b: abs(self.x_of(utc(b.start)) - x), default=None)

    def event_near(self, x: float) -> EventRow | None:
        """The event whose marker is nearest to x, within 6 px."""
        best = None
        starts = self._arrays["start"]
        lo = int(np.searchsorted(starts, self.time_at(x - 6).timestamp(), "left"))
        hi = int(np.searchsorted(starts, self.time_at(x + 6).timestamp(), "right"))
        for ev in self.events[lo:hi]:
            d = abs(self.x_of(ev.start) - x)
            if d <= 6 and (best is None or d < best[0]):
                best = (d, ev)
        return best[1] if best else None

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.LeftButton and self.view_start is not None:
            x = event.position().x()
            self._handle = self.handle_at(x)
            # a handle grabbed a few pixels off its line must not jump to the pointer
            handle_t = getattr(self, f"clip_{self._handle}") if self._handle else None
            self._grab_dx = x - self.x_of(handle_t) if handle_t is not None else 0.0
            self._dragging = True
            self._drag_to(event.position().x(), force=True)

    def mouseMoveEvent(self, event) -> None:
        if self.view_start is None:
            return
        x = event.position().x()
        if self._dragging:
            self._drag_to(x)
        elif self.handle_at(x):
            self.setCursor(Qt.SizeHorCursor)  # says: this can be dragged
        else:
            self.unsetCursor()
        t = self.time_at(x)
        tip = t.astimezone(self.tz).strftime("%H:%M:%S")
        ev = self.event_near(x)
        if ev is not None:
            tip += "\n" + describe_event(ev, self.tz)
        mark = self.bookmark_near(x)
        if mark is not None:
            tip += "\n" + describe_bookmark(mark, self.tz)
        QToolTip.showText(event.globalPosition().toPoint(), tip, self)

    def mouseReleaseEvent(self, event) -> None:
        if self._dragging:
            self._flush.stop()
            self._pending = None
            self.playhead = self.time_at(event.position().x() - self._grab_dx)
            if self._handle is not None:
                self._move_handle(self.playhead)
                self._handle = None
            self._dragging = False
            self.seek_requested.emit(self.playhead)  # the final seek, always
            self.update()

    def _drag_to(self, x: float, force: bool = False) -> None:
        self.playhead = self.time_at(x - self._grab_dx)
        if self._handle is not None:  # the playhead follows the handle: the frame at the cut shows
            self._move_handle(self.playhead)
        self.update()
        if force or not self._last_seek.isValid() or self._last_seek.elapsed() >= SEEK_EVERY_MS:
            self._flush.stop()  # this seek supersedes any pending one: the timer must not resend it
            self._pending = None
            self._last_seek.restart()
            self.seek_requested.emit(self.playhead)
        else:
            self._pending = self.playhead
            if not self._flush.isActive():
                self._flush.start(SEEK_EVERY_MS - self._last_seek.elapsed())

    def _send_pending(self) -> None:
        if self._pending is not None and self._dragging:
            self._last_seek.restart()
            self.seek_requested.emit(self._pending)
        self._pending = None

    def wheelEvent(self, event) -> None:
        if self.view_start is None:
            return
        steps = event.angleDelta().y() / 120 or event.angleDelta().x() / 120
        if event.modifiers() & Qt.ShiftModifier or event.angleDelta().x():
            self.pan(-steps * 0.1)
        else:
            self.zoom(0.8 ** steps, self.time_at(event.position().x()))

    def zoom(self, factor: float, around: datetime) -> None:
        span = (self.view_end - self.view_start) * factor
        span = max(MIN_SPAN, min(self.day_end - self.day_start, span))
        frac = (around - self.view_start) / (self.view_end - self.view_start)
        self._set_view(around - span * frac, span)

    def pan(self, fraction: float) -> None:
        span = self.view_end - self.view_start
        self._set_view(self.view_start + span * fraction, span)

    def _center_on(self, t: datetime) -> None:
        span = self.view_end - self.view_start
        self._set_view(t - span / 2, span)

    def _set_view(self, start: datetime, span: timedelta) -> None:
        start = max(self.day_start, min(self.day_end - span, start))
        self.view_start, self.view_end = start, start + span
        self.view_changed.emit()
        self._changed()


def describe_bookmark(b: m.Bookmark, tz: tzinfo) -> str:
    """"★ 09:14:00 Van without plates (protected)" and its note, for a tooltip or a list."""
    start, end = utc(b.start).astimezone(tz), utc(b.end).astimezone(tz)
    when = start.strftime("%H:%M:%S") + (end.strftime("–%H:%M:%S") if end > start else "")
    text = f"★ {when} {b.title}"
    if b.protect:
        text += " " + QCoreApplication.translate("Timeline", "(footage protected)")
    return text + (f"\n{b.note}" if b.note else "")


def describe_event(ev: EventRow, tz: tzinfo) -> str:
    when = ev.start.astimezone(tz).strftime("%H:%M:%S")
    if ev.end:
        when += "–" + ev.end.astimezone(tz).strftime("%H:%M:%S")
    label = f" — {translate(ev.label)}" if ev.label else ""
    return f"{when} {kind_name(ev.kind)}{label}"


def kind_name(kind: str) -> str:
    return QCoreApplication.translate("EventKind", KIND_NAMES[kind]) if kind in KIND_NAMES else kind
