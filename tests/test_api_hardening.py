"""The control API against hostile input: huge ids, absurd dates, a live view that can never
start, credentials sent where they do not belong, foreign Host headers, loose tokens."""

from __future__ import annotations

import socket
import threading
import time

import pytest
import requests
from fastapi.testclient import TestClient

from recorder.api import live as live_module
from recorder.api.app import create_app
from tests.harness import new_camera

BIG = 2**63  # one past SQLite's largest integer


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
    monkeypatch.setattr(live_module, "LIVE_FIRST_DATA_SECONDS", 1.0)
    cam = new_camera(client, enabled=True)  # nothing records it: this recorder object is not running
    t0 = time.monotonic()
    r = client.get(f"/api/cameras/{cam['id']}/live", timeout=10)
    refused(r, 409, "no live video")
    assert time.monotonic() - t0 < 5
    # nobody is left watching
    assert client.get("/api/status").json()["live_viewers"] == {}


# -- probe: stored credentials only go to the camera's own address ---------------------------

class RtspTrap:
    """A listener on 127.0.0.1 that asks every RTSP request for Basic and Digest
    credentials, and keeps every byte it is sent."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.received = bytearray()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        buf = b""
        with conn:
            while not self._stop.is_set():
                try:
                    data = conn.recv(65536)
                except OSError:
                    return
                if not data:
                    return
                self.received += data
                buf += data
                while b"\r\n\r\n" in buf:
                    head, buf = buf.split(b"\r\n\r\n", 1)
                    cseq = next((line.split(b":", 1)[1].strip() for line in head.split(b"\r\n")
                                 if line.lower().startswith(b"cseq:")), b"1")
                    conn.sendall(b"RTSP/1.0 401 Unauthorized\r\nCSeq: " + cseq + b"\r\n"
                                 b'WWW-Authenticate: Basic realm="trap"\r\n\r\n')

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


@pytest.fixture
def trap():
    t = RtspTrap()
    yield t
    t.close()


def test_probe_never_sends_a_stored_password_to_another_address(client, trap):
    import base64

    secret = "s3cret-Pa55"
    cam = new_camera(client, url="rtsp://127.0.0.1:1/cam", username="admin", password=secret)
    elsewhere = [f"rtsp://127.0.0.1:{trap.port}/cam",          # another port
                 f"rtsp://localhost:{trap.port}/cam",          # another host name
                 f"rtsp://admin@127.0.0.1:{trap.port}/cam"]    # a user in the URL, still no password
    for url in elsewhere:
        for username in (None, "admin"):
            r = client.post("/api/probe", json={"url": url, "username": username, "camera_id": cam["id"]},
                            timeout=20)
            if r.status_code == 200:
                assert r.json()["ok"] is False, r.text
            else:
                refused(r, 400, "password")
    sent = bytes(trap.received)
    for leak in (secret.encode(), base64.b64encode(f"admin:{secret}".encode()),
                 base64.b64encode(secret.encode())):
        assert leak not in sent, sent
    # A password typed for the test goes where it is meant to, as before.
    r = client.post("/api/probe", json={"url": f"rtsp://127.0.0.1:{trap.port}/cam", "username": "admin",
                                        "password": "typed", "camera_id": cam["id"]}, timeout=20)
    assert r.status_code == 200 and r.json()["ok"] is False, r.text
    assert base64.b64encode(b"admin:typed") in bytes(trap.received)


@pytest.mark.parametrize("a,b,same", [
    ("rtsp://cam/x", "rtsp://cam:554/y?z", True),
    ("rtsp://CAM.local:8554/x", "rtsp://user:pw@cam.local:8554/", True),
    ("rtsps://cam/x", "rtsps://cam:322/x", True),
    ("rtsp://cam/x", "rtsps://cam/x", False),
    ("rtsp://cam/x", "rtsp://cam:8554/x", False),
    ("rtsp://[::1]:554/x", "rtsp://127.0.0.1:554/x", False),
    ("rtsp://cam/x", "rtsp://cam@evil/x", False),
    ("rtsp://cam/x", "rtsp://evil#@cam/x", False),
])
def test_origin_is_where_credentials_would_go(a, b, same):
    from recorder.cameras.credentials import origin
    assert (origin(a) == origin(b)) is same


def test_probe_uses_the_stored_password_on_the_cameras_own_address(client, camera_factory):
    cam = camera_factory(user="admin", password="s3cret")
    row = new_camera(client, url=cam.url, username="admin", password="s3cret")
    # the edit dialog sends the URL as stored and a blank password ("unchanged")
    r = client.post("/api/probe", json={"url": cam.url, "username": "admin", "password": None,
                                        "camera_id": row["id"]}, timeout=20)
    assert r.status_code == 200 and r.json()["ok"] is True, r.text
    # and the stored user too when none is given
    r = client.post("/api/probe", json={"url": cam.url, "camera_id": row["id"]}, timeout=20)
    assert r.status_code == 200 and r.json()["ok"] is True, r.text
    # without the camera nothing is reused: the camera refuses
    r = client.post("/api/probe", json={"url": cam.url, "username": "admin"}, timeout=20)
    assert r.status_code == 200 and r.json()["ok"] is False, r.text


# -- Host header, token, OpenAPI ------------------------------------------------------------------

def test_foreign_host_headers_are_refused(recorder):
    app = create_app(recorder, port=8123)
    for host in ("127.0.0.1:8123", "localhost:8123", "LOCALHOST:8123", "[::1]:8123"):
        c = TestClient(app, base_url=f"http://{host}")
        assert c.get("/api/health").status_code == 200, host
    for host in ("evil.example:8123", "127.0.0.1:8124", "localhost", "127.0.0.1.evil.example:8123", ""):
        c = TestClient(app, base_url="http://127.0.0.1:8123")
        r = c.get("/api/health", headers={"host": host})
        refused(r, 400, "host")
        r = c.get("/api/status", headers={"host": host, "authorization": f"Bearer {recorder.token}"})
        refused(r, 400, "host")


def test_openapi_schema_needs_the_token(recorder):
    c = TestClient(create_app(recorder), base_url="http://127.0.0.1")
    refused(c.get("/openapi.json"), 401, "token")
    refused(c.get(f"/openapi.json?token={recorder.token}"), 401, "token")
    r = c.get("/openapi.json", headers={"authorization": f"Bearer {recorder.token}"})
    assert r.status_code == 200 and "/api/status" in r.json()["paths"]
    for docs in ("/docs", "/redoc"):
        assert c.get(docs).status_code == 404


def test_authorization_scheme_is_read_in_any_case(recorder):
    c = TestClient(create_app(recorder), base_url="http://127.0.0.1")
    for scheme in ("Bearer", "bearer", "BEARER", "bEaReR"):
        assert c.get("/api/status", headers={"authorization": f"{scheme} {recorder.token}"}).status_code == 200
    for header in (f"Basic {recorder.token}", f"Token {recorder.token}", recorder.token, "Bearer", "Bearer "):
        refused(c.get("/api/status", headers={"authorization": header}), 401)


def test_token_in_the_url_only_where_a_player_needs_it(recorder, client):
    cam = new_camera(client)
    anonymous = TestClient(create_app(recorder), base_url="http://127.0.0.1", raise_server_exceptions=False)
    q = f"token={recorder.token}"
    for method, path in (("GET", "/api/status"), ("GET", "/api/cameras"), ("GET", f"/api/cameras/{cam['id']}"),
                         ("POST", "/api/shutdown"), ("GET", "/api/storage"), ("GET", "/api/clips"),
                         ("GET", "/api/events")):
        refused(anonymous.request(method, f"{path}?{q}"), 401, "token")
    # a player or a picture may carry it in the URL: these get past the token check
    recorder.data.snapshot_file(cam["id"]).write_bytes(b"\xff\xd8jpeg")
    assert anonymous.get(f"/api/cameras/{cam['id']}/snapshot?{q}").status_code == 200
    refused(anonymous.get(f"/api/cameras/{cam['id']}/live?{q}"), 409, "disabled")
    refused(anonymous.get(f"/api/events/1/snapshot?{q}"), 404, "no picture")
    refused(anonymous.get(f"/api/clips/1/file?{q}"), 404, "no clip")
    refused(anonymous.get(f"/api/cameras/{cam['id']}/snapshot?token=nope"), 401, "token")


def test_the_running_recorder_checks_host_headers(tmp_path, recorder_factory):
    """The real process knows the port it bound and accepts only its own addresses."""
    rec = recorder_factory(tmp_path / "data").start()
    port = rec.runtime()["port"]
    auth = {"Authorization": f"Bearer {rec.token}"}
    assert requests.get(f"http://127.0.0.1:{port}/api/status", headers=auth, timeout=10).status_code == 200
    assert requests.get(f"http://localhost:{port}/api/health", timeout=10).status_code == 200
    r = requests.get(f"http://127.0.0.1:{port}/api/status", headers=auth | {"Host": f"rebound.example:{port}"},
                     timeout=10)
    refused(r, 400, "host")
    r = requests.get(f"http://127.0.0.1:{port}/api/status", headers=auth | {"Host": f"127.0.0.1:{port + 1}"},
                     timeout=10)
    refused(r, 400, "host")
    refused(requests.get(f"http://127.0.0.1:{port}/openapi.json", timeout=10), 401)
    assert requests.get(f"http://127.0.0.1:{port}/openapi.json", headers=auth, timeout=10).status_code == 200
