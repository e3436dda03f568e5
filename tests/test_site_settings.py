"""The site's plan and settings through the API, on a real recorder object and a real SQLite
index: an administrator changes them, anyone logged in reads them, and each change is in the
audit trail."""

from __future__ import annotations

import pytest

from tests.harness import LOCAL, PASSWORD, add_user, api, code, login
from vms_api.client import ApiError, RecorderClient


def last_entry(client, action: str) -> dict:
    return client.get("/api/audit", params={"action": action, "limit": 1}).json()[0]


def test_an_administrator_changes_the_plan_and_it_is_on_record(client, recorder):
    add_user(client, "ana", "admin")
    admin = login(recorder, "ana")
    assert admin.get("/api/plan").json() == {"name": "basic", "days": 7, "users": 3, "user_count": 1}
    r = admin.put("/api/plan", json={"name": "pro"})
    assert r.status_code == 200 and r.json() == {"name": "pro", "days": 15, "users": 5, "user_count": 1}
    assert client.get("/api/status").json()["plan"] == {"name": "pro", "days": 15}
    entry = last_entry(client, "settings_changed")
    assert entry["user"] == "ana" and entry["role"] == "admin" and entry["detail"] == {"plan": "pro", "was": "basic"}
    # the same plan again changes nothing and writes nothing
    admin.put("/api/plan", json={"name": "pro"})
    assert len(client.get("/api/audit", params={"action": "settings_changed"}).json()) == 1
    bad = admin.put("/api/plan", json={"name": "gold"})
    assert bad.status_code == 422 and code(bad) == "invalid_request" and bad.json()["params"]["field"] == "name"


def test_a_smaller_plan_keeps_the_accounts_but_refuses_another(client, recorder):
    client.put("/api/plan", json={"name": "pro"})
    for i in range(4):
        add_user(client, f"user{i}", "viewer")
    assert client.put("/api/plan", json={"name": "basic"}).json()["user_count"] == 4
    r = client.post("/api/users", json={"name": "more", "role": "viewer", "password": PASSWORD})
    assert r.status_code == 403 and code(r) == "user_limit_reached"
    assert r.json()["params"] == {"plan": "basic", "limit": 3, "count": 4}


def test_only_an_administrator_changes_the_site(client, recorder):
    add_user(client, "sara", "supervisor")
    supervisor = login(recorder, "sara")
    assert supervisor.get("/api/plan").status_code == 200
    for refused in (supervisor.put("/api/plan", json={"name": "premium"}),
                    supervisor.patch("/api/settings", json={"lock_minutes": 5})):
        assert refused.status_code == 403 and code(refused) == "permission_missing"
        assert refused.json()["params"] == {"permission": "settings"}
    assert client.get("/api/plan").json()["name"] == "basic"
    denied = last_entry(client, "permission_denied")
    assert denied["user"] == "sara" and denied["detail"]["permission"] == "settings"
    assert api(recorder).get("/api/settings").status_code == 401


def test_the_idle_lock_is_a_site_setting_any_user_reads(client, recorder):
    add_user(client, "vera", "viewer")
    add_user(client, "ana", "admin")
    viewer, admin = login(recorder, "vera"), login(recorder, "ana")
    assert viewer.get("/api/settings").json() == {"lock_minutes": 0}  # never, until the administrator says
    r = admin.patch("/api/settings", json={"lock_minutes": 10})
    assert r.status_code == 200 and r.json() == {"lock_minutes": 10}
    assert viewer.get("/api/settings").json() == {"lock_minutes": 10}
    entry = last_entry(client, "settings_changed")
    assert entry["user"] == "ana" and entry["detail"] == {"lock_minutes": 10, "was": 0}
    assert admin.patch("/api/settings", json={}).json() == {"lock_minutes": 10}  # nothing named, nothing changed
    for wrong in (-1, 721, "soon"):
        bad = admin.patch("/api/settings", json={"lock_minutes": wrong})
        assert bad.status_code == 422 and bad.json()["params"]["field"] == "lock_minutes"
    assert len(client.get("/api/audit", params={"action": "settings_changed"}).json()) == 1


def test_the_client_library_reads_and_sets_them(client, recorder):
    lib = RecorderClient(LOCAL, recorder.token)
    lib.http = client  # the in-process app answers the library's requests
    assert lib.plan().users == 3
    assert lib.set_plan("premium").users == 10
    assert lib.change_site_settings({"lock_minutes": 15}).lock_minutes == 15
    assert lib.site_settings().lock_minutes == 15
    with pytest.raises(ApiError) as refused:
        lib.set_plan("gold")
    assert refused.value.code == "invalid_request" and refused.value.status == 422
