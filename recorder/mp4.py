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
