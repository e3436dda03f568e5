"""Saving the selected range as a clip: the "Create clip" dialog, which sends the request to
the recorder and follows the extraction to the end; and how clip times are written for people."""

from __future__ import annotations

import getpass
from datetime import UTC, datetime, tzinfo

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QProgressBar, QWidget

from vms_api import models as m
from vms_api.enums import ClipState
from vms_api.models import utc
from vms_desktop.messages import error_text, translate
from vms_desktop.recorder_link import RecorderApi
from vms_desktop.tasks import run_in_background

POLL_PAUSE_MS = 250  # between two waits on the recorder (each waits up to a second itself)
KEYFRAME_NOTE_S = 0.5  # a clip starting this much before the chosen start is worth a word


def format_duration(seconds: float) -> str:
    s = max(0, round(seconds))
    h, m, s = s // 3600, s % 3600 // 60, s % 60
    if h:
        return QCoreApplication.translate("Clips", "{h} h {m} min {s} s").format(h=h, m=m, s=s)
    if m:
        return QCoreApplication.translate("Clips", "{m} min {s} s").format(m=m, s=s)
    return QCoreApplication.translate("Clips", "{s} s").format(s=s)


def format_range(start: datetime, end: datetime, tz: tzinfo, full_date: bool = False) -> str:
    """"14:02:10 → 14:07:10" in local time; dates added where the day is not obvious."""
    a, b = start.astimezone(tz), end.astimezone(tz)
    first = a.strftime("%d/%m/%Y %H:%M:%S" if full_date else "%H:%M:%S")
    last = b.strftime("%d/%m %H:%M:%S" if b.date() != a.date() else "%H:%M:%S")
    return f"{first} → {last}"


def describe_missing(row: m.Clip, tz: tzinfo) -> str:
    """Which parts of the clip's range had no recording, in one sentence (empty when none)."""
    parts = [format_range(utc(a), utc(b), tz) for a, b in row.missing]
    if not parts:
        return ""
    return QCoreApplication.translate("Clips", "No recording in {parts}: the clip leaves these parts out.").format(
        parts=", ".join(parts))


def default_name(camera_name: str, start: datetime, tz: tzinfo) -> str:
    # The recorder refuses '/', '\\' and '..' in names: dashes stand in for them.
    camera = camera_name.replace("/", "-").replace("\\", "-").replace("..", ".")
    return f"{camera} {start.astimezone(tz):%d-%m %H:%M}"


def current_user() -> str | None:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (containers)
        return None


class CreateClipDialog(QDialog):
    """Name and notes for a range; OK asks the recorder for the clip and shows its progress.
    The recorder checks the name: its refusal is shown here and the dialog stays open."""

    saved = Signal(object)  # the clip's row (vms_api.models.Clip), once its file is ready

    def __init__(self, api: RecorderApi, camera: m.CameraStatus, start: datetime, end: datetime, tz: tzinfo,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.api, self.camera, self.start, self.end, self.tz = api, camera, start, end, tz
        self.row: m.Clip | None = None
        self._gone = False  # closed: stop following the extraction
        self.setWindowTitle(self.tr("Create clip"))
        self.name = QLineEdit(default_name(camera.name, start, tz), self)
        self.notes = QPlainTextEdit(self, maximumHeight=90)
        self.notes.setPlaceholderText(self.tr("optional: what happened, who asked for it"))
        self.error = QLabel(self, wordWrap=True)
        self.error.setObjectName("formError")
        self.progress = QProgressBar(self, minimum=0, maximum=100, visible=False)
        self.status = QLabel(self, wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("Save clip"))
        self.buttons.accepted.connect(self.send)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Camera"), QLabel(camera.name, self))
        form.addRow(self.tr("Range"), QLabel(format_range(start, end, tz, full_date=True) + "  ("
                                             + format_duration((end - start).total_seconds()) + ")", self))
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Notes"), self.notes)
        form.addRow(self.error)
        form.addRow(self.progress)
        form.addRow(self.status)
        form.addRow(self.buttons)
        self.resize(460, self.sizeHint().height())

    # -- sending ---------------------------------------------------------------------------

    def send(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.error.setText(self.tr("Give the clip a name"))
            return
        body = m.ClipIn(camera_id=self.camera.id, start=self.start.astimezone(UTC), end=self.end.astimezone(UTC),
                        name=name, notes=self.notes.toPlainText().strip() or None, created_by=current_user())
        self._set_busy(True)
        self.error.clear()
        self.status.setText(self.tr("Sending the request to the recorder…"))
        run_in_background(lambda: self.api.make_clip(body), self._accepted, self._refused)

    def _set_busy(self, busy: bool) -> None:
        for w in (self.name, self.notes, self.buttons.button(QDialogButtonBox.Ok)):
            w.setEnabled(not busy)

    def _refused(self, error: Exception) -> None:
        """Bad name, no recording, the plan's limit...: the recorder's words; fix and try again."""
        self._set_busy(False)
        self.status.clear()
        self.error.setText(error_text(error))

    def _accepted(self, row: m.Clip) -> None:
        self.row = row
        self.progress.show()
        self._show(row)
        self._follow()

    # -- following the extraction -----------------------------------------------------------

    def _follow(self) -> None:
        if self._gone or self.row is None:
            return
        cid = self.row.id
        run_in_background(lambda: self.api.clip(cid, wait=1),
                          self._followed, self._lost)

    def _followed(self, row: m.Clip) -> None:
        if self._gone:
            return
        self.row = row
        self._show(row)
        if row.state == ClipState.EXTRACTING:
            QTimer.singleShot(POLL_PAUSE_MS, self._follow)

    def _lost(self, error: Exception) -> None:
        if not self._gone:
            self.error.setText(error_text(error))
            self.buttons.setStandardButtons(QDialogButtonBox.Close)

    def _show(self, row: m.Clip) -> None:
        notes = [n for n in (self._keyframe_note(row), describe_missing(row, self.tz)) if n]
        if row.state == ClipState.EXTRACTING:
            self.progress.setValue(round(100 * row.progress))
            self.status.setText("\n".join([self.tr("Saving the clip…")] + notes))
        elif row.state == ClipState.READY:
            self.progress.setValue(100)
            self.status.setText("\n".join([self.tr("Clip saved")] + notes))
            self.buttons.setStandardButtons(QDialogButtonBox.Close)
            self.saved.emit(row)
        else:  # failed: the recorder's reason; the operator may change the range or try again
            self.progress.hide()
            self.status.clear()
            self.error.setText(self.tr("The clip could not be saved: {why}").format(
                why=translate(row.error)))
            self._set_busy(False)

    def _keyframe_note(self, row: m.Clip) -> str:
        start, asked = utc(row.start), utc(row.requested_start)
        if start and asked and (asked - start).total_seconds() > KEYFRAME_NOTE_S:
            return self.tr("The clip starts at {t}, at the key frame just before the chosen start.").format(
                t=start.astimezone(self.tz).strftime("%H:%M:%S"))
        return ""

    def done(self, result: int) -> None:
        self._gone = True  # the recorder finishes the clip anyway; the panel shows it
        super().done(result)
