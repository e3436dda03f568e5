"""Detections on the client: the event list beside the player and the site-wide search, driven
with real clicks and keys against a real recorder recording real RTSP cameras. Events are sent
through the recorder's API, as a plate reader would send them."""

from __future__ import annotations

import base64
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtTest import QTest

from recorder.paths import DataDir
from tests.harness import camera, event_row, wait_for
from vms_desktop.events.rows import EventRow

SHOTS = os.environ.get("VMS_SCREENSHOTS")  # a folder: the player with its event list is saved there, themed
RED = QColor(200, 30, 40)


@pytest.fixture(autouse=True)
def themed(qapp):
    if SHOTS:
        from vms_desktop.theme import apply_dark_theme

        apply_dark_theme(qapp)


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def png(color: QColor, w: int = 160, h: int = 90) -> str:
    img = QImage(w, h, QImage.Format_RGB32)
    img.fill(color)
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.WriteOnly)
    img.save(buf, "PNG")
    return base64.b64encode(bytes(data)).decode()


def post_event(rec, camera_id: int, at: datetime, kind: str, label: str | None = None,
               confidence: float | None = None, end: datetime | None = None, snapshot: str | None = None) -> dict:
    body = {"camera_id": camera_id, "time": at.isoformat(), "kind": kind, "label": label, "confidence": confidence}
    if end is not None:
        body["end"] = end.isoformat()
    if snapshot is not None:
        body["snapshot"] = snapshot
    r = rec.api("POST", "/api/events", json=body)
    assert r.status_code == 201, r.text
    return r.json()


def shown(view) -> list[EventRow]:
    model = view.model()
    return [model.event_at(i) for i in range(model.rowCount())]


def cells(view, event_id: int) -> list[str]:
    model = view.model()
    row = model.row_of(event_id)
    return [model.data(model.index(row, j)) for j in range(model.columnCount())]


def click_event(qtbot, view, event_id: int, double: bool = False) -> None:
    model = view.model()
    index = model.index(model.row_of(event_id), model.columns.index("label"))
    view.scrollTo(index)
    pos = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=pos)
    if double:  # as a mouse sends it: a click, then the second press as a double-click
        qtbot.mouseDClick(view.viewport(), Qt.LeftButton, pos=pos)


def near(win, t: datetime, tolerance: float = 1.5) -> bool:
    now = win.engine.now()
    return now is not None and abs((now - t).total_seconds()) < tolerance


def clock_of(win) -> datetime | None:
    """The time the player's clock shows; None before its first tick."""
    try:
        return datetime.strptime(win.clock.text(), "%d/%m/%Y %H:%M:%S").replace(tzinfo=win.tz)
    except ValueError:
        return None


def activate(qtbot, win) -> None:
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)  # shortcuts reach an active window only


def screen_shot(widget, path: Path) -> None:
    """The screen where the widget is: libVLC's video window included, which grab() leaves out."""
    from tests.harness import grab

    grab(widget).save(str(path))


# -- pure formatting ------------------------------------------------------------------------------

def test_rows_in_words(qapp, tmp_path):
    from vms_desktop.events.event_table import EventModel
    from vms_desktop.recorder_link import RecorderApi

    t0 = datetime(2026, 6, 15, 12, 0, 5, tzinfo=UTC)
    model = EventModel(("picture", "time", "kind", "label", "confidence", "duration"),
                       RecorderApi(DataDir(tmp_path / "no-recorder")), UTC)
    rows = [event_row(t0, "plate", label="ABC1D23", confidence=0.934, eid=1),
            event_row(t0, "motion", confidence=0.12, eid=2),
            event_row(t0, "motion", t0 + timedelta(seconds=75), eid=3),
            event_row(t0, "offline", t0 + timedelta(hours=2, minutes=3), "the camera stopped sending video", eid=4),
            event_row(t0, "door", t0 + timedelta(seconds=4), "", confidence=1.0, eid=5)]
    assert model.set_rows(rows) and not model.set_rows(list(rows))  # the same rows: nothing redrawn
    texts = [[model.data(model.index(r, c)) for c in range(6)] for r in range(5)]
    assert texts[0] == ["", "12:00:05", "licence plate", "ABC1D23", "93 %", ""]  # a plate is an instant
    assert texts[1][4:] == ["12 %", "ongoing"]  # motion without an end is still going on
    assert texts[2][5] == "1 min 15 s" and texts[3][5] == "2 h 3 min"
    assert texts[4][2:] == ["door", "", "100 %", "4 s"]  # a kind of another system: its own word
    assert "of the picture changed" in model.data(model.index(1, 4), Qt.ToolTipRole)
    assert model.data(model.index(0, 2), Qt.DecorationRole) is not None  # the kind's colour chip
    assert model.data(model.index(0, 0), Qt.DecorationRole) is None  # no picture, none asked for
    from vms_desktop.settings import install_language

    try:  # the guard reads them in Portuguese
        install_language(qapp, "pt_BR")
        assert model.data(model.index(1, 5)) == "em andamento" and model.data(model.index(0, 2)) == "placa"
        assert model.headerData(2, Qt.Horizontal) == "Tipo"
    finally:
        install_language(qapp, "en")


def test_the_players_keys_still_work_beside_the_list(qtbot, tmp_path):
    """The list's search box takes keys only once clicked: I, O, Space… stay the player's."""
    from vms_desktop.playback.player_window import PlayerWindow
    from vms_desktop.recorder_link import RecorderApi

    win = PlayerWindow(camera(), RecorderApi(DataDir(tmp_path / "no-recorder")))
    qtbot.addWidget(win)
    win.resize(1100, 700)
    with qtbot.waitExposed(win):
        win.show()
    activate(qtbot, win)
    assert win.events.isVisible()
    qtbot.waitUntil(lambda: win.events.status.text().startswith("The events could not be listed"), timeout=5000)
    assert win.events.status.text().endswith("the recorder is not running")
    t = win.timeline.day_start + timedelta(hours=14)
    win.timeline.set_playhead(t)
    QTest.keyClick(win, Qt.Key_I)
    assert win.timeline.clip_in == t and win.events.search.text() == ""
    qtbot.mouseClick(win.events.search, Qt.LeftButton)  # now typing goes to the box
    QTest.keyClicks(win.events.search, "io")
    assert win.events.search.text() == "io" and win.timeline.clip_out is None


# -- the list beside the player -------------------------------------------------------------------

@pytest.mark.slow
def test_event_list_beside_the_player_filters_searches_and_plays_an_event(qtbot, recording, player, tmp_path):
    from vms_desktop.playback.player_window import PRE_ROLL, PlayerWindow
    from vms_desktop.recorder_link import RecorderApi
    from vms_desktop.settings import client_settings

    win, panel = player, player.events
    assert panel.isVisible() and win.events_button.isChecked()  # shown the first time
    segs = recording.segments(1)
    at = lambda i, s: _utc(segs[i]["start"]) + timedelta(seconds=s)  # noqa: E731
    abc = post_event(recording, 1, at(1, 2), "plate", "ABC1D23", 0.93, snapshot=png(RED))
    xyz = post_event(recording, 1, at(3, 1), "plate", "XYZ9K88", 0.81)
    near_miss = post_event(recording, 1, at(4, 1), "plate", "XABC2", 0.7)  # has "abc", not "abc1"
    person = post_event(recording, 1, at(2, 1), "person", "visitor", 0.66, end=at(2, 3))
    mine = {e["id"] for e in (abc, xyz, near_miss, person)}
    win.refresh()  # as the player's own timer does every few seconds
    qtbot.waitUntil(lambda: mine <= {e.id for e in shown(panel.view)}, timeout=10_000)

    local = lambda t: _utc(t).astimezone(win.tz).strftime("%H:%M:%S")  # noqa: E731
    assert cells(panel.view, abc["id"])[1:] == [local(abc["start"]), "licence plate", "ABC1D23", "93 %", ""]
    assert cells(panel.view, person["id"])[1:] == [local(person["start"]), "person", "visitor", "66 %", "2 s"]
    order = [e.id for e in shown(panel.view) if e.id in mine]
    assert order == [near_miss["id"], xyz["id"], person["id"], abc["id"]]  # newest first
    assert panel.status.text() == f"Events: {len(shown(panel.view))}"
    # the picture sent with the plate, small, fetched in the background for that row only
    model = panel.model
    thumb = lambda e: model.data(model.index(model.row_of(e["id"]), 0), Qt.DecorationRole)  # noqa: E731
    qtbot.waitUntil(lambda: isinstance(thumb(abc), QPixmap), timeout=10_000)
    pix = thumb(abc).toImage()
    assert pix.width() <= 64 and pix.height() <= 36 and pix.pixelColor(10, 10) == RED
    assert thumb(xyz) is None

    # kinds: plates off, then only plates
    panel.kind_actions["plate"].trigger()
    qtbot.waitUntil(lambda: all(e.kind != "plate" for e in shown(panel.view)), timeout=10_000)
    assert person["id"] in {e.id for e in shown(panel.view)}
    assert panel.kinds_button.text() == f"Kinds: {len(panel.kinds) - 1} of {len(panel.kinds)}"
    for kind, action in panel.kind_actions.items():
        action.setChecked(kind == "plate")
    qtbot.waitUntil(lambda: {e.kind for e in shown(panel.view)} == {"plate"}, timeout=10_000)
    assert {e.id for e in shown(panel.view)} == {abc["id"], xyz["id"], near_miss["id"]}

    # the search box: typed as a guard types, one query once the typing stops, matched by the recorder
    queries = []
    real_call = win.api.call

    def spy(method, path, **kw):
        if path == "/api/events" and "q" in kw.get("params", {}):
            queries.append(kw["params"]["q"])
        return real_call(method, path, **kw)

    win.api.call = spy
    qtbot.mouseClick(panel.search, Qt.LeftButton)
    QTest.keyClicks(panel.search, "abc1", delay=60)
    qtbot.waitUntil(lambda: [e.id for e in shown(panel.view)] == [abc["id"]], timeout=10_000)
    assert queries and set(queries) == {"abc1"}  # "a", "ab", "abc" were never sent
    panel.kind_actions["person"].trigger()  # the search and the kinds work together
    panel.kind_actions["plate"].trigger()
    qtbot.waitUntil(lambda: shown(panel.view) == [], timeout=10_000)
    assert panel.status.text() == "No events match the filter."
    panel.kind_actions["plate"].trigger()
    qtbot.waitUntil(lambda: len(shown(panel.view)) == 1, timeout=10_000)

    # a click plays the event, PRE_ROLL before it
    win.seek(at(0, 1))
    qtbot.waitUntil(lambda: near(win, at(0, 1), 2), timeout=10_000)
    click_event(qtbot, panel.view, abc["id"])
    target = _utc(abc["start"]) - PRE_ROLL
    qtbot.waitUntil(lambda: near(win, target), timeout=10_000)
    qtbot.waitUntil(lambda: (shown := clock_of(win)) is not None and abs((shown - target).total_seconds()) <= 2,
                    timeout=1000)  # what the guard reads
    assert "licence plate — ABC1D23" in win.notice.text()

    # the whole list again; Enter on the highlighted event plays it
    panel.search.clear()
    panel.kinds_button.menu().actions()[0].trigger()  # "All kinds"
    qtbot.waitUntil(lambda: mine <= {e.id for e in shown(panel.view)}, timeout=10_000)
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(panel.model.row_of(xyz["id"]), 2))
    QTest.keyClick(panel.view, Qt.Key_Return)
    target = _utc(xyz["start"]) - PRE_ROLL
    qtbot.waitUntil(lambda: near(win, target), timeout=10_000)
    assert "XYZ9K88" in win.notice.text()
    # oldest first on demand, remembered
    panel.order.setCurrentIndex(1)
    order = [e.id for e in shown(panel.view) if e.id in mine]
    assert order == [abc["id"], person["id"], xyz["id"], near_miss["id"]]
    assert panel.view.selected_event().id == xyz["id"]  # the highlighted event stays highlighted

    if SHOTS:
        qtbot.wait(300)
        screen_shot(win, Path(SHOTS) / "event_panel.png")

    # E hides the list, the player's video takes the room, and the choice is remembered
    activate(qtbot, win)
    width = win.video.width()
    QTest.keyClick(win, Qt.Key_E)
    qtbot.waitUntil(lambda: not panel.isVisible(), timeout=2000)
    qtbot.waitUntil(lambda: win.video.width() > width + 200, timeout=2000)
    assert not win.events_button.isChecked()
    assert client_settings().value("player/events", type=bool) is False
    again = PlayerWindow(camera(), RecorderApi(recording.data))  # not logged in: only its settings matter
    assert again.events.isHidden() and not again.events_button.isChecked()
    assert client_settings().value("events/newest_first", type=bool) is False
    assert again.events.order.currentData() is False
    again.close()
    # a hidden list asks nothing; shown again, it is brought up to date
    win.api.call = real_call
    late = post_event(recording, 1, at(5, 1), "plate", "LATE001", 0.9)
    win.refresh()
    qtbot.waitUntil(lambda: late["id"] in {e.id for e in win.timeline.events}, timeout=10_000)  # day reloaded
    assert panel._stale  # the list was told, and only noted it is out of date
    assert late["id"] not in {e.id for e in shown(panel.view)}
    QTest.keyClick(win, Qt.Key_E)
    qtbot.waitUntil(lambda: late["id"] in {e.id for e in shown(panel.view)}, timeout=10_000)


# -- the site-wide search -------------------------------------------------------------------------

@pytest.mark.slow
def test_search_finds_a_plate_on_any_camera_and_opens_its_player_there(qtbot, recording, camera_factory):
    from vms_desktop.main_window import MainWindow
    from vms_desktop.playback.player_window import PRE_ROLL
    from vms_desktop.recorder_link import RecorderSupervisor
    from vms_desktop.settings import client_settings

    yard = camera_factory(timecode=True, fps=15, gop_seconds=1)
    r = recording.api("POST", "/api/cameras", json={"name": "Yard", "url": yard.url})
    assert r.status_code == 201, r.text
    yard_id = r.json()["id"]
    wait_for(lambda: len(recording.segments(yard_id)) >= 3, 60, 1, "three closed segments of the yard")
    gate_at = _utc(recording.segments(1)[2]["start"]) + timedelta(seconds=2)
    yard_at = _utc(recording.segments(yard_id)[1]["start"]) + timedelta(seconds=2)
    gate_plate = post_event(recording, 1, gate_at, "plate", "ABC1D23", 0.9)
    yard_plate = post_event(recording, yard_id, yard_at, "plate", "KLM7A12", 0.77, snapshot=png(RED))
    yard_twin = post_event(recording, yard_id, yard_at + timedelta(seconds=1), "plate", "abc1e00", 0.6)
    shirt = post_event(recording, 1, gate_at + timedelta(seconds=8), "person", "KLM7 on a shirt", 0.5)  # not a plate

    sup = RecorderSupervisor(DataDir(recording.data_dir))  # not started: the recorder runs already
    sup.login(*recording.add_user())
    win = MainWindow(sup, client_settings())
    qtbot.addWidget(win)
    win.show()
    win.show_status(sup.api.status())
    activate(qtbot, win)
    QTest.keyClick(win, Qt.Key_F, Qt.ControlModifier)
    qtbot.waitUntil(lambda: win.event_search is not None and win.event_search.isVisible(), timeout=5000)
    dialog = win.event_search
    assert ("Ctrl+F", "Search events (plates, labels) on every camera") in win.shortcuts()
    assert any(keys == "E" for keys, _ in win.shortcuts())
    view = dialog.view
    # at first: the plates of the last 24 hours, newest first
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Found"), timeout=10_000)
    assert [e.id for e in shown(view)] == [yard_twin["id"], yard_plate["id"], gate_plate["id"]]

    QTest.keyClicks(dialog.text, "abc1", delay=30)
    qtbot.waitUntil(lambda: {e.id for e in shown(view)} == {gate_plate["id"], yard_twin["id"]}, timeout=10_000)
    assert dialog.status.text() == "Found: 2"
    when = _utc(gate_plate["start"]).astimezone(dialog.tz).strftime("%d/%m/%Y %H:%M:%S")
    assert cells(view, gate_plate["id"])[1:] == ["Gate", when, "licence plate", "ABC1D23", "90 %", ""]
    assert cells(view, yard_twin["id"])[1] == "Yard"

    dialog.text.setText("klm7")
    qtbot.waitUntil(lambda: [e.id for e in shown(view)] == [yard_plate["id"]], timeout=10_000)
    dialog.kind_boxes["person"].click()
    qtbot.waitUntil(lambda: len(shown(view)) == 2, timeout=10_000)
    assert {e.kind for e in shown(view)} == {"plate", "person"}
    dialog.kind_boxes["person"].click()
    dialog.text.setText("nobody has this plate")
    qtbot.waitUntil(lambda: dialog.status.text() == "Nothing found.", timeout=10_000)
    assert shown(view) == []
    # a period chosen by hand: one that ended before the plates were read
    dialog.period.setCurrentIndex(dialog.period.findData("between"))
    dialog.text.setText("klm7")
    dialog.since.setDateTime(dialog.since.dateTime().addDays(-2))
    dialog.until.setDateTime(dialog.until.dateTime().addDays(-1).addSecs(-3600))
    qtbot.waitUntil(lambda: dialog.status.text() == "Nothing found.", timeout=10_000)
    dialog.period.setCurrentIndex(dialog.period.findData("week"))
    qtbot.waitUntil(lambda: [e.id for e in shown(view)] == [yard_plate["id"]], timeout=10_000)
    model = view.model()
    qtbot.waitUntil(lambda: isinstance(model.data(model.index(0, 0), Qt.DecorationRole), QPixmap), timeout=10_000)
    if SHOTS:
        dialog.grab().save(str(Path(SHOTS) / "event_search.png"))

    # Enter on the hit: the yard's player, a few seconds before the plate
    view.setFocus()
    view.setCurrentIndex(model.index(0, 1))
    QTest.keyClick(view, Qt.Key_Return)
    qtbot.waitUntil(lambda: win.player is not None and win.player.camera.id == yard_id, timeout=5000)
    qtbot.waitUntil(lambda: near(win.player, yard_at - PRE_ROLL), timeout=20_000)
    qtbot.waitUntil(lambda: (shown := clock_of(win.player)) is not None
                    and abs((shown - (yard_at - PRE_ROLL)).total_seconds()) <= 2, timeout=1000)

    # a double-click on a hit of another camera: that camera's player instead
    dialog.text.setText("abc1d")
    qtbot.waitUntil(lambda: [e.id for e in shown(view)] == [gate_plate["id"]], timeout=10_000)
    first = win.player
    click_event(qtbot, view, gate_plate["id"], double=True)
    qtbot.waitUntil(lambda: win.player is not None and win.player is not first
                    and win.player.camera.id == 1, timeout=5000)
    qtbot.waitUntil(lambda: near(win.player, gate_at - PRE_ROLL), timeout=20_000)
    # the same camera again: its open player goes there
    same = win.player
    dialog.text.setText("klm7 on")
    dialog.kind_boxes["person"].click()
    qtbot.waitUntil(lambda: [e.id for e in shown(view)] == [shirt["id"]], timeout=10_000)
    click_event(qtbot, view, shirt["id"], double=True)
    assert win.player is same
    qtbot.waitUntil(lambda: near(win.player, gate_at + timedelta(seconds=8) - PRE_ROLL), timeout=10_000)
    win.player.close()
    qtbot.waitUntil(lambda: win.player is None, timeout=5000)


def test_search_says_why_when_the_recorder_is_away(qtbot, tmp_path):
    from vms_desktop.events.event_search import EventSearch
    from vms_desktop.recorder_link import RecorderApi

    dialog = EventSearch(RecorderApi(DataDir(tmp_path / "no-recorder")), UTC)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("The search failed"), timeout=5000)
    assert dialog.status.text() == "The search failed: the recorder is not running"
    assert dialog.status.property("ok") is False
    for box in dialog.kind_boxes.values():
        box.setChecked(False)
    qtbot.waitUntil(lambda: dialog.status.text() == "Tick at least one kind.", timeout=5000)
