"""Storage alerts for the guard: the disk filling up, the recorder unable to make room, footage
deleted early, and footage retention deletes tomorrow. Shown in a banner over the live grid and
as a tray notification, each once (disk_alerts remembers what was told)."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from vms_api import models as m
from vms_api.enums import EventKind
from vms_desktop.messages import disk_trouble, translate
from vms_desktop.recorder_link import RecorderApi
from vms_desktop.storage.disk_alerts import (
    EventMemory,
    ExpiryMemory,
    LevelWatch,
    TroubleWatch,
    days_text,
    human_bytes,
    local_time,
    short_date,
)
from vms_desktop.tasks import run_in_background

EVENTS_EVERY = 30.0  # seconds between looks at the recorder's early deletions
EXPIRY_EVERY = 600.0  # and at what retention deletes next
EARLY_KEY, EXPIRY_KEY = "alerts/early_last_id", "alerts/expiry_told"


class Banner(QFrame):
    """Messages over the live grid, one line each, each with its own ×; hidden when empty."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("banner")
        self.rows: dict[str, tuple[QFrame, QLabel]] = {}
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(1)
        self.hide()

    def show_message(self, key: str, text: str, level: str = "warn") -> None:
        """level: info | warn | danger (red: something the guard must act on)."""
        if key not in self.rows:
            row = QFrame(self)
            row.setObjectName("bannerRow")
            label = QLabel(row, wordWrap=True, textInteractionFlags=Qt.TextSelectableByMouse)
            close = QToolButton(row, text="×", autoRaise=True, toolTip=self.tr("Dismiss"))
            close.setObjectName("bannerClose")
            close.clicked.connect(lambda _=False, k=key: self.remove(k))
            line = QHBoxLayout(row)
            line.setContentsMargins(10, 4, 4, 4)
            line.addWidget(label, 1)
            line.addWidget(close, 0, Qt.AlignTop)
            self.box.insertWidget(0 if level == "danger" else self.box.count(), row)  # the worst on top
            self.rows[key] = (row, label)
        row, label = self.rows[key]
        label.setText(text)
        row.setProperty("level", level)
        row.style().polish(row)
        self.show()

    def update_text(self, key: str, text: str, level: str | None = None) -> None:
        """Change a message still shown; a dismissed one stays dismissed."""
        if key in self.rows:
            self.show_message(key, text, level or self.rows[key][0].property("level"))

    def remove(self, key: str) -> None:
        row, _label = self.rows.pop(key, (None, None))
        if row is not None:
            row.hide()
            row.deleteLater()
        self.setVisible(bool(self.rows))

    def remove_prefix(self, prefix: str) -> None:
        for key in [k for k in self.rows if k.startswith(prefix)]:
            self.remove(key)

    def texts(self) -> dict[str, str]:
        return {k: label.text() for k, (_row, label) in self.rows.items()}


class StorageAlerts(QObject):
    """Fed with every status of the recorder; looks at events and expiring footage now and then."""

    notify = Signal(str, str, str)  # title, text, level: for the tray

    def __init__(self, api: RecorderApi, settings, banner: Banner, parent: QObject | None = None):
        super().__init__(parent)
        self.api, self.settings, self.banner = api, settings, banner
        self.level = LevelWatch()
        self.trouble = TroubleWatch()
        self.early = EventMemory(int(settings.value(EARLY_KEY, 0) or 0))
        self.started = datetime.now(UTC)
        self._next_events = self._next_expiry = 0.0
        self._asking: set[str] = set()

    # -- the disk, from each status --------------------------------------------------------------

    def on_status(self, status: m.Status) -> None:
        disk = status.disk
        if disk.total:
            self._disk_level(disk)
        self._trouble(disk.trouble, disk_trouble(disk))
        now = time.monotonic()
        if now >= self._next_events:
            self._next_events = now + EVENTS_EVERY
            self.check_events()
        if now >= self._next_expiry:
            self._next_expiry = now + EXPIRY_EVERY
            self.check_expiry()

    def disk_text(self, disk: m.Disk, level: int) -> str:
        days = disk.days_until_full
        if days is None:
            text = self.tr("The recordings disk is {pct:.0f} % full (over {level} %): {free} free.")
        else:
            text = self.tr("The recordings disk is {pct:.0f} % full (over {level} %): {free} free, about {days} "
                           "days at the current rate.")
        text = text.format(pct=disk.percent, level=level, free=human_bytes(disk.free),
                           days=days_text(days))
        return text + " " + self.tr("When it is full, the oldest footage is deleted before its retention ends.")

    def _disk_level(self, disk: m.Disk) -> None:
        fired, level = self.level.update(disk.percent)
        kind = "danger" if level >= 95 else "warn"
        if fired is not None:
            text = self.disk_text(disk, fired)
            self.banner.show_message("disk", text, kind)
            self.notify.emit(self.tr("Disk {level} % full").format(level=fired), text, kind)
        elif level == 0:
            self.banner.remove("disk")
        else:
            self.banner.update_text("disk", self.disk_text(disk, level), kind)

    def _trouble(self, message: str | None, words: str = "") -> None:
        """message: the recorder's sentence (whether the trouble changed); words: it for the user."""
        if not message:
            self.trouble.update(None)
            self.banner.remove("trouble")
            return
        text = self.tr("Recording is in danger: {why}").format(why=words)
        if self.trouble.update(message):
            self.banner.show_message("trouble", text, "danger")
            self.notify.emit(self.tr("Recording is in danger"), words, "danger")
        else:
            self.banner.update_text("trouble", text)  # its figures change

    # -- early deletions ---------------------------------------------------------------------------

    def _ask(self, what: str, work, done) -> None:
        if what in self._asking:
            return
        self._asking.add(what)

        def finished(result) -> None:
            self._asking.discard(what)
            done(result)

        run_in_background(work, finished, lambda _e: self._asking.discard(what))

    def check_events(self) -> None:
        since = (min(self.started, datetime.now(UTC)) - timedelta(days=1)).isoformat()
        self._ask("events", lambda: self.api.events(kind=EventKind.EARLY_DELETION, start=since),
                  self._got_events)

    def _got_events(self, events: list[m.Event]) -> None:
        fresh = [e for e in self.early.new(events) if e.camera_id is None]
        for event in fresh:
            when = local_time(event.start).strftime("%d/%m %H:%M")
            text = self.tr("Disk guard, {when}: {what}").format(when=when, what=translate(event.label))
            self.banner.show_message(f"early:{event.id}", text, "warn")
            self.notify.emit(self.tr("Footage deleted early"), text, "warn")
        if fresh:
            self.settings.setValue(EARLY_KEY, self.early.last_id)

    # -- what retention deletes tomorrow ------------------------------------------------------------

    def check_expiry(self) -> None:
        self._ask("expiry", lambda: self.api.storage(), self._got_storage)

    def expiry_text(self, item: m.Expiring) -> str:
        at = local_time(item.deleted_at)
        if at is not None and at.date() <= date.today():
            text = self.tr("{camera}: {day} will be deleted today at {time} — save clips now")
        else:
            text = self.tr("{camera}: {day} will be deleted tomorrow — save clips now")
        return text.format(camera=item.camera_name or item.camera_id, day=short_date(item.date),
                           time=at.strftime("%H:%M"))

    def _got_storage(self, view: m.Storage) -> None:
        expiring = view.expiring
        memory = ExpiryMemory.load(self.settings.value(EXPIRY_KEY, ""))
        due = memory.due(expiring, date.today())
        self.settings.setValue(EXPIRY_KEY, memory.dump())
        for item in due:
            text = self.expiry_text(item) + f" ({human_bytes(item.bytes)})"
            self.banner.show_message(f"expiry:{item.camera_id}", text, "info")
        if len(due) == 1:
            self.notify.emit(self.tr("Footage expires tomorrow"), self.expiry_text(due[0]), "info")
        elif due:
            self.notify.emit(self.tr("Footage expires tomorrow"),
                             self.tr("{n} cameras have a day that retention deletes next; see the banner.").format(
                                 n=len(due)), "info")
