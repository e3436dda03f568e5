"""The real client against a real recorder and real RTSP cameras, on a real X server (Xvfb):
moving video in the tiles, a wrong password shown as such, the recorder kept alive."""

from __future__ import annotations

import os
import signal
import time
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt

from recorder.paths import read_runtime
from tests.harness import changed_fraction, cli, grab, lit_fraction, red_share

pytestmark = [pytest.mark.slow,  # real cameras, and video on an X server
              pytest.mark.skipif(os.environ.get("QT_QPA_PLATFORM") == "offscreen",
                                 reason="needs a real X server for libVLC's video")]


def test_tiles_show_moving_video_and_a_wrong_password(tmp_path, qtbot, camera_factory, window_for):
    good = camera_factory(sub_path="/sub", bitrate_kbps=1500)
    locked = camera_factory(user="admin", password="right")
    data = tmp_path / "data"
    cli(data, "camera", "add", "--name", "Gate", "--url", good.url, "--sub-url", good.url.replace("/cam", "/sub"))
    cli(data, "camera", "add", "--name", "Back door", "--url", locked.url, "--username", "admin",
        "--password", "wrong")
    sup, win = window_for(data)
    qtbot.waitUntil(lambda: len(win.grid.tiles) == 2, timeout=30_000)
    gate, back = win.grid.tiles[1], win.grid.tiles[2]
    qtbot.waitUntil(lambda: gate.player.is_playing() and gate.player.video_size()[0] > 0, timeout=30_000)
    assert gate.player.video_size() == (320, 180)  # the substream, not the main stream
    qtbot.waitUntil(lambda: lit_fraction(grab(gate.surface)) > 0.5, timeout=10_000)  # the first pictures
    first = grab(gate.surface)
    qtbot.waitUntil(lambda: changed_fraction(first, grab(gate.surface)) > 0.002, timeout=10_000)
    second = grab(gate.surface)
    first.save(str(tmp_path / "tile-1.png"))
    second.save(str(tmp_path / "tile-2.png"))
    assert lit_fraction(second) > 0.5, "the tile is black"
    assert changed_fraction(first, second) > 0.002, "the picture does not move"

    qtbot.waitUntil(lambda: back.pages.currentWidget() is back.down, timeout=30_000)
    assert back.down.reason == "wrong username or password"
    assert back.note.text() in ("offline", "reconnecting…", "connecting…", "RECORDING STOPPED")
    shot = grab(back)
    shot.save(str(tmp_path / "tile-wrong-password.png"))
    assert lit_fraction(shot) > 0.002, "the error state shows nothing"
    assert win.state_label.text() in ("Recording 1 of 2 cameras", "Recording stopped on 1 of 2 cameras: Back door")

    # double-click opens the camera's player at the live edge of the file being written; Esc returns
    qtbot.mouseDClick(gate.surface, Qt.LeftButton)
    qtbot.waitUntil(lambda: win.player is not None and win.player.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: win.player.engine.vlc.video_size() == (640, 360), timeout=20_000)
    qtbot.waitUntil(lambda: win.player.engine.now() is not None, timeout=10_000)
    assert abs((datetime.now(UTC) - win.player.engine.now()).total_seconds()) < 30
    qtbot.keyClick(win.player, Qt.Key_Escape)
    qtbot.waitUntil(lambda: win.player is None, timeout=5000)

    # the camera drops: its tile shows the last recorded picture and why
    good.stop()
    qtbot.waitUntil(lambda: gate.pages.currentWidget() is gate.down, timeout=30_000)
    qtbot.waitUntil(lambda: gate.down.picture is not None, timeout=20_000)
    assert gate.down.picture.width() == 640
    qtbot.waitUntil(lambda: lit_fraction(grab(gate)) > 0.3, timeout=5000)  # drawn
    shot = grab(gate)
    shot.save(str(tmp_path / "tile-camera-down.png"))
    assert lit_fraction(shot) > 0.3, "the last picture is not shown"


def test_a_camera_that_stops_recording_is_red_in_the_tile_status_bar_and_tray(tmp_path, qtbot, camera_factory,
                                                                              window_for):
    from vms_desktop.main_window import STATE_COLORS
    from vms_desktop.theme import STYLE

    gate, yard = camera_factory(), camera_factory()
    data = tmp_path / "data"
    cli(data, "camera", "add", "--name", "Gate", "--url", gate.url, "--motion", "off")
    cli(data, "camera", "add", "--name", "Yard", "--url", yard.url, "--motion", "off")
    sup, win = window_for(data)
    win.setStyleSheet(STYLE)  # the app's theme, for this window only
    told = []
    win.camera_alerts.notify.connect(lambda title, text, level: told.append((title, text, level)))
    qtbot.waitUntil(lambda: win.state_label.text() == "Recording 2 of 2 cameras", timeout=40_000)
    tile = win.grid.tiles[2]
    assert win.tray_level == ("ok", False) and not tile.property("critical")

    yard.kill()  # the camera dies: after its stall time nothing of it has reached the disk
    began = time.monotonic()
    qtbot.waitUntil(lambda: tile.property("critical"), timeout=40_000)
    assert time.monotonic() - began > 8  # not before the stall time: a reconnect is not an alarm
    assert tile.note.text() == "RECORDING STOPPED"
    assert tile.pages.currentWidget() is tile.down and tile.down.title == "Recording stopped"
    assert tile.down.reason  # and why
    assert win.state_label.text() == "Recording stopped on 1 of 2 cameras: Yard"
    assert win.state_label.objectName() == "camerasStopped"
    assert win.tray_level == ("down", True)
    icon = win.windowIcon().pixmap(64, 64).toImage()
    assert icon.pixelColor(12, 32).name() == STATE_COLORS["down"] and icon.pixelColor(32, 20).name() == "#ffffff"
    assert "stopped:2" in win.banner.rows and "Yard" in win.banner.texts()["stopped:2"]
    win.resize(1100, 700)
    statuses = []
    sup.status_changed.connect(statuses.append)  # after the window's own handler: it has seen each
    qtbot.waitUntil(lambda: len(statuses) >= 3, timeout=20_000)  # a few more statuses: still told once
    assert [t[0] for t in told] == ["Recording stopped"] and told[0][2] == "danger"
    shot = grab(win)
    shot.save(str(tmp_path / "recording-stopped.png"))
    assert red_share(grab(tile)) > 0.01, "the stopped tile shows no red"

    again = camera_factory(port=yard.port)  # the camera comes back on its address
    qtbot.waitUntil(lambda: not tile.property("critical"), timeout=40_000)
    qtbot.waitUntil(lambda: win.state_label.text() == "Recording 2 of 2 cameras", timeout=10_000)
    assert win.tray_level == ("ok", False) and "stopped:2" not in win.banner.rows and again.url == yard.url
    assert len(told) == 1


def test_recorder_that_dies_is_restarted_and_outlives_the_client(tmp_path, qtbot, window_for):
    sup, win = window_for(tmp_path / "data")
    qtbot.waitUntil(lambda: read_runtime(sup.data) is not None, timeout=30_000)
    qtbot.waitUntil(lambda: "Recording 0 of 0" in win.state_label.text(), timeout=10_000)
    first = read_runtime(sup.data)["pid"]
    with qtbot.waitSignal(sup.recorder_down, timeout=15_000) as down:
        os.kill(first, signal.SIGKILL)
    assert "starting it again" in down.args[0]
    qtbot.waitUntil(lambda: (read_runtime(sup.data) or {}).get("pid") not in (None, first), timeout=30_000)
    assert sup.restarts == 1
    # closing the client leaves the recorder running
    sup.close()
    win.close()
    assert sup.api.status().cameras == []  # the recorder answers after the client has closed
    second = read_runtime(sup.data)["pid"]
    os.kill(second, 0)
    sup.stop_recording()
    assert read_runtime(sup.data) is None


def test_camera_dialog_tests_the_connection_and_saves_through_the_recorder(tmp_path, qtbot, camera_factory,
                                                                           recorder_factory):
    from vms_desktop.cameras.camera_dialog import CameraDialog

    cam = camera_factory(user="admin", password="s3cret")
    rec = recorder_factory().start()
    api = rec.desktop_api()
    dialog = CameraDialog(api, None, 7)
    qtbot.addWidget(dialog)
    dialog.name.setText("Gate")
    dialog.url.setText(cam.url)
    dialog.username.setText("admin")
    for password, expect in (("nope", "Failed: wrong username or password"), ("s3cret", "Connected: H264 640x360")):
        dialog.password.setText(password)
        began = time.monotonic()
        dialog.test_connection()
        qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=10_000)
        assert time.monotonic() - began < 10
        assert dialog.result.text().startswith(expect), dialog.result.text()
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.save()
    saved = api.camera(dialog.saved.id)
    assert saved.url == cam.url and saved.username == "admin" and saved.has_password
    assert "s3cret" not in str(api.status())
    # the recorder refuses what the dialog cannot know: nothing is half-saved
    again = CameraDialog(api, saved, 7)
    qtbot.addWidget(again)
    again.url.setText("rtsp://10.0.0.5/" + "x" * 2100)
    again.save()
    qtbot.waitUntil(lambda: again.buttons.isEnabled(), timeout=10_000)
    assert again.error.text().startswith("Not saved:") and again.saved is None
    assert api.camera(saved.id).url == cam.url
