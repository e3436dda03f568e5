"""Real parts: GStreamer RTSP cameras, the real recorder process, real FFmpeg and SQLite."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from recorder.api.app import create_app
from recorder.capture.camera_recorder import CaptureSettings
from recorder.demo import DemoCamera
from recorder.paths import DataDir
from recorder.service import ApiSettings, Recorder
from tests.harness import LOCAL, PASSWORD, RecorderProcess, camera, cli, cli_json, decodes, ffmpeg_pids, wait_for  # noqa: F401


def pytest_configure(config):
    """Qt tests draw on a real X server: Xvfb when there is no display. libVLC's video only
    shows on a real window system, and one platform for the whole run keeps it simple."""
    if os.environ.get("DISPLAY") or not shutil.which("Xvfb"):
        return
    read, write = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1600x900x24", "-nolisten", "tcp"],
                            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as f:
        display = f.readline().strip()
    os.environ["DISPLAY"] = f":{display}"
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    config._vms_xvfb = proc


def pytest_unconfigure(config):
    proc = getattr(config, "_vms_xvfb", None)
    if proc is not None:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(autouse=True)
def client_settings_dir(tmp_path, monkeypatch):
    """Each test has its own client settings (layout, window, language)."""
    monkeypatch.setenv("VMS_CONFIG_DIR", str(tmp_path / "config"))


@pytest.fixture
def recorder(tmp_path):
    """A real recorder object on a real SQLite index, its API called in-process; no cameras run."""
    rec = Recorder(DataDir(tmp_path / "data"), CaptureSettings(), ApiSettings())
    yield rec
    rec.shutdown()


@pytest.fixture
def client(recorder):
    """That recorder's API, with its token."""
    c = TestClient(create_app(recorder), base_url=LOCAL, raise_server_exceptions=False)
    c.headers["Authorization"] = f"Bearer {recorder.token}"
    return c


@pytest.fixture
def camera_factory():
    cams: list[DemoCamera] = []

    def make(**options) -> DemoCamera:
        cam = DemoCamera(**options)
        cam.start()
        cams.append(cam)
        return cam

    yield make
    for cam in cams:
        try:
            cam.resume()
        except (OSError, TypeError, AttributeError):
            pass
        cam.stop()


@pytest.fixture
def recorder_factory(tmp_path):
    procs: list[RecorderProcess] = []

    def make(data_dir: Path | None = None, **kw) -> RecorderProcess:
        rec = RecorderProcess(data_dir or tmp_path / "data", **kw)
        procs.append(rec)
        return rec

    yield make
    for rec in procs:
        if rec.proc and rec.proc.poll() is None:
            rec.stop()
    for rec in procs:
        leftover = ffmpeg_pids(rec.data_dir)
        assert not leftover, f"FFmpeg left running: {leftover}"


@pytest.fixture
def recording(tmp_path, camera_factory, recorder_factory):
    """A camera drawing its clock (recorder.demo.read_timecode), recorded into 4 s segments
    until six are closed."""
    cam = camera_factory(timecode=True, fps=15, gop_seconds=1)
    data = tmp_path / "data"
    # Motion off: the scrolling picture would put a motion event over the whole recording.
    cli(data, "camera", "add", "--name", "Gate", "--url", cam.url, "--motion", "off")
    rec = recorder_factory(data, segment_seconds=4).start()
    wait_for(lambda: len(rec.segments(1)) >= 6, 90, 1, "six closed segments")
    return rec


@pytest.fixture
def player(qtbot, recording):
    """The playback window of that camera, shown and playing (at the live edge)."""
    from vms_desktop.playback.player_window import PlayerWindow

    win = PlayerWindow(camera(), recording.desktop_api())
    qtbot.addWidget(win)
    win.resize(960, 720)
    with qtbot.waitExposed(win):
        win.show()
    qtbot.waitUntil(lambda: win.engine.now() is not None, timeout=20_000)
    return win  # qtbot closes it


@pytest.fixture
def window_for(qtbot):
    """A running client's main window on a data dir (its recorder started if need be), logged
    in; a second call opens another workstation on the same site."""
    made = []

    def make(data_dir):
        from vms_desktop.main_window import MainWindow
        from vms_desktop.recorder_link import RecorderSupervisor
        from vms_desktop.settings import client_settings

        # the recorder the window starts has this account: the window logs in as it, as
        # `vms-desktop --user guard` with VMS_PASSWORD does
        cli(data_dir, "user", "add", "guard", "--role", "admin", "--password-stdin", input=PASSWORD + "\n",
            check=False)  # kept when a test opens a second window on the same site
        sup = RecorderSupervisor(DataDir(data_dir), user="guard", password=PASSWORD)
        win = MainWindow(sup, client_settings())
        qtbot.addWidget(win)
        made.append((sup, win))
        sup.start()
        win.show()
        return sup, win

    yield make
    for sup, win in made:
        sup.stop_recording()
        sup.close()
        win.close()
        assert not ffmpeg_pids(sup.data.root)


@pytest.fixture
def site(recorder_factory, tmp_path):
    """A recorder with two cameras (not recording) and the desktop's client as the admin 'guard'."""
    rec = recorder_factory(tmp_path / "data").start()
    for name in ("Gate", "Yard"):
        r = rec.api("POST", "/api/cameras", json={"name": name, "url": "rtsp://127.0.0.1:9/x", "enabled": False})
        assert r.status_code == 201, r.text
    return rec, rec.desktop_api()
