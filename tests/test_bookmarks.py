"""Bookmarks on a real recorder and a real SQLite index: marked by whoever plays footage back,
changed only by their author or a user who may delete footage, on record, and a protected one
holding its recordings through a retention sweep, the disk guard and a deleted day, within the
plan's hours."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from recorder.bookmarks import Bookmarks
from recorder.index.db import database_url, open_index, set_plan
from recorder.index.models import Segment
from recorder.index.segments import SegmentStore
from recorder.paths import DataDir
from recorder.storage.retention import Retention
from tests.harness import add_user, cli_json, code, fill_segments, grab, login, new_camera


def _iso(t: datetime) -> str:
    return t.isoformat()


def test_marked_listed_changed_by_their_author_and_on_record(client, recorder):
    gate, door = new_camera(client)["id"], new_camera(client, name="Door")["id"]
    assert client.put("/api/plan", json={"name": "pro"}).status_code == 200  # 5 users
    add_user(client, "joao", "operator")
    add_user(client, "rita", "operator", cameras=[gate])
    add_user(client, "vera", "viewer")
    add_user(client, "sara", "supervisor")
    joao, rita, vera, sara = (login(recorder, n) for n in ("joao", "rita", "vera", "sara"))
    at = datetime(2026, 12, 7, 9, 14, tzinfo=UTC)
    made = joao.post("/api/bookmarks", json={"camera_id": gate, "start": _iso(at), "title": "Van without plates",
                                             "note": "checked with the porter\nleft at 09:20"})
    assert made.status_code == 201, made.text
    mark = made.json()
    assert mark["end"] == mark["start"] == _iso(at) and mark["created_by"] == "joao" and not mark["protect"]
    joao.post("/api/bookmarks", json={"camera_id": door, "start": _iso(at - timedelta(hours=2)),
                                      "end": _iso(at - timedelta(hours=1)), "title": "Delivery"})
    # the next shift sees them, by camera and period; a user limited to cameras sees only theirs
    assert [b["title"] for b in sara.get("/api/bookmarks").json()] == ["Delivery", "Van without plates"]
    day = {"start": _iso(at - timedelta(minutes=30)), "end": _iso(at + timedelta(minutes=30))}
    assert [b["id"] for b in sara.get("/api/bookmarks", params=day).json()] == [mark["id"]]
    assert [b["title"] for b in rita.get("/api/bookmarks").json()] == ["Van without plates"]
    assert code(rita.get("/api/bookmarks", params={"camera_id": door})) == "camera_not_allowed"
    assert code(vera.get("/api/bookmarks")) == "permission_missing"
    # another operator may not change joao's; a supervisor may
    refused = rita.patch(f"/api/bookmarks/{mark['id']}", json={"title": "mine now"})
    assert refused.status_code == 403 and code(refused) == "bookmark_not_yours"
    assert refused.json()["params"] == {"bookmark_id": mark["id"], "created_by": "joao"}
    assert joao.patch(f"/api/bookmarks/{mark['id']}", json={"note": "the porter knew the driver"}).json()["note"] \
        == "the porter knew the driver"
    assert sara.patch(f"/api/bookmarks/{mark['id']}", json={"title": "Van (known)"}).status_code == 200
    # bad input: said, and nothing kept
    for body, expected in (({"title": "  "}, "bookmark_title_required"),
                           ({"title": "a\u202eb"}, "bookmark_title_control_characters"),
                           ({"end": _iso(at - timedelta(seconds=1))}, "bookmark_start_after_end")):
        r = joao.post("/api/bookmarks", json={"camera_id": gate, "start": _iso(at), "title": "x"} | body)
        assert r.status_code == 400 and code(r) == expected, (body, r.text)
    assert code(joao.post("/api/bookmarks", json={"camera_id": 99, "start": _iso(at), "title": "x"})) \
        == "camera_not_found"
    assert code(joao.delete("/api/bookmarks/9999")) == "bookmark_not_found"
    assert len(sara.get("/api/bookmarks").json()) == 2
    assert code(rita.delete(f"/api/bookmarks/{mark['id']}")) == "bookmark_not_yours"
    assert joao.delete(f"/api/bookmarks/{mark['id']}").json() == {"deleted": mark["id"]}
    trail = client.get("/api/audit", params={"action": "bookmark_changed"}).json()
    assert [(e["user"], e["detail"]["was"]) for e in trail] == [("sara", {"title": "Van without plates"}),
                                                                ("joao", {"note": "checked with the porter\nleft at 09:20"})]
    created = client.get("/api/audit", params={"action": "bookmark_created"}).json()
    assert {(e["user"], e["camera_id"], e["detail"]["title"]) for e in created} == {
        ("joao", gate, "Van without plates"), ("joao", door, "Delivery")}
    gone = client.get("/api/audit", params={"action": "bookmark_deleted"}).json()
    assert [(e["user"], datetime.fromisoformat(e["start"])) for e in gone] == [("joao", at)]


def test_protected_footage_within_the_plans_hours(client, recorder):
    gate = new_camera(client)["id"]
    add_user(client, "joao", "operator")
    joao = login(recorder, "joao")
    at = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)

    def protect(hours: float, title="held"):
        return joao.post("/api/bookmarks", json={"camera_id": gate, "start": _iso(at), "title": title, "protect": True,
                                                 "end": _iso(at + timedelta(hours=hours))})

    assert client.put("/api/plan", json={"name": "basic"}).status_code == 200
    first = protect(20).json()
    refused = protect(5)
    assert refused.status_code == 403 and code(refused) == "protection_quota_reached"
    assert refused.json()["params"] == {"plan": "basic", "limit_hours": 24, "used_hours": 20.0, "asked_hours": 5.0}
    assert joao.get("/api/bookmarks/protection").json() == {"plan": "basic", "limit_hours": 24, "used_hours": 20.0}
    # released, the hours are free again; protecting it anew counts them again
    assert joao.patch(f"/api/bookmarks/{first['id']}", json={"protect": False}).json()["protect"] is False
    second = protect(5).json()
    assert code(joao.patch(f"/api/bookmarks/{first['id']}", json={"protect": True})) == "protection_quota_reached"
    assert client.put("/api/plan", json={"name": "pro"}).status_code == 200
    assert joao.patch(f"/api/bookmarks/{first['id']}", json={"protect": True}).json()["protect"] is True
    assert joao.get("/api/bookmarks/protection").json()["used_hours"] == 25.0
    assert [b["id"] for b in joao.get("/api/bookmarks", params={"protected": True}).json()] == [first["id"],
                                                                                                second["id"]]


def test_a_protected_range_survives_retention_the_disk_guard_and_a_deleted_day(tmp_path):
    data = DataDir(tmp_path / "data")
    fill_segments(data, 20, 2)  # hour-long segments, 20 days back, two cameras
    sessions = open_index(database_url(data.db_file))
    ret = Retention(data, sessions, SegmentStore(data, sessions))
    marks = Bookmarks(sessions)
    with sessions.begin() as s:
        set_plan(s, "basic")  # 7 days
        old = s.scalars(select(Segment).where(Segment.camera_id == 1).order_by(Segment.start).offset(48)).first()
        held_start, held_end = old.start + timedelta(minutes=50), old.end + timedelta(minutes=30)  # two segments
    mark = marks.add(1, held_start, held_end, "burglary at the back door", None, True, "sara")
    marks.add(2, held_start, held_end, "just a note", None, False, "sara")  # not protected: goes

    def segments(camera_id: int, start: datetime, end: datetime) -> list[int]:
        with sessions() as s:
            return list(s.scalars(select(Segment.id).where(Segment.camera_id == camera_id, Segment.start <= end,
                                                           Segment.end >= start)))

    held = segments(1, held_start, held_end)
    assert len(held) == 2
    files = {sid: data.absolute(p) for sid, p in _paths(sessions, held).items()}
    assert ret.sweep()["deleted"] > 0
    assert segments(1, held_start, held_end) == held and all(f.exists() for f in files.values())
    assert segments(2, held_start, held_end) == []  # the other camera's same hours went
    # the disk guard, asked for more than the disk holds, passes them by too
    assert held[0] not in ret._oldest_covering(10**15) and held[1] not in ret._oldest_covering(10**15)
    # an administrator deleting that day keeps them, and says so
    result = ret.delete_day(1, held_start.astimezone().date())
    assert result["kept"] >= 1 and set(held) & set(segments(1, held_start, held_end)) == set(held)
    # released, the next sweep takes them
    marks.change(mark["id"], True, "sara", protect=False)
    ret.sweep()
    assert segments(1, held_start, held_end) == [] and not any(f.exists() for f in files.values())


def _paths(sessions, ids: list[int]) -> dict[int, str]:
    with sessions() as s:
        return dict(s.execute(select(Segment.id, Segment.path).where(Segment.id.in_(ids))).all())


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("QT_QPA_PLATFORM") == "offscreen", reason="needs a real X server for libVLC's video")
def test_the_player_marks_a_range_shows_it_on_the_timeline_and_goes_back_to_it(qtbot, player, recording, tmp_path):
    from vms_desktop.playback.timeline import BOOKMARK_PROTECTED

    win = player
    segs = recording.segments(1)
    start = datetime.fromisoformat(segs[1]["start"]).astimezone(UTC) + timedelta(seconds=1)
    end = start + timedelta(seconds=5)
    win.timeline.set_selection(start, end)
    win.add_bookmark()  # the button, or B
    dialog = win.bookmark_dialog
    qtbot.waitUntil(lambda: "hours the plan allows" in dialog.quota.text(), timeout=10_000)
    dialog.save_button.click()  # no title: said, nothing sent
    assert dialog.error.text() and dialog.isVisible()
    dialog.title.setText("Van without plates")
    dialog.note.setPlainText("checked with the porter")
    dialog.protect.setChecked(True)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: len(win.timeline.bookmarks) == 1, timeout=10_000)
    mark = win.timeline.bookmarks[0]
    assert (mark.title, mark.protect, datetime.fromisoformat(mark.end)) == ("Van without plates", True, end)
    assert win.bookmarks_button.text() == "Bookmarks (1)" and "Bookmarked" in win.notice.text()
    # drawn where it is: the protected colour along the bar's top edge at its start
    win.timeline.set_selection(None, None)
    grab(win).save(str(tmp_path / "bookmarked.png"))
    shot = win.timeline.grab().toImage()
    x, y = int(win.timeline.x_of(start) + 2), int(win.timeline._bar().top() + 2)
    assert shot.pixelColor(x, y).name() == BOOKMARK_PROTECTED.name(), shot.pixelColor(x, y).name()
    # from another moment, the list takes the player back to it
    win.seek(datetime.fromisoformat(segs[4]["start"]).astimezone(UTC))
    qtbot.waitUntil(lambda: win.engine.now() and win.engine.now() > end + timedelta(seconds=5), timeout=15_000)
    win.bookmarks_button.menu().actions()[0].trigger()
    qtbot.waitUntil(lambda: win.engine.now() and abs(win.engine.now() - start) < timedelta(seconds=2), timeout=15_000)
    entry = cli_json(recording.data_dir, "audit", "--action", "bookmark_created")[0]
    assert entry["detail"]["protect"] is True and entry["user"] == "guard"
