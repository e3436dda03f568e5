"""Real parts: GStreamer RTSP cameras, the real recorder process, real FFmpeg and SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest

from recorder.demo import DemoCamera
from tests.harness import RecorderProcess, cli, cli_json, decodes, ffmpeg_pids, wait_for  # noqa: F401


@pytest.fixture
def camera_factory():
    cams: list[DemoCamera] = []

    def make(**options) -> DemoCamera:
        cam = DemoCamera(**options)
        cam.start()
        cams.append(cam)
        return cam

    yield make
    for cam in cams:
        try:
            cam.resume()
        except (OSError, TypeError, AttributeError):
            pass
        cam.stop()


@pytest.fixture
def recorder_factory(tmp_path):
    procs: list[RecorderProcess] = []

    def make(data_dir: Path | None = None, **kw) -> RecorderProcess:
        rec = RecorderProcess(data_dir or tmp_path / "data", **kw)
        procs.append(rec)
        return rec

    yield make
    for rec in procs:
        if rec.proc and rec.proc.poll() is None:
            rec.stop()
    for rec in procs:
        leftover = ffmpeg_pids(rec.data_dir)
        assert not leftover, f"FFmpeg left running: {leftover}"
