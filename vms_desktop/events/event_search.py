"""Site-wide event search: a plate or a label (any part of it, any case) on every camera over a
period, newest first. Double-click or Enter on a hit opens that camera's player a few seconds
before it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo

from PySide6.QtCore import QDateTime, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vms_api.enums import EventOrder
from vms_desktop.events.event_table import USUAL_KINDS, EventModel, EventView, kind_chip
from vms_desktop.events.rows import EventRow, parse_rows
from vms_desktop.messages import error_text
from vms_desktop.playback.player_window import PRE_ROLL
from vms_desktop.playback.timeline import kind_name
from vms_desktop.recorder_link import RecorderApi
from vms_desktop.tasks import run_in_background

DEBOUNCE_MS = 300
LIMIT = 2000  # more than a person reads: past it, the search should be narrowed
COLUMNS = ("picture", "camera", "time", "kind", "label", "confidence", "duration")
PERIODS = (("day", timedelta(hours=24)), ("week", timedelta(days=7)), ("month", timedelta(days=30)),
           ("between", None))


class EventSearch(QDialog):
    open_requested = Signal(int, object)  # camera id, UTC instant to play from

    def __init__(self, api: RecorderApi, tz: tzinfo, parent: QWidget | None = None):
        super().__init__(parent)
        self.api, self.tz = api, tz
        self._generation = 0
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS, timeout=self.search)
        self.setWindowTitle(self.tr("Search events"))
        self._build()
        self.resize(980, 600)
        self.search()

    def _build(self) -> None:
        self.text = QLineEdit(self, clearButtonEnabled=True,
                              placeholderText=self.tr("Plate or label, or any part of it (e.g. abc1)"))
        self.text.textChanged.connect(lambda _t: self._debounce.start())
        self.text.returnPressed.connect(self.search)
        self.kind_boxes = {}
        kinds = QHBoxLayout()
        for kind in USUAL_KINDS:
            box = QCheckBox(kind_name(kind), self, checked=kind == "plate")
            box.setIcon(kind_chip(kind))
            box.toggled.connect(lambda _on: self._debounce.start())
            kinds.addWidget(box)
            self.kind_boxes[kind] = box
        kinds.addStretch(1)
        self.period = QComboBox(self)
        for key, label in zip((k for k, _ in PERIODS), (self.tr("Last 24 hours"), self.tr("Last 7 days"),
                                                         self.tr("Last 30 days"), self.tr("Between…"))):
            self.period.addItem(label, key)
        now = QDateTime.currentDateTime()
        self.since = QDateTimeEdit(now.addDays(-1), self, calendarPopup=True, displayFormat="dd/MM/yyyy HH:mm")
        self.until = QDateTimeEdit(now, self, calendarPopup=True, displayFormat="dd/MM/yyyy HH:mm")
        self.period.currentIndexChanged.connect(self._period_changed)
        for edit in (self.since, self.until):
            edit.dateTimeChanged.connect(lambda _d: self._debounce.start())
        self._period_changed()
        go = QPushButton(self.tr("Search"), self)
        go.clicked.connect(self.search)
        go.setAutoDefault(False)  # Enter in the list opens a hit; in the text box it searches
        when = QHBoxLayout()
        for w in (self.period, QLabel(self.tr("from"), self), self.since, QLabel(self.tr("to"), self), self.until):
            when.addWidget(w)
        when.addStretch(1)
        when.addWidget(go)
        form = QGridLayout()
        form.addWidget(QLabel(self.tr("Text"), self), 0, 0)
        form.addWidget(self.text, 0, 1)
        form.addWidget(QLabel(self.tr("Kinds"), self), 1, 0)
        form.addLayout(kinds, 1, 1)
        form.addWidget(QLabel(self.tr("Period"), self), 2, 0)
        form.addLayout(when, 2, 1)
        self.model = EventModel(COLUMNS, self.api, self.tz, with_date=True, parent=self)
        self.view = EventView(self.model, on_click=False, parent=self)
        self.view.chosen.connect(self._open)
        self.status = QLabel(self, wordWrap=True)
        self.status.setObjectName("eventsStatus")
        close = QPushButton(self.tr("Close"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(close)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.view, 1)
        box.addLayout(bottom)

    def _period_changed(self) -> None:
        between = self.period.currentData() == "between"
        self.since.setEnabled(between)
        self.until.setEnabled(between)
        self._debounce.start()

    def bounds(self) -> tuple[datetime, datetime]:
        span = dict(PERIODS)[self.period.currentData()]
        if span is not None:
            end = datetime.now(UTC)
            return end - span, end
        return (self.since.dateTime().toPython().astimezone(UTC),
                self.until.dateTime().toPython().astimezone(UTC))

    # -- searching ------------------------------------------------------------------------------

    def search(self) -> None:
        self._debounce.stop()
        self._generation += 1
        kinds = [k for k, box in self.kind_boxes.items() if box.isChecked()]
        start, end = self.bounds()
        if not kinds:
            self._show([], {}, self.tr("Tick at least one kind."))
            return
        if start >= end:
            self._show([], {}, self.tr("The period must start before it ends."))
            return
        params = {"kind": ",".join(kinds), "start": start.isoformat(), "end": end.isoformat(), "limit": LIMIT,
                  "order": EventOrder.NEWEST}  # over the limit, the most recent hits are the ones to keep
        if self.text.text().strip():
            params["q"] = self.text.text().strip()
        gen = self._generation
        self._say(self.tr("Searching…"))

        def work() -> tuple[list[EventRow], dict[int, str]]:
            rows = parse_rows(self.api.events(**params))
            names = {c.id: c.name for c in self.api.cameras()}
            return rows, names

        run_in_background(work, lambda found: self._found(gen, *found), lambda e: self._failed(gen, e), owner=self)

    def _found(self, gen: int, rows: list[EventRow], names: dict[int, str]) -> None:
        if gen != self._generation:
            return  # the operator changed the search meanwhile
        if not rows:
            self._show(rows, names, self.tr("Nothing found."))
        elif len(rows) >= LIMIT:
            self._show(rows, names, self.tr("Only the first {n} hits are listed: narrow the search.").format(n=LIMIT))
        else:
            self._show(rows, names, self.tr("Found: {n}").format(n=len(rows)))

    def _failed(self, gen: int, error: Exception) -> None:
        if gen == self._generation:
            self._show([], {}, self.tr("The search failed: {why}").format(why=error_text(error)), ok=False)

    def _show(self, rows: list[EventRow], names: dict[int, str], text: str, ok: bool = True) -> None:
        self.model.camera_names = names
        self.model.set_rows(rows)
        if rows and not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.model.index(0, 0))  # Enter opens the newest at once
        self._say(text, ok)

    def _say(self, text: str, ok: bool = True) -> None:
        self.status.setText(text)
        self.status.setProperty("ok", ok)
        self.status.style().polish(self.status)

    def _open(self, ev: EventRow) -> None:
        self.open_requested.emit(ev.camera_id, ev.start - PRE_ROLL)

    def keyPressEvent(self, event) -> None:
        # QDialog takes Enter as "press the default button"; here Enter belongs to the text box
        # (search) and to the list (open), which handle it themselves.
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            return
        super().keyPressEvent(event)
