"""Driving the real recorder process from tests and benchmarks, and helpers the tests share."""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests
from sqlalchemy import insert

from recorder.index.db import database_url, open_index
from recorder.index.models import Camera, Segment
from recorder.paths import DataDir
from vms_api import models as m
from vms_api.client import RecorderClient
from vms_desktop.events.rows import EventRow

LOCAL = "http://127.0.0.1"  # the API answers only Host headers naming its own address


def wait_for(predicate, timeout: float, interval: float = 0.25, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def cli(data_dir: Path, *args: str, check: bool = True, input: str | None = None) -> subprocess.CompletedProcess:
    out = subprocess.run([sys.executable, "-m", "recorder.cli", "--data-dir", str(data_dir), *args],
                         capture_output=True, text=True, timeout=60, input=input)
    if check and out.returncode != 0:
        raise AssertionError(f"vms-recorder {' '.join(args)} failed: {out.stderr}")
    return out


def cli_json(data_dir: Path, *args: str):
    return json.loads(cli(data_dir, "--json", *args).stdout)


def ffmpeg_pids(data_dir: Path, recording_only: bool = False) -> list[int]:
    """FFmpeg processes writing into this data dir, zombies included; recording_only: the
    cameras' recording FFmpegs, not the short ones that grab a segment's last picture."""
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            argv = (proc / "cmdline").read_bytes().decode(errors="replace").split("\0")
        except OSError:
            continue
        if Path(argv[0]).name == "ffmpeg" and any(str(data_dir) in a for a in argv) \
                and (not recording_only or "-progress" in argv):
            pids.append(int(proc.name))
    return pids


def decodes(path: Path) -> bool:
    out = subprocess.run(["ffmpeg", "-v", "error", "-xerror", "-i", str(path), "-f", "null", "-"],
                         capture_output=True, text=True, timeout=120)
    return out.returncode == 0


class RecorderProcess:
    def __init__(self, data_dir: Path, segment_seconds: int = 4, extra: tuple[str, ...] = (),
                 backoff_max: float = 2):
        self.data_dir = data_dir
        self.data = DataDir(data_dir)
        self.args = ["run", "--segment-seconds", str(segment_seconds), "--backoff-max", str(backoff_max), *extra]
        self.proc: subprocess.Popen | None = None
        self.log_path = data_dir / "test-recorder.out"

    def start(self) -> RecorderProcess:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        # windows of two fragments: a player crosses windows within the tests' short segments
        env = dict(os.environ, VMS_ALLOW_SHORT_SEGMENTS="1", VMS_WINDOW_FRAGMENTS="2")
        self._log = open(self.log_path, "a")
        self.proc = subprocess.Popen([sys.executable, "-m", "recorder.cli", "--data-dir", str(self.data_dir),
                                      *self.args], stdout=self._log, stderr=subprocess.STDOUT, env=env)
        wait_for(lambda: self.runtime() or self.proc.poll() is not None, 30, what="recorder start")
        assert self.proc.poll() is None, self.log()
        return self

    def runtime(self) -> dict | None:
        try:
            info = json.loads(self.data.runtime_file.read_text())
        except (FileNotFoundError, ValueError):
            return None
        return info if info.get("pid") == self.proc.pid else None

    @property
    def base(self) -> str:
        rt = self.runtime()
        return f"http://127.0.0.1:{rt['port']}"

    @property
    def token(self) -> str:
        return self.data.token_file.read_text().strip()

    def api(self, method: str, path: str, **kw) -> requests.Response:
        headers = kw.pop("headers", {"Authorization": f"Bearer {self.token}"})
        kw.setdefault("timeout", 15)
        return requests.request(method, self.base + path, headers=headers, **kw)

    @property
    def client(self) -> RecorderClient:
        """The shared API client, for tests that want answers rather than HTTP responses."""
        return RecorderClient(self.base, self.token, timeout=15)  # typed: answers are the contract's models

    def desktop_api(self, name: str = "guard", role: str = "admin", cameras: list[int] | None = None):
        """The desktop's client of this recorder, logged in as a user (made now unless there
        is one of that name): the desktop never calls with the data dir's token."""
        from vms_desktop.recorder_link import RecorderApi

        api = RecorderApi(self.data)
        api.login(*self.add_user(name, role, cameras))
        return api

    def add_user(self, name: str = "guard", role: str = "admin", cameras: list[int] | None = None) -> tuple[str, str]:
        """An account on this recorder (kept if there is one of that name): its name and password."""
        r = self.api("POST", "/api/users", json={"name": name, "role": role, "password": PASSWORD, "cameras": cameras})
        assert r.status_code == 201 or r.json().get("code") == "user_exists", r.text
        return name, PASSWORD

    def camera_status(self, camera_id: int) -> dict:
        status = RecorderClient(self.base, self.token, typed=False).status(timeout=15)
        return next(c for c in status["cameras"] if c["id"] == camera_id)

    def segments(self, camera_id: int) -> list[dict]:
        return cli_json(self.data_dir, "segments", "--camera", str(camera_id), "--from", "2000-01-01T00:00:00")

    def events(self, camera_id: int, motion: bool = False) -> list[dict]:
        """The camera's events; motion ones only when asked (the demo pictures move all the time)."""
        rows = cli_json(self.data_dir, "events", "--camera", str(camera_id), "--from", "2000-01-01T00:00:00")
        return [e for e in rows if motion or e["kind"] != "motion"]

    def stop(self, sig=signal.SIGTERM, timeout: float = 30) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(timeout)
        self._log.close()
        return self.proc.returncode

    def log(self) -> str:
        return self.log_path.read_text() if self.log_path.exists() else ""


def footage_written(rec: RecorderProcess, camera_id: int, seconds: float) -> bool:
    """At least this much video of the camera's current file has reached the disk (its last
    write, against the start the recorder measured for it)."""
    row = rec.camera_status(camera_id)
    path, start = row.get("current_file"), row.get("current_start")
    try:
        return bool(path and start) and os.stat(path).st_mtime - datetime.fromisoformat(start).timestamp() >= seconds
    except FileNotFoundError:
        return False


def motion_windows(t0: float, t1: float, period: float, on: float) -> list[tuple[float, float]]:
    """The demo camera's motion windows (epoch seconds) lying wholly inside [t0, t1]."""
    first = (int(t0 // period) + 1) * period
    return [(a, a + on) for a in frange(first, t1 - on, period)]


def frange(a: float, b: float, step: float):
    while a <= b:
        yield a
        a += step


def score_motion(events: list[dict], period: float, on: float, t0: float, t1: float, slack: float) -> dict:
    """Precision: share of the motion events starting inside [t0, t1] that overlap a true
    window (widened by slack on each side; windows cut by t0 or t1 count); recall: share of the
    windows wholly inside [t0, t1] that some event overlaps. Start and end errors are of the
    events overlapping each such window (an end only once the event is closed: one still
    open at t1 has no end to compare yet)."""
    windows = motion_windows(t0, t1, period, on)
    every = motion_windows(t0 - 2 * period, t1 + 2 * period, period, on)
    spans = []
    for ev in events:
        start = datetime.fromisoformat(ev["start"]).timestamp()
        end = datetime.fromisoformat(ev["end"]).timestamp() if ev["end"] else None
        if t0 <= start <= t1:
            spans.append((start, end))
    spans = [(s, e if e is not None else math.inf, e is not None) for s, e in spans]
    hit = [any(s <= b + slack and e >= a - slack for a, b in every) for s, e, _ in spans]
    found, start_err, end_err = 0, [], []
    for a, b in windows:
        mine = [(s, e, closed) for s, e, closed in spans if s <= b + slack and e >= a - slack]
        if mine:
            found += 1
            start_err.append(mine[0][0] - a)
            if mine[-1][2]:
                end_err.append(mine[-1][1] - b)
    return {"events": len(spans), "windows": len(windows),
            "precision": round(sum(hit) / len(spans), 3) if spans else None,
            "recall": round(found / len(windows), 3) if windows else None,
            "start_errors": [round(x, 2) for x in start_err], "end_errors": [round(x, 2) for x in end_err]}


def all_recording(rec: RecorderProcess) -> bool:
    return all(c["state"] == "recording" for c in rec.api("GET", "/api/status").json()["cameras"])


# -- the control API in-process (the recorder and client fixtures in conftest.py) -----------------

def new_camera(client, **kw) -> dict:
    body = {"name": "Gate", "url": "rtsp://127.0.0.1:1/cam", "enabled": False} | kw
    r = client.post("/api/cameras", json=body)
    assert r.status_code == 201, r.text
    return r.json()


# -- operators, on an in-process recorder ------------------------------------------------------------

PASSWORD = "correct horse battery"


def api(recorder, address: str = "127.0.0.1"):
    """The in-process recorder's API as a client at that address, with no token yet."""
    from fastapi.testclient import TestClient

    from recorder.api.app import create_app

    return TestClient(create_app(recorder), base_url=LOCAL, client=(address, 50000), raise_server_exceptions=False)


def login(recorder, name: str, password: str = PASSWORD):
    c = api(recorder)
    r = c.post("/api/login", json={"username": name, "password": password})
    assert r.status_code == 200, r.text
    c.headers["Authorization"] = f"Bearer {r.json()['token']}"
    return c


def add_user(client, name: str, role: str, cameras=None) -> dict:
    r = client.post("/api/users", json={"name": name, "role": role, "password": PASSWORD, "cameras": cameras})
    assert r.status_code == 201, r.text
    return r.json()


def code(r) -> str:
    return r.json()["code"]


# -- the contract's answers, built by hand for the client's units --------------------------------------
# Each fills what a real answer always carries; a test names only what it is about.

def camera_status(cid: int, state: str = "recording", **kw) -> m.CameraStatus:
    return m.CameraStatus(**{"id": cid, "name": f"cam {cid}", "state": state, "enabled": True,
                             "has_substream": False, "recorded_bytes": 0, "motion_active": False} | kw)


def camera(cid: int = 1, name: str = "Gate", **kw) -> m.CameraStatus:
    """A camera as the main window hands it to the player and the clip dialog."""
    return camera_status(cid, name=name, **kw)


def event_row(start: datetime, kind: str = "motion", end: datetime | None = None, label: str | None = None,
              eid: int = 1, **kw) -> EventRow:
    return EventRow(**{"id": eid, "camera_id": 1, "kind": kind, "start": start, "end": end, "label": label,
                       "confidence": None, "has_snapshot": False} | kw)


def event(eid: int, camera_id: int | None = 1, **kw) -> m.Event:
    return m.Event(**{"id": eid, "camera_id": camera_id, "kind": "motion", "start": "2025-01-09T10:00:00+00:00",
                      "has_snapshot": False} | kw)


def expiring(camera_id: int, day: str, **kw) -> m.Expiring:
    return m.Expiring(**{"camera_id": camera_id, "camera_name": f"cam {camera_id}", "date": day, "bytes": 0,
                         "deleted_at": f"{day}T03:00:00+00:00"} | kw)


def clip(cid: int = 1, **kw) -> m.Clip:
    return m.Clip(**{"id": cid, "camera_id": 1, "camera_name": "Gate", "start": "2025-01-09T10:00:00+00:00",
                     "end": "2025-01-09T10:01:00+00:00", "requested_start": "2025-01-09T10:00:00+00:00",
                     "requested_end": "2025-01-09T10:01:00+00:00", "duration": 60.0, "name": f"clip {cid}",
                     "path": f"clips/{cid}.mp4", "bytes": 1000, "created_at": "2025-01-09T10:05:00+00:00",
                     "state": "ready", "progress": 1.0, "missing": []} | kw)


# -- an index filled by hand ------------------------------------------------------------------------

def fill_segments(data: DataDir, days: int, cameras: int, hours: int = 24) -> None:
    """Hour-long segments (tiny files) for every camera, from `days` ago up to now."""
    data.create()
    sessions = open_index(database_url(data.db_file))
    now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    rows = []
    for c in range(1, cameras + 1):
        for h in range(days * hours):
            start = now - timedelta(hours=h + 1)
            rel = f"recordings/cam_{c}/{start.astimezone():%Y-%m-%d/%H-%M-%S}.mp4"
            path = data.absolute(rel)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"x" * 100)
            rows.append({"camera_id": c, "start": start, "end": start + timedelta(seconds=3599), "path": rel,
                         "bytes": 100, "video_codec": "h264", "deleting": False})
    with sessions.begin() as s:
        s.execute(insert(Camera), [{"id": c, "name": f"cam {c}", "url": "rtsp://127.0.0.1:9/x", "enabled": False}
                                   for c in range(1, cameras + 1)])
        s.execute(insert(Segment), rows)


# -- what is on the screen (Qt is imported only by the tests that draw) -------------------------------

def grab(widget):
    """What is on the screen where the widget is (libVLC's window included), as a QImage."""
    from PySide6.QtGui import QGuiApplication, QImage

    top_left = widget.mapToGlobal(widget.rect().topLeft())
    shot = QGuiApplication.primaryScreen().grabWindow(0, top_left.x(), top_left.y(), widget.width(), widget.height())
    return shot.toImage().convertToFormat(QImage.Format_RGB32)


def drawn_clock(shot, video, window, near: float) -> float | None:
    """The instant a --timecode camera drew on the picture a video area shows, read off a
    screenshot of the window holding it (the 16:9 picture fitted in the area, as libVLC does)."""
    from recorder.demo import read_timecode

    origin = video.mapTo(window, video.rect().topLeft())
    w, h = video.width(), video.height()
    pw, ph = (h * 16 / 9, h) if w / h > 16 / 9 else (w, w * 9 / 16)
    x0, y0 = origin.x() + (w - pw) / 2, origin.y() + (h - ph) / 2
    return read_timecode(lambda x, y: (shot.pixel(int(x0 + x), int(y0 + y)) >> 8) & 255, int(pw), int(ph), near)


def tile_clocks(win, tiles=None) -> list[float | None]:
    """Each synchronized tile's drawn clock, from one screenshot; None where it reads as nothing
    or as another day (one wrong bit of the Gray code: a frame grabbed while being drawn)."""
    shot, near = grab(win), win.now().timestamp()
    read = [drawn_clock(shot, t.video, win, near) for t in (tiles or win.tiles)]
    return [c if c is not None and abs(c - near) < 5 else None for c in read]


def changed_fraction(a, b, step: int = 4) -> float:
    """Share of pixels that differ between two images."""
    diff = total = 0
    for y in range(0, min(a.height(), b.height()), step):
        for x in range(0, min(a.width(), b.width()), step):
            total += 1
            diff += a.pixel(x, y) != b.pixel(x, y)
    return diff / max(total, 1)


def pixel_share(img, test, step: int = 4) -> float:
    """Share of pixels (every step-th, both ways) whose QColor passes the test."""
    hits = total = 0
    for y in range(0, img.height(), step):
        for x in range(0, img.width(), step):
            total += 1
            hits += bool(test(img.pixelColor(x, y)))
    return hits / max(total, 1)


def lit_fraction(img, step: int = 4) -> float:
    """Share of pixels that are not (nearly) black."""
    return pixel_share(img, lambda c: c.red() + c.green() + c.blue() > 60, step)


def red_share(img, step: int = 2) -> float:
    """Share of pixels of the alarm red (#ff3b30 and the banner's dark red)."""
    return pixel_share(img, lambda c: c.red() > 90 and c.red() > 2 * c.green() + 20 and c.red() > 2 * c.blue() + 20,
                       step)
