"""Operators on a real recorder object and a real SQLite index, its API called in-process:
the first administrator, logins and their brake, roles and cameras enforced by every route,
the plan's limit on accounts, sessions that end."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import select, update

from recorder.index.db import set_plan
from recorder.index.models import User, UserSession, utcnow
from recorder.users.brake import LoginBrake
from tests.harness import PASSWORD, add_user, api, code, login, new_camera, wait_for
from vms_api.roles import ROLE_PERMISSIONS, Role


def test_the_first_administrator_is_made_once_and_only_on_the_recorders_machine(recorder):
    far = api(recorder, "192.168.0.20").post("/api/setup", json={"username": "ana", "password": PASSWORD})
    assert far.status_code == 403 and code(far) == "setup_not_local"
    r = api(recorder).post("/api/setup", json={"username": "ana", "password": PASSWORD})
    assert r.status_code == 201 and r.json()["user"]["role"] == "admin" and r.json()["token"]
    again = api(recorder).post("/api/setup", json={"username": "eve", "password": PASSWORD})
    assert again.status_code == 409 and code(again) == "setup_done"
    assert [u["name"] for u in login(recorder, "ana").get("/api/users").json()] == ["ana"]


def test_an_unknown_user_and_a_wrong_password_answer_alike(client, recorder):
    add_user(client, "joao", "operator")
    wrong = api(recorder).post("/api/login", json={"username": "joao", "password": "not it at all"})
    unknown = api(recorder).post("/api/login", json={"username": "nobody", "password": "not it at all"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json() and code(wrong) == "login_failed"
    me = login(recorder, "JOAO").get("/api/session").json()  # names in any case
    assert me["user"]["name"] == "joao" and me["user"]["role"] == "operator" and me["token"] is None
    assert set(me["user"]["permissions"]) == set(ROLE_PERMISSIONS[Role.OPERATOR])


def test_wrong_passwords_slow_down_then_lock_the_account(client, recorder):
    add_user(client, "joao", "operator")
    recorder.accounts.brake = LoginBrake(free=2, lock_after=3, lock_seconds=600)
    c = api(recorder)

    def attempt(password="wrong password"):
        return c.post("/api/login", json={"username": "joao", "password": password})

    assert code(attempt()) == "login_failed"
    assert code(attempt()) == "login_failed"
    soon = attempt(PASSWORD)  # even the right password waits its turn
    assert soon.status_code == 429 and code(soon) == "login_too_soon" and soon.headers["Retry-After"] == "1"
    third = wait_for(lambda: (r := attempt()).status_code != 429 and r, 10, 0.2, "the spacing to pass")
    assert third.status_code == 403 and code(third) == "login_locked" and third.json()["params"]["minutes"] == 10
    locked = attempt(PASSWORD)
    assert locked.status_code == 403 and code(locked) == "login_locked"
    assert client.get("/api/users").json()[0]["locked_until"] is not None
    # an unknown name goes through the same brake: the answers do not tell which names exist
    for _ in range(2):
        c.post("/api/login", json={"username": "ghost", "password": "wrong password"})
    assert code(c.post("/api/login", json={"username": "ghost", "password": "x"})) == "login_too_soon"


def test_one_address_guessing_across_many_names_is_spaced_out_and_others_are_not(client, recorder):
    from recorder.users.brake import AddressBrake

    add_user(client, "joao", "operator")
    recorder.accounts.address_brake = AddressBrake(free=4)
    guesser, desk = api(recorder, "192.168.0.66"), api(recorder, "192.168.0.20")
    # one wrong password per name: no name's own brake ever sees more than one
    answers = [code(guesser.post("/api/login", json={"username": f"user{i}", "password": "123456"}))
               for i in range(6)]
    assert answers[:4] == ["login_failed"] * 4 and "login_too_soon" in answers[4:]
    slowed = guesser.post("/api/login", json={"username": "joao", "password": PASSWORD})
    assert slowed.status_code == 429 and int(slowed.headers["Retry-After"]) >= 1
    assert desk.post("/api/login", json={"username": "joao", "password": PASSWORD}).status_code == 200
    failed = [e for e in client.get("/api/audit", params={"action": "login_failed"}).json()
              if e["address"] == "192.168.0.66"]
    # each wrong password on record with the address it came from, and the knocks it was slowed at
    assert [e["detail"]["refused"] for e in failed].count("login_failed") == 4
    assert {e["detail"]["refused"] for e in failed} == {"login_failed", "login_too_soon"}


def test_each_role_reaches_only_what_it_holds(client, recorder):
    cam = new_camera(client)
    for name, role in [("vera", "viewer"), ("otto", "operator"), ("sara", "supervisor")]:
        add_user(client, name, role)
    viewer, operator, supervisor = login(recorder, "vera"), login(recorder, "otto"), login(recorder, "sara")
    refused = viewer.get(f"/api/recordings?camera_id={cam['id']}")
    assert refused.status_code == 403 and code(refused) == "permission_missing"
    assert refused.json()["params"] == {"permission": "playback"}
    assert viewer.get("/api/cameras").status_code == 200
    assert code(viewer.get("/api/events")) == "permission_missing"
    assert operator.get(f"/api/recordings?camera_id={cam['id']}").status_code == 200
    assert operator.get("/api/events").status_code == 200
    deleting = operator.delete("/api/clips/1")
    assert deleting.status_code == 403 and deleting.json()["params"] == {"permission": "delete"}
    assert supervisor.delete("/api/clips/1").status_code == 404  # allowed: there is no such clip
    changing = supervisor.patch(f"/api/cameras/{cam['id']}", json={"name": "x"})
    assert changing.status_code == 403 and changing.json()["params"] == {"permission": "settings"}
    assert code(supervisor.get("/api/users")) == "permission_missing"
    assert code(operator.post("/api/shutdown")) == "permission_missing"
    assert code(operator.get(f"/api/clips/1/file?token={operator.headers['Authorization'][7:]}")) == "clip_not_found"


def test_a_user_limited_to_some_cameras_sees_only_those(client, recorder):
    one, two = new_camera(client, name="Gate"), new_camera(client, name="Office")
    add_user(client, "otto", "operator", cameras=[one["id"]])
    otto = login(recorder, "otto")
    assert [c["id"] for c in otto.get("/api/cameras").json()] == [one["id"]]
    assert [c["id"] for c in otto.get("/api/status").json()["cameras"]] == [one["id"]]
    assert otto.get(f"/api/recordings?camera_id={one['id']}").status_code == 200
    for path in (f"/api/recordings?camera_id={two['id']}", f"/api/cameras/{two['id']}",
                 f"/api/events?camera_id={two['id']}", f"/api/recordings/days?camera_id={two['id']}"):
        r = otto.get(path)
        assert r.status_code == 403 and code(r) == "camera_not_allowed" and r.json()["params"] == {"camera_id": two["id"]}
    token = otto.headers["Authorization"][7:]
    live = otto.get(f"/api/cameras/{two['id']}/live?token={token}")
    assert live.status_code == 403 and code(live) == "camera_not_allowed"
    clip = otto.post("/api/clips", json={"camera_id": two["id"], "start": "2026-01-01T10:00:00+00:00",
                                         "end": "2026-01-01T10:01:00+00:00", "name": "x"})
    assert code(clip) == "camera_not_allowed"


def test_the_plan_limits_the_accounts(client, recorder):
    with recorder.sessions.begin() as s:
        set_plan(s, "basic")
    for i in range(3):
        add_user(client, f"guard{i}", "operator")
    r = client.post("/api/users", json={"name": "guard3", "role": "operator", "password": PASSWORD})
    assert r.status_code == 403 and code(r) == "user_limit_reached"
    assert r.json()["params"] == {"plan": "basic", "limit": 3, "count": 3}
    with recorder.sessions.begin() as s:
        set_plan(s, "pro")
    add_user(client, "guard3", "operator")


def test_the_last_administrator_stays(client, recorder):
    add_user(client, "ana", "admin")
    add_user(client, "bia", "admin")
    assert client.delete("/api/users/ana").status_code == 200
    for r in (client.delete("/api/users/bia"), client.patch("/api/users/bia", json={"role": "operator"})):
        assert r.status_code == 409 and code(r) == "user_last_admin"
    assert code(client.delete("/api/users/nobody")) == "user_not_found"
    assert code(client.post("/api/users", json={"name": "BIA", "role": "viewer", "password": PASSWORD})) == "user_exists"
    assert code(client.post("/api/users", json={"name": "a b", "role": "viewer", "password": PASSWORD})) == \
        "user_name_invalid"
    assert code(client.post("/api/users", json={"name": "cid", "role": "viewer", "password": "short"})) == \
        "password_too_short"


def test_sessions_end_on_logout_new_password_revocation_and_time(client, recorder):
    add_user(client, "otto", "operator")
    first, second, third = login(recorder, "otto"), login(recorder, "otto"), login(recorder, "otto")
    assert first.post("/api/logout").json() == {"ended": 1}
    gone = first.get("/api/status")
    assert gone.status_code == 401 and code(gone) == "session_expired"
    assert second.get("/api/status").status_code == 200
    assert client.patch("/api/users/otto", json={"password": "another good one"}).status_code == 200
    assert code(second.get("/api/status")) == "session_expired"  # a new password ends the old sessions
    assert code(api(recorder).post("/api/login", json={"username": "otto", "password": PASSWORD})) == "login_failed"
    fourth = login(recorder, "otto", "another good one")
    assert client.post("/api/users/otto/logout").json() == {"ended": 1}
    assert code(fourth.get("/api/status")) == "session_expired"
    fifth = login(recorder, "otto", "another good one")
    with recorder.sessions.begin() as s:
        s.execute(update(UserSession).values(expires_at=utcnow()))
    recorder.accounts._cache.clear()
    assert code(fifth.get("/api/status")) == "session_expired"
    assert third.get("/api/status").status_code == 401


def test_passwords_and_tokens_are_never_kept_as_given(client, recorder):
    add_user(client, "otto", "operator")
    token = login(recorder, "otto").headers["Authorization"][7:]
    with recorder.sessions() as s:
        stored = s.scalar(select(User.password_hash))
        digests = list(s.scalars(select(UserSession.token_sha256)))
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert token not in digests and len(digests) == 1
    raw = recorder.data.db_file.read_bytes() + recorder.data.db_file.with_name("vms.db-wal").read_bytes()
    assert PASSWORD.encode() not in raw and token.encode() not in raw
    assert PASSWORD not in client.get("/api/users").text


@pytest.mark.parametrize("body", [{"username": "x" * 201, "password": "p"}, {"username": "a", "password": "p" * 1025},
                                  {"username": "a"}, {"password": "p"}])
def test_a_malformed_login_is_refused_without_echoing_the_password(recorder, body):
    r = api(recorder).post("/api/login", json=body)
    assert r.status_code == 422 and "p" * 50 not in r.text


def test_the_command_line_manages_accounts_without_a_password_in_argv(tmp_path):
    data = tmp_path / "data"
    cli = [sys.executable, "-m", "recorder.cli", "--data-dir", str(data), "user"]

    def run(*args, stdin=""):
        return subprocess.run([*cli, *args], input=stdin, capture_output=True, text=True, timeout=60)

    assert run("add", "ana", "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n").returncode == 0
    assert run("add", "otto", "--role", "operator", "--cameras", "1,2", "--password-stdin",
               stdin=PASSWORD + "\n").returncode == 0
    listed = run("list")
    assert "ana" in listed.stdout and "cameras 1,2" in listed.stdout and PASSWORD not in listed.stdout
    no_tty = run("passwd", "otto")
    assert no_tty.returncode == 2 and "--password-stdin" in no_tty.stderr
    assert run("passwd", "otto", "--password-stdin", stdin="a new good one\n").returncode == 0
    last = run("remove", "ana")
    assert last.returncode == 2 and "last administrator" in last.stderr
    assert run("add", "x", "--role", "king", "--password-stdin", stdin=PASSWORD).returncode == 2
    from recorder.index.db import database_url, open_index
    from recorder.users.accounts import Accounts

    accounts = Accounts(open_index(database_url(data / "vms.db")))
    _, who = accounts.login("otto", "a new good one")
    assert who.role == Role.OPERATOR and who.cameras == {1, 2}
