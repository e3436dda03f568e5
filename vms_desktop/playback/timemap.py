"""Wall time ↔ (segment, offset): which file holds the frame the camera sent at instant T, and
what a local calendar day spans. Pure logic (no Qt, no I/O), UTC-aware datetimes only."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

JOIN_GAP = timedelta(seconds=2)  # holes shorter than this are segment joins, not outages


@dataclass(frozen=True)
class Span:
    """One recorded file, or one window of it (a run of its fragments the recorder serves as a
    small file of its own): the camera's time from start to end is in it, from offset 0."""

    id: int
    start: datetime
    end: datetime
    path: str
    window: int | None = None


def windowed(id: int, start: datetime, end: datetime, path: str, windows: list[float]) -> list[Span]:
    """A file's spans: one per window the recorder lists (seconds from the file's start), or the
    whole file when it lists none."""
    if len(windows) < 1:
        return [Span(id, start, end, path)]
    bounds = [start + timedelta(seconds=w) for w in windows] + [end]
    return [Span(id, bounds[i], bounds[i + 1], path, i) for i in range(len(windows)) if bounds[i + 1] > bounds[i]]


@dataclass(frozen=True)
class Position:
    span: Span
    offset: float  # seconds into the file

    @property
    def instant(self) -> datetime:
        return self.span.start + timedelta(seconds=self.offset)


class TimeMap:
    """The segments of one camera, ready for lookups.

    Where two files overlap (a restart can leave a second or two twice), the later-starting
    file wins from its own start: that is the footage a player reaches by going forward.
    """

    def __init__(self, spans: Iterable[Span]):
        self._spans: list[Span] = sorted((s for s in spans if s.end > s.start), key=lambda s: (s.start, s.id))
        self._starts = [s.start for s in self._spans]
        self._max_end: list[datetime] = []  # latest end among spans[0..i]: where a backward scan stops
        for span in self._spans:
            self._max_end.append(max(span.end, self._max_end[-1]) if self._max_end else span.end)

    @property
    def spans(self) -> list[Span]:
        return list(self._spans)

    def __bool__(self) -> bool:
        return bool(self._spans)

    def locate(self, t: datetime) -> Position | None:
        """The file and offset for instant t, or None when t falls in a gap."""
        _check(t)
        i = bisect.bisect_right(self._starts, t) - 1
        while i >= 0 and self._max_end[i] > t:
            span = self._spans[i]
            if t < span.end:  # the latest-starting file that holds t
                return Position(span, (t - span.start).total_seconds())
            i -= 1
        return None

    def next_recorded(self, t: datetime) -> Position | None:
        """Where playback resumes after t: t itself if recorded, else the next file's start."""
        found = self.locate(t)
        if found is not None:
            return found
        i = bisect.bisect_right(self._starts, t)
        return Position(self._spans[i], 0.0) if i < len(self._spans) else None

    def previous_recorded(self, t: datetime) -> Position | None:
        """The last recorded instant before t (for stepping back over a gap)."""
        i = bisect.bisect_left(self._starts, t) - 1
        if i < 0:
            return None
        span = self._spans[i]
        end = min(span.end, t)
        return Position(span, max(0.0, (end - span.start).total_seconds() - 1.0))

    def after(self, span: Span) -> Position | None:
        """Where playback goes when this file ends: the same instant in the next file when
        they overlap, else the next file's start (a gap is skipped)."""
        found = self.next_recorded(span.end)
        if found is not None and found.span == span:
            return None
        return found

    def runs(self, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
        """Recorded stretches within [start, end), joins under JOIN_GAP merged."""
        _check(start)
        out: list[list[datetime]] = []
        for span in self._spans:
            if span.end <= start or span.start >= end:
                continue
            a, b = max(span.start, start), min(span.end, end)
            if out and a - out[-1][1] <= JOIN_GAP:
                out[-1][1] = max(out[-1][1], b)
            else:
                out.append([a, b])
        return [(a, b) for a, b in out]

    def gaps(self, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
        """What is not recorded within [start, end)."""
        out, cursor = [], start
        for a, b in self.runs(start, end):
            if a > cursor:
                out.append((cursor, a))
            cursor = max(cursor, b)
        if cursor < end:
            out.append((cursor, end))
        return out


def _check(t: datetime) -> None:
    if t.tzinfo is None:
        raise ValueError("naive datetime: the time map works on UTC-aware instants")


def local_day(day: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """The UTC instants a local calendar day runs between: 23 h or 25 h on DST change days."""
    start = datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)
    return start, end


def hour_marks(start: datetime, end: datetime, tz: tzinfo, every_hours: int = 1) -> list[tuple[datetime, str]]:
    """Each local hour boundary within [start, end) as (instant, 'HH:MM'); on the day clocks go
    back the repeated hour is listed twice, on the day they go forward one hour is missing."""
    marks = []
    # quarter-hour steps: some zones sit at :30 or :45 from UTC
    t = start.replace(minute=start.minute - start.minute % 15, second=0, microsecond=0)
    while t < end:
        local = t.astimezone(tz)
        if t >= start and local.minute == 0 and local.hour % every_hours == 0:
            marks.append((t, local.strftime("%H:%M")))
        t += timedelta(minutes=15)
    return marks
