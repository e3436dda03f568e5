"""Alarms on a real recorder and a real SQLite index: rules that make events alarms, in armed
hours and on some cameras; a watch list of plates matched with one misread character; the
queue every workstation follows (a waiting request answered as soon as an alarm is raised); and
acknowledgements with a comment, on record."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest

from recorder.alarms.rules import armed, normalize_plate, watched, within_one_edit
from tests.harness import add_user, code, login, new_camera

LOCAL = datetime.now().astimezone().tzinfo


@pytest.mark.parametrize(("at", "days", "start", "end", "expected"), [
    (datetime(2026, 12, 7, 12, 0), [0], "00:00", "00:00", True),  # Monday, all day
    (datetime(2026, 12, 8, 12, 0), [0], "00:00", "00:00", False),  # Tuesday
    (datetime(2026, 12, 7, 8, 0), [0], "08:00", "18:00", True),  # the start is armed
    (datetime(2026, 12, 7, 18, 0), [0], "08:00", "18:00", False),  # the end is not
    (datetime(2026, 12, 11, 23, 0), [4], "22:00", "06:00", True),  # Friday night
    (datetime(2026, 12, 12, 3, 0), [4], "22:00", "06:00", True),  # ... still Friday's watch on Saturday
    (datetime(2026, 12, 12, 23, 0), [4], "22:00", "06:00", False),  # Saturday night is not armed
    (datetime(2026, 12, 11, 3, 0), [4], "22:00", "06:00", False),  # Friday 03:00 is Thursday's night
    (datetime(2026, 12, 11, 12, 0), [4], "22:00", "06:00", False),  # daytime
])
def test_armed_hours(at, days, start, end, expected):
    assert armed(at, days, start, end) is expected


def test_plates_match_with_one_misread_character():
    assert normalize_plate(" abc-1d23 ") == "ABC1D23"
    assert within_one_edit("ABC1D23", "ABC1D23")
    assert within_one_edit("ABC1D23", "ABC1O23")  # D read as O
    assert within_one_edit("ABC1D23", "ABC123")  # one missed
    assert within_one_edit("ABC1D23", "ABC1DD23")  # one extra
    assert not within_one_edit("ABC1D23", "ABD1O23")  # two
    assert not within_one_edit("ABC1D23", "BC1D2")
    plates = {"ABC1D23": "stolen 05/12", "QWE4567": None}
    assert watched("abc1d23", plates) == ("ABC1D23", "stolen 05/12")
    assert watched("ABC-1O23", plates) == ("ABC1D23", "stolen 05/12")
    assert watched("QWE4568", plates) == ("QWE4567", None)
    assert watched("XYZ9999", plates) is None
    assert watched("AB", {"AB12": None}) is None  # a fragment matches nothing


def _post_plate(c, camera_id: int, plate: str, at: datetime | None = None) -> None:
    r = c.post("/api/events", json={"camera_id": camera_id, "time": (at or datetime.now(UTC)).isoformat(),
                                    "kind": "plate", "label": plate})
    assert r.status_code == 201, r.text


def test_rules_watch_list_queue_and_acknowledgement(client, recorder):
    gate, door = new_camera(client)["id"], new_camera(client, name="Door")["id"]
    assert client.put("/api/plan", json={"name": "pro"}).status_code == 200
    add_user(client, "ana", "admin")
    add_user(client, "joao", "operator")
    add_user(client, "rita", "operator", cameras=[door])
    add_user(client, "vera", "viewer")
    ana, joao, rita, vera = (login(recorder, n) for n in ("ana", "joao", "rita", "vera"))
    alarms = recorder.alarms
    alarms.raise_from_events()  # the first look: events from before raise nothing

    # the admin decides what is an alarm; operators may read the rules, not change them
    plate_rule = ana.post("/api/alarms/rules", json={"name": "Stolen vehicles", "kind": "plate"})
    assert plate_rule.status_code == 201, plate_rule.text
    assert plate_rule.json()["camera_ids"] is None and plate_rule.json()["days"] == list(range(7))
    offline = ana.post("/api/alarms/rules", json={"name": "Gate offline", "kind": "offline", "camera_ids": [gate],
                                                  "escalate_after_s": 60}).json()
    assert code(joao.post("/api/alarms/rules", json={"name": "x", "kind": "disk"})) == "permission_missing"
    assert [r["name"] for r in joao.get("/api/alarms/rules").json()] == ["Stolen vehicles", "Gate offline"]
    for body, expected in (({"name": "a\u202eb", "kind": "disk"}, "alarm_rule_name_invalid"),
                           ({"name": "   ", "kind": "disk"}, "alarm_rule_name_invalid"),
                           ({"name": "x", "kind": "disk", "days": []}, "alarm_rule_no_days"),
                           ({"name": "x", "kind": "disk", "start": "24:00"}, "invalid_request"),
                           ({"name": "x", "kind": "smoke"}, "invalid_request")):
        assert code(ana.post("/api/alarms/rules", json=body)) == expected, body
    assert len(ana.get("/api/alarms/rules").json()) == 2

    # the watch list: imported as a whole; a bad line refuses the import and keeps the old list
    listed = ana.put("/api/alarms/watchlist", json={"plates": [{"plate": "abc-1d23", "note": "stolen 05/12"},
                                                               {"plate": "QWE4567"}]})
    assert listed.json()["plates"] == [{"plate": "ABC1D23", "note": "stolen 05/12"}, {"plate": "QWE4567", "note": None}]
    long = ana.put("/api/alarms/watchlist", json={"plates": [{"plate": "ß" * 20}]})  # SS twenty times
    assert code(long) == "watchlist_plate_invalid"
    bad = ana.put("/api/alarms/watchlist", json={"plates": [{"plate": "XYZ1234"}, {"plate": "-"}]})
    assert code(bad) == "watchlist_plate_invalid" and bad.json()["params"] == {"plate": "-"}
    assert len(joao.get("/api/alarms/watchlist").json()["plates"]) == 2
    assert code(joao.put("/api/alarms/watchlist", json={"plates": []})) == "permission_missing"

    # plates posted by a reader: on the list (exactly, or one character misread) are alarms
    _post_plate(joao, gate, "ABC1D23")
    _post_plate(joao, door, "ABC1O23")
    _post_plate(joao, door, "XYZ9999")
    assert alarms.raise_from_events() == 3
    queue = joao.get("/api/alarms", params={"state": "open"}).json()
    assert [(a["camera_id"], a["label"]) for a in queue] == [
        (door, "ABC1O23 ≈ ABC1D23 — stolen 05/12"), (gate, "ABC1D23 — stolen 05/12")]
    assert all(a["rule_name"] == "Stolen vehicles" and a["kind"] == "plate" for a in queue)
    # a user limited to some cameras sees theirs; a viewer answers no alarms
    assert [a["camera_id"] for a in rita.get("/api/alarms").json()] == [door]
    assert code(vera.get("/api/alarms")) == "permission_missing"

    # an outage on the gate: one alarm, however often it flaps before someone answers
    recorder.store.add_event(gate, "offline", "camera_timeout")
    recorder.store.add_event(door, "offline", "camera_timeout")  # the rule is the gate's only
    recorder.store.add_event(gate, "offline", "camera_refused")
    alarms.raise_from_events()
    outage, = [a for a in joao.get("/api/alarms").json() if a["kind"] == "offline"]
    assert outage["count"] == 2 and outage["label"] == "camera_refused" and outage["rule_id"] == offline["id"]
    raised = datetime.fromisoformat(outage["at"])
    assert datetime.fromisoformat(outage["escalate_at"]) - raised >= timedelta(seconds=59)

    # acknowledged with what was done: off every queue, on record; bad input loses nothing
    assert code(joao.post(f"/api/alarms/{outage['id']}/acknowledge", json={"comment": "  "})) == "alarm_comment_required"
    assert code(rita.post(f"/api/alarms/{outage['id']}/acknowledge", json={"comment": "ok"})) == "camera_not_allowed"
    assert code(joao.post("/api/alarms/999/acknowledge", json={"comment": "ok"})) == "alarm_not_found"
    assert joao.get("/api/alarms/changes", params={"after": 2**63}).status_code == 422  # beyond any id
    done = joao.post(f"/api/alarms/{outage['id']}/acknowledge", json={"comment": "power cut at the gate; porter told"})
    assert done.status_code == 200, done.text
    assert done.json()["state"] == "acknowledged" and done.json()["acknowledged_by"] == "joao"
    again = ana.post(f"/api/alarms/{outage['id']}/acknowledge", json={"comment": "me too"})
    assert again.status_code == 409 and again.json()["params"] == {"alarm_id": outage["id"], "by": "joao"}
    assert outage["id"] not in [a["id"] for a in joao.get("/api/alarms", params={"state": "open"}).json()]
    entry, = client.get("/api/audit", params={"action": "alarm_acknowledged"}).json()
    assert entry["user"] == "joao" and entry["camera_id"] == gate
    assert entry["detail"]["comment"] == "power cut at the gate; porter told" and entry["detail"]["count"] == 2
    # after an acknowledgement the next outage is a new alarm
    recorder.store.add_event(gate, "offline", "camera_timeout")
    alarms.raise_from_events()
    assert len([a for a in joao.get("/api/alarms", params={"state": "open"}).json() if a["kind"] == "offline"]) == 1

    # rules changed and removed are on record; the alarms a removed rule raised stay
    changed = ana.put(f"/api/alarms/rules/{offline['id']}", json={"name": "Gate offline", "kind": "offline",
                                                                  "enabled": False})
    assert changed.status_code == 200 and not changed.json()["enabled"]
    assert ana.delete(f"/api/alarms/rules/{plate_rule.json()['id']}").status_code == 200
    assert code(ana.delete(f"/api/alarms/rules/{plate_rule.json()['id']}")) == "alarm_rule_not_found"
    assert len(joao.get("/api/alarms", params={"state": "open"}).json()) == 3
    actions = [e["action"] for e in client.get("/api/audit").json()]
    for action in ("alarm_rule_added", "alarm_rule_changed", "alarm_rule_removed", "watchlist_changed"):
        assert action in actions, action


def test_a_waiting_workstation_hears_of_an_alarm_at_once(client, recorder):
    """GET /api/alarms/changes with wait answers when the alarm is raised, not at its timeout."""
    gate = new_camera(client)["id"]
    add_user(client, "joao", "operator")
    joao = login(recorder, "joao")
    client.post("/api/alarms/rules", json={"name": "Plates", "kind": "plate"})
    client.put("/api/alarms/watchlist", json={"plates": [{"plate": "ABC1D23"}]})
    recorder.alarms.raise_from_events()
    seq = joao.get("/api/alarms/changes").json()["seq"]
    assert joao.get("/api/alarms/changes", params={"after": seq}).json() == {"seq": seq, "alarms": []}

    stopping = threading.Event()
    follower = threading.Thread(target=recorder.alarms.follow, args=(stopping,), daemon=True)
    follower.start()
    try:
        answer: dict = {}

        def wait() -> None:
            t0 = time.monotonic()
            r = joao.get("/api/alarms/changes", params={"after": seq, "wait": 30})
            answer.update(r.json(), took=time.monotonic() - t0, at=time.monotonic())

        waiting = threading.Thread(target=wait)
        waiting.start()
        posted = time.monotonic()
        _post_plate(client, gate, "ABC1D23")
        waiting.join(30)
        assert answer["alarms"][0]["label"] == "ABC1D23" and answer["seq"] > seq
        assert answer["at"] - posted < 2, answer  # the bound, from the event to the answer
        # an acknowledgement is a change too: other workstations drop it from their queue
        joao.post(f"/api/alarms/{answer['alarms'][0]['id']}/acknowledge", json={"comment": "police called"})
        after = joao.get("/api/alarms/changes", params={"after": answer["seq"], "wait": 30}).json()
        assert [a["state"] for a in after["alarms"]] == ["acknowledged"]
    finally:
        stopping.set()
        follower.join(5)


def test_events_before_the_first_look_and_outside_armed_hours_raise_nothing(client, recorder):
    gate = new_camera(client)["id"]
    recorder.store.add_event(gate, "motion", None)  # before the queue ever looked
    recorder.alarms.raise_from_events()
    saturday = datetime(2026, 12, 12, 3, 0, tzinfo=LOCAL)
    client.post("/api/alarms/rules", json={"name": "Night", "kind": "motion", "days": [4],
                                           "start": "22:00", "end": "06:00"})
    recorder.store.add_event(gate, "motion", None, start=saturday)  # Friday's watch: armed
    recorder.store.add_event(gate, "motion", None, start=saturday + timedelta(hours=9))  # Saturday noon
    recorder.store.add_event(gate, "online", None, start=saturday)  # not a motion event
    assert recorder.alarms.raise_from_events() == 3
    raised, = client.get("/api/alarms").json()
    assert raised["kind"] == "motion" and datetime.fromisoformat(raised["at"]) == saturday and raised["count"] == 1
