"""Camera alerts for the guard: a camera whose recording stopped (red: footage is being lost
now) and one losing frames (above 1 % over a minute). Shown in the banner over the live grid
and as a tray notification, each once per crossing: told again only after the camera was
fine in between."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from vms_api import models as m
from vms_api.enums import CameraState
from vms_desktop.messages import camera_error

# While the recorder is still connecting a camera for the first time nothing is lost yet;
# once its stall time has passed the recorder says recording_stopped itself.
GRACE_STATES = (CameraState.RECORDING, CameraState.STARTING, CameraState.CONNECTING)


def recording_stopped(cam: m.CameraStatus) -> bool:
    """An enabled camera that writes nothing: any state but recording, once past its stall
    time (the recorder says so itself)."""
    return cam.enabled and cam.recording_stopped


def frame_loss_warning(cam: m.CameraStatus) -> float | None:
    """The percent lost over the last minute when the recorder warns about it."""
    loss = cam.frame_loss
    return loss.percent if loss is not None and loss.warning and not recording_stopped(cam) else None


class Crossings:
    """Which cameras newly meet a condition: each is told once until it stops meeting it."""

    def __init__(self):
        self.inside: set[int] = set()

    def update(self, ids: set[int]) -> set[int]:
        fresh = ids - self.inside
        self.inside = set(ids)
        return fresh


class CameraAlerts(QObject):
    """Fed with the cameras of every status of the recorder."""

    notify = Signal(str, str, str)  # title, text, level: for the tray

    def __init__(self, banner, parent: QObject | None = None):
        super().__init__(parent)
        self.banner = banner
        self.stopped = Crossings()
        self.losing = Crossings()

    def stopped_text(self, cam: m.CameraStatus) -> str:
        why = camera_error(cam) or self.tr("no video is reaching the disk")
        return self.tr("Recording stopped: {camera} — {why}").format(camera=cam.name, why=why)

    def loss_text(self, cam: m.CameraStatus, percent: float) -> str:
        return self.tr("{camera} is losing frames: {pct:.1f} % over the last minute (normal: under 0.1 %). "
                       "Check the camera's network and bit rate.").format(camera=cam.name, pct=percent)

    def on_status(self, cameras: list[m.CameraStatus]) -> None:
        by_id = {c.id: c for c in cameras}
        stopped = {c.id for c in cameras if recording_stopped(c)}
        losing = {c.id: frame_loss_warning(c) for c in cameras if frame_loss_warning(c) is not None}
        for cid in self.stopped.update(stopped):
            text = self.stopped_text(by_id[cid])
            self.banner.show_message(f"stopped:{cid}", text, "danger")
            self.notify.emit(self.tr("Recording stopped"), text, "danger")
        for cid in self.losing.update(set(losing)):
            text = self.loss_text(by_id[cid], losing[cid])
            self.banner.show_message(f"loss:{cid}", text, "warn")
            self.notify.emit(self.tr("A camera is losing frames"), text, "warn")
        for cid in stopped:
            self.banner.update_text(f"stopped:{cid}", self.stopped_text(by_id[cid]))  # its reason may change
        for cid, percent in losing.items():
            self.banner.update_text(f"loss:{cid}", self.loss_text(by_id[cid], percent))
        for key in list(self.banner.rows):
            kind, _, cid = key.partition(":")
            if (kind == "stopped" and int(cid) not in stopped) or (kind == "loss" and int(cid) not in losing):
                self.banner.remove(key)
