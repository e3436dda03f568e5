"""Add or edit a camera: fields checked in the dialog, 'Test connection' through the recorder,
and nothing saved unless the recorder accepted all of it in one go."""

from __future__ import annotations

from urllib.parse import urlsplit

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from vms_api import models as m
from vms_desktop.messages import camera_error, error_text
from vms_desktop.recorder_link import RecorderApi
from vms_desktop.tasks import run_in_background


class CameraDialog(QDialog):
    def __init__(self, api: RecorderApi, camera: m.Camera | None = None, plan_days: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.api = api
        self.camera = camera
        self.saved: m.Camera | None = None
        self.mask: list[list[float]] = []
        self.mask_editor = None
        self.setWindowTitle(self.tr("Edit camera") if camera else self.tr("Add camera"))
        self.setMinimumWidth(520)

        self.name = QLineEdit(self, maxLength=120)
        self.url = QLineEdit(self, placeholderText="rtsp://192.168.1.10:554/stream1")
        self.sub_url = QLineEdit(self, placeholderText=self.tr("optional, for the live grid"))
        self.username = QLineEdit(self, maxLength=120)
        self.password = QLineEdit(self, maxLength=200, echoMode=QLineEdit.Password)
        if camera and camera.has_password:
            self.password.setPlaceholderText(self.tr("unchanged"))
        self.retention = QComboBox(self)
        default = self.tr("Plan default ({n} days)").format(n=plan_days) if plan_days else self.tr("Plan default")
        self.retention.addItem(default, None)
        self.retention.addItem(self.tr("Keep for…"), "custom")
        self.days = QSpinBox(self, minimum=1, maximum=3650, suffix=self.tr(" days"), value=30)
        self.retention.currentIndexChanged.connect(lambda i: self.days.setEnabled(i == 1))
        self.days.setEnabled(False)
        self.enabled = QCheckBox(self.tr("Record this camera"), self, checked=True)

        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Main stream (RTSP URL)"), self.url)
        form.addRow(self.tr("Substream (RTSP URL)"), self.sub_url)
        form.addRow(self.tr("Username"), self.username)
        form.addRow(self.tr("Password"), self.password)
        keep = QHBoxLayout()
        keep.addWidget(self.retention, 1)
        keep.addWidget(self.days)
        form.addRow(self.tr("Keep recordings"), keep)
        form.addRow("", self.enabled)

        self.test_button = QPushButton(self.tr("Test connection"), self)
        self.test_button.clicked.connect(self.test_connection)
        self.result = QLabel(self, wordWrap=True, textInteractionFlags=Qt.TextSelectableByMouse)
        self.result.setObjectName("probeResult")
        self.error = QLabel(self, wordWrap=True)
        self.error.setObjectName("formError")
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self._build_motion())
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.result, 1)
        box.addLayout(test_row)
        box.addWidget(self.error)
        box.addWidget(self.buttons)
        if camera:
            self._fill(camera)

    def _build_motion(self) -> QGroupBox:
        group = QGroupBox(self.tr("Motion detection"), self)
        self.motion_enabled = QCheckBox(self.tr("Detect motion (events on the timeline)"), group, checked=True)
        self.sensitivity = QSlider(Qt.Horizontal, group, minimum=1, maximum=100, value=50, pageStep=10)
        self.sensitivity.setToolTip(self.tr("Higher: smaller changes count as motion"))
        self.sensitivity_value = QLabel("50", group, minimumWidth=28)
        self.sensitivity.valueChanged.connect(lambda v: self.sensitivity_value.setText(str(v)))
        self.motion_enabled.toggled.connect(self.sensitivity.setEnabled)
        self.mask_button = QPushButton(self.tr("Edit mask…"), group)
        self.mask_button.clicked.connect(self.edit_mask)
        self.mask_label = QLabel(group)
        level = QHBoxLayout()
        level.addWidget(self.sensitivity, 1)
        level.addWidget(self.sensitivity_value)
        mask = QHBoxLayout()
        mask.addWidget(self.mask_button)
        mask.addWidget(self.mask_label, 1)
        form = QFormLayout(group)
        form.addRow("", self.motion_enabled)
        form.addRow(self.tr("Sensitivity"), level)
        form.addRow(self.tr("Ignored areas"), mask)
        self._set_mask([])
        return group

    def _set_mask(self, areas: list[list[float]]) -> None:
        self.mask = areas
        self.mask_label.setText(self.tr("none: motion anywhere in the picture counts") if not areas
                                else self.tr("{n} in the mask").format(n=len(areas)))

    def edit_mask(self) -> None:
        from vms_desktop.cameras.motion_mask import MaskEditor  # opened rarely: loaded when first used

        self.mask_editor = MaskEditor(self.api, self.camera.id if self.camera else None, self.mask,
                                      self.name.text().strip(), self)
        self.mask_editor.accepted.connect(lambda: self._set_mask(self.mask_editor.areas()))
        self.mask_editor.open()

    def _fill(self, cam: m.Camera) -> None:
        self.name.setText(cam.name)
        self.url.setText(cam.url)
        self.sub_url.setText(cam.sub_url or "")
        self.username.setText(cam.username or "")
        if cam.retention_days:
            self.retention.setCurrentIndex(1)
            self.days.setValue(cam.retention_days)
        self.enabled.setChecked(cam.enabled)
        self.motion_enabled.setChecked(cam.motion_enabled is not False)
        self.sensitivity.setValue(cam.motion_sensitivity or 50)
        self._set_mask([list(a) for a in cam.motion_mask])

    # -- checks ---------------------------------------------------------------------------

    def _url_problem(self, text: str, what: str) -> str | None:
        try:
            parts = urlsplit(text)
            parts.port  # noqa: B018 - raises on a bad port
        except ValueError:
            return self.tr("{what}: this is not a valid address").format(what=what)
        if parts.scheme not in ("rtsp", "rtsps"):
            return self.tr("{what} must start with rtsp://").format(what=what)
        if not parts.hostname:
            return self.tr("{what} has no camera address (host)").format(what=what)
        return None

    def problems(self, to_save: bool = True) -> list[str]:
        """What is wrong with the form, in words; empty when it may be sent."""
        out = []
        if to_save and not self.name.text().strip():
            out.append(self.tr("Give the camera a name"))
        if not self.url.text().strip():
            out.append(self.tr("Enter the camera's RTSP address"))
        else:
            out.append(self._url_problem(self.url.text().strip(), self.tr("Main stream")))
        if self.sub_url.text().strip():
            out.append(self._url_problem(self.sub_url.text().strip(), self.tr("Substream")))
        if self.password.text() and not self.username.text().strip():
            out.append(self.tr("A password needs a username"))
        return [p for p in out if p]

    def fields(self) -> dict:
        out = {"name": self.name.text().strip(), "url": self.url.text().strip(),
               "sub_url": self.sub_url.text().strip() or None,
               "username": self.username.text().strip() or None,
               "retention_days": self.days.value() if self.retention.currentIndex() == 1 else None,
               "enabled": self.enabled.isChecked(), "motion_enabled": self.motion_enabled.isChecked(),
               "motion_sensitivity": self.sensitivity.value(), "motion_mask": self.mask}
        if self.password.text() or not self.camera:
            out["password"] = self.password.text() or None
        return out

    # -- actions --------------------------------------------------------------------------

    def test_connection(self) -> None:
        problems = self.problems(to_save=False)
        if problems:
            self._show_error(problems)
            return
        self._show_error([])
        self.test_button.setEnabled(False)
        self.result.setText(self.tr("Connecting…"))
        body = {"url": self.url.text().strip(), "username": self.username.text().strip() or None,
                "password": self.password.text() or None,
                "camera_id": self.camera.id if self.camera else None}
        run_in_background(lambda: self.api.probe(body), self._tested, self._test_failed)

    def _tested(self, answer: m.ProbeResult) -> None:
        self.test_button.setEnabled(True)
        if answer.ok:
            self.result.setProperty("ok", True)
            self.result.setText(self.tr("Connected: {what}").format(what=answer.description))
        else:
            self.result.setProperty("ok", False)
            self.result.setText(self.tr("Failed: {why}").format(why=camera_error(answer)))
        self.result.style().polish(self.result)

    def _test_failed(self, error: Exception) -> None:
        self.test_button.setEnabled(True)
        self.result.setProperty("ok", False)
        self.result.setText(self.tr("Failed: {why}").format(why=error_text(error)))
        self.result.style().polish(self.result)

    def save(self) -> None:
        problems = self.problems()
        if problems:
            self._show_error(problems)
            return
        self.buttons.setEnabled(False)
        fields = self.fields()
        if self.camera:
            work = lambda: self.api.update_camera(self.camera.id, fields)  # noqa: E731
        else:
            work = lambda: self.api.add_camera(fields)  # noqa: E731
        run_in_background(work, self._saved, self._save_failed)

    def _saved(self, camera: m.Camera) -> None:
        self.saved = camera
        self.accept()

    def _save_failed(self, error: Exception) -> None:
        self.buttons.setEnabled(True)
        why = error_text(error)
        self._show_error([self.tr("Not saved: {why}").format(why=why)])

    def _show_error(self, problems: list[str]) -> None:
        self.error.setText("\n".join(problems))
