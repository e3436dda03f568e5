"""Playback benchmarks (issue: playback window), medians, each video figure against bare libVLC
in the same run:
- open: engine.seek() into a 1 h segment, nothing open yet, to its frame on the screen; a fresh
  process per open, its libVLC instance made beforehand (the app runs already). Target <= 1 s.
  Also with the file out of the page cache (_cold), informative.
- seek: while playing, to another time in the same 1 h file and into the other file, to the
  frame at the new time on the screen. Target <= 300 ms.
- boundary: playing from one 1 h segment into the next: the longest interval between two frames
  shown around the join, minus the normal frame interval. Target <= 100 ms. Also between two
  60 s files (_60s), informative: what of it comes with the length of the file opened.
- timeline_paint: Timeline 1000 px wide, a day, 10,000 event markers, ~200 runs. Target <= 8 ms.
- day_index (bench/playback_index.py): one camera's day from 30 days x 16 cameras. <= 50 ms.
The floor (bench/playback_procs.py) is python-vlc with vms_desktop.vlc_player's arguments and the
client's demuxer (FFmpeg's) doing the plain thing (set_time in the playing file, a new media with
:start-time otherwise, the next file opened on EndReached) in a bare X window at the same place;
the client opens the next file ahead in a second player. floor_vlc_demux: the floor with libVLC's
own MP4 demuxer (informative: what the client avoids).
"Shown" is read off the screen: the test video carries its frame number as a bar code, a helper
process grabs it every few ms (the same watcher for client and floor), so each figure is the
wait for the right picture, not for an event that precedes it.
The 1 h files are synthesised (60 s of testsrc2 encoded once, stream-copied 60 times into a
fragmented MP4 like the recorder's: H.264, 1 s GOP, frag_keyframe+empty_moov+default_base_moof)
and, except for _cold, sit in the page cache, as a segment recorded recently would.
"""

from __future__ import annotations

import bisect
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.client_bench import ROOT, start_xvfb, stop
from bench.playback_procs import code_filter

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))  # opens per side
SEEKS = int(os.environ.get("BENCH_PLAYBACK_SEEKS", "6"))  # per kind and side
CROSSINGS = int(os.environ.get("BENCH_PLAYBACK_CROSSINGS", "5"))
MEDIA_DIR = os.environ.get("BENCH_PLAYBACK_MEDIA")  # keep the 1 h files there between runs
FPS, MINUTE_FRAMES = 15, 900
OPEN_TARGET_S, SEEK_TARGET_S, HICCUP_TARGET_S, PAINT_TARGET_MS = 1.0, 0.3, 0.1, 8.0


# -- media ------------------------------------------------------------------------------------

FMP4 = ["-f", "mp4", "-movflags", "+frag_keyframe+empty_moov+default_base_moof"]  # as the recorder's


def make_media(folder: Path) -> dict[str, tuple[list[str], list[float]]]:
    """Two consecutive 1 h segments, and two of 60 s (each second file a hard link of the first:
    same bytes, another file for the player); the frame number restarts every minute, so the
    content runs on across the joins."""
    folder.mkdir(parents=True, exist_ok=True)
    minute = folder / "minute.mp4"
    if not minute.exists():
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", code_filter(FPS), "-t", "60",
                        "-c:v", "libx264", "-preset", "ultrafast", "-g", str(FPS), "-keyint_min", str(FPS),
                        "-sc_threshold", "0", "-b:v", "1M", "-pix_fmt", "yuv420p", str(minute) + ".part.mp4"],
                       check=True)
        os.replace(str(minute) + ".part.mp4", minute)
    out = {}
    for name, copies in (("hour", 60), ("minute", 1)):
        a, b = folder / f"{name}-a.mp4", folder / f"{name}-b.mp4"
        if not a.exists():
            listing = folder / f"{name}.txt"
            listing.write_text(f"file '{minute.name}'\n" * copies)
            subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "concat", "-safe", "0", "-i", str(listing),
                            "-c", "copy", *FMP4, str(a) + ".part"], check=True)
            os.replace(str(a) + ".part", a)
            b.unlink(missing_ok=True)
        if not b.exists():
            os.link(a, b)
        probe = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
                                str(a)], capture_output=True, text=True, check=True)
        duration = float(probe.stdout)
        if abs(duration - 60 * copies) > 0.5:
            raise RuntimeError(f"{a.name} lasts {duration} s, not {60 * copies} s: the timestamps broke")
        out[name] = ([str(a), str(b)], [duration, duration])
    return out


def code_at(offset: float) -> int:
    return round(offset * FPS) % MINUTE_FRAMES


def frames_apart(code: int, expected: int) -> int:
    """Signed distance on the minute's circle of frame numbers."""
    d = (code - expected) % MINUTE_FRAMES
    return d - MINUTE_FRAMES if d > MINUTE_FRAMES // 2 else d


# -- processes ----------------------------------------------------------------------------------

class Proc:
    """A bench.playback_procs program; its JSON lines land in .lines as they come."""

    def __init__(self, env: dict, program: str, **spec):
        self.proc = subprocess.Popen([sys.executable, "-m", "bench.playback_procs", program, json.dumps(spec)],
                                     cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.lines: list = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(json.loads(line))

    def wait(self, predicate, timeout: float, start: int = 0):
        end, i = time.time() + timeout, start
        while True:
            while i < len(self.lines):
                if predicate(self.lines[i]):
                    return self.lines[i]
                i += 1
            if time.time() >= end:
                return None
            time.sleep(0.005)

    def seek(self, file: int, offset: float) -> dict:
        """The reply: t0 and t1, wall-clock times around engine.seek() (or the floor's calls)."""
        n = len(self.lines)
        self.proc.stdin.write(f"seek {file} {offset:.3f}\n")
        self.proc.stdin.flush()
        reply = self.wait(lambda x: isinstance(x, dict) and x.get("cmd"), 10, n)
        if reply is None:
            raise RuntimeError("the player did not answer a seek")
        return reply

    def events(self, name: str, after: float, before: float = float("inf")) -> list[float]:
        return [x["t"] for x in self.lines if isinstance(x, dict) and x.get("ev") == name and after <= x["t"] < before]

    def close(self) -> None:
        stop(self.proc)


class Stage:
    """The X server, the screen watcher, and the two players' programs."""

    def __init__(self, files: list[str], durations: list[float]):
        self.xvfb, display = start_xvfb()
        self.env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
        self.spec = {"files": files, "durations": durations}
        self.screen = Proc(self.env, "watch")

    def player(self, who: str, **extra) -> Proc:
        p = Proc(self.env, who, **{**self.spec, **extra})
        if p.wait(lambda x: x.get("ev") == "ready", 30) is None:
            p.close()
            raise RuntimeError(f"the {who} player did not start")
        time.sleep(0.5)  # its window mapped and black; nothing else going on
        return p

    def shown(self, after: float, expected: int | None, timeout: float = 10.0, before: int = FPS):
        """The first frame on screen after `after` within [-before, +2 s] frames of `expected`
        (any frame if None): (its time, its distance in frames), or None."""
        def ok(x):
            return x[0] > after and x[1] is not None and (
                expected is None or -before <= frames_apart(x[1], expected) <= 2 * FPS)
        i = bisect.bisect_right(self.screen.lines, after, key=lambda x: x[0])
        hit = self.screen.wait(ok, timeout, i)
        return None if hit is None else (hit[0], 0 if expected is None else frames_apart(hit[1], expected))

    def frames(self, t0: float, t1: float) -> list:
        return [x for x in self.screen.lines if t0 <= x[0] <= t1]

    def close(self) -> None:
        self.screen.close()
        stop(self.xvfb)


def summary(runs: dict[str, list]) -> dict:
    """Medians per variant (None: nothing seen in time), and client/floor ratios."""
    seen = {k: [x for x in v if x is not None] for k, v in runs.items()}
    out = {f"{k}_s": round(statistics.median(v), 3) if v else None for k, v in seen.items()}
    for c in [k for k in runs if k.startswith("client")]:
        f = "floor" + c[6:]
        if out.get(f"{c}_s") and out.get(f"{f}_s"):
            out["ratio" + c[6:]] = round(out[f"{c}_s"] / out[f"{f}_s"], 3)
    out["runs_s"] = {k: [None if x is None else round(x, 3) for x in v] for k, v in runs.items()}
    out["missed"] = sum(x is None for v in runs.values() for x in v)
    return out


def evict(files: list[str]) -> None:
    """Out of the page cache: a segment recorded days ago and not looked at since."""
    for path in files:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


# name: (program, extra spec); the floor opens files with the client's demuxer, FFmpeg's;
# floor_vlc_demux with libVLC's own MP4 demuxer, which the client avoids (slow on fMP4).
AVFORMAT = {"media_options": [":demux=avformat,any"]}  # the client's demuxer (vms_desktop/playback.py)
VARIANTS = {"client": ("client", {}), "floor": ("floor", AVFORMAT), "floor_vlc_demux": ("floor", {})}


def after_ms(p: Proc, t0: float, names: list[str], until: float) -> dict:
    return {n: round(1000 * (ts[0] - t0)) for n in names if (ts := p.events(n, t0, until))}


# -- open ---------------------------------------------------------------------------------------

def open_bench(stage: Stage) -> dict:
    rng = random.Random(37)
    offsets = [37 * 60 + rng.uniform(0, 60) for _ in range(ROUNDS)]
    names = list(VARIANTS) + ["client_cold", "floor_cold"]
    runs, off, steps = ({k: [] for k in names} for _ in range(3))
    for offset in offsets:
        for name in names:
            program, extra = VARIANTS[name.removesuffix("_cold")]
            p = stage.player(program, **extra)
            try:
                if name.endswith("_cold"):
                    evict(stage.spec["files"])
                t0 = p.seek(0, offset)["t0"]
                hit = stage.shown(t0, code_at(offset), timeout=30)
                runs[name].append(hit and hit[0] - t0)
                if hit:
                    off[name].append(hit[1])
                    steps[name].append(after_ms(p, t0, ["MediaPlayerOpening", "MediaPlayerPlaying", "MediaPlayerVout"],
                                                hit[0]) | {"on_screen": round(1000 * (hit[0] - t0))})
            finally:
                p.close()
    out = summary(runs)
    return {**out, "frames_shown_after_target": off, "events_ms_first_round": {k: v[:1] for k, v in steps.items()},
            "offsets_s": [round(x, 2) for x in offsets], "target_s": OPEN_TARGET_S,
            "pass": out["client_s"] is not None and out["client_s"] <= OPEN_TARGET_S}


# -- seek ---------------------------------------------------------------------------------------

def seek_plan(durations: list[float]) -> list[tuple[str, int, float]]:
    """Alternating seeks within the playing file and into the other one; each target at least
    10 s of picture (mod the minute the frame numbers repeat in) away from what is playing."""
    rng, plan, file, prev = random.Random(300), [], 0, 37 * 60.0
    while len(plan) < 2 * SEEKS:
        kind = ("same", "other")[len(plan) % 2]
        offset = rng.uniform(60, durations[0] - 60)
        if abs(frames_apart(code_at(offset), code_at(prev + 2.0))) < 10 * FPS:
            continue
        file = file if kind == "same" else 1 - file
        plan.append((kind, file, offset))
        prev = offset
    return plan


def seek_bench(stage: Stage, durations: list[float]) -> dict:
    plan = seek_plan(durations)
    runs = {kind: {k: [] for k in VARIANTS} for kind in ("same", "other")}
    blocked = {k: [] for k in VARIANTS}  # how long the seek call itself held the caller
    for name, (program, extra) in VARIANTS.items():
        p = stage.player(program, **extra)
        try:
            t0 = p.seek(0, 37 * 60.0)["t0"]
            if not stage.shown(t0, code_at(37 * 60.0)):
                raise RuntimeError(f"{name}: nothing on screen after opening")
            time.sleep(1.5)
            for kind, file, offset in plan:
                reply = p.seek(file, offset)
                blocked[name].append(reply["t1"] - reply["t0"])
                hit = stage.shown(reply["t0"], code_at(offset))
                runs[kind][name].append(hit and hit[0] - reply["t0"])
                time.sleep(1.5)
        finally:
            p.close()
    out = {kind: summary(r) for kind, r in runs.items()}
    worst = max(out[k]["client_s"] or float("inf") for k in out)
    return {**out, "seek_call_ms_median": {k: round(1000 * statistics.median(v), 2) for k, v in blocked.items()},
            "targets": [[k, f, round(o, 2)] for k, f, o in plan], "target_s": SEEK_TARGET_S,
            "pass": worst <= SEEK_TARGET_S}


# -- boundary -----------------------------------------------------------------------------------

def crossing(stage: Stage, p: Proc, duration: float) -> dict | None:
    """Seek to 3 s before the first file's end and play into the second; the frames shown
    around the join, read off the screen."""
    t0 = p.seek(0, duration - 3.0)["t0"]
    arrived = stage.shown(t0, code_at(duration - 3.0))
    if arrived is None:
        return None
    end = stage.shown(arrived[0], FPS, timeout=15, before=0)  # 1 s into the second file
    if end is None:
        return None
    seen = stage.frames(arrived[0], end[0])
    shown = [x for x in seen if x[1] is not None]
    ends = [i for i, x in enumerate(shown) if 0 < -frames_apart(x[1], 0) <= 2 * FPS]  # the last 2 s of A
    if not ends or ends[-1] < 3 or ends[-1] + 1 >= len(shown):
        return None
    last_a = ends[-1]
    a, b = shown[last_a], shown[last_a + 1]
    steady = [y[0] - x[0] for x, y in zip(shown[:last_a - 1], shown[1:last_a]) if x[0] > arrived[0] + 0.3]
    near = [y[0] - x[0] for x, y in zip(shown, shown[1:]) if a[0] - 1 <= x[0] and y[0] <= b[0] + 1]
    black = sum(y[0] - x[0] for x, y in zip(seen, seen[1:]) if x[1] is None and a[0] <= x[0] < b[0])
    return {"longest_s": max(near), "normal_s": statistics.median(steady), "black_s": black,
            "last_a": a[1], "first_b": b[1], "skipped": (b[1] - a[1]) % MINUTE_FRAMES - 1,
            "events_ms": after_ms(p, a[0], ["MediaPlayerEndReached", "ended_slot", "next_file", "set_media",
                                            "MediaPlayerOpening", "MediaPlayerPlaying", "MediaPlayerVout"], b[0])
            | {"first_b_on_screen": round(1000 * (b[0] - a[0]))}}


def boundary_bench(stage: Stage, short: tuple[list[str], list[float]]) -> dict:
    """The 1 h pair (the target), and the same crossing between two 60 s files: what of the
    hiccup comes with the length of the file being opened."""
    out = {}
    for name in ("client", "floor", "client_60s", "floor_60s"):
        files, durations = (short if name.endswith("_60s") else (stage.spec["files"], stage.spec["durations"]))
        program = name.removesuffix("_60s")
        extra = AVFORMAT if program == "floor" else {}
        p = stage.player(program, files=files, durations=durations, **extra)
        try:
            runs = [crossing(stage, p, durations[0]) for _ in range(CROSSINGS)]
        finally:
            p.close()
        seen = [r for r in runs if r]
        if not seen:
            out[name] = {"error": "no crossing seen"}
            continue
        hiccups = [r["longest_s"] - r["normal_s"] for r in seen]
        out[name] = {"hiccup_s": round(statistics.median(hiccups), 3), "hiccups_s": [round(h, 3) for h in hiccups],
                     "longest_interval_s": round(statistics.median(r["longest_s"] for r in seen), 3),
                     "normal_interval_s": round(statistics.median(r["normal_s"] for r in seen), 4),
                     "black_s": round(statistics.median(r["black_s"] for r in seen), 3),
                     "frames_skipped": [r["skipped"] for r in seen], "missed": len(runs) - len(seen),
                     "events_after_last_a_frame_ms": seen[0]["events_ms"]}
    return {**out, "crossings": CROSSINGS, "target_s": HICCUP_TARGET_S,
            "pass": out["client"].get("hiccup_s", float("inf")) <= HICCUP_TARGET_S}


# -- timeline and index -------------------------------------------------------------------------

def timeline_bench(stage: Stage) -> dict:
    """The target is on a paint that draws the markers (view_change); set_data_ms adds the
    data's preparation, playhead_ms is the paint while playing."""
    p = Proc(stage.env, "timeline", width=1000, events=10_000, runs=200, paints=20)
    try:
        res = p.wait(lambda x: "view_change_ms" in x, 180)
    finally:
        p.close()
    if res is None:
        return {"error": "the timeline program gave no result", "pass": False}
    return {**res, "target_ms": PAINT_TARGET_MS,
            "pass": max(res["view_change_ms"], res["playhead_ms"]) <= PAINT_TARGET_MS}


def main() -> dict:
    with tempfile.TemporaryDirectory(prefix="vms-playback-bench-") as tmp:
        work = Path(tmp)
        t = time.perf_counter()
        media = make_media(Path(MEDIA_DIR) if MEDIA_DIR else work / "media")
        media_s = time.perf_counter() - t
        files, durations = media["hour"]
        stage = Stage(files, durations)
        try:
            out = {"open": open_bench(stage), "seek": seek_bench(stage, durations),
                   "boundary": boundary_bench(stage, media["minute"]), "timeline_paint": timeline_bench(stage)}
        finally:
            stage.close()
        from bench.playback_index import day_index_bench  # imports the recorder and the client
        out["day_index"] = day_index_bench(work)
    return {"media": "2 x 1 h H.264 1280x720 15 fps 1 Mbit/s fMP4, 1 s GOP (synthesised in "
                     f"{media_s:.0f} s), window 1280x720 on Xvfb, unscaled",
            "floor": "python-vlc, the client's libVLC arguments, a bare X window; same commands",
            "shown": "frame number read off the screen by a helper polling Qt grabs every ~5 ms",
            **out, "pass": all(v["pass"] for v in out.values())}
