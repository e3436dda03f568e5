"""What the guard sees of alarms: a pop-up with the camera's live view for each new one, and the
queue of those still open; both acknowledge with a comment (it goes to the audit trail)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vms_api import models as m
from vms_api.enums import AlarmKind
from vms_api.models import utc
from vms_desktop.alarms.center import AlarmCenter
from vms_desktop.live.tile import LiveTile
from vms_desktop.messages import error_text

KIND_WORDS = {AlarmKind.OFFLINE: QT_TRANSLATE_NOOP("AlarmKind", "Camera offline"),
              AlarmKind.RECORDING: QT_TRANSLATE_NOOP("AlarmKind", "Recording stopped"),
              AlarmKind.DISK: QT_TRANSLATE_NOOP("AlarmKind", "Disk trouble"),
              AlarmKind.MOTION: QT_TRANSLATE_NOOP("AlarmKind", "Motion"),
              AlarmKind.PLATE: QT_TRANSLATE_NOOP("AlarmKind", "Plate on the watch list")}


def kind_text(kind: str) -> str:
    words = KIND_WORDS.get(kind)
    return QCoreApplication.translate("AlarmKind", words) if words else kind


def local_time(text: str) -> str:
    return utc(text).astimezone().strftime("%d/%m %H:%M:%S")


class AcknowledgeBox(QWidget):
    """A comment and the button: what was done, said once for the audit trail."""

    acknowledge = Signal(str)

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.comment = QLineEdit(self)
        self.comment.setObjectName("alarmComment")
        self.comment.setPlaceholderText(self.tr("What was done (required)"))
        self.comment.setMaxLength(2000)
        self.button = QPushButton(self.tr("Acknowledge"), self)
        self.button.setObjectName("acknowledge")
        self.button.setEnabled(False)
        self.comment.textChanged.connect(lambda t: self.button.setEnabled(bool(t.strip())))
        self.comment.returnPressed.connect(self._send)
        self.button.clicked.connect(self._send)
        self.error = QLabel(self)
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.comment, 1)
        row.addWidget(self.button)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(row)
        box.addWidget(self.error)

    def _send(self) -> None:
        text = self.comment.text().strip()
        if text:
            self.button.setEnabled(False)
            self.error.clear()
            self.acknowledge.emit(text)

    def done(self) -> None:
        self.comment.clear()

    def failed(self, error: Exception) -> None:
        self.error.setText(error_text(error))
        self.button.setEnabled(bool(self.comment.text().strip()))


def send_acknowledgement(center: AlarmCenter, alarm_id: int, box: AcknowledgeBox, comment: str, after) -> None:
    center.acknowledge(alarm_id, comment, lambda _a: (box.done(), after()), box.failed)


class AlarmPopup(QDialog):
    """The newest alarm not yet answered on this workstation, with its camera live; stays on
    top. Closing it leaves the alarm in the queue; acknowledging shows the next one."""

    play_requested = Signal(int, object)  # camera id, UTC instant

    def __init__(self, center: AlarmCenter, camera_status: Callable[[int], m.CameraStatus | None], live_url,
                 can_watch: Callable[[], bool], parent: QWidget | None = None):
        super().__init__(parent, Qt.Window | Qt.WindowStaysOnTopHint)
        self.setObjectName("alarmPopup")
        self.setWindowTitle(self.tr("Alarm"))
        self.center, self.camera_status, self.live_url, self.can_watch = center, camera_status, live_url, can_watch
        self.pending: list[int] = []  # popped alarms this workstation has not answered, newest last
        self.alarm: m.Alarm | None = None
        self.title = QLabel(self)
        self.title.setObjectName("alarmTitle")
        self.detail = QLabel(self)
        self.detail.setObjectName("alarmDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.more = QLabel(self)
        self.tile: LiveTile | None = None
        self.video = QVBoxLayout()
        self.ack = AcknowledgeBox(self)
        self.ack.acknowledge.connect(lambda text: send_acknowledgement(
            self.center, self.alarm.id, self.ack, text, self._next) if self.alarm else None)
        self.play = QPushButton(self.tr("Play back"), self)
        self.play.clicked.connect(lambda: self.alarm and self.alarm.camera_id and self.play_requested.emit(
            self.alarm.camera_id, utc(self.alarm.at)))
        later = QPushButton(self.tr("Later (keep in the queue)"), self)
        later.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.play)
        buttons.addStretch(1)
        buttons.addWidget(later)
        box = QVBoxLayout(self)
        box.addWidget(self.title)
        box.addWidget(self.detail)
        box.addLayout(self.video, 1)
        box.addWidget(self.more)
        box.addWidget(self.ack)
        box.addLayout(buttons)
        self.resize(560, 480)
        center.popped.connect(self.pop)
        center.queue_changed.connect(self._queue_changed)

    def pop(self, alarm: m.Alarm) -> None:
        self.pending.append(alarm.id)
        self.show()
        self._show(alarm)
        self.raise_()
        self.activateWindow()

    def _show(self, alarm: m.Alarm) -> None:
        self.alarm = alarm
        name = self._camera_name(alarm.camera_id)
        self.title.setText(self.tr("{kind}: {rule}").format(kind=kind_text(alarm.kind), rule=alarm.rule_name))
        count = self.tr(" ({n} times)").format(n=alarm.count) if alarm.count > 1 else ""
        self.detail.setText(self.tr("{camera} · {time}{count}\n{label}").format(
            camera=name, time=local_time(alarm.at), count=count, label=alarm.label))
        self._show_camera(alarm.camera_id)
        self.play.setVisible(alarm.camera_id is not None)
        others = len([i for i in self.pending if i != alarm.id and i in self.center.open])
        self.more.setText(self.tr("{n} more waiting").format(n=others) if others else "")

    def _camera_name(self, camera_id: int | None) -> str:
        if camera_id is None:
            return self.tr("Recorder")
        status = self.camera_status(camera_id)
        return status.name if status is not None else self.tr("camera {id}").format(id=camera_id)

    def _show_camera(self, camera_id: int | None) -> None:
        status = self.camera_status(camera_id) if camera_id is not None else None
        if self.tile is not None and (status is None or self.tile.camera_id != camera_id):
            self.tile.player.release()
            self.tile.deleteLater()
            self.tile = None
        if status is None or not self.can_watch():
            return
        if self.tile is None:
            self.tile = LiveTile(camera_id, self.live_url, self)
            self.tile.setMinimumHeight(240)
            self.video.addWidget(self.tile)
        self.tile.update_state(status)
        QTimer.singleShot(0, self._activate)

    def _activate(self) -> None:
        """The live stream once the window is shown and laid out: libVLC takes the size of the
        picture from its window when the stream opens, and one opened in a hidden window was
        seen drawn zoomed and cropped."""
        if self.tile is not None and self.isVisible():
            self.tile.set_active(True)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._activate)

    def update_cameras(self, cameras: list[m.CameraStatus]) -> None:
        if self.tile is not None:
            status = next((c for c in cameras if c.id == self.tile.camera_id), None)
            if status is not None:
                self.tile.update_state(status)

    def _queue_changed(self) -> None:
        if self.alarm is None or not self.isVisible():
            return
        if self.alarm.id in self.center.open:
            self._show(self.center.open[self.alarm.id])  # a count or label that changed
        else:
            self._next()  # answered at another workstation

    def _next(self) -> None:
        self.pending = [i for i in self.pending if i in self.center.open]
        if self.pending:
            self._show(self.center.open[self.pending[-1]])
        else:
            self.close()

    def closeEvent(self, event) -> None:
        if self.tile is not None:
            self.tile.set_active(False)  # no stream while closed
        self.alarm = None
        super().closeEvent(event)

    def release(self) -> None:
        if self.tile is not None:
            self.tile.player.release()


class AlarmQueue(QDialog):
    """Every open alarm, the newest first: acknowledge one with a comment, or play it back."""

    play_requested = Signal(int, object)

    def __init__(self, center: AlarmCenter, camera_name: Callable[[int | None], str], parent: QWidget | None = None):
        super().__init__(parent, Qt.Window)
        self.setObjectName("alarmQueue")
        self.setWindowTitle(self.tr("Alarm queue"))
        self.center, self.camera_name = center, camera_name
        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Camera"), self.tr("Alarm"), self.tr("What"),
                                              self.tr("Times"), self.tr("Escalated")])
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.setSelectionMode(QTableWidget.SingleSelection)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.cellDoubleClicked.connect(lambda _r, _c: self._play())
        self.empty = QLabel(self.tr("No open alarms"), self)
        self.ack = AcknowledgeBox(self)
        self.ack.acknowledge.connect(self._acknowledge)
        self.play = QPushButton(self.tr("Play back"), self)
        self.play.clicked.connect(self._play)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.play)
        buttons.addStretch(1)
        buttons.addWidget(close)
        box = QVBoxLayout(self)
        box.addWidget(self.table, 1)
        box.addWidget(self.empty)
        box.addWidget(self.ack)
        box.addLayout(buttons)
        self.resize(860, 420)
        center.queue_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        chosen = self.chosen()
        alarms = sorted(self.center.open.values(), key=lambda a: a.id, reverse=True)
        self.table.setRowCount(len(alarms))
        for row, a in enumerate(alarms):
            cells = (local_time(a.last_at), self.camera_name(a.camera_id), f"{kind_text(a.kind)}: {a.rule_name}",
                     a.label, str(a.count), "!" if a.id in self.center.escalated_ids else "")
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.UserRole, a.id)
                self.table.setItem(row, col, item)
        self.empty.setVisible(not alarms)
        if chosen is not None and chosen.id in self.center.open:
            self.select(chosen.id)
        elif alarms:
            self.table.selectRow(0)
        self._selected()

    def select(self, alarm_id: int) -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(Qt.UserRole) == alarm_id:
                self.table.selectRow(row)

    def chosen(self) -> m.Alarm | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return self.center.open.get(self.table.item(rows[0].row(), 0).data(Qt.UserRole))

    def _selected(self) -> None:
        alarm = self.chosen()
        self.ack.setEnabled(alarm is not None)
        self.play.setEnabled(alarm is not None and alarm.camera_id is not None)

    def _acknowledge(self, comment: str) -> None:
        alarm = self.chosen()
        if alarm is not None:
            send_acknowledgement(self.center, alarm.id, self.ack, comment, lambda: None)

    def _play(self) -> None:
        alarm = self.chosen()
        if alarm is not None and alarm.camera_id is not None:
            self.play_requested.emit(alarm.camera_id, utc(alarm.at))
