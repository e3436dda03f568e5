"""The control API on a real recorder object and a real SQLite index (no cameras running)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from recorder.api.app import create_app
from recorder.capture.camera_recorder import CaptureSettings
from recorder.index.models import Segment
from recorder.service import AlreadyRunning, ApiSettings, Recorder
from tests.harness import LOCAL, new_camera


def test_token_is_required_and_private(recorder, tmp_path):
    c = TestClient(create_app(recorder), base_url=LOCAL)
    assert c.get("/api/health").status_code == 200
    assert c.get("/api/status").status_code == 401
    assert c.get("/api/status", headers={"Authorization": "Bearer nope"}).status_code == 401
    assert c.get(f"/api/status?token={recorder.token}").status_code == 401  # only players use ?token=
    assert c.get(f"/api/cameras/1/snapshot?token={recorder.token}").status_code == 404  # past the token
    assert (recorder.data.token_file.stat().st_mode & 0o777) == 0o600
    assert (recorder.data.secret_file.stat().st_mode & 0o777) == 0o600


def test_second_recorder_on_the_same_data_dir_is_refused(recorder):
    with pytest.raises(AlreadyRunning):
        Recorder(recorder.data, CaptureSettings(), ApiSettings())


def test_camera_crud_keeps_credentials_out_of_answers(client):
    cam = new_camera(client, url="rtsp://admin:hunter2@127.0.0.1:554/stream1", retention_days=20)
    assert cam["url"] == "rtsp://127.0.0.1:554/stream1"
    assert cam["username"] == "admin" and cam["has_password"]
    assert "hunter2" not in client.get("/api/cameras").text
    r = client.patch(f"/api/cameras/{cam['id']}", json={"name": "Gate 2", "retention_days": None})
    assert r.status_code == 200 and r.json()["name"] == "Gate 2" and r.json()["has_password"]
    assert client.post(f"/api/cameras/{cam['id']}/start").json()["enabled"] is True
    assert client.post(f"/api/cameras/{cam['id']}/stop").json()["enabled"] is False
    assert client.delete(f"/api/cameras/{cam['id']}").status_code == 200
    assert client.get(f"/api/cameras/{cam['id']}").status_code == 404


BAD_REQUESTS = [
    ("post", "/api/cameras", {"json": {"url": "rtsp://h/x"}}, 422, "name"),
    ("post", "/api/cameras", {"json": {"name": "a", "url": "http://h/x"}}, 400, "rtsp://"),
    ("post", "/api/cameras", {"json": {"name": "a", "url": "rtsp:///x"}}, 400, "no camera address"),
    ("post", "/api/cameras", {"json": {"name": "a", "url": "rtsp://h:99999/x"}}, 400, "not a valid address"),
    ("post", "/api/cameras", {"json": {"name": " ", "url": "rtsp://h/x"}}, 400, "needs a name"),
    ("post", "/api/cameras", {"json": {"name": "a\x07", "url": "rtsp://h/x"}}, 400, "control characters"),
    ("post", "/api/cameras", {"json": {"name": "a" * 200, "url": "rtsp://h/x"}}, 422, "name"),
    ("post", "/api/cameras", {"json": {"name": "a", "url": "rtsp://h/x", "retention_days": 0}}, 400, "retention"),
    ("post", "/api/cameras", {"json": {"name": "a", "url": "rtsp://h/x", "enabled": "maybe"}}, 422, "enabled"),
    ("post", "/api/cameras", {"content": b"{not json", "headers": {"content-type": "application/json"}}, 422, "JSON"),
    ("patch", "/api/cameras/999", {"json": {"name": "x"}}, 404, "no camera 999"),
    ("post", "/api/cameras/abc/start", {}, 422, "camera_id"),
    ("delete", "/api/cameras/999", {}, 404, "no camera"),
    ("get", "/api/recordings", {}, 422, "camera_id"),
    ("get", "/api/recordings?camera_id=1&start=yesterday", {}, 422, "start"),
    ("get", "/api/recordings?camera_id=999", {}, 404, "no camera"),
    ("get", "/api/recordings?camera_id=1&start=2026-01-02T00:00:00Z&end=2026-01-01T00:00:00Z", {}, 400, "before"),
    ("get", "/api/recordings?camera_id=1&limit=0", {}, 422, "limit"),
    ("get", "/api/recordings/days?camera_id=-1", {}, 422, "camera_id"),
    ("get", "/api/events?kind=offline&start=2026-13-01", {}, 422, "start"),
]


@pytest.mark.parametrize("method,path,kw,code,words", BAD_REQUESTS)
def test_bad_input_gets_a_clear_4xx(client, method, path, kw, code, words):
    new_camera(client)  # camera 1 exists
    headers = kw.pop("headers", {})
    r = client.request(method.upper(), path, headers=headers, **kw)
    assert r.status_code == code, r.text
    assert words.lower() in r.json()["detail"].lower()
    assert "Traceback" not in r.text


def test_recordings_and_days_from_the_index(recorder, client):
    cam = new_camera(client, retention_days=10)
    now = datetime.now(UTC).replace(microsecond=0)
    with recorder.sessions.begin() as s:
        for i, age in enumerate((timedelta(days=3), timedelta(hours=2), timedelta(hours=1))):
            start = now - age
            s.add(Segment(camera_id=cam["id"], start=start, end=start + timedelta(hours=1),
                          path=f"recordings/cam_1/x/{i}.mp4", bytes=1000, video_codec="h264"))
    r = client.get("/api/recordings", params={"camera_id": cam["id"], "start": (now - timedelta(hours=3)).isoformat(),
                                               "end": now.isoformat()})
    assert r.status_code == 200
    assert [x["path"] for x in r.json()] == ["recordings/cam_1/x/1.mp4", "recordings/cam_1/x/2.mp4"]
    days = client.get("/api/recordings/days", params={"camera_id": cam["id"]}).json()
    assert days["retention_days"] == 10 and days["plan"] == "basic"
    today = datetime.now().astimezone().date()
    oldest = days["days"][0]
    assert oldest["date"] == (now - timedelta(days=3)).astimezone().date().isoformat()
    assert oldest["days_left"] == 10 - (today - (now - timedelta(days=3)).astimezone().date()).days
    newest = (now - timedelta(hours=1)).astimezone().date()
    assert days["days"][-1]["days_left"] == 10 - (today - newest).days


def test_live_and_snapshot_refuse_bad_requests(client, recorder):
    cam = new_camera(client)
    anonymous = TestClient(create_app(recorder), base_url=LOCAL)
    assert anonymous.get(f"/api/cameras/{cam['id']}/live").status_code == 401
    assert client.get("/api/cameras/999/live").status_code == 404
    r = client.get(f"/api/cameras/{cam['id']}/live?stream=sub")
    assert r.status_code == 404 and "no substream" in r.json()["detail"]
    assert client.get(f"/api/cameras/{cam['id']}/live?stream=4k").status_code == 422
    r = client.get(f"/api/cameras/{cam['id']}/snapshot")
    assert r.status_code == 404 and "no picture" in r.json()["detail"]
    recorder.data.snapshot_file(cam["id"]).write_bytes(b"\xff\xd8jpeg")
    r = client.get(f"/api/cameras/{cam['id']}/snapshot")
    assert r.status_code == 200 and r.headers["content-type"] == "image/jpeg"
