"""The client's pure logic, its dialog's checks and its translations."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from recorder.paths import DataDir
from tests.harness import camera_status
from vms_api.client import ApiError
from vms_desktop.live import layout
from vms_desktop.messages import camera_error, error_text, message, translate

I18N = Path(__file__).resolve().parent.parent / "vms_desktop" / "i18n"


@pytest.mark.parametrize("count, side", [(0, 1), (1, 1), (2, 2), (4, 2), (5, 3), (9, 3), (10, 4), (16, 4), (40, 4)])
def test_automatic_layout_is_the_next_square_up(count, side):
    assert layout.auto_side(count) == side


def test_saved_order_survives_added_and_removed_cameras():
    assert layout.arrange([3, 1, 2], [1, 2, 3]) == [3, 1, 2]
    assert layout.arrange([3, 9, 1], [1, 2, 3, 4]) == [3, 1, 2, 4]  # 9 was removed, 2 and 4 are new
    assert layout.arrange([], [5, 6]) == [5, 6]


def test_dropping_a_tile_swaps_two_cameras():
    assert layout.move([1, 2, 3, 4], 1, 4) == [4, 2, 3, 1]
    assert layout.move([1, 2, 3], 1, 1) == [1, 2, 3]
    assert layout.move([1, 2, 3], 7, 1) == [1, 2, 3]


def test_pages_cover_every_camera_once_and_wrap():
    order = list(range(1, 11))
    pages = [layout.page_of(order, 2, p) for p in range(layout.page_count(10, 2))]
    assert pages == [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10]]
    assert layout.page_of(order, 2, 3) == [1, 2, 3, 4]


def test_every_visible_string_is_translated_to_portuguese(tmp_path):
    """lupdate over today's code must find nothing new or unfinished, and the shipped .qm
    must be the compiled form of the .ts."""
    lupdate, lrelease = shutil.which("pyside6-lupdate"), shutil.which("pyside6-lrelease")
    if lupdate is None:
        lupdate = str(Path(sys.executable).with_name("pyside6-lupdate"))
        lrelease = str(Path(sys.executable).with_name("pyside6-lrelease"))
    ts = tmp_path / "check.ts"
    shutil.copy(I18N / "vms_desktop_pt_BR.ts", ts)
    sources = sorted(str(p) for p in (I18N.parent).glob("*.py"))
    subprocess.run([lupdate, *sources, "-ts", str(ts), "-no-obsolete"], check=True, capture_output=True)
    unfinished = [m.find("source").text for m in ET.parse(ts).getroot().iter("message")
                  if m.find("translation").get("type") == "unfinished" or not m.find("translation").text]
    assert not unfinished, f"untranslated (run installer/translations.sh): {unfinished}"
    subprocess.run([lrelease, str(I18N / "vms_desktop_pt_BR.ts"), "-qm", str(tmp_path / "x.qm")],
                   check=True, capture_output=True)
    assert (tmp_path / "x.qm").read_bytes() == (I18N / "vms_desktop_pt_BR.qm").read_bytes()


def test_recorder_messages_reach_the_guard_in_portuguese(qapp):
    from vms_desktop.settings import install_language

    try:
        install_language(qapp, "pt_BR")
        assert message("camera_auth_failed") == "usuário ou senha incorretos"
        assert message("camera_timeout", {"host": "10.0.0.5"}) == "sem resposta de 10.0.0.5"
        assert camera_error(camera_status(1, "error", error="no answer from 10.0.0.5", error_code="camera_timeout",
                                          error_params={"host": "10.0.0.5"})) == "sem resposta de 10.0.0.5"
        assert error_text(ApiError("recorder_not_running", "the recorder is not running")) == "o gravador não está em execução"
        assert message("something_new", {}, "something new") == "something new"  # an unknown code: the recorder's words
        assert translate("the recordings disk is 91 % full") == "o disco de gravações está 91 % cheio"
        assert translate("something new") == "something new"
    finally:
        install_language(qapp, "en")
    assert message("camera_timeout", {"host": "10.0.0.5"}) == "no answer from 10.0.0.5"


@pytest.fixture
def dialog(qtbot, tmp_path):
    from vms_desktop.cameras.camera_dialog import CameraDialog
    from vms_desktop.recorder_link import RecorderApi

    d = CameraDialog(RecorderApi(DataDir(tmp_path / "no-recorder")), None, 7)
    qtbot.addWidget(d)
    return d


@pytest.mark.parametrize("name, url, sub, user, password, expect", [
    ("", "rtsp://10.0.0.5/s1", "", "", "", "Give the camera a name"),
    ("Gate", "", "", "", "", "Enter the camera's RTSP address"),
    ("Gate", "http://10.0.0.5/s1", "", "", "", "Main stream must start with rtsp://"),
    ("Gate", "rtsp:///s1", "", "", "", "Main stream has no camera address (host)"),
    ("Gate", "rtsp://10.0.0.5:99999/s1", "", "", "", "Main stream: this is not a valid address"),
    ("Gate", "rtsp://10.0.0.5/s1", "ftp://x/y", "", "", "Substream must start with rtsp://"),
    ("Gate", "rtsp://10.0.0.5/s1", "", "", "secret", "A password needs a username"),
])
def test_dialog_refuses_bad_input_and_sends_nothing(dialog, qtbot, name, url, sub, user, password, expect):
    dialog.name.setText(name)
    dialog.url.setText(url)
    dialog.sub_url.setText(sub)
    dialog.username.setText(user)
    dialog.password.setText(password)
    dialog.save()
    assert expect in dialog.error.text()
    assert dialog.saved is None and dialog.buttons.isEnabled()  # no request went out


def test_dialog_password_is_masked_and_retention_defaults_to_the_plan(dialog):
    from PySide6.QtWidgets import QLineEdit

    assert dialog.password.echoMode() == QLineEdit.Password
    assert "7" in dialog.retention.currentText() and not dialog.days.isEnabled()
    dialog.retention.setCurrentIndex(1)
    dialog.days.setValue(20)
    dialog.name.setText("Gate")
    dialog.url.setText("rtsp://10.0.0.5/s1")
    assert dialog.fields()["retention_days"] == 20


def _cam(cid, state="recording", loss=None, **kw):
    return camera_status(cid, state, frame_loss=loss, **kw)


def test_camera_alerts_tell_each_stop_and_each_frame_loss_once_per_crossing(qtbot):
    from vms_desktop.cameras.camera_alerts import CameraAlerts, recording_stopped
    from vms_desktop.live.tile import LiveTile
    from vms_desktop.storage.storage_alerts import Banner

    banner = Banner()
    qtbot.addWidget(banner)
    alerts = CameraAlerts(banner)
    told = []
    alerts.notify.connect(lambda title, _text, level: told.append((title, level)))
    lossy = {"percent": 5.03, "frames": 855, "expected": 900, "seconds": 60.2, "full": True, "warning": True}
    clean = dict(lossy, percent=0.0, frames=900, warning=False)
    for _ in range(3):
        alerts.on_status([_cam(1, loss=lossy), _cam(2, loss=clean)])
    assert told == [("A camera is losing frames", "warn")] and list(banner.rows) == ["loss:1"]
    assert "cam 1 is losing frames: 5.0 %" in banner.texts()["loss:1"]
    alerts.on_status([_cam(1, loss=clean), _cam(2, "error", error="the camera closed the connection",
                                                 recording_stopped=True)])
    assert list(banner.rows) == ["stopped:2"] and told[-1] == ("Recording stopped", "danger")
    alerts.on_status([_cam(1, loss=lossy), _cam(2, "error", recording_stopped=True)])
    assert len(told) == 3  # cam 1 crossed again; cam 2 is still the same stop
    # the recorder says when recording stopped; a camera switched off has not "stopped"
    assert recording_stopped(_cam(3, "error", recording_stopped=True))
    assert not recording_stopped(_cam(3, "connecting"))
    assert not recording_stopped(_cam(3, "disabled", enabled=False, recording_stopped=True))

    tile = LiveTile(1, lambda *_: None)
    qtbot.addWidget(tile)
    tile.update_state(_cam(1, loss=lossy))
    assert tile.note.text() == "losing frames: 5.0 %" and tile.property("warn") and not tile.property("critical")
    assert tile.note.toolTip() == "45 of 900 frames missing over the last 60 s"
    tile.update_state(_cam(1, "retrying", recording_stopped=True))
    assert tile.note.text() == "RECORDING STOPPED" and tile.property("critical")
    assert tile.pages.currentWidget() is tile.down and tile.down.title == "Recording stopped"
    tile.close_player()


def test_a_player_with_nothing_open_says_so_in_its_own_terms(qapp, tmp_path):
    from vms_desktop.vlc_player import MAX_RATE, MIN_RATE, VlcPlayer

    player = VlcPlayer()
    try:
        assert player.position_ms is None and player.length_ms == 0 and player.fps == 0.0
        assert not player.is_playing() and not player.at_end and not player.failed
        assert player.video_size() == (0, 0)
        assert player.snapshot(tmp_path / "frame.png") is False and not (tmp_path / "frame.png").exists()
        player.rate = 2.0
        assert player.rate == 2.0
        player.rate = 1000.0
        assert player.rate == MAX_RATE  # libVLC's own limits
        player.rate = 0.0
        assert player.rate == MIN_RATE
    finally:
        player.release()


# -- synchronized playback: the clock and the steering (pure) ---------------------------------------

def test_the_sync_clock_holds_runs_and_changes_speed():
    from datetime import UTC, datetime, timedelta

    from vms_desktop.playback.sync_clock import MasterClock

    t = datetime(2026, 1, 14, 12, tzinfo=UTC)
    clock = MasterClock(t)
    assert clock.now(100.0) == t  # held
    clock.run(True, 100.0)
    assert clock.now(102.5) == t + timedelta(seconds=2.5)
    clock.set_rate(4.0, 102.5)
    assert clock.now(103.5) == t + timedelta(seconds=6.5)
    clock.run(False, 104.0)
    assert clock.now(200.0) == t + timedelta(seconds=8.5)
    clock.set(t, 200.0)
    assert clock.now(300.0) == t


@pytest.mark.parametrize("drift, rate, expect", [
    (0.0, 1.0, 1.0), (0.02, 1.0, 1.0),  # close enough: the common rate
    (-0.1, 1.0, 1.06), (0.1, 1.0, 0.94),  # behind: faster; ahead: slower
    (-1.0, 1.0, 1.24), (1.2, 1.0, 0.76),  # never more than a quarter
    (-2.0, 1.0, None), (3.0, 1.0, None),  # too far: seek
    (-1.0, 4.0, 4.0 * 1.16), (-7.0, 4.0, None),  # at 4x a tile catches up four times as fast
])
def test_a_tile_off_the_clock_is_steered_back_or_moved(drift, rate, expect):
    from vms_desktop.playback.sync_clock import steered_rate

    got = steered_rate(drift, rate)
    assert got == (None if expect is None else pytest.approx(expect))


def test_playback_of_several_cameras_from_the_command_line():
    from vms_desktop.app import parse_args

    assert parse_args(["--playback", "3"]).playback == [3]
    args = parse_args(["--playback", "1,2,3,4", "--at", "2026-01-14T14:02:10-03:00"])
    assert args.playback == [1, 2, 3, 4] and args.at.isoformat() == "2026-01-14T14:02:10-03:00"
    for bad in ("1,x", "1,1", ",".join(str(i) for i in range(1, 18))):
        with pytest.raises(SystemExit):
            parse_args(["--playback", bad])
