"""A segment served to a player in windows: the file's init part followed by a run of its
fragments, as a small MP4 of its own.

Why: a player's MP4 demuxer (libVLC's and FFmpeg's alike) walks every fragment of a fragmented
file when it opens it, and over HTTP each step is a range request — about 2,500 of them, 14 s,
to open an hour's segment at minute 37 on the loopback (the local file: 0.9 s). A window of
WINDOW_FRAGMENTS fragments opens in a constant few dozen requests, whatever the segment's
length; the player goes from window to window as from file to file (its next one opened ahead).
The index and the files stay as they are: a window is bytes of the segment, never a copy."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from pathlib import Path

from anyio import to_thread
from starlette.responses import Response
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


def window_pieces(path: Path, window: int) -> list[tuple[int, int]] | None:
    """(offset, length) of the file's parts that make window number `window`: the init part,
    then its fragments. None when the file has no such window. Cached: a player asks the same
    window in a dozen ranges as it opens it."""
    return _cached(path, ("pieces", window), lambda: _pieces(path, window))


def _pieces(path: Path, window: int) -> list[tuple[int, int]] | None:
    with Fragments(path) as frags:
        first = window * WINDOW_FRAGMENTS
        if first >= len(frags):
            return None
        stop = min(first + WINDOW_FRAGMENTS, len(frags))
        start, end = frags.byte_range(first, stop)
        return [(0, frags.init_end), (start, end - start)]


class PiecesResponse(Response):
    """Parts of one file sent as one file, with a single byte range when asked (players seek)."""

    media_type = "video/mp4"

    def __init__(self, path: Path, pieces: list[tuple[int, int]], range_header: str | None):
        super().__init__(media_type=self.media_type)
        self.path, self.pieces = path, pieces
        total = sum(length for _, length in pieces)
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
        """(file offset, length) to send, in order, for the bytes first..last of the whole."""
        at = 0
        for offset, length in self.pieces:
            lo, hi = max(self.first, at), min(self.last + 1, at + length)
            if lo < hi:
                yield offset + (lo - at), hi - lo
            at += length

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
        if scope.get("method") == "HEAD" or self.status_code == 416:
            await send({"type": "http.response.body", "body": b"", "more_body": False})
            return
        fd = await to_thread.run_sync(os.open, str(self.path), os.O_RDONLY)
        try:
            for offset, length in self._ranges():
                while length > 0:
                    data = await to_thread.run_sync(os.pread, fd, min(CHUNK, length), offset)
                    if not data:  # cut short under us (retention): the player says the file failed
                        return
                    await send({"type": "http.response.body", "body": data, "more_body": True})
                    offset, length = offset + len(data), length - len(data)
        finally:
            os.close(fd)
        await send({"type": "http.response.body", "body": b"", "more_body": False})
