"""Playback over the recorder's HTTP API against the same files opened directly (the floor), in
the same run, with the real PlaybackEngine (bench/playback_procs.py client), medians:
- open: engine.seek() into a 1 h fragmented MP4, nothing open yet, to its frame on the screen;
  a fresh process per open. Target <= 1 s.
- seek: while playing, to another time in the same 1 h file and into the other file. Target <= 300 ms.
- boundary: playing from one 1 h file into the next, the longest interval between two frames
  shown around the join minus the normal one. Target <= 100 ms.
- requests: how many HTTP requests the files got per open and per seek (FFmpeg's MP4 demuxer
  reads every fragment's moof of a window unless the window's index tells it where they are).
Two clients: on http://127.0.0.1 URLs libVLC reads itself (this machine), and on https with a
pinned self-made certificate, the bytes read by the client for libVLC (a workstation across the
network). The servers are bench/http_files.py on the loopback: uvicorn and the recorder's own
window responses, as GET /api/recordings/{id}/file?window=N (without its token check and index
lookup, a few ms). Media and screen reading as bench/playback_bench.py.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

from bench.http_files import FileServer
from bench.playback_bench import (
    CROSSINGS,
    HICCUP_TARGET_S,
    MEDIA_DIR,
    OPEN_TARGET_S,
    ROUNDS,
    SEEK_TARGET_S,
    Stage,
    code_at,
    crossing,
    make_media,
    seek_plan,
    summary,
)

# "floor": the same engine on the files; client_tls: as a workstation across the network reads
# them, through the client's pinned TLS session (vms_api.recorder_stream) rather than libVLC's HTTP
SIDES = ("client_http", "client_tls", "floor_file")


def _ratios(out: dict) -> dict:
    """Each client side's median over the floor's."""
    floor = out.get("floor_file_s")
    return {**out, **{f"{s}_vs_floor": round(out[f"{s}_s"] / floor, 3) for s in SIDES[:2]
                      if floor and out.get(f"{s}_s")}}


def _extra(side: str, servers: dict) -> dict:
    """The client plays the files over HTTP in the recorder's windows (api/windows.py)."""
    if side == "floor_file":
        return {}
    server = servers[side]
    return {"urls": server.urls(), "windows": server.windows(), "fingerprint": server.fingerprint}


def open_bench(stage: Stage, servers: dict[str, FileServer]) -> dict:
    rng = random.Random(37)
    offsets = [37 * 60 + rng.uniform(0, 60) for _ in range(ROUNDS)]
    runs = {s: [] for s in SIDES}
    requests = []
    server = servers["client_http"]
    for offset in offsets:
        for side in SIDES:
            p = stage.player("client", **_extra(side, servers))
            try:
                before = sum(server.requests.values())
                t0 = p.seek(0, offset)["t0"]
                hit = stage.shown(t0, code_at(offset), timeout=30)
                runs[side].append(hit and hit[0] - t0)
                if side == "client_http":
                    time.sleep(0.5)  # the standby is not opened this early: these are the open's
                    requests.append(sum(server.requests.values()) - before)
            finally:
                p.close()
    out = _ratios(summary(runs))
    return {**out, "http_requests_per_open": requests, "target_s": OPEN_TARGET_S,
            "pass": all(out[f"{s}_s"] is not None and out[f"{s}_s"] <= OPEN_TARGET_S for s in SIDES[:2])}


def seek_bench(stage: Stage, servers: dict[str, FileServer], durations: list[float]) -> dict:
    plan = seek_plan(durations)
    runs = {kind: {s: [] for s in SIDES} for kind in ("same", "other")}
    requests = {"same": [], "other": []}
    server = servers["client_http"]
    for side in SIDES:
        p = stage.player("client", **_extra(side, servers))
        try:
            t0 = p.seek(0, 37 * 60.0)["t0"]
            if not stage.shown(t0, code_at(37 * 60.0), timeout=60):  # over HTTP an open may take many seconds
                raise RuntimeError(f"{side}: nothing on screen a minute after opening")
            time.sleep(1.5)
            for kind, file, offset in plan:
                before = sum(server.requests.values())
                reply = p.seek(file, offset)
                hit = stage.shown(reply["t0"], code_at(offset))
                runs[kind][side].append(hit and hit[0] - reply["t0"])
                time.sleep(1.5)
                if side == "client_http":
                    requests[kind].append(sum(server.requests.values()) - before)
        finally:
            p.close()
    out = {kind: _ratios(summary(r)) for kind, r in runs.items()}
    worst = max(out[k][f"{s}_s"] or float("inf") for k in out for s in SIDES[:2])  # the floor has no target
    return {**out, "http_requests_per_seek": requests, "target_s": SEEK_TARGET_S, "pass": worst <= SEEK_TARGET_S}


def boundary_bench(stage: Stage, servers: dict[str, FileServer]) -> dict:
    out = {}
    files, durations = stage.spec["files"], stage.spec["durations"]
    for side in SIDES:
        p = stage.player("client", files=files, durations=durations, **_extra(side, servers))
        try:
            seen = [r for r in (crossing(stage, p, durations[0]) for _ in range(CROSSINGS)) if r]
        finally:
            p.close()
        hiccups = [r["longest_s"] - r["normal_s"] for r in seen]
        out[side] = {"hiccup_s": round(statistics.median(hiccups), 3) if seen else None,
                     "hiccups_s": [round(h, 3) for h in hiccups], "missed": CROSSINGS - len(seen)}
    worst = max(out[s]["hiccup_s"] if out[s]["hiccup_s"] is not None else float("inf") for s in SIDES[:2])
    return {**out, "target_s": HICCUP_TARGET_S, "pass": worst <= HICCUP_TARGET_S}


def main() -> dict:
    with tempfile.TemporaryDirectory(prefix="vms-playback-http-bench-") as tmp:
        media = make_media(Path(MEDIA_DIR) if MEDIA_DIR else Path(tmp) / "media")
        files, durations = media["hour"]
        with FileServer(files) as plain, FileServer(files, tls_dir=Path(tmp) / "tls") as tls:
            servers = {"client_http": plain, "client_tls": tls}
            stage = Stage(files, durations)
            try:
                out = {"open": open_bench(stage, servers), "seek": seek_bench(stage, servers, durations),
                       "boundary": boundary_bench(stage, servers)}
            finally:
                stage.close()
    return {"media": "2 x 1 h H.264 1280x720 15 fps 1 Mbit/s fMP4, 1 s GOP, in the page cache",
            "sides": "client_http: the engine on http://127.0.0.1 URLs (libVLC reads them); client_tls: on https "
                     "with a pinned self-made certificate, read by the client for libVLC; floor_file: the same "
                     "engine on the files",
            **out, "pass": all(v["pass"] for v in out.values())}
