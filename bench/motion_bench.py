"""Motion detection benchmarks (issue: detections), each in one run against its reference:
- CPU per camera for 1 and 16 cameras: a recorder with motion detection and one without
  (--no-motion) record the same 720p stream at the same time; the difference is what motion
  costs. Floor: a bare FFmpeg decoding the same keyframes to the same small grey pictures.
- Latency: from the moment the box starts moving (the demo camera's wall-clock schedule) to
  the motion event being in the index, read through the API every 0.1 s.
- Precision and recall of the motion events against the schedule.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bench.proc_cpu import cores_used
from recorder.demo import DemoCamera
from recorder.events.motion import HEIGHT, WIDTH
from tests.harness import RecorderProcess, all_recording, cli, motion_windows, score_motion, wait_for

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
WARMUP_S = float(os.environ.get("BENCH_WARMUP", "8"))
WINDOW_S = float(os.environ.get("BENCH_WINDOW", "45"))
CAMERA_COUNTS = [int(n) for n in os.environ.get("BENCH_CAMERAS", "1,16").split(",")]
SCORE_S = float(os.environ.get("BENCH_MOTION_SECONDS", "180"))
PERIOD, ON = 12.0, 4.0
TARGET_PER_CAMERA = 0.02  # of one core, per 720p camera


def _bare_decoders(url: str, n: int) -> list[subprocess.Popen]:
    return [subprocess.Popen(["ffmpeg", "-v", "error", "-nostats", "-rtsp_transport", "tcp", "-threads", "1",
                              "-skip_frame", "nokey", "-i", url, "-map", "0:v:0",
                              "-vf", f"scale={WIDTH}:{HEIGHT}:flags=area,format=gray", "-fps_mode", "passthrough",
                              "-f", "rawvideo", "-y", "/dev/null"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
            for _ in range(n)]


def _recorder(work: Path, name: str, url: str, n: int, *extra: str) -> RecorderProcess:
    data = work / name
    for i in range(n):
        cli(data, "camera", "add", "--name", f"c{i}", "--url", url)
    return RecorderProcess(data, segment_seconds=3600, extra=extra).start()


def cpu_round(url: str, n: int, work: Path) -> dict[str, float]:
    recs = {"with_motion": _recorder(work, f"on{n}", url, n), "without": _recorder(work, f"off{n}", url, n, "--no-motion")}
    floor = _bare_decoders(url, n)
    groups = {k: [r.proc.pid] for k, r in recs.items()} | {"floor": [p.pid for p in floor]}
    try:
        for rec in recs.values():
            wait_for(lambda: all_recording(rec), 90, 0.5, "all cameras recording")
        return cores_used(groups, WARMUP_S, WINDOW_S)
    finally:
        for rec in recs.values():
            rec.stop()
        for p in floor:
            p.communicate(b"q", timeout=30)
        subprocess.run(["rm", "-rf", str(work / f"on{n}"), str(work / f"off{n}")])


def cpu_bench(url: str, work: Path) -> dict:
    results = {}
    for n in CAMERA_COUNTS:
        rounds = [cpu_round(url, n, work) for _ in range(ROUNDS)]
        extra = [(r["with_motion"] - r["without"]) / n for r in rounds]
        results[str(n)] = {
            "recorder_with_motion_cores": round(statistics.median(r["with_motion"] for r in rounds), 4),
            "recorder_without_cores": round(statistics.median(r["without"] for r in rounds), 4),
            "motion_cores_per_camera": round(statistics.median(extra), 4),
            "per_round": [round(x, 4) for x in extra],
            "floor_bare_decoder_cores_per_camera": round(statistics.median(r["floor"] / n for r in rounds), 4),
        }
    return results


def score_bench(url: str, work: Path) -> dict:
    """One camera for SCORE_S seconds; each event's first sight in the API against its window."""
    rec = _recorder(work, "score", url, 1)
    seen: dict[int, float] = {}
    try:
        wait_for(lambda: rec.camera_status(1)["state"] == "recording", 60, 0.5, "recording")
        time.sleep(3)
        t0 = time.time()
        while time.time() - t0 < SCORE_S:
            for ev in rec.api("GET", "/api/events", params={"camera_id": 1, "kind": "motion"}).json():
                seen.setdefault(ev["id"], time.time())
            time.sleep(0.1)
        t1 = time.time()
    finally:
        rec.stop()
    events = rec.events(1, motion=True)  # read after the stop, which closes the open event
    windows = motion_windows(t0, t1, PERIOD, ON)
    score = score_motion(events, PERIOD, ON, t0, t1, slack=1.5)
    latency = []
    for a, b in windows:
        hits = [seen[e["id"]] for e in events if e["id"] in seen
                and datetime.fromisoformat(e["start"]).timestamp() <= b + 1.5
                and (e["end"] is None or datetime.fromisoformat(e["end"]).timestamp() >= a - 1.5)]
        if hits:
            latency.append(min(hits) - a)
    return score | {"latency_s_median": round(statistics.median(latency), 2) if latency else None,
                    "latency_s": [round(x, 2) for x in latency]}


def main() -> dict:
    cam = DemoCamera(width=1280, height=720, fps=15, bitrate_kbps=2000, gop_seconds=1.0,
                     motion_period=PERIOD, motion_on=ON)
    cam.start()
    work = Path(tempfile.mkdtemp(prefix="motion-bench-"))
    try:
        cpu = cpu_bench(cam.url, work)
        score = score_bench(cam.url, work)
    finally:
        cam.stop()
        subprocess.run(["rm", "-rf", str(work)])
    worst = max(r["motion_cores_per_camera"] for r in cpu.values())
    return {"stream": "H.264 1280x720 15 fps 2 Mbit/s, 1 s GOP; a box crosses a still scene "
                      f"{ON:g} s in every {PERIOD:g} s", "window_s": WINDOW_S, "rounds": ROUNDS,
            "cpu": cpu, "detection": score, "target_cores_per_camera": TARGET_PER_CAMERA,
            "pass": worst <= TARGET_PER_CAMERA and score["recall"] == 1.0 and score["precision"] == 1.0}
