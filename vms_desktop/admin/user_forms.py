"""The small forms of the users screen: a user's role and cameras (and, for a new one, name and
password), and a new password. Each stays open until the recorder has answered, so a refusal
(the plan's limit, the last administrator, a short password) is read where it was typed."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from vms_api import models as m
from vms_api.roles import Role

ERROR_STYLE = "color: #ff6b6b;"


_ROLE_NAMES = {Role.VIEWER: QT_TRANSLATE_NOOP("Roles", "Viewer (live only)"),
               Role.OPERATOR: QT_TRANSLATE_NOOP("Roles", "Operator (live, playback, clips)"),
               Role.SUPERVISOR: QT_TRANSLATE_NOOP("Roles", "Supervisor (all footage and the audit trail)"),
               Role.ADMIN: QT_TRANSLATE_NOOP("Roles", "Administrator (everything)")}
_ROLE_WORDS = {Role.ADMIN: QT_TRANSLATE_NOOP("Roles", "Administrator"),
               Role.SUPERVISOR: QT_TRANSLATE_NOOP("Roles", "Supervisor"),
               Role.OPERATOR: QT_TRANSLATE_NOOP("Roles", "Operator"), Role.VIEWER: QT_TRANSLATE_NOOP("Roles", "Viewer")}


def role_names() -> dict[Role, str]:
    """The roles with what each may do, in the order a form offers them (the most limited first)."""
    return {role: QCoreApplication.translate("Roles", text) for role, text in _ROLE_NAMES.items()}


def role_word(role: str | None) -> str:
    """A role in a word, as the users' table, the audit trail and the status bar show it."""
    text = _ROLE_WORDS.get(role)
    return QCoreApplication.translate("Roles", text) if text else role or ""  # a role gone since, as it was


class _Form(QDialog):
    """OK sends what the form says (submitted); the owner calls done_ok() or failed(text)."""
    submitted = Signal(dict)

    def __init__(self, title: str, parent: QWidget | None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.error = QLabel("", self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.ok = self.buttons.button(QDialogButtonBox.Ok)
        self.buttons.accepted.connect(self._send)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def check(self) -> dict | str:
        """The request, or what is wrong with the form in words."""
        raise NotImplementedError

    def _send(self) -> None:
        request = self.check()
        if isinstance(request, str):
            self.error.setText(request)
            return
        self.error.setText(self.tr("Saving…"))
        self.error.setStyleSheet("")
        self.ok.setEnabled(False)  # one request at a time
        self.submitted.emit(request)

    def failed(self, text: str) -> None:
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setText(text)
        self.ok.setEnabled(True)

    def _password_fields(self) -> None:
        self.password, self.repeat = QLineEdit(self), QLineEdit(self)
        for field in (self.password, self.repeat):
            field.setEchoMode(QLineEdit.Password)
        self.form.addRow(self.tr("Password:"), self.password)
        self.form.addRow(self.tr("Password again:"), self.repeat)

    def _password_problem(self) -> str:
        if not self.password.text():
            return self.tr("Type a password.")
        if self.password.text() != self.repeat.text():
            return self.tr("The two passwords differ.")
        return ""


def camera_checklist(parent: QWidget, cameras: list[m.CameraStatus], chosen: set[int]) -> QListWidget:
    """The cameras, each with a box ticked if chosen (its id in the item's user data)."""
    box = QListWidget(parent)
    for cam in cameras:
        item = QListWidgetItem(f"{cam.id} · {cam.name}", box)
        item.setData(Qt.UserRole, cam.id)
        item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
        item.setCheckState(Qt.Checked if cam.id in chosen else Qt.Unchecked)
    return box


def ticked(box: QListWidget) -> list[int]:
    """The ids of the cameras ticked in a camera_checklist."""
    return [box.item(i).data(Qt.UserRole) for i in range(box.count()) if box.item(i).checkState() == Qt.Checked]


class UserForm(_Form):
    """A new user (user None: name, role, password twice, cameras) or a user's role and cameras."""

    def __init__(self, cameras: list[m.CameraStatus], user: m.User | None = None, parent: QWidget | None = None):
        super().__init__(self.tr("Add user") if user is None else self.tr("Change {name}").format(name=user.name),
                         parent)
        self.adding = user is None
        self.name = QLineEdit(self)
        self.name.setMaxLength(64)
        if user is not None:
            self.name.setText(user.name)
            self.name.setReadOnly(True)  # a name is who the trail says did things: it does not change
        self.form.addRow(self.tr("Name:"), self.name)
        self.role = QComboBox(self)
        for role, text in role_names().items():
            self.role.addItem(text, role)
        self.role.setCurrentIndex(self.role.findData(user.role if user else Role.OPERATOR))
        self.form.addRow(self.tr("Role:"), self.role)
        if self.adding:
            self._password_fields()
        self.all_cameras = QRadioButton(self.tr("All cameras, also those added later"), self)
        self.some_cameras = QRadioButton(self.tr("Only these cameras:"), self)
        group = QButtonGroup(self)
        group.addButton(self.all_cameras)
        group.addButton(self.some_cameras)
        self.camera_list = camera_checklist(self, cameras, set(user.cameras or []) if user else set())
        limited = user is not None and user.cameras is not None
        self.some_cameras.setChecked(limited)
        self.all_cameras.setChecked(not limited)
        self.camera_list.setEnabled(limited)
        self.some_cameras.toggled.connect(self.camera_list.setEnabled)
        cameras_box = QVBoxLayout()
        for widget in (self.all_cameras, self.some_cameras, self.camera_list):
            cameras_box.addWidget(widget)
        self.form.addRow(self.tr("Cameras:"), cameras_box)

    def checked_cameras(self) -> list[int]:
        return ticked(self.camera_list)

    def check(self) -> dict | str:
        request: dict = {"role": self.role.currentData(),
                         "cameras": self.checked_cameras() if self.some_cameras.isChecked() else None}
        if request["cameras"] == []:
            return self.tr("Tick at least one camera, or choose all cameras.")
        if self.adding:
            if not self.name.text().strip():
                return self.tr("Type the user's name.")
            if problem := self._password_problem():
                return problem
            request |= {"name": self.name.text().strip(), "password": self.password.text()}
        return request


class PasswordForm(_Form):
    """A user's new password, typed twice; the recorder then ends the user's sessions."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(self.tr("New password for {name}").format(name=name), parent)
        self._password_fields()
        note = QLabel(self.tr("{name} is logged out everywhere and logs in again with the new password.")
                      .format(name=name), self)
        note.setWordWrap(True)
        self.form.addRow(note)

    def check(self) -> dict | str:
        return self._password_problem() or {"password": self.password.text()}
