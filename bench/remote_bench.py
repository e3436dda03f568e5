"""A workstation across the site's network: the real recorder listening with TLS on 127.0.0.2,
medians of rounds, each against its floor in the same run:
- clip download: a 5-minute clip (1080p25 4 Mbit/s + AAC, made by the recorder from two 1 h
  segments, as bench/clip_bench.py) copied with the client's download (pinned TLS, the session,
  SHA-256 as it comes, fsync) against curl fetching the same bytes over plain HTTP from a bare
  uvicorn file server, then fsync (the floor: the same output, a copy on the device; target
  <= 1.2x); also without the fsync (a copy left in the page cache) and over HTTPS. On the
  loopback both ends share the machine's two cores, so TLS's encryption and decryption are both
  counted; on a LAN the link bounds all of them.
- recorder CPU serving live to 4 remote viewers (each reading the camera's live stream through
  the client's RecorderStream over TLS), against the same 4 viewers on the loopback's plain HTTP
  and against no viewer at all; the recorder's process and its FFmpegs.
Playback over the network (open, seek, boundary) is bench/playback_http_bench.py's client_tls
side; live latency to a remote screen is bench/client_bench.py's.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

from bench.clip_bench import CLIP_S, build_site
from bench.http_files import FileServer
from bench.proc_cpu import tree_cpu, used_between
from tests.harness import RecorderProcess, cli, wait_for

LAN = "127.0.0.2"
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
WINDOW_S = float(os.environ.get("BENCH_REMOTE_WINDOW", "20"))
DOWNLOAD_TARGET, VIEWERS = 1.2, 4
DOWNLOADS = {"client_tls": "the client's download_clip over the network (TLS, pinned, SHA-256, fsync)",
             "floor_http": "curl over plain HTTP from a bare uvicorn file server, the copy left in the page cache",
             "curl_http_fsync": "the same, then fsync: the copy on the device, as the client's (the floor)",
             "curl_https_fsync": "curl over HTTPS from the same server with the recorder's kind of certificate, then fsync"}


def remote_client(rec: RecorderProcess):
    from vms_api.client import RecorderClient
    runtime = rec.runtime()
    api = RecorderClient(runtime["lan_url"], fingerprint=runtime["tls_fingerprint"], timeout=60)
    api.login(*rec.add_user("bench", "supervisor"))
    return api


def download_bench(root: Path) -> dict:
    data, boundary = build_site(root)
    cli(root, "plan", "premium")
    rec = RecorderProcess(root, segment_seconds=3600, extra=("--listen", f"{LAN}:0")).start()
    try:
        api = remote_client(rec)
        start = boundary - timedelta(seconds=CLIP_S / 2)
        made = api.make_clip({"camera_id": 1, "start": start.isoformat(), "name": "bench",
                              "end": (start + timedelta(seconds=CLIP_S)).isoformat()})
        clip = wait_for(lambda: (c := api.clip(made.id, wait=10)).sha256 and c, 120, 0, "the clip made")
        path = data.absolute(clip.path)
        out = root / "copies"
        out.mkdir()
        runs: dict[str, list[float]] = {k: [] for k in DOWNLOADS}
        with FileServer([str(path)]) as plain, FileServer([str(path)], tls_dir=root / "tls") as tls:
            def curl(url: str, dest: Path, sync: bool) -> None:
                subprocess.run(["curl", "-sfk", "-o", str(dest), url], check=True)
                if sync:  # as the client's copy: on the device
                    fd = os.open(dest, os.O_RDONLY)
                    os.fsync(fd)
                    os.close(fd)
                assert dest.stat().st_size == clip.bytes

            ways = {"client_tls": lambda dest: api.download_clip(clip.id, dest, reason="bench") == clip.sha256 or 1 / 0,
                    "floor_http": lambda dest: curl(plain.urls()[0], dest, False),
                    "curl_http_fsync": lambda dest: curl(plain.urls()[0], dest, True),
                    "curl_https_fsync": lambda dest: curl(tls.urls()[0], dest, True)}
            for i in range(ROUNDS + 1):  # the first of each is a warm-up (page cache, TLS session)
                for name, way in ways.items():
                    t0 = time.perf_counter()
                    way(out / f"{name}-{i}.mp4")
                    if i:
                        runs[name].append(time.perf_counter() - t0)
                for f in out.iterdir():
                    f.unlink()
    finally:
        rec.stop()
    med = {k: statistics.median(v) for k, v in runs.items()}
    ours, floor = med["client_tls"], med["floor_http"]
    return {"clip_bytes": clip.bytes, "clip_s": clip.duration, **{f"{k}_s": round(v, 3) for k, v in med.items()},
            "ratio_to_plain_http": round(ours / floor, 3),
            "ratio": round(ours / med["curl_http_fsync"], 3),
            "ratio_to_curl_https_fsync": round(ours / med["curl_https_fsync"], 3),
            "client_mb_per_s": round(clip.bytes / ours / 1e6, 1),
            "ways": DOWNLOADS, "runs_s": {k: [round(x, 3) for x in v] for k, v in runs.items()},
            # the same output as the client's, a copy on the device (as the recorder's CPU target
            # compares with a bare FFmpeg writing the same outputs); ratio_to_plain_http is the
            # copy left in the page cache
            "target_ratio": DOWNLOAD_TARGET, "target_is": "ratio: client_tls over curl_http_fsync",
            "pass": ours / med["curl_http_fsync"] <= DOWNLOAD_TARGET}


def _read(source, stop: threading.Event, got: list[int], i: int) -> None:
    source.open()
    while not stop.is_set():
        data = source.read(65536)
        if not data:
            break
        got[i] += len(data)
    source.close()


def viewers_cpu(rec: RecorderProcess, sources: list) -> dict:
    """The recorder's CPU (cores) over the window while the sources are read."""
    stop, got = threading.Event(), [0] * len(sources)
    threads = [threading.Thread(target=_read, args=(s, stop, got, i), daemon=True) for i, s in enumerate(sources)]
    for t in threads:
        t.start()
    time.sleep(3)  # the relay's viewers joined, a keyframe each
    before = tree_cpu([rec.proc.pid])
    time.sleep(WINDOW_S)
    cores = used_between(before, tree_cpu([rec.proc.pid])) / WINDOW_S
    received = list(got)
    stop.set()
    for s in sources:
        if hasattr(s, "abort"):
            s.abort()
    for t in threads:
        t.join(10)
    return {"cores": cores, "viewers_receiving": sum(b > 0 for b in received)}


def serving_bench(root: Path) -> dict:
    import requests

    from recorder.demo import DemoCamera
    from vms_api.client import RecorderClient
    cam = DemoCamera(width=1280, height=720, fps=25, bitrate_kbps=2000)
    cam.start()
    rec = None
    try:
        cli(root, "camera", "add", "--name", "Gate", "--url", cam.url, "--motion", "off")
        rec = RecorderProcess(root, segment_seconds=3600, extra=("--listen", f"{LAN}:0")).start()
        wait_for(lambda: rec.camera_status(1)["state"] == "recording", 60, 0.5, "the camera recording")
        remote = remote_client(rec)
        local = RecorderClient(rec.base)
        local.login(*rec.add_user("bench", "supervisor"))

        class Plain:  # a local viewer: libVLC's own HTTP on the loopback
            def __init__(self):
                self.r = None

            def open(self):
                self.r = requests.get(local.live_url(1), stream=True, timeout=15)

            def read(self, n):
                return self.r.raw.read1(n)

            def close(self):
                self.r.close()

        runs: dict[str, list[dict]] = {"none": [], "local_http": [], "remote_tls": []}
        for _ in range(ROUNDS):
            runs["none"].append(viewers_cpu(rec, []))
            runs["local_http"].append(viewers_cpu(rec, [Plain() for _ in range(VIEWERS)]))
            runs["remote_tls"].append(viewers_cpu(rec, [remote.live_url(1) for _ in range(VIEWERS)]))
    finally:
        if rec:
            rec.stop()
        cam.stop()
    med = {k: statistics.median(r["cores"] for r in v) for k, v in runs.items()}
    return {"camera": "1280x720 25 fps 2 Mbit/s main stream, recorded, relayed live", "viewers": VIEWERS,
            "window_s": WINDOW_S, **{f"recorder_cores_{k}": round(v, 3) for k, v in med.items()},
            "tls_over_plain": round(med["remote_tls"] / med["local_http"], 3),
            "per_remote_viewer_cores": round((med["remote_tls"] - med["none"]) / VIEWERS, 4),
            "viewers_receiving": {k: [r["viewers_receiving"] for r in v] for k, v in runs.items()},
            "pass": all(r["viewers_receiving"] == VIEWERS for r in runs["remote_tls"])}


def main() -> dict:
    root = Path(tempfile.mkdtemp(prefix="vms-remote-bench-"))
    try:
        out = {"download": download_bench(root / "clips"), "serving": serving_bench(root / "live")}
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return {**out, "pass": all(v["pass"] for v in out.values())}
