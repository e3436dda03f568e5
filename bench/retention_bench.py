"""The retention sweep over 30 days x 16 cameras of 1 h segments (11,520 rows and files; the
Basic plan's 7 days leave 8,832 to delete), run by the real recorder (POST /api/storage/sweep:
mark, log, unlink, flush each folder, drop the rows) while it records a real RTSP camera into
the same data dir. Floor: `rm` of the same files, nothing else. Continuity: the camera's
segments around the sweep (the cleanup log included) must follow each other with no hole.
Medians of ROUNDS, each on a fresh copy of the month."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from recorder.demo import DemoCamera
from tests.harness import RecorderProcess, cli, wait_for
from tests.harness import fill_segments as fill

ROUNDS = 3
DAYS, CAMERAS = 30, 16
SEGMENT_S = 4


def doomed_files(root: Path) -> list[str]:
    """The files the sweep will delete, for the floor (worked out the same way, from the index)."""
    from datetime import date, timedelta

    from sqlalchemy import select

    from recorder.index.db import database_url, open_index
    from recorder.index.models import Segment
    from recorder.storage.retention import local_midnight

    sessions = open_index(database_url(root / "vms.db"))
    with sessions() as s:
        rows = s.scalars(select(Segment.path).where(Segment.end <= local_midnight(date.today() - timedelta(days=6)),
                                                    Segment.camera_id <= CAMERAS))
        return [str(root / p) for p in rows]


def one_round(cam: DemoCamera) -> dict:
    work = Path(tempfile.mkdtemp(prefix="sweep-bench-"))
    try:
        from recorder.paths import DataDir

        for name in ("ours", "floor"):
            fill(DataDir(work / name), DAYS, CAMERAS)
        files = doomed_files(work / "floor")
        t0 = time.perf_counter()
        subprocess.run(["xargs", "-0", "rm", "-f"], input="\0".join(files).encode(), check=True)
        floor_s = time.perf_counter() - t0

        root = work / "ours"
        cli(root, "plan", "premium")  # 30 days: the start-up sweep leaves the month alone
        cli(root, "camera", "add", "--name", "live", "--url", cam.url)
        live_id = CAMERAS + 1
        rec = RecorderProcess(root, segment_seconds=SEGMENT_S).start()
        try:
            wait_for(lambda: len(rec.segments(live_id)) >= 3, 60, 0.5, "the live camera recording")
            cli(root, "plan", "basic")
            t0 = time.perf_counter()
            swept = rec.api("POST", "/api/storage/sweep", timeout=600).json()
            sweep_s = time.perf_counter() - t0
            before = len(rec.segments(live_id))
            wait_for(lambda: len(rec.segments(live_id)) >= before + 2, 30, 0.5, "segments after the sweep")
            segs = rec.segments(live_id)
        finally:
            rec.stop()
        holes = [(datetime.fromisoformat(b["start"]) - datetime.fromisoformat(a["end"])).total_seconds()
                 for a, b in zip(segs, segs[1:])]
        return {"sweep_s": sweep_s, "deleted": swept["deleted"], "floor_rm_s": floor_s, "floor_files": len(files),
                "live_segments": len(segs), "largest_hole_s": max(holes)}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> dict:
    cam = DemoCamera()
    cam.start()
    try:
        runs = [one_round(cam) for _ in range(ROUNDS)]
    finally:
        cam.stop()
    ours = statistics.median(r["sweep_s"] for r in runs)
    floor = statistics.median(r["floor_rm_s"] for r in runs)
    lost = [r for r in runs if r["largest_hole_s"] >= 1.0]
    return {"what": f"sweep of {DAYS} days x {CAMERAS} cameras (basic plan) while recording, medians",
            "sweep_s": round(ours, 3), "floor_rm_s": round(floor, 3), "ratio": round(ours / floor, 2),
            "deleted": runs[0]["deleted"], "largest_hole_while_sweeping_s": max(r["largest_hole_s"] for r in runs),
            "runs": runs, "compression": compression(), "pass": not lost}


def compression(seconds: int = 30) -> list[dict]:
    """Old footage compression of one segment per source, by the recorder's Compressor: the space
    saved and the CPU it took per hour of footage. Sources are synthetic (FFmpeg's moving test
    picture with its noise), encoded the way cameras do it: constant bitrate, a keyframe each 2 s."""
    from sqlalchemy import insert

    from recorder.capture.ffmpeg import FRAGMENTED_MP4
    from recorder.index.db import database_url, open_index
    from recorder.index.models import Camera, Segment, utcnow
    from recorder.index.segments import SegmentStore
    from recorder.paths import DataDir
    from recorder.storage.compress import Compressor

    sources = [("1080p25 H.264 4 Mbit/s", "1920x1080", 25, "4M"), ("720p25 H.264 2 Mbit/s", "1280x720", 25, "2M")]
    out = []
    work = Path(tempfile.mkdtemp(prefix="compress-bench-"))
    try:
        data = DataDir(work)
        data.create()
        sessions = open_index(database_url(data.db_file))
        with sessions.begin() as s:
            s.execute(insert(Camera), [{"id": 1, "name": "bench", "url": "rtsp://127.0.0.1:9/x", "enabled": False}])
        for i, (what, size, fps, rate) in enumerate(sources):
            rel = f"recordings/cam_1/2000-01-01/{i:02d}-00-00.mp4"
            path = data.absolute(rel)
            path.parent.mkdir(parents=True, exist_ok=True)
            movflags = FRAGMENTED_MP4.split(":")[0].split("=", 1)[1]
            subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi",
                            "-i", f"testsrc2=size={size}:rate={fps},noise=alls=6:allf=t",
                            "-t", str(seconds), "-c:v", "libx264", "-preset", "veryfast", "-b:v", rate, "-minrate", rate,
                            "-maxrate", rate, "-bufsize", rate, "-g", str(2 * fps), "-movflags", movflags, "-f", "mp4",
                            str(path)], check=True)
            start = utcnow()
            with sessions.begin() as s:
                seg_id = s.execute(insert(Segment).returning(Segment.id), [{
                    "camera_id": 1, "start": start, "end": start + timedelta(seconds=seconds), "path": rel,
                    "bytes": path.stat().st_size, "video_codec": "h264", "deleting": False}]).scalar_one()
            result = Compressor(data, sessions, SegmentStore(data, sessions)).compress(seg_id)
            if result is None:
                out.append({"source": what, "saving": None, "note": "left as recorded (see the log)"})
                continue
            out.append({"source": what, "saving": result["saving"],
                        "cpu_s_per_footage_hour": round(result["cpu_s"] / seconds * 3600),
                        "cores_to_keep_up_with_one_camera": round(result["cpu_s"] / seconds, 2)})
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out
