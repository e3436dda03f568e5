"""What operators and the audit trail cost.

1. GET /api/recordings (one camera's day) on a real recorder process, requests per second over
   one keep-alive connection, logged in as an operator: with the session lookup, the permission
   and camera checks and the audit entry (the same day asked again, as a timeline does: deduped;
   and a new period every time: an insert per request), against the same recorder with those
   switched off in its process (the floor: the route alone). Target: at most 10 % slower.
2. `verify` over 1,000,000 entries in a real SQLite index, against the floor of hashing the same
   bytes with no database.
Medians of rounds."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests
from sqlalchemy import insert

from recorder.audit.trail import COLUMNS, GENESIS, AuditTrail, entry_hash, iso
from recorder.index.db import database_url, open_index
from recorder.index.models import AuditRow, utcnow
from recorder.paths import DataDir
from tests.harness import RecorderProcess, cli, fill_segments, wait_for

ENTRIES = 1_000_000
ROUNDS, REQUESTS = 7, 150
PASSWORD = "bench password 1"


def serve_bare(data_dir: str) -> None:
    """The recorder with no session lookup, no permission check and no audit: the floor."""
    from recorder.audit import trail
    from recorder.users import accounts

    operator = accounts.Principal("bench", accounts.Role.ADMIN, None, 1, utcnow() + timedelta(days=1))
    accounts.Accounts.principal = lambda self, token: operator
    accounts.Principal.require = lambda self, permission: None
    accounts.Principal.require_camera = lambda self, camera_id: None
    trail.AuditTrail.record = lambda self, *a, **kw: None
    from recorder.cli import main

    sys.exit(main(["--data-dir", data_dir, "run", "--segment-seconds", "3600"]))


class BareRecorder(RecorderProcess):
    """A recorder process with serve_bare's switches."""

    def start(self) -> BareRecorder:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log_path, "a")
        self.proc = subprocess.Popen([sys.executable, "-m", "bench.audit_bench", "--serve-bare", str(self.data_dir)],
                                     stdout=self._log, stderr=subprocess.STDOUT, env=dict(os.environ))
        wait_for(lambda: self.runtime() or self.proc.poll() is not None, 30, what="recorder start")
        assert self.proc.poll() is None, self.log()
        return self


class Client:
    """One keep-alive connection asking for one camera's day; moving: a new period each time."""

    def __init__(self, rec: RecorderProcess, token: str, moving: bool):
        self.http = requests.Session()
        self.http.headers["Authorization"] = f"Bearer {token}"
        self.url, self.moving, self.n = f"{rec.base}/api/recordings", moving, 0
        self.end = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)

    def params(self) -> dict:
        self.n += 1
        start = self.end - timedelta(days=1, seconds=self.n if self.moving else 0)
        return {"camera_id": 1, "start": start.isoformat(), "end": self.end.isoformat()}

    def round(self, requests_: int) -> float:
        """Requests per second over one round."""
        t0 = time.perf_counter()
        for _ in range(requests_):
            r = self.http.get(self.url, params=self.params(), timeout=15)
            assert r.status_code == 200 and len(r.json()) >= 24, r.text[:200]
        return requests_ / (time.perf_counter() - t0)


def api_cost(root: Path) -> dict:
    """Both recorders up at once (each on its copy of the index), their rounds interleaved, so
    a slow moment of the machine falls on both alike."""
    checked_dir, bare_dir = root / "checked", root / "bare"
    fill_segments(DataDir(checked_dir), days=2, cameras=1)
    cli(checked_dir, "user", "add", "otto", "--role", "operator", "--cameras", "1", "--password-stdin",
        input=PASSWORD + "\n")
    shutil.copytree(checked_dir, bare_dir)
    checked, bare = RecorderProcess(checked_dir, segment_seconds=3600).start(), BareRecorder(bare_dir).start()
    try:
        r = requests.post(f"{checked.base}/api/login", json={"username": "otto", "password": PASSWORD}, timeout=15)
        assert r.ok, r.text
        clients = {"bare": Client(bare, "anything: no one is checked", False),
                   "same_day": Client(checked, r.json()["token"], False),
                   "new_period_each": Client(checked, r.json()["token"], True)}
        for c in clients.values():
            c.round(20)  # warm-up
        rounds: dict[str, list[float]] = {name: [] for name in clients}
        for _ in range(ROUNDS):
            for name, c in clients.items():
                rounds[name].append(c.round(REQUESTS))
    finally:
        checked.stop()
        bare.stop()
    rps = {name: statistics.median(r) for name, r in rounds.items()}
    return {"bare_rps": round(rps["bare"], 1), "same_day_rps": round(rps["same_day"], 1),
            "new_period_each_rps": round(rps["new_period_each"], 1),
            "same_day_slowdown": round(rps["bare"] / rps["same_day"], 3),
            "new_period_each_slowdown": round(rps["bare"] / rps["new_period_each"], 3)}


def verify_cost(root: Path) -> dict:
    sessions = open_index(database_url(root / "audit.db"))
    t0 = time.perf_counter()
    prev, rows, payloads = GENESIS, [], []
    at0 = utcnow() - timedelta(days=30)
    for i in range(1, ENTRIES + 1):
        row = {"id": i, "at": iso(at0 + timedelta(seconds=i * 2.5)), "user": f"guard{i % 7}", "role": "operator",
               "action": "playback" if i % 3 else "live_started", "camera_id": i % 16 + 1,
               "start": None, "end": None, "reason": None, "address": "192.168.0.20",
               "detail": '{"stream":"main"}'}
        values = tuple(row[c] for c in COLUMNS)
        row["prev_hash"], row["hash"] = prev, entry_hash(prev, values)
        prev = row["hash"]
        rows.append(row)
        payloads.append(values)
        if len(rows) == 50_000:
            with sessions.begin() as s:
                s.execute(insert(AuditRow), rows)
            rows = []
    fill_seconds = time.perf_counter() - t0
    trail = AuditTrail(sessions)
    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        result = trail.verify()
        runs.append(time.perf_counter() - t0)
        assert result == {"ok": True, "entries": ENTRIES}, result
    floor = []
    for _ in range(3):
        t0, h = time.perf_counter(), GENESIS
        for values in payloads:
            h = entry_hash(h, values)
        floor.append(time.perf_counter() - t0)
    return {"entries": ENTRIES, "fill_s": round(fill_seconds, 1), "verify_s": round(statistics.median(runs), 2),
            "hash_only_floor_s": round(statistics.median(floor), 2),
            "verify_vs_floor": round(statistics.median(runs) / statistics.median(floor), 2)}


def main() -> dict:
    root = Path(tempfile.mkdtemp(prefix="audit-bench-"))
    try:
        api = api_cost(root)
        chain = verify_cost(root)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return {"api_recordings": api, "verify": chain, "target_slowdown": 1.10,
            "pass": api["same_day_slowdown"] <= 1.10}


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve-bare"]:
        serve_bare(sys.argv[2])
    else:
        import json

        print(json.dumps(main(), indent=2))
