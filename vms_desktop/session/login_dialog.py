"""The login screen: who is at the keyboard. It also makes the recorder's first administrator
(a recorder with no account yet), takes the password again when the session ended or the
screen locked, and changes user without closing the window. The password is never kept: the
last user name is remembered in the operator's settings, nothing else."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from vms_api.client import ApiError
from vms_api.errors import ErrorCode
from vms_desktop.messages import error_text
from vms_desktop.tasks import run_in_background

LAST_USER = "login/last_user"


class LoginDialog(QDialog):
    """Asks for a user name and password and logs the supervisor in with them (off the GUI
    thread). why: the recorder's code that made it appear (session_expired, logged_out, locked,
    token_missing at first start). With a locked user, only that user's password or a change
    of user opens the window again."""

    def __init__(self, supervisor, settings, why: str = "", locked_user: str | None = None,
                 where: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.supervisor = supervisor
        self.settings = settings
        self.locked_user = locked_user
        self.setup_mode = False
        self.setWindowTitle(self.tr("Log in — VMS Desktop"))
        self.setModal(True)
        self.intro = QLabel(self._intro(why, where), self)
        self.intro.setWordWrap(True)
        self.username = QLineEdit(self)
        self.username.setText(locked_user or str(settings.value(LAST_USER, "") or ""))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.Password)
        self.repeat = QLineEdit(self)  # only for the first administrator
        self.repeat.setEchoMode(QLineEdit.Password)
        self.error = QLabel(self)
        self.error.setObjectName("loginError")
        self.error.setStyleSheet("color: #ff6b6b")
        self.error.setWordWrap(True)
        self.form = QFormLayout()
        self.form.addRow(self.tr("User name"), self.username)
        self.form.addRow(self.tr("Password"), self.password)
        self.form.addRow(self.tr("Password again"), self.repeat)
        self.form.setRowVisible(self.repeat, False)
        self.buttons = QDialogButtonBox(self)
        self.ok = self.buttons.addButton(self.tr("Log in"), QDialogButtonBox.AcceptRole)
        self.other = self.buttons.addButton(self.tr("Change user"), QDialogButtonBox.ResetRole)
        self.other.setVisible(locked_user is not None)
        self.quit = self.buttons.addButton(self.tr("Close the window"), QDialogButtonBox.RejectRole)
        self.ok.clicked.connect(self.submit)
        self.other.clicked.connect(self.change_user)
        self.quit.clicked.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.intro)
        column.addLayout(self.form)
        column.addWidget(self.error)
        column.addWidget(self.buttons)
        self.username.setReadOnly(locked_user is not None)
        (self.password if self.username.text() else self.username).setFocus()
        self.setMinimumWidth(440)
        if locked_user is None:
            run_in_background(supervisor.needs_setup, self._setup_known, lambda _e: None, owner=self)

    def _intro(self, why: str, where: str) -> str:
        at = self.tr("Recorder: {where}").format(where=where) if where else ""
        text = {
            ErrorCode.SESSION_EXPIRED: self.tr("Your session ended (it expired, or an administrator ended it). "
                                               "Log in again: the window stays as it was."),
            "locked": self.tr("The screen was locked after a time without use. Type the password to go on, "
                              "or change user."),
            "logged_out": self.tr("You logged out. Log in to go on."),
        }.get(why, self.tr("Log in to watch and play back the cameras."))
        return "\n".join(t for t in (text, at) if t)

    def _setup_known(self, needed: bool) -> None:
        """A recorder without accounts: this dialog makes its administrator (no default password)."""
        if not needed:
            return
        self.setup_mode = True
        self.setWindowTitle(self.tr("First start — VMS Desktop"))
        self.intro.setText(self.tr("This recorder has no accounts yet. Choose the administrator's user name and "
                                   "password (at least 8 characters); the administrator then adds the operators."))
        self.form.setRowVisible(self.repeat, True)
        self.ok.setText(self.tr("Create and log in"))
        self.adjustSize()  # room for the row just shown
        if not self.username.text():
            self.username.setText("admin")
        self.password.setFocus()

    def change_user(self) -> None:
        """Another user takes the keyboard (a new shift): the locked user's session ends."""
        self.locked_user = None
        self.other.setVisible(False)
        self.username.setReadOnly(False)
        self.username.clear()
        self.password.clear()
        self.error.clear()
        self.username.setFocus()

    def submit(self) -> None:
        user, password = self.username.text().strip(), self.password.text()
        if not user or not password:
            self.error.setText(self.tr("Type the user name and the password."))
            return
        if self.setup_mode and password != self.repeat.text():
            self.error.setText(self.tr("The two passwords differ."))
            return
        self.ok.setEnabled(False)
        self.error.setText(self.tr("Logging in…"))
        work = self.supervisor.setup if self.setup_mode else self.supervisor.login
        run_in_background(lambda: work(user, password), lambda _s: self._done(user), self._failed, owner=self)

    def _done(self, _user: str) -> None:
        """Logged in (the window's guard may have closed the dialog already, and keeps the name)."""
        self.password.clear()
        self.repeat.clear()
        self.accept()

    def _failed(self, e: Exception) -> None:
        self.ok.setEnabled(True)
        self.password.clear()
        self.repeat.clear()
        self.password.setFocus()
        self.error.setText(error_text(e) if isinstance(e, ApiError) else str(e))

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            self.submit()
            return
        super().keyPressEvent(event)
