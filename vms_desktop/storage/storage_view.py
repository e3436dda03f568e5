"""The site's storage for the administrator: the disk, space per camera and per day, each
camera's rate, days until the disk is full, what retention deletes next, the cleanup log, and
bulk actions on one camera's day (delete, export with a SHA256SUMS file)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path, PurePosixPath

from PySide6.QtCore import QDate, QStandardPaths, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from vms_api import models as m
from vms_api.enums import DeletionReason
from vms_desktop.messages import ask_copy_reason, disk_trouble, error_text
from vms_desktop.playback import day_export
from vms_desktop.playback.day_export import SUMS, DayExport
from vms_desktop.recorder_link import RecorderApi
from vms_desktop.storage.disk_alerts import days_text, full_date, hours_minutes, human_bytes, local_time, mbits
from vms_desktop.tasks import run_in_background

DEFAULT_PERIOD_DAYS = 31  # the period shown at first: the longest plan and a day
LOG_LIMIT = 2000
SOON = QColor("#ffb454")  # days retention deletes next


def local_midnight(day: date, tz: tzinfo | None) -> datetime:
    if tz is None:
        return datetime.combine(day, datetime.min.time()).astimezone()
    return datetime.combine(day, datetime.min.time(), tz)


class CameraDay(m.RecordedDay):
    """A recorded day with its camera, as the days table lists them."""
    camera_id: int
    camera_name: str


def _item(text: str, tip: str = "", data=None, align_right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(tip)
    if data is not None:
        item.setData(Qt.UserRole, data)
    if align_right:
        item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
    return item


def _table(parent: QWidget, headers: list[str], stretch: int) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.Stretch)
    return table


class StorageView(QDialog):
    export_progress = Signal(int, int)  # files done, files in all (emitted from the export thread)

    def __init__(self, api: RecorderApi, tz: tzinfo | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.api = api
        self.tz = tz or datetime.now().astimezone().tzinfo
        self.view: m.Storage | None = None
        self.log: list[m.Deletion] = []
        self._busy = False  # a bulk action is running: one at a time
        self._asked = {"storage": 0, "log": 0}  # answers to older questions are dropped
        self.setWindowTitle(self.tr("Storage"))
        self._build()
        self.export_progress.connect(self._progress)
        self.resize(1100, 640)
        self.refresh()

    # -- layout ------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.summary = QLabel(self, wordWrap=True, textInteractionFlags=Qt.TextSelectableByMouse)
        self.summary.setObjectName("storageSummary")
        self.trouble = QLabel(self, wordWrap=True)
        self.trouble.setObjectName("storageTrouble")
        self.trouble.hide()
        self.camera_filter = QComboBox(self, sizeAdjustPolicy=QComboBox.AdjustToContents)
        self.camera_filter.addItem(self.tr("All cameras"), None)
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-DEFAULT_PERIOD_DAYS), self, calendarPopup=True,
                                   displayFormat="dd/MM/yyyy")
        self.date_to = QDateEdit(today, self, calendarPopup=True, displayFormat="dd/MM/yyyy")
        for widget in (self.camera_filter, self.date_from, self.date_to):
            signal = widget.currentIndexChanged if widget is self.camera_filter else widget.dateChanged
            signal.connect(lambda *_: self._filters_changed())
        self.buttons: dict[str, QPushButton] = {}

        def button(key: str, text: str, slot) -> QPushButton:
            self.buttons[key] = b = QPushButton(text, self)
            b.clicked.connect(lambda _=False: slot())
            return b

        filters = QHBoxLayout()
        for label, widget in ((self.tr("Camera"), self.camera_filter), (self.tr("From"), self.date_from),
                              (self.tr("To"), self.date_to)):
            filters.addWidget(QLabel(label, self))
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(button("refresh", self.tr("Refresh"), self.refresh))
        filters.addWidget(button("sweep", self.tr("Run retention now…"), self.run_retention))

        self.cameras_table = _table(self, [self.tr("Camera"), self.tr("Retention"), self.tr("Days recorded"),
                                           self.tr("Oldest day"), self.tr("Space used"), self.tr("Share"),
                                           self.tr("Rate (Mbit/s)"), self.tr("Frame loss (last minute)")], 7)
        self.days_table = _table(self, [self.tr("Camera"), self.tr("Day"), self.tr("Recorded"), self.tr("Space used"),
                                        self.tr("Deleted on"), self.tr("Days left")], 5)
        self.days_table.itemSelectionChanged.connect(self._enable)
        self.log_table = _table(self, [self.tr("Deleted at"), self.tr("Camera"), self.tr("Footage"), self.tr("Size"),
                                       self.tr("Why"), self.tr("File")], 5)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.cameras_table, self.tr("Per camera"))
        self.tabs.addTab(self.days_table, self.tr("Per day"))
        self.tabs.addTab(self.log_table, self.tr("Cleanup log"))
        self.tabs.currentChanged.connect(lambda _i: self._enable())

        self.status = QLabel(self, wordWrap=True, textInteractionFlags=Qt.TextSelectableByMouse)
        self.status.setObjectName("storageStatus")
        self.progress = QProgressBar(self)
        self.progress.hide()
        actions = QHBoxLayout()
        actions.addWidget(button("delete", self.tr("Delete day…"), self.delete_day))
        actions.addWidget(button("export", self.tr("Export day…"), self.export_day))
        actions.addStretch(1)
        actions.addWidget(button("close", self.tr("Close"), self.close))
        box = QVBoxLayout(self)
        box.addWidget(self.summary)
        box.addWidget(self.trouble)
        box.addLayout(filters)
        box.addWidget(self.tabs, 1)
        box.addWidget(self.progress)
        box.addWidget(self.status)
        box.addLayout(actions)
        self._enable()

    def _say(self, text: str, ok: bool | None = None) -> None:
        self.status.setText(text)
        self.status.setProperty("ok", "" if ok is None else str(ok).lower())
        self.status.style().polish(self.status)

    def _failed(self, error: Exception) -> None:
        self._say(error_text(error), ok=False)

    # -- loading -----------------------------------------------------------------------------------

    def _latest(self, what: str, on_done):
        """on_done for the newest request of its kind only: filters changed quickly must not let an
        older, slower answer overwrite a newer one."""
        self._asked[what] += 1
        n = self._asked[what]
        return lambda result: on_done(result) if self._asked[what] == n else None

    def refresh(self) -> None:
        run_in_background(lambda: self.api.storage(),
                          self._latest("storage", self._loaded), self._failed)
        self.refresh_log()

    def _loaded(self, view: m.Storage) -> None:
        self.view = view
        self._fill_summary()
        self._update_camera_filter()
        self._fill_cameras()
        self._fill_days()

    def period(self) -> tuple[date, date]:
        """The chosen local days, first and last included."""
        first, last = self.date_from.date().toPython(), self.date_to.date().toPython()
        return (first, last) if first <= last else (last, first)

    def refresh_log(self) -> None:
        first, last = self.period()
        params = {"start": local_midnight(first, self.tz).isoformat(),
                  "end": local_midnight(last + timedelta(days=1), self.tz).isoformat(), "limit": LOG_LIMIT}
        if self.camera_filter.currentData() is not None:
            params["camera_id"] = self.camera_filter.currentData()
        run_in_background(lambda: self.api.cleanup_plan(**params),
                          self._latest("log", self._logged), self._failed)

    def _logged(self, rows: list[m.Deletion]) -> None:
        self.log = rows
        self._fill_log()

    def _filters_changed(self) -> None:
        self._fill_cameras()
        self._fill_days()
        self.refresh_log()

    # -- filling the tables --------------------------------------------------------------------------

    def cameras(self) -> list[m.StorageCamera]:
        return self.view.cameras if self.view is not None else []

    def camera_name(self, camera_id: int | None) -> str:
        cam = next((c for c in self.cameras() if c.id == camera_id), None)
        if cam is None:
            return str(camera_id) if camera_id is not None else ""
        return cam.name + (" " + self.tr("(removed)") if cam.removed else "")

    def _fill_summary(self) -> None:
        disk = self.view.disk
        cams = self.view.cameras
        lines = [self.tr("Disk: {used} of {total} used ({pct:.0f} %), {free} free; recordings {rec}.").format(
            used=human_bytes(disk.used), total=human_bytes(disk.total), pct=disk.percent, free=human_bytes(disk.free),
            rec=human_bytes(sum(c.bytes for c in cams)))]
        if disk.days_until_full is not None:
            lines.append(self.tr("Recording {rate} Mbit/s in all: the disk is full in about {days} days at this "
                                 "rate (then the oldest footage goes early).").format(
                rate=mbits(disk.bandwidth), days=days_text(disk.days_until_full)))
        else:
            lines.append(self.tr("Nothing is being recorded at the moment."))
        sweep = self.view.last_sweep
        nxt = self.view.next_sweep
        text = self.tr("Retention runs next on {when}.").format(
            when=local_time(nxt, self.tz).strftime("%d/%m/%Y %H:%M")) if nxt else ""
        if sweep:
            text += " " + self.tr("Last run {when}: {n} recordings deleted ({size}).").format(
                when=local_time(sweep.at, self.tz).strftime("%d/%m %H:%M"), n=sweep.deleted,
                size=human_bytes(sweep.bytes))
        lines.append(text.strip())
        for item in self.view.expiring:
            lines.append(self.tr("{camera}: {day} is deleted at the next run ({size}) — save clips now.").format(
                camera=item.camera_name or item.camera_id, day=full_date(item.date),
                size=human_bytes(item.bytes)))
        self.summary.setText("\n".join(line for line in lines if line))
        trouble = disk.trouble
        self.trouble.setText(disk_trouble(disk) if trouble else "")
        self.trouble.setVisible(bool(trouble))

    def _update_camera_filter(self) -> None:
        chosen = self.camera_filter.currentData()
        self.camera_filter.blockSignals(True)
        while self.camera_filter.count() > 1:
            self.camera_filter.removeItem(1)
        for cam in self.cameras():
            self.camera_filter.addItem(self.camera_name(cam.id), cam.id)
        self.camera_filter.setCurrentIndex(max(0, self.camera_filter.findData(chosen)))
        self.camera_filter.blockSignals(False)

    def shown_cameras(self) -> list[m.StorageCamera]:
        cid = self.camera_filter.currentData()
        return [c for c in self.cameras() if cid is None or c.id == cid]

    def _fill_cameras(self) -> None:
        cams = self.shown_cameras()
        total = sum(c.bytes for c in self.cameras()) or 1
        self.cameras_table.setRowCount(len(cams))
        for i, cam in enumerate(cams):
            days = cam.days
            cells = [_item(self.camera_name(cam.id), data=cam.id),
                     _item(self.tr("{n} days").format(n=cam.retention_days), align_right=True),
                     _item(str(len(days)), align_right=True),
                     _item(full_date(days[0].date) if days else ""),
                     _item(human_bytes(cam.bytes), f"{cam.bytes:,}", align_right=True),
                     _item(f"{100 * cam.bytes / total:.0f} %", align_right=True),
                     _item(mbits(cam.bandwidth)), self._loss_item(cam.frame_loss)]
            for j, item in enumerate(cells):
                self.cameras_table.setItem(i, j, item)

    def _loss_item(self, loss: m.FrameLoss | None) -> QTableWidgetItem:
        """Frames missing against the camera's frame rate; blank while it is not recording."""
        if not loss:
            return _item("—", self.tr("Measured while the camera records"))
        item = _item(f"{loss.percent:.2f} %", self.tr("{frames} of {expected} frames over {seconds:.0f} s").format(
            frames=loss.frames, expected=loss.expected, seconds=loss.seconds))
        if loss.warning:
            item.setForeground(SOON)
        return item

    def shown_days(self) -> list[CameraDay]:
        """The chosen cameras' days within the period, camera by camera, newest day first."""
        first, last = self.period()
        out = []
        for cam in self.shown_cameras():
            for d in reversed(cam.days):
                if first <= date.fromisoformat(d.date) <= last:
                    out.append(CameraDay(**dict(d), camera_id=cam.id, camera_name=cam.name))
        return out

    def _fill_days(self) -> None:
        keep = self.selected_day()
        rows = self.shown_days()
        self.days_table.setRowCount(len(rows))
        for i, d in enumerate(rows):
            cells = [_item(self.camera_name(d.camera_id), data=(d.camera_id, d.date)),
                     _item(full_date(d.date)), _item(hours_minutes(d.recorded_seconds), align_right=True),
                     _item(human_bytes(d.bytes), f"{d.bytes:,}", align_right=True),
                     _item(full_date(d.expires_on)), _item(str(max(d.days_left, 0)))]
            for j, item in enumerate(cells):
                if d.days_left <= 1:
                    item.setForeground(SOON)
                    if not item.toolTip():  # the size's keeps its exact bytes
                        item.setToolTip(self.tr("Deleted at the next retention run: save clips now"))
                self.days_table.setItem(i, j, item)
            if keep and (d.camera_id, d.date) == (keep.camera_id, keep.date):
                self.days_table.selectRow(i)
        self._enable()

    def reason_text(self, reason: DeletionReason) -> str:
        return {DeletionReason.RETENTION: self.tr("retention"), DeletionReason.DISK_FULL: self.tr("disk full (early)"),
                DeletionReason.MANUAL: self.tr("by the administrator")}.get(reason, reason)

    def _fill_log(self) -> None:
        self.log_table.setRowCount(len(self.log))
        for i, row in enumerate(self.log):
            start, end = local_time(row.start, self.tz), local_time(row.end, self.tz)
            cells = [_item(local_time(row.at, self.tz).strftime("%d/%m/%Y %H:%M:%S")),
                     _item(self.camera_name(row.camera_id)),
                     _item(f"{start:%d/%m/%Y %H:%M:%S} – {end:%H:%M:%S}"),
                     _item(human_bytes(row.bytes), f"{row.bytes:,}", align_right=True),
                     _item(self.reason_text(row.reason)), _item(row.path, row.path)]
            if row.reason == DeletionReason.DISK_FULL:
                cells[4].setForeground(SOON)
            for j, item in enumerate(cells):
                self.log_table.setItem(i, j, item)

    def selected_day(self) -> CameraDay | None:
        items = self.days_table.selectedItems()
        if not items:
            return None
        key = self.days_table.item(items[0].row(), 0).data(Qt.UserRole)
        return next((d for d in self.shown_days() if (d.camera_id, d.date) == tuple(key)), None)

    def select_day(self, camera_id: int, day: str) -> None:
        self.tabs.setCurrentWidget(self.days_table)
        for i in range(self.days_table.rowCount()):
            if tuple(self.days_table.item(i, 0).data(Qt.UserRole)) == (camera_id, day):
                self.days_table.selectRow(i)

    def _enable(self) -> None:
        day = self.tabs.currentWidget() is self.days_table and self.selected_day() is not None
        self.buttons["delete"].setEnabled(day and not self._busy)
        self.buttons["export"].setEnabled(day and not self._busy)
        self.buttons["sweep"].setEnabled(not self._busy)

    def _start_work(self, text: str) -> None:
        self._busy = True
        self._say(text)
        self._enable()

    def _work_done(self) -> None:
        self._busy = False
        self.progress.hide()
        self._enable()

    # -- bulk actions ------------------------------------------------------------------------------

    def delete_day(self) -> None:
        d = self.selected_day()
        if d is None or self._busy:
            return
        camera, day = self.camera_name(d.camera_id), full_date(d.date)
        answer = QMessageBox.question(
            self, self.tr("Delete day"),
            self.tr("Delete all footage of {camera} on {day} ({size})? It is removed for good; saved clips are "
                    "kept.").format(camera=camera, day=day, size=human_bytes(d.bytes)),
            QMessageBox.Yes | QMessageBox.Cancel, QMessageBox.Cancel)
        if answer != QMessageBox.Yes:
            return
        cid, iso = d.camera_id, d.date
        self._start_work(self.tr("Deleting {camera}, {day}…").format(camera=camera, day=day))

        def done(result: m.DayDeleted) -> None:
            self._work_done()
            self._say(self.tr("Deleted {n} recordings ({size}) of {camera} on {day}.").format(
                n=result.deleted, size=human_bytes(result.bytes), camera=camera, day=day), ok=True)
            self.refresh()

        run_in_background(lambda: self.api.delete_day(cid, iso),
                          done, lambda e: (self._work_done(), self._failed(e)))

    def export_day(self, folder: str | None = None, reason: str | None = None) -> None:
        """The day's footage leaves the recorder: the operator says why (on the recorder's record,
        file by file), then where."""
        d = self.selected_day()
        if d is None or self._busy:
            return
        if reason is None:
            reason = ask_copy_reason(self, self.tr("Export the day"))
            if reason is None:
                return
        if folder is None:
            start_in = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation) or str(Path.home())
            folder = QFileDialog.getExistingDirectory(self, self.tr("Export the day to…"), start_in)
            if not folder:
                return
        cid, iso, name = d.camera_id, d.date, d.camera_name
        day = date.fromisoformat(iso)
        start, end = local_midnight(day, self.tz), local_midnight(day + timedelta(days=1), self.tz)

        def work() -> DayExport:
            segs = self.api.recordings(cid, start, end, limit=100_000, timeout=60)
            mine = [s for s in segs if start <= datetime.fromisoformat(s.start) < end]  # the day they began
            return day_export.export_day(
                [(PurePosixPath(s.path).name,
                  lambda dest, sid=s.id: self.api.download_segment(sid, dest, reason)) for s in mine],
                Path(folder), name, iso, self.export_progress.emit)

        self.progress.setValue(0)
        self.progress.show()
        self._start_work(self.tr("Exporting {camera}, {day}…").format(camera=self.camera_name(cid),
                                                                      day=full_date(iso)))
        run_in_background(work, self._exported, self._export_failed)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _exported(self, result: DayExport) -> None:
        self._work_done()
        text = self.tr("Exported {n} files ({size}) to {folder}; checksums in {sums}.").format(
            n=result.files, size=human_bytes(result.bytes), folder=result.folder, sums=SUMS)
        if result.missing:
            text += " " + self.tr("{n} files listed in the index were missing from the disk.").format(
                n=len(result.missing))
        self._say(text, ok=not result.missing)

    def _export_failed(self, error: Exception) -> None:
        self._work_done()
        why = getattr(error, "strerror", None) or error_text(error)
        self._say(self.tr("The day was not exported: {why}").format(why=why), ok=False)

    def run_retention(self) -> None:
        if self._busy:
            return
        answer = QMessageBox.question(
            self, self.tr("Run retention now"),
            self.tr("Delete now all footage older than each camera's retention? Saved clips are kept."),
            QMessageBox.Yes | QMessageBox.Cancel, QMessageBox.Cancel)
        if answer != QMessageBox.Yes:
            return
        self._start_work(self.tr("Running retention…"))

        def done(result: m.Sweep) -> None:
            self._work_done()
            self._say(self.tr("Retention deleted {n} recordings ({size}).").format(
                n=result.deleted, size=human_bytes(result.bytes)), ok=True)
            self.refresh()

        run_in_background(lambda: self.api.sweep(), done,
                          lambda e: (self._work_done(), self._failed(e)))
