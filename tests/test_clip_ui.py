"""Clips on the client: the range selector on a real timeline driven by real mouse and key
events, the export / checksum / verification files, and the create dialog and the saved clips
panel against a real recorder recording a real RTSP camera."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtTest import QTest

from recorder.paths import DataDir
from tests.harness import camera, changed_fraction, clip, grab, lit_fraction
from vms_api.client import ApiError
from vms_desktop.clips import clip_files
from vms_desktop.clips.clip_dialog import default_name, describe_missing, format_duration, format_range
from vms_desktop.playback.timeline import CLIP_EDGE, MIN_CLIP, Timeline
from vms_desktop.playback.timemap import local_day
from vms_desktop.settings import install_language

BERLIN = ZoneInfo("Europe/Berlin")
DAY = date(2026, 6, 15)
BAR_LEFT, BAR_WIDTH, BAR_Y = 8, 1000, 35  # resize(1016, 100): the bar is x 8..1008, y 22..48
LANE_Y = 73  # the clip lane under the markers: y 67..79


def local(h: int, m: int = 0, s: int = 0, day: date = DAY) -> datetime:
    return datetime(day.year, day.month, day.day, h, m, s, tzinfo=BERLIN).astimezone(UTC)


@pytest.fixture
def timeline(qtbot) -> Timeline:
    tl = Timeline(BERLIN)
    qtbot.addWidget(tl)
    tl.set_day(*local_day(DAY, BERLIN))
    tl.resize(BAR_LEFT * 2 + BAR_WIDTH, 100)
    with qtbot.waitExposed(tl):
        tl.show()
    return tl


def drag(qtbot, tl: Timeline, x0: float, x1: float, steps: int = 8) -> None:
    qtbot.mousePress(tl, Qt.LeftButton, pos=QPoint(round(x0), BAR_Y))
    for i in range(1, steps + 1):
        qtbot.mouseMove(tl, QPoint(round(x0 + (x1 - x0) * i / steps), BAR_Y))
        qtbot.wait(10)
    qtbot.mouseRelease(tl, Qt.LeftButton, pos=QPoint(round(x1), BAR_Y))


def near(a: datetime, b: datetime, tl: Timeline, px: float = 0.01) -> bool:
    """Equal to a fraction of a pixel (86 s per pixel on a whole day)."""
    return abs(a - b) <= (tl.view_end - tl.view_start) / BAR_WIDTH * px


# -- the range selector on the timeline -----------------------------------------------------------

def test_handles_drag_the_range_and_the_playhead_follows(qtbot, timeline):
    tl = timeline
    changes, seeks = [], []
    tl.selection_changed.connect(lambda a, b: changes.append((a, b)))
    tl.seek_requested.connect(seeks.append)
    tl.set_selection(local(10), local(14))
    x_in, x_out = tl.x_of(local(10)), tl.x_of(local(14))
    # hovering a handle says it can be dragged
    qtbot.mouseMove(tl, QPoint(round(x_in) + 3, BAR_Y))
    qtbot.waitUntil(lambda: tl.cursor().shape() == Qt.SizeHorCursor, timeout=2000)
    qtbot.mouseMove(tl, QPoint(round(x_in) + 40, BAR_Y))
    qtbot.waitUntil(lambda: tl.cursor().shape() == Qt.ArrowCursor, timeout=2000)

    # In, grabbed 3 px right of its line, dragged left: it keeps that offset, it does not jump
    grab = round(x_in) + 3
    offset = grab - x_in
    drag(qtbot, tl, grab, 300)
    assert near(tl.clip_in, tl.time_at(300 - offset), tl) and tl.clip_out == local(14)
    assert changes[-1] == (tl.clip_in, tl.clip_out)
    assert seeks and seeks[-1] == tl.clip_in == tl.playhead  # the frame at the cut is shown
    assert len(changes) >= 4  # the label follows during the drag, not only at the end

    # Out dragged past In: the handles swap roles, the range stays in order
    old_in = tl.clip_in
    drag(qtbot, tl, x_out, 150)
    assert tl.clip_out == old_in and near(tl.clip_in, tl.time_at(150 - (round(x_out) - x_out)), tl)
    assert tl.selection() == (tl.clip_in, tl.clip_out)
    # ... and is clamped to the day when dragged off the bar
    drag(qtbot, tl, tl.x_of(tl.clip_out), BAR_LEFT + BAR_WIDTH + 200)
    assert tl.clip_out == tl.day_end

    # a press away from both handles seeks as before and leaves the range alone
    before = tl.selection()
    qtbot.mouseClick(tl, Qt.LeftButton, pos=QPoint(900 if tl.x_of(tl.clip_out) < 890 else 20, BAR_Y))
    assert tl.selection() == before


def test_in_and_out_keep_their_order_and_a_minimum_length(timeline):
    tl = timeline
    assert tl.set_in(local(14, 2, 10)) and tl.selection() is None  # In alone is not a range
    assert tl.set_out(local(14, 7, 10))
    assert tl.selection() == (local(14, 2, 10), local(14, 7, 10))
    # keys on the wrong side are refused and change nothing
    assert not tl.set_in(local(14, 8))
    assert not tl.set_out(local(14, 1))
    assert not tl.set_out(local(14, 2, 10) + MIN_CLIP / 2)
    assert tl.selection() == (local(14, 2, 10), local(14, 7, 10))
    tl.set_selection(local(15), local(13))  # given backwards: put in order
    assert tl.selection() == (local(13), local(15))
    tl.clear_selection()
    assert (tl.clip_in, tl.clip_out) == (None, None)


def test_the_range_is_painted_over_the_cached_layer(qtbot, timeline):
    tl = timeline
    tl.set_data([(local(0), local(23))], [])
    before = tl.grab().toImage()
    layer = tl._layer
    tl.set_selection(local(10), local(14))
    img = tl.grab().toImage()
    assert tl._layer is layer  # the day's picture is not drawn again for a range change
    r = img.devicePixelRatio()

    def at(image, x, y):
        return image.pixelColor(round(x * r), round(y * r)).name()

    inside = tl.x_of(local(12))
    assert at(before, inside, BAR_Y) == "#2f7d4f" and at(img, inside, BAR_Y) != "#2f7d4f"  # tinted
    assert at(img, tl.x_of(local(16)), BAR_Y) == "#2f7d4f"  # outside: untouched
    assert at(img, tl.x_of(local(10)) + 2, LANE_Y) == CLIP_EDGE.name()  # In's grip points inwards
    assert at(img, tl.x_of(local(14)) - 2, LANE_Y) == CLIP_EDGE.name()
    assert at(img, tl.x_of(local(10)) - 3, LANE_Y) == "#15181c"


def test_durations_and_ranges_in_words(qapp):
    assert format_duration(300) == "5 min 0 s"
    assert format_duration(3725.4) == "1 h 2 min 5 s"
    assert format_duration(45) == "45 s"
    assert format_range(local(14, 2, 10), local(14, 7, 10), BERLIN) == "14:02:10 → 14:07:10"
    assert format_range(local(23, 58), local(0, 3, day=DAY + timedelta(days=1)), BERLIN, full_date=True) \
        == "15/06/2026 23:58:00 → 16/06 00:03:00"
    # the recorder refuses '/' in names: the proposed name has none, even for such a camera
    assert default_name("Gate 1/2", local(14, 2), BERLIN) == "Gate 1-2 15-06 14:02"
    row = clip(missing=[[local(14, 3).isoformat(), local(14, 4, 10).isoformat()]])
    assert describe_missing(row, BERLIN) == "No recording in 14:03:00 → 14:04:10: the clip leaves these parts out."
    assert describe_missing(clip(missing=[]), BERLIN) == ""
    try:  # the guard reads them in Portuguese
        install_language(qapp, "pt_BR")
        assert QCoreApplication.translate("PlayerWindow", "Preview ended") == "Pré-visualização encerrada"
        assert QCoreApplication.translate("CreateClipDialog", "Clip saved") == "Clipe salvo"
        assert format_duration(300) == "5 min 0 s"
    finally:
        install_language(qapp, "en")


# -- the player window: keys, label, buttons, the create dialog without a recorder ----------------

@pytest.fixture
def offline_player(qtbot, tmp_path):
    from vms_desktop.playback.player_window import PlayerWindow
    from vms_desktop.recorder_link import RecorderApi

    win = PlayerWindow(camera(), RecorderApi(DataDir(tmp_path / "no-recorder")))
    qtbot.addWidget(win)
    win.resize(1100, 700)
    with qtbot.waitExposed(win):
        win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)  # shortcuts reach an active window only
    return win


def test_keys_set_the_range_at_the_playhead_and_the_label_says_it(qtbot, offline_player):
    win = offline_player
    tl = win.timeline
    day0 = tl.day_start
    start, end = day0 + timedelta(hours=14, minutes=2, seconds=10), day0 + timedelta(hours=14, minutes=7, seconds=10)
    hms = lambda t: t.astimezone(win.tz).strftime("%H:%M:%S")  # noqa: E731
    assert not win.create_button.isEnabled() and not win.preview_button.isEnabled()
    tl.set_playhead(start)
    QTest.keyClick(win, Qt.Key_I)
    assert tl.clip_in == start and f"Clip from {hms(start)}" in win.clip_label.text()
    tl.set_playhead(end)
    QTest.keyClick(win, Qt.Key_O)
    assert tl.selection() == (start, end)
    assert win.clip_label.text() == f"Clip {hms(start)} → {hms(end)} (5 min 0 s)"
    assert win.create_button.isEnabled() and win.preview_button.isEnabled()
    # In pressed after Out: refused, said, the range unchanged
    tl.set_playhead(end + timedelta(minutes=1))
    QTest.keyClick(win, Qt.Key_I)
    assert tl.selection() == (start, end)
    assert win.notice.text() == f"The clip must start before its end ({hms(end)})"
    # C opens the dialog, name proposed, the range shown
    QTest.keyClick(win, Qt.Key_C)
    dialog = win.clip_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.name.text() == f"Gate {start.astimezone(win.tz):%d-%m %H:%M}"
    # no recorder: the reason shows in the dialog, which stays open for another try
    dialog.send()
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=5000)
    assert dialog.error.text() == "the recorder is not running" and dialog.isVisible()
    assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    dialog.name.setText("  ")
    dialog.send()
    assert dialog.error.text() == "Give the clip a name"
    dialog.close()
    win.timeline.clear_selection()
    assert win.clip_label.text().startswith("Clip: press I") and not win.create_button.isEnabled()


# -- the exported file, its checksum file, and checking a file on hand ----------------------------

def make_clip(tmp_path: Path, size: int = 3_000_000) -> tuple[Path, str]:
    src = tmp_path / "clips" / "cam_1" / "clip_7.mp4"
    src.parent.mkdir(parents=True)
    src.write_bytes(os.urandom(size))
    return src, hashlib.sha256(src.read_bytes()).hexdigest()


def _download_from(src: Path):
    """What the client's download_clip does, from a file: the copy saved as dest, and the SHA-256
    of what was received; a clip the recorder no longer has is its 404."""
    def download(dest: Path) -> str:
        if not src.is_file():
            raise ApiError("clip_no_file", f"no {src.name}", 404)
        shutil.copyfile(src, dest)
        return hashlib.sha256(src.read_bytes()).hexdigest()
    return download


def test_export_writes_the_copy_and_a_sha256sum_file_then_verify_tells_which_clip(tmp_path):
    src, sha = make_clip(tmp_path)
    out = tmp_path / "usb stick"
    out.mkdir()
    name = clip_files.export_name("Portão 1/2", datetime(2026, 11, 23, 14, 2, 10), "../../etc passwd")
    assert name == "Portão_1_2_2026-11-23_14-02-10_etc_passwd.mp4"
    copy = clip_files.export_clip(_download_from(src), out, name, sha)
    assert copy == out / name and copy.read_bytes() == src.read_bytes()
    sidecar = out / (name + ".sha256")
    assert sidecar.read_text() == f"{sha}  {name}\n"
    # the sidecar is what sha256sum itself accepts
    if shutil.which("sha256sum"):
        check = subprocess.run(["sha256sum", "-c", sidecar.name], cwd=out, capture_output=True, text=True)
        assert check.returncode == 0 and check.stdout.strip() == f"{name}: OK", check.stdout + check.stderr
    # a second export never overwrites the first
    again = clip_files.export_clip(_download_from(src), out, name, sha)
    assert again.name == name.replace(".mp4", "_2.mp4") and (out / (again.name + ".sha256")).exists()
    assert not list(out.glob("*.partial"))

    clips = [clip(7, name="incident", sha256=sha), clip(8, name="other", sha256="0" * 64)]
    v = clip_files.verify_file(copy, clips)
    assert (v.sha256, v.sidecar, v.intact, [c.id for c in v.clips]) == (sha, "match", True, [7])
    # one byte changed: its checksum file and the index both say so
    data = bytearray(copy.read_bytes())
    data[len(data) // 2] ^= 0x01
    copy.write_bytes(bytes(data))
    v = clip_files.verify_file(copy, clips)
    assert v.sidecar == "mismatch" and not v.intact and v.clips == []
    # without a checksum file, the index alone says which clip it is
    sidecar.unlink()
    v = clip_files.verify_file(again, clips)
    assert v.sidecar == "match" and [c.id for c in v.clips] == [7]
    loose = tmp_path / "loose.mp4"
    shutil.copy(src, loose)
    v = clip_files.verify_file(loose, clips)
    assert v.sidecar == "none" and [c.id for c in v.clips] == [7]


def test_export_refuses_a_clip_whose_file_no_longer_matches_the_index(tmp_path):
    src, sha = make_clip(tmp_path, 100_000)
    out = tmp_path / "out"
    out.mkdir()
    src.write_bytes(src.read_bytes()[:-1] + b"\0")  # damaged on the recordings disk
    with pytest.raises(clip_files.ExportError) as err:
        clip_files.export_clip(_download_from(src), out, "x.mp4", sha)
    assert err.value.kind == "source_changed"
    assert list(out.iterdir()) == []  # nothing half-done is left behind
    with pytest.raises(clip_files.ExportError) as err:
        clip_files.export_clip(_download_from(tmp_path / "gone.mp4"), out, "x.mp4", sha)
    assert err.value.kind == "no_source"


def test_sidecar_reading_accepts_sha256sum_binary_mode_and_rejects_junk(tmp_path):
    f = tmp_path / "a.mp4.sha256"
    f.write_text("ab" * 32 + " *a.mp4\n")
    assert clip_files.read_sidecar(f) == ("ab" * 32, "a.mp4")
    f.write_text("not a checksum\n")
    assert clip_files.read_sidecar(f) is None
    assert clip_files.read_sidecar(tmp_path / "missing.sha256") is None


# -- against a real recorder recording a real camera ----------------------------------------------

real_video = pytest.mark.skipif(os.environ.get("QT_QPA_PLATFORM") == "offscreen",
                                reason="needs a real X server for libVLC's video")


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


@pytest.mark.slow
@real_video
def test_preview_plays_exactly_the_range_and_stops_at_its_end(qtbot, recording, player):
    win = player
    qtbot.wait(1500)  # settled at the live edge, as the operator finds it
    segs = recording.segments(1)
    start = _utc(segs[1]["start"]) + timedelta(seconds=0.8)
    end = start + timedelta(seconds=2.5)
    win.timeline.set_selection(start, end)
    positions = []
    win.engine.position.connect(positions.append)
    win.preview()
    qtbot.waitUntil(lambda: win.notice.text() == "Preview ended", timeout=15_000)
    # libVLC pauses a moment after it is told: the clock's reports stop moving
    qtbot.waitUntil(lambda: len(positions) >= 2 and positions[-1] == positions[-2], timeout=5000)
    stopped = win.engine.now()
    assert not win.engine.want_playing
    assert abs((stopped - end).total_seconds()) <= 0.5, (stopped, end)  # paused at the end, not after
    seen = [t for t in positions if t >= start - timedelta(seconds=0.5)]
    assert seen and min(seen) - start <= timedelta(seconds=1)  # it began at the start
    later = len(positions)
    qtbot.waitUntil(lambda: len(positions) >= later + 4, timeout=5000)  # the clock ticked on 4 times
    assert positions[later:] == [stopped] * (len(positions) - later)
    assert win.engine.now() == stopped  # and stays paused


@pytest.mark.slow
@real_video
def test_create_a_clip_then_list_play_export_verify_rename_and_delete_it(qtbot, recording, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from tests.harness import wait_for
    from vms_desktop.clips.clip_dialog import CreateClipDialog
    from vms_desktop.clips.clips_panel import ClipsPanel

    api = recording.desktop_api()
    tz = datetime.now().astimezone().tzinfo
    segs = recording.segments(1)
    start, end = _utc(segs[0]["start"]) + timedelta(seconds=1.5), _utc(segs[2]["end"]) - timedelta(seconds=1)
    dialog = CreateClipDialog(api, camera(), start, end, tz)
    qtbot.addWidget(dialog)
    dialog.show()
    # a name the recorder refuses: its words in the dialog, which stays open
    dialog.name.setText("a/b")
    dialog.send()
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=10_000)
    assert "'/'" in dialog.error.text() and dialog.isVisible() and dialog.row is None
    dialog.name.setText("Gate incident")
    dialog.notes.setPlainText("van at the gate")
    with qtbot.waitSignal(dialog.saved, timeout=60_000) as saved:
        dialog.send()
    row = saved.args[0]
    assert dialog.status.text().startswith("Clip saved") and dialog.progress.value() == 100
    assert row.state == "ready" and row.name == "Gate incident"
    # its SHA-256 follows a moment after "ready"
    sha = wait_for(lambda: api.call("GET", f"/api/clips/{row.id}")["sha256"], 15, what="the clip's SHA-256")
    assert _utc(row.start) <= start and abs(_utc(row.end) - end) < timedelta(seconds=1.5)

    panel = ClipsPanel(api, tz, camera_id=1)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=10_000)
    cells = [panel.table.item(0, j).text() for j in range(panel.table.columnCount())]
    assert cells[0] == "Gate" and cells[2] == "Gate incident" and cells[6] == "ready"
    assert cells[1].startswith(_utc(row.start).astimezone(tz).strftime("%d/%m/%Y %H:%M:%S"))
    assert cells[3].endswith("KB") or cells[3].endswith("MB")
    panel.table.selectRow(0)

    # play: libVLC on the clip's file, the slider and the clock follow
    panel.play()
    player = panel._players[-1]
    qtbot.waitUntil(lambda: player.slider.value() > 50, timeout=10_000)
    assert "/" in player.time_label.text()
    # the picture on screen is the camera's, and it moves
    first = grab(player.surface)
    assert lit_fraction(first) > 0.2
    qtbot.waitUntil(lambda: changed_fraction(first, grab(player.surface)) > 0.001, timeout=5000)
    player.close()
    assert panel._players == []

    # export to a folder: the copy, its sha256sum file, checked
    out = tmp_path / "export"
    out.mkdir()
    panel.export(str(out), reason="court order 12")
    qtbot.waitUntil(lambda: panel.status.text().startswith("Exported"), timeout=20_000)
    name = f"Gate_{_utc(row.start).astimezone(tz):%Y-%m-%d_%H-%M-%S}_Gate_incident.mp4"
    copy = out / name
    assert copy.exists() and (out / (name + ".sha256")).read_text() == f"{sha}  {name}\n"
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == sha

    # verify: the copy is that clip; a tampered copy is caught
    panel.verify(str(copy))
    qtbot.waitUntil(lambda: "SHA-256" in panel.status.text(), timeout=20_000)
    assert "is intact" in panel.status.text() and "“Gate incident”" in panel.status.text()
    assert panel.status.property("ok") == "true"
    data = bytearray(copy.read_bytes())
    data[len(data) // 3] ^= 0xFF
    copy.write_bytes(bytes(data))
    panel.verify(str(copy))
    qtbot.waitUntil(lambda: "CHANGED" in panel.status.text(), timeout=20_000)
    assert panel.status.property("ok") == "false"

    # rename: refused names say why; a good one shows in the list
    panel.rename("x/../y")
    qtbot.waitUntil(lambda: panel.status.property("ok") == "false" and "'/'" in panel.status.text(), timeout=10_000)
    panel.rename("Gate incident 2")
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1 and panel.table.item(0, 2).text() == "Gate incident 2",
                    timeout=10_000)

    # delete, after the operator confirms: the row and the file go
    clip_file = recording.data.absolute(row.path)
    assert clip_file.exists()
    panel.select(row.id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Cancel)
    panel.delete()
    # the recorder, asked after the answer, still has the clip
    assert api.call("GET", f"/api/clips/{row.id}")["id"] == row.id
    assert panel.table.rowCount() == 1 and clip_file.exists()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    panel.delete()
    qtbot.waitUntil(lambda: panel.table.rowCount() == 0, timeout=10_000)
    assert not clip_file.exists()
    assert panel.status.text().startswith("No clips saved yet")
