"""Bookmarks in the player: the dialog that marks the moment on screen (or the clip range) with
a title and a note for the next shift, optionally holding its footage against retention; and
the day's bookmarks as a menu that takes the player to one."""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)

from vms_api import models as m
from vms_api.models import utc
from vms_desktop.clips.clip_dialog import format_range
from vms_desktop.messages import error_text
from vms_desktop.playback.timeline import describe_bookmark
from vms_desktop.recorder_link import RecorderApi
from vms_desktop.tasks import run_in_background


class BookmarkDialog(QDialog):
    saved = Signal(object)  # the m.Bookmark the recorder kept

    def __init__(self, api: RecorderApi, camera_id: int, start: datetime, end: datetime | None, tz: tzinfo,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("bookmarkDialog")
        self.setWindowTitle(self.tr("Bookmark"))
        self.api, self.camera_id, self.start, self.end = api, camera_id, start, end
        when = format_range(start, end, tz, full_date=True) if end else start.astimezone(tz).strftime("%d/%m/%Y %H:%M:%S")
        self.title = QLineEdit(self, maxLength=200)
        self.title.setPlaceholderText(self.tr("What happened, in a few words"))
        self.note = QPlainTextEdit(self)
        self.note.setPlaceholderText(self.tr("For the next shift: what was seen, who was told, what was done"))
        self.protect = QCheckBox(self.tr("Keep this footage until the bookmark is released (not deleted by "
                                         "retention)"), self)
        self.quota = QLabel(self)
        self.error = QLabel(self, objectName="formError", wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.Save)
        form = QFormLayout(self)
        form.addRow(self.tr("When"), QLabel(when, self))
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.protect)
        form.addRow(self.quota)
        form.addRow(self.error)
        form.addRow(buttons)
        self.resize(520, 320)
        run_in_background(api.protection, self._show_quota, lambda _e: None, owner=self)

    def _show_quota(self, use: m.ProtectionUse) -> None:
        self.quota.setText(self.tr("Protected footage: {used:g} of {limit:g} hours the plan allows").format(
            used=use.used_hours, limit=use.limit_hours))

    def accept(self) -> None:
        if not self.title.text().strip():
            self.error.setText(self.tr("Give the bookmark a title"))
            self.title.setFocus()
            return
        body = m.BookmarkIn(camera_id=self.camera_id, start=self.start, end=self.end, title=self.title.text(),
                            note=self.note.toPlainText() or None, protect=self.protect.isChecked())
        self.save_button.setEnabled(False)
        run_in_background(lambda: self.api.add_bookmark(body), self._saved, self._refused, owner=self)

    def _saved(self, row: m.Bookmark) -> None:
        self.saved.emit(row)
        super().accept()

    def _refused(self, error: Exception) -> None:
        self.save_button.setEnabled(True)
        self.error.setText(error_text(error))


class BookmarksButton(QToolButton):
    """The day's bookmarks as a menu; choosing one asks the player to go to its start."""

    chosen = Signal(object)  # UTC datetime

    def __init__(self, tz: tzinfo, parent: QWidget | None = None):
        super().__init__(parent)
        self.tz = tz
        self.setPopupMode(QToolButton.InstantPopup)
        self.setMenu(QMenu(self))
        self.set_bookmarks([])

    def set_bookmarks(self, bookmarks: list[m.Bookmark]) -> None:
        menu = self.menu()
        menu.clear()
        for b in sorted(bookmarks, key=lambda b: b.start):
            action = menu.addAction(describe_bookmark(b, self.tz).split("\n")[0])
            action.setToolTip(b.note or "")
            action.triggered.connect(lambda _=False, t=utc(b.start): self.chosen.emit(t))
        self.setText(self.tr("Bookmarks ({n})").format(n=len(bookmarks)))
        self.setEnabled(bool(bookmarks))
