"""The window a guard watches all shift: the live grid, the recorder's health in the status
bar and the tray, camera setup, layouts and shortcuts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QIcon, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QSystemTrayIcon,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vms_api import models as m
from vms_api.enums import CameraState
from vms_api.roles import Permission
from vms_desktop import __version__
from vms_desktop.alarms.desk import AlarmDesk
from vms_desktop.cameras.camera_alerts import CameraAlerts, frame_loss_warning, recording_stopped
from vms_desktop.cameras.camera_dialog import CameraDialog
from vms_desktop.live.grid import LiveGrid
from vms_desktop.messages import error_text
from vms_desktop.recorder_link import RecorderSupervisor
from vms_desktop.session.guard import SessionGuard
from vms_desktop.settings import LANGUAGES
from vms_desktop.storage.disk_alerts import human_bytes
from vms_desktop.storage.storage_alerts import Banner, StorageAlerts
from vms_desktop.tasks import run_in_background

STATE_COLORS = {"ok": "#34c759", "warn": "#ffb454", "down": "#ff3b30"}


def dot_icon(color: str, alert: bool = False) -> QIcon:
    """alert: a white "!" on the dot, so a stopped recording reads at a glance (and to
    people who do not tell red from green)."""
    pix = QPixmap(64, 64)
    pix.fill(Qt.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.Antialiasing)
    p.setBrush(QColor(color))
    p.setPen(QColor("#101010"))
    p.drawEllipse(6, 6, 52, 52)
    if alert:
        p.setPen(Qt.NoPen)
        p.setBrush(QColor("white"))
        p.drawRoundedRect(27, 14, 10, 25, 4, 4)
        p.drawEllipse(27, 43, 10, 10)
    p.end()
    return QIcon(pix)


class MainWindow(QMainWindow):
    language_chosen = Signal(str)
    connect_requested = Signal()  # Site → Connect to a recorder…

    def __init__(self, supervisor: RecorderSupervisor, settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.supervisor = supervisor
        self.api = supervisor.api
        self.settings = settings
        self.cameras: list[dict] = []
        self.plan: m.PlanInfo | None = None
        self.recorder_ok = False
        self.tray_level = ("warn", False)  # the tray dot: its colour's level, and the "!"
        self._snapshots_asked: set[int] = set()
        self.player = None  # the playback window, when open
        self.sync_player = None  # synchronized playback of several cameras, when open
        self.clips_panel = None
        self.storage_view = None
        self.event_search = None
        self.camera_dialog = None  # the camera's settings, while open
        self._open_when_ready: tuple[list[int], object] | None = None  # --playback, until its cameras are known
        self.setWindowTitle(self.tr("VMS Desktop"))
        self.grid = LiveGrid(self.api.live_url, self)
        self.grid.open_requested.connect(self.open_camera)
        self.grid.context_requested.connect(self.camera_menu)
        self.grid.order_changed.connect(lambda order: self.settings.setValue("grid/order", order))
        self.banner = Banner(self)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.grid, 1)
        # While no one is logged in (first start, a lock, a change of user) the cameras are
        # covered: a locked desk shows no picture.
        self.curtain = QLabel(self.tr("Log in to see the cameras"), self)
        self.curtain.setAlignment(Qt.AlignCenter)
        self.curtain.setObjectName("curtain")
        self.pages = QStackedWidget(self)
        self.pages.addWidget(central)
        self.pages.addWidget(self.curtain)
        self.setCentralWidget(self.pages)
        self.alerts = StorageAlerts(self.api, settings, self.banner, self)
        self.alerts.notify.connect(self.notify)
        self.camera_alerts = CameraAlerts(self.banner, self)
        self.camera_alerts.notify.connect(self.notify)
        self.state_label = QLabel(self)
        self.disk_label = QLabel(self)
        self.statusBar().addWidget(self.state_label, 1)
        self.statusBar().addPermanentWidget(self.disk_label)
        self.alarms = AlarmDesk(self, Path(settings.fileName()).parent / "alarm.wav")
        self.permission_actions: list[tuple[QAction, Permission]] = []
        self.permissions: frozenset[Permission] = frozenset(Permission)  # until a user logs in
        self._build_menus()
        self._build_tray()
        self._restore()
        self.session_guard = SessionGuard(self, supervisor, settings)
        self.session_guard.user_changed.connect(self.on_user_changed)
        supervisor.status_changed.connect(self.show_status)
        supervisor.recorder_down.connect(self.show_recorder_down)
        supervisor.certificate_refused.connect(self.refuse_certificate)
        self.state_label.setText(self.tr("Connecting to the recorder…"))

    # -- building ------------------------------------------------------------------------

    def _action(self, menu: QMenu, text: str, slot, shortcut=None, needs: Permission | None = None) -> QAction:
        act = menu.addAction(text)
        act.triggered.connect(slot)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ApplicationShortcut)
        if needs is not None:  # hidden from users without it (the recorder refuses it anyway)
            self.permission_actions.append((act, needs))
        return act

    def _build_menus(self) -> None:
        site = self.menuBar().addMenu(self.tr("&Site"))
        self._action(site, self.tr("Storage…"), self.show_storage, needs=Permission.SETTINGS)
        self._action(site, self.tr("Users and plan…"), self.show_users, needs=Permission.USERS)
        self._action(site, self.tr("Audit trail…"), self.show_audit, needs=Permission.AUDIT)
        self._action(site, self.tr("Alarm rules and watch list…"), self.alarms.show_rules, needs=Permission.SETTINGS)
        self._action(site, self.tr("Settings…"), self.open_settings)
        site.addSeparator()
        self._action(site, self.tr("Connect to a recorder…"), self.connect_requested.emit)
        self._action(site, self.tr("Lock"), lambda: self.session_guard.lock(), "Ctrl+L")
        self._action(site, self.tr("Log out / change user…"), lambda: self.session_guard.log_out())
        site.addSeparator()
        self._action(site, self.tr("Close window (keep recording)"), self.close, QKeySequence.Quit)
        self._action(site, self.tr("Quit and stop recording…"), self.quit_and_stop, needs=Permission.SETTINGS)
        cams = self.menuBar().addMenu(self.tr("&Cameras"))
        self._action(cams, self.tr("Add camera…"), self.add_camera, "Ctrl+N", needs=Permission.SETTINGS)
        self._action(cams, self.tr("Saved clips…"), self.show_clips, needs=Permission.CLIPS)
        self._action(cams, self.tr("Search events…"), self.search_events, "Ctrl+F", needs=Permission.EVENTS)
        self._action(cams, self.tr("Alarm queue…"), self.alarms.show_queue, "Ctrl+Shift+A", needs=Permission.EVENTS)
        view = self.menuBar().addMenu(self.tr("&View"))
        group = QActionGroup(self)
        self.layout_actions = {}
        for side, label, key in ((0, self.tr("Automatic layout"), "0"), (1, "1×1", "1"), (2, "2×2", "2"),
                                 (3, "3×3", "3"), (4, "4×4", "4")):
            act = self._action(view, label, lambda _=False, s=side: self.set_layout(s), key)
            act.setCheckable(True)
            group.addAction(act)
            self.layout_actions[side] = act
        view.addSeparator()
        self._action(view, self.tr("Next page"), lambda: self.grid.turn_page(1), "PgDown")
        self._action(view, self.tr("Previous page"), lambda: self.grid.turn_page(-1), "PgUp")
        self._action(view, self.tr("Full screen"), self.toggle_fullscreen, "F11")
        helpm = self.menuBar().addMenu(self.tr("&Help"))
        self._action(helpm, self.tr("Keyboard shortcuts"), self.show_shortcuts, "F1")
        self._action(helpm, self.tr("About VMS Desktop"), self.show_about)

    def _build_tray(self) -> None:
        self.tray = None
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        self.tray = QSystemTrayIcon(dot_icon(STATE_COLORS["warn"]), self)
        menu = QMenu(self)
        menu.addAction(self.tr("Show window"), self.showNormal)
        menu.addAction(self.tr("Quit and stop recording…"), self.quit_and_stop)
        self.tray.setContextMenu(menu)
        self.tray.activated.connect(lambda _reason: (self.showNormal(), self.raise_()))
        self.tray.show()

    def _restore(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        side = int(self.settings.value("grid/side", 0))
        self.layout_actions.get(side, self.layout_actions[0]).setChecked(True)
        self.grid.chosen_side = side
        saved = self.settings.value("grid/order") or []
        self.grid.order = [int(x) for x in (saved if isinstance(saved, list) else [saved])]

    # -- the recorder's status -------------------------------------------------------------

    # -- who is logged in ------------------------------------------------------------------

    def set_curtain(self, on: bool) -> None:
        """Cover the cameras (no one logged in) or show them. Covering closes every view of
        footage: the next user starts from the live grid with their own session."""
        self.pages.setCurrentWidget(self.curtain if on else self.pages.widget(0))
        self.alarms.follow(Permission.EVENTS in self.permissions and not on)
        if on:
            self.state_label.setText(self.tr("Not logged in"))
            self.cameras = []
            self.grid.update_cameras([])  # the tiles' streams were the last user's
            for view in (self.player, self.sync_player, self.clips_panel, self.storage_view, self.event_search):
                if view is not None:
                    view.close()

    def refuse_certificate(self, why: str) -> None:
        """Loud, and nothing shown: the answering machine may not be the site's recorder."""
        self.set_curtain(True)
        self.show_recorder_down(why)
        box = QMessageBox(QMessageBox.Critical, self.tr("Certificate changed"), why, QMessageBox.Ok, self)
        box.setObjectName("certificateRefused")
        box.open()

    def on_user_changed(self, session: m.Session) -> None:
        """Show only what this user may use; the recorder enforces it either way."""
        self.permissions = frozenset(session.user.permissions)
        for act, needs in self.permission_actions:
            act.setVisible(needs in self.permissions)
        self.clips_panel = self.storage_view = self.event_search = None  # built again for this user
        self.alarms.follow(Permission.EVENTS in self.permissions and self.pages.currentWidget() is not self.curtain)

    def show_status(self, status: m.Status) -> None:
        if self.pages.currentWidget() is self.curtain:
            return  # a poll that left before the lock
        self.recorder_ok = True
        self.cameras = status.cameras
        self.plan = status.plan
        self.grid.update_cameras(self.cameras)
        self.alarms.update_cameras(self.cameras)
        self._fetch_pictures()
        enabled = [c for c in self.cameras if c.enabled]
        recording = [c for c in enabled if c.state == CameraState.RECORDING]
        stopped = [c for c in enabled if recording_stopped(c)]
        losing = [c for c in enabled if frame_loss_warning(c) is not None]
        if stopped:
            text = self.tr("Recording stopped on {n} of {m} cameras: {names}").format(
                n=len(stopped), m=len(enabled), names=", ".join(c.name for c in stopped))
        else:
            text = self.tr("Recording {n} of {m} cameras").format(n=len(recording), m=len(enabled))
        if losing:
            text += " · " + self.tr("losing frames: {names}").format(names=", ".join(c.name for c in losing))
        self.state_label.setObjectName("camerasStopped" if stopped else "")
        self.state_label.setText(text)
        self.state_label.style().polish(self.state_label)
        disk = status.disk
        pct = 100 * disk.used / disk.total if disk.total else 0
        self.disk_label.setText(self.tr("Disk {pct:.0f}% used · recordings {size} · {free} free").format(
            pct=pct, size=human_bytes(disk.recordings), free=human_bytes(disk.free)))
        self._set_tray("down" if stopped else "warn" if losing or disk.trouble else "ok", text,
                       alert=bool(stopped))
        self.alerts.on_status(status)
        self.camera_alerts.on_status(self.cameras)
        if self._open_when_ready is not None and Permission.PLAYBACK in self.permissions:
            ids, at = self._open_when_ready
            known = {c.id for c in self.cameras}
            if set(ids) <= known:
                self._open_when_ready = None
                if len(ids) > 1:
                    self.play_together(ids, at)
                elif self.open_camera(ids[0], at) and at is not None:
                    self._pause_on_arrival(self.player.engine, at)

    def _fetch_pictures(self) -> None:
        """Down cameras show their last picture, fetched off the GUI thread until one arrives
        (the recorder writes it a moment after the outage begins)."""
        for cam in self.cameras:
            cid = cam.id
            if cam.state in (CameraState.RECORDING, CameraState.STARTING, CameraState.CONNECTING) and not recording_stopped(cam):
                self._snapshots_asked.discard(cid)
            elif cid not in self._snapshots_asked:
                self._snapshots_asked.add(cid)
                run_in_background(lambda c=cid: self.api.snapshot(c),
                                  lambda data, c=cid: self._got_picture(c, data), lambda _e: None)

    def _got_picture(self, camera_id: int, data: bytes | None) -> None:
        if data:
            self.grid.set_picture(camera_id, data)
        else:
            self._snapshots_asked.discard(camera_id)  # none yet: ask again at the next status

    def show_recorder_down(self, why: str) -> None:
        self.recorder_ok = False
        self.state_label.setObjectName("recorderDown")
        self.state_label.setText(self.tr("Recorder problem: {why}").format(why=why))
        self.state_label.style().polish(self.state_label)
        self._set_tray("down", self.state_label.text(), alert=True)

    def _set_tray(self, level: str, text: str, alert: bool = False) -> None:
        self.tray_level = (level, alert)
        self.setWindowIcon(dot_icon(STATE_COLORS[level], alert))
        if self.tray is not None:
            self.tray.setIcon(dot_icon(STATE_COLORS[level], alert))
            self.tray.setToolTip(self.tr("VMS Desktop") + " — " + text)

    def notify(self, title: str, text: str, level: str) -> None:
        """A storage alert for a guard who may be looking elsewhere: the tray's notification."""
        if self.tray is not None:
            icon = {"danger": QSystemTrayIcon.Critical, "warn": QSystemTrayIcon.Warning}.get(
                level, QSystemTrayIcon.Information)
            self.tray.showMessage(title, text, icon, 0 if level == "danger" else 15_000)

    # -- actions ---------------------------------------------------------------------------

    def set_layout(self, side: int) -> None:
        self.layout_actions[side].setChecked(True)
        self.grid.set_side(side)
        self.settings.setValue("grid/side", side)

    def toggle_fullscreen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def open_camera(self, camera_id: int, at=None) -> bool:
        """The camera's player, playing from `at` (UTC) when given, else from just before now."""
        cam = next((c for c in self.cameras if c.id == camera_id), None)
        if cam is None or Permission.PLAYBACK not in self.permissions:
            return False
        if self.player is not None and at is not None and self.player.camera.id == camera_id:
            self.player.open_at(at)  # already open: it goes there, its day and filters kept
            self.player.raise_()
            self.player.activateWindow()
            return True
        if self.player is not None:
            self.player.close()
        from vms_desktop.playback.player_window import PlayerWindow  # numpy and the timeline: loaded when first used

        self.player = view = PlayerWindow(cam, self.api, at=at)
        view.destroyed.connect(lambda: setattr(self, "player", None) if self.player is view else None)
        view.showFullScreen()
        return True

    @staticmethod
    def _pause_on_arrival(engine, at) -> None:
        """Paused on the frame of that instant, for the operator to look at: played until the
        picture is there, then paused and put back on that frame exactly."""
        def arrived(t) -> None:
            if t >= at:
                engine.position.disconnect(arrived)
                engine.set_playing(False)
                engine.seek(at, quiet=True)
        engine.position.connect(arrived)

    def open_when_ready(self, camera_ids: list[int], at=None) -> None:
        """vms-desktop --playback ID[,ID...] [--at ISO]: the player (one camera) or synchronized
        playback (several) opens once logged in and the cameras are listed."""
        self._open_when_ready = (camera_ids, at)

    def play_together(self, camera_ids: list[int], at=None) -> bool:
        """Synchronized playback of these cameras (up to 16, in this order): paused at `at`
        (UTC) when given, else playing from just before now."""
        cams = [c for cid in camera_ids for c in self.cameras if c.id == cid]
        if not cams or Permission.PLAYBACK not in self.permissions:
            return False
        if self.sync_player is not None:
            self.sync_player.close()
        from vms_desktop.playback.sync_window import MAX_CAMERAS, SyncPlayerWindow

        self.sync_player = view = SyncPlayerWindow(cams[:MAX_CAMERAS], self.api, at=at, playing=at is None)
        view.destroyed.connect(lambda: setattr(self, "sync_player", None) if self.sync_player is view else None)
        view.showFullScreen()
        return True

    def search_events(self) -> None:
        from datetime import datetime

        from vms_desktop.events.event_search import EventSearch  # opened rarely: loaded when first used

        if self.event_search is None:
            self.event_search = EventSearch(self.api, datetime.now().astimezone().tzinfo, parent=self)
            self.event_search.open_requested.connect(self._open_hit)
        self.event_search.show()
        self.event_search.raise_()
        self.event_search.activateWindow()
        self.event_search.text.setFocus()

    def _open_hit(self, camera_id: int, at) -> None:
        if not self.open_camera(camera_id, at):
            self.event_search.status.setText(self.tr("This camera is no longer on the site."))

    def show_clips(self) -> None:
        from datetime import datetime

        from vms_desktop.clips.clips_panel import ClipsPanel  # opened rarely: loaded when first used

        if self.clips_panel is None:  # lists the clips at once
            self.clips_panel = ClipsPanel(self.api, datetime.now().astimezone().tzinfo, parent=self)
        else:
            self.clips_panel.refresh()
        self.clips_panel.show()
        self.clips_panel.raise_()

    def show_users(self) -> None:
        from vms_desktop.admin.users_dialog import UsersDialog  # opened rarely: loaded when first used

        dialog = UsersDialog(self.api, parent=self)
        dialog.finished.connect(lambda _r: self.session_guard.reload_settings())  # the idle lock may have changed
        dialog.open()

    def show_audit(self) -> None:
        from vms_desktop.admin.audit_view import AuditView

        AuditView(self.api, parent=self).open()

    def show_storage(self) -> None:
        from vms_desktop.storage.storage_view import StorageView  # opened rarely: loaded when first used

        if self.storage_view is None:
            self.storage_view = StorageView(self.api, parent=self)
        else:
            self.storage_view.refresh()
        self.storage_view.show()
        self.storage_view.raise_()

    def camera_menu(self, camera_id: int, where: QPoint) -> None:
        cam = next((c for c in self.cameras if c.id == camera_id), None)
        if cam is None:
            return
        menu = QMenu(self)
        if Permission.PLAYBACK in self.permissions:
            menu.addAction(self.tr("Open"), lambda: self.open_camera(camera_id))
            page = self.grid.visible_ids()
            if len(page) > 1:
                menu.addAction(self.tr("Play this page together ({n} cameras)").format(n=len(page)),
                               lambda: self.play_together(page))
        if Permission.SETTINGS in self.permissions:
            menu.addAction(self.tr("Edit…"), lambda: self.edit_camera(camera_id))
            if cam.enabled:
                menu.addAction(self.tr("Stop recording"),
                               lambda: self._camera_call(lambda: self.api.stop_camera(camera_id)))
            else:
                menu.addAction(self.tr("Start recording"),
                               lambda: self._camera_call(lambda: self.api.start_camera(camera_id)))
            menu.addSeparator()
            menu.addAction(self.tr("Remove…"), lambda: self.remove_camera(camera_id))
        if not menu.isEmpty():
            menu.exec(where)

    def _camera_call(self, work) -> None:
        run_in_background(work, lambda _r: None, self._error_box)

    def _error_box(self, error: Exception) -> None:
        QMessageBox.warning(self, self.tr("VMS Desktop"), error_text(error))

    def _plan_days(self) -> int | None:
        return self.plan.days if self.plan is not None else None

    def add_camera(self) -> None:
        self._show_camera_dialog(None)

    def edit_camera(self, camera_id: int) -> None:
        """The camera's settings are fetched off the GUI thread; the dialog opens once they came."""
        self.statusBar().showMessage(self.tr("Loading the camera's settings…"))  # over the state, for a moment

        def failed(error: Exception) -> None:
            self.statusBar().clearMessage()
            self._error_box(error)

        def loaded(cam: m.Camera) -> None:
            self.statusBar().clearMessage()
            self._show_camera_dialog(cam)

        run_in_background(lambda: self.api.camera(camera_id), loaded, failed, owner=self)

    def _show_camera_dialog(self, cam: m.Camera | None) -> None:
        """Modal, but shown with open() rather than exec(): no nested event loop in a slot."""
        dialog = self.camera_dialog = CameraDialog(self.api, cam, self._plan_days(), self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: setattr(self, "camera_dialog", None) if self.camera_dialog is dialog else None)
        dialog.open()

    def remove_camera(self, camera_id: int) -> None:
        name = next((c.name for c in self.cameras if c.id == camera_id), str(camera_id))
        answer = QMessageBox.question(
            self, self.tr("Remove camera"),
            self.tr("Remove camera “{name}”? Recording stops; its recordings stay until retention removes "
                    "them, and its clips are kept.").format(name=name))
        if answer == QMessageBox.Yes:
            self._camera_call(lambda: self.api.remove_camera(camera_id))

    def quit_and_stop(self) -> None:
        answer = QMessageBox.warning(
            self, self.tr("Stop recording"),
            self.tr("Stop recording every camera and quit? Nothing will be recorded until VMS Desktop is "
                    "started again."), QMessageBox.Yes | QMessageBox.Cancel, QMessageBox.Cancel)
        if answer != QMessageBox.Yes:
            return
        self.state_label.setText(self.tr("Stopping the recorder…"))
        self.setEnabled(False)  # nothing else to do while it finishes its files
        # The recorder's server waits for open connections before it exits: a live stream
        # never ends by itself, so the tiles let go of theirs first.
        self.grid.close_players()
        # Up to STOP_TIMEOUT s while it finishes its files: off the GUI thread, so the window
        # keeps painting and says what it waits for.
        run_in_background(self.supervisor.stop_recording, lambda _r: self.close(), lambda _e: self.close(), owner=self)

    def open_settings(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Settings"))
        combo = QComboBox(dialog)
        for key, label in LANGUAGES.items():
            combo.addItem(label or self.tr("System language"), key)
        combo.setCurrentIndex(max(0, combo.findData(self.settings.value("language", "system"))))
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, dialog)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form = QFormLayout(dialog)
        form.addRow(self.tr("Language"), combo)
        form.addRow(buttons)
        if dialog.exec() == QDialog.Accepted and combo.currentData() != self.settings.value("language", "system"):
            self.settings.setValue("language", combo.currentData())
            self.language_chosen.emit(combo.currentData())

    def shortcuts(self) -> list[tuple[str, str]]:
        return [("F11", self.tr("Full screen on / off")), ("1 – 4", self.tr("Layout 1×1 to 4×4")),
                ("0", self.tr("Automatic layout")), ("PgDown / PgUp", self.tr("Next / previous page of cameras")),
                (self.tr("Enter / double-click"), self.tr("Open the selected camera")),
                ("Esc", self.tr("Close the camera view")), (self.tr("Drag a tile"), self.tr("Swap two cameras")),
                ("Ctrl+N", self.tr("Add a camera")), ("F1", self.tr("This list")),
                ("Ctrl+F", self.tr("Search events (plates, labels) on every camera")),
                ("Ctrl+Q", self.tr("Close the window (recording goes on)")),
                (self.tr("Space"), self.tr("Player: play / pause")),
                (", / .", self.tr("Player: a frame back / forward")),
                ("Ctrl+← / Ctrl+→", self.tr("Player: previous / next event")),
                ("End", self.tr("Player: now")), ("PgUp / PgDown", self.tr("Player: previous / next day")),
                ("M / S", self.tr("Player: mute / snapshot")),
                ("E", self.tr("Player: show / hide the list of events")),
                ("I / O", self.tr("Player: clip starts / ends at the frame on screen")),
                ("C", self.tr("Player: save the clip range"))]

    def show_shortcuts(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = self.shortcuts()
        table = QTableWidget(len(rows), 2, dialog)
        table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action")])
        for i, (keys, action) in enumerate(rows):
            table.setItem(i, 0, QTableWidgetItem(keys))
            table.setItem(i, 1, QTableWidgetItem(action))
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(True)
        table.resizeColumnsToContents()
        box = QVBoxLayout(dialog)
        box.addWidget(table)
        dialog.resize(520, 380)
        dialog.exec()

    def show_about(self) -> None:
        from vms_desktop.vlc_player import vlc_version

        QMessageBox.about(self, self.tr("About VMS Desktop"),
                          self.tr("VMS Desktop {version}\nlibVLC {vlc}\nRecorder: {data}").format(
                              version=__version__, vlc=vlc_version(), data=self.supervisor.where))

    def closeEvent(self, event) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("grid/order", self.grid.order)
        self.grid.close_players()
        self.alarms.close()
        self.session_guard.stop()
        for view in (self.player, self.sync_player, self.clips_panel):
            if view is not None:
                view.close()
        if self.storage_view is not None:
            self.storage_view.close()
        if self.event_search is not None:
            self.event_search.close()
        if self.tray is not None:
            self.tray.hide()
        super().closeEvent(event)
