"""One of the recorder's files or live streams, read for a player over the pinned TLS session.

A player across the site's network cannot be handed a URL: libVLC would check the recorder's
certificate against the authorities, which never signed it, and has no place for a pinned
fingerprint. So the client reads the bytes itself, through the same requests session as every
call (the pinned certificate, the session's header instead of a token in the URL), and the
player pulls them from here: opened, read, seeked and closed from the player's own thread.
"""

from __future__ import annotations

import logging
import socket
import threading

import requests
import urllib3

log = logging.getLogger(__name__)

# A seek this far ahead of the open response is read through rather than asked anew. Opening a
# window at a time, FFmpeg's demuxer reads each fragment's moof and skips its mdat (~60 skips of
# 50-150 kB): read through, the open took 0.6 s on the loopback; asked anew (32 kB), 4.4 s, since
# a streamed response dropped half-read closes its connection and the next costs a TLS handshake.
READ_THROUGH = 256 * 1024


class RecorderStream:
    """The bytes at path (with params) on the recorder of client; seekable for files (byte
    ranges), not for live streams. Not thread-safe except abort(), which any thread may call."""

    def __init__(self, client, path: str, params: dict | None = None, seekable: bool = True):
        self._of, self._base = client, client.base
        self._client = None  # its own, made at the first request (a tile makes one to compare)
        self.path, self.params, self.seekable = path, params or {}, seekable
        self.size: int | None = None
        self._pos = 0
        self._response: requests.Response | None = None
        self._aborted = threading.Event()

    def __repr__(self) -> str:  # what logs and tests see: never the token
        return f"RecorderStream({self._base}{self.path} {self.params})"

    # The same bytes asked again are the same source, as two equal URLs are: a live tile
    # compares what it should play with what it plays before it restarts its player.
    def _key(self) -> tuple:
        return self._base, self.path, tuple(sorted(self.params.items())), self.seekable

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RecorderStream) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def open(self) -> int | None:
        """Ask for the bytes from the start; their size, or None (live, or unknown)."""
        self._aborted.clear()
        self._pos = 0
        self._connect()
        return self.size

    def read(self, n: int) -> bytes:
        """Up to n bytes, as soon as some are there; b"" at the end. Raises on a dropped link."""
        if self._aborted.is_set() or self.size is not None and self._pos >= self.size:
            return b""  # a demuxer may seek to the very end and read: that is the end, not a 416
        if self._response is None:
            self._connect()
        try:
            data = self._response.raw.read1(n)
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError, ValueError) as e:
            if self._aborted.is_set():
                return b""
            raise ConnectionError(f"{self}: {e}") from None
        self._pos += len(data)
        return data

    def seek(self, offset: int) -> None:
        if offset == self._pos:
            return
        if self._response is not None and 0 < offset - self._pos <= READ_THROUGH:
            while self._pos < offset:
                if not self.read(min(offset - self._pos, 64 * 1024)):
                    break
            if self._pos == offset:
                return
        self._drop()
        self._pos = offset

    def close(self) -> None:
        self._drop()

    def abort(self) -> None:
        """End a read that waits (a live stream whose camera went quiet) from another thread:
        the player's stop waits for its reading thread."""
        self._aborted.set()
        response = self._response
        sock = getattr(getattr(response.raw, "_connection", None), "sock", None) if response is not None else None
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def _connect(self) -> None:
        self._drop()
        if self._client is None:
            # A client of its own: a player's long response must not hold the connection the
            # window's calls use, nor share requests' session object across threads.
            self._client = self._of.fork()
        r = self._client.stream(self.path, self._pos, params=self.params)
        self._response = r
        if self._pos == 0 and self.seekable and r.headers.get("content-length"):
            self.size = int(r.headers["content-length"])
        elif self.size is None and "content-range" in r.headers:  # bytes a-b/total
            total = r.headers["content-range"].rpartition("/")[2]
            self.size = int(total) if total.isdigit() else None

    def _drop(self) -> None:
        response, self._response = self._response, None
        if response is not None:
            response.close()
