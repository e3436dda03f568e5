"""The demo site (`vms-recorder demo`, what the README's run command starts): its cameras come
up, record, keep their rows across runs, and go away with the recorder."""

from __future__ import annotations

import subprocess

import pytest

from tests.harness import RecorderProcess, all_recording, cli_json, ffmpeg_pids, wait_for

pytestmark = pytest.mark.slow  # real cameras and FFmpeg for a while


def demo_processes(data_dir) -> list[str]:
    out = subprocess.run(["pgrep", "-af", "demo_camera.py"], capture_output=True, text=True)
    return [line for line in out.stdout.splitlines() if "pgrep" not in line]


def run_demo(data_dir) -> RecorderProcess:
    rec = RecorderProcess(data_dir)
    rec.args = ["demo", "--cameras", "2", "--segment-seconds", "60"]
    return rec.start()


def test_demo_records_and_stops_cleanly(tmp_path):
    data_dir = tmp_path / "data"
    before = len(demo_processes(data_dir))
    for _ in range(2):  # the second run finds its cameras in the index, on new ports
        rec = run_demo(data_dir)
        try:
            wait_for(lambda: all_recording(rec), 40, what="demo cameras recording")
            cams = rec.api("GET", "/api/status").json()["cameras"]
            assert len(cams) == 2 and all(c["motion_enabled"] for c in cams)
        finally:
            assert rec.stop() == 0, rec.log()
        assert ffmpeg_pids(data_dir) == []
    names = [c["name"] for c in cli_json(data_dir, "camera", "list")]
    assert names == ["Demo 1 - Entrance", "Demo 2 - Parking"]
    wait_for(lambda: len(demo_processes(data_dir)) == before, 10, what="demo cameras gone")
