"""Retention and the disk guard on a real SQLite index and real files: a synthetic month of
16 cameras for the sweep, a real recording on a small filesystem for the guard."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from recorder.api.app import create_app
from recorder.capture.camera_recorder import CaptureSettings
from recorder.index.db import database_url, open_index, set_plan
from recorder.index.models import Camera, Clip, Deletion, Event, Segment
from recorder.index.segments import SegmentStore
from recorder.paths import DataDir
from recorder.service import ApiSettings, Recorder
from recorder.storage import retention as retention_module
from recorder.storage.retention import Retention, alert_level, local_midnight
from tests.harness import cli, cli_json, fill_segments, wait_for

DAYS, CAMERAS = 30, 16


@pytest.fixture
def month(tmp_path):
    data = DataDir(tmp_path / "data")
    fill_segments(data, DAYS, CAMERAS)
    sessions = open_index(database_url(data.db_file))
    return data, sessions, Retention(data, sessions, SegmentStore(data, sessions))


def test_sweep_keeps_the_plans_days_per_camera_and_never_a_clip(month):
    data, sessions, ret = month
    with sessions.begin() as s:
        set_plan(s, "basic")  # 7 days
        s.get(Camera, 2).retention_days = 15
        s.get(Camera, 3).removed_at = datetime.now(UTC)  # removed cameras' footage goes too
        s.add(Clip(camera_id=1, requested_start=datetime.now(UTC), requested_end=datetime.now(UTC),
                   start=datetime.now(UTC) - timedelta(days=20), end=datetime.now(UTC),
                   name="old", path="clips/cam_1/clip_1.mp4", bytes=5, state="ready"))
    clip = data.absolute("clips/cam_1/clip_1.mp4")
    clip.parent.mkdir(parents=True)
    clip.write_bytes(b"clip!")
    before = {p for p in data.recordings.rglob("*.mp4")}
    result = ret.sweep()
    today = date.today()
    with sessions() as s:
        for cam, keep in ((1, 7), (2, 15), (3, 7), (16, 7)):
            oldest = s.scalar(select(func.min(Segment.start)).where(Segment.camera_id == cam))
            assert oldest.astimezone().date() >= today - timedelta(days=keep - 1) - timedelta(days=1), cam
            assert not s.scalar(select(func.count()).select_from(Segment).where(
                Segment.camera_id == cam, Segment.end <= local_midnight(today - timedelta(days=keep - 1))))
            kept_first_day = s.scalar(select(func.count()).select_from(Segment).where(
                Segment.camera_id == cam, Segment.start >= local_midnight(today - timedelta(days=keep - 1)),
                Segment.start < local_midnight(today - timedelta(days=keep - 2))))
            assert kept_first_day >= 23, (cam, kept_first_day)  # the oldest kept day is whole
        logged = s.scalar(select(func.count()).select_from(Deletion).where(Deletion.reason == "retention"))
        rows = s.scalar(select(func.count()).select_from(Segment))
    after = {p for p in data.recordings.rglob("*.mp4")}
    assert logged == result["deleted"] == len(before - after) > 0
    assert rows == len(after)  # every row has its file and every file its row
    assert clip.read_bytes() == b"clip!"
    # emptied day folders went with their files
    assert all(any(d.iterdir()) for d in data.recordings.glob("cam_*/*"))
    assert ret.sweep()["deleted"] == 0  # a second sweep finds nothing


def test_a_deletion_cut_by_a_crash_is_finished_at_start(month):
    data, sessions, ret = month
    with sessions.begin() as s:
        segs = list(s.scalars(select(Segment).where(Segment.camera_id == 1).order_by(Segment.start).limit(4)))
        for seg in segs:
            seg.deleting = True  # the crash came after the mark ...
    data.absolute(segs[0].path).unlink()  # ... and, for some, after the unlink too
    data.absolute(segs[1].path).unlink()
    ret.store.finish_deletions()
    with sessions() as s:
        assert not s.scalar(select(func.count()).select_from(Segment).where(Segment.id.in_([x.id for x in segs])))
    assert not any(data.absolute(x.path).exists() for x in segs)


def test_expiring_names_tomorrows_day_per_camera(month):
    _data, sessions, ret = month
    with sessions.begin() as s:
        set_plan(s, "basic")
    ret.sweep()
    soon = {e["camera_id"]: e for e in ret.expiring()}
    assert sorted(soon) == list(range(1, CAMERAS + 1))
    assert soon[1]["date"] == (date.today() - timedelta(days=6)).isoformat()


def test_alerts_fire_once_per_crossing(month, monkeypatch):
    """Pure logic: the disk's use is fed in, the events counted."""
    _data, sessions, ret = month
    assert [alert_level(p) for p in (0, 79.9, 80, 89, 90, 95, 100)] == [0, 0, 80, 80, 90, 95, 95]
    total = 1000
    for used in (500, 810, 850, 910, 920, 850, 790, 810, 960):
        monkeypatch.setattr(retention_module.shutil, "disk_usage",
                            lambda _p, u=used: shutil._ntuple_diskusage(total, u, total - u))
        ret._alerts()
    with sessions() as s:
        labels = list(s.scalars(select(Event.label).where(Event.kind == "disk_alert").order_by(Event.id)))
    assert labels == [f"the recordings disk is {n} % full" for n in (80, 90, 80, 95)]


def test_storage_api(tmp_path):
    data = DataDir(tmp_path / "data")
    fill_segments(data, days=10, cameras=2)
    rec = Recorder(data, CaptureSettings(), ApiSettings())
    try:
        client = TestClient(create_app(rec), base_url="http://127.0.0.1", raise_server_exceptions=False)
        client.headers["Authorization"] = f"Bearer {rec.token}"
        view = client.get("/api/storage").json()
        assert [c["id"] for c in view["cameras"]] == [1, 2]
        assert view["cameras"][0]["bytes"] == 10 * 24 * 100 and view["disk"]["total"] > 0
        assert view["disk"]["level"] in (0, 80, 90, 95)
        assert rec.retention.bandwidth()[1] == pytest.approx(100 / 3600, rel=0.01)  # 100 bytes an hour
        day = (date.today() - timedelta(days=3)).isoformat()
        gone = client.delete("/api/recordings/day", params={"camera_id": 1, "day": day}).json()
        assert gone["deleted"] == 24
        log = client.get("/api/storage/cleanup", params={"camera_id": 1}).json()
        assert len(log) == 24 and {e["reason"] for e in log} == {"manual"}
        assert client.get("/api/storage/cleanup", params={"camera_id": 2}).json() == []
        assert client.delete("/api/recordings/day", params={"camera_id": 9, "day": day}).status_code == 404
        assert client.delete("/api/recordings/day", params={"camera_id": 1, "day": "14/01"}).status_code == 422
        cutoff = local_midnight(date.today() - timedelta(days=6))  # basic: 7 days
        with rec.sessions() as s:
            due = s.scalar(select(func.count()).select_from(Segment).where(Segment.end <= cutoff))
        assert client.post("/api/storage/sweep").json()["deleted"] == due > 0
    finally:
        rec.shutdown()


@pytest.fixture
def small_disk(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("mounting a small filesystem needs root")
    target = tmp_path / "data" / "recordings"
    target.mkdir(parents=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(target)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small filesystem: {mounted.stderr.decode().strip()}")
    yield tmp_path / "data"
    subprocess.run(["umount", "-l", str(target)], check=True)


@pytest.mark.slow
def test_disk_guard_deletes_the_oldest_and_recording_goes_on(small_disk, camera_factory, recorder_factory):
    cam = camera_factory()
    cli(small_disk, "camera", "add", "--name", "door", "--url", cam.url)
    rec = recorder_factory(small_disk, extra=("--min-free-mb", "4", "--guard-seconds", "1")).start()
    wait_for(lambda: len(rec.segments(1)) >= 5, 60, 1, "five segments")
    first = rec.segments(1)[0]
    filler = Path(small_disk, "recordings", "filler")
    free = os.statvfs(filler.parent)
    filler.write_bytes(b"\0" * (free.f_bavail * free.f_frsize - 3_000_000))  # 3 MB left: below the floor
    events = lambda: cli_json(small_disk, "events", "--from", "2000-01-01T00:00:00")  # noqa: E731
    wait_for(lambda: any(e["kind"] == "early_deletion" for e in events()), 20, 0.5, "an early deletion")
    log = rec.api("GET", "/api/storage/cleanup").json()
    assert log and {e["reason"] for e in log} == {"disk_full"}
    assert log[-1]["path"] == first["path"]  # the oldest went first
    # the camera goes on writing meanwhile: free space dips below the floor between the guard's
    # rounds (every second here) and each round brings it back above
    wait_for(lambda: os.statvfs(filler.parent).f_bavail * free.f_frsize >= 4_000_000, 15, 0.2,
             "free space back above the 4 MB floor")
    # recording goes on, each new segment now making room by pushing out the oldest; every
    # segment recorded is either still there or in the cleanup log, one after the other
    last = rec.segments(1)[-1]["start"] if rec.segments(1) else first["start"]
    wait_for(lambda: sum(s["start"] > last for s in rec.segments(1) + rec.api("GET", "/api/storage/cleanup").json())
             >= 3, 30, 1, "three new segments after the deletion")
    every = sorted({(s["start"], s["end"]) for s in rec.segments(1) + rec.api("GET", "/api/storage/cleanup").json()})
    holes = [(datetime.fromisoformat(b[0]) - datetime.fromisoformat(a[1])).total_seconds()
             for a, b in zip(every, every[1:])]
    assert every[0][0] == first["start"] and max(holes) < 1.0, holes
    assert rec.camera_status(1)["state"] == "recording"
    # nothing left to delete: said loudly, recording still trying
    with open(filler, "ab") as f:
        f.write(b"\0" * max(os.statvfs(filler.parent).f_bavail * free.f_frsize - 500_000, 0))
    wait_for(lambda: rec.api("GET", "/api/status").json()["disk"]["trouble"], 30, 0.5, "the disk trouble")
    filler.unlink()
    wait_for(lambda: not rec.api("GET", "/api/status").json()["disk"]["trouble"], 15, 0.5, "the trouble cleared")
    assert rec.stop() == 0
