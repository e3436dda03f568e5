"""Frame loss per camera: a demo camera that loses one frame in twenty against a clean one,
recorded by the real recorder; the figures in status, the CLI and the storage view, and the
frame_loss event while the loss lasts."""

from __future__ import annotations

import pytest

from recorder.capture.frame_loss import FrameWindow
from tests.harness import cli, wait_for

pytestmark = pytest.mark.slow  # real cameras and FFmpeg for a while

WINDOW = 20  # seconds of stream per figure here (a minute in use)


def test_window_counts_frames_against_stream_time():
    w = FrameWindow(window=20)
    for i in range(10):  # 15 fps, a report every 5 s, 5 % missing
        w.add(6.9 + 5 * i, 101 + round(5 * i * 15 * 0.95), now=5.0 * i)
    fig = w.figure(15)
    assert fig["full"] and 24 >= fig["seconds"] >= 20
    assert 4.9 <= fig["percent"] <= 5.1
    assert w.figure(None) is None  # no nominal rate: no figure
    w.add(10_000, 2000, now=50.0)  # the camera's clock jumped ahead: not 99 % lost
    w.add(10_005, 2075, now=55.0)
    assert w.figure(15)["percent"] == 0.0 and not w.figure(15)["full"]


def _loss(rec, camera_id):
    fl = rec.camera_status(camera_id).get("frame_loss")
    return fl if fl and fl["full"] else None


def test_lossy_camera_is_measured_and_raises_an_event_until_it_recovers(tmp_path, camera_factory, recorder_factory,
                                                                         monkeypatch):
    monkeypatch.setenv("VMS_FRAME_LOSS_WINDOW", str(WINDOW))
    clean = camera_factory(fps=15)
    lossy = camera_factory(fps=15, drop_every=20)  # exactly 5 % of the frames, never a keyframe
    data = tmp_path / "data"
    cli(data, "camera", "add", "--name", "Clean", "--url", clean.url, "--motion", "off")
    cli(data, "camera", "add", "--name", "Lossy", "--url", lossy.url, "--motion", "off")
    rec = recorder_factory(data, segment_seconds=10).start()

    bad = wait_for(lambda: _loss(rec, 2), 90, 1, "a full window on the lossy camera")
    good = wait_for(lambda: _loss(rec, 1), 30, 1, "a full window on the clean camera")
    # One frame in 20 goes, so over 20 s (300 frames) 15 ± 1 are missing: 4.7 to 5.3 %.
    assert 4.3 <= bad["percent"] <= 5.7, bad
    assert good["percent"] < 0.1, good
    assert good["frames"] >= 0.95 * WINDOW * 15

    event = wait_for(lambda: [e for e in rec.events(2) if e["kind"] == "frame_loss"], 30, 1, "the frame loss event")[0]
    assert event["end"] is None and "% of frames lost" in event["label"]
    assert wait_for(lambda: rec.camera_status(2)["frame_loss"]["warning"], 15, 1, "the warning flag in status")
    assert not [e for e in rec.events(1) if e["kind"] == "frame_loss"]

    text = cli(data, "status").stdout
    assert "camera 2 Lossy: recording; frame loss" in text, text
    rows = {c["id"]: c for c in rec.api("GET", "/api/storage", timeout=30).json()["cameras"]}
    assert rows[2]["frame_loss"]["percent"] > 4 and rows[1]["frame_loss"]["percent"] < 0.1

    lossy.toggle_drops()  # the camera stops losing frames: the event ends once the window is clean
    ended = wait_for(lambda: [e for e in rec.events(2) if e["kind"] == "frame_loss" and e["end"]],
                     3 * WINDOW + 20, 1, "the frame loss event to end")
    assert len(ended) == 1 and len([e for e in rec.events(2) if e["kind"] == "frame_loss"]) == 1
    assert not rec.camera_status(2)["frame_loss"]["warning"]
    assert not [e for e in rec.events(1) if e["kind"] in ("frame_loss", "offline") and not e["end"]]
