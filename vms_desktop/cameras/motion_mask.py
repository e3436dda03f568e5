"""The motion mask editor: the camera's picture with rectangles over the areas where motion is
ignored (a clock, a tree swaying, a busy road). Areas are kept as fractions of the picture
[x, y, w, h], so they fit whatever resolution the camera sends and the recorder analyses."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from vms_desktop.recorder_link import RecorderApi
from vms_desktop.tasks import run_in_background

MAX_AREAS = 32  # the recorder keeps at most this many
CLICK_PX = 4  # a press and release closer than this is a click (select), not a new area
DIGITS = 4  # as the recorder stores them: a tenth of a pixel on a 4K picture
PLACEHOLDER_RATIO = 16 / 9
FILL, EDGE = QColor(255, 59, 48, 90), QColor(255, 59, 48, 230)


def _decode(data: bytes | None) -> QImage | None:
    """Runs in a worker thread: a 4K JPEG takes longer to decode than a frame lasts."""
    img = QImage.fromData(data) if data else QImage()
    return None if img.isNull() else img


class MaskCanvas(QWidget):
    """Drag to draw an area, click one to select it, Delete or right-click removes it."""

    changed = Signal()
    refused = Signal()  # an area past MAX_AREAS

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.picture: QPixmap | None = None
        self._scaled: QPixmap | None = None
        self.areas: list[list[float]] = []
        self.selected: int | None = None
        self._press: QPointF | None = None
        self._pointer: QPointF | None = None
        self.setMinimumSize(480, 270)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setCursor(Qt.CrossCursor)

    def set_picture(self, picture: QPixmap | None) -> None:
        self.picture, self._scaled = picture, None
        self.update()

    def set_areas(self, areas: list[list[float]]) -> None:
        self.areas = [list(a) for a in areas]
        self.selected = None
        self.changed.emit()
        self.update()

    # -- geometry -----------------------------------------------------------------------------

    def picture_rect(self) -> QRectF:
        """Where the picture is drawn: as large as fits, its proportions kept, centred."""
        ratio = self.picture.width() / self.picture.height() if self.picture else PLACEHOLDER_RATIO
        w, h = float(self.width()), float(self.height())
        if w / h > ratio:
            w = h * ratio
        else:
            h = w / ratio
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def fraction_at(self, p: QPointF) -> tuple[float, float]:
        r = self.picture_rect()
        return (min(1.0, max(0.0, (p.x() - r.left()) / r.width())),
                min(1.0, max(0.0, (p.y() - r.top()) / r.height())))

    def area_rect(self, area: list[float]) -> QRectF:
        r = self.picture_rect()
        x, y, w, h = area
        return QRectF(r.left() + x * r.width(), r.top() + y * r.height(), w * r.width(), h * r.height())

    def area_at(self, p: QPointF) -> int | None:
        """The topmost area under p (the last drawn)."""
        for i in range(len(self.areas) - 1, -1, -1):
            if self.area_rect(self.areas[i]).contains(p):
                return i
        return None

    # -- editing ------------------------------------------------------------------------------

    def add_area(self, a: QPointF, b: QPointF) -> bool:
        if len(self.areas) >= MAX_AREAS:
            self.refused.emit()
            return False
        (x0, y0), (x1, y1) = self.fraction_at(a), self.fraction_at(b)
        # Corners rounded, then the size from them: x + w never passes the picture's edge.
        x0, x1 = sorted((round(x0, DIGITS), round(x1, DIGITS)))
        y0, y1 = sorted((round(y0, DIGITS), round(y1, DIGITS)))
        if x1 - x0 <= 0 or y1 - y0 <= 0 or x0 >= 1 or y0 >= 1:
            return False  # dragged along an edge, or outside the picture
        self.areas.append([x0, y0, round(x1 - x0, DIGITS), round(y1 - y0, DIGITS)])
        self.selected = len(self.areas) - 1
        self.changed.emit()
        return True

    def remove(self, index: int | None) -> None:
        if index is None or not 0 <= index < len(self.areas):
            return
        del self.areas[index]
        self.selected = None
        self.changed.emit()
        self.update()

    def clear(self) -> None:
        self.set_areas([])

    def mousePressEvent(self, event) -> None:
        p = event.position()
        if event.button() == Qt.RightButton:
            self.remove(self.area_at(p))
        elif event.button() == Qt.LeftButton:
            self._press = self._pointer = p

    def mouseMoveEvent(self, event) -> None:
        if self._press is not None:
            self._pointer = event.position()
            self.update()

    def mouseReleaseEvent(self, event) -> None:
        if event.button() != Qt.LeftButton or self._press is None:
            return
        a, b = self._press, event.position()
        self._press = self._pointer = None
        if (b - a).manhattanLength() < CLICK_PX:
            self.selected = self.area_at(b)
            self.changed.emit()
        else:
            self.add_area(a, b)
        self.update()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key_Delete, Qt.Key_Backspace):
            self.remove(self.selected)
        else:
            super().keyPressEvent(event)

    # -- painting -----------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        self._scaled = None
        super().resizeEvent(event)

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#101418"))
        r = self.picture_rect()
        if self.picture is not None:
            if self._scaled is None:  # scaled once per size, not on every drag step
                self._scaled = self.picture.scaled(r.size().toSize(), Qt.IgnoreAspectRatio, Qt.SmoothTransformation)
            p.drawPixmap(r.topLeft(), self._scaled)
        else:
            p.fillRect(r, QColor("#3a3f46"))
            p.setPen(QColor("#c9ced4"))
            p.drawText(r, Qt.AlignCenter | Qt.TextWordWrap, self.tr("No picture from this camera yet"))
        for i, area in enumerate(self.areas):
            p.fillRect(self.area_rect(area), FILL)
            pen = QPen(QColor("#ffffff") if i == self.selected else EDGE, 2)
            pen.setStyle(Qt.DashLine if i == self.selected else Qt.SolidLine)
            p.setPen(pen)
            p.drawRect(self.area_rect(area))
        if self._press is not None and self._pointer is not None:
            p.setPen(QPen(QColor("#ffffff"), 1, Qt.DashLine))
            p.setBrush(FILL)
            p.drawRect(QRectF(self._press, self._pointer).normalized())


class MaskEditor(QDialog):
    def __init__(self, api: RecorderApi, camera_id: int | None, areas: list[list[float]], title: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Motion mask — {camera}").format(camera=title) if title
                            else self.tr("Motion mask"))
        hint = QLabel(self.tr("Drag over the areas where motion must be ignored (a clock, a tree, a road). "
                              "Click an area to select it; Delete or a right-click removes it."), self, wordWrap=True)
        self.canvas = MaskCanvas(self)
        self.canvas.set_areas(areas)
        self.canvas.changed.connect(self._changed)
        self.canvas.refused.connect(lambda: self.count.setText(
            self.tr("At most {n} areas: remove one first").format(n=MAX_AREAS)))
        self.count = QLabel(self)
        self.count.setObjectName("maskCount")
        self.delete_button = QPushButton(self.tr("Delete area"), self)
        self.delete_button.clicked.connect(lambda: self.canvas.remove(self.canvas.selected))
        self.clear_button = QPushButton(self.tr("Clear all"), self)
        self.clear_button.clicked.connect(self.canvas.clear)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for b in (self.delete_button, self.clear_button, *buttons.buttons()):
            b.setAutoDefault(False)  # Enter and Delete belong to the picture
        row = QHBoxLayout()
        row.addWidget(self.delete_button)
        row.addWidget(self.clear_button)
        row.addWidget(self.count, 1)
        row.addWidget(buttons)
        box = QVBoxLayout(self)
        box.addWidget(hint)
        box.addWidget(self.canvas, 1)
        box.addLayout(row)
        self.resize(820, 560)
        self._changed()
        self.canvas.setFocus()
        if camera_id is not None:
            run_in_background(lambda: _decode(api.snapshot(camera_id)), self._got_picture, lambda _e: None, owner=self)

    def areas(self) -> list[list[float]]:
        return [list(a) for a in self.canvas.areas]

    def _got_picture(self, img: QImage | None) -> None:
        if img is not None:
            self.canvas.set_picture(QPixmap.fromImage(img))

    def _changed(self) -> None:
        n = len(self.canvas.areas)
        self.count.setText(self.tr("No area ignored: motion anywhere counts") if n == 0
                           else self.tr("Areas ignored: {n}").format(n=n))
        self.delete_button.setEnabled(self.canvas.selected is not None)
