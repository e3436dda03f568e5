"""External detections: posted to the control API (good and bad posts), added and imported
from the command line, and found again by kind and by part of the label."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta

import pytest

from tests.harness import cli, cli_json, new_camera

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
NOW = datetime.now(UTC)


def post(client, **kw):
    body = {"camera_id": 1, "time": (NOW - timedelta(minutes=5)).isoformat(), "kind": "plate",
            "label": "ABC1D23", "confidence": 0.93} | kw
    return client.post("/api/events", json=body)


def test_a_plate_with_its_picture_is_stored_and_found(client):
    new_camera(client)
    r = post(client, snapshot=base64.b64encode(PNG).decode())
    assert r.status_code == 201, r.text
    ev = r.json()
    assert (ev["kind"], ev["label"], ev["confidence"], ev["has_snapshot"]) == ("plate", "ABC1D23", 0.93, True)
    picture = client.get(f"/api/events/{ev['id']}/snapshot")
    assert picture.status_code == 200 and picture.content == PNG
    post(client, kind="person", label=None)
    post(client, label="XYZ9K88")
    found = client.get("/api/events", params={"q": "abc1d"}).json()  # part of it, any case
    assert [e["label"] for e in found] == ["ABC1D23"]
    assert len(client.get("/api/events", params={"kind": "plate,person", "camera_id": 1}).json()) == 3
    assert client.get("/api/events", params={"q": "%"}).json() == []  # a wildcard is a character


@pytest.mark.parametrize("change, code, words", [
    ({"camera_id": 99}, 404, "no camera 99"),
    ({"time": (NOW + timedelta(hours=1)).isoformat()}, 400, "in the future"),
    ({"kind": "offline"}, 400, "recorder's own"),
    ({"kind": "Plate number!"}, 400, "short word"),
    ({"confidence": 1.5}, 400, "between 0 and 1"),
    ({"label": "bad\x07"}, 400, "control characters"),
    ({"snapshot": "not base64!"}, 400, "base64"),
    ({"snapshot": base64.b64encode(b"GIF89a...").decode()}, 400, "JPEG or PNG"),
    ({"snapshot": base64.b64encode(PNG + b"\0" * (1024 * 1024)).decode()}, 413, "larger than 1024 KB"),
    ({"time": "yesterday"}, 422, "time"),
])
def test_bad_posts_get_a_clear_refusal_and_store_nothing(client, change, code, words):
    new_camera(client)
    r = post(client, **change)
    assert r.status_code == code, r.text
    assert words.lower() in r.json()["detail"].lower()
    assert client.get("/api/events", params={"kind": "plate"}).json() == []


def test_token_is_required_to_post(recorder, client):
    from fastapi.testclient import TestClient

    from recorder.api.app import create_app

    new_camera(client)
    assert TestClient(create_app(recorder), base_url="http://127.0.0.1").post("/api/events", json={}).status_code == 401


def test_command_line_adds_and_imports(tmp_path):
    data = tmp_path / "data"
    cli(data, "camera", "add", "--name", "gate", "--url", "rtsp://127.0.0.1:9/x", "--disabled")
    when = (datetime.now() - timedelta(minutes=3)).replace(microsecond=0)
    pic = tmp_path / "plate.png"
    pic.write_bytes(PNG)
    added = cli_json(data, "events", "add", "--camera", "1", "--time", when.isoformat(), "--kind", "plate",
                     "--label", "ABC1D23", "--snapshot", str(pic))
    assert added[0]["has_snapshot"] and added[0]["label"] == "ABC1D23"
    good = tmp_path / "good.csv"
    good.write_text("camera,time,kind,label,confidence\n"
                    f"1,{when.isoformat()},vehicle,white van,0.8\n1,{when.isoformat()},plate,QWE2R34,\n")
    assert len(cli_json(data, "events", "import", str(good))) == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("camera,time,kind,label\n"
                   f"1,{when.isoformat()},plate,OK1A111\n7,{when.isoformat()},plate,X\n1,soon,plate,Y\n")
    out = cli(data, "events", "import", str(bad), check=False)
    assert out.returncode == 2 and "nothing imported" in out.stderr
    assert "line 3: there is no camera 7" in out.stderr and "line 4" in out.stderr and "line 2" not in out.stderr
    listed = cli_json(data, "events", "--kind", "plate", "--search", "qwe2", "--from", "2000-01-01T00:00:00")
    assert [e["label"] for e in listed] == ["QWE2R34"]
    assert not cli_json(data, "events", "--search", "OK1A111", "--from", "2000-01-01T00:00:00")  # all or nothing


def test_newest_first_keeps_the_most_recent_under_the_limit(client):
    new_camera(client)
    for minutes in (30, 20, 10):
        post(client, time=(NOW - timedelta(minutes=minutes)).isoformat(), label=f"ABC{minutes}")
    newest = client.get("/api/events", params={"order": "newest", "limit": 2}).json()
    assert [e["label"] for e in newest] == ["ABC10", "ABC20"]
    assert [e["label"] for e in client.get("/api/events", params={"limit": 2}).json()] == ["ABC30", "ABC20"]
    assert client.get("/api/events", params={"order": "sideways"}).status_code == 422
