"""Camera credentials: kept apart from the URL, encrypted at rest, never printed.

The key lives beside the index in a 0600 file, so a copy of vms.db alone does not
give away the cameras' passwords.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from cryptography.fernet import Fernet, InvalidToken

_USERINFO = re.compile(r"(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\s]*@")


def write_private(path: Path, data: bytes) -> None:
    """Create a file only its owner can read (on Windows the profile's ACL does this)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    if os.name == "posix":
        os.chmod(path, 0o600)


def load_or_create_key(path: Path) -> bytes:
    if not path.exists():
        write_private(path, Fernet.generate_key())
    return path.read_bytes().strip()


class Vault:
    def __init__(self, key_file: Path):
        self._fernet = Fernet(load_or_create_key(key_file))
        # the recorder compares its cameras with the index every few seconds
        self.decrypt = functools.lru_cache(maxsize=256)(self._decrypt)

    def encrypt(self, password: str | None) -> str | None:
        if not password:
            return None
        return self._fernet.encrypt(password.encode()).decode()

    def _decrypt(self, token: str | None) -> str | None:
        if not token:
            return None
        try:
            return self._fernet.decrypt(token.encode()).decode()
        except InvalidToken:
            raise ValueError("stored camera password cannot be read: the data dir's key changed") from None


def split_credentials(url: str) -> tuple[str, str | None, str | None]:
    """rtsp://user:pass@host/x -> (rtsp://host/x, user, pass)."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, None, None
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    clean = urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    user = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password else None
    return clean, user, password


DEFAULT_PORTS = {"rtsp": 554, "rtsps": 322}


def origin(url: str) -> tuple[str, str, int | None]:
    """Where a URL's credentials would be sent: scheme, host and port (the default one when
    none is written), as FFmpeg will connect."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or DEFAULT_PORTS.get(scheme)


def with_credentials(url: str, username: str | None, password: str | None) -> str:
    """The URL FFmpeg needs; it must never be logged as it is."""
    if not username:
        return url
    parts = urlsplit(url)
    userinfo = quote(username, safe="")
    if password:
        userinfo += ":" + quote(password, safe="")
    return urlunsplit((parts.scheme, f"{userinfo}@{parts.netloc}", parts.path, parts.query, parts.fragment))


def redact(text: str, *secrets: str | None) -> str:
    """Remove user:password@ from any URL in text, and any known secret anywhere."""
    text = _USERINFO.sub(r"\g<scheme>***@", text)
    for secret in secrets:
        if secret and len(secret) >= 1:
            text = text.replace(secret, "***")
            encoded = quote(secret, safe="")
            if encoded != secret:
                text = text.replace(encoded, "***")
    return text
