"""No request to the recorder blocks the GUI thread: against a real HTTP server that holds its
answer until the test lets it go, the window's event loop keeps turning (a QTimer counts),
and the answer still arrives and is shown."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import filelock
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from vms_api.local import DataDir

CAMERA = {"id": 1, "name": "Gate", "url": "rtsp://10.0.0.5/stream", "sub_url": None, "username": None,
          "has_password": False, "enabled": True, "retention_days": None, "compress_after_days": None,
          "motion_enabled": True, "motion_sensitivity": 50, "motion_mask": []}


class SlowRecorder:
    """A stand-in recorder on a real socket. Each request named in `held` waits until
    release(path) is called; `asked` lists what was asked, in order."""

    def __init__(self, data: DataDir, held: set[str]):
        self.data, self.held, self.asked = data, held, []
        self.gates = {path: threading.Event() for path in held}
        self.camera = dict(CAMERA)
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args):
                pass

            def _answer(self, body, status: int = 200) -> None:
                key = f"{self.command} {self.path.split('?')[0]}"
                owner.asked.append(key)
                if key in owner.gates:
                    owner.gates[key].wait(30)
                raw = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def do_GET(self):
                if self.path == "/api/cameras/1":
                    self._answer(owner.camera)
                else:
                    self._answer({"code": "not_found", "params": {}, "detail": "not found"}, 404)

            def do_PATCH(self):
                fields = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                owner.camera.update({k: v for k, v in fields.items() if k in owner.camera})
                self._answer(owner.camera)

            def do_POST(self):
                if self.path == "/api/shutdown":
                    self._answer({"stopping": True})
                    owner.stop_running()
                else:
                    self._answer({"code": "not_found", "params": {}, "detail": "not found"}, 404)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        # What a running recorder leaves in its data dir: its lock held, the runtime file, the token.
        data.root.mkdir(parents=True, exist_ok=True)
        self.lock = filelock.FileLock(str(data.lock_file))
        self.lock.acquire()
        data.token_file.write_text("t0ken\n")
        data.runtime_file.write_text(json.dumps({"pid": 1, "host": "127.0.0.1", "port": self.server.server_port}))
        self.thread.start()

    def waiting(self, key: str) -> bool:
        return key in self.asked

    def release(self, key: str) -> None:
        self.gates[key].set()

    def stop_running(self) -> None:
        self.data.runtime_file.unlink(missing_ok=True)
        self.lock.release()

    def close(self) -> None:
        for gate in self.gates.values():
            gate.set()
        self.server.shutdown()
        self.server.server_close()
        if self.lock.is_locked:
            self.lock.release()


@pytest.fixture
def slow(tmp_path):
    made = []

    def make(*held: str) -> SlowRecorder:
        made.append(SlowRecorder(DataDir(tmp_path / "data"), set(held)))
        return made[-1]

    yield make
    for server in made:
        server.close()


@pytest.fixture
def window(qtbot, tmp_path):
    from vms_desktop.main_window import MainWindow
    from vms_desktop.recorder_link import RecorderSupervisor
    from vms_desktop.settings import client_settings

    sup = RecorderSupervisor(DataDir(tmp_path / "data"))  # not started: no status polling, only what the test does
    win = MainWindow(sup, client_settings())
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.fixture
def ticks(qtbot):
    """How often the GUI thread's event loop came round (every 20 ms while it is free)."""
    count = [0]
    timer = QTimer()
    timer.timeout.connect(lambda: count.__setitem__(0, count[0] + 1))
    timer.start(20)
    yield lambda: count[0]
    timer.stop()


def test_editing_a_camera_waits_for_the_recorder_off_the_gui_thread(qtbot, slow, window, ticks):
    server = slow("GET /api/cameras/1", "PATCH /api/cameras/1")
    window.edit_camera(1)
    qtbot.waitUntil(lambda: server.waiting("GET /api/cameras/1"), timeout=5000)
    now = ticks()
    qtbot.waitUntil(lambda: ticks() >= now + 10, timeout=5000)  # the loop turns while the recorder thinks
    assert window.camera_dialog is None
    assert window.statusBar().currentMessage() == "Loading the camera's settings…"
    server.release("GET /api/cameras/1")
    qtbot.waitUntil(lambda: window.camera_dialog is not None and window.camera_dialog.isVisible(), timeout=5000)
    dialog = window.camera_dialog
    assert dialog.name.text() == "Gate" and dialog.url.text() == CAMERA["url"]  # the answer, shown
    assert window.statusBar().currentMessage() == ""

    dialog.name.setText("Front gate")
    dialog.save()
    qtbot.waitUntil(lambda: server.waiting("PATCH /api/cameras/1"), timeout=5000)
    now = ticks()
    qtbot.waitUntil(lambda: ticks() >= now + 10, timeout=5000)
    assert dialog.isVisible() and not dialog.buttons.isEnabled()  # saving, and saying so
    server.release("PATCH /api/cameras/1")
    qtbot.waitUntil(lambda: window.camera_dialog is None, timeout=5000)
    assert server.camera["name"] == "Front gate"


def test_quit_and_stop_recording_keeps_the_window_alive_until_the_recorder_stopped(qtbot, slow, window, ticks,
                                                                                     monkeypatch):
    server = slow("POST /api/shutdown")
    monkeypatch.setattr(QMessageBox, "warning", lambda *_a, **_k: QMessageBox.Yes)  # the guard said yes
    window.quit_and_stop()
    qtbot.waitUntil(lambda: server.waiting("POST /api/shutdown"), timeout=5000)
    now = ticks()
    qtbot.waitUntil(lambda: ticks() >= now + 10, timeout=5000)
    assert window.isVisible() and window.state_label.text() == "Stopping the recorder…"
    server.release("POST /api/shutdown")
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)  # closed once the recorder was gone
    assert not server.data.runtime_file.exists()
