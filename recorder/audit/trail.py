"""The audit trail: who did what, when, to which camera and footage (LGPD: who watched and who
copied footage of people, and why). Append-only: each entry's hash covers its fields and the
hash of the entry before, so `verify` finds an entry that was changed, removed or slipped in.
Removing the newest entries leaves a shorter chain that still holds: that is for a copy kept
elsewhere (the off-site vault) to catch."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import threading
import time
from collections.abc import Hashable, Iterator
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import sessionmaker

from recorder.index.models import AuditRow, utcnow
from vms_api.enums import AuditAction

log = logging.getLogger(__name__)

GENESIS = "0" * 64  # the "previous hash" of the first entry
COLUMNS = ("id", "at", "user", "role", "action", "camera_id", "start", "end", "reason", "address", "detail")
MAX_TEXT = 1000  # a reason or a name typed at a login box: kept, but not without end
VERIFY_BATCH = 20_000


def iso(moment: datetime | None) -> str | None:
    """One spelling for every time the trail keeps, so text order is time order."""
    return None if moment is None else moment.astimezone(UTC).isoformat(timespec="microseconds")


def entry_hash(prev_hash: str, values: tuple) -> str:
    """The hash of an entry: of the one before, and of its fields as stored (detail as its JSON text)."""
    payload = json.dumps(list(values), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{prev_hash}\n{payload}".encode()).hexdigest()


def _clip(text: str | None) -> str | None:
    return None if text is None else text[:MAX_TEXT]


class AuditTrail:
    def __init__(self, sessions: sessionmaker):
        self.sessions = sessions
        self._lock = threading.Lock()  # one writer in this process; other processes race on prev_hash
        self._recent: dict[Hashable, float] = {}  # once_per keys: when last written
        self.failures = 0

    def record(self, user: str, role: str | None, action: AuditAction, *, camera_id: int | None = None,
               start: datetime | None = None, end: datetime | None = None, reason: str | None = None,
               address: str | None = None, detail: dict | None = None,
               once_per: tuple[Hashable, float] | None = None) -> int | None:
        """Append an entry; its id, or None when once_per's key was written less than its
        seconds ago (a timeline asking for the same day again is not a new viewing).
        A failure is logged and counted, never raised: a guard keeps the live view on a disk
        in trouble, and the disk guard says so."""
        if once_per is not None:
            key, seconds = once_per
            now = time.monotonic()
            with self._lock:
                if now - self._recent.get(key, -seconds) < seconds:
                    return None
                if len(self._recent) > 10_000:  # forget what is long past
                    self._recent = {k: t for k, t in self._recent.items() if now - t < 3600}
                self._recent[key] = now
        fields = {"at": iso(utcnow()), "user": _clip(user) or "", "role": role, "action": str(action),
                  "camera_id": camera_id, "start": iso(start), "end": iso(end), "reason": _clip(reason),
                  "address": address[:64] if address else None,
                  "detail": json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, default=str)}
        try:
            with self._lock:
                return self._append(fields)
        except Exception:
            self.failures += 1
            log.exception("could not write the audit entry %s of %s", action, user)
            return None

    def _append(self, fields: dict, attempts: int = 50) -> int:
        for attempt in range(1, attempts + 1):
            try:
                with self.sessions.begin() as s:
                    last = s.execute(select(AuditRow.id, AuditRow.hash).order_by(AuditRow.id.desc()).limit(1)).first()
                    last_id, prev = (last.id, last.hash) if last else (0, GENESIS)
                    row = AuditRow(id=last_id + 1, **fields, prev_hash=prev)
                    row.hash = entry_hash(prev, tuple(getattr(row, c) for c in COLUMNS))
                    s.add(row)
                return row.id
            except (IntegrityError, OperationalError):  # another process chained first: follow it
                if attempt == attempts:
                    raise
                time.sleep(0.01 * attempt)

    # -- reading -------------------------------------------------------------------------------

    def entries(self, start: datetime | None = None, end: datetime | None = None, user: str | None = None,
                action: AuditAction | None = None, camera_id: int | None = None, before_id: int | None = None,
                limit: int = 1000) -> list[dict]:
        """Entries matching every filter given, newest first; before_id pages back."""
        q = select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)
        if start is not None:
            q = q.where(AuditRow.at >= iso(start))
        if end is not None:
            q = q.where(AuditRow.at < iso(end))
        if user:
            q = q.where(AuditRow.user == user)
        if action:
            q = q.where(AuditRow.action == str(action))
        if camera_id is not None:
            q = q.where(AuditRow.camera_id == camera_id)
        if before_id is not None:
            q = q.where(AuditRow.id < before_id)
        with self.sessions() as s:
            return [entry_row(r) for r in s.scalars(q)]

    def verify(self) -> dict:
        """Walk the whole chain, oldest first: the first entry that does not follow from the
        one before, and why."""
        prev_id, prev_hash, count = 0, GENESIS, 0
        for row in self._all():
            values, stored_prev, stored_hash = row[:-2], row[-2], row[-1]
            problem = None
            if stored_prev != prev_hash:
                if row.id != prev_id + 1:
                    first_missing = prev_id + 1
                    problem = (f"entry {first_missing} is missing" if row.id == first_missing + 1
                               else f"entries {first_missing} to {row.id - 1} are missing")
                else:
                    problem = f"entry {row.id} does not follow entry {prev_id}: one was removed, changed or put in"
            elif entry_hash(prev_hash, values) != stored_hash:
                problem = f"entry {row.id} was changed after it was written"
            if problem:
                return {"ok": False, "entries": count, "first_broken_id": row.id, "problem": problem}
            prev_id, prev_hash, count = row.id, stored_hash, count + 1
        return {"ok": True, "entries": count}

    def _all(self) -> Iterator:
        columns = [getattr(AuditRow, c) for c in COLUMNS] + [AuditRow.prev_hash, AuditRow.hash]
        after = 0
        while True:
            with self.sessions() as s:
                rows = s.execute(select(*columns).where(AuditRow.id > after).order_by(AuditRow.id)
                                 .limit(VERIFY_BATCH)).all()
            if not rows:
                return
            yield from rows
            after = rows[-1].id


def entry_row(r: AuditRow) -> dict:
    return {"id": r.id, "at": r.at, "user": r.user, "role": r.role, "action": r.action, "camera_id": r.camera_id,
            "start": r.start, "end": r.end, "reason": r.reason, "address": r.address,
            "detail": json.loads(r.detail), "hash": r.hash}


CSV_COLUMNS = ("id", "at", "user", "role", "action", "camera_id", "start", "end", "reason", "address", "detail",
               "hash")


def as_csv(rows: list[dict]) -> str:
    """The entries as CSV for a spreadsheet; a cell a spreadsheet would run as a formula
    (=, +, -, @ first) is quoted with an apostrophe, since reasons and names are typed by users."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        cells = [json.dumps(row[c], ensure_ascii=False) if c == "detail" else row[c] for c in CSV_COLUMNS]
        writer.writerow(["'" + c if isinstance(c, str) and c[:1] in ("=", "+", "-", "@", "\t", "\r") else c
                         for c in cells])
    return out.getvalue()
