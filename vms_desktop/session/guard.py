"""Who is at the keyboard, for the main window: the login screen whenever there is no session
(first start, a session that ended, a logout), the screen locked after the administrator's
idle time, the user shown in the status bar, and a change of user that keeps the window."""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow

from vms_api import models as m
from vms_desktop.admin.user_forms import role_word
from vms_desktop.session.login_dialog import LAST_USER, LoginDialog
from vms_desktop.tasks import run_in_background

log = logging.getLogger(__name__)
LOCKED = "locked"  # the login screen's reason after the idle time (not a recorder code)
CHECK_MS = 5_000  # how often idleness is looked at; the lock comes at most this late

_INPUT = {QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.MouseMove, QEvent.Wheel, QEvent.TouchBegin}


class IdleWatch(QObject):
    """Seconds since the last key, click, move or wheel anywhere in the application."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.last_input = time.monotonic()
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, _obj, event) -> bool:
        if event.type() in _INPUT:
            self.last_input = time.monotonic()
        return False

    def idle_seconds(self) -> float:
        return time.monotonic() - self.last_input

    def stop(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


class SessionGuard(QObject):
    """Keeps the window behind a login. The window's picture is covered (curtain) whenever no
    one is logged in: a locked screen shows no camera."""

    user_changed = Signal(object)  # vms_api.models.Session of a new user (not the same one again)

    def __init__(self, window: QMainWindow, supervisor, settings):
        super().__init__(window)
        self.window = window
        self.supervisor = supervisor
        self.settings = settings
        self.user: m.SessionUser | None = None
        self.lock_minutes = 0  # the administrator's idle time; 0: never
        self.dialog: LoginDialog | None = None
        self.label = QLabel(window)
        self.label.setObjectName("userLabel")
        window.statusBar().addPermanentWidget(self.label)
        self.idle = IdleWatch(self)
        self._timer = QTimer(self, interval=CHECK_MS, timeout=self._check_idle)
        supervisor.login_needed.connect(self.ask)
        supervisor.logged_in.connect(self._logged_in)
        if supervisor.session is not None:  # a window made again (a new language): the same user
            QTimer.singleShot(0, lambda: self._logged_in(supervisor.session))

    # -- the login screen -----------------------------------------------------------------

    def ask(self, why: str) -> None:
        """Cover the window and ask for a login (once: a second call while asking is ignored)."""
        self.window.set_curtain(True)
        if self.dialog is not None:
            return
        locked_user = self.user.name if why == LOCKED and self.user is not None else None
        self.dialog = LoginDialog(self.supervisor, self.settings, why, locked_user, self.supervisor.where,
                                  self.window)
        self.dialog.finished.connect(self._dialog_closed)
        self.dialog.open()

    def _dialog_closed(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is None:  # closed twice: by its own login, and by the supervisor's news of it
            return
        dialog.deleteLater()
        if result != QDialog.Accepted and self.supervisor.session is None:
            self.window.close()  # no one logged in: nothing to show (the recording goes on)

    def _logged_in(self, session: m.Session) -> None:
        same = self.user is not None and self.user.name == session.user.name
        self.user = session.user
        self.settings.setValue(LAST_USER, session.user.name)
        self.label.setText(self.tr("{name} ({role})").format(name=session.user.name, role=role_word(session.user.role)))
        self.label.setToolTip(self.tr("Logged in as {name}").format(name=session.user.name))
        self.window.set_curtain(False)
        if self.dialog is not None:
            self.dialog.accept()
        self.idle.last_input = time.monotonic()
        if not same:
            self.user_changed.emit(session)
        self.reload_settings()

    def reload_settings(self) -> None:
        """The administrator's idle time, read again (after the users screen closed)."""
        run_in_background(lambda: self.supervisor.api.site_settings(), self._got_settings, lambda _e: None, owner=self)

    def _got_settings(self, settings) -> None:
        self.set_lock_minutes(settings.lock_minutes)

    # -- commands -------------------------------------------------------------------------

    def set_lock_minutes(self, minutes: int) -> None:
        self.lock_minutes = minutes
        self._timer.start() if minutes > 0 else self._timer.stop()

    def lock(self) -> None:
        """Lock now: the session ends on the recorder (an unattended desk holds none), the
        window is covered, and only this user's password or another login opens it."""
        if self.supervisor.session is None:
            return
        self.window.set_curtain(True)
        run_in_background(lambda: self.supervisor.end_session(LOCKED), lambda _r: None, self._failed, owner=self)

    def log_out(self) -> None:
        """End the session; the login screen asks for the next user (a change of shift)."""
        self.window.set_curtain(True)
        self.user = None
        self.label.clear()
        run_in_background(lambda: self.supervisor.end_session("logged_out"), lambda _r: None, self._failed,
                          owner=self)

    def _failed(self, e: Exception) -> None:
        log.info("ending the session: %s", e)

    def _check_idle(self) -> None:
        if (self.lock_minutes > 0 and self.supervisor.session is not None and self.dialog is None
                and self.idle.idle_seconds() >= self.lock_minutes * 60):
            self.lock()

    def stop(self) -> None:
        self._timer.stop()
        self.idle.stop()
