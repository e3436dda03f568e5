"""A segment served to a player in windows: the file's init part followed by a run of its
fragments, as a small MP4 of its own.

Why: a player's MP4 demuxer (libVLC's and FFmpeg's alike) walks every fragment of a fragmented
file when it opens it, and over HTTP each step is a range request — about 2,500 of them, 14 s,
to open an hour's segment at minute 37 on the loopback (the local file: 0.9 s). A window of
WINDOW_FRAGMENTS fragments opens in a constant few dozen requests, whatever the segment's
length; the player goes from window to window as from file to file (its next one opened ahead).
The index and the files stay as they are: a window is bytes of the segment, never a copy."""

from __future__ import annotations

import math
import os
import struct
import threading
from collections import OrderedDict
from pathlib import Path

from anyio import to_thread
from starlette.responses import FileResponse, Response
from starlette.types import Receive, Scope, Send

from recorder.mp4 import Fragments

# A minute at a 1 s GOP: the player's open cost is counted in fragments. The tests set a couple,
# so that their few-second segments are played across windows.
WINDOW_FRAGMENTS = int(os.environ.get("VMS_WINDOW_FRAGMENTS", "60"))
CHUNK = 1 << 18
_CACHE_SIZE = 4096  # the day's listing asks the same files again and again, a player each window many times
_cache: OrderedDict[tuple, object] = OrderedDict()
_lock = threading.Lock()


def _cached(path: Path, what, compute):
    """compute() once per file state: cached by name, size and modification time, so a growing
    file is read again when it grew. Reading a file's boxes walks all of them (an hour's: 7,200)."""
    st = path.stat()
    key = (str(path), st.st_size, st.st_mtime_ns, what)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    value = compute()
    with _lock:
        _cache[key] = value
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return value


def window_starts(path: Path) -> list[float]:
    """Where each window begins, in seconds from the file's first fragment (what a player shows
    as 0:00 for the whole file)."""
    return _cached(path, "starts", lambda: _starts(path))


def _starts(path: Path) -> list[float]:
    try:
        with Fragments(path) as frags:
            first = frags.time(0) if len(frags) else 0.0
            starts = [round(frags.time(i) - first, 3) for i in range(0, len(frags), WINDOW_FRAGMENTS)]
    except (ValueError, OSError, IndexError):
        starts = []  # not (yet) a fragmented MP4 with a fragment: played whole
    return starts


# A piece of a window: (offset, length) of the segment's bytes, or bytes made for the window.
Piece = tuple[int, int] | bytes


def window_pieces(path: Path, window: int) -> list[Piece] | None:
    """The parts that make window number `window`: the file's init part, an index of the
    window's fragments (sidx), then the fragments. None when the file has no such window.
    Cached: a player asks the same window in a dozen ranges as it opens it."""
    return _cached(path, ("pieces", window), lambda: _pieces(path, window))


def _pieces(path: Path, window: int) -> list[Piece] | None:
    with Fragments(path) as frags:
        first = window * WINDOW_FRAGMENTS
        if first >= len(frags):
            return None
        stop = min(first + WINDOW_FRAGMENTS, len(frags))
        start, end = frags.byte_range(first, stop)
        index = _segment_index(frags, first, stop, end)
        return [(0, frags.init_end), *([index] if index else []), (start, end - start)]


def _segment_index(frags: Fragments, first: int, stop: int, end: int) -> bytes | None:
    """A sidx box for fragments first..stop-1 (ending at byte end): where each begins and when.
    With it, FFmpeg's demuxer knows the whole window from its first bytes: it stops reading its
    header at the first fragment and seeks straight to the one it needs, instead of reading
    every fragment's moof first (over the network, the whole window's bytes before a picture).
    None when a fragment's time is unknown (audio only at the file's end): served without."""
    ticks = [frags.time(i) for i in range(first, min(stop + 1, len(frags)))]
    if not all(math.isfinite(t) for t in ticks):
        return None
    ticks = [round(t * frags.timescale) for t in ticks]
    durations = [b - a for a, b in zip(ticks, ticks[1:])]
    if len(durations) < stop - first:  # the file's last fragment: as long as the one before
        durations.append(durations[-1] if durations else frags.timescale)
    offsets = [*frags.offsets[first:stop], end]
    refs = b"".join(struct.pack(">III", b - a, d, 0x90000000)  # a keyframe (SAP type 1) first in each
                    for a, b, d in zip(offsets, offsets[1:], durations))
    body = struct.pack(">B3xIIQQHH", 1, frags.track_id, frags.timescale, ticks[0], 0, 0, stop - first) + refs
    return struct.pack(">I4s", 8 + len(body), b"sidx") + body


class VideoFileResponse(FileResponse):
    """A whole video file (a segment, a clip) in 1 MB sends, not Starlette's 64 kB: over TLS each
    send is a record to encrypt and a turn of the event loop, and a 460 MB file went at 110 MB/s
    to the network's client in 64 kB sends against 460 MB/s in 1 MB ones (on the loopback)."""

    chunk_size = 1 << 20


class PiecesResponse(Response):
    """Parts of one file sent as one file, with a single byte range when asked (players seek)."""

    media_type = "video/mp4"

    def __init__(self, path: Path, pieces: list[Piece], range_header: str | None):
        super().__init__(media_type=self.media_type)
        self.path, self.pieces = path, pieces
        total = sum(len(p) if isinstance(p, bytes) else p[1] for p in pieces)
        self.first, self.last = 0, total - 1
        status = 200
        if range_header and range_header.startswith("bytes="):
            a, _, b = range_header[6:].split(",")[0].strip().partition("-")
            try:
                if a:
                    self.first, self.last = int(a), min(int(b), total - 1) if b else total - 1
                elif b:  # the last b bytes
                    self.first = max(0, total - int(b))
                status = 206
            except ValueError:
                pass
            if self.first > self.last or self.first >= total:
                self.status_code = 416
                self.headers["content-range"] = f"bytes */{total}"
                self.first, self.last = 0, -1
                return
        self.status_code = status
        self.headers["accept-ranges"] = "bytes"
        self.headers["content-length"] = str(self.last - self.first + 1)
        if status == 206:
            self.headers["content-range"] = f"bytes {self.first}-{self.last}/{total}"

    def _ranges(self):
        """What to send, in order, for the bytes first..last of the whole: (file offset, length)
        of the file's bytes, or bytes made for the window."""
        at = 0
        for piece in self.pieces:
            length = len(piece) if isinstance(piece, bytes) else piece[1]
            lo, hi = max(self.first, at), min(self.last + 1, at + length)
            if lo < hi:
                yield piece[lo - at:hi - at] if isinstance(piece, bytes) else (piece[0] + (lo - at), hi - lo)
            at += length

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
        if scope.get("method") == "HEAD" or self.status_code == 416:
            await send({"type": "http.response.body", "body": b"", "more_body": False})
            return
        fd = await to_thread.run_sync(os.open, str(self.path), os.O_RDONLY)
        try:
            for part in self._ranges():
                if isinstance(part, bytes):
                    await send({"type": "http.response.body", "body": part, "more_body": True})
                    continue
                offset, length = part
                while length > 0:
                    data = await to_thread.run_sync(os.pread, fd, min(CHUNK, length), offset)
                    if not data:  # cut short under us (retention): the player says the file failed
                        return
                    await send({"type": "http.response.body", "body": data, "more_body": True})
                    offset, length = offset + len(data), length - len(data)
        finally:
            os.close(fd)
        await send({"type": "http.response.body", "body": b"", "more_body": False})
