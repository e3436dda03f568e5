"""The wall time ↔ (segment, offset) mapping: gaps, midnight, DST, overlaps, missing files."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from vms_desktop.playback.timemap import Span, TimeMap, hour_marks, local_day

UTC = UTC
T0 = datetime(2026, 1, 14, 10, 0, tzinfo=UTC)


def span(i: int, start_min: float, end_min: float) -> Span:
    return Span(i, T0 + timedelta(minutes=start_min), T0 + timedelta(minutes=end_min), f"f{i}.mp4")


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


@pytest.fixture
def day():
    # 10:00-11:00, 11:00-12:00 (joined), gap 12:00-12:30, 12:30-13:00
    return TimeMap([span(3, 150, 180), span(1, 0, 60), span(2, 60, 120)])


def test_an_instant_maps_to_its_file_and_offset(day):
    pos = day.locate(at(75.5))
    assert pos.span.id == 2 and pos.offset == pytest.approx(15.5 * 60)
    assert pos.instant == at(75.5)
    assert day.locate(at(0)).span.id == 1 and day.locate(at(0)).offset == 0
    assert day.locate(at(60)).span.id == 2  # a boundary belongs to the file that starts there


def test_gaps_and_the_edges_map_to_nothing(day):
    assert day.locate(at(130)) is None
    assert day.locate(at(-1)) is None
    assert day.locate(at(180)) is None  # end is exclusive


def test_playback_skips_a_gap_to_the_next_file(day):
    assert day.next_recorded(at(130)).span.id == 3 and day.next_recorded(at(130)).offset == 0
    assert day.next_recorded(at(181)) is None
    assert day.after(day.locate(at(10)).span).span.id == 2
    assert day.after(day.locate(at(100)).span).span.id == 3
    assert day.after(day.locate(at(170)).span) is None


def test_stepping_back_over_a_gap_lands_before_it(day):
    back = day.previous_recorded(at(140))
    assert back.span.id == 2 and back.instant == at(120) - timedelta(seconds=1)


def test_overlapping_files_the_later_one_wins_from_its_start():
    tm = TimeMap([span(1, 0, 10.05), span(2, 10, 20)])  # a restart recorded 3 s twice
    assert tm.locate(at(9.99)).span.id == 1
    assert tm.locate(at(10.01)).span.id == 2 and tm.locate(at(10.01)).offset == pytest.approx(0.6)
    nxt = tm.after(tm.spans[0])
    assert nxt.span.id == 2 and nxt.offset == pytest.approx(3.0)  # continues, no repeat, no jump


def test_a_file_inside_another_does_not_hide_the_rest():
    tm = TimeMap([span(1, 0, 60), span(2, 10, 12)])
    assert tm.locate(at(11)).span.id == 2
    assert tm.locate(at(30)).span.id == 1


def test_runs_merge_joins_and_clip_to_the_window(day):
    runs = day.runs(at(30), at(170))
    assert runs == [(at(30), at(120)), (at(150), at(170))]
    assert day.gaps(at(30), at(170)) == [(at(120), at(150))]
    assert TimeMap([]).gaps(at(0), at(10)) == [(at(0), at(10))]
    assert not TimeMap([])


def test_empty_and_zero_length_files_are_ignored():
    tm = TimeMap([span(1, 5, 5)])
    assert not tm and tm.locate(at(5)) is None


def test_naive_times_are_refused(day):
    with pytest.raises(ValueError):
        day.locate(datetime(2026, 1, 14, 10, 0))


def test_a_recording_across_midnight_belongs_to_both_days():
    tz = ZoneInfo("America/Sao_Paulo")
    d1 = local_day(date(2026, 1, 14), tz)
    d2 = local_day(date(2026, 1, 15), tz)
    assert d1[1] == d2[0] and d1[1] - d1[0] == timedelta(hours=24)
    night = Span(1, d1[1] - timedelta(minutes=30), d1[1] + timedelta(minutes=30), "n.mp4")
    tm = TimeMap([night])
    assert tm.runs(*d1) == [(night.start, d1[1])] and tm.runs(*d2) == [(d2[0], night.end)]
    assert tm.locate(d2[0]).offset == 30 * 60


@pytest.mark.parametrize("zone, day_, hours", [
    ("Europe/Lisbon", date(2026, 3, 29), 23), ("Europe/Lisbon", date(2026, 10, 25), 25),
    ("America/New_York", date(2026, 3, 8), 23), ("America/New_York", date(2026, 11, 1), 25),
    ("America/Sao_Paulo", date(2026, 3, 29), 24),  # no DST in Brazil since 2019
    ("Asia/Kolkata", date(2026, 3, 29), 24),  # UTC+05:30
])
def test_dst_days_have_23_or_25_hours(zone, day_, hours):
    start, end = local_day(day_, ZoneInfo(zone))
    assert end - start == timedelta(hours=hours)
    marks = hour_marks(start, end, ZoneInfo(zone))
    assert len(marks) == hours
    labels = [label for _, label in marks]
    if hours == 25:
        assert labels.count("01:00") == 2 or labels.count("02:00") == 2  # the repeated hour
    if hours == 23:
        assert len(set(labels)) == 23 and ("01:00" not in labels or "02:00" not in labels)


def test_hour_marks_skip_to_the_requested_step():
    start, end = local_day(date(2026, 1, 14), ZoneInfo("America/Sao_Paulo"))
    assert [label for _, label in hour_marks(start, end, ZoneInfo("America/Sao_Paulo"), 6)] == \
        ["00:00", "06:00", "12:00", "18:00"]
