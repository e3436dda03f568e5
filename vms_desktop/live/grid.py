"""The grid of live tiles: layouts 1×1 to 4×4 (or automatic), pages, order kept by drag."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from vms_api import models as m
from vms_desktop.live import layout
from vms_desktop.live.tile import LiveTile


class LiveGrid(QWidget):
    open_requested = Signal(int)
    context_requested = Signal(int, QPoint)
    order_changed = Signal(list)

    def __init__(self, live_url, parent: QWidget | None = None):
        super().__init__(parent)
        self._live_url = live_url
        self.tiles: dict[int, LiveTile] = {}
        self.order: list[int] = []
        self.chosen_side = 0  # 0: automatic, from the camera count
        self.page = 0
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(2, 2, 2, 2)
        self._grid.setSpacing(2)
        self.empty = QLabel(self.tr("No cameras yet. Use Cameras → Add camera… to add the first one."), self)
        self.empty.setObjectName("emptyGrid")
        self.empty.setWordWrap(True)
        self._blanks: list[QFrame] = []  # empty cells keep the grid square
        self._relayout()  # a site with no camera yet says so in the middle, not in a corner

    @property
    def side(self) -> int:
        return self.chosen_side or layout.auto_side(len(self.order))

    def visible_ids(self) -> list[int]:
        return layout.page_of(self.order, self.side, self.page)

    def set_order(self, saved: list[int]) -> None:
        self.order = layout.arrange(saved, list(self.tiles))
        self._relayout()

    def set_side(self, side: int) -> None:
        self.chosen_side = side
        self.page = 0
        self._relayout()

    def turn_page(self, step: int) -> None:
        self.page = (self.page + step) % layout.page_count(len(self.order), self.side)
        self._relayout()

    def update_cameras(self, cameras: list[m.CameraStatus]) -> None:
        """The recorder's status rows: tiles are added, removed and updated to match."""
        ids = [c.id for c in cameras]
        changed = set(ids) != set(self.tiles)
        for cid in list(self.tiles):
            if cid not in ids:
                tile = self.tiles.pop(cid)
                tile.close_player()
                tile.deleteLater()
        for cam in cameras:
            tile = self.tiles.get(cam.id)
            if tile is None:
                tile = self.tiles[cam.id] = LiveTile(cam.id, self._live_url, self)
                tile.open_requested.connect(self.open_requested)
                tile.context_requested.connect(self.context_requested)
                tile.dropped_on.connect(self._swap)
            tile.update_state(cam)
        if changed:
            self.order = layout.arrange(self.order, ids)
            self._relayout()

    def set_picture(self, camera_id: int, data: bytes) -> None:
        if camera_id in self.tiles:
            self.tiles[camera_id].set_picture(data)

    def _swap(self, moved: int, onto: int) -> None:
        self.order = layout.move(self.order, moved, onto)
        self._relayout()
        self.order_changed.emit(self.order)

    def _relayout(self) -> None:
        for tile in self.tiles.values():
            self._grid.removeWidget(tile)
        self._grid.removeWidget(self.empty)
        for blank in self._blanks:
            self._grid.removeWidget(blank)
            blank.deleteLater()
        self._blanks = []
        side, shown = self.side, self.visible_ids()
        for i in range(self._grid.rowCount()):
            self._grid.setRowStretch(i, 0)
            self._grid.setColumnStretch(i, 0)
        for i in range(side):
            self._grid.setRowStretch(i, 1)
            self._grid.setColumnStretch(i, 1)
        self.empty.setVisible(not self.tiles)
        if not self.tiles:
            self._grid.addWidget(self.empty, 0, 0)
        for cid, tile in self.tiles.items():
            visible = cid in shown
            if visible:
                pos = shown.index(cid)
                self._grid.addWidget(tile, pos // side, pos % side)
            tile.setVisible(visible)
            tile.set_active(visible)
        for pos in range(len(shown), side * side if self.tiles else 0):
            blank = QFrame(self)
            blank.setObjectName("blankCell")
            self._grid.addWidget(blank, pos // side, pos % side)
            self._blanks.append(blank)

    def close_players(self) -> None:
        for tile in self.tiles.values():
            tile.close_player()
