"""Retention and storage in the client: the alert logic on its own, then the storage view and
the main window's banner against a real recorder on a synthetic index (tiny files)."""

from __future__ import annotations

import copy
import hashlib
import os
import shutil
import subprocess
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from recorder.index.db import database_url, open_index
from recorder.index.models import Deletion, Event, Segment
from recorder.paths import DataDir
from tests.harness import event, fill_segments, wait_for
from tests.harness import expiring as expiring_day
from vms_api import models as m
from vms_api.client import ApiError
from vms_desktop.playback.day_export import SUMS, export_day
from vms_desktop.storage.disk_alerts import (
    EventMemory,
    ExpiryMemory,
    LevelWatch,
    TroubleWatch,
    days_text,
    hours_minutes,
    human_bytes,
    level_of,
    mbits,
    short_date,
)

SHOTS = os.environ.get("VMS_SCREENSHOTS")  # a folder: the view and the banner are saved there, themed


@pytest.fixture(autouse=True)
def themed(qapp):
    if SHOTS:
        from vms_desktop.theme import apply_dark_theme

        apply_dark_theme(qapp)

# -- the pure logic -------------------------------------------------------------------------------


def test_disk_alert_fires_once_per_upward_crossing():
    assert [level_of(p) for p in (0, 79.9, 80, 89.9, 90, 94.9, 95, 100)] == [0, 0, 80, 80, 90, 90, 95, 95]
    watch = LevelWatch()
    fired = [watch.update(p)[0] for p in (50, 80, 81, 90, 85, 79, 81, 82, 96, 96)]
    assert [f for f in fired if f is not None] == [80, 90, 80, 95]
    watch = LevelWatch()
    assert [watch.update(p) for p in (80, 90, 85, 79, 81)] == [(80, 80), (90, 90), (None, 80), (None, 0), (80, 80)]


def test_trouble_is_told_once_per_new_sentence_whatever_its_figures():
    watch = TroubleWatch()
    short = "The disk is almost full ({} MB free, 500 MB needed) and there is no old footage left: add a disk"
    assert watch.update(short.format(120)) is True
    assert watch.update(short.format(90)) is False  # the same trouble, new figures
    assert watch.update("The disk is almost full (80 MB free) and only clips are left (3), ...") is True
    assert watch.update(None) is False and watch.update(None) is False
    assert watch.update(short.format(60)) is True  # back after it was solved: news again


def test_early_deletions_are_told_once_each():
    memory = EventMemory()
    events = [event(4, None), event(2, None)]
    assert [e.id for e in memory.new(events)] == [2, 4]
    assert memory.new(events) == []
    assert [e.id for e in memory.new(events + [event(7, None)])] == [7]
    assert EventMemory(7).new(events) == []  # remembered across a restart


def test_expiry_notice_once_per_camera_and_day_across_restarts():
    today = date(2025, 1, 15)
    expiring = [expiring_day(2, "2025-01-09"), expiring_day(5, "2025-01-09")]
    memory = ExpiryMemory.load(None)
    assert [e.camera_id for e in memory.due(expiring, today)] == [2, 5]
    assert memory.due(expiring, today) == []
    saved = memory.dump()
    restarted = ExpiryMemory.load(saved)  # the client restarted the same day: nothing again
    assert restarted.due(expiring, today) == []
    assert [e.camera_id for e in restarted.due(expiring + [expiring_day(7, "2025-01-09")], today)] == [7]
    tomorrow = ExpiryMemory.load(restarted.dump())  # the next day: the next day expiring is news
    assert len(tomorrow.due([expiring_day(2, "2025-01-10")], today + timedelta(days=1))) == 1
    assert "2025-01-15" not in tomorrow.dump()  # old memories are forgotten
    assert ExpiryMemory.load("not json").told == {} and ExpiryMemory.load("[1]").told == {}


def test_storage_numbers_in_words():
    assert [human_bytes(n) for n in (0, 1023, 2048, 5 * 2**20, 3 * 2**30, 2**42)] == \
        ["0 B", "1023 B", "2 KB", "5.0 MB", "3.0 GB", "4.0 TB"]
    assert mbits(500_000) == "4.00" and mbits(2_000_000) == "16.0" and mbits(None) == "0.00"
    assert hours_minutes(86399) == "24 h 00 min" and hours_minutes(3599.0) == "1 h 00 min"
    assert hours_minutes(90 * 60 + 20) == "1 h 30 min"
    assert short_date("2025-01-14") == "14/01"
    assert days_text(None) == "—" and days_text(2.345) == "2.3" and days_text(40.6) == "41"
    assert days_text(15182955.0) == "1000+"


def _downloads(files: list[Path]) -> list[tuple[str, object]]:
    """(name, download) as the storage view hands them over; a file gone is the recorder's 404."""
    def download(src: Path, dest: Path) -> str:
        if not src.is_file():
            raise ApiError("segment_not_found", f"no {src.name}", 404)
        shutil.copyfile(src, dest)
        return hashlib.sha256(src.read_bytes()).hexdigest()
    return [(f.name, lambda dest, f=f: download(f, dest)) for f in files]


def test_day_export_writes_a_sha256sums_file_and_never_overwrites(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    files = []
    for i in range(3):
        f = src / f"{i:02d}-00-00.mp4"
        f.write_bytes(os.urandom(5000 + i))
        files.append(f)
    out = tmp_path / "out"
    out.mkdir()
    result = export_day(_downloads(files + [src / "gone.mp4"]), out, "Gate / front", "2025-01-14")
    assert result.folder == out / "Gate_front_2025-01-14" and result.files == 3 and result.missing == ["gone.mp4"]
    assert result.bytes == sum(f.stat().st_size for f in files)
    check = subprocess.run(["sha256sum", "-c", SUMS], cwd=result.folder, capture_output=True, text=True)
    assert check.returncode == 0 and check.stdout.count(": OK") == 3
    again = export_day(_downloads(files[:1]), out, "Gate / front", "2025-01-14")
    assert again.folder == out / "Gate_front_2025-01-14_2" and (result.folder / files[1].name).exists()


# -- against a real recorder -----------------------------------------------------------------------

DAYS, CAMERAS = 10, 2


@pytest.fixture
def site(tmp_path, recorder_factory):
    """Ten days of two (disabled) cameras; the recorder's start-up sweep keeps the basic plan's 7."""
    data = DataDir(tmp_path / "data")
    fill_segments(data, DAYS, CAMERAS)
    rec = recorder_factory(data.root, segment_seconds=60).start()
    wait_for(lambda: rec.api("GET", "/api/storage").json()["last_sweep"], 30, 0.25, "the start-up sweep")
    return rec


def index_days(data: DataDir) -> dict[tuple[int, str], tuple[int, int]]:
    """(camera, local day) -> (segments, bytes), straight from the index."""
    out: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    with open_index(database_url(data.db_file))() as s:
        for cam, start, size in s.execute(select(Segment.camera_id, Segment.start, Segment.bytes)):
            row = out[(cam, start.astimezone().date().isoformat())]
            row[0] += 1
            row[1] += size
    return {k: tuple(v) for k, v in out.items()}


def table_rows(table) -> list[list[str]]:
    return [[table.item(i, j).text() for j in range(table.columnCount())] for i in range(table.rowCount())]


def test_storage_view_numbers_filters_delete_and_export(qtbot, site, tmp_path, monkeypatch):
    from PySide6.QtCore import QDate, Qt
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from vms_desktop.storage.storage_view import StorageView

    data = site.data
    view = StorageView(site.desktop_api())
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.days_table.rowCount() > 0 and view.log_table.rowCount() > 0, timeout=10_000)
    truth = index_days(data)

    # per camera: its total, its days, its retention, its rate (100 bytes an hour)
    cams = table_rows(view.cameras_table)
    assert [r[0] for r in cams] == ["cam 1", "cam 2"]
    for i, cid in enumerate((1, 2)):
        total = sum(b for (c, _d), (_n, b) in truth.items() if c == cid)
        assert view.cameras_table.item(i, 4).toolTip() == f"{total:,}"
        assert cams[i][1] == "7 days" and cams[i][2] == str(sum(c == cid for c, _d in truth))
        assert cams[i][6] == "0.00"
    # per day: exactly the index's days, sizes and recorded hours
    shown = {tuple(view.days_table.item(i, 0).data(Qt.UserRole)): view.days_table.item(i, 3).toolTip()
             for i in range(view.days_table.rowCount())}
    assert shown == {k: f"{b:,}" for k, (_n, b) in truth.items()}
    oldest = min(d for _c, d in truth)
    assert oldest == (date.today() - timedelta(days=6)).isoformat()  # basic plan: 7 days kept
    row = next(r for r in table_rows(view.days_table) if r[0] == "cam 1" and r[1] == date.fromisoformat(
        oldest).strftime("%d/%m/%Y"))
    assert row[2] == "24 h 00 min" or truth[(1, oldest)][0] != 24  # a whole day (not on a DST change)
    assert "next run" in view.summary.text() and "Disk:" in view.summary.text()

    # the cleanup log: the start-up sweep's deletions, filtered by camera and by period
    with open_index(database_url(data.db_file))() as s:
        deleted = list(s.execute(select(Deletion.camera_id, Deletion.start, Deletion.reason)))
    assert view.log_table.rowCount() == len(deleted) and {r[4] for r in table_rows(view.log_table)} == {"retention"}
    view.camera_filter.setCurrentIndex(view.camera_filter.findData(2))
    qtbot.waitUntil(lambda: view.log_table.rowCount() == sum(c == 2 for c, _s, _r in deleted), timeout=10_000)
    assert {r[1] for r in table_rows(view.log_table)} == {"cam 2"}
    assert {r[0] for r in table_rows(view.days_table)} == {"cam 2"} and view.cameras_table.rowCount() == 1
    gone_day = date.today() - timedelta(days=8)
    view.date_from.setDate(QDate(gone_day))
    view.date_to.setDate(QDate(gone_day))
    expect = sum(c == 2 and s.astimezone().date() == gone_day for c, s, _r in deleted)
    qtbot.waitUntil(lambda: view.log_table.rowCount() == expect and expect > 0, timeout=10_000)
    assert all(r[2].startswith(gone_day.strftime("%d/%m/%Y")) for r in table_rows(view.log_table))
    assert view.days_table.rowCount() == 0  # nothing kept of that day
    view.camera_filter.setCurrentIndex(0)
    view.date_from.setDate(QDate.currentDate().addDays(-30))
    view.date_to.setDate(QDate.currentDate())

    # delete a day of camera 1, after the confirmation
    day = (date.today() - timedelta(days=3)).isoformat()
    files = [data.absolute(p) for p in open_index(database_url(data.db_file))().scalars(
        select(Segment.path).where(Segment.camera_id == 1))
             if p.startswith(f"recordings/cam_1/{day}/")]
    assert files and all(f.exists() for f in files)
    qtbot.waitUntil(lambda: view.days_table.rowCount() == len(truth), timeout=10_000)
    view.select_day(1, day)
    assert view.buttons["delete"].isEnabled()
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.Yes)
    view.delete_day()
    qtbot.waitUntil(lambda: view.status.text().startswith("Deleted"), timeout=20_000)
    assert "cam 1" in asked[0] and date.fromisoformat(day).strftime("%d/%m/%Y") in asked[0]
    assert human_bytes(truth[(1, day)][1]) in asked[0]
    assert view.status.text().startswith(f"Deleted {truth[(1, day)][0]} recordings")
    qtbot.waitUntil(lambda: view.days_table.rowCount() == len(truth) - 1, timeout=10_000)
    assert not any(f.exists() for f in files) and (1, day) not in index_days(data)
    qtbot.waitUntil(lambda: any(r[4] == "by the administrator" for r in table_rows(view.log_table)), timeout=10_000)
    manual = [r for r in table_rows(view.log_table) if r[4] == "by the administrator"]
    assert len(manual) == len(files) and {r[1] for r in manual} == {"cam 1"}

    # export a day of camera 2 into the folder picked: its files and a SHA256SUMS that checks
    day = (date.today() - timedelta(days=2)).isoformat()
    out = tmp_path / "usb"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
    view.select_day(2, day)
    view.export_day(reason="a data subject's request")
    qtbot.waitUntil(lambda: view.status.text().startswith("Exported"), timeout=20_000)
    folder = out / f"cam_2_{day}"
    n, size = truth[(2, day)]
    assert view.status.text().startswith(f"Exported {n} files ({human_bytes(size)}) to {folder}")
    assert view.status.property("ok") == "true"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [p.name for p in data.absolute(f"recordings/cam_2/{day}").iterdir()] + [SUMS])
    check = subprocess.run(["sha256sum", "-c", SUMS], cwd=folder, capture_output=True, text=True)
    assert check.returncode == 0 and check.stdout.count(": OK") == n, check.stdout + check.stderr
    if SHOTS:
        view.tabs.setCurrentIndex(0)
        qtbot.wait(100)
        view.grab().save(os.path.join(SHOTS, "storage_cameras.png"))
        view.tabs.setCurrentIndex(1)
        qtbot.wait(100)
        view.grab().save(os.path.join(SHOTS, "storage_days.png"))
        view.tabs.setCurrentIndex(2)
        qtbot.wait(100)
        view.grab().save(os.path.join(SHOTS, "storage_log.png"))


def test_banner_and_tray_tell_each_alert_once(qtbot, site):
    from PySide6.QtWidgets import QToolButton

    from vms_desktop.main_window import MainWindow
    from vms_desktop.recorder_link import RecorderSupervisor
    from vms_desktop.settings import client_settings

    data = site.data
    with open_index(database_url(data.db_file)).begin() as s:  # what the disk guard writes
        s.add(Event(camera_id=None, kind="early_deletion", start=datetime.now(UTC),
                    label="40 of the oldest recordings deleted early: the disk was nearly full (1.2 GB free)"))

    def window():
        sup = RecorderSupervisor(data)  # fed by hand, not polling
        sup.login(*site.add_user())
        win = MainWindow(sup, client_settings())
        qtbot.addWidget(win)
        win.show()
        told = []
        win.alerts.notify.connect(lambda title, text, level: told.append((title, level)))
        return win, told

    win, told = window()
    real = site.api("GET", "/api/status").json()

    def status(percent: float, trouble: str | None = None) -> m.Status:
        st = copy.deepcopy(real)
        total = st["disk"]["total"]
        st["disk"].update(used=int(total * percent / 100), free=int(total * (100 - percent) / 100),
                          percent=percent, level=level_of(percent), trouble=trouble, days_until_full=3.5)
        return m.Status.model_validate(st)

    win.show_status(status(91))
    texts = win.banner.texts
    assert texts()["disk"].startswith("The recordings disk is 91 % full (over 90 %)")
    assert "about 3.5 days" in texts()["disk"]
    # the early deletion and what retention deletes tomorrow, from the recorder
    qtbot.waitUntil(lambda: {"expiry:1", "expiry:2"} <= set(texts()) and any(k.startswith("early:") for k in texts()),
                    timeout=10_000)
    expiring = (date.today() - timedelta(days=6)).strftime("%d/%m")
    assert texts()["expiry:2"].startswith(f"cam 2: {expiring} will be deleted ")
    assert "save clips now" in texts()["expiry:2"]
    early = next(v for k, v in texts().items() if k.startswith("early:"))
    assert early.startswith("Disk guard, ") and "40 of the oldest recordings deleted early" in early
    assert told[0] == ("Disk 90 % full", "warn")
    assert sorted(told[1:]) == [("Footage deleted early", "warn"), ("Footage expires tomorrow", "info")]
    if SHOTS:
        win.resize(1280, 720)
        qtbot.wait(200)
        win.grab().save(os.path.join(SHOTS, "storage_banner.png"))

    # the same status again, and the recorder asked again: nothing new
    win.show_status(status(91))
    win.alerts.check_events()
    win.alerts.check_expiry()
    assert win.alerts._asking == {"events", "expiry"}
    qtbot.waitUntil(lambda: not win.alerts._asking, timeout=10_000)  # both answers handled
    assert len(told) == 3
    # dismissed, and not back while use stays up; down a level, then under 80 %: cleared
    win.banner.rows["disk"][0].findChild(QToolButton, "bannerClose").click()
    assert "disk" not in texts()
    win.show_status(status(85))
    assert "disk" not in texts() and len(told) == 3
    win.show_status(status(79))
    win.show_status(status(81))  # a new crossing: told again
    assert texts()["disk"].startswith("The recordings disk is 81 % full (over 80 %)") and len(told) == 4
    win.show_status(status(79))
    assert "disk" not in texts()

    # the recorder cannot make room: red, told once per new sentence
    short = ("The disk is almost full ({} MB free, 900 MB needed) and there is no old footage left: "
             "free space or add a disk, or recording will stop")
    win.show_status(status(79, short.format(300)))
    assert win.banner.rows["trouble"][0].property("level") == "danger"
    assert texts()["trouble"].startswith("Recording is in danger: The disk is almost full (300 MB free")
    win.show_status(status(79, short.format(250)))
    assert len(told) == 5 and told[-1] == ("Recording is in danger", "danger") and "250 MB" in texts()["trouble"]
    assert win.banner.box.itemAt(0).widget() is win.banner.rows["trouble"][0]  # the worst on top
    if SHOTS:
        qtbot.wait(200)
        win.grab().save(os.path.join(SHOTS, "storage_banner_trouble.png"))
    win.show_status(status(79))
    assert "trouble" not in texts()
    win.close()

    # a restart the same day: the expiry notices and the early deletion are not told again
    win, told = window()
    win.show_status(status(50))
    assert win.alerts._asking == {"events", "expiry"}  # the first status asks the recorder
    qtbot.waitUntil(lambda: not win.alerts._asking, timeout=10_000)  # and its answers are handled
    assert told == [] and not win.banner.texts() and not win.banner.isVisible()
