"""A recorder on this machine, found through its data dir: the names of the files the recorder
and the client both read, the default data dir, and the runtime file that says where the
running recorder listens. Defined once here; the recorder's own paths build on them."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import filelock
import platformdirs

APP_NAME = "vms-desktop"
TOKEN_FILE = "api-token"
LOCK_FILE = "recorder.lock"
RUNTIME_FILE = "recorder.json"  # written by the running recorder: its pid and the API's address


def default_data_dir() -> Path:
    env = os.environ.get("VMS_DATA_DIR")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class DataDir:
    """The files of a data dir that a client on the same machine may read."""

    root: Path

    @property
    def token_file(self) -> Path:
        return self.root / TOKEN_FILE

    @property
    def lock_file(self) -> Path:
        return self.root / LOCK_FILE

    @property
    def runtime_file(self) -> Path:
        """Written by the running recorder: its pid and the API's address."""
        return self.root / RUNTIME_FILE

    @property
    def log_file(self) -> Path:
        return self.root / "logs" / "recorder.log"

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def absolute(self, rel: str) -> Path:
        """A recording's or clip's path as the API gives it (relative to the data dir)."""
        return self.root / rel

    @property
    def demo_login_file(self) -> Path:
        """The demo site's account ({"username", "password"}, 0600): its client logs in by itself."""
        return self.root / "demo-login"

    def read_demo_login(self) -> tuple[str, str] | None:
        try:
            login = json.loads(self.demo_login_file.read_text())
            return str(login["username"]), str(login["password"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def read_token(self) -> str:
        return self.token_file.read_text().strip()


def service_info_file() -> Path:
    """Where the recorder run as a system service says where it listens (never its token):
    `run --public-info` writes it, readable by every user."""
    env = os.environ.get("VMS_SERVICE_INFO")
    if env:
        return Path(env)
    if os.name == "nt":
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / APP_NAME / "recorder.json"
    return Path("/run") / APP_NAME / "recorder.json"


def service_info() -> dict | None:
    """{"host", "port", "version"} of this machine's recorder service, None when none runs."""
    try:
        info = json.loads(service_info_file().read_text())
        return info if isinstance(info.get("port"), int) and info.get("host") else None
    except (OSError, ValueError, AttributeError):
        return None


def read_runtime(data: DataDir) -> dict | None:
    """The running recorder's pid and API address ({"pid", "host", "port"}), or None when none
    runs: a runtime file left by a recorder that died is not believed unless its lock is held."""
    try:
        info = json.loads(data.runtime_file.read_text())
    except (FileNotFoundError, ValueError):
        return None
    lock = filelock.FileLock(str(data.lock_file))
    try:
        lock.acquire(timeout=0)
    except filelock.Timeout:
        return info  # the lock is held: it really runs
    lock.release()
    return None
