"""Just enough of the MP4 box structure to cut a crashed segment back to its last whole fragment."""

from __future__ import annotations

import os
import struct
from pathlib import Path


def top_level_boxes(path: Path) -> tuple[list[tuple[bytes, int, int]], int]:
    """[(type, offset, size)] of the whole boxes, and the offset where whole boxes end."""
    boxes = []
    total = path.stat().st_size
    pos = 0
    with open(path, "rb") as f:
        while pos + 8 <= total:
            f.seek(pos)
            size, kind = struct.unpack(">I4s", f.read(8))
            if size == 1:
                if pos + 16 > total:
                    break
                (size,) = struct.unpack(">Q", f.read(8))
            elif size == 0:  # "to the end of the file": only whole if nothing follows
                size = total - pos
            if size < 8 or pos + size > total:
                break
            boxes.append((kind, pos, size))
            pos += size
    return boxes, pos


def trim_partial_fragment(path: Path) -> tuple[int, int]:
    """Cut a trailing fragment that a crash left half-written (a moof without its whole mdat,
    or a box cut short), keeping the file's mtime. Returns (bytes removed, whole fragments)."""
    boxes, whole_end = top_level_boxes(path)
    if not boxes or boxes[0][0] != b"ftyp":
        return 0, 0  # not an MP4 we wrote: never cut what we do not understand
    keep = whole_end
    if boxes and boxes[-1][0] == b"moof":  # its media never arrived
        keep = boxes[-1][1]
        boxes.pop()
    fragments = sum(1 for kind, _, _ in boxes if kind == b"moof")
    st = path.stat()
    if keep >= st.st_size:
        return 0, fragments
    with open(path, "rb+") as f:
        f.truncate(keep)
        f.flush()
        os.fsync(f.fileno())
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    return st.st_size - keep, fragments


# -- fragment index: where each keyframe's fragment starts, for cutting clips without
# making FFmpeg read every fragment header of a 1 h file -------------------------------------

def _children(f, start: int, end: int):
    pos = start
    while pos + 8 <= end:
        f.seek(pos)
        size, kind = struct.unpack(">I4s", f.read(8))
        header = 8
        if size == 1:
            (size,) = struct.unpack(">Q", f.read(8))
            header = 16
        elif size == 0:
            size = end - pos
        if size < header or pos + size > end:
            return
        yield kind, pos + header, pos + size
        pos += size


def _find(f, start: int, end: int, path: list[bytes]) -> tuple[int, int] | None:
    for kind, body, stop in _children(f, start, end):
        if kind == path[0]:
            return (body, stop) if len(path) == 1 else _find(f, body, stop, path[1:])
    return None


def _full_box_field(f, body: int, v0_offset: int, v1_offset: int, v1_wide: bool = False) -> int:
    """A field of a versioned box whose place (and width) depends on the version byte."""
    f.seek(body)
    version = f.read(1)[0]
    f.seek(body + (v1_offset if version else v0_offset))
    if version and v1_wide:
        return struct.unpack(">Q", f.read(8))[0]
    return struct.unpack(">I", f.read(4))[0]


def _video_track(f, moov: tuple[int, int]) -> tuple[int, int] | None:
    """(track_ID, timescale) of the first video track."""
    for kind, body, stop in _children(f, *moov):
        if kind != b"trak":
            continue
        hdlr = _find(f, body, stop, [b"mdia", b"hdlr"])
        if hdlr is None:
            continue
        f.seek(hdlr[0] + 8)  # after version, flags and pre_defined: the handler type
        if f.read(4) != b"vide":
            continue
        tkhd, mdhd = _find(f, body, stop, [b"tkhd"]), _find(f, body, stop, [b"mdia", b"mdhd"])
        if tkhd and mdhd:
            return _full_box_field(f, tkhd[0], 12, 20), _full_box_field(f, mdhd[0], 12, 20)
    return None


class Fragments:
    """A fragmented MP4's init part and its fragments (each begins on a video keyframe,
    as the recorder writes them: frag_keyframe). Times are the fragments' decode times in
    seconds, read lazily: a lookup reads a dozen small boxes, not thousands."""

    def __init__(self, path: Path):
        self.path = path
        boxes, whole_end = top_level_boxes(path)
        kinds = [k for k, _, _ in boxes]
        if b"moov" not in kinds:  # a file just opened has its moov and no fragment yet
            raise ValueError(f"{path.name} is not an MP4 the recorder wrote")
        moov = boxes[kinds.index(b"moov")]
        self.init_end = moov[1] + moov[2]
        # A moof whose mdat has not been written yet (a growing file) is not a fragment yet.
        self.offsets = [o for i, (k, o, _) in enumerate(boxes)
                        if k == b"moof" and i + 1 < len(boxes) and boxes[i + 1][0] == b"mdat"]
        ends = [o + s for k, o, s in boxes if k == b"mdat"]
        self.end = ends[-1] if ends else whole_end
        self._file = open(path, "rb")
        track = _video_track(self._file, (moov[1] + 8, moov[1] + moov[2]))
        if track is None:
            self.close()
            raise ValueError(f"{path.name} has no video track")
        self.track_id, self.timescale = track
        self._times: dict[int, float] = {}

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Fragments:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __len__(self) -> int:
        return len(self.offsets)

    def time(self, i: int) -> float:
        if i not in self._times:
            self._times[i] = self._decode_time(self.offsets[i])
        return self._times[i]

    def _decode_time(self, moof: int) -> float:
        f = self._file
        f.seek(moof)
        size = struct.unpack(">I", f.read(4))[0]
        for kind, body, stop in _children(f, moof + 8, moof + size):
            if kind != b"traf":
                continue
            tfhd, tfdt = _find(f, body, stop, [b"tfhd"]), _find(f, body, stop, [b"tfdt"])
            f.seek(tfhd[0] + 4)
            if struct.unpack(">I", f.read(4))[0] == self.track_id and tfdt:
                return _full_box_field(f, tfdt[0], 4, 4, v1_wide=True) / self.timescale
        # Audio only: the sound after a file's last picture. No clip may start there, and
        # sorting it last keeps the searches below right (it is the file's last fragment).
        return float("inf")

    def at_or_before(self, t: float) -> int:
        """The fragment holding time t: the last one starting at or before it (or the first)."""
        lo, hi = 0, len(self.offsets)
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if self.time(mid) <= t:
                lo = mid
            else:
                hi = mid
        return lo

    def first_from(self, t: float) -> int:
        """The first fragment starting at or after t (len(self) if none)."""
        lo, hi = 0, len(self.offsets)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.time(mid) < t:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def byte_range(self, first: int, stop: int) -> tuple[int, int]:
        """Bytes of fragments first..stop-1."""
        return self.offsets[first], self.offsets[stop] if stop < len(self.offsets) else self.end
