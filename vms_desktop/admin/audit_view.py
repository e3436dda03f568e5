"""The supervisor's view of the audit trail (LGPD: who watched and who copied footage, and
why): entries filtered by user, camera, action and period, newest first, paged back a page at a
time; the same entries exported as CSV; and the chain verified, naming the first entry that was
changed, removed or put in."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDateTime, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vms_api import models as m
from vms_api.enums import AuditAction
from vms_desktop.admin.user_forms import ERROR_STYLE, role_word
from vms_desktop.messages import error_text, translate
from vms_desktop.recorder_link import RecorderApi
from vms_desktop.storage.disk_alerts import local_time
from vms_desktop.tasks import run_in_background

PAGE = 200  # entries a search or "More" brings
EXPORT_LIMIT = 100_000  # the recorder's most in one answer
TIME = "%d/%m/%Y %H:%M:%S"


class AuditView(QDialog):
    """The audit trail for a supervisor or an administrator: filters, the entries newest first,
    More, Export CSV and Verify. Every call goes to the recorder off the GUI thread."""

    def __init__(self, api: RecorderApi, parent: QWidget | None = None):
        super().__init__(parent)
        self.api = api
        self.entries: list[m.AuditEntry] = []
        self.camera_names: dict[int, str] = {}
        self.filters: dict = {}  # those of the entries shown: More and Export use them
        self.setWindowTitle(self.tr("Audit trail"))
        self.resize(1200, 640)

        self.user = QLineEdit(self)
        self.user.setPlaceholderText(self.tr("any user"))
        self.user.returnPressed.connect(self.search)
        self.camera = QComboBox(self)
        self.camera.addItem(self.tr("All cameras"), None)
        self.action = QComboBox(self)
        self.action.addItem(self.tr("All actions"), None)
        for action in AuditAction:
            self.action.addItem(self.action_text(action), action)
        now = QDateTime.currentDateTime()
        self.use_start, self.use_end = QCheckBox(self.tr("From:"), self), QCheckBox(self.tr("To:"), self)
        self.start, self.end = QDateTimeEdit(now.addDays(-1), self), QDateTimeEdit(now, self)
        for check, edit in ((self.use_start, self.start), (self.use_end, self.end)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy HH:mm")
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
        self.search_button = QPushButton(self.tr("Search"), self)
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.search)
        filters = QGridLayout()
        filters.addWidget(QLabel(self.tr("User:"), self), 0, 0)
        filters.addWidget(self.user, 0, 1)
        filters.addWidget(QLabel(self.tr("Camera:"), self), 0, 2)
        filters.addWidget(self.camera, 0, 3)
        filters.addWidget(QLabel(self.tr("Action:"), self), 0, 4)
        filters.addWidget(self.action, 0, 5)
        filters.addWidget(self.use_start, 1, 0)
        filters.addWidget(self.start, 1, 1)
        filters.addWidget(self.use_end, 1, 2)
        filters.addWidget(self.end, 1, 3)
        filters.addWidget(self.search_button, 1, 5, Qt.AlignRight)
        filters.setColumnStretch(1, 1)
        filters.setColumnStretch(5, 1)

        headers = [self.tr("Time"), self.tr("User"), self.tr("Role"), self.tr("Action"), self.tr("Camera"),
                   self.tr("Period"), self.tr("Reason"), self.tr("Address"), self.tr("Detail")]
        self.table = QTableWidget(0, len(headers), self)
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)

        self.more_button = QPushButton(self.tr("More"), self)
        self.more_button.setToolTip(self.tr("Older entries"))
        self.more_button.setEnabled(False)
        self.more_button.clicked.connect(self.more)
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.export_button.clicked.connect(self.export_csv)
        self.verify_button = QPushButton(self.tr("Verify"), self)
        self.verify_button.setToolTip(self.tr("Check that no entry was changed, removed or put in"))
        self.verify_button.clicked.connect(self.verify)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.more_button, self.export_button, self.verify_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        self.message = QLabel("", self)
        self.message.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        run_in_background(api.cameras, self._cameras, self._refused, owner=self)
        self.search()

    def action_text(self, action: str) -> str:
        return {
            AuditAction.LOGIN: self.tr("logged in"), AuditAction.LOGIN_FAILED: self.tr("failed login"),
            AuditAction.LOGIN_LOCKED: self.tr("locked out"), AuditAction.LOGOUT: self.tr("logged out"),
            AuditAction.SESSIONS_ENDED: self.tr("sessions ended"), AuditAction.LIVE_STARTED: self.tr("live started"),
            AuditAction.LIVE_STOPPED: self.tr("live stopped"), AuditAction.PLAYBACK: self.tr("playback"),
            AuditAction.SNAPSHOT_VIEWED: self.tr("picture viewed"), AuditAction.CLIP_CREATED: self.tr("clip made"),
            AuditAction.CLIP_CHANGED: self.tr("clip changed"), AuditAction.CLIP_DOWNLOADED: self.tr("clip downloaded"),
            AuditAction.CLIP_DELETED: self.tr("clip deleted"), AuditAction.RECORDINGS_DELETED: self.tr("footage deleted"),
            AuditAction.RECORDING_DOWNLOADED: self.tr("recording downloaded"),
            AuditAction.BOOKMARK_CREATED: self.tr("bookmark added"),
            AuditAction.BOOKMARK_CHANGED: self.tr("bookmark changed"),
            AuditAction.BOOKMARK_DELETED: self.tr("bookmark deleted"),
            AuditAction.CAMERA_ADDED: self.tr("camera added"), AuditAction.CAMERA_CHANGED: self.tr("camera changed"),
            AuditAction.CAMERA_REMOVED: self.tr("camera removed"), AuditAction.SETTINGS_CHANGED: self.tr("settings changed"),
            AuditAction.USER_ADDED: self.tr("user added"), AuditAction.USER_CHANGED: self.tr("user changed"),
            AuditAction.USER_REMOVED: self.tr("user removed"), AuditAction.PERMISSION_DENIED: self.tr("refused"),
            AuditAction.AUDIT_EXPORTED: self.tr("trail exported"), AuditAction.RECORDER_STARTED: self.tr("recorder started"),
            AuditAction.RECORDER_STOPPED: self.tr("recorder stopped"),
            AuditAction.ALARM_ACKNOWLEDGED: self.tr("alarm acknowledged"),
            AuditAction.ALARM_RULE_ADDED: self.tr("alarm rule added"),
            AuditAction.ALARM_RULE_CHANGED: self.tr("alarm rule changed"),
            AuditAction.ALARM_RULE_REMOVED: self.tr("alarm rule removed"),
            AuditAction.WATCHLIST_CHANGED: self.tr("watch list changed"),
        }.get(action, str(action))

    # -- the entries ---------------------------------------------------------------------------

    def chosen_filters(self) -> dict:
        def when(edit: QDateTimeEdit) -> datetime:
            return edit.dateTime().toPython().astimezone()  # the local time typed, with its offset

        return {"user": self.user.text().strip() or None, "camera_id": self.camera.currentData(),
                "action": self.action.currentData(),
                "start": when(self.start) if self.use_start.isChecked() else None,
                "end": when(self.end) if self.use_end.isChecked() else None}

    def search(self) -> None:
        self.filters = self.chosen_filters()
        self.entries = []
        self.table.setRowCount(0)
        self._fetch()

    def more(self) -> None:
        self._fetch(self.entries[-1].id if self.entries else None)

    def _fetch(self, before_id: int | None = None) -> None:
        api, filters = self.api, self.filters
        self.more_button.setEnabled(False)
        self._say(self.tr("Reading the trail…"))
        run_in_background(lambda: api.audit(**filters, before_id=before_id, limit=PAGE),
                          self._arrived, self._refused, owner=self)

    def _arrived(self, page: list[m.AuditEntry]) -> None:
        first = len(self.entries)
        self.entries += page
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(page, first):
            for column, text in enumerate(self.cells(entry)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.more_button.setEnabled(len(page) == PAGE)  # a short page is the oldest
        self._say(self.tr("%n entries shown, newest first.", "", len(self.entries)))

    def cells(self, e: m.AuditEntry) -> list[str]:
        camera = "" if e.camera_id is None else self.camera_names.get(e.camera_id, f"#{e.camera_id}")
        period = ""
        if e.start:
            period = f"{local_time(e.start):{TIME}}"
            if e.end:
                period += f" – {local_time(e.end):{TIME}}"
        detail = ", ".join(f"{k}: {'—' if v is None else v}" for k, v in e.detail.items())
        return [f"{local_time(e.at):{TIME}}", e.user, role_word(e.role), self.action_text(e.action), camera, period,
                e.reason or "", e.address or "", detail]

    def _cameras(self, cameras: list[m.CameraStatus]) -> None:
        self.camera_names = {c.id: c.name for c in cameras}
        for cam in cameras:
            self.camera.addItem(f"{cam.id} · {cam.name}", cam.id)
        for row, entry in enumerate(self.entries):  # names for the rows that came first
            self.table.item(row, 4).setText(self.cells(entry)[4])

    # -- export and verify -----------------------------------------------------------------------

    def export_csv(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the audit trail"),
                                              str(Path(folder) / "audit.csv"), self.tr("CSV files (*.csv)"))
        if not path:
            return
        api, filters = self.api, self.filters

        def work() -> int:
            text = api.audit_csv(**filters, limit=EXPORT_LIMIT)
            Path(path).write_text(text, encoding="utf-8", newline="")  # the recorder's line ends, as sent
            return max(len(list(csv.reader(io.StringIO(text)))) - 1, 0)  # a cell may hold a line break

        self._say(self.tr("Exporting…"))
        run_in_background(work, lambda n: self._say(self.tr("Saved %n entries to {path}.", "", n).format(path=path)),
                          self._refused, owner=self)

    def verify(self) -> None:
        self.verify_button.setEnabled(False)
        self._say(self.tr("Verifying the whole trail…"))
        run_in_background(self.api.audit_verify, self._verified, self._refused, owner=self)

    def _verified(self, check: m.AuditCheck) -> None:
        self.verify_button.setEnabled(True)
        if check.ok:
            self._say(self.tr("The trail is intact (%n entries).", "", check.entries))
            return
        self._say(self.tr("The trail was tampered with: {problem}. The {n} entries before it are intact.")
                  .format(problem=translate(check.problem), n=check.entries), error=True)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)

    def _refused(self, error: Exception) -> None:
        self.verify_button.setEnabled(True)
        self._say(error_text(error), error=True)
