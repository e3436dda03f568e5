"""The playback timeline as the operator meets it: a real widget on a real X server, driven by
real mouse and wheel events. Times are UTC instants; the day is a local calendar day."""

from __future__ import annotations

import statistics
import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QWheelEvent
from PySide6.QtWidgets import QApplication, QToolTip

from tests.harness import event_row
from vms_desktop.playback.timeline import MIN_SPAN, SEEK_EVERY_MS, Timeline, describe_event
from vms_desktop.playback.timemap import hour_marks, local_day
from vms_desktop.settings import install_language

BERLIN = ZoneInfo("Europe/Berlin")
DAY = date(2026, 6, 15)  # an ordinary 24 h day
BAR_LEFT, BAR_WIDTH, BAR_Y = 8, 1000, 35  # resize(1016, 100): the bar is x 8..1008, y 22..48
MARKER_Y = 59  # inside an event triangle (its tip at y 52, base at y 61)


def local(h: int, m: int = 0, s: int = 0, day: date = DAY, tz=BERLIN) -> datetime:
    return datetime(day.year, day.month, day.day, h, m, s, tzinfo=tz).astimezone(UTC)


@pytest.fixture
def make_timeline(qtbot):
    def make(day: date = DAY, tz=BERLIN) -> Timeline:
        tl = Timeline(tz)
        qtbot.addWidget(tl)
        tl.set_day(*local_day(day, tz))
        tl.resize(BAR_LEFT * 2 + BAR_WIDTH, 100)
        with qtbot.waitExposed(tl):  # a context manager: waits for the window on leaving
            tl.show()
        return tl
    return make


def expected_at(tl: Timeline, x: float) -> datetime:
    """The instant at x worked out from the bar geometry, independently of time_at."""
    return tl.view_start + (tl.view_end - tl.view_start) * ((x - BAR_LEFT) / BAR_WIDTH)


def seconds_per_px(tl: Timeline) -> float:
    return (tl.view_end - tl.view_start).total_seconds() / BAR_WIDTH


def wheel(tl: Timeline, x: int, dy: int = 0, dx: int = 0, mods=Qt.NoModifier) -> None:
    pos = QPointF(x, BAR_Y)
    ev = QWheelEvent(pos, QPointF(tl.mapToGlobal(pos)), QPoint(), QPoint(dx, dy), Qt.NoButton, mods,
                     Qt.NoScrollPhase, False)
    QApplication.sendEvent(tl, ev)


def record_seeks(tl: Timeline) -> list[tuple[float, datetime]]:
    seeks: list[tuple[float, datetime]] = []
    tl.seek_requested.connect(lambda t: seeks.append((time.monotonic(), t)))
    return seeks


# -- click and drag --------------------------------------------------------------------------

def test_click_seeks_to_the_instant_under_the_pointer(qtbot, make_timeline):
    tl = make_timeline()
    # a hundredth of a pixel: 0.86 s on a 24 h day over 1000 px
    tolerance = timedelta(seconds=seconds_per_px(tl) * 0.01)
    for x in (BAR_LEFT, 258, 508, 913, BAR_LEFT + BAR_WIDTH):
        with qtbot.waitSignal(tl.seek_requested, timeout=1000) as sig:
            qtbot.mouseClick(tl, Qt.LeftButton, pos=QPoint(x, BAR_Y))
        assert abs(sig.args[0] - expected_at(tl, x)) <= tolerance
        assert tl.playhead == sig.args[0]
    # 12:00 local is half-way along an ordinary day
    assert abs(tl.time_at(BAR_LEFT + BAR_WIDTH / 2) - local(12)) <= tolerance


def test_drag_throttles_seeks_and_ends_on_the_release_point(qtbot, make_timeline):
    tl = make_timeline()
    seeks = record_seeks(tl)
    xs = [100 + 20 * i for i in range(40)]
    started = time.monotonic()
    qtbot.mousePress(tl, Qt.LeftButton, pos=QPoint(60, BAR_Y))
    for i, x in enumerate(xs):
        qtbot.mouseMove(tl, QPoint(x, BAR_Y))
        qtbot.wait(25)
        if i == 20:  # the player reports its position mid-drag: the user's hand wins
            tl.set_playhead(local(3))
            assert tl.playhead == tl.time_at(x)
    elapsed_ms = (time.monotonic() - started) * 1000
    drag_seeks = list(seeks)
    qtbot.mouseRelease(tl, Qt.LeftButton, pos=QPoint(xs[-1], BAR_Y))

    assert elapsed_ms >= 900  # the drag really took about a second
    assert 2 <= len(drag_seeks) <= elapsed_ms / SEEK_EVERY_MS + 2
    gaps_ms = [(b[0] - a[0]) * 1000 for a, b in zip(drag_seeks, drag_seeks[1:])]
    assert min(gaps_ms) >= SEEK_EVERY_MS - 10, gaps_ms  # Qt's coarse timers may fire a little early
    # the release always sends one last seek, to exactly where the pointer let go
    assert len(seeks) == len(drag_seeks) + 1
    assert seeks[-1][1] == tl.time_at(xs[-1]) == tl.playhead
    # every drag seek went forward with the pointer: none is an old position sent late
    times = [t for _, t in seeks]
    assert times == sorted(times)
    # after the drag the player moves the playhead again
    tl.set_playhead(local(12))
    assert tl.playhead == local(12)


def test_a_late_flush_timer_does_not_resend_an_old_position(qtbot, make_timeline):
    """A move that is itself due to seek, while the catch-up timer has not fired yet (a busy GUI
    thread), must not be followed by the older pending position."""
    tl = make_timeline()
    seeks = record_seeks(tl)
    qtbot.mousePress(tl, Qt.LeftButton, pos=QPoint(100, BAR_Y))
    qtbot.mouseMove(tl, QPoint(200, BAR_Y))  # too soon: kept pending, the flush timer armed
    time.sleep((SEEK_EVERY_MS + 30) / 1000)  # the GUI thread busy: the timer cannot fire
    qtbot.mouseMove(tl, QPoint(300, BAR_Y))  # due: seeks at once
    assert not tl._flush.isActive()  # the overdue timer is dropped: nothing left to resend later
    assert [t for _, t in seeks] == [tl.time_at(100), tl.time_at(300)]
    qtbot.mouseRelease(tl, Qt.LeftButton, pos=QPoint(300, BAR_Y))
    assert seeks[-1][1] == tl.time_at(300)


# -- wheel -----------------------------------------------------------------------------------

def test_wheel_zooms_around_the_pointer_down_to_a_minute_and_back(make_timeline):
    tl = make_timeline()
    x = 300
    anchor = tl.time_at(x)
    span = tl.view_end - tl.view_start
    for _ in range(40):  # 0.8**40 of a day would be 11 s: the floor is one minute
        wheel(tl, x, dy=120)
        new_span = tl.view_end - tl.view_start
        assert MIN_SPAN <= new_span <= span
        # the instant under the pointer stays there (to a tenth of a pixel)
        assert abs(tl.time_at(x) - anchor) <= timedelta(seconds=seconds_per_px(tl) * 0.1)
        span = new_span
    assert span == MIN_SPAN

    for _ in range(60):
        wheel(tl, x, dy=-120)
        assert tl.day_start <= tl.view_start < tl.view_end <= tl.day_end
    assert (tl.view_start, tl.view_end) == (tl.day_start, tl.day_end)


@pytest.mark.parametrize("later, earlier", [
    ({"dy": -120, "mods": Qt.ShiftModifier}, {"dy": 120, "mods": Qt.ShiftModifier}),
    ({"dx": -120}, {"dx": 120}),
], ids=["shift-wheel", "horizontal-wheel"])
def test_shift_or_horizontal_wheel_pans_within_the_day(make_timeline, later, earlier):
    tl = make_timeline()
    tl.zoom(0.25, local(12))  # six hours around noon
    span = tl.view_end - tl.view_start
    start = tl.view_start
    wheel(tl, 500, **later)  # each step pans a tenth of the view
    assert tl.view_start - start == span * 0.1 and tl.view_end - tl.view_start == span
    for _ in range(20):  # 14 steps reach midnight; the rest must stop there
        wheel(tl, 500, **later)
    assert tl.view_end == tl.day_end and tl.view_end - tl.view_start == span
    for _ in range(40):
        wheel(tl, 500, **earlier)
    assert tl.view_start == tl.day_start and tl.view_end - tl.view_start == span


# -- markers, tooltip, painting --------------------------------------------------------------

EVENTS = [
    event_row(local(10), "motion", local(10, 0, 30)),
    event_row(local(14), "plate", label="ABC1D23"),
    event_row(local(14, 3), "offline"),  # 2 px right of the plate
    event_row(local(18), "tamper"),  # a kind the client does not know
]


def test_event_near_and_its_description(qtbot, qapp, make_timeline):
    tl = make_timeline()
    tl.set_data([], EVENTS)
    x_plate = tl.x_of(local(14))
    assert tl.event_near(x_plate - 6).kind == "plate"
    assert tl.event_near(x_plate - 6.5) is None
    assert tl.event_near(x_plate + 2).kind == "offline"  # the nearer of two wins
    assert tl.event_near(tl.x_of(local(16))) is None

    assert describe_event(EVENTS[0], BERLIN) == "10:00:00–10:00:30 motion"
    assert describe_event(EVENTS[1], BERLIN) == "14:00:00 licence plate — ABC1D23"
    assert describe_event(EVENTS[2], BERLIN) == "14:03:00 camera offline"
    assert describe_event(EVENTS[3], BERLIN) == "18:00:00 tamper"

    # hovering the marker tells the time there and what happened
    qtbot.mouseMove(tl, QPoint(round(x_plate) - 3, MARKER_Y))
    qtbot.waitUntil(lambda: "licence plate — ABC1D23" in QToolTip.text(), timeout=2000)

    try:  # the kind name is translated; the plate itself is not
        install_language(qapp, "pt_BR")
        assert describe_event(EVENTS[1], BERLIN) == "14:00:00 placa — ABC1D23"
    finally:
        install_language(qapp, "en")


def test_the_bar_shows_runs_gaps_and_markers(qtbot, make_timeline):
    tl = make_timeline()
    tl.set_data([(local(6), local(12))], [EVENTS[0], EVENTS[1]])
    img = tl.grab().toImage()
    r = img.devicePixelRatio()

    def at(x: float, y: float) -> str:
        return img.pixelColor(round(x * r), round(y * r)).name()

    for h in (7, 9, 11):  # inside the run
        assert at(tl.x_of(local(h)), BAR_Y) == "#2f7d4f"
    for h in (2, 5, 13, 20):  # before and after it: gap
        assert at(tl.x_of(local(h)), BAR_Y) == "#3a2326"
    assert at(tl.x_of(local(10)), MARKER_Y) == QColor("#ffd60a").name()
    assert at(tl.x_of(local(14)), MARKER_Y) == "#64d2ff"
    assert at(tl.x_of(local(16)), MARKER_Y) == "#15181c"  # no event, no marker


def test_painting_ten_thousand_markers_is_quick(qtbot, make_timeline, record_property):
    tl = make_timeline()
    start = tl.day_start
    kinds = ["motion", "plate", "person", "vehicle", "offline"]
    events = [event_row(start + timedelta(seconds=8.6 * i), kinds[i % 5], start + timedelta(seconds=8.6 * i + 4), eid=i)
              for i in range(10_000)]
    tl.set_data([(start, tl.day_end)], events)
    timings = []
    for _ in range(5):
        t0 = time.perf_counter()
        tl.repaint()
        timings.append((time.perf_counter() - t0) * 1000)
    median = statistics.median(timings)
    record_property("paint_10k_markers_ms", round(median, 1))
    print(f"\n10,000 markers: repaint median {median:.1f} ms ({', '.join(f'{t:.1f}' for t in timings)})")
    assert median < 200


# -- daylight saving -------------------------------------------------------------------------

def test_dst_days_are_23_or_25_hours_and_the_bar_follows(make_timeline):
    autumn, spring = date(2026, 10, 25), date(2026, 3, 29)
    a0, a1 = local_day(autumn, BERLIN)
    s0, s1 = local_day(spring, BERLIN)
    assert a1 - a0 == timedelta(hours=25) and s1 - s0 == timedelta(hours=23)
    # São Paulo 2018-11-04: clocks jumped from 00:00 to 01:00, so the day starts at 01:00
    sp = ZoneInfo("America/Sao_Paulo")
    p0, p1 = local_day(date(2018, 11, 4), sp)
    assert p1 - p0 == timedelta(hours=23) and p0.astimezone(sp).hour == 1

    tl = make_timeline(autumn)
    noon = local(12, day=autumn)
    assert noon - a0 == timedelta(hours=13)  # the repeated hour lies before noon
    assert tl.x_of(noon) == pytest.approx(BAR_LEFT + BAR_WIDTH * 13 / 25, abs=1e-6)
    assert tl.time_at(BAR_LEFT + BAR_WIDTH * 13 / 25).astimezone(BERLIN).strftime("%H:%M") == "12:00"

    autumn_labels = [label for _, label in hour_marks(a0, a1, BERLIN)]
    spring_labels = [label for _, label in hour_marks(s0, s1, BERLIN)]
    assert len(autumn_labels) == 25 and autumn_labels.count("02:00") == 2
    assert len(spring_labels) == 23 and "02:00" not in spring_labels
