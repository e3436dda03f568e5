"""The alarm screens driven like a user: the administrator's rules and watch list against a real
recorder process (a rule made in the form, a stolen-vehicle list imported from a spreadsheet's
CSV, a bad line said in words and the old list kept), and the workstation's queue logic: what
pops up, what is only listed, when an alarm escalates."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt, QTime

from vms_api import models as m
from vms_desktop.alarms.alarm_windows import AlarmQueue
from vms_desktop.alarms.center import AlarmCenter
from vms_desktop.alarms.rules_dialog import AlarmRulesDialog, parse_watchlist


def test_watch_lists_read_as_people_write_them():
    text = "Placa;Observação\nABC1D23;furtado 05/12\n\nqwe-4567\n  XYZ9K88 ; ; roubo\n"
    assert parse_watchlist(text) == [{"plate": "ABC1D23", "note": "furtado 05/12"},
                                     {"plate": "qwe-4567", "note": None},
                                     {"plate": "XYZ9K88", "note": "roubo"}]
    assert parse_watchlist("ABC1D23,stolen\nDEF4G56\n") == [{"plate": "ABC1D23", "note": "stolen"},
                                                             {"plate": "DEF4G56", "note": None}]
    assert parse_watchlist("") == []


def test_an_administrator_sets_rules_and_imports_a_watch_list(qtbot, site, tmp_path):
    rec, api = site
    dialog = AlarmRulesDialog(api)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: len(dialog.cameras) == 2)
    assert dialog.rule_list.count() == 0 and dialog.plate_count.text() == "0 plates"

    # a night watch for motion on the yard, escalated after 5 minutes
    dialog._open_form(None)
    form = dialog.form
    form.name.setText("Yard at night")
    form.kind.setCurrentIndex(form.kind.findData("motion"))
    form.all_cameras.setChecked(False)
    yard = next(i for i in range(form.camera_list.count()) if "Yard" in form.camera_list.item(i).text())
    form.camera_list.item(yard).setCheckState(Qt.Checked)
    for day in (5, 6):
        form.days[day].setChecked(False)  # weekdays only
    form.start.setTime(QTime(22, 0))
    form.end.setTime(QTime(6, 0))
    form.escalate.setValue(300)
    form.accept()
    qtbot.waitUntil(lambda: dialog.rule_list.count() == 1)
    rule, = rec.client.alarm_rules()
    assert (rule.name, rule.kind, rule.camera_ids, rule.days, rule.start, rule.end, rule.escalate_after_s) == \
        ("Yard at night", "motion", [2], [0, 1, 2, 3, 4], "22:00", "06:00", 300)
    assert "Yard at night — Motion · Yard · 22:00–06:00" == dialog.rule_list.item(0).text()

    # changed: switched off; then removed
    dialog.rule_list.setCurrentRow(0)
    dialog.edit_rule()
    dialog.form.enabled.setChecked(False)
    dialog.form.accept()
    qtbot.waitUntil(lambda: "(off)" in dialog.rule_list.item(0).text())
    assert not rec.client.alarm_rules()[0].enabled

    # a list exported from a spreadsheet (Windows' code page, semicolons, a header)
    export = tmp_path / "furtados.csv"
    export.write_bytes("Placa;Observação\nABC1D23;furtado em 05/12\nQWE-4567;roubo\n".encode("cp1252"))
    dialog.load_file(export)
    assert dialog.plate_count.text() == "2 plates read from furtados.csv: save to use them"
    assert rec.client.watchlist().plates == []  # nothing kept before it is saved
    dialog.save_watchlist()
    qtbot.waitUntil(lambda: dialog.plate_count.text() == "2 plates")
    assert [(p.plate, p.note) for p in rec.client.watchlist().plates] == [("ABC1D23", "furtado em 05/12"),
                                                                          ("QWE4567", "roubo")]
    # a line that is no plate: said, and the saved list stays as it was
    dialog.plates.setPlainText("ABC1D23\n--\n")
    dialog.save_watchlist()
    qtbot.waitUntil(lambda: dialog.error.text() != "")
    assert dialog.error.text() == '"--" is not a plate (4 to 20 letters and digits)'
    assert len(rec.client.watchlist().plates) == 2

    dialog.rule_list.setCurrentRow(0)
    dialog.remove_rule()
    qtbot.waitUntil(lambda: dialog.rule_list.count() == 0)
    assert rec.client.alarm_rules() == []


def _alarm(i: int, state: str = "open", escalate_in_s: float = 120, camera_id: int | None = 1, **kw) -> m.Alarm:
    now = datetime.now(UTC)
    return m.Alarm(**{"id": i, "seq": i, "rule_id": 1, "rule_name": "Rule", "kind": "offline", "camera_id": camera_id,
                      "event_id": i, "at": now.isoformat(), "last_at": now.isoformat(), "count": 1, "label": f"#{i}",
                      "state": state, "escalate_at": (now + timedelta(seconds=escalate_in_s)).isoformat(),
                      "acknowledged_by": None, "acknowledged_at": None, "comment": None} | kw)


def test_the_queue_pops_up_new_alarms_lists_old_ones_and_escalates(qtbot, tmp_path):
    center = AlarmCenter(api=None, tone=tmp_path / "alarm.wav")
    sounds = []
    center.sound.play = lambda: sounds.append(1)  # no sound device here: counted instead
    popped, escalated = [], []
    center.popped.connect(popped.append)
    center.escalated.connect(escalated.append)
    center.watcher._stop = threading.Event()  # as if following (no recorder in this unit)
    queue = AlarmQueue(center, lambda cid: f"cam {cid}")
    qtbot.addWidget(queue)

    # the queue found at login is listed and sounded once, not popped up
    center._changed([_alarm(1), _alarm(2)], True)
    assert popped == [] and len(sounds) == 1 and sorted(center.open) == [1, 2]
    assert queue.table.rowCount() == 2 and queue.table.item(0, 3).text() == "#2"
    # a new one pops up; a change to a known one (counted again) does not
    center._changed([_alarm(3), _alarm(1, count=2)], False)
    assert [a.id for a in popped] == [3] and center.open[1].count == 2
    # acknowledged anywhere: off the queue
    center._changed([_alarm(2, state="acknowledged")], False)
    assert sorted(center.open) == [1, 3] and queue.table.rowCount() == 2
    # past its escalation time, unanswered: escalated once, marked in the queue
    center._changed([_alarm(4, escalate_in_s=-1)], False)
    assert [a.id for a in escalated] == [4]
    center._check_escalation()
    assert [a.id for a in escalated] == [4]
    row = [queue.table.item(r, 3).text() for r in range(queue.table.rowCount())].index("#4")
    assert queue.table.item(row, 5).text() == "!"
    # logged out: nothing left
    center.stop()
    assert center.open == {} and queue.table.rowCount() == 0 and not queue.empty.isHidden()
    center.close()
