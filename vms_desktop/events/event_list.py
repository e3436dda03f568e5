"""The camera's events beside the player: the day shown, filtered by kind and by label (the
recorder matches part of it, any case), newest or oldest first, with a picture where there is
one. A click or Enter plays the event. Queries run off the GUI thread, and only while the list
is on screen: a hidden list is brought up to date when it is shown again."""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QMenu, QToolButton, QVBoxLayout, QWidget

from vms_desktop.events.event_table import USUAL_KINDS, EventModel, EventView, kind_chip
from vms_desktop.events.rows import EventRow, parse_rows
from vms_desktop.messages import error_text
from vms_desktop.playback.timeline import kind_name
from vms_desktop.recorder_link import RecorderApi
from vms_desktop.settings import client_settings
from vms_desktop.tasks import run_in_background

DEBOUNCE_MS = 300  # typing "abc1" sends one query, not four
DAY_LIMIT = 100_000  # as many as the timeline takes for a day
COLUMNS = ("picture", "time", "kind", "label", "confidence", "duration")


class StayOpenMenu(QMenu):
    """Ticking a kind leaves the menu open, so several can be changed in one go."""

    def mouseReleaseEvent(self, event) -> None:
        action = self.activeAction()
        if action is not None and action.isCheckable() and action.isEnabled():
            action.trigger()
            return
        super().mouseReleaseEvent(event)


class EventPanel(QWidget):
    chosen = Signal(object)  # the EventRow the operator wants to see

    def __init__(self, api: RecorderApi, camera_id: int, tz: tzinfo, parent: QWidget | None = None):
        super().__init__(parent)
        self.api, self.camera_id, self.tz = api, camera_id, tz
        self.settings = client_settings()
        self.period: tuple[datetime, datetime] | None = None
        self.kinds = list(USUAL_KINDS)
        self.hidden_kinds: set[str] = set()
        self.kind_actions = {}
        self._generation = 0  # answers to superseded queries are dropped
        self._stale = True
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS, timeout=self.refresh)
        self._build()

    def _build(self) -> None:
        title = QLabel(self.tr("Events"), self)
        title.setObjectName("eventsTitle")
        self.order = QComboBox(self)
        self.order.addItem(self.tr("Newest first"), True)
        self.order.addItem(self.tr("Oldest first"), False)
        self.order.setCurrentIndex(0 if self.settings.value("events/newest_first", True, type=bool) else 1)
        self.order.currentIndexChanged.connect(self._reorder)
        self.order.setFocusPolicy(Qt.NoFocus)
        self.kinds_button = QToolButton(self, popupMode=QToolButton.InstantPopup)
        self.kinds_button.setMenu(StayOpenMenu(self.kinds_button))
        self.kinds_button.setFocusPolicy(Qt.NoFocus)
        self.kinds_button.setObjectName("eventKinds")
        # Click focus only: the player's one-key shortcuts (Space, I, O, E…) must keep working
        # until the operator clicks into the box to type.
        self.search = QLineEdit(self, clearButtonEnabled=True, focusPolicy=Qt.ClickFocus,
                                placeholderText=self.tr("Search label (part of a plate…)"))
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self._search_now)
        self.model = EventModel(COLUMNS, self.api, self.tz, parent=self)
        self.view = EventView(self.model, on_click=True, parent=self)
        self.view.chosen.connect(self.chosen)
        self.status = QLabel(self, wordWrap=True)
        self.status.setObjectName("eventsStatus")
        head = QHBoxLayout()
        head.addWidget(title, 1)
        head.addWidget(self.order)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.kinds_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 0, 0, 0)
        box.addLayout(head)
        box.addLayout(filters)
        box.addWidget(self.view, 1)
        box.addWidget(self.status)
        self.setMinimumWidth(320)
        self._fill_kinds()

    def _fill_kinds(self) -> None:
        menu = self.kinds_button.menu()
        menu.clear()
        menu.addAction(self.tr("All kinds"), self._show_all_kinds)
        menu.addSeparator()
        self.kind_actions = {}
        for kind in self.kinds:
            action = menu.addAction(kind_chip(kind), kind_name(kind))
            action.setCheckable(True)
            action.setChecked(kind not in self.hidden_kinds)
            action.toggled.connect(lambda on, k=kind: self._kind_toggled(k, on))
            self.kind_actions[kind] = action
        self._name_kinds_button()

    def _name_kinds_button(self) -> None:
        shown = len(self.kinds) - len(self.hidden_kinds)
        self.kinds_button.setText(self.tr("All kinds") if not self.hidden_kinds else
                                  self.tr("Kinds: {n} of {m}").format(n=shown, m=len(self.kinds)))

    # -- what to list ---------------------------------------------------------------------------

    def set_period(self, start: datetime, end: datetime) -> None:
        """The period to list (the player's day); listed when the player's data comes."""
        self.period = (start, end)

    def day_loaded(self, kinds: set[str]) -> None:
        """The player (re)loaded its day: list its events, offering the kinds found in it too."""
        new = sorted(k for k in kinds if k not in self.kinds)
        if new:
            self.kinds += new
            self._fill_kinds()
        self.refresh()

    def _kind_toggled(self, kind: str, on: bool) -> None:
        (self.hidden_kinds.discard if on else self.hidden_kinds.add)(kind)
        self._name_kinds_button()
        self._debounce.start()  # several ticks in a row: one query

    def _show_all_kinds(self) -> None:
        for action in self.kind_actions.values():
            action.setChecked(True)

    def _search_now(self) -> None:
        self.refresh()
        self.view.setFocus()  # Enter again plays the highlighted event

    def _reorder(self) -> None:
        newest = self.order.currentData()
        self.settings.setValue("events/newest_first", newest)
        keep = self.view.selected_event()
        self.model.set_rows(list(reversed(self.model.rows)))
        self.view.select_event(keep and keep.id)
        if len(self.model.rows) >= DAY_LIMIT:  # cut at the limit: the other end was never fetched
            self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._debounce.stop()
        if self.period is None or not self.isVisible():
            self._stale = True
            return
        self._stale = False
        chosen = [k for k in self.kinds if k not in self.hidden_kinds]
        if not chosen:
            self._generation += 1
            self.model.set_rows([])
            self._say(self.tr("No kind chosen: tick one under “Kinds”."))
            return
        start, end = self.period
        params = {"camera_id": self.camera_id, "start": start.isoformat(), "end": end.isoformat(), "limit": DAY_LIMIT,
                  "order": "newest" if self.order.currentData() else "oldest"}
        if self.hidden_kinds:  # all ticked: no filter, so a kind new to the day shows too
            params["kind"] = ",".join(chosen)
        if self.search.text().strip():
            params["q"] = self.search.text().strip()
        self._generation += 1
        gen = self._generation
        run_in_background(lambda: parse_rows(self.api.events(**params)),
                          lambda rows: self._listed(gen, rows, params), lambda e: self._failed(gen, e), owner=self)

    def _listed(self, gen: int, rows: list[EventRow], params: dict) -> None:
        if gen != self._generation:
            return
        keep = self.view.selected_event()
        scroll = self.view.verticalScrollBar().value()
        if self.model.set_rows(rows):  # a refresh that changed nothing leaves the list alone
            self.view.select_event(keep and keep.id)
            self.view.verticalScrollBar().setValue(scroll)
        if not rows:
            filtered = "q" in params or "kind" in params
            self._say(self.tr("No events match the filter.") if filtered else self.tr("No events on this day."))
        elif len(rows) >= DAY_LIMIT:
            self._say(self.tr("Events: {n} (the list stops there)").format(n=len(rows)))
        else:
            self._say(self.tr("Events: {n}").format(n=len(rows)))

    def _failed(self, gen: int, error: Exception) -> None:
        if gen == self._generation:
            self._say(self.tr("The events could not be listed: {why}").format(why=error_text(error)), ok=False)

    def _say(self, text: str, ok: bool = True) -> None:
        self.status.setText(text)
        self.status.setProperty("ok", ok)
        self.status.style().polish(self.status)
