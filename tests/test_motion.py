"""Motion detection: the pure comparison and run logic on made-up pictures, then real RTSP
cameras whose motion happens at known times (a box crossing a still scene on a schedule of
the wall clock), scored for precision and recall; settings applied without a restart."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from recorder.events.motion import (
    HEIGHT,
    MAX_EVENT,
    OUTPUT_LAG_FRAMES,
    WIDTH,
    Detector,
    MotionSettings,
    MotionWatcher,
    Track,
    watched_blocks,
)
from recorder.index.db import database_url, open_index
from recorder.index.models import Camera, Event
from recorder.paths import DataDir
from tests.harness import cli, ffmpeg_pids, motion_windows, new_camera, score_motion, wait_for

T0 = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
CLOCK = [0.0, 0.0, 0.75, 0.15]  # where the demo camera draws its name and clock


def scene(box_x: int | None = None, level: int = 0) -> np.ndarray:
    rng = np.random.default_rng(1)
    frame = np.clip(rng.normal(100, 3, (HEIGHT, WIDTH)) + level, 0, 255).astype(np.uint8)  # a little noise
    if box_x is not None:
        frame[70:115, box_x:box_x + 64] = 240
    return frame


# -- the comparison -------------------------------------------------------------------------

def test_a_moving_box_is_motion_and_noise_is_not():
    d = Detector(MotionSettings())
    assert d.changed_share(scene()) is None  # nothing to compare with yet
    assert not d.moving(d.changed_share(scene()))
    share = d.changed_share(scene(box_x=20))
    assert d.moving(share) and 0.04 < share < 0.1
    assert d.moving(d.changed_share(scene(box_x=120)))
    assert not d.moving(d.changed_share(scene(box_x=120)))  # it stopped


def test_the_mask_hides_what_happens_under_it():
    d = Detector(MotionSettings(mask=((0.0, 0.3, 0.6, 0.4),)))  # covers the box's path
    d.changed_share(scene())
    assert not d.moving(d.changed_share(scene(box_x=20)))
    assert not d.moving(d.changed_share(scene(box_x=120)))
    assert d.moving(d.changed_share(scene(box_x=250)))  # out from under it
    keep = watched_blocks([(0.5, 0.5, 0.5, 0.5)])
    assert keep.shape == (45, 80) and keep.sum() == 45 * 80 - 23 * 40


def test_lights_switched_on_are_not_motion():
    d = Detector(MotionSettings(sensitivity=100))
    d.changed_share(scene())
    assert d.changed_share(scene(level=80)) is None


def test_sensitivity_decides_how_small_a_change_counts():
    small = scene()
    small[8:16, 8:16] = 250  # 4 blocks: 0.11 % of the picture
    low, mid, high = (Detector(MotionSettings(sensitivity=s)) for s in (1, 50, 100))
    for d in (low, mid, high):
        d.changed_share(scene())
    assert [d.moving(d.changed_share(small)) for d in (low, mid, high)] == [False, False, True]
    assert MotionSettings(sensitivity=1).min_share > MotionSettings(sensitivity=50).min_share > \
        MotionSettings(sensitivity=100).min_share
    assert MotionSettings(sensitivity=100).pixel_threshold < MotionSettings(sensitivity=1).pixel_threshold


# -- runs of motion -----------------------------------------------------------------------

def feed(track: Track, seconds_moving: dict[int, bool], until: int) -> list[tuple[str, datetime, float]]:
    out = []
    for s in range(until):
        out += track.frame(T0 + timedelta(seconds=s), seconds_moving.get(s, False), 0.1)
    return out


def test_a_run_is_dated_half_way_between_pictures_and_ends_after_a_pause():
    changes = feed(Track(), {10: True, 11: True, 13: True, 30: True}, 34)
    starts = [c[1] for c in changes if c[0] == "start"]
    ends = [c[1] for c in changes if c[0] == "end"]
    lag = timedelta(seconds=OUTPUT_LAG_FRAMES)  # one picture a second
    assert starts == [T0 + timedelta(seconds=9.5) - lag, T0 + timedelta(seconds=29.5) - lag]
    assert ends == [T0 + timedelta(seconds=12.5) - lag]  # a 2 s pause stays one event; over 5 s of calm ends it
    track = Track()
    feed(track, {5: True}, 6)
    assert track.active and track.close() == [("end", T0 + timedelta(seconds=4.5) - lag, 0.1)]


def test_a_camera_that_stops_sending_ends_its_run_and_busy_scenes_are_cut():
    track = Track()
    feed(track, {2: True, 3: True}, 4)
    assert track.tick(T0 + timedelta(seconds=8)) == []
    assert track.tick(T0 + timedelta(seconds=20)) == [("end", T0 + timedelta(seconds=2.5 - OUTPUT_LAG_FRAMES), 0.1)]
    busy = feed(Track(), {s: True for s in range(1000)}, 1000)
    assert [c[0] for c in busy] == ["start", "end", "start"]
    assert MAX_EVENT <= busy[1][1] - busy[0][1] < MAX_EVENT + timedelta(seconds=1)


def test_runs_left_open_by_a_crash_are_closed_at_start_up(tmp_path):
    data = DataDir(tmp_path)
    data.create()
    sessions = open_index(database_url(data.db_file))
    with sessions.begin() as s:
        s.add(Camera(id=1, name="Gate", url="rtsp://x/y"))
        s.add(Event(camera_id=1, kind="motion", start=T0))
        s.add(Event(camera_id=1, kind="offline", start=T0))  # an outage still going on stays open
    assert MotionWatcher(sessions).recover() == 1
    with sessions() as s:
        ends = {e.kind: e.end for e in s.query(Event)}
    assert ends == {"motion": T0, "offline": None}


# -- settings through the API -------------------------------------------------------------

@pytest.mark.parametrize("bad", [{"motion_sensitivity": 0}, {"motion_sensitivity": 101},
                                 {"motion_mask": [[0, 0, 1.5, 0.2]]}, {"motion_mask": [[0.1, 0.1, 0.2]]},
                                 {"motion_mask": [[0.5, 0.5, 0.6, 0.1]]}, {"motion_mask": [["a", 0, 1, 1]]},
                                 {"motion_mask": [[0, 0, 0, 0.5]]}, {"motion_mask": [[0, 0, 0.1, 0.1]] * 33}])
def test_bad_motion_settings_are_refused_and_change_nothing(client, bad):
    cam = new_camera(client, motion_sensitivity=70, motion_mask=[CLOCK])
    r = client.patch(f"/api/cameras/{cam['id']}", json=bad | {"name": "Renamed"})
    assert r.status_code in (400, 422), r.text
    assert "motion" in r.json()["detail"] or "mask" in r.json()["detail"]
    now = client.get(f"/api/cameras/{cam['id']}").json()
    assert (now["name"], now["motion_sensitivity"], now["motion_mask"]) == ("Gate", 70, [CLOCK])


def test_motion_settings_are_kept_and_cleared(client):
    cam = new_camera(client)
    assert (cam["motion_enabled"], cam["motion_sensitivity"], cam["motion_mask"]) == (True, 50, [])
    r = client.patch(f"/api/cameras/{cam['id']}", json={"motion_enabled": False, "motion_mask": [CLOCK]})
    assert (r.json()["motion_enabled"], r.json()["motion_mask"]) == (False, [CLOCK])
    r = client.patch(f"/api/cameras/{cam['id']}", json={"motion_mask": None, "name": "Gate 2"})
    assert (r.json()["motion_enabled"], r.json()["motion_mask"], r.json()["name"]) == (False, [], "Gate 2")


# -- real cameras ---------------------------------------------------------------------------

PERIOD, ON = 12.0, 4.0


def ts(text: str) -> float:
    return datetime.fromisoformat(text).timestamp()


def recorded_a_window(rec, period: float, on: float, camera: int = 1) -> None:
    """Wait until closed segments hold one whole motion window of the demo camera."""
    def covered() -> bool:
        segs = rec.segments(camera)
        return bool(segs) and bool(motion_windows(ts(segs[0]["start"]), ts(segs[-1]["end"]), period, on))
    wait_for(covered, 60, 0.5, "a motion window recorded")


@pytest.mark.slow
def test_motion_at_known_times_is_found_with_full_precision_and_recall(tmp_path, camera_factory,
                                                                       recorder_factory):
    h264 = camera_factory(motion_period=PERIOD, motion_on=ON, gop_seconds=1)
    h265 = camera_factory(motion_period=PERIOD, motion_on=ON, gop_seconds=1, codec="h265")
    data = tmp_path / "data"
    cli(data, "camera", "add", "--name", "Default", "--url", h264.url)
    cli(data, "camera", "add", "--name", "Sensitive, clock masked", "--url", h264.url,
        "--motion-sensitivity", "100", "--motion-mask", ",".join(map(str, CLOCK)))
    cli(data, "camera", "add", "--name", "Sensitive", "--url", h264.url, "--motion-sensitivity", "100")
    cli(data, "camera", "add", "--name", "H.265", "--url", h265.url)
    rec = recorder_factory(data, segment_seconds=10).start()
    wait_for(lambda: all(c["state"] == "recording" for c in rec.api("GET", "/api/status").json()["cameras"]),
             60, 1, "four cameras recording")
    # three whole motion windows from now, however slowly the machine goes: the period ends
    # after the third, once each camera's event of it is closed (or has had long enough)
    t0 = time.time() + 2
    windows = motion_windows(t0, t0 + 4 * PERIOD, PERIOD, ON)[:3]
    t1 = windows[-1][1] + 2
    wait_for(lambda: time.time() >= t1, 4 * PERIOD + 5, 0.5, "three motion windows")

    def last_window_closed(cam: int) -> bool:
        a, b = windows[-1]
        return any(e["end"] and ts(e["start"]) <= b + 1.5 and ts(e["end"]) >= a - 1.5
                   for e in rec.events(cam, motion=True) if e["kind"] == "motion")
    wait_for(lambda: all(last_window_closed(cam) for cam in (1, 2, 4)), 30, 1, "the last window's events")
    assert rec.stop() == 0
    assert len(windows) == 3 and motion_windows(t0, t1, PERIOD, ON) == windows
    for cam in (1, 2, 4):
        score = score_motion(rec.events(cam, motion=True), PERIOD, ON, t0, t1, slack=1.5)
        assert (score["precision"], score["recall"]) == (1.0, 1.0), (cam, score)
        assert all(abs(e) <= 1.5 for e in score["start_errors"] + score["end_errors"]), (cam, score)
    # The clock's digits change every second: a camera this sensitive sees them unless masked.
    quiet = [datetime.fromtimestamp(b + (PERIOD - ON) / 2, UTC) for a, b in windows]
    spans = [(datetime.fromisoformat(e["start"]), datetime.fromisoformat(e["end"]))
             for e in rec.events(3, motion=True) if e["kind"] == "motion"]
    assert any(s <= q <= e for q in quiet for s, e in spans), (quiet, spans)


@pytest.mark.slow
def test_turning_motion_on_applies_at_once_without_restarting_the_recording(tmp_path, camera_factory,
                                                                           recorder_factory):
    cam = camera_factory(motion_period=10.0, motion_on=3.0, gop_seconds=1)
    data = tmp_path / "data"
    cli(data, "camera", "add", "--name", "Door", "--url", cam.url, "--motion", "off")
    rec = recorder_factory(data, segment_seconds=10).start()
    wait_for(lambda: rec.camera_status(1)["state"] == "recording", 60, 1, "recording")
    pid = ffmpeg_pids(data, recording_only=True)
    # footage of a whole motion window on disk, so detection would have had its chance
    recorded_a_window(rec, 10.0, 3.0)
    assert not [e for e in rec.events(1, motion=True) if e["kind"] == "motion"]
    assert rec.api("PATCH", "/api/cameras/1", json={"motion_enabled": True}).status_code == 200
    wait_for(lambda: rec.camera_status(1)["motion_active"], 20, 0.2, "motion seen")
    wait_for(lambda: [e for e in rec.events(1, motion=True) if e["kind"] == "motion" and e["end"]], 25, 1, "a motion event")
    assert ffmpeg_pids(data, recording_only=True) == pid  # the same FFmpeg: no gap in the footage
    assert rec.stop() == 0
    assert all(e["end"] for e in rec.events(1, motion=True) if e["kind"] == "motion")  # closed on the way out


@pytest.mark.slow
def test_a_recorder_without_motion_decodes_nothing(tmp_path, camera_factory, recorder_factory):
    cam = camera_factory(motion_period=4.0, motion_on=2.0, gop_seconds=1)
    data = tmp_path / "data"
    cli(data, "camera", "add", "--name", "Door", "--url", cam.url)
    rec = recorder_factory(data, segment_seconds=10, extra=("--no-motion",)).start()
    wait_for(lambda: rec.camera_status(1)["state"] == "recording", 60, 1, "recording")
    pid, = ffmpeg_pids(data, recording_only=True)
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        assert b"skip_frame" not in f.read()
    recorded_a_window(rec, 4.0, 2.0)
    assert rec.stop() == 0
    assert not [e for e in rec.events(1, motion=True) if e["kind"] == "motion"]
