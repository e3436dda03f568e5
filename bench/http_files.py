"""A loopback HTTP server of a benchmark's files, with byte ranges, on the recorder's own stack
(uvicorn, the recorder's file and window responses); it counts the requests each file gets, to
see how many range requests a player makes for one open or seek."""

from __future__ import annotations

import socket
import threading
from collections import Counter
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route


class FileServer:
    def __init__(self, files: list[str], tls_dir: Path | None = None):
        """With tls_dir: HTTPS with a certificate made there as the recorder makes its own
        (self.fingerprint), as a workstation across the network reads the recorder."""
        self.files = [Path(f) for f in files]
        self.requests: Counter[int] = Counter()
        app = Starlette(routes=[Route("/{index:int}", self._file), Route("/{index:int}/w/{window:int}", self._window)])
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.scheme, self.fingerprint, tls = "http", None, {}
        if tls_dir is not None:
            from recorder import lan
            from recorder.paths import DataDir
            data = DataDir(tls_dir)
            cert, key = lan.ensure_certificate(data)
            self.scheme, self.fingerprint = "https", lan.certificate_fingerprint(data)
            tls = {"ssl_certfile": str(cert), "ssl_keyfile": str(key)}
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", **tls))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    async def _file(self, request: Request) -> Response:
        index = request.path_params["index"]
        if index >= len(self.files):
            return Response(status_code=404)
        self.requests[index] += 1
        from recorder.api.windows import VideoFileResponse  # as the recorder sends a whole file
        return VideoFileResponse(self.files[index], media_type="video/mp4")

    async def _window(self, request: Request) -> Response:
        """One window of a file, as the recorder serves it to the player (recorder/api/windows.py)."""
        from recorder.api.windows import PiecesResponse, window_pieces
        index = request.path_params["index"]
        self.requests[index] += 1
        pieces = window_pieces(self.files[index], request.path_params["window"])
        if pieces is None:
            return Response(status_code=404)
        return PiecesResponse(self.files[index], pieces, request.headers.get("range"))

    def windows(self) -> list[list[float]]:
        from recorder.api.windows import window_starts
        return [window_starts(f) for f in self.files]

    def urls(self) -> list[str]:
        return [f"{self.scheme}://127.0.0.1:{self.port}/{i}" for i in range(len(self.files))]

    def __enter__(self) -> FileServer:
        self.thread.start()
        while not self.server.started:
            threading.Event().wait(0.02)
        return self

    def __exit__(self, *_exc) -> None:
        self.server.should_exit = True
        self.thread.join(5)
