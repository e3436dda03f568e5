"""The window behind a login, against a real recorder: the first administrator made at first
start, a wrong password said in words and on record, a viewer seeing only what a viewer may
use, a session ended by an administrator asking for the password again without losing the
window, the screen locked after the idle time, a change of user, and the demo logging in by
itself."""

from __future__ import annotations

import pytest

from tests.harness import PASSWORD, cli, cli_json, wait_for
from vms_api.local import DataDir

pytestmark = pytest.mark.slow  # a recorder process each


@pytest.fixture
def window_on(qtbot):
    made = []

    def make(rec, **login):
        from vms_desktop.main_window import MainWindow
        from vms_desktop.recorder_link import RecorderSupervisor
        from vms_desktop.settings import client_settings

        sup = RecorderSupervisor(DataDir(rec.data_dir), **login)
        win = MainWindow(sup, client_settings())
        qtbot.addWidget(win)
        made.append(sup)
        sup.start()
        win.show()
        return sup, win

    yield make
    for sup in made:
        sup.close()


def dialog_of(qtbot, win):
    qtbot.waitUntil(lambda: win.session_guard.dialog is not None and win.session_guard.dialog.isVisible(),
                    timeout=20_000)
    return win.session_guard.dialog


def log_in(qtbot, dialog, user: str, password: str = PASSWORD) -> None:
    if not dialog.username.isReadOnly():
        dialog.username.setText(user)
    dialog.password.setText(password)
    if dialog.setup_mode:
        dialog.repeat.setText(password)
    dialog.ok.click()


def visible_actions(win) -> set[str]:
    return {a.text() for a, _needs in win.permission_actions if a.isVisible()}


def test_first_start_makes_the_administrator_then_a_wrong_password_is_said(qtbot, tmp_path, recorder_factory,
                                                                          window_on):
    rec = recorder_factory(tmp_path / "data").start()
    sup, win = window_on(rec)
    dialog = dialog_of(qtbot, win)
    assert win.pages.currentWidget() is win.curtain  # no camera shows before a login
    qtbot.waitUntil(lambda: dialog.setup_mode, timeout=10_000)  # the recorder has no account: no default password
    dialog.username.setText("ana")
    dialog.password.setText(PASSWORD)
    dialog.repeat.setText(PASSWORD + "x")
    dialog.ok.click()
    assert dialog.error.text() == "The two passwords differ."
    log_in(qtbot, dialog, "ana")
    qtbot.waitUntil(lambda: win.session_guard.dialog is None and win.pages.currentWidget() is not win.curtain,
                    timeout=10_000)
    assert win.session_guard.label.text() == "ana (Administrator)"
    assert {"Add camera…", "Storage…", "Saved clips…"} <= visible_actions(win)
    trail = cli_json(rec.data_dir, "audit", "--user", "ana")
    assert [e["action"] for e in trail][-2:] == ["login", "user_added"]  # newest first

    win.session_guard.log_out()
    dialog = dialog_of(qtbot, win)
    assert not dialog.setup_mode and dialog.username.text() == "ana"  # the last name, never the password
    assert dialog.password.text() == ""
    log_in(qtbot, dialog, "ana", "not the password")
    qtbot.waitUntil(lambda: dialog.error.text() == "wrong user name or password", timeout=10_000)
    assert dialog.password.text() == "" and win.pages.currentWidget() is win.curtain
    assert cli_json(rec.data_dir, "audit", "--user", "ana", "--action", "login_failed")


def test_a_viewer_sees_live_only_and_an_ended_session_asks_again_keeping_the_window(
        qtbot, tmp_path, camera_factory, recorder_factory, window_on):
    cam = camera_factory()
    data = tmp_path / "data"
    cli(data, "camera", "add", "--name", "Gate", "--url", cam.url, "--motion", "off")
    rec = recorder_factory(data).start()
    rec.add_user("root", "admin")
    rec.add_user("vera", "viewer")
    sup, win = window_on(rec, user="vera", password=PASSWORD)
    qtbot.waitUntil(lambda: win.session_guard.label.text() == "vera (Viewer)", timeout=20_000)
    qtbot.waitUntil(lambda: 1 in win.grid.tiles, timeout=20_000)  # live: allowed
    assert visible_actions(win) == set()  # no settings, clips, events, storage or stopping for a viewer
    assert not win.open_camera(1)  # no playback

    admin = rec.desktop_api("root")
    assert admin.end_sessions("vera").ended == 1
    dialog = dialog_of(qtbot, win)  # the next status poll finds the session ended
    assert "session ended" in dialog.intro.text()
    assert win.isVisible() and win.pages.currentWidget() is win.curtain
    log_in(qtbot, dialog, "vera")
    qtbot.waitUntil(lambda: win.pages.currentWidget() is not win.curtain and 1 in win.grid.tiles, timeout=20_000)


def test_the_screen_locks_when_idle_and_another_user_takes_over(qtbot, tmp_path, recorder_factory, window_on):
    rec = recorder_factory(tmp_path / "data").start()
    rec.add_user("otto", "operator")
    rec.add_user("sara", "supervisor")
    rec.desktop_api("root", "admin").change_site_settings({"lock_minutes": 1})  # the administrator's choice
    sup, win = window_on(rec, user="otto", password=PASSWORD)
    guard = win.session_guard
    qtbot.waitUntil(lambda: guard.label.text() == "otto (Operator)", timeout=20_000)
    first_session = sup.session
    qtbot.waitUntil(lambda: guard.lock_minutes == 1, timeout=10_000)
    guard.idle.last_input -= 61  # a minute without a key or the mouse
    guard._check_idle()
    dialog = dialog_of(qtbot, win)
    assert win.pages.currentWidget() is win.curtain
    assert dialog.username.isReadOnly() and dialog.username.text() == "otto"
    assert dialog.other.isVisible()
    # the locked desk holds no session on the recorder
    qtbot.waitUntil(lambda: bool(cli_json(rec.data_dir, "audit", "--user", "otto", "--action", "logout")),
                    timeout=10_000)
    changed = []
    guard.user_changed.connect(changed.append)
    dialog.other.click()  # change user: the next shift
    log_in(qtbot, dialog, "sara")
    qtbot.waitUntil(lambda: guard.label.text() == "sara (Supervisor)", timeout=10_000)
    assert [s.user.name for s in changed] == ["sara"]
    assert sup.session.token != first_session.token
    wait_for(lambda: win.pages.currentWidget() is not win.curtain, 5, what="the window shown again")


def test_the_demo_logs_in_by_itself_with_its_own_account(qtbot, tmp_path, recorder_factory, window_on):
    from recorder.demo import DEMO_USER, demo_account
    from recorder.index.db import database_url, open_index
    from recorder.paths import DataDir as RecorderDataDir

    data = RecorderDataDir(tmp_path / "data")
    data.create()
    demo_account(open_index(database_url(data.db_file)), data)
    assert data.demo_login_file.stat().st_mode & 0o077 == 0  # the password file is the owner's alone
    rec = recorder_factory(data.root).start()
    sup, win = window_on(rec, demo=True)
    qtbot.waitUntil(lambda: win.session_guard.label.text() == f"{DEMO_USER} (Administrator)", timeout=20_000)
    assert win.session_guard.dialog is None
