"""Alarms at the main window: followed while a user who answers them is logged in and the desk
is not locked; a pop-up with the camera live for each new alarm, their count in the status bar
(a click opens the queue), and the tiles of escalated alarms marked in the live grid."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow, QPushButton

from vms_api import models as m
from vms_api.roles import Permission
from vms_desktop.alarms.alarm_windows import AlarmPopup, AlarmQueue
from vms_desktop.alarms.center import AlarmCenter


class AlarmDesk(QObject):
    def __init__(self, window: QMainWindow, tone: Path):
        """window: the main window (its api, cameras, permissions, grid, open_camera and status bar)."""
        super().__init__(window)
        self.window = window
        self.center = AlarmCenter(window.api, tone, self)
        self.popup = AlarmPopup(self.center, self._camera_status, window.api.live_url,
                                lambda: Permission.LIVE in window.permissions, window)
        self.popup.play_requested.connect(window.open_camera)
        self.queue: AlarmQueue | None = None
        self.button = QPushButton(window)
        self.button.setObjectName("alarmsButton")
        self.button.setFlat(True)
        self.button.setToolTip(self.tr("Open the alarm queue"))
        self.button.clicked.connect(self.show_queue)
        self.button.hide()
        window.statusBar().addPermanentWidget(self.button)
        self.center.queue_changed.connect(self._changed)
        self.center.escalated.connect(lambda _a: self._changed())
        self.center.problem.connect(lambda why: self.button.setToolTip(
            self.tr("The alarms cannot be followed right now: {why}").format(why=why) if why
            else self.tr("Open the alarm queue")))

    def _camera_status(self, camera_id: int) -> m.CameraStatus | None:
        return next((c for c in self.window.cameras if c.id == camera_id), None)

    def _camera_name(self, camera_id: int | None) -> str:
        if camera_id is None:
            return self.tr("Recorder")
        status = self._camera_status(camera_id)
        return status.name if status else f"#{camera_id}"

    def follow(self, on: bool) -> None:
        """Follow the queue as the user now logged in (on), or stop: a locked desk shows and
        sounds nothing, and the next user starts afresh."""
        self.center.stop()
        if on:
            self.center.start()
        else:
            self.popup.close()
            if self.queue is not None:
                self.queue.close()
        self.button.setVisible(on)

    def _changed(self) -> None:
        center = self.center
        n = len(center.open)
        self.button.setText(self.tr("Alarms: {n}").format(n=n))
        self.button.setProperty("open", n > 0)
        self.button.style().polish(self.button)
        marked = {a.camera_id for a in center.open.values() if a.id in center.escalated_ids}
        for cid, tile in self.window.grid.tiles.items():
            tile.set_alarm(cid in marked)

    def update_cameras(self, cameras: list[m.CameraStatus]) -> None:
        self.popup.update_cameras(cameras)
        self._changed()  # tiles made anew keep their mark

    def show_queue(self) -> None:
        if self.queue is None:
            self.queue = AlarmQueue(self.center, self._camera_name, self.window)
            self.queue.play_requested.connect(self.window.open_camera)
        self.queue.show()
        self.queue.raise_()

    def show_rules(self) -> None:
        from vms_desktop.alarms.rules_dialog import AlarmRulesDialog  # opened rarely: loaded when first used

        AlarmRulesDialog(self.window.api, parent=self.window).open()

    def close(self) -> None:
        self.center.close()
        self.popup.close()
        self.popup.release()
        if self.queue is not None:
            self.queue.close()
