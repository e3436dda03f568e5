"""Reaching a recorder across the site's network: its address, the recorders used before, and
its certificate pinned as SSH pins a host key — shown on the first connection for the user to
compare with `vms-recorder tls fingerprint`, remembered, and a different one refused loudly."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from vms_api.client import CERTIFICATE_CHANGED, NOT_TLS, ApiError, normal_fingerprint, server_fingerprint
from vms_desktop.messages import error_text
from vms_desktop.tasks import run_in_background

RECENT = "recorders/recent"  # addresses, newest first
PINS = "recorders/pins"  # address -> SHA-256 fingerprint of its certificate
RECENT_KEPT = 8


@dataclass(frozen=True)
class Remote:
    url: str
    fingerprint: str
    user: str | None = None
    password: str | None = None


def normal_url(text: str) -> str:
    """'host:8443' or 'https://host:8443/' as 'https://host:8443'; the site's network is TLS only."""
    text = text.strip().rstrip("/")
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme != "https" or not parts.hostname:
        raise ApiError(NOT_TLS, f"{text} must begin with https://", params={"url": text})
    return f"https://{parts.netloc}"


def pinned(settings, url: str) -> str | None:
    pins = settings.value(PINS) or {}
    return pins.get(url) if isinstance(pins, dict) else None


def pin(settings, url: str, fingerprint: str) -> None:
    pins = settings.value(PINS) or {}
    pins = dict(pins) if isinstance(pins, dict) else {}
    pins[url] = normal_fingerprint(fingerprint)
    settings.setValue(PINS, pins)


def forget(settings, url: str) -> None:
    """Drop a recorder's pin (an administrator replaced its certificate on purpose)."""
    pins = settings.value(PINS) or {}
    if isinstance(pins, dict) and url in pins:
        pins = dict(pins)
        del pins[url]
        settings.setValue(PINS, pins)


def recent(settings) -> list[str]:
    saved = settings.value(RECENT) or []
    return [str(u) for u in (saved if isinstance(saved, list) else [saved])]


def remember(settings, url: str) -> None:
    settings.setValue(RECENT, [url, *[u for u in recent(settings) if u != url]][:RECENT_KEPT])


def changed_text(url: str, found: str, was: str) -> str:
    return error_text(ApiError(CERTIFICATE_CHANGED, "", params={"url": url, "found": found, "pinned": was}))


class ConnectDialog(QDialog):
    """Address, user and password of a recorder on the site's network. Accepted once its
    certificate is the one pinned, or the user has compared and trusted it: `remote` then says
    where and as whom to log in."""

    def __init__(self, settings, url: str = "", user: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.remote: Remote | None = None
        self.setWindowTitle(self.tr("Connect to a recorder — VMS Desktop"))
        self.address = QComboBox(self)
        self.address.setEditable(True)
        self.address.addItems(recent(settings))
        self.address.setEditText(url or (recent(settings) or [""])[0])
        self.address.lineEdit().setPlaceholderText("https://192.168.0.10:8443")
        self.user = QLineEdit(user, self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.Password)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #ff6b6b")
        form = QFormLayout()
        form.addRow(self.tr("Recorder"), self.address)
        form.addRow(self.tr("User name"), self.user)
        form.addRow(self.tr("Password"), self.password)
        buttons = QDialogButtonBox(self)
        self.ok = buttons.addButton(self.tr("Connect"), QDialogButtonBox.AcceptRole)
        buttons.addButton(QDialogButtonBox.Cancel).clicked.connect(self.reject)
        self.ok.clicked.connect(self.submit)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.error)
        column.addWidget(buttons)
        (self.password if user else self.user).setFocus()
        self.setMinimumWidth(480)

    def submit(self) -> None:
        try:
            url = normal_url(self.address.currentText())
        except ApiError as e:
            self.error.setText(error_text(e))
            return
        self.ok.setEnabled(False)
        self.error.setText(self.tr("Connecting to {url}…").format(url=url))
        run_in_background(lambda: server_fingerprint(url), lambda fp: self._got_certificate(url, fp),
                          self._failed, owner=self)

    def _failed(self, e: Exception) -> None:
        self.ok.setEnabled(True)
        self.error.setText(error_text(e))

    def _got_certificate(self, url: str, found: str) -> None:
        self.ok.setEnabled(True)
        was = pinned(self.settings, url)
        if was is not None and was != found:
            text = changed_text(url, found, was)
            self.error.setText(text)
            QMessageBox.critical(self, self.tr("Certificate changed"), text)
            return
        if was is None and not self.trust(url, found):
            self.error.setText(self.tr("Not connected: the certificate was not trusted."))
            return
        pin(self.settings, url, found)
        remember(self.settings, url)
        self.remote = Remote(url, found, self.user.text().strip() or None, self.password.text() or None)
        self.password.clear()
        self.accept()

    def trust(self, url: str, fingerprint: str) -> bool:
        """First connection: the user compares the fingerprint with the recorder's own."""
        answer = QMessageBox.question(
            self, self.tr("New recorder"),
            self.tr("This is the first connection to {url}. Its certificate's SHA-256 fingerprint is:\n\n{fp}\n\n"
                    "Compare it with what `vms-recorder tls fingerprint` prints on the recorder (or ask the "
                    "administrator). Trust this recorder?").format(url=url, fp=fingerprint),
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        return answer == QMessageBox.Yes
