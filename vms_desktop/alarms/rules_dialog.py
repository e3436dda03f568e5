"""The administrator's screen for alarms: which events are alarms (a kind, on some cameras, in
armed hours, escalated after a while unanswered) and the watch list of plates, typed or
imported from a file (a stolen-vehicle list). The recorder checks every rule and says its
refusals; this screen says them in words."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from vms_api import models as m
from vms_api.enums import AlarmKind
from vms_desktop.admin.user_forms import camera_checklist, ticked
from vms_desktop.alarms.alarm_windows import kind_text
from vms_desktop.messages import error_text
from vms_desktop.recorder_link import RecorderApi
from vms_desktop.tasks import run_in_background

MAX_IMPORT_BYTES = 20_000_000


def parse_watchlist(text: str) -> list[dict]:
    """Plates, one per line, each with an optional note after a comma, semicolon or tab (a CSV
    export of a stolen-vehicle list reads as it is). Blank lines and a header line ("plate",
    "placa") are skipped."""
    rows = []
    sample = text[:4096]
    delimiter = next((d for d in (";", "\t", ",") if d in sample), ",")
    for fields in csv.reader(io.StringIO(text), delimiter=delimiter):
        fields = [f.strip() for f in fields]
        if not fields or not fields[0] or fields[0].casefold() in ("plate", "placa"):
            continue
        note = " ".join(f for f in fields[1:] if f) or None
        rows.append({"plate": fields[0], "note": note})
    return rows


def watchlist_text(plates: list[m.WatchedPlate]) -> str:
    return "".join(f"{p.plate}; {p.note}\n" if p.note else f"{p.plate}\n" for p in plates)


class RuleForm(QDialog):
    """A rule's fields; the recorder checks them when saved."""

    DAYS = (QT_TRANSLATE_NOOP("RuleForm", "Mon"), QT_TRANSLATE_NOOP("RuleForm", "Tue"),
            QT_TRANSLATE_NOOP("RuleForm", "Wed"), QT_TRANSLATE_NOOP("RuleForm", "Thu"),
            QT_TRANSLATE_NOOP("RuleForm", "Fri"), QT_TRANSLATE_NOOP("RuleForm", "Sat"),
            QT_TRANSLATE_NOOP("RuleForm", "Sun"))

    def __init__(self, cameras: list[m.CameraStatus], rule: m.AlarmRule | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Alarm rule"))
        self.name = QLineEdit(rule.name if rule else "", self)
        self.name.setMaxLength(100)
        self.kind = QComboBox(self)
        for kind in AlarmKind:
            self.kind.addItem(kind_text(kind), str(kind))
        if rule:
            self.kind.setCurrentIndex(self.kind.findData(str(rule.kind)))
        self.all_cameras = QCheckBox(self.tr("All cameras, also those added later"), self)
        self.camera_list = camera_checklist(self, cameras, set(rule.camera_ids or []) if rule else set())
        self.all_cameras.setChecked(rule is None or rule.camera_ids is None)
        self.camera_list.setEnabled(not self.all_cameras.isChecked())
        self.all_cameras.toggled.connect(lambda on: self.camera_list.setEnabled(not on))
        days = QHBoxLayout()
        self.days = []
        for i, text in enumerate(self.DAYS):
            box = QCheckBox(self.tr(text), self)
            box.setChecked(rule is None or i in rule.days)
            self.days.append(box)
            days.addWidget(box)
        self.start = QTimeEdit(QTime.fromString(rule.start if rule else "00:00", "HH:mm"), self, displayFormat="HH:mm")
        self.end = QTimeEdit(QTime.fromString(rule.end if rule else "00:00", "HH:mm"), self, displayFormat="HH:mm")
        hours = QHBoxLayout()
        hours.addWidget(self.start)
        hours.addWidget(QLabel(self.tr("to"), self))
        hours.addWidget(self.end)
        hours.addWidget(QLabel(self.tr("(the same time: all day; 22:00 to 06:00 runs past midnight)"), self), 1)
        self.escalate = QSpinBox(self, minimum=10, maximum=86_400, suffix=" s", singleStep=30)
        self.escalate.setValue(rule.escalate_after_s if rule else 120)
        self.enabled = QCheckBox(self.tr("Enabled"), self)
        self.enabled.setChecked(rule is None or rule.enabled)
        self.error = QLabel(self)
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("When:"), self.kind)
        cams = QVBoxLayout()
        cams.addWidget(self.all_cameras)
        cams.addWidget(self.camera_list)
        form.addRow(self.tr("Cameras:"), cams)
        form.addRow(self.tr("Armed on:"), days)
        form.addRow(self.tr("Armed from:"), hours)
        form.addRow(self.tr("Escalate after:"), self.escalate)
        form.addRow("", self.enabled)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.error)
        box.addWidget(buttons)

    def request(self) -> m.AlarmRuleIn:
        cameras = None if self.all_cameras.isChecked() else ticked(self.camera_list)
        return m.AlarmRuleIn(name=self.name.text().strip() or "?", kind=AlarmKind(self.kind.currentData()),
                             camera_ids=cameras, days=[i for i, b in enumerate(self.days) if b.isChecked()],
                             start=self.start.time().toString("HH:mm"), end=self.end.time().toString("HH:mm"),
                             escalate_after_s=self.escalate.value(), enabled=self.enabled.isChecked())


class AlarmRulesDialog(QDialog):
    """Rules and the watch list, for an administrator; read again after each change."""

    def __init__(self, api: RecorderApi, parent: QWidget | None = None):
        super().__init__(parent)
        self.api = api
        self.rules: list[m.AlarmRule] = []
        self.cameras: list[m.CameraStatus] = []
        self.form: RuleForm | None = None
        self.setWindowTitle(self.tr("Alarms"))
        self.resize(760, 520)
        tabs = QTabWidget(self)
        # rules
        page = QWidget(tabs)
        self.rule_list = QListWidget(page)
        self.rule_list.itemDoubleClicked.connect(lambda _i: self.edit_rule())
        add, edit, remove = (QPushButton(t, page) for t in (self.tr("Add…"), self.tr("Change…"), self.tr("Remove")))
        add.clicked.connect(lambda: self._open_form(None))
        edit.clicked.connect(self.edit_rule)
        remove.clicked.connect(self.remove_rule)
        row = QHBoxLayout()
        for b in (add, edit, remove):
            row.addWidget(b)
        row.addStretch(1)
        col = QVBoxLayout(page)
        col.addWidget(QLabel(self.tr("Events that pop up on every workstation, with a sound, until someone "
                                     "acknowledges them:"), page))
        col.addWidget(self.rule_list, 1)
        col.addLayout(row)
        tabs.addTab(page, self.tr("Rules"))
        # watch list
        page = QWidget(tabs)
        self.plates = QPlainTextEdit(page)
        self.plates.setObjectName("watchlist")
        self.plates.setPlaceholderText(self.tr("One plate per line, a note after a semicolon:\nABC1D23; stolen 05/12"))
        self.plate_count = QLabel(page)
        load = QPushButton(self.tr("Import a file…"), page)
        load.clicked.connect(self.import_file)
        save = QPushButton(self.tr("Save the list"), page)
        save.setObjectName("saveWatchlist")
        save.clicked.connect(self.save_watchlist)
        row = QHBoxLayout()
        row.addWidget(load)
        row.addWidget(self.plate_count, 1)
        row.addWidget(save)
        col = QVBoxLayout(page)
        col.addWidget(QLabel(self.tr("Plates watched for: a posted plate that matches, or differs by one misread "
                                     "character, is an alarm of the rules for plates."), page, wordWrap=True))
        col.addWidget(self.plates, 1)
        col.addLayout(row)
        tabs.addTab(page, self.tr("Watch list"))
        self.error = QLabel(self)
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.Close, self)
        close.rejected.connect(self.close)
        box = QVBoxLayout(self)
        box.addWidget(tabs, 1)
        box.addWidget(self.error)
        box.addWidget(close)
        self.reload()

    def _call(self, work, done=None) -> None:
        self.error.clear()
        run_in_background(work, done or (lambda _r: self.reload()), lambda e: self.error.setText(error_text(e)),
                          owner=self)

    def reload(self) -> None:
        api = self.api
        self._call(lambda: (api.alarm_rules(), api.cameras(), api.watchlist()), self._loaded)

    def _loaded(self, result) -> None:
        self.rules, self.cameras, plates = result
        names = {c.id: c.name for c in self.cameras}
        self.rule_list.clear()
        for r in self.rules:
            cams = self.tr("all cameras") if r.camera_ids is None else ", ".join(names.get(c, f"#{c}")
                                                                                   for c in r.camera_ids)
            hours = self.tr("all day") if r.start == r.end else f"{r.start}–{r.end}"
            off = "" if r.enabled else self.tr(" (off)")
            item = QListWidgetItem(f"{r.name}{off} — {kind_text(r.kind)} · {cams} · {hours}", self.rule_list)
            item.setData(Qt.UserRole, r.id)
        self.plates.setPlainText(watchlist_text(plates.plates))
        self.plate_count.setText(self.tr("{n} plates").format(n=len(plates.plates)))

    def _chosen(self) -> m.AlarmRule | None:
        item = self.rule_list.currentItem()
        return next((r for r in self.rules if item and r.id == item.data(Qt.UserRole)), None)

    def edit_rule(self) -> None:
        rule = self._chosen()
        if rule is not None:
            self._open_form(rule)

    def _open_form(self, rule: m.AlarmRule | None) -> None:
        self.form = form = RuleForm(self.cameras, rule, self)
        form.accepted.connect(lambda: self._save_rule(form, rule))
        form.open()

    def _save_rule(self, form: RuleForm, rule: m.AlarmRule | None) -> None:
        req = form.request()
        self._call(lambda: self.api.change_alarm_rule(rule.id, req) if rule else self.api.add_alarm_rule(req))

    def remove_rule(self) -> None:
        rule = self._chosen()
        if rule is not None:
            self._call(lambda: self.api.remove_alarm_rule(rule.id))

    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a watch list"), "",
                                              self.tr("Lists (*.csv *.txt);;All files (*)"))
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> None:
        """A file's plates in the editor, to check before saving."""
        try:
            if path.stat().st_size > MAX_IMPORT_BYTES:
                raise OSError(self.tr("the file is larger than 20 MB"))
            data = path.read_bytes()
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = data.decode("cp1252", errors="replace")  # a spreadsheet's export on Windows
        except OSError as e:
            self.error.setText(self.tr("Could not read {file}: {why}").format(file=path.name, why=e))
            return
        rows = parse_watchlist(text)
        self.plates.setPlainText("".join(f"{r['plate']}; {r['note']}\n" if r["note"] else f"{r['plate']}\n"
                                         for r in rows))
        self.plate_count.setText(self.tr("{n} plates read from {file}: save to use them").format(
            n=len(rows), file=path.name))

    def save_watchlist(self) -> None:
        rows = parse_watchlist(self.plates.toPlainText())
        self._call(lambda: self.api.set_watchlist({"plates": rows}))
