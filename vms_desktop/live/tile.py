"""One live tile: the camera's relayed stream played by libVLC, a header with its name and a
recording indicator, and, when the camera is down, its last picture with the reason."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QDrag, QFont, QPainter, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from vms_api import models as m
from vms_api.enums import CameraState
from vms_desktop.cameras.camera_alerts import frame_loss_warning, recording_stopped
from vms_desktop.messages import camera_error
from vms_desktop.vlc_player import VlcPlayer

MIME = "application/x-vms-camera"
RETRY_MS = 3000


class VideoSurface(QWidget):
    """A native window for libVLC to draw in."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setAttribute(Qt.WA_NativeWindow)
        self.setAttribute(Qt.WA_DontCreateNativeAncestors)
        self.setAttribute(Qt.WA_OpaquePaintEvent)
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(self.backgroundRole(), QColor("black"))
        self.setPalette(pal)


class DownView(QWidget):
    """The camera's last picture, dimmed, with what is wrong written over it."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.picture: QPixmap | None = None
        self.title = ""
        self.reason = ""

    def show_state(self, title: str, reason: str) -> None:
        self.title, self.reason = title, reason
        self.update()

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#101418"))
        if self.picture is not None and not self.picture.isNull():
            scaled = self.picture.scaled(self.size(), Qt.KeepAspectRatio, Qt.SmoothTransformation)
            p.drawPixmap((self.width() - scaled.width()) // 2, (self.height() - scaled.height()) // 2, scaled)
            p.fillRect(self.rect(), QColor(0, 0, 0, 150))
        box = self.rect().adjusted(12, 12, -12, -12)
        f = QFont(self.font())
        f.setPointSizeF(max(9.0, min(16.0, self.height() / 18)))
        f.setBold(True)
        p.setFont(f)
        p.setPen(QColor("#ff6b6b"))
        title_rect = QRect(box.left(), box.center().y() - 2 * f.pointSize() - 8, box.width(), 2 * f.pointSize() + 4)
        p.drawText(title_rect, Qt.AlignHCenter | Qt.AlignBottom, self.title)
        f.setBold(False)
        f.setPointSizeF(f.pointSizeF() * 0.8)
        p.setFont(f)
        p.setPen(QColor("#f0f0f0"))
        reason_rect = QRect(box.left(), box.center().y(), box.width(), box.height() // 2)
        p.drawText(reason_rect, Qt.AlignHCenter | Qt.AlignTop | Qt.TextWordWrap, self.reason)


class LiveTile(QFrame):
    open_requested = Signal(int)
    context_requested = Signal(int, QPoint)
    dropped_on = Signal(int, int)  # moved camera, this tile's camera

    def __init__(self, camera_id: int, live_url, parent: QWidget | None = None):
        super().__init__(parent)
        self.camera_id = camera_id
        self._live_url = live_url  # callable(camera_id, sub) -> URL; the port may change
        self.state: m.CameraStatus | None = None
        self.active = False  # on the visible page
        self._playing_url: str | None = None
        self._press: QPoint | None = None
        self.setObjectName("tile")
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.StrongFocus)

        self.name = QLabel(self)
        self.name.setObjectName("tileName")
        self.rec = QLabel(self)
        self.rec.setObjectName("tileRec")
        self.motion = QLabel(self.tr("motion"), self)
        self.motion.setObjectName("tileMotion")
        self.motion.setToolTip(self.tr("Motion seen by the recorder right now"))
        self.motion.hide()
        self.alarm = QLabel(self.tr("ALARM"), self)
        self.alarm.setObjectName("tileAlarm")
        self.alarm.setToolTip(self.tr("An alarm of this camera is waiting for an answer: see the alarm queue"))
        self.alarm.hide()
        self.note = QLabel(self)
        self.note.setObjectName("tileNote")
        header = QHBoxLayout()
        header.setContentsMargins(8, 3, 8, 3)
        header.addWidget(self.rec)
        header.addWidget(self.motion)
        header.addWidget(self.alarm)
        header.addWidget(self.name, 1)
        header.addWidget(self.note)
        self.surface = VideoSurface(self)
        self.down = DownView(self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.surface)
        self.pages.addWidget(self.down)
        box = QVBoxLayout(self)
        box.setContentsMargins(1, 1, 1, 1)
        box.setSpacing(0)
        box.addLayout(header)
        box.addWidget(self.pages, 1)

        self.player = VlcPlayer(self)
        self.player.show_in(self.surface)
        self.player.error.connect(self._retry_later)
        self.player.ended.connect(self._retry_later)
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS, timeout=self._restart)

    # -- state from the recorder ----------------------------------------------------------

    def update_state(self, state: m.CameraStatus) -> None:
        self.state = state
        self.name.setText(state.name)
        recording = state.state == CameraState.RECORDING
        self.rec.setText("●" if recording else "○")
        self.rec.setToolTip(self.tr("Recording") if recording else self.tr("Not recording"))
        self.rec.setProperty("on", recording)
        self.rec.style().polish(self.rec)
        self.motion.setVisible(recording and state.motion_active)
        stopped = recording_stopped(state)
        loss = frame_loss_warning(state)
        self._set_note(state, stopped, loss)
        # Red all round: nothing of this camera reaches the disk while it is in this state.
        for widget in (self, self.note):
            widget.setProperty("critical", stopped)
            widget.setProperty("warn", loss is not None)
            widget.style().polish(widget)
        first_connect = state.state in (CameraState.STARTING, CameraState.CONNECTING) and not state.error
        if (recording or first_connect) and not stopped:
            self.pages.setCurrentWidget(self.surface)
        else:
            self.down.show_state(self._down_title(state), camera_error(state))
            self.pages.setCurrentWidget(self.down)
        self._sync_player()

    def _set_note(self, state: m.CameraStatus, stopped: bool, loss: float | None) -> None:
        tip = ""
        if stopped:
            text = self.tr("RECORDING STOPPED")
        elif loss is not None:
            fl = state.frame_loss
            text = self.tr("losing frames: {pct:.1f} %").format(pct=loss)
            tip = self.tr("{lost} of {expected} frames missing over the last {seconds:.0f} s").format(
                lost=max(0, fl.expected - fl.frames), expected=fl.expected, seconds=fl.seconds)
        else:
            text = self._state_words(state)
        self.note.setText(text)
        self.note.setToolTip(tip)

    def _state_words(self, state: m.CameraStatus) -> str:
        return {CameraState.RECORDING: "", CameraState.STARTING: self.tr("starting…"),
                CameraState.CONNECTING: self.tr("connecting…"), CameraState.RETRYING: self.tr("reconnecting…"),
                CameraState.ERROR: self.tr("offline"), CameraState.DISABLED: self.tr("recording off"),
                CameraState.STOPPED: self.tr("stopped")}.get(state.state, "")

    def _down_title(self, state: m.CameraStatus) -> str:
        if state.state == CameraState.DISABLED:
            return self.tr("Recording is switched off for this camera")
        if recording_stopped(state):
            return self.tr("Recording stopped")
        return self.tr("Camera offline")

    def set_alarm(self, on: bool) -> None:
        """Marked while an alarm of this camera goes unanswered past its escalation time."""
        self.alarm.setVisible(on)
        self.setProperty("alarm", on)
        self.style().polish(self)

    def set_picture(self, data: bytes) -> None:
        pix = QPixmap()
        if pix.loadFromData(data):
            self.down.picture = pix
            self.down.update()

    def set_active(self, active: bool) -> None:
        self.active = active
        self._sync_player()

    # -- playback -------------------------------------------------------------------------

    def _wanted_url(self) -> str | None:
        if not self.active or self.state is None or self.state.state != CameraState.RECORDING:
            return None
        try:
            return self._live_url(self.camera_id, self.state.has_substream)
        except Exception:  # noqa: BLE001 - recorder away: the status bar says so
            return None

    def _sync_player(self) -> None:
        url = self._wanted_url()
        if url == self._playing_url:
            return
        self._playing_url = url
        if url is None:
            self.player.stop()
        else:
            self.player.play_live(url)

    def _retry_later(self) -> None:
        self._retry.start()

    def _restart(self) -> None:
        self._playing_url = None
        self._sync_player()

    def close_player(self) -> None:
        self._retry.stop()
        self.player.release()

    # -- mouse: open, context menu, drag to reorder ---------------------------------------

    def mouseDoubleClickEvent(self, _event) -> None:
        self.open_requested.emit(self.camera_id)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            self.open_requested.emit(self.camera_id)
        else:
            super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:
        self.context_requested.emit(self.camera_id, event.globalPos())

    def mousePressEvent(self, event) -> None:
        self.setFocus()
        if event.button() == Qt.LeftButton:
            self._press = event.position().toPoint()

    def mouseMoveEvent(self, event) -> None:
        if self._press is None or (event.position().toPoint() - self._press).manhattanLength() < 20:
            return
        self._press = None
        mime = QMimeData()
        mime.setData(MIME, str(self.camera_id).encode())
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.setPixmap(self.grab().scaledToWidth(160))
        drag.exec(Qt.MoveAction)

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        moved = int(bytes(event.mimeData().data(MIME)).decode())
        event.acceptProposedAction()
        self.dropped_on.emit(moved, self.camera_id)
