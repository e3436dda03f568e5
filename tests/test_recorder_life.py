"""The recorder process across crashes and restarts, and what it leaves on disk: a gap it caused
has a reason on every timeline, no camera folder stays unrecovered, the data dir is private to
its user, and a recorder the client started logs each line once, into its rotated log."""

from __future__ import annotations

import os
import signal
import stat
import time
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from recorder.index.db import database_url, open_index
from recorder.index.models import Segment
from recorder.paths import DataDir
from tests.harness import cli, cli_json, ffmpeg_pids, footage_written, wait_for


def ts(text: str) -> float:
    return datetime.fromisoformat(text).timestamp()


def add(data: Path, url: str, name: str = "cam") -> int:
    return int(cli(data, "camera", "add", "--name", name, "--url", url, "--motion", "off").stdout)


@pytest.mark.slow
def test_a_crash_and_a_clean_stop_are_each_an_event_on_every_timeline(tmp_path, camera_factory, recorder_factory):
    cam = camera_factory(gop_seconds=1)
    data = tmp_path / "data"
    a, b = add(data, cam.url, "A"), add(data, cam.url, "B")
    rec = recorder_factory(data, segment_seconds=30).start()
    wait_for(lambda: footage_written(rec, a, 3) and footage_written(rec, b, 3), 60, 0.5, "footage on disk")
    rec.proc.kill()  # a crash, or a power cut
    killed_at = time.time()
    rec.proc.wait()
    wait_for(lambda: not ffmpeg_pids(data), 10, what="FFmpeg gone with its recorder")
    time.sleep(3)  # the recorder stays down a while: the gap to explain
    rec2 = recorder_factory(data, segment_seconds=30).start()
    started = time.time()
    for cid in (a, b):
        down = wait_for(lambda: [e for e in rec2.events(cid) if e["kind"] == "recorder_stopped"], 30, 0.5,
                        "the downtime event")
        assert len(down) == 1 and "not running" in down[0]["label"]
        # from the last moment recorded (the cut file, recovered first) to the restart
        last = max(ts(s["end"]) for s in rec2.segments(cid) if ts(s["end"]) <= killed_at + 1)
        assert abs(ts(down[0]["start"]) - last) < 0.01
        assert killed_at - 2.5 < ts(down[0]["start"]) <= killed_at + 0.5
        assert started - 5 < ts(down[0]["end"]) <= started + 0.5
    wait_for(lambda: footage_written(rec2, a, 2), 60, 0.5, "recording again")
    assert rec2.stop() == 0
    time.sleep(3)  # down longer than the shortest gap worth an event, as after the crash
    rec3 = recorder_factory(data, segment_seconds=30).start()
    clean = wait_for(lambda: [e for e in rec3.events(a) if e["kind"] == "recorder_stopped"
                              and "was stopped" in e["label"]], 30, 0.5, "the clean stop's event")
    assert len(clean) == 1
    assert rec3.stop() == 0
    assert len([e for e in cli_json(data, "events", "--camera", str(a), "--from", "2000-01-01T00:00")
                if e["kind"] == "recorder_stopped"]) == 2


@pytest.mark.slow
def test_the_file_of_a_camera_disabled_or_removed_after_a_crash_is_recovered(tmp_path, camera_factory,
                                                                            recorder_factory):
    cam = camera_factory(gop_seconds=1)
    data = tmp_path / "data"
    kept, gone = add(data, cam.url, "disabled later"), add(data, cam.url, "removed later")
    rec = recorder_factory(data, segment_seconds=30).start()
    wait_for(lambda: footage_written(rec, kept, 3) and footage_written(rec, gone, 3), 60, 0.5, "footage on disk")
    rec.proc.kill()
    rec.proc.wait()
    wait_for(lambda: not ffmpeg_pids(data), 10, what="FFmpeg gone with its recorder")
    d = DataDir(data)
    cut = {cid: list(d.incoming_dir(cid).glob("*.mp4")) for cid in (kept, gone)}
    assert all(cut.values()), "each camera's cut file should await recovery"
    cli(data, "camera", "disable", str(kept))
    cli(data, "camera", "remove", str(gone))
    rec2 = recorder_factory(data, segment_seconds=30).start()
    for cid in (kept, gone):
        wait_for(lambda: not list(d.incoming_dir(cid).glob("*.mp4")), 30, 0.5, "the cut file indexed")
    assert rec2.stop() == 0
    with open_index(database_url(d.db_file))() as s:  # a removed camera's footage: in the index
        for cid in (kept, gone):
            segs = list(s.scalars(select(Segment).where(Segment.camera_id == cid)))
            assert segs and sum((g.end - g.start).total_seconds() for g in segs) >= 3
            assert all(d.absolute(g.path).exists() for g in segs)


@pytest.mark.slow
def test_everything_in_a_fresh_data_dir_is_private_to_the_recorder(tmp_path, camera_factory, recorder_factory):
    cam = camera_factory(gop_seconds=1)
    data = tmp_path / "data"
    cid = add(data, cam.url)
    rec = recorder_factory(data).start()
    wait_for(lambda: len(rec.segments(cid)) >= 2 and rec.data.snapshot_file(cid).exists(), 60, 0.5,
             "segments and a snapshot")
    seg = rec.segments(cid)[0]
    clip = cli_json(data, "clip", "create", "--camera", str(cid), "--start", seg["start"], "--end", seg["end"],
                    "--name", "Door")
    wait_for(lambda: cli_json(data, "clip", "show", str(clip["id"]))["state"] == "ready", 60, 0.5, "the clip")
    assert rec.stop() == 0
    os.unlink(rec.log_path)  # the test's own capture of the console, not the recorder's
    found = [data, *data.rglob("*")]
    assert len(found) > 10
    # whoever else is on the machine: no bit for the group or others, on any file or folder
    shared = [f"{p.relative_to(data)} {stat.filemode(p.stat().st_mode)}" for p in found
              if p.stat().st_mode & 0o077]
    assert not shared, shared


def test_a_data_dir_made_readable_by_an_older_version_is_closed_at_start(tmp_path, camera_factory,
                                                                        recorder_factory):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)
    rec = recorder_factory(data).start()
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert rec.stop() == 0


def test_a_recorder_started_by_the_client_logs_each_line_once_in_its_rotated_log(tmp_path):
    from vms_desktop.recorder_link import spawn_recorder, wait_listening

    data = DataDir(tmp_path / "data")
    proc = spawn_recorder(data)
    try:
        assert wait_listening(proc, data, 30) is not None
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    log = (data.root / "logs" / "recorder.log").read_text()
    assert log.count("API on http://") == 1 and log.count("recorder stopped") == 1
    assert not (data.root / "recorder.log").exists()
    assert [p.name for p in data.root.glob("*.log")] == []
