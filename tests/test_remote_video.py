"""Video on a workstation across the site's network: a real recorder listening with TLS on a
second loopback address, the client logged in over it with the certificate pinned, and libVLC
reading live and recorded video through that pinned session (never a URL it could open without
the pin). The camera draws its clock on every frame: the test reads, off the screen, that the
moment asked is the moment shown, and that the live picture moves."""

from __future__ import annotations

import os
import socket
import ssl
import time
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtGui import QImage, qGray
from PySide6.QtTest import QTest

from recorder.demo import read_timecode
from tests.harness import camera, cli, cli_json, grab, lit_fraction, wait_for
from tests.test_playback import TOLERANCE_S, on_screen

LAN = "127.0.0.2"
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(os.environ.get("QT_QPA_PLATFORM") == "offscreen",
                                 reason="needs a real X server for libVLC's video")]


def remote_site(tmp_path, camera_factory, recorder_factory, **camera_options):
    """(camera, recorder listening on the site's network, the desktop's client of it across
    the network logged in as an operator), the camera recording."""
    from vms_desktop.recorder_link import RecorderApi

    cam = camera_factory(**camera_options)
    data = tmp_path / "data"
    cli(data, "camera", "add", "--name", "Gate", "--url", cam.url, "--motion", "off")
    rec = recorder_factory(data, segment_seconds=4, extra=("--listen", f"{LAN}:0")).start()
    runtime = rec.runtime()
    api = RecorderApi(base_url=runtime["lan_url"], fingerprint=runtime["tls_fingerprint"])
    api.login(*rec.add_user("guard", "operator"))
    wait_for(lambda: rec.camera_status(1)["state"] == "recording", 60, 0.5, "the camera recording")
    return cam, rec, api


@pytest.fixture
def remote(tmp_path, camera_factory, recorder_factory):
    """(recorder, client across the network) of a camera drawing its clock, four segments recorded."""
    _cam, rec, api = remote_site(tmp_path, camera_factory, recorder_factory, timecode=True, fps=15, gop_seconds=1)
    wait_for(lambda: len(rec.segments(1)) >= 4, 90, 1, "four closed segments")
    return rec, api


def drawn_on(player, tmp_path, near: float) -> float | None:
    """The instant drawn on the frame a VlcPlayer shows; None while it shows none."""
    path = tmp_path / f"frame-{time.monotonic_ns()}.png"
    if not player.snapshot(path):
        return None
    img = QImage(str(path))
    return read_timecode(lambda x, y: qGray(img.pixel(x, y)), img.width(), img.height(), near)


def test_live_across_the_network_moves_and_is_current(qtbot, tmp_path, remote):
    from vms_desktop.live.tile import LiveTile

    rec, api = remote
    source = api.live_url(1)
    assert "token" not in repr(source) and not isinstance(source, str)  # no URL libVLC could open unpinned
    tile = LiveTile(1, api.live_url)
    qtbot.addWidget(tile)
    tile.resize(640, 400)
    with qtbot.waitExposed(tile):
        tile.show()
    tile.set_active(True)
    tile.update_state(api.status().cameras[0])
    first = wait_for(lambda: drawn_on(tile.player, tmp_path, time.time()), 20, 0.2, "a live frame on the tile")
    assert time.time() - first < 3, ("live is late", time.time() - first)
    # the picture moves: a frame drawn a second or more after the first one comes
    wait_for(lambda: (drawn_on(tile.player, tmp_path, time.time()) or 0) - first >= 1, 10, 0.2,
             "a live frame a second later (the picture does not move)")
    assert lit_fraction(grab(tile.surface)) > 0.25, "the tile is black"
    # the next state from the recorder asks for the same stream: the player goes on, not again
    playing = tile.player._callbacks
    tile.update_state(api.status().cameras[0])
    assert tile.player._callbacks is playing
    tile.close_player()
    # the viewing is on record as the operator's, from the network
    wait_for(lambda: cli_json(rec.data_dir, "audit", "--user", "guard", "--action", "live_stopped"), 20, 0.5,
             "the end of the live view on record")


def test_playback_across_the_network_shows_the_moment_asked(qtbot, tmp_path, remote):
    from vms_desktop.playback.player_window import PlayerWindow

    rec, api = remote
    segs = rec.segments(1)
    win = PlayerWindow(camera(), api)
    qtbot.addWidget(win)
    win.resize(960, 720)
    with qtbot.waitExposed(win):
        win.show()
    qtbot.waitUntil(lambda: win.engine.now() is not None, timeout=20_000)
    for target in (datetime.fromisoformat(segs[1]["start"]).astimezone(UTC) + timedelta(seconds=2.3),
                   datetime.fromisoformat(segs[3]["start"]).astimezone(UTC) + timedelta(seconds=0.6)):
        asked = time.monotonic()
        win.seek(target)
        qtbot.waitUntil(lambda t=target: win.engine.now() and abs(win.engine.now() - t) < timedelta(seconds=3),
                        timeout=15_000)
        QTest.qWait(700)
        drawn, said = on_screen(win, tmp_path)
        played = time.monotonic() - asked
        assert abs(drawn - said) <= TOLERANCE_S, ("after seek", target, drawn, said)
        assert -TOLERANCE_S <= drawn - target.timestamp() <= played + TOLERANCE_S, ("seek target", target, drawn)
    # on to the next file by itself, as on this machine
    boundary = datetime.fromisoformat(segs[2]["end"]).astimezone(UTC)
    win.seek(boundary - timedelta(seconds=1.5))
    qtbot.waitUntil(lambda: win.engine.span and win.engine.span.id == segs[3]["id"], timeout=15_000)
    QTest.qWait(1000)
    drawn, said = on_screen(win, tmp_path)
    assert abs(drawn - said) <= TOLERANCE_S and drawn > boundary.timestamp(), ("after a boundary", drawn, said)
    assert win.notice.text() == "", win.notice.text()
    grab(win).save(str(tmp_path / "remote-player.png"))


def test_a_clip_is_made_and_downloaded_across_the_network(tmp_path, remote):
    rec, api = remote
    segs = rec.segments(1)
    start = datetime.fromisoformat(segs[1]["start"]).astimezone(UTC)
    made = api.make_clip({"camera_id": 1, "start": start.isoformat(), "name": "gate",
                          "end": (start + timedelta(seconds=5)).isoformat()})
    clip = wait_for(lambda: (c := api.clip(made.id, wait=5)).state == "ready" and c.sha256 and c, 60, 0,
                    "the clip made")
    dest = tmp_path / "clip.mp4"
    digest = api.download_clip(clip.id, dest, reason="BO 1234/2026")
    assert digest == clip.sha256 and dest.stat().st_size == clip.bytes
    entry = wait_for(lambda: cli_json(rec.data_dir, "audit", "--user", "guard", "--action", "clip_downloaded"),
                     20, 0.5, "the copy on record")[0]
    assert entry["reason"] == "BO 1234/2026" and entry["address"] == "127.0.0.1"


def test_a_remote_live_view_stops_at_once_when_its_camera_went_quiet(qtbot, tmp_path, camera_factory,
                                                                     recorder_factory):
    """libVLC's stop waits for its reading thread, which would wait for the next bytes of a
    camera that sends none: the stop must not freeze the window until the read times out."""
    from vms_desktop.vlc_player import VlcPlayer

    cam, rec, api = remote_site(tmp_path, camera_factory, recorder_factory, timecode=True, fps=15, gop_seconds=1)
    player = VlcPlayer()
    player.play_live(api.live_url(1))
    wait_for(lambda: drawn_on(player, tmp_path, time.time()), 20, 0.2, "a live frame")
    cam.stop()
    wait_for(lambda: rec.camera_status(1)["state"] != "recording", 30, 0.2, "the camera seen gone")
    began = time.monotonic()
    player.stop()
    assert time.monotonic() - began < 2, "the stop waited for the quiet stream"
    player.release()


def test_a_stuck_viewer_across_the_network_costs_no_segment(tmp_path, camera_factory, recorder_factory):
    """A workstation on a link that carries nothing (it asked for live and reads no byte) must
    cost recording nothing, nor the other viewers their video: as on the loopback, over TLS."""
    _cam, rec, api = remote_site(tmp_path, camera_factory, recorder_factory, bitrate_kbps=2000)
    runtime = rec.runtime()
    session = api.login(*rec.add_user("guard", "operator"))  # a token of its own for the stuck socket
    first = len(rec.segments(1))
    host, port = runtime["lan_url"].removeprefix("https://").rsplit(":", 1)
    raw = socket.socket()
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    raw.connect((host, int(port)))
    tls = ssl.create_default_context()
    tls.check_hostname, tls.verify_mode = False, ssl.CERT_NONE
    stuck = tls.wrap_socket(raw)
    stuck.sendall(f"GET /api/cameras/1/live HTTP/1.1\r\nHost: {host}\r\n"
                  f"Authorization: Bearer {session.token}\r\n\r\n".encode())
    try:
        viewer = api.live_url(1)
        viewer.open()
        got, began = 0, time.monotonic()
        while time.monotonic() - began < 20:
            got += len(viewer.read(65536))
        viewer.close()
        assert got > 20 * 2000 / 8 * 1000 * 0.5, got
        feed = rec.api("GET", "/api/status").json()["live_viewers"]["camera 1 main"]
        assert feed["viewers"] >= 1 and feed["skipped_bytes"] > 0, feed
    finally:
        stuck.close()
    wait_for(lambda: len(rec.segments(1)) >= first + 5, 30, 0.5, "segments")
    segs = rec.segments(1)
    starts = [datetime.fromisoformat(s["start"]).timestamp() for s in segs]
    ends = [datetime.fromisoformat(s["end"]).timestamp() for s in segs]
    assert not [round(b - a, 2) for a, b in zip(ends, starts[1:]) if b - a > 0.5]
