"""The saved clips of the site: listed with their state, played, renamed, deleted, exported to
a folder with a checksum file, and a file on hand checked against its checksum and the index."""

from __future__ import annotations

import time
from datetime import tzinfo
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vms_api import models as m
from vms_api.enums import ClipState
from vms_api.models import utc
from vms_desktop.clips.clip_dialog import describe_missing, format_duration, format_range
from vms_desktop.clips.clip_files import ExportError, Verdict, export_clip, export_name, verify_file
from vms_desktop.messages import ask_copy_reason, error_text, translate
from vms_desktop.recorder_link import RecorderApi, RecorderError
from vms_desktop.storage.disk_alerts import human_bytes
from vms_desktop.tasks import run_in_background

WHILE_EXTRACTING_MS = 1000  # the list is fetched again this often while a clip is being made
SHA_WAIT_TRIES, SHA_WAIT_S = 40, 0.25  # an export waits up to 10 s for a fresh clip's SHA-256
COLUMNS = ("camera", "range", "name", "size", "created_by", "created_at", "state")


def _unsettled(row: m.Clip) -> bool:
    """Still changing: being made, or ready and its SHA-256 not computed yet (a moment after)."""
    return row.state == ClipState.EXTRACTING or row.state == ClipState.READY and not row.sha256


class ClipsPanel(QDialog):
    def __init__(self, api: RecorderApi, tz: tzinfo, camera_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.api, self.tz = api, tz
        self.rows: list[m.Clip] = []  # every clip, newest first; the table shows the chosen camera's
        self._wanted_camera = camera_id
        self._players: list = []
        self._busy = False  # an export or a check is running: one at a time
        self.setWindowTitle(self.tr("Saved clips"))
        self._build()
        self._poll = QTimer(self, singleShot=True, interval=WHILE_EXTRACTING_MS, timeout=self.refresh)
        self.resize(1040, 520)
        self.refresh()

    # -- layout ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.camera_filter = QComboBox(self, sizeAdjustPolicy=QComboBox.AdjustToContents)
        self.camera_filter.addItem(self.tr("All cameras"), None)
        self.camera_filter.currentIndexChanged.connect(lambda _i: self._fill())
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([self.tr("Camera"), self.tr("Time"), self.tr("Name"), self.tr("Size"),
                                              self.tr("Created by"), self.tr("Created at"), self.tr("State")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(COLUMNS.index("name"), QHeaderView.Stretch)
        self.table.itemSelectionChanged.connect(self._enable)
        self.table.cellDoubleClicked.connect(lambda *_: self.play())
        self.buttons = {}
        actions = QHBoxLayout()
        for key, text, slot in (("play", self.tr("Play"), self.play), ("rename", self.tr("Rename…"), self.rename),
                                ("delete", self.tr("Delete…"), self.delete),
                                ("export", self.tr("Export…"), self.export),
                                ("verify", self.tr("Verify file…"), self.verify),
                                ("refresh", self.tr("Refresh"), self.refresh), ("close", self.tr("Close"), self.close)):
            self.buttons[key] = b = QPushButton(text, self)
            b.clicked.connect(lambda _=False, s=slot: s())
            actions.addWidget(b)
            if key == "verify":
                actions.addStretch(1)
        self.status = QLabel(self, wordWrap=True, textInteractionFlags=Qt.TextSelectableByMouse)
        self.status.setObjectName("clipsStatus")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Camera"), self))
        top.addWidget(self.camera_filter)
        top.addStretch(1)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.table, 1)
        box.addWidget(self.status)
        box.addLayout(actions)
        self._enable()

    # -- the list -------------------------------------------------------------------------------

    def refresh(self) -> None:
        run_in_background(lambda: self.api.clips(), self._listed,
                          lambda e: self._say(error_text(e), ok=False))

    def _listed(self, rows: list[m.Clip]) -> None:
        self.rows = rows
        self._update_filter()
        self._fill()
        if any(_unsettled(r) for r in rows) and self.isVisible():
            self._poll.start()  # progress moves on by itself

    def _update_filter(self) -> None:
        cameras = sorted({(r.camera_id, r.camera_name or str(r.camera_id)) for r in self.rows},
                         key=lambda c: c[1].lower())
        chosen = self.camera_filter.currentData() if self._wanted_camera is None else self._wanted_camera
        self.camera_filter.blockSignals(True)
        while self.camera_filter.count() > 1:
            self.camera_filter.removeItem(1)
        for cid, name in cameras:
            self.camera_filter.addItem(name, cid)
        index = self.camera_filter.findData(chosen)
        self.camera_filter.setCurrentIndex(max(0, index))
        if index >= 0:  # a camera without clips yet stays wanted until it has one
            self._wanted_camera = None
        self.camera_filter.blockSignals(False)

    def shown_rows(self) -> list[m.Clip]:
        cid = self.camera_filter.currentData()
        return [r for r in self.rows if cid is None or r.camera_id == cid]

    def _fill(self) -> None:
        keep = self.selected()
        keep_id = keep.id if keep else None
        rows = self.shown_rows()
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            for j, (text, tip) in enumerate(self._cells(row)):
                item = QTableWidgetItem(text)
                item.setData(Qt.UserRole, row.id)
                item.setToolTip(tip)
                if j == COLUMNS.index("state") and row.state == ClipState.FAILED:
                    item.setForeground(Qt.red)
                self.table.setItem(i, j, item)
            if row.id == keep_id:
                self.table.selectRow(i)
        if not rows:
            self._say(self.tr("No clips saved yet: select a range on a camera's timeline and press “Create clip”."))
        self._enable()

    def _cells(self, row: m.Clip) -> list[tuple[str, str]]:
        start, end = utc(row.start), utc(row.end)
        missing = describe_missing(row, self.tz)
        when = format_range(start, end, self.tz, full_date=True) + f"  ({format_duration(row.duration)})"
        created = utc(row.created_at).astimezone(self.tz).strftime("%d/%m/%Y %H:%M")
        size = human_bytes(row.bytes) if row.state == ClipState.READY else ""
        return [(row.camera_name or str(row.camera_id), ""), (when, missing),
                (row.name, row.notes or ""), (size, row.sha256 or ""),
                (row.created_by or "", ""), (created, ""), (self._state_text(row), missing)]

    def _state_text(self, row: m.Clip) -> str:
        if row.state == ClipState.EXTRACTING:
            return self.tr("extracting {pct} %").format(pct=round(100 * (row.progress)))
        if row.state == ClipState.READY:
            return self.tr("ready, with gaps") if row.missing else self.tr("ready")
        return self.tr("failed: {why}").format(why=translate(row.error))

    def selected(self) -> m.Clip | None:
        items = self.table.selectedItems()
        if not items:
            return None
        cid = items[0].data(Qt.UserRole)
        return next((r for r in self.rows if r.id == cid), None)

    def select(self, clip_id: int) -> None:
        for i in range(self.table.rowCount()):
            if self.table.item(i, 0).data(Qt.UserRole) == clip_id:
                self.table.selectRow(i)

    def _enable(self) -> None:
        row = self.selected()
        state = row.state if row else None
        self.buttons["play"].setEnabled(state == ClipState.READY)
        self.buttons["export"].setEnabled(state == ClipState.READY and not self._busy)
        self.buttons["rename"].setEnabled(row is not None)
        self.buttons["delete"].setEnabled(row is not None and state != ClipState.EXTRACTING)
        self.buttons["verify"].setEnabled(not self._busy)

    def _say(self, text: str, ok: bool | None = None) -> None:
        """One line for the outcome of the last action; green when good, red when not."""
        self.status.setText(text)
        self.status.setProperty("ok", "" if ok is None else str(ok).lower())
        self.status.style().polish(self.status)

    # -- actions ------------------------------------------------------------------------------

    def play(self) -> None:
        row = self.selected()
        if row is None or row.state != ClipState.READY:
            return
        from vms_desktop.clips.clip_player import ClipPlayer  # libVLC's window: only when asked for

        title = f"{row.camera_name or row.camera_id} — {row.name}"
        player = ClipPlayer(self.api.clip_url(row.id), title, utc(row.start), row.duration, self.tz, self)
        self._players.append(player)
        player.finished.connect(lambda _r, p=player: self._players.remove(p) if p in self._players else None)
        player.show()

    def rename(self, name: str | None = None) -> None:
        row = self.selected()
        if row is None:
            return
        if name is None:
            name, ok = QInputDialog.getText(self, self.tr("Rename clip"), self.tr("Name"), text=row.name)
            if not ok:
                return
        cid = row.id
        run_in_background(lambda: self.api.rename_clip(cid, name),
                          self._renamed, lambda e: self._say(error_text(e), ok=False))

    def _renamed(self, row: m.Clip) -> None:
        self._say(self.tr("Renamed to “{name}”").format(name=row.name), ok=True)
        self.refresh()

    def delete(self) -> None:
        row = self.selected()
        if row is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete clip"),
            self.tr("Delete the clip “{name}” ({camera}, {range})? Its file is removed for good; copies "
                    "exported elsewhere are not touched.").format(
                name=row.name, camera=row.camera_name or row.camera_id,
                range=format_range(utc(row.start), utc(row.end), self.tz, full_date=True)),
            QMessageBox.Yes | QMessageBox.Cancel, QMessageBox.Cancel)
        if answer != QMessageBox.Yes:
            return
        cid, name = row.id, row.name
        run_in_background(lambda: self.api.delete_clip(cid),
                          lambda _r: (self._say(self.tr("Deleted “{name}”").format(name=name), ok=True),
                                      self.refresh()),
                          lambda e: self._say(error_text(e), ok=False))

    # -- export and verification (files hashed off the GUI thread) ---------------------------------

    def _start_work(self, text: str) -> None:
        self._busy = True
        self._say(text)
        self._enable()

    def _work_done(self) -> None:
        self._busy = False
        self._enable()

    def export(self, folder: str | None = None, reason: str | None = None) -> None:
        """A copy leaves the recorder: the operator says why (on the recorder's record), then where."""
        row = self.selected()
        if row is None or row.state != ClipState.READY or self._busy:
            return
        if reason is None:
            reason = ask_copy_reason(self, self.tr("Export the clip"))
            if reason is None:
                return
        if folder is None:
            start_in = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation) or str(Path.home())
            folder = QFileDialog.getExistingDirectory(self, self.tr("Export the clip to…"), start_in)
            if not folder:
                return
        name = export_name(row.camera_name or f"camera_{row.camera_id}",
                           utc(row.start).astimezone(self.tz), row.name)
        sha, cid = row.sha256, row.id
        self._start_work(self.tr("Exporting “{name}”…").format(name=row.name))
        run_in_background(lambda: export_clip(lambda dest: self.api.download_clip(cid, dest, reason),
                                              Path(folder), name, sha or self._index_sha(cid)),
                          self._exported, self._export_failed)

    def _index_sha(self, clip_id: int) -> str | None:
        """The recorder hashes a clip just after it is ready: wait a little for it (off the GUI
        thread), so the copy is still checked against the index and not just against itself."""
        for _ in range(SHA_WAIT_TRIES):
            try:
                sha = self.api.clip(clip_id).sha256
            except RecorderError:
                return None
            if sha:
                return sha
            time.sleep(SHA_WAIT_S)
        return None

    def _exported(self, path: Path) -> None:
        self._work_done()
        self._say(self.tr("Exported and checked: {path} (checksum in {sidecar})").format(
            path=path, sidecar=path.name + ".sha256"), ok=True)

    def _export_failed(self, error: Exception) -> None:
        self._work_done()
        why = {"source_changed": self.tr("the saved clip's file no longer matches its checksum: it has been "
                                         "changed or damaged on this disk"),
               "copy_differs": self.tr("the copy differs from the clip after writing: the target disk may be "
                                       "failing; try another one"),
               "no_source": self.tr("the clip's file is missing from the recordings disk")}
        if isinstance(error, ExportError):
            text = why.get(error.kind)
        else:
            text = getattr(error, "strerror", None) or error_text(error)
        self._say(self.tr("The clip was not exported: {why}").format(why=text), ok=False)

    def verify(self, path: str | None = None) -> None:
        if self._busy:
            return
        if path is None:
            path, _filter = QFileDialog.getOpenFileName(self, self.tr("Verify a clip file"), "",
                                                        self.tr("Video files (*.mp4)"))
            if not path:
                return
        self._start_work(self.tr("Checking {file}…").format(file=Path(path).name))
        known = list(self.rows)

        def check() -> Verdict:
            try:  # the index as it is now; what the panel last listed if the recorder is away
                clips = self.api.clips()
            except RecorderError:
                clips = known
            return verify_file(Path(path), clips)

        run_in_background(check, self._verified, self._verify_failed)

    def _verify_failed(self, error: Exception) -> None:
        self._work_done()
        self._say(self.tr("The file could not be read: {why}").format(
            why=getattr(error, "strerror", None) or str(error)), ok=False)

    def _verified(self, verdict: Verdict) -> None:
        self._work_done()
        self._say(self.describe_verdict(verdict) + "\nSHA-256 " + verdict.sha256,
                  ok=verdict.intact and (verdict.sidecar == "match" or bool(verdict.clips)))
        if verdict.clips:
            self.camera_filter.setCurrentIndex(0)
            self.select(verdict.clips[0].id)

    def describe_verdict(self, v: Verdict) -> str:
        name = v.path.name
        clip = ""
        if v.clips:
            c = v.clips[0]
            clip = self.tr("the saved clip “{name}” ({camera}, {range})").format(
                name=c.name, camera=c.camera_name or c.camera_id,
                range=format_range(utc(c.start), utc(c.end), self.tz, full_date=True))
        if v.sidecar == "mismatch":
            text = self.tr("{file} has been CHANGED: it does not match its checksum file.").format(file=name)
            if clip:
                text += " " + self.tr("Its content is {clip}; the checksum file is wrong.").format(clip=clip)
        elif v.sidecar == "match":
            text = self.tr("{file} is intact: it matches its checksum file.").format(file=name)
            text += " " + (self.tr("It is {clip}.").format(clip=clip) if clip else
                           self.tr("No saved clip here has this content (deleted since, or from another site)."))
        elif clip:
            text = self.tr("{file} has no checksum file next to it, but its content is {clip}.").format(
                file=name, clip=clip)
        else:
            text = self.tr("{file} has no checksum file next to it and matches no saved clip: it cannot be "
                           "confirmed.").format(file=name)
        if v.sidecar_names_other:
            text += " " + self.tr("(The checksum file was written for a file of another name.)")
        return text

    def done(self, result: int) -> None:
        self._poll.stop()
        for player in list(self._players):  # their libVLC players go before their windows
            player.close()
        super().done(result)

    def hideEvent(self, event) -> None:
        self._poll.stop()
        super().hideEvent(event)
