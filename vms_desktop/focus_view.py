"""One camera live, full screen (double-click or Enter on a tile); Esc returns to the grid."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QVBoxLayout, QWidget

from vms_desktop.tile import LiveTile


class FocusView(QWidget):
    def __init__(self, camera: dict, live_url, parent: QWidget | None = None):
        super().__init__(parent, Qt.Window)
        self.setAttribute(Qt.WA_DeleteOnClose)
        self.setWindowTitle(camera.get("name", ""))
        # The main stream here: the whole screen deserves the full resolution.
        self.tile = LiveTile(camera["id"], lambda cid, _sub: live_url(cid, False), self)
        self.tile.update_state(camera)
        self.tile.set_active(True)
        self.tile.open_requested.connect(self.close)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.tile)
        QShortcut(QKeySequence(Qt.Key_Escape), self, self.close)

    def update_state(self, cameras: list[dict]) -> None:
        cam = next((c for c in cameras if c["id"] == self.tile.camera_id), None)
        if cam is None:
            self.close()  # removed meanwhile
        else:
            self.tile.update_state(cam)

    def closeEvent(self, event) -> None:
        self.tile.close_player()
        super().closeEvent(event)
