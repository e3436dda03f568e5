"""The control API against hostile input: huge ids, absurd dates, a live view that can never
start, credentials sent where they do not belong, foreign Host headers, loose tokens."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from recorder import api as api_module
from recorder.api import create_app
from recorder.capture import CaptureSettings
from recorder.paths import DataDir
from recorder.service import ApiSettings, Recorder

BIG = 2**63  # one past SQLite's largest integer


@pytest.fixture
def recorder(tmp_path):
    rec = Recorder(DataDir(tmp_path / "data"), CaptureSettings(), ApiSettings())
    yield rec
    rec.shutdown()


@pytest.fixture
def client(recorder):
    c = TestClient(create_app(recorder), base_url="http://127.0.0.1", raise_server_exceptions=False)
    c.headers["Authorization"] = f"Bearer {recorder.token}"
    return c


def new_camera(client, **kw) -> dict:
    body = {"name": "Gate", "url": "rtsp://127.0.0.1:1/cam", "enabled": False} | kw
    r = client.post("/api/cameras", json=body)
    assert r.status_code == 201, r.text
    return r.json()


def refused(r, code: int | tuple[int, ...], *words: str) -> None:
    codes = code if isinstance(code, tuple) else (code,)
    assert r.status_code in codes, (r.status_code, r.text)
    detail = r.json()["detail"]
    assert isinstance(detail, str) and all(w.lower() in detail.lower() for w in words), detail


# -- ids and dates ----------------------------------------------------------------------------

HUGE_IDS = [
    ("get", f"/api/cameras/{BIG}", None, "camera_id"),
    ("patch", f"/api/cameras/{BIG}", {"name": "x"}, "camera_id"),
    ("delete", f"/api/cameras/{BIG}", None, "camera_id"),
    ("post", f"/api/cameras/{BIG}/start", None, "camera_id"),
    ("get", f"/api/cameras/{BIG}/snapshot", None, "camera_id"),
    ("get", f"/api/cameras/{BIG}/live", None, "camera_id"),
    ("get", f"/api/recordings?camera_id={BIG}", None, "camera_id"),
    ("get", f"/api/recordings/days?camera_id={BIG}", None, "camera_id"),
    ("get", f"/api/events?camera_id={BIG}", None, "camera_id"),
    ("get", f"/api/events/{BIG}/snapshot", None, "event_id"),
    ("get", f"/api/storage/cleanup?camera_id={BIG}", None, "camera_id"),
    ("delete", f"/api/recordings/day?camera_id={BIG}&day=2024-01-01", None, "camera_id"),
    ("get", f"/api/clips?camera_id={BIG}", None, "camera_id"),
    ("get", f"/api/clips/{BIG}", None, "clip_id"),
    ("patch", f"/api/clips/{BIG}", {"name": "x"}, "clip_id"),
    ("delete", f"/api/clips/{BIG}", None, "clip_id"),
    ("get", f"/api/clips/{BIG}/file", None, "clip_id"),
    ("post", "/api/clips", {"camera_id": BIG, "start": "2024-01-01T00:00:00Z", "end": "2024-01-01T00:01:00Z",
                            "name": "x"}, "camera_id"),
    ("post", "/api/events", {"camera_id": BIG, "time": "2024-01-01T00:00:00Z", "kind": "plate"}, "camera_id"),
    ("post", "/api/probe", {"url": "rtsp://127.0.0.1:1/x", "camera_id": BIG}, "camera_id"),
]


@pytest.mark.parametrize("method,path,body,field", HUGE_IDS, ids=[f"{m} {p}" for m, p, _b, _f in HUGE_IDS])
def test_ids_beyond_64_bits_get_a_4xx(client, method, path, body, field):
    new_camera(client)
    r = client.request(method.upper(), path, json=body)
    refused(r, 422, field)


def test_ids_of_zero_or_less_name_the_field(client):
    refused(client.get("/api/cameras/0"), 422, "camera_id")
    refused(client.get("/api/recordings/days?camera_id=-1"), 422, "camera_id")


Y1, Y9999 = "0001-01-01T00:00:00", "9999-12-31T23:59:59"
ODD_DATES = [
    ("get", f"/api/events?start={Y1}", None, "start"),
    ("get", f"/api/events?end={Y1}", None, "end"),
    ("get", f"/api/events?start={Y9999}", None, "start"),
    ("get", f"/api/events?end={Y9999}", None, "end"),
    ("get", f"/api/recordings?camera_id=1&start={Y1}", None, "start"),
    ("get", f"/api/recordings?camera_id=1&end={Y9999}", None, "end"),
    ("get", f"/api/storage/cleanup?start={Y1}", None, "start"),
    ("get", f"/api/storage/cleanup?end={Y9999}-14:00", None, "end"),
    ("delete", "/api/recordings/day?camera_id=1&day=0001-01-01", None, "day"),
    ("delete", "/api/recordings/day?camera_id=1&day=9999-12-31", None, "day"),
    ("post", "/api/clips", {"camera_id": 1, "start": Y1, "end": "0001-01-01T00:01:00", "name": "x"}, "start"),
    ("post", "/api/clips", {"camera_id": 1, "start": "2024-01-01T00:00:00Z", "end": Y9999, "name": "x"}, "end"),
    ("post", "/api/events", {"camera_id": 1, "time": Y1, "kind": "plate"}, "time"),
    ("post", "/api/events", {"camera_id": 1, "time": "2024-01-01T00:00:00Z", "end": Y9999, "kind": "plate"}, "end"),
]


@pytest.mark.parametrize("method,path,body,field", ODD_DATES, ids=[f"{m} {p} {b}" for m, p, b, _f in ODD_DATES])
def test_dates_in_year_1_or_9999_get_a_4xx(client, method, path, body, field):
    new_camera(client)
    r = client.request(method.upper(), path, json=body)
    refused(r, 422, field, "2000")


def test_dates_of_this_century_still_work(client):
    cam = new_camera(client)
    assert client.get("/api/events", params={"start": "2000-01-01T00:00:00", "end": "2099-12-31T00:00:00"}).json() == []
    r = client.delete("/api/recordings/day", params={"camera_id": cam["id"], "day": "2024-02-29"})
    assert r.status_code == 200 and r.json()["deleted"] == 0, r.text
    r = client.post("/api/events", json={"camera_id": cam["id"], "time": "2024-01-01T00:00:00Z", "kind": "plate"})
    assert r.status_code == 201, r.text


# -- live view that cannot start -----------------------------------------------------------------

def test_live_view_of_a_disabled_camera_is_refused_at_once(client):
    cam = new_camera(client, enabled=False)
    t0 = time.monotonic()
    refused(client.get(f"/api/cameras/{cam['id']}/live"), 409, f"camera {cam['id']} is disabled")
    assert time.monotonic() - t0 < 3
    cam = new_camera(client, enabled=False, sub_url="rtsp://127.0.0.1:1/sub")
    refused(client.get(f"/api/cameras/{cam['id']}/live?stream=sub"), 409, "disabled")


def test_live_view_that_sends_nothing_ends_with_a_4xx(client, monkeypatch):
    """An enabled camera that never sends video (down, or its recorder not running): the
    viewer is told so after a while instead of waiting for ever."""
    monkeypatch.setattr(api_module, "LIVE_FIRST_DATA_SECONDS", 1.0)
    cam = new_camera(client, enabled=True)  # nothing records it: this recorder object is not running
    t0 = time.monotonic()
    r = client.get(f"/api/cameras/{cam['id']}/live", timeout=10)
    refused(r, 409, "no live video")
    assert time.monotonic() - t0 < 5
    # nobody is left watching
    assert client.get("/api/status").json()["live_viewers"] == {}
