"""The client's side of the recorder: find it (or start it) for our data dir, talk to its
control API with requests, watch its health, and restart it if it dies."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import requests
from PySide6.QtCore import QObject, Signal

from recorder.paths import DataDir, read_runtime

log = logging.getLogger(__name__)
POLL_SECONDS = 2.0
START_TIMEOUT = 30.0
NOT_RUNNING = "the recorder is not running"


class RecorderError(Exception):
    """The recorder refused or could not be reached; the message is for the user."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status  # the HTTP status when the recorder answered


class RecorderApi:
    """Calls to the running recorder; each raises RecorderError with words for the user."""

    def __init__(self, data: DataDir):
        self.data = data
        self.http = requests.Session()
        self._base: str | None = None

    def locate(self) -> bool:
        """Read where the running recorder listens; False when none runs for our data dir."""
        info = read_runtime(self.data)
        if info is None:
            self._base = None
            return False
        # The token first: another thread may call as soon as it sees an address.
        self.http.headers["Authorization"] = f"Bearer {self.token}"
        self._base = f"http://{info['host']}:{info['port']}"
        return True

    @property
    def token(self) -> str:
        return self.data.token_file.read_text().strip()

    @property
    def base(self) -> str:
        if self._base is None and not self.locate():
            raise RecorderError(NOT_RUNNING)
        return self._base

    def call(self, method: str, path: str, timeout: float = 10.0, **kw):
        try:
            r = self.http.request(method, self.base + path, timeout=timeout, **kw)
        except requests.RequestException as e:
            log.debug("recorder call %s %s failed: %s", method, path, e)
            self._base = None  # it may have restarted on another port
            raise RecorderError(NOT_RUNNING) from None
        if r.status_code >= 400:
            try:
                detail = r.json().get("detail", r.text)
            except ValueError:
                detail = r.text
            raise RecorderError(str(detail), r.status_code)
        return r.json()

    def live_url(self, camera_id: int, sub: bool) -> str:
        stream = "&stream=sub" if sub else ""
        return f"{self.base}/api/cameras/{camera_id}/live?token={self.token}{stream}"

    def snapshot(self, camera_id: int) -> bytes | None:
        return self._picture(f"/api/cameras/{camera_id}/snapshot")

    def event_snapshot(self, event_id: int) -> bytes | None:
        return self._picture(f"/api/events/{event_id}/snapshot")

    def _picture(self, path: str) -> bytes | None:
        """A JPEG or PNG from the recorder; None when there is none or it cannot be reached."""
        try:
            r = self.http.get(self.base + path, timeout=5)
        except (requests.RequestException, RecorderError):
            return None
        return r.content if r.status_code == 200 else None

    def status(self) -> dict:
        return self.call("GET", "/api/status", timeout=5)

    def camera(self, camera_id: int) -> dict:
        return self.call("GET", f"/api/cameras/{camera_id}")

    def add_camera(self, fields: dict) -> dict:
        return self.call("POST", "/api/cameras", json=fields)

    def update_camera(self, camera_id: int, fields: dict) -> dict:
        return self.call("PATCH", f"/api/cameras/{camera_id}", json=fields)

    def remove_camera(self, camera_id: int) -> dict:
        return self.call("DELETE", f"/api/cameras/{camera_id}")

    def probe(self, fields: dict) -> dict:
        return self.call("POST", "/api/probe", json=fields, timeout=15)

    def stop_recorder(self) -> None:
        self.call("POST", "/api/shutdown")


def recorder_command(data: DataDir, demo: bool) -> list[str]:
    """The bundled recorder next to a frozen client, else this environment's module."""
    if getattr(sys, "frozen", False):
        exe = Path(sys.executable).with_name("vms-recorder" + (".exe" if os.name == "nt" else ""))
        cmd = [str(exe)]
    else:
        cmd = [sys.executable, "-m", "recorder.cli"]
    return cmd + ["--data-dir", str(data.root)] + (["demo", "--cameras", "4"] if demo else ["run"])


def _detached() -> dict:
    """The recorder outlives the client: its own session / process group. On Windows out of
    any job of ours (a terminal's would end it with us), and a hidden console rather than
    none: its FFmpeg and ffprobe children share it instead of each opening a window."""
    if os.name == "nt":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.CREATE_NO_WINDOW
                | subprocess.CREATE_BREAKAWAY_FROM_JOB}
    return {"start_new_session": True}


def spawn_recorder(data: DataDir, demo: bool = False) -> subprocess.Popen:
    """Start a recorder for the data dir that outlives us. It keeps its own rotated log
    (logs/recorder.log); its console would only say the same lines again."""
    data.create()
    cmd = recorder_command(data, demo)
    log.info("starting the recorder: %s", " ".join(cmd))
    kw = {"stdin": subprocess.DEVNULL, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    try:
        return subprocess.Popen(cmd, **kw, **_detached())
    except PermissionError:
        if os.name != "nt":
            raise
        # our job forbids leaving it: the recorder then stays in it
        flags = _detached()["creationflags"] & ~subprocess.CREATE_BREAKAWAY_FROM_JOB
        return subprocess.Popen(cmd, **kw, creationflags=flags)


def ensure_recorder(data: DataDir, timeout: float = START_TIMEOUT) -> int:
    """The pid of the data dir's recorder, started (without a window) unless one runs, once
    it is listening. For `vms-desktop --start-recorder`, e.g. at login."""
    info = read_runtime(data)
    if info is None:
        info = wait_listening(spawn_recorder(data), data, timeout)
        if info is None:
            raise RecorderError(f"the recorder could not start; see {data.root / 'logs' / 'recorder.log'}")
    return int(info["pid"])


def wait_listening(proc: subprocess.Popen, data: DataDir, timeout: float,
                   stopping: Callable[[], bool] = lambda: False) -> dict | None:
    """The runtime info once the recorder we started says where it listens; None if it died,
    the time ran out or we are stopping."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not stopping():
        if (info := read_runtime(data)) is not None:
            return info
        if proc.poll() is not None:
            return None
        time.sleep(0.2)
    return None


def stop_recorder(data: DataDir, timeout: float = 40.0) -> bool:
    """Have the data dir's recorder finish its files and exit, and wait for it; False when none
    runs. For `vms-desktop --stop-recorder`, e.g. before an installer replaces the program."""
    if read_runtime(data) is None:
        return False
    RecorderApi(data).stop_recorder()
    deadline = time.monotonic() + timeout
    while read_runtime(data) is not None:
        if time.monotonic() > deadline:
            raise RecorderError("the recorder did not stop in time")
        time.sleep(0.2)
    return True


class RecorderSupervisor(QObject):
    """Keeps a recorder running for the data dir and reports its status every few seconds.

    Works in a background thread (requests can wait); results come back as signals, which
    Qt delivers on the GUI thread.
    """

    status_changed = Signal(dict)
    recorder_down = Signal(str)  # why, in words for the status bar
    recorder_started = Signal(int)  # pid

    def __init__(self, data: DataDir, demo: bool = False, parent: QObject | None = None):
        super().__init__(parent)
        self.data = data
        self.demo = demo
        self.api = RecorderApi(data)
        self.restarts = 0
        self._ever_up = False  # once a recorder answered, a missing one is a restart
        self._proc: subprocess.Popen | None = None
        self._stop = threading.Event()
        self._paused = threading.Event()  # set while the user stops recording on purpose
        self._thread = threading.Thread(target=self._watch, name="recorder-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def close(self) -> None:
        """The client is closing: stop watching, leave the recorder recording."""
        self._stop.set()
        self._thread.join(10)

    def stop_recording(self) -> None:
        """'Quit and stop recording': ask the recorder to finalise and exit, and wait for it."""
        self._paused.set()
        try:
            info = read_runtime(self.data)
            self.api.stop_recorder()
        except Exception as e:  # noqa: BLE001 - nothing to stop is fine
            log.info("stopping the recorder: %s", e)
            return
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline and read_runtime(self.data) is not None:
            time.sleep(0.2)
        if info and self._proc is not None:
            self._proc.wait(5)

    def _watch(self) -> None:
        failures = 0
        while not self._stop.is_set():
            if self._paused.is_set():
                self._stop.wait(POLL_SECONDS)
                continue
            try:
                self.status_changed.emit(self.api.status())
                failures = 0
                self._ever_up = True
            except Exception as e:  # noqa: BLE001 - any failure means: not reachable now
                failures += 1
                if read_runtime(self.data) is None:
                    self._start_recorder(first=not self._ever_up)
                    self._ever_up = True
                elif failures >= 3:
                    self.recorder_down.emit(f"the recorder does not answer ({e})")
            self._stop.wait(POLL_SECONDS)

    def _start_recorder(self, first: bool) -> None:
        if not first:
            self.recorder_down.emit("the recorder stopped; starting it again")
        self._reap()
        self._proc = spawn_recorder(self.data, self.demo)
        if not first:
            self.restarts += 1
        if wait_listening(self._proc, self.data, START_TIMEOUT, self._stop.is_set) and self.api.locate():
            self.recorder_started.emit(self._proc.pid)
            return
        self.recorder_down.emit(f"the recorder could not start; see {self.data.root / 'logs' / 'recorder.log'}")

    def _reap(self) -> None:
        """A recorder we started and that died must not stay a zombie."""
        if self._proc is not None and self._proc.poll() is not None:
            self._proc = None

