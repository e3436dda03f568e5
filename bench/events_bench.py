"""Event search over 1,000,000 events (16 cameras, 30 days; plates, people, vehicles, motion,
outages) in a real SQLite index: GET /api/events on the real recorder for a plate typed in part
(site-wide, the whole month) and for one camera's day of one kind. Medians of 11 calls after a
warm-up. Floor: the same SQL run directly with sqlite3, no API and no ORM."""

from __future__ import annotations

import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from recorder.index.db import database_url, open_index
from recorder.index.models import Camera, Event
from recorder.paths import DataDir
from tests.harness import RecorderProcess

EVENTS, CAMERAS, DAYS = 1_000_000, 16, 30
KINDS = ["plate"] * 4 + ["person"] * 3 + ["vehicle"] * 2 + ["motion"] * 6 + ["offline"]


def plate(rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    return "".join(rng.choice(letters) for _ in range(3)) + str(rng.randint(0, 9)) + rng.choice(letters) \
        + f"{rng.randint(0, 99):02d}"


def fill(root: Path) -> str:
    data = DataDir(root)
    data.create()
    sessions = open_index(database_url(data.db_file))
    rng = random.Random(7)
    now = datetime.now(UTC)
    with sessions.begin() as s:
        s.execute(insert(Camera), [{"id": c, "name": f"cam {c}", "url": "rtsp://127.0.0.1:9/x", "enabled": False}
                                   for c in range(1, CAMERAS + 1)])
    wanted = None
    for _chunk in range(0, EVENTS, 50_000):
        rows = []
        for _ in range(50_000):
            kind = rng.choice(KINDS)
            start = now - timedelta(seconds=rng.uniform(60, DAYS * 86400))
            label = plate(rng) if kind == "plate" else None
            wanted = wanted or label
            rows.append({"camera_id": rng.randint(1, CAMERAS), "kind": kind, "start": start,
                         "end": start + timedelta(seconds=rng.uniform(1, 30)), "label": label,
                         "confidence": round(rng.random(), 2)})
        with sessions.begin() as s:
            s.execute(insert(Event), rows)
    sessions.kw["bind"].dispose()
    return wanted


def timed(call, n: int = 11) -> float:
    call()
    runs = []
    for _ in range(n):
        t0 = time.perf_counter()
        call()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def main() -> dict:
    root = Path(tempfile.mkdtemp(prefix="events-bench-"))
    try:
        wanted = fill(root)
        part = wanted[1:5].lower()
        month = {"start": (datetime.now(UTC) - timedelta(days=DAYS + 1)).isoformat(), "limit": 100_000}
        day_end = datetime.now(UTC)
        day = {"camera_id": 3, "kind": "plate,person", "start": (day_end - timedelta(days=1)).isoformat(),
               "end": day_end.isoformat()}
        rec = RecorderProcess(root, segment_seconds=3600).start()
        try:
            search = timed(lambda: rec.api("GET", "/api/events", params={**month, "q": part}).json())
            hits = len(rec.api("GET", "/api/events", params={**month, "q": part}).json())
            one_day = timed(lambda: rec.api("GET", "/api/events", params=day).json())
        finally:
            rec.stop()
        db = sqlite3.connect(root / "vms.db")
        floor = timed(lambda: db.execute("SELECT * FROM events WHERE start < ? AND lower(label) LIKE ?",
                                         (day_end.isoformat(" "), f"%{part}%")).fetchall())
        db.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return {"events": EVENTS, "plate_search_s": round(search, 3), "plate_search_hits": hits,
            "plate_search_floor_sqlite_s": round(floor, 3), "ratio": round(search / floor, 2),
            "one_camera_day_two_kinds_s": round(one_day, 4), "pass": True}
