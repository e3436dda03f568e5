"""The operator's own settings (layout, window, language), apart from the site's data."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

LANGUAGES = {"system": None, "en": "English", "pt_BR": "Português (Brasil)"}
I18N_DIR = Path(__file__).resolve().parent / "i18n"


def client_settings() -> QSettings:
    root = Path(os.environ.get("VMS_CONFIG_DIR") or platformdirs.user_config_dir("vms-desktop", appauthor=False))
    root.mkdir(parents=True, exist_ok=True)
    return QSettings(str(root / "client.ini"), QSettings.IniFormat)


def effective_language(choice: str) -> str:
    """'system' follows the system locale: Portuguese systems get pt-BR, others English."""
    if choice in ("en", "pt_BR"):
        return choice
    return "pt_BR" if QLocale.system().name().startswith("pt") else "en"


_installed: list[QTranslator] = []


def install_language(app: QApplication, choice: str) -> str:
    """Load our translation and Qt's own (standard buttons) for the chosen language."""
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    lang = effective_language(choice)
    if lang != "en":
        ours = QTranslator(app)
        if ours.load(str(I18N_DIR / f"vms_desktop_{lang}.qm")):
            _installed.append(ours)
        qt = QTranslator(app)
        if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
            _installed.append(qt)
        for tr in _installed:
            app.installTranslator(tr)
    QLocale.setDefault(QLocale(lang))
    return lang
