"""Local test cameras (GStreamer's RTSP server, resources/demo_camera.py) for the demo site,
the tests and the benchmarks: real RTSP, no camera needed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import select

from recorder import platform_compat
from recorder.errors import RecorderError
from recorder.platform_compat import spawn_kwargs

# GStreamer's Python bindings come from the system's packages, not from our environment.
GST_PYTHON = os.environ.get("VMS_GST_PYTHON", "/usr/bin/python3" if os.name == "posix" else "python")


DEMO_USER = "demo"


def resources_dir() -> Path:
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


class DemoCamera:
    """One RTSP server process; options are demo_camera.py's (codec, audio, user, password, …)."""

    def __init__(self, port: int = 0, path: str = "/cam", **options):
        self.port = port
        self.path = path
        self.options = options
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"rtsp://127.0.0.1:{self.port}{self.path}"

    def start(self, timeout: float = 20.0) -> str:
        cmd = [GST_PYTHON, str(resources_dir() / "demo_camera.py"), "--port", str(self.port), "--path", self.path]
        options = dict(self.options)
        password = options.pop("password", None)
        for key, value in options.items():
            if value is not None:
                cmd += [f"--{key.replace('_', '-')}", str(value)]
        if password is not None:
            cmd.append("--password-stdin")  # not on its command line, where every user sees it
        # Own session (a Ctrl-C meant for the recorder must not drop the cameras before it has
        # finalised its files) and gone with its parent, like FFmpeg.
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     stdin=subprocess.PIPE, env=platform_compat.system_env(), **spawn_kwargs())
        self.proc.stdin.write(f"{password}\n" if password is not None else "")
        self.proc.stdin.close()
        line = _readline(self.proc, timeout)
        if not line.startswith("READY "):
            err = self.proc.stderr.read() if self.proc.poll() is not None else ""
            self.stop()
            raise RuntimeError(f"demo camera did not start: {line.strip()} {err.strip()}")
        self.port = int(line.split()[1].rsplit(":", 1)[1].split("/")[0])
        return self.url

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def pause(self) -> None:
        """Freeze the camera: its TCP session stays open but no video comes."""
        platform_compat.suspend(self.proc)

    def resume(self) -> None:
        platform_compat.resume(self.proc)

    def toggle_drops(self) -> None:
        """A camera started with drop_every=N stops losing frames, or starts again (POSIX)."""
        os.kill(self.proc.pid, signal.SIGUSR1)


TIMECODE_BITS = 24  # resources/demo_camera.py --timecode


def read_timecode(luma, width: int, height: int, near: float) -> float | None:
    """The wall-clock time (epoch seconds, to a tenth) a --timecode camera drew on a frame.

    luma(x, y) gives the brightness (0-255) of the frame scaled to width x height; near is any
    time within a few days of the answer. None when a block is neither black nor white (no
    timecode there, or a picture too damaged to trust)."""
    y = int(height * (1 - 1 / 32))  # the middle of the band (a sixteenth of the height)
    gray = 0
    for i in range(TIMECODE_BITS):
        level = luma(int((i + 0.5) * width / TIMECODE_BITS), y)
        if 70 < level < 185:
            return None
        gray = (gray << 1) | (level >= 128)
    value, shift = gray, gray >> 1
    while shift:  # Gray code back to binary
        value ^= shift
        shift >>= 1
    period = (1 << TIMECODE_BITS) / 10
    turns = round((near - value / 10) / period)
    return value / 10 + turns * period


def _readline(proc: subprocess.Popen, timeout: float) -> str:
    result = [""]
    reader = threading.Thread(target=lambda: result.__setitem__(0, proc.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    return result[0]


# Still scenes with a clock where something crosses the picture now and then, each camera on
# its own schedule: the demo's timelines show motion markers with quiet time between them.
DEMO_SET = [
    {"label": "Demo 1 - Entrance", "codec": "h264", "audio": "alaw", "motion_period": 60, "motion_on": 10},
    {"label": "Demo 2 - Parking", "codec": "h264", "audio": "none", "motion_period": 90, "motion_on": 15},
    {"label": "Demo 3 - Lobby", "codec": "h265", "audio": "none", "motion_period": 120, "motion_on": 20},
    {"label": "Demo 4 - Back door", "codec": "h264", "audio": "aac", "motion_period": 45, "motion_on": 5},
]


def demo_account(sessions, data) -> None:
    """The demo site's administrator, "demo", with a random password the client of the same
    OS user reads from the data dir (0600) to log in by itself: a newcomer sees the grid at
    once, and the demo goes through the same login and audit trail as a real site."""
    import json
    import secrets

    from recorder.cameras.credentials import write_private
    from recorder.users.accounts import Accounts
    from vms_api.errors import ErrorCode
    from vms_api.roles import Role

    accounts = Accounts(sessions)
    password = secrets.token_urlsafe(18)
    try:
        accounts.add(DEMO_USER, Role.ADMIN, password)
    except RecorderError as e:
        if e.code != ErrorCode.USER_EXISTS:
            raise
        accounts.update(DEMO_USER, password=password)  # a new password each start: the file is the only copy
    data.demo_login_file.unlink(missing_ok=True)
    write_private(data.demo_login_file, json.dumps({"username": DEMO_USER, "password": password}).encode())


@contextmanager
def demo_site(args, data):
    """Start demo cameras and point the index's demo cameras at them, for as long as the
    recorder runs; the caller records (the CLI's run command)."""
    from recorder.cameras.config import add_camera
    from recorder.cameras.credentials import Vault
    from recorder.index.db import database_url, open_index
    from recorder.index.models import Camera

    data.create()
    sessions = open_index(args.db_url or database_url(data.db_file))
    vault = Vault(data.secret_file)
    cams = []
    try:
        for i in range(args.cameras):
            spec = DEMO_SET[i % len(DEMO_SET)]
            name = spec["label"] if i < len(DEMO_SET) else f"{spec['label']} ({i + 1})"
            options = {k: v for k, v in spec.items() if k != "label"}
            cam = DemoCamera(port=0, label=name, sub_path="/sub", **options)
            cam.start()
            cams.append(cam)
            with sessions.begin() as s:
                row = s.scalar(select(Camera).where(Camera.name == name, Camera.removed_at.is_(None)))
                if row is None:
                    add_camera(s, vault, name=name, url=cam.url, sub_url=cam.url.replace("/cam", "/sub"))
                else:  # ports change from run to run
                    row.url, row.sub_url = cam.url, cam.url.replace("/cam", "/sub")
            print(f"demo camera {name}: {cam.url}", flush=True)
        demo_account(sessions, data)
        args.api_host, args.api_port = "127.0.0.1", 0
        yield
    finally:
        for cam in cams:
            cam.stop()
