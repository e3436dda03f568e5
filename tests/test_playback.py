"""The playback window on a real recording of a real RTSP camera, on a real X server: the
camera draws its wall clock on every frame (demo_camera.py --timecode), so the test can read
which instant is on the screen and compare it with what the player says and was asked for."""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtGui import QImage, qGray
from PySide6.QtTest import QTest

from recorder.demo import read_timecode
from tests.harness import cli, grab, lit_fraction

pytestmark = [pytest.mark.slow,  # real cameras, and video on an X server
              pytest.mark.skipif(os.environ.get("QT_QPA_PLATFORM") == "offscreen",
                                 reason="needs a real X server for libVLC's video")]
TOLERANCE_S = 1.0  # the "the frame shown for T is the one the camera sent at T (±1 s)"


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def on_screen(win, tmp_path) -> tuple[float, float]:
    """(instant drawn on the frame libVLC shows, instant the player says it shows), epoch s."""
    path = tmp_path / f"frame-{time.monotonic_ns()}.png"
    for _ in range(20):  # just after a file opens, its video output may not be there yet
        now = win.engine.now()
        if now is not None:
            said_before = now.timestamp()
            if win.engine.vlc.snapshot(path):
                break
        QTest.qWait(100)
    assert now is not None, ("nothing on screen", win.notice.text(), win.engine.span, win.engine.standby)
    said_after = win.engine.now().timestamp()
    img = QImage(str(path))
    drawn = read_timecode(lambda x, y: qGray(img.pixel(x, y)), img.width(), img.height(), said_before)
    assert drawn is not None, f"no timecode on {path}"
    return drawn, (said_before + said_after) / 2


def agreed_clock(win, tmp_path) -> tuple[float, float]:
    """(instant drawn, monotonic time) of a frame whose clock agrees with the player within a
    few seconds. At 4x on a starved machine libVLC's decoder may show a frame it had to hurry,
    and one wrong bit of the drawn clock reads as another day: such a frame is read again."""
    for _ in range(5):
        drawn, said = on_screen(win, tmp_path)
        if abs(drawn - said) <= 4 * TOLERANCE_S:
            return drawn, time.monotonic()
    raise AssertionError(("no frame whose clock agrees with the player", drawn, said))


def play_until(qtbot, win, predicate, timeout_ms=15_000):
    qtbot.waitUntil(lambda: bool(predicate()), timeout=timeout_ms)


def test_the_frame_shown_is_the_one_recorded_at_that_time(qtbot, player, recording, tmp_path):
    win = player
    segs = recording.segments(1)
    # the timeline holds what the index holds
    qtbot.waitUntil(lambda: bool(win.timeline.runs), timeout=10_000)
    assert win.timeline.runs[0][0] == _utc(segs[0]["start"])
    # at the live edge, as opened from the grid
    qtbot.wait(1500)
    drawn, said = on_screen(win, tmp_path)
    assert abs(drawn - said) <= TOLERANCE_S, ("live edge", drawn, said)
    assert abs(drawn - (time.time() - 10)) < 5  # opened ~10 s before now
    # after seeks: into a file, and to a moment in another file
    for target in (_utc(segs[1]["start"]) + timedelta(seconds=2.3), _utc(segs[4]["start"]) + timedelta(seconds=0.6)):
        asked = time.monotonic()
        win.seek(target)
        play_until(qtbot, win, lambda: win.engine.now() and abs(win.engine.now() - target) < timedelta(seconds=3))
        qtbot.wait(700)
        drawn, said = on_screen(win, tmp_path)
        played = time.monotonic() - asked
        assert abs(drawn - said) <= TOLERANCE_S, ("after seek", target, drawn, said)
        assert -TOLERANCE_S <= drawn - target.timestamp() <= played + TOLERANCE_S, ("seek target", target, drawn)
    # across segment boundaries, by itself
    boundary = _utc(segs[2]["end"])
    win.seek(boundary - timedelta(seconds=1.5))
    play_until(qtbot, win, lambda: win.engine.span and win.engine.span.id == segs[3]["id"])
    qtbot.wait(1000)
    drawn, said = on_screen(win, tmp_path)
    assert abs(drawn - said) <= TOLERANCE_S, ("after a boundary", drawn, said)
    assert drawn > boundary.timestamp()
    assert win.notice.text() == "", win.notice.text()  # a join is not news
    shot = grab(win)
    shot.save(str(tmp_path / "player.png"))
    # a 16:9 picture letterboxed in a near-square area fills ~57 % of it, and the test
    # camera's own picture has dark parts: a black area is ~0, a shown picture ~0.5
    assert lit_fraction(grab(win.video)) > 0.25, "the video area is black"
    # the clock shown to the guard is the frame's time, in local time
    shown = datetime.strptime(win.clock.text(), "%d/%m/%Y %H:%M:%S").astimezone()
    assert abs(shown.timestamp() - drawn) <= TOLERANCE_S + 1  # the label shows whole seconds


def test_events_show_on_the_timeline_and_the_player_jumps_to_them(qtbot, player, recording, tmp_path):
    from recorder.index.db import database_url, open_index
    from recorder.index.models import Event

    win = player
    segs = recording.segments(1)
    plate_at = _utc(segs[4]["start"]) + timedelta(seconds=2)
    motion_at = _utc(segs[1]["start"]) + timedelta(seconds=3)
    sessions = open_index(database_url(recording.data.db_file))
    with sessions.begin() as s:  # as the detectors will: rows in the index
        s.add(Event(camera_id=1, kind="plate", start=plate_at, label="ABC1D23", confidence=0.9))
        s.add(Event(camera_id=1, kind="motion", start=motion_at, end=motion_at + timedelta(seconds=2)))
    sessions.kw["bind"].dispose()
    win.refresh()
    qtbot.waitUntil(lambda: len(win.timeline.events) == 2, timeout=10_000)
    assert {e.kind for e in win.timeline.events} == {"plate", "motion"}
    win.seek(_utc(segs[0]["start"]) + timedelta(seconds=1))
    qtbot.waitUntil(lambda: win.engine.now() is not None and win.engine.now() < motion_at, timeout=10_000)
    win.jump_event(1)  # to the motion, 3 s before it
    assert "motion" in win.notice.text()
    qtbot.waitUntil(lambda: abs(win.engine.now() - (motion_at - timedelta(seconds=3))) < timedelta(seconds=1.5),
                    timeout=10_000)
    drawn, _ = on_screen(win, tmp_path)
    assert abs(drawn - (motion_at.timestamp() - 3)) <= TOLERANCE_S + 0.5
    win.jump_event(1)
    assert "licence plate — ABC1D23" in win.notice.text()
    qtbot.waitUntil(lambda: abs(win.engine.now() - (plate_at - timedelta(seconds=3))) < timedelta(seconds=1.5),
                    timeout=10_000)
    win.jump_event(-1)
    assert "motion" in win.notice.text()


def test_pause_frame_steps_speed_and_snapshot(qtbot, player, recording, tmp_path, monkeypatch):
    win = player
    segs = recording.segments(1)
    win.seek(_utc(segs[1]["start"]) + timedelta(seconds=1))
    play_until(qtbot, win, lambda: win.engine.span and win.engine.span.id == segs[1]["id"])
    qtbot.wait(500)
    positions = []
    win.engine.position.connect(positions.append)
    win.engine.set_playing(False)
    # libVLC pauses a moment after it is told: the clock's reports stop moving
    qtbot.waitUntil(lambda: len(positions) >= 2 and positions[-1] == positions[-2], timeout=5000)
    paused, _ = on_screen(win, tmp_path)
    later = len(positions)
    qtbot.waitUntil(lambda: len(positions) >= later + 4, timeout=5000)  # the clock ticked on 4 times
    assert on_screen(win, tmp_path)[0] == paused  # paused means the picture holds
    for _ in range(4):  # forward, a frame at a time (15 fps: 4 frames ≈ 0.27 s)
        win.engine.step(True)
        qtbot.wait(150)
    qtbot.wait(300)
    forward, _ = on_screen(win, tmp_path)
    assert 0 < forward - paused <= 0.6, (paused, forward)
    for _ in range(6):  # and back: exact seeks one frame earlier each
        win.engine.step(False)
        qtbot.wait(250)
    back, said = on_screen(win, tmp_path)
    # back it goes; how far is only as exact as libVLC's time after forward steps (up to ~1 s)
    assert back < forward and forward - back <= 1.5, (forward, back)
    assert abs(back - said) <= TOLERANCE_S, ("the clock after steps back", back, said)
    # 4x: about four seconds of footage per second
    win.speed.setCurrentIndex(win.speed.findData(4.0))
    win.engine.set_playing(True)
    qtbot.wait(700)
    a, t = agreed_clock(win, tmp_path)
    qtbot.wait(1500)
    b, u = agreed_clock(win, tmp_path)
    assert 2.5 <= (b - a) / (u - t) <= 5, ("speed", a, b)
    win.speed.setCurrentIndex(win.speed.findData(1.0))
    # the snapshot button's PNG: the frame on screen, full size
    monkeypatch.setenv("HOME", str(tmp_path))
    saved = win.snapshot()
    assert saved is not None and saved.exists(), win.notice.text()
    img = QImage(str(saved))
    assert (img.width(), img.height()) == (640, 360)
    assert read_timecode(lambda x, y: qGray(img.pixel(x, y)), 640, 360, time.time()) is not None
    saved.unlink()


def test_bad_cases_give_a_message_and_playback_goes_on(qtbot, player, recording, tmp_path):
    win = player
    segs = recording.segments(1)
    data = recording.data
    # a file deleted (by retention, say) before playback reaches it: skipped, said
    (data.absolute(segs[2]["path"])).unlink()
    win.seek(_utc(segs[1]["end"]) - timedelta(seconds=1))
    play_until(qtbot, win, lambda: win.engine.span and win.engine.span.id == segs[3]["id"])
    assert "no longer on disk" in win.notice.text()
    # a corrupt file: skipped with a message, the next one plays
    bad = data.absolute(segs[4]["path"])
    bad.write_bytes(os.urandom(4096))
    win.seek(_utc(segs[4]["start"]) + timedelta(seconds=1))
    play_until(qtbot, win, lambda: win.engine.span and win.engine.span.id > segs[4]["id"]
               and win.engine.now() is not None)
    assert "cannot be played" in win.notice.text() or "no longer" in win.notice.text(), win.notice.text()
    # a day without recordings: said, nothing playing, the timeline all gap
    win.load_day(date.today() - timedelta(days=3))
    qtbot.waitUntil(lambda: win.notice.text().startswith("No recording on"), timeout=10_000)
    assert win.timeline.runs == [] and win.engine.now() is None
    win.load_day(date.today())
    qtbot.waitUntil(lambda: win.engine.now() is not None, timeout=15_000)
    # the camera removed while its player is open: said, what was loaded still plays
    cli(data.root, "camera", "remove", "1")
    win.refresh()
    qtbot.waitUntil(lambda: "removed" in win.day_label.text(), timeout=10_000)
    before = win.engine.now()
    qtbot.waitUntil(lambda: win.engine.now() is not None and win.engine.now() > before, timeout=10_000)


def _open_files_under(root) -> set[str]:
    """Files of root this process holds open (libVLC's included: it runs in this process)."""
    found = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:  # closed meanwhile
            continue
        # the harness's own log of the recorder's output is no file of the recorder
        if target.startswith(str(root) + os.sep) and not target.endswith("test-recorder.out"):
            found.add(target)
    return found


def test_the_client_plays_through_the_api_and_opens_no_file_of_the_recorder(qtbot, player, recording):
    """The recorder runs under another account whose data dir the client cannot read: the live
    edge (where the player opened), files played and the next one opened ahead all come over HTTP."""
    win = player
    root = recording.data.root.resolve()
    seen: set[str] = set()

    def watch(seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            seen.update(_open_files_under(root))
            QTest.qWait(50)

    watch(3)
    segs = recording.segments(1)
    win.seek(_utc(segs[2]["end"]) - timedelta(seconds=2))  # plays into the next file, opened ahead
    watch(6)
    assert win.engine.span.id > segs[2]["id"], win.engine.span
    assert not seen, seen
