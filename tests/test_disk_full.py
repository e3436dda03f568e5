"""A recordings disk filled to the last byte from outside: the recorder says so in words, makes
room where it can, and records again by itself once there is space, without a restart. Real
parts: a small tmpfs, a real camera, FFmpeg and SQLite."""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from recorder.index.db import database_url, open_index
from recorder.index.models import Camera, Deletion, Segment
from recorder.index.segments import SegmentStore
from recorder.paths import DataDir
from recorder.storage.retention import GuardSettings, Retention
from tests.harness import cli, decodes, wait_for

pytestmark = [pytest.mark.slow,  # a real camera recorded onto a small disk
              pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("mount"),
                                 reason="mounting a small tmpfs needs root")]


@pytest.fixture
def small_disk(tmp_path):
    """A tmpfs of its own, so what fills it and what frees it is only this test's doing."""
    mnt = tmp_path / "disk"
    mnt.mkdir()

    def mount(mb: int) -> Path:
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={mb}m,mode=0755", "tmpfs", str(mnt)], check=True)
        return mnt

    yield mount
    subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def fill(path: Path) -> None:
    """Fill the disk to its last byte, as another program would."""
    out = subprocess.run(["dd", "if=/dev/zero", f"of={path}", "bs=64k"], capture_output=True, text=True)
    assert "No space left" in out.stderr, out.stderr


def ts(text: str) -> float:
    return datetime.fromisoformat(text).timestamp()


def test_a_disk_filled_from_outside_is_said_and_recording_resumes_when_freed(small_disk, tmp_path, camera_factory,
                                                                            recorder_factory):
    disk = small_disk(48)
    cam = camera_factory(gop_seconds=1)
    data = disk / "data"
    cid = int(cli(data, "camera", "add", "--name", "Door", "--url", cam.url).stdout)
    rec = recorder_factory(data, extra=("--min-free-mb", "2", "--no-motion"))
    rec.log_path = tmp_path / "recorder.out"  # the console, off the disk being filled
    rec.start()
    wait_for(lambda: len(rec.segments(cid)) >= 2, 40, what="two segments")
    assert rec.data.reserve_file.exists()

    fill(disk / "filler")
    # the guard deletes the old footage (releasing its reserve first: SQLite must write before
    # a file may go), the filler keeps the disk full, and then the camera and the disk say why
    def told() -> dict | None:
        st = rec.api("GET", "/api/status").json()
        cam_row = next(c for c in st["cameras"] if c["id"] == cid)
        return st if cam_row["state"] != "recording" and "disk is full" in (cam_row["error"] or "") \
            and "full" in (st["disk"]["trouble"] or "") else None
    st = wait_for(told, 40, 0.5, "the full disk said in the status")
    assert "recording has stopped" in st["disk"]["trouble"]
    assert any(d["reason"] == "disk_full" for d in rec.api("GET", "/api/storage/cleanup").json())

    os.unlink(disk / "filler")
    freed_at = time.time()
    wait_for(lambda: rec.camera_status(cid)["state"] == "recording", 30, 0.5, "recording again")
    new = wait_for(lambda: [s for s in rec.segments(cid) if ts(s["start"]) > freed_at - 1], 30, 0.5,
                   "a segment recorded after the space came back")
    resumed = min(ts(s["start"]) for s in new)
    assert resumed - freed_at < 15, "recording resumed too late after space came back"
    assert decodes(rec.data.absolute(new[0]["path"]))
    wait_for(lambda: rec.data.reserve_file.exists(), 30, 0.5, "the reserve set aside again")
    outage = [e for e in rec.events(cid) if e["kind"] == "offline" and "disk is full" in (e["label"] or "")]
    assert outage and outage[-1]["end"] is not None
    assert rec.stop() == 0
    # the log could not be written while the disk was full: no traceback per line, and it says so
    assert "Logging error" not in rec.log()
    assert "segments" in (rec.data.root / "logs" / "recorder.log").read_text()


def _store_with_segments(root: Path, count: int, size: int) -> tuple[DataDir, SegmentStore]:
    data = DataDir(root)
    data.create()
    sessions = open_index(database_url(data.db_file))
    store = SegmentStore(data, sessions)
    start = datetime(2026, 1, 14, 8, 0, tzinfo=UTC)
    with sessions.begin() as s:
        s.add(Camera(id=1, name="Door", url="rtsp://127.0.0.1/x"))
        for i in range(count):
            rel = f"recordings/cam_1/2026-01-14/{i:05d}.mp4"
            path = data.absolute(rel)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(os.urandom(size))
            a = start + timedelta(minutes=i)
            s.add(Segment(camera_id=1, start=a, end=a + timedelta(minutes=1), path=rel, bytes=size,
                          video_codec="h264"))
    return data, store


def test_the_guard_deletes_only_as_much_as_the_floor_needs(small_disk):
    disk = small_disk(64)
    seg = 1 << 20
    data, store = _store_with_segments(disk / "data", 30, seg)
    free = shutil.disk_usage(disk).free
    floor = free + int(2.5 * seg)  # two and a half segments short
    retention = Retention(data, store.sessions, store, GuardSettings(min_free=floor))
    reserve = retention.reserve.size  # not set aside yet: room is made for it too
    deleted = retention.guard()
    assert deleted == math.ceil((floor + reserve - free) / seg)  # 20 at once, before
    with store.sessions() as s:
        gone = [d.path for d in s.query(Deletion).order_by(Deletion.start)]
        kept = s.query(Segment).count()
    assert gone == [f"recordings/cam_1/2026-01-14/{i:05d}.mp4" for i in range(deleted)]  # the oldest
    assert kept == 30 - deleted
    assert retention.reserve.held() == reserve and shutil.disk_usage(disk).free >= floor - seg
    assert retention.guard() == 0  # above the floor now: nothing more goes


def test_the_guard_makes_room_on_a_disk_full_to_the_last_byte(small_disk):
    """Every deletion begins with a write to the index: the reserve is what makes it possible."""
    disk = small_disk(32)
    seg = 1 << 20
    data, store = _store_with_segments(disk / "data", 10, seg)
    retention = Retention(data, store.sessions, store, GuardSettings(min_free=2 * seg))
    assert retention.guard() == 0 and retention.reserve.held()
    fill(disk / "filler")
    with pytest.raises(Exception, match="full"):  # the old order of steps: nothing could go
        store.delete_segments([1], "disk_full")
    deleted = retention.guard()
    assert deleted >= 2 and shutil.disk_usage(disk).free >= 2 * seg
    with store.sessions() as s:
        assert s.query(Segment).count() == 10 - deleted
        assert not any(data.absolute(d.path).exists() for d in s.query(Deletion))
    assert retention.trouble is None


def test_a_recorder_started_on_a_full_disk_comes_up_and_records_once_there_is_room(small_disk, tmp_path,
                                                                                 camera_factory, recorder_factory):
    disk = small_disk(32)
    cam = camera_factory(gop_seconds=1)
    data = disk / "data"
    cid = int(cli(data, "camera", "add", "--name", "Door", "--url", cam.url).stdout)
    first = recorder_factory(data, extra=("--min-free-mb", "2", "--no-motion"))
    first.log_path = tmp_path / "first.out"
    first.start()
    wait_for(lambda: first.segments(cid) and first.data.reserve_file.exists(), 40, 0.5, "a segment and the reserve")
    assert first.stop() == 0
    fill(disk / "filler")  # say, the power went while something else filled the disk
    rec = recorder_factory(data, extra=("--min-free-mb", "2", "--no-motion"))
    rec.log_path = tmp_path / "second.out"
    rec.start()
    wait_for(lambda: "disk is full" in (rec.camera_status(cid)["error"] or ""), 30, 0.5, "the full disk said")
    os.unlink(disk / "filler")
    freed_at = time.time()
    wait_for(lambda: [s for s in rec.segments(cid) if ts(s["start"]) > freed_at - 1], 40, 0.5,
             "a segment recorded after the space came back")
    assert rec.stop() == 0
