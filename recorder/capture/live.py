"""Live view through the recorder: the FFmpeg that records a camera without a substream also
sends a live MPEG-TS copy over local UDP; other streams are fetched only while watched. The
control API relays each to any number of viewers. A viewer that stops reading
loses live packets, never a segment: UDP does not wait, and its queue is bounded."""

from __future__ import annotations

import asyncio
import collections
import logging
import socket
import subprocess
import threading
from collections.abc import AsyncIterator, Callable
from pathlib import Path

from recorder.capture.ffmpeg import LIVE_PACKET, CameraError, CameraInput, find_tool
from recorder.platform_compat import spawn_kwargs

log = logging.getLogger(__name__)
BACKLOG_BYTES = 1 << 20  # a few seconds of video per viewer; beyond that it skips ahead to live
GOP_LIMIT = 5 * 1024 * 1024  # bytes kept since the last keyframe, for a viewer who joins now
SUB_LINGER = 10.0  # seconds a substream stays up after its last viewer (layout switches)
# A fetched stream starts at once: no probing beyond its first packets, no buffering.
LIVE_OPTIONS = {"fflags": "nobuffer", "analyzeduration": 0, "probesize": 32768}
# FFmpeg's MPEG-TS muxer numbers streams from PID 0x100 and we always map the video first.
VIDEO_PID = 0x100


def starts_keyframe(datagram: bytes) -> bool:
    """True when a video TS packet in the datagram is flagged as a random access point."""
    for i in range(0, len(datagram) - 187, 188):
        pid = ((datagram[i + 1] & 0x1F) << 8) | datagram[i + 2]
        if pid == VIDEO_PID and datagram[i + 3] & 0x20 and datagram[i + 4] and datagram[i + 5] & 0x40:
            return True
    return False


class _Viewer:
    """What one viewer has yet to receive."""

    def __init__(self):
        self.chunks: collections.deque[bytes] = collections.deque()
        self.queued = 0
        self._ready = asyncio.Event()

    def put(self, data: bytes) -> None:
        self.chunks.append(data)
        self.queued += len(data)
        self._ready.set()

    async def get(self) -> bytes:
        while not self.chunks:
            self._ready.clear()
            await self._ready.wait()
        data = b"".join(self.chunks)
        self.chunks.clear()
        self.queued = 0
        return data

    def clear(self) -> int:
        dropped = self.queued
        self.chunks.clear()
        self.queued = 0
        return dropped


class LiveFeed:
    """One stream's relay: a UDP socket on 127.0.0.1 and the viewers of what arrives there."""

    def __init__(self, name: str):
        self.name = name
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.setblocking(False)
        self.port: int = self.sock.getsockname()[1]
        self.viewers: set[_Viewer] = set()
        self.skipped = 0  # bytes dropped for viewers that fell behind
        self._gop: list[bytes] = []
        self._gop_bytes = 0
        self._loop: asyncio.AbstractEventLoop | None = None

    async def watch(self) -> AsyncIterator[bytes]:
        """The stream from now on, starting at the last keyframe when one is known."""
        viewer = _Viewer()
        if not self.viewers:
            self._start_reading(asyncio.get_running_loop())
        elif self._gop:
            viewer.put(b"".join(self._gop))
        self.viewers.add(viewer)
        self.viewer_joined()
        try:
            while True:
                yield await viewer.get()
        finally:
            self.viewers.discard(viewer)
            if not self.viewers:
                self._stop_reading()
            self.viewer_left()

    def viewer_joined(self) -> None:
        """Hook for feeds that start a source on demand."""

    def viewer_left(self) -> None:
        """Hook for feeds that stop a source on demand."""

    def _start_reading(self, loop: asyncio.AbstractEventLoop) -> None:
        # Nobody read while no one watched: what waits in the socket is stale.
        while True:
            try:
                self.sock.recv(65536)
            except (BlockingIOError, InterruptedError):
                break
        self._gop, self._gop_bytes = [], 0
        self._loop = loop
        loop.add_reader(self.sock.fileno(), self._on_readable)

    def _stop_reading(self) -> None:
        if self._loop is not None:
            self._loop.remove_reader(self.sock.fileno())
            self._loop = None
        self._gop, self._gop_bytes = [], 0

    def _on_readable(self) -> None:
        chunks = []
        for _ in range(64):  # one wake-up per burst, not per datagram
            try:
                datagram = self.sock.recv(65536)
            except (BlockingIOError, InterruptedError):
                break
            if starts_keyframe(datagram) or self._gop_bytes >= GOP_LIMIT:
                self._gop, self._gop_bytes = [], 0
            self._gop.append(datagram)
            self._gop_bytes += len(datagram)
            chunks.append(datagram)
        if not chunks:
            return
        data = b"".join(chunks)
        for viewer in self.viewers:
            if viewer.queued > BACKLOG_BYTES:  # this viewer stopped reading: it resumes at the live edge
                self.skipped += viewer.clear()
            viewer.put(data)

    def close(self) -> None:
        self._stop_reading()
        self.sock.close()


class FetchedFeed(LiveFeed):
    """A stream fetched only while someone watches it (cameras allow few sessions): a
    camera's substream, or the main stream of a camera whose recording sends no live copy."""

    def __init__(self, name: str, source: Callable[[], str | None], spawn: Callable[[list[str]], subprocess.Popen],
                 reap: Callable[[subprocess.Popen], None], private_dir: Path):
        super().__init__(name)
        self._source = source
        self._private_dir = private_dir
        self._camera: CameraInput | None = None  # how the running FFmpeg reads the camera
        self._list_pending: CameraInput | None = None  # the same, until video shows its list was read
        self._spawn = spawn
        self._reap = reap
        self._task: asyncio.Task | None = None
        self._linger: asyncio.TimerHandle | None = None
        self.proc: subprocess.Popen | None = None

    def viewer_joined(self) -> None:
        if self._linger is not None:
            self._linger.cancel()
            self._linger = None
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._keep_running())

    def viewer_left(self) -> None:
        if not self.viewers and self._linger is None:
            self._linger = asyncio.get_running_loop().call_later(SUB_LINGER, self._end)

    def _end(self) -> None:
        self._linger = None
        if not self.viewers and self._task is not None:
            self._task.cancel()

    async def _keep_running(self) -> None:
        loop = asyncio.get_running_loop()
        backoff = 1.0
        try:
            while True:
                url = self._source()
                if url is None:
                    return
                try:
                    self._camera = self._list_pending = CameraInput(url, self._private_dir, LIVE_OPTIONS)
                except CameraError as e:
                    log.warning("live %s: %s", self.name, e)
                else:
                    cmd = [find_tool("ffmpeg"), "-hide_banner", "-loglevel", "error", "-nostats", *self._camera.args,
                           "-map", "0:v:0", "-c:v", "copy", "-an",
                           "-muxdelay", "0", "-f", "mpegts", f"udp://127.0.0.1:{self.port}?pkt_size={LIVE_PACKET}"]
                    self.proc = self._spawn(cmd)
                    await loop.run_in_executor(None, self.proc.wait)
                    log.info("live %s ended (exit %s); again in %.0f s", self.name, self.proc.returncode, backoff)
                    self.stop_source()
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 10.0)
        finally:
            self.stop_source()

    def stop_source(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None:
            self._reap(proc)
        if self._camera is not None:
            self._camera.remove()
        self._camera = self._list_pending = None

    def _on_readable(self) -> None:
        camera, self._list_pending = self._list_pending, None
        if camera is not None:  # FFmpeg reads its list before it connects: video came, so it can go
            camera.remove()
        super()._on_readable()

    def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
        self.stop_source()
        super().close()


class LiveRelay:
    """Every camera's feeds, made on first use and kept for the recorder's life, so a camera's
    FFmpeg sends to the same port across restarts. Streams: "main" is what the recording
    FFmpeg sends; "sub" and "main-fetched" are fetched from the URL that source(camera_id,
    stream) gives while someone watches them."""

    def __init__(self, source: Callable[[int, str], str | None], private_dir: Path):
        self._source = source
        self._private_dir = private_dir
        self._feeds: dict[tuple[int, str], LiveFeed] = {}
        self._lock = threading.Lock()

    def feed(self, camera_id: int, stream: str = "main") -> LiveFeed:
        with self._lock:
            key = (camera_id, stream)
            if key not in self._feeds:
                name = f"camera {camera_id} {stream}"
                self._feeds[key] = LiveFeed(name) if stream == "main" else \
                    FetchedFeed(name, lambda: self._source(camera_id, stream), _spawn, _reap, self._private_dir)
            return self._feeds[key]

    def viewers(self) -> dict[str, dict]:
        """Feeds being watched: how many viewers, and how many chunks slow ones skipped."""
        with self._lock:
            return {f.name: {"viewers": len(f.viewers), "skipped_bytes": f.skipped}
                    for f in self._feeds.values() if f.viewers}

    def close(self) -> None:
        with self._lock:
            for feed in self._feeds.values():
                feed.close()
            self._feeds.clear()


def _spawn(cmd: list[str]) -> subprocess.Popen:
    return subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, **spawn_kwargs())


def _reap(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.wait()
