"""Clips cut by the real recorder from real recordings of RTSP cameras: exact range, whole
file decodes, permanent, limited by plan, and every bad request refused with nothing left."""

from __future__ import annotations

import hashlib
import os
import subprocess
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from recorder.clips.maker import ClipMaker
from recorder.demo import DemoCamera, read_timecode
from recorder.index.db import database_url, open_index
from recorder.index.models import Clip, utcnow
from recorder.index.segments import SegmentStore
from recorder.mp4 import top_level_boxes
from tests.harness import RecorderProcess, cli, cli_json, decodes, wait_for

pytestmark = pytest.mark.slow  # real cameras and FFmpeg for a while

SEGMENT_S = 4
GOP_S = 1.0  # the demo cameras send a keyframe every second
W, H = 640, 360


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("clips")
    cams = [DemoCamera(timecode=1), DemoCamera(audio="alaw"), DemoCamera(codec="h265")]
    try:
        for i, cam in enumerate(cams):
            cam.start()
            cli(data_dir, "camera", "add", "--name", f"cam {i + 1}", "--url", cam.url)
        rec = RecorderProcess(data_dir, segment_seconds=SEGMENT_S).start()
        wait_for(lambda: len(rec.segments(1)) >= 4 and len(rec.segments(2)) >= 2 and len(rec.segments(3)) >= 2,
                 60, 1, "four segments")
        cli(data_dir, "plan", "premium")
        yield rec
        rec.stop()
    finally:
        for cam in cams:
            cam.stop()


def _t(text: str) -> datetime:
    return datetime.fromisoformat(text)


def make_clip(rec, start: datetime, end: datetime, name: str = "clip", camera_id: int = 1, **kw) -> dict:
    r = rec.api("POST", "/api/clips", json={"camera_id": camera_id, "start": start.isoformat(),
                                            "end": end.isoformat(), "name": name, **kw})
    assert r.status_code == 202, r.text
    row = rec.api("GET", f"/api/clips/{r.json()['id']}", params={"wait": 30}).json()
    if row["state"] == "ready":  # its SHA-256 follows the moment it is durable
        row = wait_for(lambda: (got := rec.api("GET", f"/api/clips/{row['id']}").json())["sha256"] and got,
                       10, 0.05, "the clip's SHA-256")
    return row


def refused(rec, status: int, **body) -> str:
    r = rec.api("POST", "/api/clips", json={"camera_id": 1, "name": "x", **body})
    assert r.status_code == status, r.text
    return r.json()["detail"]


def duration(path: Path) -> float:
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(path)],
                         capture_output=True, text=True, check=True)
    return float(out.stdout)


def timecode_at(path: Path, offset: float, near: float) -> float:
    """The camera's clock drawn on the frame `offset` seconds into the file."""
    raw = subprocess.run(["ffmpeg", "-v", "error", "-ss", f"{offset:.3f}", "-i", str(path), "-frames:v", "1",
                          "-vf", f"scale={W}:{H}", "-pix_fmt", "gray", "-f", "rawvideo", "-"],
                         capture_output=True, check=True).stdout
    value = read_timecode(lambda x, y: raw[y * W + x], W, H, near)
    assert value is not None, "no timecode on the frame"
    return value


def test_clip_across_a_segment_boundary_holds_the_range(site):
    rec = site
    segs = rec.segments(1)
    start = _t(segs[1]["start"]) + timedelta(seconds=1.5)
    end = _t(segs[2]["start"]) + timedelta(seconds=2.0)
    clip = make_clip(rec, start, end, name="Front door, 2 files", notes="handed to the police",
                     created_by="guard 1")
    assert clip["state"] == "ready", clip
    path = rec.data.absolute(clip["path"])
    assert path.name == f"clip_{clip['id']}.mp4" and path.parent.name == "cam_1"
    assert decodes(path)
    # cut at the keyframe at or before the start; the end where asked
    first = _t(clip["start"])
    assert timedelta(0) <= start - first <= timedelta(seconds=GOP_S + 0.1)
    assert abs(duration(path) - (end - first).total_seconds()) <= GOP_S
    # the pictures are those the camera sent at those times
    assert abs(timecode_at(path, 0, first.timestamp()) - first.timestamp()) <= 1.0
    last = duration(path) - 0.2
    assert abs(timecode_at(path, last, end.timestamp()) - (first.timestamp() + last)) <= 1.0
    # an ordinary faststart MP4, whose hash the index keeps
    kinds = [k for k, _, _ in top_level_boxes(path)[0]]
    assert kinds.index(b"moov") < kinds.index(b"mdat") and b"moof" not in kinds
    assert clip["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert clip["bytes"] == path.stat().st_size and clip["missing"] == []
    assert (clip["name"], clip["notes"], clip["created_by"]) == ("Front door, 2 files", "handed to the police", "guard 1")


def test_clip_keeps_the_audio(site):
    rec = site
    segs = rec.segments(2)
    clip = make_clip(rec, _t(segs[0]["end"]) - timedelta(seconds=2), _t(segs[1]["start"]) + timedelta(seconds=2),
                     camera_id=2)
    path = rec.data.absolute(clip["path"])
    codecs = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0",
                             str(path)], capture_output=True, text=True).stdout.split()
    assert codecs == ["h264", "aac"] and decodes(path)


def test_hevc_clip_is_tagged_for_browsers_and_downloads_whole(site):
    rec = site
    segs = rec.segments(3)
    clip = make_clip(rec, _t(segs[0]["end"]) - timedelta(seconds=2), _t(segs[1]["start"]) + timedelta(seconds=2),
                     camera_id=3)
    path = rec.data.absolute(clip["path"])
    tag = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "stream=codec_name,codec_tag_string",
                          "-of", "csv=p=0", str(path)], capture_output=True, text=True).stdout.strip()
    assert tag == "hevc,hvc1" and decodes(path)
    got = rec.api("GET", f"/api/clips/{clip['id']}/file")
    assert got.status_code == 200 and hashlib.sha256(got.content).hexdigest() == clip["sha256"]


def test_clip_reaches_the_live_edge(site):
    """The file being written is part of what can be clipped: a guard saves what just happened."""
    rec = site

    def file_age() -> float:
        status = rec.camera_status(1)
        return status["current_start"] and (utcnow() - _t(status["current_start"])).total_seconds()

    wait_for(lambda: (file_age() or 0) >= 2.5, 3 * SEGMENT_S, 0.1, "a file being written for 2.5 s")
    now = utcnow()
    clip = make_clip(rec, now - timedelta(seconds=2), now, name="just now")
    assert clip["state"] == "ready", clip
    assert decodes(rec.data.absolute(clip["path"]))
    assert abs((_t(clip["end"]) - now).total_seconds()) <= GOP_S + 0.5


def test_partly_in_a_gap_keeps_what_exists_and_says_what_is_missing(site):
    rec = site
    first = _t(rec.segments(1)[0]["start"])
    clip = make_clip(rec, first - timedelta(minutes=5), first + timedelta(seconds=3))
    assert clip["state"] == "ready"
    (a, b), = clip["missing"]
    assert _t(a) == first - timedelta(minutes=5) and abs((_t(b) - first).total_seconds()) < 0.01
    assert 2 <= duration(rec.data.absolute(clip["path"])) <= 3 + GOP_S


def test_bad_requests_are_refused_and_leave_nothing(site):
    rec = site
    before = sorted(p.name for p in rec.data.clips.rglob("*"))
    count = len(rec.api("GET", "/api/clips").json())
    now = utcnow()
    ago = lambda s: (now - timedelta(seconds=s)).isoformat()  # noqa: E731
    assert "before its end" in refused(rec, 400, start=ago(5), end=ago(8))
    assert "no recording" in refused(rec, 400, start="2001-01-01T10:00:00+00:00", end="2001-01-01T10:05:00+00:00")
    for name in ("a/b", "..", "bad\x07bell", "   "):
        assert "name" in refused(rec, 400, start=ago(8), end=ago(5), name=name)
    assert "camera" in refused(rec, 404, camera_id=99, start=ago(8), end=ago(5))
    assert "24 hours" in refused(rec, 400, start=ago(90000), end=ago(5))
    assert rec.api("POST", "/api/clips", json={"camera_id": 1, "start": "yesterday", "end": ago(5),
                                               "name": "x"}).status_code == 422
    assert len(rec.api("GET", "/api/clips").json()) == count
    assert sorted(p.name for p in rec.data.clips.rglob("*")) == before


def test_two_clips_requested_at_once_are_both_made(site):
    rec = site
    segs = rec.segments(1)
    results = []

    def ask(i: int) -> None:
        start = _t(segs[i]["start"]) + timedelta(seconds=0.5)
        results.append(make_clip(rec, start, start + timedelta(seconds=3), name=f"twin {i}"))

    threads = [threading.Thread(target=ask, args=(i,)) for i in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(r["state"] for r in results) == ["ready", "ready"]
    assert results[0]["path"] != results[1]["path"]
    assert all(decodes(rec.data.absolute(r["path"])) for r in results)


def test_plan_limit_counts_clips_and_names_the_plan(site):
    rec = site
    segs = rec.segments(1)
    start = _t(segs[1]["start"])
    cli(rec.data_dir, "plan", "basic")
    try:
        while len([c for c in rec.api("GET", "/api/clips").json() if c["state"] == "ready"]) < 10:
            make_clip(rec, start, start + timedelta(seconds=2), name="filler")
        detail = refused(rec, 403, start=start.isoformat(), end=(start + timedelta(seconds=2)).isoformat())
        assert "Basic plan keeps up to 10 clips" in detail
        cli(rec.data_dir, "plan", "pro")
        assert make_clip(rec, start, start + timedelta(seconds=2))["state"] == "ready"
    finally:
        cli(rec.data_dir, "plan", "premium")


def test_rename_and_delete(site):
    rec = site
    start = _t(rec.segments(1)[1]["start"])
    clip = make_clip(rec, start, start + timedelta(seconds=2), name="old")
    r = rec.api("PATCH", f"/api/clips/{clip['id']}", json={"name": "new name", "notes": "seen at 14:02"})
    assert r.json()["name"] == "new name" and r.json()["notes"] == "seen at 14:02"
    assert rec.api("PATCH", f"/api/clips/{clip['id']}", json={"name": "../x"}).status_code == 400
    path = rec.data.absolute(clip["path"])
    assert rec.api("DELETE", f"/api/clips/{clip['id']}").json() == {"deleted": clip["id"]}
    assert not path.exists()
    assert rec.api("GET", f"/api/clips/{clip['id']}").status_code == 404
    assert rec.api("DELETE", f"/api/clips/{clip['id']}").status_code == 404


def test_clip_outlives_its_source_segments(site):
    """Retention deletes segments, never clips: the clip has its own copy."""
    rec = site
    seg = rec.segments(1)[0]
    clip = make_clip(rec, _t(seg["start"]), _t(seg["end"]), name="keep me")
    sessions = open_index(database_url(rec.data.db_file))
    SegmentStore(rec.data, sessions).delete_segments([seg["id"]], "retention")
    assert not rec.data.absolute(seg["path"]).exists()
    assert seg["id"] not in [s["id"] for s in rec.segments(1)]
    again = rec.api("GET", f"/api/clips/{clip['id']}").json()
    assert again["state"] == "ready" and decodes(rec.data.absolute(again["path"]))
    assert hashlib.sha256(rec.data.absolute(again["path"]).read_bytes()).hexdigest() == clip["sha256"]


def test_cli_creates_lists_and_deletes(site):
    rec = site
    seg = rec.segments(1)[-1]
    local = _t(seg["start"]).astimezone().replace(tzinfo=None)  # a guard types local time
    made = cli_json(rec.data_dir, "clip", "create", "--camera", "1", "--start", local.isoformat(),
                    "--end", (local + timedelta(seconds=2)).isoformat(), "--name", "from the shell")
    assert made["state"] == "ready" and "command line" in made["created_by"]
    assert made["id"] in [c["id"] for c in cli_json(rec.data_dir, "clip", "list", "--camera", "1")]
    bad = cli(rec.data_dir, "clip", "create", "--camera", "1", "--start", local.isoformat(), "--end",
              local.isoformat(), "--name", "x", check=False)
    assert bad.returncode == 2 and "before its end" in bad.stderr
    assert cli_json(rec.data_dir, "clip", "delete", str(made["id"])) == {"deleted": made["id"]}
    assert not rec.data.absolute(made["path"]).exists()


def test_disk_full_leaves_no_partial_clip(site, tmp_path):
    """Refused up front when the clip cannot fit; when the disk fills during extraction, the
    clip fails with a clear reason and no partial file."""
    rec = site
    if os.geteuid() != 0:
        pytest.skip("mounting a small filesystem needs root")
    folder = rec.data.clips / "cam_1"
    folder.mkdir(parents=True, exist_ok=True)
    kept = sorted(folder.iterdir())
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small filesystem: {mounted.stderr.decode().strip()}")
    try:
        segs = rec.segments(1)
        big = refused(rec, 507, start=segs[0]["start"], end=segs[-1]["end"])
        assert "not enough free disk" in big
        start = _t(segs[-1]["start"])
        r = rec.api("POST", "/api/clips", json={"camera_id": 1, "start": start.isoformat(),
                                                "end": (start + timedelta(seconds=3)).isoformat(), "name": "late"})
        assert r.status_code == 202
        with open(folder / "filler", "wb", buffering=0) as f:  # something else takes the space meanwhile
            try:
                while True:
                    f.write(b"\0" * 65536)
            except OSError:
                pass
        clip = rec.api("GET", f"/api/clips/{r.json()['id']}", params={"wait": 30}).json()
        assert clip["state"] == "failed" and "disk filled up" in clip["error"]
        assert [p.name for p in folder.iterdir()] == ["filler"]
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)
    assert sorted(folder.iterdir()) == kept


def test_recovery_fails_a_clip_cut_short_by_a_crash(site, tmp_path):
    """A recorder killed while extracting: at the next start the clip says so and its part is gone."""
    rec = site
    sessions = open_index(database_url(rec.data.db_file))
    now = datetime.now(UTC)
    with sessions.begin() as s:
        clip = Clip(camera_id=1, requested_start=now, requested_end=now, start=now, end=now, name="cut short",
                    path="clips/cam_1/clip_9999.mp4", bytes=0, state="extracting")
        s.add(clip)
        # and one stopped after it was durable, before its SHA-256
        unsealed = Clip(camera_id=1, requested_start=now, requested_end=now, start=now, end=now, name="unsealed",
                        path="clips/cam_1/clip_9998.mp4", bytes=0, state="ready")
        s.add(unsealed)
    part = rec.data.clips / "cam_1" / ".clip_9999.part.mp4"
    part.write_bytes(b"partial")
    (rec.data.clips / "cam_1" / "clip_9998.mp4").write_bytes(b"a whole clip")
    maker = ClipMaker(rec.data, sessions)
    try:
        maker.recover()
        row, sealed = maker.get(clip.id), maker.get(unsealed.id)
        maker.delete(unsealed.id)
    finally:
        maker.close()
    assert row["state"] == "failed" and "stopped while this clip was being made" in row["error"]
    assert not part.exists()
    assert sealed["state"] == "ready" and sealed["sha256"] == hashlib.sha256(b"a whole clip").hexdigest()


def test_cli_makes_clips_while_recording_is_stopped(site):
    """Last in this file: it stops the recorder. The command line then does the work itself."""
    rec = site
    seg = rec.segments(1)[-1]
    assert rec.stop() == 0
    made = cli_json(rec.data_dir, "clip", "create", "--camera", "1", "--start", seg["start"],
                    "--end", seg["end"], "--name", "offline")
    assert made["state"] == "ready" and made["sha256"]
    path = rec.data.absolute(made["path"])
    assert decodes(path) and hashlib.sha256(path.read_bytes()).hexdigest() == made["sha256"]
    shown = cli(rec.data_dir, "clip", "show", str(made["id"])).stdout
    assert made["sha256"] in shown and "offline" in shown
