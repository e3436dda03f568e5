"""The administrator's screen for the site's people: the users (their role, cameras, when they
were made and whether wrong passwords locked them), adding, changing and removing them, a new
password, logging a user out everywhere; the plan with how many users it allows, and how long
an idle client waits before it locks. The recorder enforces every rule (the plan's limit, the
last administrator): this screen says its refusals in words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vms_api import models as m
from vms_api.enums import Plan
from vms_api.roles import USER_LIMITS
from vms_desktop.admin.user_forms import ERROR_STYLE, PasswordForm, UserForm, role_word
from vms_desktop.messages import error_text
from vms_desktop.recorder_link import RecorderApi
from vms_desktop.storage.disk_alerts import local_time
from vms_desktop.tasks import run_in_background

MAX_LOCK_MINUTES = 720  # the recorder's limit: a shift


def camera_names(cameras: list[int] | None, known: dict[int, str], all_text: str) -> str:
    if cameras is None:
        return all_text
    return ", ".join(known.get(cid, f"#{cid}") for cid in cameras)


class UsersDialog(QDialog):
    """Users, the plan and the idle lock, for an administrator. Every call goes to the recorder
    off the GUI thread; the table is read again after each change."""

    def __init__(self, api: RecorderApi, parent: QWidget | None = None):
        super().__init__(parent)
        self.api = api
        self.users: list[m.User] = []
        self.cameras: list[m.CameraStatus] = []
        self.site: tuple[m.SitePlan, m.SiteSettings] | None = None
        self.form: UserForm | PasswordForm | None = None
        self.confirm: QMessageBox | None = None
        self.setWindowTitle(self.tr("Users"))
        self.resize(900, 560)

        site_box = QGroupBox(self.tr("Site"), self)
        self.plan = QComboBox(self)
        for plan, text in ((Plan.BASIC, self.tr("Basic")), (Plan.PRO, self.tr("Pro")),
                           (Plan.PREMIUM, self.tr("Premium"))):
            self.plan.addItem(self.tr("{plan}: up to {users} users").format(plan=text, users=USER_LIMITS[plan]), plan)
        self.user_count = QLabel("", self)
        self.lock = QSpinBox(self)
        self.lock.setRange(0, MAX_LOCK_MINUTES)
        self.lock.setSpecialValueText(self.tr("Never"))
        self.lock.setSuffix(self.tr(" minutes without use"))
        self.lock.setToolTip(self.tr("Then the client asks for the user's password again"))
        self.apply_site = QPushButton(self.tr("Apply"), self)
        self.apply_site.clicked.connect(self.save_site)
        plan_row = QHBoxLayout()
        plan_row.addWidget(self.plan)
        plan_row.addWidget(self.user_count, 1)
        lock_row = QHBoxLayout()
        lock_row.addWidget(self.lock)
        lock_row.addStretch(1)
        lock_row.addWidget(self.apply_site)
        site_form = QFormLayout(site_box)
        site_form.addRow(self.tr("Plan:"), plan_row)
        site_form.addRow(self.tr("Lock the client after:"), lock_row)

        headers = [self.tr("Name"), self.tr("Role"), self.tr("Cameras"), self.tr("Created"), self.tr("Locked until")]
        self.table = QTableWidget(0, len(headers), self)
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.add_button = QPushButton(self.tr("Add user…"), self)
        self.change_button = QPushButton(self.tr("Change…"), self)
        self.password_button = QPushButton(self.tr("Set password…"), self)
        self.end_button = QPushButton(self.tr("Log out everywhere"), self)
        self.end_button.setToolTip(self.tr("End every session of this user, on every computer"))
        self.remove_button = QPushButton(self.tr("Remove…"), self)
        self.add_button.clicked.connect(self.add_user)
        self.change_button.clicked.connect(self.change_user)
        self.password_button.clicked.connect(self.set_password)
        self.end_button.clicked.connect(self.end_sessions)
        self.remove_button.clicked.connect(self.remove_user)
        actions = QHBoxLayout()
        for button in (self.add_button, self.change_button, self.password_button, self.end_button,
                       self.remove_button):
            actions.addWidget(button)
        actions.addStretch(1)

        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(site_box)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self._selection_changed()
        self.reload()

    # -- reading -------------------------------------------------------------------------------

    def reload(self) -> None:
        api = self.api
        run_in_background(lambda: (api.users(), api.cameras(), api.plan(), api.site_settings()),
                          self._loaded, self._refused, owner=self)

    def _loaded(self, answer) -> None:
        self.users, self.cameras, plan, settings = answer
        self.site = (plan, settings)
        self.plan.setCurrentIndex(self.plan.findData(plan.name))
        self.user_count.setText(self.tr("{count} of {limit} users").format(count=plan.user_count, limit=plan.users))
        self.lock.setValue(settings.lock_minutes)
        selected = self.selected()
        known = {c.id: c.name for c in self.cameras}
        self.table.setRowCount(len(self.users))
        for row, user in enumerate(self.users):
            cells = [user.name, role_word(user.role),
                     camera_names(user.cameras, known, self.tr("All")), f"{local_time(user.created_at):%d/%m/%Y}",
                     f"{local_time(user.locked_until):%d/%m/%Y %H:%M}" if user.locked_until else ""]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.UserRole, user.name)
                self.table.setItem(row, column, item)
            if selected is not None and user.name == selected.name:
                self.table.selectRow(row)
        self._selection_changed()

    def selected(self) -> m.User | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        name = self.table.item(rows[0].row(), 0).data(Qt.UserRole)
        return next((u for u in self.users if u.name == name), None)

    def _selection_changed(self) -> None:
        chosen = self.selected() is not None
        for button in (self.change_button, self.password_button, self.end_button, self.remove_button):
            button.setEnabled(chosen)

    # -- changing ------------------------------------------------------------------------------

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)

    def _refused(self, error: Exception) -> None:
        self._say(error_text(error), error=True)

    def _done(self, text: str):
        def done(_answer) -> None:
            self._say(text)
            self.reload()
        return done

    def _open_form(self, form: UserForm | PasswordForm, work, said) -> None:
        """Show a form; its request goes to the recorder (work), and the form closes only once
        the recorder has taken it; said(request) is what the screen then says."""
        self.form = form

        def submitted(request: dict) -> None:
            def done(_answer) -> None:
                form.accept()
                self._done(said(request))(None)
            def refused(error: Exception) -> None:
                form.failed(error_text(error))
                self.reload()  # a refusal often means the site changed meanwhile (another administrator)
            run_in_background(lambda: work(request), done, refused, owner=form)

        form.submitted.connect(submitted)
        form.open()

    def add_user(self) -> None:
        self._open_form(UserForm(self.cameras, None, self), self.api.add_user,
                        lambda req: self.tr("{name} was added.").format(name=req["name"]))

    def change_user(self) -> None:
        user = self.selected()
        if user is not None:
            self._open_form(UserForm(self.cameras, user, self), lambda req: self.api.change_user(user.name, req),
                            lambda _req: self.tr("{name} was changed.").format(name=user.name))

    def set_password(self) -> None:
        user = self.selected()
        if user is not None:
            self._open_form(PasswordForm(user.name, self), lambda req: self.api.change_user(user.name, req),
                            lambda _req: self.tr("{name} has a new password.").format(name=user.name))

    def end_sessions(self) -> None:
        user = self.selected()
        if user is None:
            return
        api = self.api

        def ended(answer: m.SessionsEnded) -> None:
            self._say(self.tr("%n session(s) of {name} ended.", "", answer.ended).replace("{name}", user.name))
            self.reload()
        run_in_background(lambda: api.end_sessions(user.name), ended, self._refused, owner=self)

    def remove_user(self) -> None:
        user = self.selected()
        if user is None:
            return
        box = QMessageBox(QMessageBox.Warning, self.tr("Remove user"),
                          self.tr("Remove {name}? Their sessions end now; the audit trail keeps what they did.")
                          .format(name=user.name), QMessageBox.Cancel, self)
        self.confirm_button = box.addButton(self.tr("Remove"), QMessageBox.DestructiveRole)
        self.confirm = box
        api = self.api

        def answered(_result) -> None:
            if box.clickedButton() is self.confirm_button:
                run_in_background(lambda: api.remove_user(user.name),
                                  self._done(self.tr("{name} was removed.").format(name=user.name)), self._refused,
                                  owner=self)
        box.finished.connect(answered)
        box.open()

    def save_site(self) -> None:
        if self.site is None:
            return
        plan, settings = self.site
        new_plan, new_lock = self.plan.currentData(), self.lock.value()
        api = self.api

        def work() -> None:
            if new_plan != plan.name:
                api.set_plan(str(new_plan))
            if new_lock != settings.lock_minutes:
                api.change_site_settings({"lock_minutes": new_lock})
        run_in_background(work, self._done(self.tr("The site's settings were saved.")), self._refused, owner=self)
