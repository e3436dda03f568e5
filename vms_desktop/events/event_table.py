"""Events as table rows, shared by the player's event list and the site-wide search: the model,
the kind's colour chip, and snapshot thumbnails fetched off the GUI thread, only for the rows
that are painted (a day of ten thousand motion events must not mean ten thousand requests)."""

from __future__ import annotations

from collections import OrderedDict
from datetime import tzinfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from vms_api.enums import EventKind
from vms_desktop.events.rows import EventRow
from vms_desktop.messages import translate
from vms_desktop.playback.timeline import KIND_COLORS, OTHER_KIND, kind_name
from vms_desktop.recorder_link import RecorderApi
from vms_desktop.tasks import run_in_background

USUAL_KINDS = ("motion", "plate", "person", "vehicle", "offline", "frame_loss", "error")
# without an end these are still going on; others are instants
LASTING_KINDS = {"motion", "offline", "frame_loss", "recorder_stopped"}
THUMB = QSize(64, 36)
FETCHES = 2  # thumbnails fetched at once: the recorder also serves live video and the timeline
WANTED_MAX = 48  # older requests (rows scrolled past) are forgotten, to be asked again if seen
CACHE_MAX = 600
WIDTHS = {"picture": THUMB.width() + 8, "camera": 110, "time": 66, "kind": 112, "label": 90,
          "confidence": 52, "duration": 64}


_chips: dict[str, QIcon] = {}


def kind_chip(kind: str) -> QIcon:
    """A small square in the kind's timeline colour: the list and the markers read alike."""
    color = KIND_COLORS.get(kind, OTHER_KIND)
    if color not in _chips:
        pix = QPixmap(12, 12)
        pix.fill(Qt.transparent)
        p = QPainter(pix)
        p.setRenderHint(QPainter.Antialiasing)
        p.setBrush(QColor(color))
        p.setPen(Qt.NoPen)
        p.drawRoundedRect(QRectF(1, 1, 10, 10), 2, 2)
        p.end()
        _chips[color] = QIcon(pix)
    return _chips[color]


def _fetch_thumbnail(api: RecorderApi, event_id: int) -> QImage | None:
    """Runs in a worker thread: QImage (unlike QPixmap) may be decoded and scaled there."""
    data = api.event_snapshot(event_id)
    img = QImage.fromData(data) if data else QImage()
    if img.isNull():
        return None
    return img.scaled(THUMB, Qt.KeepAspectRatio, Qt.SmoothTransformation)


class Thumbnails(QObject):
    """Event pictures, small, fetched when first asked for; the newest request goes first."""

    ready = Signal(int)  # event id

    def __init__(self, api: RecorderApi, parent: QObject | None = None):
        super().__init__(parent)
        self.api = api
        self._cache: OrderedDict[int, QPixmap] = OrderedDict()
        self._wanted: list[int] = []
        self._asked: set[int] = set()  # waiting or being fetched
        self._missing: set[int] = set()  # the recorder has none: not asked again
        self._busy = 0

    def get(self, event_id: int) -> QPixmap | None:
        pix = self._cache.get(event_id)
        if pix is not None:
            self._cache.move_to_end(event_id)
            return pix
        if event_id not in self._asked and event_id not in self._missing:
            self._asked.add(event_id)
            self._wanted.append(event_id)
            if len(self._wanted) > WANTED_MAX:
                self._asked.discard(self._wanted.pop(0))
            self._pump()
        return None

    def _pump(self) -> None:
        while self._busy < FETCHES and self._wanted:
            eid = self._wanted.pop()
            self._busy += 1
            run_in_background(lambda e=eid: _fetch_thumbnail(self.api, e), lambda img, e=eid: self._got(e, img),
                              lambda _err, e=eid: self._got(e, None), owner=self)

    def _got(self, event_id: int, img: QImage | None) -> None:
        self._busy -= 1
        self._asked.discard(event_id)
        if img is None:
            self._missing.add(event_id)
        else:
            self._cache[event_id] = QPixmap.fromImage(img)
            while len(self._cache) > CACHE_MAX:
                self._cache.popitem(last=False)
            self.ready.emit(event_id)
        self._pump()


def format_confidence(ev: EventRow) -> str:
    c = ev.confidence
    return "" if c is None else f"{c * 100:.0f} %"


class EventModel(QAbstractTableModel):
    """Rows of events (times as aware datetimes) in the order given."""

    def __init__(self, columns: tuple[str, ...], api: RecorderApi, tz: tzinfo, with_date: bool = False,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.columns, self.tz, self.with_date = columns, tz, with_date
        self.rows: list[EventRow] = []
        self.camera_names: dict[int, str] = {}
        self._row_of: dict[int, int] = {}
        self.thumbnails = Thumbnails(api, self)
        self.thumbnails.ready.connect(self._thumbnail_ready)

    def headers(self) -> dict[str, str]:
        return {"picture": "", "camera": self.tr("Camera"), "time": self.tr("Time"), "kind": self.tr("Kind"),
                "label": self.tr("Label"), "confidence": self.tr("Conf."), "duration": self.tr("Duration")}

    def set_rows(self, rows: list[EventRow]) -> bool:
        """Show these rows; False (and nothing redrawn) when they are the ones shown already."""
        if rows == self.rows:
            return False
        self.beginResetModel()
        self.rows = rows
        self._row_of = {r.id: i for i, r in enumerate(rows)}
        self.endResetModel()
        return True

    def event_at(self, row: int) -> EventRow:
        return self.rows[row]

    def row_of(self, event_id: int) -> int | None:
        return self._row_of.get(event_id)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.headers()[self.columns[section]]
        return None

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid():
            return None
        ev, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.DisplayRole:
            return self.text(ev, column)
        if role == Qt.DecorationRole:
            if column == "kind":
                return kind_chip(ev.kind)
            if column == "picture" and ev.has_snapshot:
                return self.thumbnails.get(ev.id)  # None until fetched; painted again then
        elif role == Qt.ToolTipRole:
            return self.tooltip(ev, column)
        elif role == Qt.TextAlignmentRole and column in ("confidence", "duration"):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def text(self, ev: EventRow, column: str) -> str:
        if column == "time":
            return ev.start.astimezone(self.tz).strftime("%d/%m/%Y %H:%M:%S" if self.with_date else "%H:%M:%S")
        if column == "kind":
            return kind_name(ev.kind)
        if column == "label":
            return translate(ev.label)
        if column == "camera":
            cid = ev.camera_id
            return self.camera_names.get(cid) or self.tr("camera {id}").format(id=cid)
        if column == "confidence":
            return format_confidence(ev)
        if column == "duration":
            return self.duration(ev)
        return ""

    def duration(self, ev: EventRow) -> str:
        if ev.end is None:
            return self.tr("ongoing") if ev.kind in LASTING_KINDS else ""
        seconds = round((ev.end - ev.start).total_seconds())
        if seconds < 60:
            return self.tr("{s} s").format(s=seconds)
        if seconds < 3600:
            return self.tr("{m} min {s} s").format(m=seconds // 60, s=seconds % 60)
        return self.tr("{h} h {m} min").format(h=seconds // 3600, m=seconds % 3600 // 60)

    def tooltip(self, ev: EventRow, column: str) -> str:
        when = ev.start.astimezone(self.tz).strftime("%d/%m/%Y %H:%M:%S")
        tip = f"{when} · {kind_name(ev.kind)}"
        if ev.label:
            tip += f" — {translate(ev.label)}"
        if column == "confidence" and ev.kind == EventKind.MOTION and ev.confidence is not None:
            tip += "\n" + self.tr("{pct} of the picture changed at the peak").format(pct=format_confidence(ev))
        return tip

    def _thumbnail_ready(self, event_id: int) -> None:
        row = self._row_of.get(event_id)
        if row is not None and "picture" in self.columns:
            index = self.index(row, self.columns.index("picture"))
            self.dataChanged.emit(index, index, [Qt.DecorationRole])


class EventView(QTableView):
    """The rows as a table; chosen(event) on Enter, and on a click or a double-click as asked."""

    chosen = Signal(object)  # EventRow

    def __init__(self, model: EventModel, on_click: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setIconSize(THUMB)
        self.verticalHeader().hide()
        # Fixed sizes: measuring contents would ask every row for its data (and picture).
        self.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.verticalHeader().setDefaultSectionSize(THUMB.height() + 6)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        for i, column in enumerate(model.columns):
            header.resizeSection(i, 136 if column == "time" and model.with_date else WIDTHS[column])
        header.setSectionResizeMode(model.columns.index("picture"), QHeaderView.Fixed)
        header.setSectionResizeMode(model.columns.index("label"), QHeaderView.Stretch)
        (self.clicked if on_click else self.doubleClicked).connect(self._choose)

    def _choose(self, index: QModelIndex) -> None:
        if index.isValid():
            self.chosen.emit(self.model().event_at(index.row()))

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and self.currentIndex().isValid():
            self._choose(self.currentIndex())
        else:
            super().keyPressEvent(event)

    def select_event(self, event_id: int | None) -> None:
        row = self.model().row_of(event_id) if event_id is not None else None
        if row is None:
            self.clearSelection()
        else:
            self.selectRow(row)

    def selected_event(self) -> EventRow | None:
        rows = self.selectionModel().selectedRows()
        return self.model().event_at(rows[0].row()) if rows else None
