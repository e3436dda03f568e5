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

from PySide6.QtCore import QObject, Signal

from vms_api import models as m
from vms_api.client import CERTIFICATE_CHANGED, ApiError, RecorderClient
from vms_api.local import DataDir, read_runtime
from vms_desktop.messages import RECORDER_NOT_STARTED, RECORDER_STOP_TIMEOUT, error_text

log = logging.getLogger(__name__)
POLL_SECONDS = 2.0
START_TIMEOUT = 30.0
STOP_TIMEOUT = 40.0
RecorderError = ApiError  # the client's one error type, under the name the desktop knew it by


class RecorderApi(RecorderClient):
    """The recorder of our data dir, found through its runtime file, called as the user who
    logged in (never with the data dir's own token: that is the local administration's). Its
    methods block: the widgets call them through vms_desktop.tasks, off the GUI thread; the
    answers are the contract's models (vms_api.models)."""

    def __init__(self, data: DataDir | None = None, base_url: str | None = None, fingerprint: str | None = None):
        super().__init__(base_url, data=data, token_file=False, fingerprint=fingerprint)


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
    data.root.mkdir(parents=True, exist_ok=True, mode=0o700)  # private: the recorder makes the rest
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
            raise RecorderError(RECORDER_NOT_STARTED, f"the recorder could not start; see {data.log_file}",
                                params={"log": str(data.log_file)})
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


def stop_recorder(data: DataDir, timeout: float = STOP_TIMEOUT) -> bool:
    """Have the data dir's recorder finish its files and exit, and wait for it; False when none
    runs. For `vms-desktop --stop-recorder`, e.g. before an installer replaces the program."""
    if read_runtime(data) is None:
        return False
    RecorderClient.local(data).shutdown()  # the local administration: the data dir's own token
    deadline = time.monotonic() + timeout
    while read_runtime(data) is not None:
        if time.monotonic() > deadline:
            raise RecorderError(RECORDER_STOP_TIMEOUT, "the recorder did not stop in time")
        time.sleep(0.2)
    return True


class RecorderSupervisor(QObject):
    """Keeps a recorder running for the data dir and reports its status every few seconds.

    Works in a background thread (requests can wait); results come back as signals, which
    Qt delivers on the GUI thread.
    """

    status_changed = Signal(object)  # vms_api.models.Status
    recorder_down = Signal(str)  # why, in words for the status bar (in the user's language)
    recorder_started = Signal(int)  # pid
    login_needed = Signal(str)  # the recorder's code: token_missing (no one yet), session_expired, logged_out
    logged_in = Signal(object)  # vms_api.models.Session: who, and what they may do
    certificate_refused = Signal(str)  # another certificate than the pinned one: in words, once

    def __init__(self, data: DataDir | None = None, demo: bool = False, user: str | None = None,
                 password: str | None = None, server: str | None = None, fingerprint: str | None = None,
                 parent: QObject | None = None):
        """Our own recorder (data: started and restarted by us, the demo's or a per-user
        install's), or one that runs without us (server: the system service on this machine,
        or a recorder across the site's network, its certificate pinned to fingerprint)."""
        super().__init__(parent)
        self.data = data
        self.demo = demo
        self.server = server
        self.api = RecorderApi(data, server, fingerprint)
        self.session: m.Session | None = None
        # Logged in by ourselves once, when we can: the account given to the command line
        # (VMS_PASSWORD, for scripts), or the demo site's own. Never kept after it failed.
        self._given = (user, password) if user and password is not None else None
        self._waiting_for_login = threading.Event()  # set while the user is asked to log in
        self._refused = False  # the certificate changed: said once, never trusted
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
        """'Quit and stop recording': ask the recorder to finalise and exit, and wait for it.
        Blocks up to STOP_TIMEOUT s: the window calls it through vms_desktop.tasks."""
        self._paused.set()
        try:
            info = read_runtime(self.data) if self.data is not None else None
            self.api.shutdown()
        except Exception as e:  # noqa: BLE001 - nothing to stop is fine
            log.info("stopping the recorder: %s", e)
            return
        deadline = time.monotonic() + STOP_TIMEOUT
        while time.monotonic() < deadline and self._still_running():
            time.sleep(0.2)
        if info and self._proc is not None:
            # its runtime file is gone once it stopped; the process itself still has to end
            # (a loaded machine: seconds), which a caller must not get as an exception
            try:
                self._proc.wait(max(5.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log.warning("the recorder stopped but its process %s has not ended yet", self._proc.pid)

    # -- who is logged in ------------------------------------------------------------------

    def login(self, username: str, password: str) -> m.Session:
        """Log in (blocks: the login screen calls it through vms_desktop.tasks); the status
        polling goes on as this user. Raises ApiError with the recorder's code."""
        session = self.api.login(username, password)
        self._logged_in(session)
        return session

    def setup(self, username: str, password: str) -> m.Session:
        """The recorder's first administrator (a recorder with no account yet); logs in."""
        session = self.api.setup(username, password)
        self._logged_in(session)
        return session

    def end_session(self, why: str = "logged_out") -> None:
        """End this session on the recorder (blocks) and ask for a login again, saying why
        (logged_out, or locked after the idle time)."""
        try:
            self.api.logout()
        except ApiError as e:
            log.info("logging out: %s", e)  # gone already: logged out all the same
        self._lost_session(why, auto=False)

    def needs_setup(self) -> bool:
        """No account on the recorder yet (blocks)."""
        return self.api.health().setup_needed

    def _logged_in(self, session: m.Session) -> None:
        self.session = session
        self._waiting_for_login.clear()
        self.logged_in.emit(session)

    def _lost_session(self, code: str, auto: bool = True) -> None:
        """No session, or it ended: log in by ourselves if we can, else ask the user once."""
        if auto and self._auto_login():
            return
        self.session = None
        self.api.use_token("")
        if not self._waiting_for_login.is_set():
            self._waiting_for_login.set()
            self.login_needed.emit(code)

    def _auto_login(self) -> bool:
        given = self._given or (self.data.read_demo_login() if self.demo and self.data else None)
        # Once: a session an administrator ended, or one that expired, asks the person again
        # rather than opening itself with a password kept in memory.
        self._given = None
        if given is None:
            return False
        try:
            self._logged_in(self.api.login(*given))
            return True
        except ApiError as e:
            log.warning("could not log in as %s: %s", given[0], e)
            return False

    # -- watching the recorder ---------------------------------------------------------------

    def _watch(self) -> None:
        failures = 0
        while not self._stop.is_set():
            if self._paused.is_set() or self._waiting_for_login.is_set():
                self._stop.wait(POLL_SECONDS)
                continue
            try:
                self.status_changed.emit(self.api.status())
                failures = 0
                self._ever_up = True
            except ApiError as e:
                if e.code == CERTIFICATE_CHANGED:  # another machine at its address: never talk to it
                    if not self._refused:
                        self._refused = True
                        self.certificate_refused.emit(error_text(e))
                    self._stop.wait(POLL_SECONDS * 5)
                    continue
                if e.status == 401:  # nobody logged in yet, or the session ended: not an outage
                    self._ever_up = True
                    self._lost_session(e.code)
                    continue
                failures = self._unreachable(e, failures)
            except Exception as e:  # noqa: BLE001 - any failure means: not reachable now
                failures = self._unreachable(e, failures)
            self._stop.wait(POLL_SECONDS)

    def _still_running(self) -> bool:
        if self.data is not None:
            return read_runtime(self.data) is not None
        try:
            self.api.health()
            return True
        except ApiError:
            return False

    @property
    def where(self) -> str:
        """The recorder, for people: its address, or the data folder of our own."""
        return self.server or str(self.data.root)

    def _unreachable(self, e: Exception, failures: int) -> int:
        failures += 1
        if self.data is None:  # not ours to start: say so
            if failures >= 2:
                self.recorder_down.emit(self.tr("no answer from the recorder at {url} ({why})").format(
                    url=self.server, why=error_text(e)))
            return failures
        if read_runtime(self.data) is None:
            self._start_recorder(first=not self._ever_up)
            self._ever_up = True
        elif failures >= 3:
            self.recorder_down.emit(self.tr("the recorder does not answer ({why})").format(why=error_text(e)))
        return failures

    def _start_recorder(self, first: bool) -> None:
        if not first:
            self.recorder_down.emit(self.tr("the recorder stopped; starting it again"))
        self._reap()
        self._proc = spawn_recorder(self.data, self.demo)
        if not first:
            self.restarts += 1
        if wait_listening(self._proc, self.data, START_TIMEOUT, self._stop.is_set) and self.api.locate():
            self.recorder_started.emit(self._proc.pid)
            return
        self.recorder_down.emit(self.tr("the recorder could not start; see {log}").format(log=self.data.log_file))

    def _reap(self) -> None:
        """A recorder we started and that died must not stay a zombie."""
        if self._proc is not None and self._proc.poll() is not None:
            self._proc = None

