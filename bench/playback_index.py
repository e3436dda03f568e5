"""The day index part of the playback benchmarks: one camera's day out of 30 days x 16 cameras of
1 h segments (11,520 rows) and 50,000 events, inserted directly with SQLAlchemy. Timed (medians
of 20, one warm-up call): the query the API runs; GET /api/recordings on a real recorder started
on that data dir (no camera enabled) through the client's RecorderApi (a keep-alive requests
session, as PlayerWindow uses it), raw and parsed into the contract's models, and the client's TimeMap build from the reply
(PlayerWindow._loaded's part). Beside them, to tell transport from work: /api/health on the same
session, and /api/recordings on a new connection each time.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import requests
from sqlalchemy import insert

from recorder.index import queries
from recorder.index.db import database_url, open_index
from recorder.index.models import Camera, Event, Segment
from recorder.paths import DataDir
from tests.harness import RecorderProcess
from vms_api import models as m
from vms_api.models import utc
from vms_desktop.events.rows import parse_rows
from vms_desktop.playback.timemap import Span, TimeMap, local_day

DAY_TARGET_MS = 50.0
DAYS, CAMERAS, EVENTS = 30, 16, 50_000


def fill_index(root: Path, days: int = DAYS, cameras: int = CAMERAS, events: int = EVENTS) -> None:
    """Hour-long segments nearly back to back up to now, cameras disabled, events anywhere."""
    data = DataDir(root)
    data.create()
    sessions = open_index(database_url(data.db_file))
    now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    first = now - timedelta(days=days)
    rng = random.Random(11)
    with sessions.begin() as s:
        s.execute(insert(Camera), [{"id": c, "name": f"cam {c}", "url": "rtsp://127.0.0.1:9/off", "enabled": False}
                                   for c in range(1, cameras + 1)])
        rows = []
        for c in range(1, cameras + 1):
            for h in range(days * 24):
                start = first + timedelta(hours=h)
                rows.append({"camera_id": c, "start": start, "end": start + timedelta(seconds=3599.7),
                             "path": f"recordings/cam_{c}/{start.astimezone():%Y-%m-%d/%H-%M-%S}.mp4",
                             "bytes": 460_000_000, "video_codec": "h264", "width": 1280, "height": 720})
        s.execute(insert(Segment), rows)
        evs = []
        for _ in range(events):
            start = first + timedelta(seconds=rng.uniform(0, days * 86400))
            evs.append({"camera_id": rng.randint(1, cameras), "kind": rng.choice(["motion", "offline", "error"]),
                        "start": start, "end": start + timedelta(seconds=rng.uniform(1, 90)), "label": "bench"})
        s.execute(insert(Event), evs)
    sessions.kw["bind"].dispose()


def timed_ms(fn, n: int = 20) -> tuple[float, object]:
    times, out = [], None
    fn()  # warm: connections, statement cache
    for _ in range(n):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return round(1000 * statistics.median(times), 2), out


def day_index_bench(work: Path) -> dict:
    root = work / "index"
    t = time.perf_counter()
    fill_index(root)
    filled_s = time.perf_counter() - t
    tz = datetime.now().astimezone().tzinfo
    start, end = local_day(date.today() - timedelta(days=15), tz)
    cid = 7
    sessions = open_index(database_url(DataDir(root).db_file))

    def query() -> list[dict]:
        with sessions() as s:
            return [queries.segment_row(x) for x in queries.segments(s, cid, start, end, 100_000)]

    query_ms, rows = timed_ms(query)
    rec = RecorderProcess(root).start()
    try:
        api = rec.desktop_api("bench", "operator")  # as the desktop calls it: a logged-in user
        q = {"camera_id": cid, "start": start.isoformat(), "end": end.isoformat(), "limit": 100_000}

        def build(segs: list[m.Segment]) -> TimeMap:  # PlayerWindow._loaded's part, and the timeline's runs
            tm = TimeMap([Span(x.id, utc(x.start), utc(x.end), x.path) for x in segs])
            tm.runs(start, end)
            return tm

        http_ms, _ = timed_ms(lambda: api.call("GET", "/api/recordings", params=q))
        typed_ms, segs = timed_ms(lambda: api.recordings(cid, start, end, limit=100_000))  # parsed into the models
        health_ms, _ = timed_ms(lambda: api.call("GET", "/api/health"))
        auth = {"Authorization": f"Bearer {api.token}"}
        fresh_ms, _ = timed_ms(lambda: requests.get(api.base + "/api/recordings", params=q, headers=auth).json())
        build_ms, tm = timed_ms(lambda: build(segs))
        both_ms, _ = timed_ms(lambda: build(api.recordings(cid, start, end, limit=100_000)))
        refresh_ms, _ = timed_ms(lambda: (build(api.recordings(cid, start, end, limit=100_000)),
                                          parse_rows(api.events(camera_id=cid, start=start, end=end, limit=100_000)),
                                          api.recording_days(cid), api.status()))
    finally:
        rec.stop()
    return {"segments_indexed": DAYS * 24 * CAMERAS, "events_indexed": EVENTS, "fill_s": round(filled_s, 1),
            "day_segments": len(rows), "spans_built": len(tm.spans), "query_ms": query_ms,
            "http_recordings_ms": http_ms, "http_recordings_typed_ms": typed_ms,
            "timemap_build_ms": build_ms, "http_plus_build_ms": both_ms,
            "http_health_same_session_ms": health_ms, "http_recordings_new_connection_ms": fresh_ms,
            "player_window_refresh_ms": refresh_ms,
            "refresh": "what PlayerWindow.refresh fetches one after another, as the contract's models: recordings, "
                       "events (as EventRows), days, status; + build",
            "target_ms": DAY_TARGET_MS, "pass": both_ms <= DAY_TARGET_MS}
