"""The dark control-room theme: low glare for a shift in a dim room, red kept for trouble."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

STYLE = """
QMainWindow, QDialog { background: #15181c; }
QWidget { color: #e4e7eb; }
QMenuBar, QMenu, QStatusBar { background: #1d2126; }
QMenu::item:selected, QMenuBar::item:selected { background: #2d5b8c; }
QFrame#tile { background: #000; border: 1px solid #2a2f36; }
QFrame#blankCell { background: #0d0f12; border: 1px solid #1d2126; }
QFrame#tile:focus { border: 1px solid #4d90d6; }
QLabel#tileName { font-weight: bold; color: #f2f4f6; }
QLabel#tileNote { color: #ffb454; }
QFrame#tile[critical="true"] { border: 3px solid #ff3b30; }
QFrame#tile[warn="true"] { border: 2px solid #ffb454; }
QLabel#tileNote[critical="true"] { background: #ff3b30; color: #ffffff; font-weight: bold; border-radius: 3px;
                                   padding: 0 6px; }
QLabel#tileNote[warn="true"] { font-weight: bold; }
QFrame#tile[alarm="true"] { border: 4px solid #ff2d95; }
QLabel#tileAlarm { background: #ff2d95; color: #ffffff; font-weight: bold; border-radius: 3px; padding: 0 6px;
                   margin-right: 4px; }
QPushButton#alarmsButton[open="true"] { background: #c2185b; color: #ffffff; font-weight: bold; }
QLabel#alarmTitle { color: #ff5c8a; font-size: 17px; font-weight: bold; }
QLabel#alarmDetail { font-size: 14px; }
QLabel#camerasStopped { color: #ff6b6b; font-weight: bold; }
QLabel#tileRec { color: #6b7380; font-size: 14px; }
QLabel#tileRec[on="true"] { color: #ff3b30; }
QLabel#tileMotion { background: #ffd60a; color: #15181c; border-radius: 3px; padding: 0 4px; margin-right: 4px;
                    font-size: 10px; font-weight: bold; }
QLabel#emptyGrid { color: #9aa3ad; font-size: 16px; qproperty-alignment: AlignCenter; }
QLabel#formError { color: #ff6b6b; }
QLabel#probeResult[ok="true"] { color: #5fd38d; }
QLabel#probeResult[ok="false"] { color: #ff6b6b; }
QLabel#recorderDown { color: #ff6b6b; font-weight: bold; }
QLabel#clipRange { color: #8fc1f0; }
QLabel#clipsStatus[ok="true"] { color: #5fd38d; }
QLabel#clipsStatus[ok="false"] { color: #ff6b6b; }
QLabel#eventsTitle { font-weight: bold; }
QLabel#eventsStatus { color: #9aa3ad; }
QLabel#eventsStatus[ok="false"] { color: #ff6b6b; }
QLabel#maskCount { color: #9aa3ad; }
QToolButton#eventKinds { background: #2a3038; border: 1px solid #3a414a; padding: 3px 8px; }
QTableView { gridline-color: #2a2f36; }
QFrame#bannerRow { background: #3a2f12; border-bottom: 1px solid #15181c; }
QFrame#bannerRow QLabel { color: #ffd27a; font-weight: bold; }
QFrame#bannerRow[level="danger"] { background: #6b1512; }
QFrame#bannerRow[level="danger"] QLabel { color: #ffffff; }
QFrame#bannerRow[level="info"] { background: #16324d; }
QFrame#bannerRow[level="info"] QLabel { color: #cfe6ff; font-weight: normal; }
QToolButton#bannerClose { color: #e4e7eb; font-size: 16px; padding: 0 6px; }
QLabel#storageSummary { color: #c9ced4; }
QLabel#storageStatus[ok="true"] { color: #5fd38d; }
QLabel#storageStatus[ok="false"] { color: #ff6b6b; }
QLabel#storageTrouble { color: #ff6b6b; font-weight: bold; }
QTableWidget { gridline-color: #2a2f36; }
QHeaderView::section { background: #1d2126; color: #c9ced4; border: 0; border-right: 1px solid #2a2f36; padding: 4px; }
QPlainTextEdit { background: #23282e; border: 1px solid #3a414a; }
QProgressBar { background: #23282e; border: 1px solid #3a414a; text-align: center; }
QProgressBar::chunk { background: #2d5b8c; }
QLineEdit, QComboBox, QSpinBox, QDateEdit, QDateTimeEdit { background: #23282e; border: 1px solid #3a414a; padding: 3px; }
QTabWidget::pane { border: 1px solid #2a2f36; }
QTabBar::tab { background: #1d2126; color: #c9ced4; padding: 5px 14px; border: 1px solid #2a2f36; }
QTabBar::tab:selected { background: #2a3038; color: #ffffff; }
QPushButton { background: #2a3038; border: 1px solid #3a414a; padding: 4px 12px; }
QPushButton:hover { background: #34404d; }
QPushButton:checked { background: #2d5b8c; border-color: #4d90d6; }
QPushButton:disabled { color: #6b7380; }
QLineEdit:disabled, QComboBox:disabled, QDateTimeEdit:disabled, QCheckBox:disabled { color: #6b7380; }
"""


def apply_dark_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    pal = QPalette()
    for role, color in ((QPalette.Window, "#15181c"), (QPalette.WindowText, "#e4e7eb"),
                        (QPalette.Base, "#23282e"), (QPalette.AlternateBase, "#1d2126"),
                        (QPalette.Text, "#e4e7eb"), (QPalette.Button, "#2a3038"),
                        (QPalette.ButtonText, "#e4e7eb"), (QPalette.Highlight, "#2d5b8c"),
                        (QPalette.HighlightedText, "#ffffff"), (QPalette.ToolTipBase, "#1d2126"),
                        (QPalette.ToolTipText, "#e4e7eb"), (QPalette.PlaceholderText, "#7d8691")):
        pal.setColor(role, QColor(color))
    app.setPalette(pal)
    app.setStyleSheet(STYLE)
