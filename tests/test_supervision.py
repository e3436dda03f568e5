"""Cameras that drop, FFmpeg or the recorder killed, stalls, bad credentials: nothing lost,
every outage on record, and a clear reason in the status."""

from __future__ import annotations

import os
import signal
import socket
import threading
import time
from datetime import datetime

import pytest

from tests.harness import cli, decodes, ffmpeg_pids, footage_written, wait_for

pytestmark = pytest.mark.slow  # real cameras and FFmpeg for a while

SEGMENT_S = 4


PASSWORD = "p'w\\ @:/%#x"  # a camera with it is read through a private concat list
CREDENTIALS = pytest.mark.parametrize("auth", [{}, {"user": "admin", "password": PASSWORD}], ids=["plain", "password"])


def add(data_dir, url, *extra, auth: dict | None = None) -> int:
    if auth:
        extra += ("--username", auth["user"], "--password-stdin")
    return int(cli(data_dir, "camera", "add", "--name", "cam", "--url", url, *extra,
                   input=auth["password"] + "\n" if auth else None).stdout)


def recording(rec, cid) -> bool:
    return rec.camera_status(cid)["state"] == "recording"


def ts(text: str) -> float:
    return datetime.fromisoformat(text).timestamp()


@CREDENTIALS
def test_camera_drop_is_an_outage_and_recording_resumes(tmp_path, camera_factory, recorder_factory, auth):
    cam = camera_factory(**auth)
    cid = add(tmp_path / "data", cam.url, auth=auth)
    rec = recorder_factory().start()
    wait_for(lambda: len(rec.segments(cid)) >= 1, 30, what="first segment")
    cam.stop()
    down_at = time.time()
    # first "closed the connection", then on each retry "refused"
    wait_for(lambda: "refused" in (rec.camera_status(cid)["error"] or ""), 20, what="camera seen down")
    time.sleep(3)
    back = camera_factory(port=cam.port, **auth)
    up_at = time.time()
    wait_for(lambda: recording(rec, cid), 30, what="recording again")
    wait_for(lambda: any(ts(s["start"]) > up_at for s in rec.segments(cid)), 30, what="segment after return")
    events = [e for e in rec.events(cid) if e["kind"] == "offline"]
    assert len(events) == 1
    ev = events[0]
    assert ev["end"] is not None and ev["label"]
    assert down_at - 3 < ts(ev["start"]) <= down_at + 1
    segs = rec.segments(cid)
    before = max(ts(s["end"]) for s in segs if ts(s["end"]) <= down_at + 1)
    after = min(ts(s["start"]) for s in segs if ts(s["start"]) >= before)
    outage = up_at - down_at
    # gap beyond the camera's own absence: at most the reconnect wait (2 s here) + 3 s
    assert (after - before) - outage <= 2 + 3, (after - before, outage)
    assert abs(ts(ev["end"]) - after) < 1.5
    back.stop()


def test_ffmpeg_killed_keeps_footage_up_to_the_kill(tmp_path, camera_factory, recorder_factory):
    cam = camera_factory(gop_seconds=1)
    cid = add(tmp_path / "data", cam.url)
    rec = recorder_factory(segment_seconds=30).start()
    wait_for(lambda: footage_written(rec, cid, 5), 30, 0.5, "well into the first segment")
    [pid] = ffmpeg_pids(rec.data_dir, recording_only=True)
    os.kill(pid, signal.SIGKILL)
    killed_at = time.time()
    # what the dead FFmpeg left is indexed before a new one starts (a clock boundary may
    # have closed a whole segment shortly before the kill: that one is not the cut one)
    wait_for(lambda: recording(rec, cid) and ffmpeg_pids(rec.data_dir, True) not in ([], [pid]), 30,
             what="FFmpeg restarted")
    cut = max((s for s in rec.segments(cid) if ts(s["end"]) <= killed_at + 1), key=lambda s: ts(s["end"]))
    assert killed_at - ts(cut["end"]) <= 2.0, "more than one keyframe interval lost"
    assert decodes(rec.data.absolute(cut["path"]))


def test_recorder_killed_leaves_no_ffmpeg_and_loses_nothing(tmp_path, camera_factory, recorder_factory):
    cam = camera_factory()
    data_dir = tmp_path / "data"
    cid = add(data_dir, cam.url)
    rec = recorder_factory(data_dir, segment_seconds=30).start()
    wait_for(lambda: footage_written(rec, cid, 5), 30, 0.5, "footage on disk")
    rec.proc.kill()
    killed_at = time.time()
    rec.proc.wait()
    wait_for(lambda: not ffmpeg_pids(data_dir), 5, what="FFmpeg gone with its recorder")
    assert list((rec.data.incoming_dir(cid)).glob("*.mp4")), "the cut segment should await recovery"
    rec2 = recorder_factory(data_dir, segment_seconds=30).start()
    wait_for(lambda: recording(rec2, cid), 30, what="recording after restart")  # recovery comes first
    cut = max((s for s in rec2.segments(cid) if ts(s["end"]) <= killed_at + 1), key=lambda s: ts(s["end"]))
    assert killed_at - ts(cut["end"]) <= 2.0
    assert sum(s["duration"] for s in rec2.segments(cid) if ts(s["end"]) <= killed_at + 1) >= 4
    assert decodes(rec2.data.absolute(cut["path"]))


def test_sigterm_finalises_the_last_segment(tmp_path, camera_factory, recorder_factory):
    cam = camera_factory()
    cid = add(tmp_path / "data", cam.url)
    rec = recorder_factory(segment_seconds=30).start()
    wait_for(lambda: footage_written(rec, cid, 4), 30, 0.5, "footage on disk")
    assert rec.stop(signal.SIGTERM) == 0
    stopped_at = time.time()
    assert not ffmpeg_pids(rec.data_dir)
    assert not list(rec.data.incoming_dir(cid).glob("*.mp4"))
    segs = rec.segments(cid)  # one, or two if a clock boundary fell inside
    assert segs and stopped_at - ts(segs[-1]["end"]) < 3
    assert all(decodes(rec.data.absolute(s["path"])) for s in segs)
    assert not rec.data.runtime_file.exists()


def test_one_recorder_per_data_dir(tmp_path, recorder_factory):
    rec = recorder_factory().start()
    second = cli(tmp_path / "data", "run", check=False)
    assert second.returncode == 3
    assert "already running" in second.stderr
    assert rec.proc.poll() is None


def test_wrong_password_is_said_and_never_shown(tmp_path, camera_factory, recorder_factory):
    secret = "Sup3r-Secret!"
    cam = camera_factory(user="admin", password="right-one")
    data_dir = tmp_path / "data"
    cid = add(data_dir, cam.url, "--username", "admin", "--password", secret)
    rec = recorder_factory(data_dir).start()
    wait_for(lambda: rec.camera_status(cid)["error"], 30, what="an error")
    assert rec.camera_status(cid)["error"] == "wrong username or password"
    wait_for(lambda: rec.events(cid), 10, what="outage event")
    status_text = rec.api("GET", "/api/status").text + rec.api("GET", "/api/cameras").text
    rec.stop()
    everything = [status_text, cli(data_dir, "--json", "events", "--from", "2000-01-01").stdout,
                  cli(data_dir, "--json", "camera", "list").stdout]
    everything += [p.read_bytes().decode(errors="replace") for p in data_dir.rglob("*") if p.is_file()]
    for text in everything:
        assert secret not in text


@pytest.mark.parametrize("password", ["p@ss:w/rd", PASSWORD])
def test_right_password_records(tmp_path, camera_factory, recorder_factory, password):
    cam = camera_factory(user="admin", password=password)
    data_dir = tmp_path / "data"
    cid = add(data_dir, cam.url, auth={"user": "admin", "password": password})
    rec = recorder_factory(data_dir).start()
    wait_for(lambda: rec.segments(cid), 30, what="a segment")


@pytest.fixture
def silent_server():
    """A TCP port that accepts and then never answers, like a hung camera."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    conns = []
    threading.Thread(target=lambda: [conns.append(srv.accept()) for _ in range(8)], daemon=True).start()
    yield srv.getsockname()[1]
    srv.close()


def test_unreachable_and_wrong_path_are_explained(tmp_path, camera_factory, recorder_factory, silent_server):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    closed_port = closed.getsockname()[1]
    closed.close()
    cam = camera_factory()
    data_dir = tmp_path / "data"
    refused = add(data_dir, f"rtsp://127.0.0.1:{closed_port}/cam")
    silent = add(data_dir, f"rtsp://127.0.0.1:{silent_server}/cam")
    wrong_path = add(data_dir, cam.url.replace("/cam", "/nothing-here"))
    rec = recorder_factory(data_dir).start()
    wait_for(lambda: all(rec.camera_status(c)["error"] for c in (refused, silent, wrong_path)), 40, what="errors")
    assert "127.0.0.1 refused the connection" in rec.camera_status(refused)["error"]
    assert rec.camera_status(silent)["error"] == "no answer from 127.0.0.1"
    assert "no stream at this address" in rec.camera_status(wrong_path)["error"]


@CREDENTIALS
def test_frozen_camera_is_an_outage_then_recovers(tmp_path, camera_factory, recorder_factory, auth):
    cam = camera_factory(**auth)
    cid = add(tmp_path / "data", cam.url, auth=auth)
    rec = recorder_factory().start()
    wait_for(lambda: recording(rec, cid), 30, what="recording")
    cam.pause()
    wait_for(lambda: rec.camera_status(cid)["state"] != "recording", 30, what="freeze noticed")
    cam.resume()
    wait_for(lambda: recording(rec, cid), 40, what="recording again")
    events = rec.events(cid)
    assert len(events) == 1 and events[0]["end"]


def test_watchdog_restarts_a_hung_ffmpeg(tmp_path, camera_factory, recorder_factory):
    cam = camera_factory()
    cid = add(tmp_path / "data", cam.url)
    rec = recorder_factory(extra=("--stall-seconds", "10")).start()
    wait_for(lambda: recording(rec, cid), 30, what="recording")
    [pid] = ffmpeg_pids(rec.data_dir, recording_only=True)
    os.kill(pid, signal.SIGSTOP)
    wait_for(lambda: ffmpeg_pids(rec.data_dir, True) and pid not in ffmpeg_pids(rec.data_dir, True), 20,
             what="hung FFmpeg replaced")
    wait_for(lambda: recording(rec, cid), 30, what="recording again")
    assert "restarting FFmpeg" in rec.log()


def test_outage_survives_a_recorder_crash_as_one_event(tmp_path, recorder_factory):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    data_dir = tmp_path / "data"
    cid = add(data_dir, f"rtsp://127.0.0.1:{port}/cam")
    rec = recorder_factory(data_dir).start()
    wait_for(lambda: rec.events(cid), 20, what="outage event")
    rec.proc.kill()
    rec.proc.wait()
    rec2 = recorder_factory(data_dir).start()
    wait_for(lambda: rec2.camera_status(cid)["error"], 20, what="camera still down")
    events = rec2.events(cid)
    assert len(events) == 1 and events[0]["end"] is None
    rec2.stop()
    [ev] = rec2.events(cid)
    assert ev["end"] is not None  # closed when the recorder stopped watching
