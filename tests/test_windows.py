"""A segment served in windows (recorder/api/windows.py): each window is the file's init part and
a run of its fragments, a valid MP4 that decodes on its own and starts at the time its listing
says; byte ranges over it give exactly the bytes of the whole window."""

from __future__ import annotations

import json
import struct
import subprocess
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.routing import Route
from starlette.testclient import TestClient

from recorder.api import windows
from recorder.mp4 import Fragments


@pytest.fixture(scope="module")
def segment(tmp_path_factory) -> Path:
    """Ten seconds of fragmented MP4 with a keyframe a second, as the recorder writes them."""
    path = tmp_path_factory.mktemp("win") / "seg.mp4"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x180:rate=10", "-t", "10",
                    "-c:v", "libx264", "-g", "10", "-pix_fmt", "yuv420p", "-movflags",
                    "frag_keyframe+empty_moov+default_base_moof", str(path)], check=True, timeout=60)
    return path


def test_windows_start_where_their_first_fragment_starts(segment, monkeypatch):
    monkeypatch.setattr(windows, "WINDOW_FRAGMENTS", 3)
    starts = windows.window_starts(segment)
    assert starts == [0.0, 3.0, 6.0, 9.0]
    with Fragments(segment) as frags:
        assert len(frags) == 10
        start, end = frags.byte_range(3, 6)
        init, index, fragments = windows.window_pieces(segment, 1)
        assert init == (0, frags.init_end) and fragments == (start, end - start)
        # the index of its fragments: where each begins (sizes) and when, from the first one's time
        assert index[4:8] == b"sidx" and len(index) == 8 + 32 + 3 * 12
        track, timescale, earliest = struct.unpack(">IIQ", index[12:28])
        assert (track, earliest) == (frags.track_id, round(frags.time(3) * timescale))
        sizes = [struct.unpack(">I", index[40 + 12 * i:44 + 12 * i])[0] for i in range(3)]
        assert sizes == [b - a for a, b in zip([*frags.offsets[3:6]], [*frags.offsets[4:6], end])]
    assert windows.window_pieces(segment, 4) is None


def test_a_window_is_an_mp4_of_its_own_and_ranges_cut_it_exactly(segment, tmp_path, monkeypatch):
    monkeypatch.setattr(windows, "WINDOW_FRAGMENTS", 3)

    async def serve(request):
        w = int(request.path_params["w"])
        return windows.PiecesResponse(segment, windows.window_pieces(segment, w), request.headers.get("range"))

    client = TestClient(Starlette(routes=[Route("/w/{w}", serve)]))
    whole = client.get("/w/1")
    raw = segment.read_bytes()
    (init_at, init_len), index, (frag_at, frag_len) = windows.window_pieces(segment, 1)
    expected = raw[init_at:init_at + init_len] + index + raw[frag_at:frag_at + frag_len]
    assert whole.status_code == 200 and whole.content == expected
    assert whole.headers["accept-ranges"] == "bytes" and int(whole.headers["content-length"]) == len(expected)
    for header, lo, hi in (("bytes=0-99", 0, 99), (f"bytes={init_len - 10}-{init_len + 10}", init_len - 10,
                                                                   init_len + 10),
                           ("bytes=500-", 500, len(expected) - 1), ("bytes=-200", len(expected) - 200,
                                                                    len(expected) - 1)):
        part = client.get("/w/1", headers={"Range": header})
        assert part.status_code == 206 and part.content == expected[lo:hi + 1], header
        assert part.headers["content-range"] == f"bytes {lo}-{hi}/{len(expected)}"
    assert client.get("/w/1", headers={"Range": f"bytes={len(expected)}-"}).status_code == 416
    # it plays on its own: three seconds of pictures, from the window's own start
    out = tmp_path / "w1.mp4"
    out.write_bytes(whole.content)

    def probe(path: Path) -> dict:
        return json.loads(subprocess.run(
            ["ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
             "stream=nb_read_frames:format=start_time", "-of", "json", str(path)],
            capture_output=True, text=True, timeout=30, check=True).stdout)

    info, file_info = probe(out), probe(segment)
    assert int(info["streams"][0]["nb_read_frames"]) == 30
    start, file_start = float(info["format"]["start_time"]), float(file_info["format"]["start_time"])
    assert start - file_start == pytest.approx(3.0, abs=0.05)
