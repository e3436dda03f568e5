"""Start-up recovery on real files made by FFmpeg: nothing recorded is orphaned."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from recorder.capture.ffmpeg import FRAGMENTED_MP4
from recorder.index.db import open_index
from recorder.index.models import Camera, Event, Segment
from recorder.index.segments import SegmentStore
from recorder.mp4 import top_level_boxes, trim_partial_fragment
from recorder.paths import DataDir
from tests.harness import decodes


def make_fmp4(path: Path, seconds: int = 6) -> Path:
    """A real fragmented MP4 like the recorder's: 1 s GOP, H.264, fragment per keyframe."""
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"testsrc=size=320x240:rate=10:duration={seconds}",
                    "-c:v", "libx264", "-g", "10", "-preset", "ultrafast", "-f", "mp4",
                    "-movflags", FRAGMENTED_MP4.split(":")[0].split("=", 1)[1], str(path)], check=True)
    return path


@pytest.fixture
def store(tmp_path):
    data = DataDir(tmp_path / "data")
    data.create()
    sessions = open_index(f"sqlite:///{data.db_file}")
    with sessions.begin() as s:
        s.add(Camera(id=1, name="c", url="rtsp://h/x", enabled=True))
    return SegmentStore(data, sessions)


def rows(store, model):
    with store.sessions() as s:
        return list(s.scalars(select(model)))


def test_unindexed_file_is_indexed_with_its_times(store):
    path = make_fmp4(store.data.camera_dir(1) / "2026-01-14" / "10-00-00.mp4")
    end = datetime(2026, 1, 14, 13, 0, 6, tzinfo=UTC)
    os.utime(path, (end.timestamp(), end.timestamp()))
    assert store.recover(1)["indexed"] == 1
    [seg] = rows(store, Segment)
    assert seg.path == "recordings/cam_1/2026-01-14/10-00-00.mp4"  # left where it was
    assert seg.end == end and abs(seg.duration - 6) < 0.2
    assert store.recover(1)["indexed"] == 0  # idempotent


def test_incoming_files_are_moved_and_indexed_and_empty_ones_dropped(store):
    incoming = store.data.incoming_dir(1)
    make_fmp4(incoming / "1_00001.mp4")
    (incoming / "1_00002.mp4").write_bytes(b"\0\0\0\x18ftypisom")  # opened, nothing written
    store.recover(1)
    [seg] = rows(store, Segment)
    assert "/.incoming/" not in seg.path and store.data.absolute(seg.path).exists()
    assert not list(incoming.glob("*.mp4"))


def test_unreadable_file_is_quarantined_with_an_event(store):
    bad = store.data.camera_dir(1) / "2026-01-14" / "11-00-00.mp4"
    bad.parent.mkdir(parents=True)
    bad.write_bytes(os.urandom(200_000))
    store.recover(1)
    assert not bad.exists() and not rows(store, Segment)
    assert list((store.data.quarantine / "cam_1").glob("*11-00-00.mp4"))
    [ev] = rows(store, Event)
    assert ev.kind == "error" and "could not be read" in ev.label


def test_missing_files_are_reported_and_interrupted_deletions_finished(store):
    t = datetime(2026, 1, 14, tzinfo=UTC)
    doomed = make_fmp4(store.data.camera_dir(1) / "2026-01-13" / "09-00-00.mp4")
    with store.sessions.begin() as s:
        s.add(Segment(camera_id=1, start=t, end=t + timedelta(hours=1), path="recordings/cam_1/gone.mp4",
                      bytes=1, video_codec="h264"))
        s.add(Segment(camera_id=1, start=t - timedelta(days=1), end=t, path=store.data.relative(doomed),
                      bytes=1, video_codec="h264", deleting=True))
    report = store.recover(1)
    assert report["missing"] == ["recordings/cam_1/gone.mp4"]
    assert not doomed.exists()
    assert [r.path for r in rows(store, Segment)] == ["recordings/cam_1/gone.mp4"]
    assert "missing from disk" in rows(store, Event)[0].label


def test_half_written_fragment_is_cut_and_the_rest_decodes(store, tmp_path):
    path = make_fmp4(tmp_path / "cut.mp4", seconds=6)
    boxes, _ = top_level_boxes(path)
    last_mdat = [b for b in boxes if b[0] == b"mdat"][-1]
    with open(path, "rb+") as f:  # a crash in the middle of the last fragment's media
        f.truncate(last_mdat[1] + last_mdat[2] // 2)
    assert not decodes(path)
    mtime = path.stat().st_mtime
    removed, fragments = trim_partial_fragment(path)
    assert removed > 0 and fragments == 5
    assert decodes(path)
    assert path.stat().st_mtime == mtime
    assert trim_partial_fragment(path) == (0, 5)


def test_two_segments_starting_the_same_local_second_never_collide(store):
    """The hour that repeats when clocks go back gives the same name twice."""
    incoming = store.data.incoming_dir(1)
    end = datetime.now(UTC).replace(microsecond=0)
    for n in (1, 2):
        p = make_fmp4(incoming / f"{n}_00001.mp4")
        os.utime(p, (end.timestamp(), end.timestamp()))
        with store.sessions.begin() as s:  # the first one's row would otherwise be reused
            s.query(Segment).delete() if n == 2 else None
        store.index_file(1, p)
    names = sorted(p.name for p in store.data.camera_dir(1).glob("*/*.mp4"))
    assert len(names) == 2 and names[0] != names[1]
    assert names[1].endswith("_2.mp4")
