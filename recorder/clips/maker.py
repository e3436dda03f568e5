"""Clips: a range of one camera's footage copied (never re-encoded) into an ordinary MP4 of
its own under clips/, which retention never touches. The recorder extracts one clip at a
time; a failure leaves no partial file."""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import queue
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from recorder.cameras.config import get_camera
from recorder.capture.ffmpeg import find_tool
from recorder.clips.plan import (
    HOLE,
    Piece,
    Span,
    check_clip_name,
    check_notes,
    check_one_format,
    concat_list,
    local_text,
    missing_parts,
    plan_pieces,
)
from recorder.errors import ClipBusy, ClipLimit, InputError, NoSpace, NotFound, has_controls
from recorder.index import queries
from recorder.index.db import get_plan
from recorder.index.models import CLIP_LIMITS, Camera, Clip, utcnow
from recorder.index.segments import fsync_dir, fsync_file
from recorder.mp4 import Fragments
from recorder.paths import DataDir
from recorder.platform_compat import spawn_kwargs
from vms_api.enums import ClipState
from vms_api.errors import ErrorCode

log = logging.getLogger(__name__)
MAX_LENGTH = timedelta(hours=24)
SPACE_RESERVE = 32 * 1024 * 1024  # left for the cameras (at most 1 % of the disk), which keep recording
COUNTED = (ClipState.EXTRACTING, ClipState.READY)
MAX_CREATED_BY = 120
LIVE_EDGE_WAIT = 8.0  # s: a GOP of the slowest cameras we meet (4 s) and a busy machine's lag
DISK_FILLED = "the disk filled up while the clip was being made; nothing was kept"


def clip_row(clip: Clip, camera_name: str | None, progress: float | None = None) -> dict:
    missing = json.loads(clip.missing) if clip.missing else []
    return {"id": clip.id, "camera_id": clip.camera_id, "camera_name": camera_name,
            "start": clip.start.isoformat(), "end": clip.end.isoformat(),
            "requested_start": clip.requested_start.isoformat(), "requested_end": clip.requested_end.isoformat(),
            "duration": round((clip.end - clip.start).total_seconds(), 3), "name": clip.name,
            "notes": clip.notes, "path": clip.path, "bytes": clip.bytes, "sha256": clip.sha256,
            "created_by": clip.created_by, "created_at": clip.created_at.isoformat(), "state": clip.state,
            "progress": 1.0 if clip.state == ClipState.READY else (progress or 0.0), "error": clip.error,
            "missing": missing}


class ClipMaker:
    """Takes clip requests, extracts them one at a time in a worker thread, and keeps the
    clips' rows and files in step (rename, delete, recovery after a crash)."""

    def __init__(self, data: DataDir, sessions: sessionmaker[Session],
                 live_spans: Callable[[int], list[Span]] = lambda _cid: [], children=None,
                 file_lock: threading.RLock | None = None):
        self.data = data
        # Shared with deletion and compression: no file is replaced between a clip's planning
        # (byte offsets) and its extraction, see in_use().
        self.file_lock = file_lock or threading.RLock()
        self._running: list[Piece] = []
        self.sessions = sessions
        self.live_spans = live_spans
        self.children = children
        self._queue: queue.Queue[int | None] = queue.Queue()
        self._jobs: dict[int, tuple[list[Piece], bool]] = {}
        self._progress: dict[int, float] = {}
        self._changed = threading.Condition()
        self._request_lock = threading.Lock()
        self._proc: subprocess.Popen | None = None
        self._closing = False
        self._worker = threading.Thread(target=self._work, name="clips", daemon=True)
        self._worker.start()

    # -- requests ----------------------------------------------------------------------------

    def request(self, camera_id: int, start: datetime, end: datetime, name: str,
                notes: str | None = None, created_by: str | None = None) -> dict:
        """Check the request, keep its row and queue it; errors say what to change."""
        name, notes = check_clip_name(name), check_notes(notes)
        if created_by is not None and (len(created_by) > MAX_CREATED_BY or has_controls(created_by)):
            raise InputError(ErrorCode.CLIP_CREATED_BY_INVALID,
                             "'created by' must be a short name without control characters", max=MAX_CREATED_BY)
        start, end = queries.aware(start), min(queries.aware(end), utcnow())
        if start >= end:
            raise InputError(ErrorCode.CLIP_START_AFTER_END,
                             "the clip's start must be before its end (and not in the future)")
        if end - start > MAX_LENGTH:
            hours = int(MAX_LENGTH.total_seconds() // 3600)
            raise InputError(ErrorCode.CLIP_TOO_LONG, f"a clip may be at most {hours} hours long", max_hours=hours)
        with self.sessions() as s:
            cam_name = get_camera(s, camera_id).name
        self._wait_for_pictures(camera_id, end)
        with self.file_lock:
            spans, pieces, first_frame = self._plan(camera_id, start, end)
            holes = missing_parts(spans, start, end)
            with self._request_lock, self.sessions.begin() as s:
                self._check_limit(s)
                clip = Clip(camera_id=camera_id, requested_start=start, requested_end=end, start=first_frame,
                            end=end, name=name, notes=notes, path="", bytes=0, created_by=created_by,
                            created_at=utcnow(), state=ClipState.EXTRACTING,
                            missing=json.dumps([[a.isoformat(), b.isoformat()] for a, b in holes]) if holes else None)
                s.add(clip)
                s.flush()
                clip.path = self.data.relative(self._final_path(camera_id, clip.id))
                row = clip_row(clip, cam_name)
            self._jobs[row["id"]] = (pieces, any(sp.video and sp.video[0] == "hevc" for sp in spans))
        self._queue.put(row["id"])
        log.info("clip %s requested: camera %s, %s to %s", row["id"], camera_id, start, end)
        return row

    def _wait_for_pictures(self, camera_id: int, end: datetime) -> None:
        """A clip ending at the live edge waits, briefly, until the camera's pictures up to its
        end are on disk. The file being written lags the clock by a fragment (one GOP), by more
        on a busy machine, and a guard saving "what just happened" wants all of it. A camera
        that stopped sending makes the clip wait LIVE_EDGE_WAIT, then take what there is."""
        until = time.monotonic() + LIVE_EDGE_WAIT
        while not self._on_disk_up_to(camera_id, end) and time.monotonic() < until:
            time.sleep(0.1)

    def _on_disk_up_to(self, camera_id: int, end: datetime) -> bool:
        live = self.live_spans(camera_id)
        if not live or live[0].start >= end:  # not recording, or the file holding end is closed
            return True
        span = live[0]
        try:
            with Fragments(span.path) as frags:
                # A fragment starting after end is written: so is the one holding end.
                return len(frags) > 0 and span.start + timedelta(seconds=frags.time(len(frags) - 1)) >= end
        except (OSError, ValueError):  # just opened, no fragment yet; or renamed as it closed
            return False

    def _plan(self, camera_id: int, start: datetime, end: datetime) -> tuple[list[Span], list[Piece], datetime]:
        spans = self._spans(camera_id, start, end)
        def nothing() -> InputError:
            return InputError(ErrorCode.CLIP_NO_RECORDING,
                              f"camera {camera_id} has no recording between {local_text(start)} and {local_text(end)}",
                              camera_id=camera_id, start=start.isoformat(), end=end.isoformat())
        if not spans:
            raise nothing()
        check_one_format(spans, start)
        pieces, first_frame = plan_pieces(spans, start, end)
        if not pieces:
            raise nothing()
        self._check_space(self._final_path(camera_id, 0).parent, pieces)
        return spans, pieces, first_frame

    def in_use(self) -> set[Path]:
        """Files that queued or running clips will read at the offsets they planned."""
        with self.file_lock:
            jobs = list(self._jobs.values())
            return {p.path for p in self._running} | {p.path for pieces, _ in jobs for p in pieces}

    def _spans(self, camera_id: int, start: datetime, end: datetime) -> list[Span]:
        live = [sp for sp in self.live_spans(camera_id) if sp.start < end and sp.end > start]
        with self.sessions() as s:
            segs = queries.segments(s, camera_id, start, end, 100_000)
            spans = [Span(seg.start, seg.end, self.data.absolute(seg.path),
                          (seg.video_codec, seg.width, seg.height)) for seg in segs]
        # The file being written may have been closed and indexed meanwhile: then it is in spans.
        spans += [sp for sp in live if sp.path.exists() and all(sp.start >= x.end - HOLE for x in spans)]
        return spans

    def _check_limit(self, s: Session) -> None:
        plan = get_plan(s)
        limit = CLIP_LIMITS[plan]
        if limit is None:
            return
        count = s.scalar(select(func.count()).select_from(Clip).where(Clip.state.in_(COUNTED)))
        if count >= limit:
            raise ClipLimit(ErrorCode.CLIP_LIMIT_REACHED,
                            f"the {plan.capitalize()} plan keeps up to {limit} clips and {count} are saved; "
                            "delete a clip or move to a bigger plan", plan=plan, limit=limit, count=count)

    def _check_space(self, folder: Path, pieces: list[Piece]) -> None:
        need = sum(p.size for p in pieces)
        folder.mkdir(parents=True, exist_ok=True)
        disk = shutil.disk_usage(folder)
        reserve = min(SPACE_RESERVE, disk.total // 100)
        if disk.free < need + reserve:
            usable = max(disk.free - reserve, 0)
            raise NoSpace(ErrorCode.CLIP_NO_SPACE, f"not enough free disk for this clip: it needs about "
                          f"{need / 1e6:.1f} MB and {usable / 1e6:.1f} MB can be used", need_bytes=need, usable_bytes=usable)

    def _final_path(self, camera_id: int, clip_id: int) -> Path:
        return self.data.clips / f"cam_{camera_id}" / f"clip_{clip_id}.mp4"

    # -- extraction ----------------------------------------------------------------------------

    def _work(self) -> None:
        while (clip_id := self._queue.get()) is not None:
            with self.file_lock:
                job = self._jobs.pop(clip_id, None)
                self._running = job[0] if job else []
            try:
                if self._closing or job is None:
                    raise RuntimeError("the recorder stopped before the clip was made")
                self._extract(clip_id, job)
            except Exception as e:  # the row says why; the worker goes on with the next clip
                log.warning("clip %s failed: %s", clip_id, e)
                full = isinstance(e, OSError) and e.errno == errno.ENOSPC
                self._finish(clip_id, state=ClipState.FAILED, error=DISK_FILLED if full else str(e))
            finally:
                self._running = []

    def _extract(self, clip_id: int, job: tuple[list[Piece], bool]) -> None:
        pieces, hevc = job
        with self.sessions() as s:
            clip = s.get(Clip, clip_id)
            final, start = self.data.absolute(clip.path), clip.start
        final.parent.mkdir(parents=True, exist_ok=True)
        part = final.with_name(f".{final.stem}.part.mp4")
        listing = final.with_name(f".{final.stem}.ffconcat")
        try:
            listing.write_text(concat_list(pieces))  # inside: a full disk may cut this short too
            t0 = time.perf_counter()
            seconds = self._run_ffmpeg(clip_id, listing, part, sum(p.ends - p.begins for p in pieces), hevc)
            t1 = time.perf_counter()
            fsync_file(part)
            os.replace(part, final)
            fsync_dir(final.parent)
        finally:
            listing.unlink(missing_ok=True)
            part.unlink(missing_ok=True)
        size = final.stat().st_size
        # Ready once durable: it plays and survives a power cut. Its SHA-256 (for exports and
        # their verification) follows a moment later; hashing 150 MB takes about 0.1 s, and no
        # order of writing lets it start before FFmpeg has placed the index at the front.
        self._finish(clip_id, state=ClipState.READY, bytes=size, end=start + timedelta(seconds=seconds))
        t2 = time.perf_counter()
        self._seal(clip_id, final)
        log.info("clip %s ready: %s, %.1f s, %d bytes (FFmpeg %.3f s, flush %.3f s, SHA-256 %.3f s)",
                 clip_id, self.data.relative(final), seconds, size, t1 - t0, t2 - t1, time.perf_counter() - t2)

    def _seal(self, clip_id: int, path: Path) -> None:
        with open(path, "rb") as f:
            digest = hashlib.file_digest(f, "sha256").hexdigest()
        self._finish(clip_id, sha256=digest)

    def _run_ffmpeg(self, clip_id: int, listing: Path, part: Path, expected: float, hevc: bool) -> float:
        """Copy the pieces into one faststart MP4; returns the seconds written."""
        cmd = [find_tool("ffmpeg"), "-hide_banner", "-nostdin", "-loglevel", "error", "-nostats",
               "-protocol_whitelist", "file,concat,subfile", "-f", "concat", "-safe", "0", "-i", str(listing),
               "-map", "0:v:0", "-map", "0:a:0?", "-c", "copy", *(["-tag:v", "hvc1"] if hevc else []),
               "-movflags", "+faststart", "-progress", "pipe:1", "-f", "mp4", "-y", str(part)]
        proc = self._proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                             stdin=subprocess.DEVNULL, **spawn_kwargs())
        if self.children is not None:
            self.children.add(proc.pid)
        errors: list[str] = []
        reader = threading.Thread(target=lambda: errors.extend(proc.stderr), daemon=True)
        reader.start()
        written = 0.0
        try:
            for line in proc.stdout:
                key, _, value = line.strip().partition("=")
                if key == "out_time_us" and value.lstrip("-").isdigit():
                    written = max(written, int(value) / 1e6)
                    self._set_progress(clip_id, min(written / expected, 0.99) if expected > 0 else 0.0)
            proc.wait()
            reader.join(5)
        finally:
            self._proc = None
            if self.children is not None:
                self.children.discard(proc.pid)
        if proc.returncode != 0:
            raise RuntimeError(_explain(errors, self._closing))
        return written

    def _set_progress(self, clip_id: int, value: float) -> None:
        with self._changed:
            self._progress[clip_id] = value
            self._changed.notify_all()

    def _finish(self, clip_id: int, **values) -> None:
        with self.sessions.begin() as s:
            clip = s.get(Clip, clip_id)
            if clip is not None:
                for key, value in values.items():
                    setattr(clip, key, value)
        with self._changed:
            self._progress.pop(clip_id, None)
            self._changed.notify_all()

    # -- the clips' rows -------------------------------------------------------------------------

    def get(self, clip_id: int, wait: float = 0.0) -> dict:
        """A clip's row; with wait, up to that many seconds for its extraction to end."""
        until = time.monotonic() + wait
        with self._changed:
            row = self._row(clip_id)
            while row["state"] == ClipState.EXTRACTING and (left := until - time.monotonic()) > 0:
                self._changed.wait(left)
                row = self._row(clip_id)
        return row

    def _row(self, clip_id: int) -> dict:
        with self.sessions() as s:
            clip = s.get(Clip, clip_id)
            if clip is None or clip.state == ClipState.DELETING:
                raise _no_clip(clip_id)
            return clip_row(clip, s.get(Camera, clip.camera_id).name, self._progress.get(clip_id))

    def list(self, camera_id: int | None = None) -> list[dict]:
        with self.sessions() as s:
            q = (select(Clip, Camera.name).join(Camera, Camera.id == Clip.camera_id)
                 .where(Clip.state != ClipState.DELETING).order_by(Clip.created_at.desc(), Clip.id.desc()))
            if camera_id is not None:
                q = q.where(Clip.camera_id == camera_id)
            return [clip_row(clip, name, self._progress.get(clip.id)) for clip, name in s.execute(q)]

    def change(self, clip_id: int, name: str | None = None, notes: str | None = None) -> dict:
        with self.sessions.begin() as s:
            clip = s.get(Clip, clip_id)
            if clip is None or clip.state == ClipState.DELETING:
                raise _no_clip(clip_id)
            if name is not None:
                clip.name = check_clip_name(name)
            if notes is not None:
                clip.notes = check_notes(notes)
        return self._row(clip_id)

    def delete(self, clip_id: int) -> None:
        """Mark, unlink, flush the folder, drop the row: a crash midway is finished at start."""
        with self.sessions.begin() as s:
            clip = s.get(Clip, clip_id)
            if clip is None or clip.state == ClipState.DELETING:
                raise _no_clip(clip_id)
            if clip.state == ClipState.EXTRACTING:
                raise ClipBusy(ErrorCode.CLIP_BUSY, f"clip {clip_id} is still being made; delete it when it is done",
                               clip_id=clip_id)
            clip.state = ClipState.DELETING
        self._finish_deletion(clip_id)
        log.info("clip %s deleted", clip_id)

    def _finish_deletion(self, clip_id: int) -> None:
        with self.sessions.begin() as s:
            clip = s.get(Clip, clip_id)
            path = self.data.absolute(clip.path)
            if path.exists():
                path.unlink()
                fsync_dir(path.parent)
            s.delete(clip)

    def recover(self) -> None:
        """After a crash: clips cut short are failed and their parts removed; deletions finished;
        a ready clip whose file is gone says so."""
        for leftover in list(self.data.clips.glob("cam_*/.clip_*")):
            leftover.unlink(missing_ok=True)
        with self.sessions.begin() as s:
            for clip in s.scalars(select(Clip).where(Clip.state.in_(COUNTED))):
                if clip.state == ClipState.EXTRACTING:
                    clip.state, clip.error = ClipState.FAILED, "the recorder stopped while this clip was being made"
                elif not self.data.absolute(clip.path).exists():
                    clip.state, clip.error = ClipState.FAILED, "the clip's file is missing from the clips folder"
                    log.warning("clip %s: its file %s is missing", clip.id, clip.path)
            deleting = list(s.scalars(select(Clip.id).where(Clip.state == ClipState.DELETING)))
            unsealed = list(s.scalars(select(Clip).where(Clip.state == ClipState.READY, Clip.sha256.is_(None))))
        for clip in unsealed:  # stopped between "ready" and its hash
            self._seal(clip.id, self.data.absolute(clip.path))
        for clip_id in deleting:
            self._finish_deletion(clip_id)

    def close(self) -> None:
        """Stop: a clip being made is failed (nothing partial kept), queued ones too."""
        self._closing = True
        proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.terminate()
        self._queue.put(None)
        self._worker.join(30)
        while not self._queue.empty():
            clip_id = self._queue.get_nowait()
            if clip_id is not None:
                self._finish(clip_id, state=ClipState.FAILED, error="the recorder stopped before the clip was made")


def _no_clip(clip_id: int) -> NotFound:
    return NotFound(ErrorCode.CLIP_NOT_FOUND, f"no clip {clip_id}", clip_id=clip_id)


def _explain(errors: list[str], stopped: bool) -> str:
    text = "".join(errors)
    if stopped:
        return "the recorder was stopped while the clip was being made; nothing was kept"
    if "No space left" in text:
        return DISK_FILLED
    last = next((line.strip() for line in reversed(errors) if line.strip()), "no message")
    return f"the clip could not be made (FFmpeg: {last})"
