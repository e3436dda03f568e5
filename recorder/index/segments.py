"""The segment lifecycle: a closed file is probed, fsynced, moved to its dated folder and
only then indexed. On start-up, whatever a crash left behind is finished the same way."""

from __future__ import annotations

import logging
import os
import shutil
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from recorder.capture.ffmpeg import probe_file
from recorder.index.models import Deletion, Event, Segment, utcnow
from recorder.mp4 import trim_partial_fragment
from recorder.paths import DataDir
from vms_api.enums import EventKind

log = logging.getLogger(__name__)

# A file with no video packet holds nothing worth keeping (FFmpeg opened it, the camera dropped).
EMPTY_FILE_BYTES = 64 * 1024
MAX_OVERLAP = timedelta(seconds=2)


# Less free space than this and a camera waits for room instead of starting FFmpeg in vain
# (at 2 Mbit/s it is some 15 s of video).
DISK_FULL_BYTES = 4 << 20
BECAME_KEPT = 1000  # names of files being written remembered after they became segments


def disk_is_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path).free < DISK_FULL_BYTES
    except OSError:
        return False


class NotIndexed(Exception):
    """A closed file whose row could not be written (a full disk): it is at `path` now, and
    indexing it again later finishes the job."""

    def __init__(self, path: Path, error: Exception):
        super().__init__(f"{path.name} could not be indexed: {getattr(error, 'orig', error)}")
        self.path = path


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def fsync_dir(path: Path) -> None:
    """Make a rename or unlink durable. Windows has no directory handles to flush; NTFS
    journals the metadata itself."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class SegmentStore:
    def __init__(self, data: DataDir, sessions: sessionmaker[Session]):
        self.data = data
        self.sessions = sessions
        self._name_lock = threading.Lock()  # two cameras never share a folder, but be safe
        # Held while files are unlinked or replaced, and while a clip picks its bytes.
        self.file_lock = threading.RLock()
        # Called by a camera that could not write for want of space: the recorder has the
        # disk guard make room at once.
        self.disk_full: Callable[[], None] = lambda: None
        # (camera, name it was written under) -> segment id, for the files indexed lately: a
        # player following the file being written goes on reading it once it is a segment.
        self.became: OrderedDict[tuple[int, str], int] = OrderedDict()

    def index_file(self, camera_id: int, src: Path) -> Segment | None:
        """Probe a closed file and index it; quarantine it if unreadable. Idempotent per path."""
        removed, fragments = trim_partial_fragment(src)
        info = probe_file(src)
        if info is None or info.video_packets == 0:
            if src.stat().st_size < EMPTY_FILE_BYTES:
                log.info("camera %s: %s holds no video, removed", camera_id, src.name)
                src.unlink()
                return None
            self.quarantine(camera_id, src, "the file could not be read")
            return None
        # The file's last write is the moment its last fragment arrived: that is its end.
        end = datetime.fromtimestamp(src.stat().st_mtime, UTC)
        if removed:
            # The cut fragment was being written when its closing keyframe came, so what is
            # kept ended about one fragment earlier; keep that in the mtime for re-runs.
            end -= timedelta(seconds=info.duration / max(fragments, 1))
            os.utime(src, (end.timestamp(), end.timestamp()))
            log.info("camera %s: %s cut back to its last whole fragment (%d bytes)", camera_id, src.name, removed)
        start = self._after_previous(camera_id, end - timedelta(seconds=info.duration))
        fsync_file(src)
        dest = src
        if src.parent.name == ".incoming":
            dest = self._move_to_dated_folder(camera_id, src, start)
        seg = Segment(camera_id=camera_id, start=start, end=end, path=self.data.relative(dest),
                      bytes=info.bytes, video_codec=info.video_codec, audio_codec=info.audio_codec,
                      width=info.width, height=info.height)
        try:
            with self.sessions.begin() as s:
                if s.scalar(select(Segment.id).where(Segment.path == seg.path)) is not None:
                    return None  # indexed by an earlier try whose answer was lost
                s.add(seg)
        except OperationalError as e:
            raise NotIndexed(dest, e) from e
        log.info("camera %s: indexed %s (%.1f s)", camera_id, seg.path, info.duration)
        self.became[(camera_id, src.name)] = seg.id
        while len(self.became) > BECAME_KEPT:
            self.became.popitem(last=False)
        return seg

    def _after_previous(self, camera_id: int, start: datetime) -> datetime:
        """Two segments of one run meet within a fraction of a second (FFmpeg's muxing delay
        moves each file's mtime a little); where they overlap, start where the last one ended."""
        with self.sessions() as s:
            prev_end = s.scalar(select(Segment.end).where(Segment.camera_id == camera_id, Segment.start < start)
                                .order_by(Segment.start.desc()).limit(1))
        if prev_end is not None and timedelta(0) < prev_end - start < MAX_OVERLAP:
            return prev_end
        return start

    def _move_to_dated_folder(self, camera_id: int, src: Path, start: datetime) -> Path:
        local = start.astimezone()  # names are for people: the site's local time
        folder = self.data.camera_dir(camera_id) / local.strftime("%Y-%m-%d")
        with self._name_lock:
            folder.mkdir(parents=True, exist_ok=True)
            stem = local.strftime("%H-%M-%S")
            dest = folder / f"{stem}.mp4"
            n = 2
            while dest.exists():  # the hour repeated when clocks go back, or a quick restart
                dest = folder / f"{stem}_{n}.mp4"
                n += 1
            os.replace(src, dest)
        fsync_dir(folder)
        fsync_dir(src.parent)
        return dest

    def quarantine(self, camera_id: int, src: Path, why: str) -> None:
        dest_dir = self.data.quarantine / f"cam_{camera_id}"
        dest_dir.mkdir(parents=True, exist_ok=True)
        dest = dest_dir / f"{utcnow():%Y%m%dT%H%M%S}_{src.name}"
        shutil.move(src, dest)
        log.warning("camera %s: %s quarantined: %s", camera_id, src.name, why)
        self.add_event(camera_id, EventKind.ERROR, f"{why}; moved to {self.data.relative(dest)}")

    def add_event(self, camera_id: int | None, kind: str, label: str,
                  start: datetime | None = None, end: datetime | None = None) -> int:
        with self.sessions.begin() as s:
            ev = Event(camera_id=camera_id, kind=kind, label=label, start=start or utcnow(), end=end)
            s.add(ev)
            s.flush()
            return ev.id

    def recover(self, camera_id: int) -> dict:
        """Index what a crash left (FFmpeg must not be running for this camera) and report
        rows whose file is gone."""
        incoming = self.data.incoming_dir(camera_id)
        found = [p for p in sorted(incoming.glob("*.mp4"))] if incoming.exists() else []
        with self.sessions() as s:
            rows = s.execute(select(Segment.path, Segment.deleting).where(Segment.camera_id == camera_id)).all()
        known = {path for path, _ in rows}
        cam_dir = self.data.camera_dir(camera_id)
        if cam_dir.exists():
            found += [p for p in sorted(cam_dir.glob("*/*.mp4"))
                      if p.parent.name != ".incoming" and self.data.relative(p) not in known]
        indexed = sum(1 for p in found if self.index_file(camera_id, p) is not None)
        self.finish_deletions(camera_id)
        missing = [path for path, deleting in rows if not deleting and not self.data.absolute(path).exists()]
        if missing:
            log.warning("camera %s: %d indexed segments are missing from disk, first %s",
                        camera_id, len(missing), missing[0])
            self.add_event(camera_id, EventKind.ERROR, f"{len(missing)} recorded files are missing from disk "
                                               f"(first: {missing[0]})")
        return {"indexed": indexed, "missing": missing}

    def delete_segments(self, ids: list[int], reason: str) -> tuple[int, int]:
        """Mark the rows and log why, unlink the files, flush each folder once, drop the rows
        (docs/design.md, "Segments: the order of writes"): a crash anywhere in between is
        finished by finish_deletions(). Returns (segments, bytes) deleted."""
        marked, total = [], 0
        for chunk in _chunks(ids):
            with self.sessions.begin() as s:
                for seg in s.scalars(select(Segment).where(Segment.id.in_(chunk), Segment.deleting.is_(False))):
                    seg.deleting = True
                    s.add(Deletion(at=utcnow(), camera_id=seg.camera_id, path=seg.path, start=seg.start,
                                   end=seg.end, bytes=seg.bytes, reason=reason))
                    marked.append(seg.id)
                    total += seg.bytes
        self._unlink_and_drop(marked)
        return len(marked), total

    def finish_deletions(self, camera_id: int | None = None) -> None:
        """A deletion interrupted by a crash: the row was marked, the file may still be there."""
        q = select(Segment.id).where(Segment.deleting)
        if camera_id is not None:
            q = q.where(Segment.camera_id == camera_id)
        with self.sessions() as s:
            ids = list(s.scalars(q))
        self._unlink_and_drop(ids)

    def _unlink_and_drop(self, ids: list[int]) -> None:
        folders = set()
        for chunk in _chunks(ids):
            with self.sessions() as s:
                paths = list(s.scalars(select(Segment.path).where(Segment.id.in_(chunk))))
            with self.file_lock:
                for rel in paths:
                    path = self.data.absolute(rel)
                    path.unlink(missing_ok=True)
                    folders.add(path.parent)
            for folder in folders:
                if folder.exists():
                    fsync_dir(folder)
            with self.sessions.begin() as s:
                s.execute(delete(Segment).where(Segment.id.in_(chunk)))
        self._remove_empty(folders)

    def _remove_empty(self, folders: set[Path]) -> None:
        """Day folders emptied by deletion go too, but never today's or yesterday's: a
        segment being closed may be moving into it."""
        recent = {(date.today() - timedelta(days=d)).isoformat() for d in (-1, 0, 1)}
        for folder in folders:
            if folder.name in recent or folder.name == ".incoming":
                continue
            try:
                folder.rmdir()
                fsync_dir(folder.parent)
            except OSError:
                pass  # not empty, or already gone


def _chunks(ids: list[int], size: int = 500):
    for i in range(0, len(ids), size):
        yield ids[i:i + size]
