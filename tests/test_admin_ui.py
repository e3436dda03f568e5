"""The administrator's screens driven like a user, against a real recorder process: the users
screen (add, change, the plan's limit said in words, remove, the plan and the idle lock) and the
audit trail's view (filters, paging, CSV export, verify, a tampered entry named)."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.harness import PASSWORD
from vms_api.client import ApiError
from vms_desktop.admin import audit_view
from vms_desktop.admin.audit_view import AuditView
from vms_desktop.admin.users_dialog import UsersDialog


def names(table, column: int = 0) -> list[str]:
    return [table.item(row, column).text() for row in range(table.rowCount())]


def select_user(qtbot, dialog: UsersDialog, name: str) -> None:
    qtbot.waitUntil(lambda: name in names(dialog.table))
    dialog.table.selectRow(names(dialog.table).index(name))


def submit(qtbot, form) -> None:
    qtbot.mouseClick(form.ok, Qt.LeftButton)


def shot(widget, path: Path) -> None:
    """What the screen looks like, kept with the test's files for a person to look at."""
    assert widget.grab().save(str(path))


def test_an_administrator_manages_the_users(qtbot, site, tmp_path):
    rec, api = site
    dialog = UsersDialog(api)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: names(dialog.table) == ["guard"])
    assert dialog.user_count.text() == "1 of 3 users" and dialog.lock.text() == "Never"

    # an operator limited to camera 1
    qtbot.mouseClick(dialog.add_button, Qt.LeftButton)
    form = dialog.form
    qtbot.keyClicks(form.name, "joao")
    form.role.setCurrentIndex(form.role.findData("operator"))
    qtbot.keyClicks(form.password, PASSWORD)
    qtbot.keyClicks(form.repeat, PASSWORD + "x")
    submit(qtbot, form)
    assert form.error.text() == "The two passwords differ." and form.isVisible()
    form.repeat.clear()
    qtbot.keyClicks(form.repeat, PASSWORD)
    form.some_cameras.setChecked(True)
    form.camera_list.item(0).setCheckState(Qt.Checked)
    submit(qtbot, form)
    qtbot.waitUntil(lambda: not form.isVisible())
    qtbot.waitUntil(lambda: "joao" in names(dialog.table))
    joao = next(u for u in api.users() if u.name == "joao")
    assert joao.role == "operator" and joao.cameras == [1]
    assert names(dialog.table, 2)[names(dialog.table).index("joao")] == "Gate"
    assert dialog.message.text() == "joao was added."
    shot(dialog, tmp_path / "users_dialog.png")

    # his role changes
    select_user(qtbot, dialog, "joao")
    qtbot.mouseClick(dialog.change_button, Qt.LeftButton)
    form = dialog.form
    assert form.name.isReadOnly() and form.camera_list.item(0).checkState() == Qt.Checked
    form.role.setCurrentIndex(form.role.findData("supervisor"))
    shot(form, tmp_path / "user_form.png")
    submit(qtbot, form)
    qtbot.waitUntil(lambda: next(u for u in api.users() if u.name == "joao").role == "supervisor")
    qtbot.waitUntil(lambda: "Supervisor" in names(dialog.table, 1))

    # a fourth user on Basic: the recorder refuses, the form says why and stays open
    rec.api("POST", "/api/users", json={"name": "vera", "role": "viewer", "password": PASSWORD})
    qtbot.mouseClick(dialog.add_button, Qt.LeftButton)
    form = dialog.form
    qtbot.keyClicks(form.name, "rita")
    for field in (form.password, form.repeat):
        qtbot.keyClicks(field, PASSWORD)
    submit(qtbot, form)
    qtbot.waitUntil(lambda: "plan" in form.error.text())
    assert form.error.text() == ("the basic plan allows 3 users and there are 3; remove one or move to a bigger plan")
    assert form.isVisible() and form.ok.isEnabled()
    qtbot.waitUntil(lambda: dialog.user_count.text() == "3 of 3 users")  # read again: vera came meanwhile
    form.reject()
    assert "rita" not in [u.name for u in api.users()]

    # the last administrator cannot be demoted
    select_user(qtbot, dialog, "guard")
    qtbot.mouseClick(dialog.change_button, Qt.LeftButton)
    form = dialog.form
    form.role.setCurrentIndex(form.role.findData("viewer"))
    submit(qtbot, form)
    qtbot.waitUntil(lambda: "last administrator" in form.error.text())
    form.reject()

    # removed, after confirming
    select_user(qtbot, dialog, "vera")
    qtbot.mouseClick(dialog.remove_button, Qt.LeftButton)
    assert "vera" in dialog.confirm.text()
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: "vera" not in names(dialog.table))
    assert [u.name for u in api.users()] == ["guard", "joao"]

    # a bigger plan and an idle lock
    dialog.plan.setCurrentIndex(dialog.plan.findData("pro"))
    dialog.lock.setValue(10)
    qtbot.mouseClick(dialog.apply_site, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.user_count.text() == "2 of 5 users")
    assert api.plan().name == "pro" and api.site_settings().lock_minutes == 10
    actions = [(e.action, e.user, e.detail.get("name")) for e in api.audit(limit=20)]
    for done in [("user_added", "guard", "joao"), ("user_changed", "guard", "joao"), ("user_removed", "guard", "vera")]:
        assert done in actions
    changed = [e.detail for e in api.audit(action="settings_changed")]
    assert {"plan": "pro", "was": "basic"} in changed and {"lock_minutes": 10, "was": 0} in changed


def test_a_supervisor_reads_exports_and_verifies_the_trail(qtbot, site, tmp_path, monkeypatch):
    rec, _admin = site
    api = rec.desktop_api("sara", "supervisor")
    rec.api("POST", "/api/users", json={"name": "joao", "role": "operator", "password": PASSWORD, "cameras": [1]})
    joao = rec.client
    joao.login("joao", PASSWORD)
    with pytest.raises(ApiError) as refused:  # outside his cameras: a refusal on record
        joao.recordings(2)
    assert refused.value.code == "camera_not_allowed"
    monkeypatch.setattr(audit_view, "PAGE", 3)  # paging without writing hundreds of entries
    view = AuditView(api)
    qtbot.addWidget(view)
    view.show()
    newest = [e.id for e in api.audit(limit=6)]
    qtbot.waitUntil(lambda: view.table.rowCount() == 3)
    assert [e.id for e in view.entries] == newest[:3] and view.more_button.isEnabled()
    qtbot.mouseClick(view.more_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: view.table.rowCount() == 6)
    assert [e.id for e in view.entries] == newest
    shot(view, tmp_path / "audit_view.png")

    # by user and action
    qtbot.keyClicks(view.user, "joao")
    view.action.setCurrentIndex(view.action.findData("permission_denied"))
    qtbot.mouseClick(view.search_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: view.table.rowCount() == 1 and names(view.table, 3) == ["refused"])
    assert names(view.table, 1) == ["joao"] and names(view.table, 2) == ["Operator"] and names(view.table, 4) == ["Yard"]
    assert "camera_not_allowed" in names(view.table, 8)[0]
    view.action.setCurrentIndex(view.action.findData("login"))
    qtbot.mouseClick(view.search_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: names(view.table, 3) == ["logged in"])

    # the same entries as CSV, to a file the user chooses
    target = tmp_path / "trail.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **kw: (str(target), "CSV files (*.csv)"))
    qtbot.mouseClick(view.export_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: view.message.text().startswith("Saved"))
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [(r["user"], r["action"]) for r in rows] == [("joao", "login")]
    assert view.message.text() == f"Saved 1 entries to {target}."
    exported = api.audit(action="audit_exported", limit=1)[0]
    assert exported.user == "sara" and exported.detail["user"] == "joao" and exported.detail["action"] == "login"

    # verify: intact, then an entry changed behind the index's back
    qtbot.mouseClick(view.verify_button, Qt.LeftButton)
    count = api.audit_verify().entries
    qtbot.waitUntil(lambda: view.message.text() == f"The trail is intact ({count} entries).")
    with sqlite3.connect(rec.data_dir / "vms.db") as conn:
        conn.execute("DROP TRIGGER audit_log_no_update")  # the index refuses the UPDATE otherwise
        conn.execute("UPDATE audit_log SET reason = 'nothing to see' WHERE id = 3")
    qtbot.mouseClick(view.verify_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "tampered" in view.message.text())
    assert view.message.text() == ("The trail was tampered with: entry 3 was changed after it was written. "
                                   "The 2 entries before it are intact.")
