"""Retention and the disk guard. Footage older than the plan's days (or the camera's own) goes
in a daily sweep and at start-up; when free space falls below a floor, the oldest footage goes
early so recording never stops. Clips live elsewhere and are never touched."""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from recorder.bookmarks import held
from recorder.index import queries
from recorder.index.models import Camera, Clip, Deletion, Event, Segment, utcnow
from recorder.index.segments import DISK_FULL_BYTES, SegmentStore
from recorder.paths import DataDir
from vms_api.enums import ClipState, DeletionReason, EventKind
from vms_api.errors import ErrorCode

log = logging.getLogger(__name__)
ALERT_LEVELS = (80, 90, 95)  # percent of the recordings volume in use
FLOOR_SHARE = 0.05
FLOOR_HOURS = 2.0
RATES_SECONDS = 60.0
# Space held back in a file of its own. On a disk filled to the last byte (by something else,
# or faster than the guard) SQLite cannot write, and every deletion starts with a write (the
# row is marked before the file goes): releasing the reserve is what makes that first write
# possible.
RESERVE_SHARE = 0.01
RESERVE_MIN, RESERVE_MAX = 1 << 20, 64 << 20


def alert_level(percent: float) -> int:
    """The highest alert level reached (0: none)."""
    return max((lvl for lvl in ALERT_LEVELS if percent >= lvl), default=0)


def local_midnight(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time()).astimezone()


def disk_reserve(data: DataDir) -> DiskReserve:
    return DiskReserve(data.reserve_file, shutil.disk_usage(data.root).total)


def release_reserve_if_full(data: DataDir) -> None:
    """Before the index opens: SQLite makes its -wal and -shm files then, and a recorder
    starting on a full disk could not (the reserve sits beside the index for its writes)."""
    reserve = disk_reserve(data)
    if shutil.disk_usage(data.root).free < reserve.size:
        reserve.release()


class DiskReserve:
    """A preallocated file the guard deletes when the disk is full, and makes again once there
    is room for it and some to spare."""

    def __init__(self, path, total: int):
        self.path = path
        self.size = int(min(max(total * RESERVE_SHARE, RESERVE_MIN), RESERVE_MAX))

    def held(self) -> int:
        try:
            return self.path.stat().st_size
        except FileNotFoundError:
            return 0

    def release(self) -> bool:
        if not self.held():
            return False
        self.path.unlink(missing_ok=True)
        log.warning("disk guard: the disk is full; released the %d MB reserve to make room", self.size >> 20)
        return True

    def restore(self, free: int, floor: int) -> None:
        if self.held() >= self.size or free < self.size + min(floor, self.size):
            return
        tmp = self.path.with_name(self.path.name + ".tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                if hasattr(os, "posix_fallocate"):
                    os.posix_fallocate(fd, 0, self.size)  # blocks really held, not a sparse file
                else:
                    for _ in range(self.size >> 20):
                        os.write(fd, bytes(1 << 20))
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, self.path)
        except OSError as e:
            tmp.unlink(missing_ok=True)
            log.warning("disk guard: could not set aside the disk reserve: %s", e)


@dataclass
class GuardSettings:
    sweep_hour: int = 3
    # Free space is one statvfs, so it is looked at often; the cameras also wake the guard at
    # once when a write fails for want of space.
    check_seconds: float = 10.0
    min_free: int | None = None  # bytes; None: the larger of 5 % and two hours of recording


class Retention:
    def __init__(self, data: DataDir, sessions: sessionmaker[Session], store: SegmentStore,
                 settings: GuardSettings | None = None):
        self.data = data
        self.sessions = sessions
        self.store = store
        self.settings = settings or GuardSettings()
        self.level = 0
        self.trouble: str | None = None  # said loudly: the disk is short and nothing may go
        self.trouble_code: ErrorCode | None = None  # the same as data, for the client's words
        self.trouble_params: dict | None = None
        self._short_of: str | None = None  # what the disk is short of, so each new reason is told once
        self._rates: dict[int, float] = {}
        self._rates_at = float("-inf")
        self.last_sweep: dict | None = None
        self.reserve = disk_reserve(data)
        self._wake = threading.Event()
        self.frame_loss = lambda: {}  # camera id: its frame loss figure (the recorder's cameras)

    def poke(self) -> None:
        """A camera could not write (or the recorder is stopping): guard the disk now."""
        self._wake.set()

    # -- retention -------------------------------------------------------------------------

    def sweep(self, today: date | None = None) -> dict:
        """Delete every segment that ended before its camera's first kept day (a day d is kept
        until the sweep of day d + retention days, as the player's "Day N of M" counts)."""
        began = time.perf_counter()
        today = today or date.today()
        deleted = freed = 0
        with self.sessions() as s:
            cams = list(s.scalars(select(Camera)))
            keeps = {cam.id: queries.retention_days(s, cam)[0] for cam in cams}
        for cam_id, keep in keeps.items():
            cutoff = local_midnight(today - timedelta(days=keep - 1))
            with self.sessions() as s:
                ids = list(s.scalars(select(Segment.id).where(Segment.camera_id == cam_id, Segment.end <= cutoff,
                                                              Segment.deleting.is_(False), ~held())))
            n, size = self.store.delete_segments(ids, DeletionReason.RETENTION)
            deleted, freed = deleted + n, freed + size
        self.last_sweep = {"at": utcnow().isoformat(), "deleted": deleted, "bytes": freed,
                           "seconds": round(time.perf_counter() - began, 3)}
        if deleted:
            log.info("retention: %d segments deleted (%.1f MB) in %.2f s", deleted, freed / 1e6,
                     self.last_sweep["seconds"])
        return self.last_sweep

    def next_sweep(self, now: datetime | None = None) -> datetime:
        now = (now or utcnow()).astimezone()
        at = now.replace(hour=self.settings.sweep_hour, minute=0, second=0, microsecond=0)
        return at if at > now else (at + timedelta(days=1)).replace(hour=self.settings.sweep_hour)

    # -- the disk --------------------------------------------------------------------------

    def bandwidth(self) -> dict[int, float]:
        """Bytes per second each camera recorded lately (its segments of the last two hours)."""
        since = utcnow() - timedelta(hours=FLOOR_HOURS)
        with self.sessions() as s:
            rows = s.execute(select(Segment.camera_id, func.sum(Segment.bytes), func.min(Segment.start),
                                    func.max(Segment.end))
                             .where(Segment.end > since, Segment.deleting.is_(False))
                             .group_by(Segment.camera_id)).all()
        return {cid: size / max((end - start).total_seconds(), 1.0) for cid, size, start, end in rows}

    def rates(self, fresh: bool = False) -> dict[int, float]:
        """bandwidth(), asked again at most once a minute: the status the client polls every
        2 s shows it, and it scans the last two hours of segments."""
        if fresh or time.monotonic() - self._rates_at > RATES_SECONDS:
            self._rates, self._rates_at = self.bandwidth(), time.monotonic()
        return self._rates

    def floor(self, total: int, rate: float) -> int:
        if self.settings.min_free is not None:
            return self.settings.min_free
        return int(max(FLOOR_SHARE * total, FLOOR_HOURS * 3600 * rate))

    def disk(self) -> dict:
        usage = shutil.disk_usage(self.data.recordings)
        rate = sum(self.rates().values())
        percent = 100.0 * usage.used / usage.total if usage.total else 0.0
        return {"total": usage.total, "used": usage.used, "free": usage.free, "percent": round(percent, 1),
                "level": alert_level(percent), "floor": self.floor(usage.total, rate),
                "bandwidth": round(rate, 1), "days_until_full": round(usage.free / rate / 86400, 1) if rate else None,
                "trouble": self.trouble, "trouble_code": self.trouble_code, "trouble_params": self.trouble_params}

    def guard(self) -> int:
        """Below the floor: delete the oldest footage (any camera), only as much as brings free
        space back above it. Returns the segments deleted early."""
        deleted = freed = 0
        rate = sum(self.rates().values())
        usage = shutil.disk_usage(self.data.recordings)
        floor = self.floor(usage.total, rate)
        if shutil.disk_usage(self.data.root).free < self.reserve.size:  # the index's disk is full
            self.reserve.release()
        shared = os.stat(self.data.root).st_dev == os.stat(self.data.recordings).st_dev
        while True:
            usage = shutil.disk_usage(self.data.recordings)
            short = floor - usage.free
            if shared:
                # the reserve is ours to give back: it counts as free; once given back, room
                # is made for it again, or the cameras would fill what it left and the next
                # deletion could not even begin
                short += self.reserve.size - self.reserve.held()
            if short <= 0:
                self.trouble = self._short_of = self.trouble_code = self.trouble_params = None
                break
            ids = self._oldest_covering(short)
            if not ids:
                self._say_short(usage.free, floor)
                break
            try:
                n, size = self.store.delete_segments(ids, DeletionReason.DISK_FULL)
            except OperationalError as e:  # SQLite could not write, even after the reserve went
                self._say_cannot_delete(usage.free, e)
                break
            if not n:
                break
            deleted, freed = deleted + n, freed + size
        if deleted:
            log.warning("disk guard: %d segments (%.0f MB) deleted early to keep %s MB free", deleted, freed / 1e6,
                        floor // 10**6)
            self._event(EventKind.EARLY_DELETION, f"{deleted} of the oldest recordings deleted early: the disk was "
                                          f"nearly full ({usage.free / 1e9:.1f} GB free)")
        self.reserve.restore(shutil.disk_usage(self.data.root).free, floor if shared else 0)
        self._alerts(usage)
        return deleted

    def _oldest_covering(self, short: int) -> list[int]:
        """The oldest closed segments of all cameras (the files being written are not indexed)
        whose sizes add up to what is short, and not one more."""
        ids, total = [], 0
        with self.sessions() as s:
            # footage a protected bookmark holds is passed by: the plan bounds how much there is
            rows = s.execute(select(Segment.id, Segment.bytes).where(Segment.deleting.is_(False), ~held())
                             .order_by(Segment.start).limit(1000))
            for seg_id, size in rows:
                ids.append(seg_id)
                total += size or 0
                if total >= short:
                    break
        return ids

    def _say_short(self, free: int, floor: int) -> None:
        with self.sessions() as s:
            clips = s.scalar(select(func.count()).select_from(Clip).where(Clip.state == ClipState.READY))
        what = f"only clips are left ({clips}), and clips are never deleted" if clips else "there is no old footage left"
        free_mb, need_mb = round(free / 1e6), round(floor / 1e6)
        if free < DISK_FULL_BYTES:
            message = (f"The recording disk is full ({free_mb} MB free) and {what}: recording has "
                       "stopped; free space or add a disk")
            code, params = ErrorCode.RECORDING_DISK_FULL, {"free_mb": free_mb, "clips": clips}
        else:
            message = (f"The disk is almost full ({free_mb} MB free, {need_mb} MB needed) and "
                       f"{what}: free space or add a disk, or recording will stop")
            code, params = ErrorCode.RECORDING_DISK_ALMOST_FULL, {"free_mb": free_mb, "need_mb": need_mb, "clips": clips}
        what += " (full)" if free < DISK_FULL_BYTES else ""
        if what != self._short_of:  # the figures change every minute; the reason seldom
            log.error("%s", message)
            self._event(EventKind.DISK_FULL, message)
        self.trouble, self._short_of = message, what
        self.trouble_code, self.trouble_params = code, params

    def _say_cannot_delete(self, free: int, error: Exception) -> None:
        free_mb = round(free / 1e6)
        message = (f"The recording disk is full ({free_mb} MB free) and old recordings could not be "
                   "deleted to make room: recording has stopped; free space on the disk")
        log.error("disk guard: %s (%s)", message, getattr(error, "orig", error))
        self.trouble, self._short_of = message, "cannot delete"
        self.trouble_code, self.trouble_params = ErrorCode.RECORDING_DISK_CANNOT_DELETE, {"free_mb": free_mb}

    def _alerts(self, usage=None) -> None:
        """An event each time use crosses 80, 90 or 95 % upwards; falling back clears it."""
        usage = usage or shutil.disk_usage(self.data.recordings)
        level = alert_level(100.0 * usage.used / usage.total)
        if level > self.level:
            self._event(EventKind.DISK_ALERT, f"the recordings disk is {level} % full")
        self.level = level

    def _event(self, kind: str, label: str) -> None:
        try:
            with self.sessions.begin() as s:
                s.add(Event(camera_id=None, kind=kind, start=utcnow(), label=label))
        except OperationalError as e:  # a full disk: the status still says it
            log.error("disk guard: could not store the %s event: %s", kind, getattr(e, "orig", e))

    # -- what the storage view shows ----------------------------------------------------------

    def _camera_days(self, today: date | None = None) -> list[tuple[Camera, dict]]:
        with self.sessions() as s:
            return [(cam, queries.recorded_days(s, cam, today)) for cam in s.scalars(select(Camera).order_by(Camera.id))]

    def _expiring(self, cam: Camera, days: dict) -> dict | None:
        """The camera's day the next sweep deletes, if any: save clips from it now."""
        soon = [d for d in days["days"] if d["days_left"] <= 1]
        if not soon:
            return None
        return {"camera_id": cam.id, "camera_name": cam.name, "date": soon[-1]["date"],
                "bytes": sum(d["bytes"] for d in soon), "deleted_at": self.next_sweep().isoformat()}

    def expiring(self, today: date | None = None) -> list[dict]:
        found = (self._expiring(cam, days) for cam, days in self._camera_days(today or date.today()))
        return [e for e in found if e]

    def view(self) -> dict:
        """The storage view: the disk, each camera's days and rate, what expires, the last sweep."""
        rates, cams, expiring = self.rates(), [], []
        loss = self.frame_loss()
        for cam, days in self._camera_days():
            cams.append({"id": cam.id, "name": cam.name, "removed": cam.removed_at is not None,
                         "bytes": sum(d["bytes"] for d in days["days"]), "bandwidth": round(rates.get(cam.id, 0.0), 1),
                         "retention_days": days["retention_days"], "days": days["days"],
                         "frame_loss": loss.get(cam.id)})
            expiring += [e for e in [self._expiring(cam, days)] if e]
        return {"disk": self.disk(), "cameras": cams, "expiring": expiring, "last_sweep": self.last_sweep,
                "next_sweep": self.next_sweep().isoformat()}

    def cleanup_log(self, camera_id: int | None = None, start: datetime | None = None,
                    end: datetime | None = None, limit: int = 1000) -> list[dict]:
        q = select(Deletion).order_by(Deletion.at.desc(), Deletion.id.desc()).limit(limit)
        if camera_id is not None:
            q = q.where(Deletion.camera_id == camera_id)
        if start is not None:
            q = q.where(Deletion.start >= start)
        if end is not None:
            q = q.where(Deletion.start < end)
        with self.sessions() as s:
            return [{"at": d.at.isoformat(), "camera_id": d.camera_id, "path": d.path, "start": d.start.isoformat(),
                     "end": d.end.isoformat(), "bytes": d.bytes, "reason": d.reason} for d in s.scalars(q)]

    def delete_day(self, camera_id: int, day: date) -> dict:
        """The administrator's bulk action: one camera's footage of one local day, but for what
        a protected bookmark holds (kept: how many segments stayed for that)."""
        start, end = local_midnight(day), local_midnight(day + timedelta(days=1))
        with self.sessions() as s:
            day_ids = select(Segment.id).where(Segment.camera_id == camera_id, Segment.start >= start,
                                               Segment.start < end, Segment.deleting.is_(False))
            ids = list(s.scalars(day_ids.where(~held())))
            kept = len(list(s.scalars(day_ids.where(held()))))
        n, size = self.store.delete_segments(ids, DeletionReason.MANUAL)
        return {"deleted": n, "bytes": size, "kept": kept}

    # -- the loop ---------------------------------------------------------------------------

    def run(self, stop: threading.Event) -> None:
        """Sweep at start-up and daily; guard the disk every check_seconds. Never raises."""
        self._safely(self.store.finish_deletions)
        self._safely(self.sweep)
        due = self.next_sweep()
        while not stop.is_set():
            self._safely(self.guard)
            if utcnow() >= due:
                self._safely(self.sweep)
                due = self.next_sweep()
            self._wake.wait(self.settings.check_seconds)
            self._wake.clear()

    def _safely(self, work) -> None:
        try:
            work()
        except Exception:
            log.exception("retention: %s failed", getattr(work, "__name__", work))
