"""Live view through the recorder's relay: real cameras, real FFmpeg, real HTTP viewers."""

from __future__ import annotations

import socket
import subprocess
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest
import requests

from tests.harness import cli, wait_for

pytestmark = pytest.mark.slow  # real cameras and FFmpeg for a while


def add(data_dir, url, *extra) -> int:
    return int(cli(data_dir, "camera", "add", "--name", "cam", "--url", url, *extra).stdout)


def grab(url: str, seconds: float, dest: Path) -> int:
    """Read a live stream for a while like a player would; returns the bytes received."""
    got = 0
    deadline = time.monotonic() + seconds
    with requests.get(url, stream=True, timeout=10) as r, dest.open("wb") as f:
        assert r.status_code == 200, r.text
        assert r.headers["content-type"] == "video/mp2t"
        for chunk in r.iter_content(65536):
            f.write(chunk)
            got += len(chunk)
            if time.monotonic() > deadline:
                break
    return got


def video_frames(path: Path) -> tuple[str, int]:
    """Codec and resolution of the stream, and how many frames decode."""
    info = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames",
                           "-show_entries", "stream=codec_name,width,height,nb_read_frames", "-of", "csv=p=0",
                           str(path)], capture_output=True, text=True, timeout=60).stdout.strip()
    codec, width, height, frames = info.splitlines()[0].split(",")[:4]
    return f"{codec} {width}x{height}", int(frames)


def ffmpegs(url: str) -> list[str]:
    """Command lines of the FFmpegs reading this URL."""
    out = subprocess.run(["pgrep", "-af", "ffmpeg"], capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if f"-i {url} " in line]


def test_main_and_substream_reach_several_viewers(tmp_path, camera_factory, recorder_factory):
    cam = camera_factory(sub_path="/sub")
    sub_url = cam.url.replace("/cam", "/sub")
    cid = add(tmp_path / "data", cam.url, "--sub-url", sub_url)
    rec = recorder_factory().start()
    wait_for(lambda: rec.camera_status(cid)["state"] == "recording", 30, what="recording")
    base = f"{rec.base}/api/cameras/{cid}/live?token={rec.token}"
    results: dict[str, int] = {}
    jobs = {"main-a": base, "main-b": base, "sub": base + "&stream=sub"}
    threads = [threading.Thread(target=lambda k=k, u=u: results.__setitem__(k, grab(u, 4, tmp_path / f"{k}.ts")))
               for k, u in jobs.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert set(results) == set(jobs) and all(results.values()), results
    for name in ("main-a", "main-b"):
        desc, frames = video_frames(tmp_path / f"{name}.ts")
        assert desc == "h264 640x360" and frames >= 15, (name, desc, frames)
    desc, frames = video_frames(tmp_path / "sub.ts")
    assert desc == "h264 320x180" and frames >= 10, (desc, frames)
    # With a substream for the grid, the recording sends no live copy: the main stream had
    # its own connection while watched. Both end a little after their last viewer.
    wait_for(lambda: not ffmpegs(sub_url) and len(ffmpegs(cam.url)) == 1, 25, what="live FFmpegs to end")
    recording = ffmpegs(cam.url)[0]
    assert "mpegts" not in recording and "-f segment" in recording, recording
    assert rec.camera_status(cid)["state"] == "recording"


def test_a_stuck_viewer_costs_no_segment(tmp_path, camera_factory, recorder_factory):
    cam = camera_factory(bitrate_kbps=2000)
    cid = add(tmp_path / "data", cam.url)
    rec = recorder_factory().start()
    wait_for(lambda: rec.camera_status(cid)["state"] == "recording", 30, what="recording")
    first = len(rec.segments(cid))
    # A viewer that asks for the stream and never reads a byte (a hung client).
    stuck = socket.socket()
    stuck.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    stuck.connect(("127.0.0.1", rec.runtime()["port"]))
    host = f"127.0.0.1:{rec.runtime()['port']}"
    stuck.sendall(f"GET /api/cameras/{cid}/live?token={rec.token} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    try:
        # meanwhile a healthy viewer keeps getting video
        got = grab(f"{rec.base}/api/cameras/{cid}/live?token={rec.token}", 22, tmp_path / "ok.ts")
        assert got > 22 * 2000 / 8 * 1000 * 0.5, got
        feed = rec.api("GET", "/api/status").json()["live_viewers"][f"camera {cid} main"]
        assert feed["viewers"] >= 1 and feed["skipped_bytes"] > 0, feed
    finally:
        stuck.close()
    wait_for(lambda: len(rec.segments(cid)) >= first + 5, 20, what="segments")
    segs = rec.segments(cid)
    starts = [datetime.fromisoformat(s["start"]).timestamp() for s in segs]
    ends = [datetime.fromisoformat(s["end"]).timestamp() for s in segs]
    holes = [round(b - a, 2) for a, b in zip(ends, starts[1:]) if b - a > 0.5]
    assert not holes, holes
    assert not [e for e in rec.events(cid) if e["start"] > segs[0]["start"]]


def test_a_stop_from_the_api_does_not_wait_for_live_viewers(tmp_path, camera_factory, recorder_factory):
    """A live stream never ends by itself: the server must not wait for its viewers to leave
    before the recorder stops ("Quit and stop recording" with the grid open)."""
    cam = camera_factory()
    cid = add(tmp_path / "data", cam.url)
    rec = recorder_factory().start()
    wait_for(lambda: rec.camera_status(cid)["state"] == "recording", 30, what="recording")
    with requests.get(f"{rec.base}/api/cameras/{cid}/live?token={rec.token}", stream=True, timeout=10) as viewer:
        assert next(viewer.iter_content(4096))  # watching
        assert rec.api("POST", "/api/shutdown").status_code == 200
        # 10 s: the server's grace for open requests, FFmpeg's finalisation, the index
        rec.proc.wait(15)
    assert rec.proc.returncode == 0, rec.log()
