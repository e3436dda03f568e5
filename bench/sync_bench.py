"""Synchronized playback benchmarks (issue: the control room), medians:
- seek: 4 and 9 tiles playing, a seek to a random recorded instant, until every tile shows the
  target (its drawn clock within 0.35 s of it, read off the screen). Target <= 500 ms for 4.
- drift: 4 tiles playing for BENCH_SYNC_DRIFT_S (5 min by default); every 2 s one screenshot,
  the spread of the tiles' drawn clocks (latest minus earliest). Target: one frame interval
  plus 100 ms. The drawn clock is read to a tenth of a second, so the figures carry that grain.
Real parts: four RTSP test cameras drawing their clock, the recorder recording them, the client's
SyncPlayerWindow on a private Xvfb; 9 tiles show the four cameras again (each tile its own
players and streams, as with nine cameras). Not measured yet: client CPU against bare libVLC.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.client_bench import start_xvfb, stop

DRIFT_S = float(os.environ.get("BENCH_SYNC_DRIFT_S", "300"))
SEEKS = int(os.environ.get("BENCH_SYNC_SEEKS", "8"))
FPS = 15
SEEK_TARGET_S = 0.5
DRIFT_TARGET_S = 1 / FPS + 0.1
SHOWN_S = 0.35  # a tile shows the target when its drawn clock is this close


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def seek_times(win, recorded: tuple[datetime, datetime], wait) -> list[float | None]:
    from tests.harness import tile_clocks

    out = []
    rng = random.Random(7)
    for _ in range(SEEKS):
        a, b = recorded
        target = a + (b - a) * rng.random()
        t0 = time.monotonic()
        win.seek(target)
        took = None
        while time.monotonic() - t0 < 5:
            wait(15)
            read = tile_clocks(win)
            late = time.monotonic() - t0
            if all(c is not None and -SHOWN_S <= c - target.timestamp() <= SHOWN_S + late for c in read):
                took = time.monotonic() - t0
                break
        out.append(took)
        wait(1500)  # playing on, as an operator watches after a seek
    return out


def drift(win, wait) -> list[float]:
    from tests.harness import tile_clocks

    spreads = []
    end = time.monotonic() + DRIFT_S
    while time.monotonic() < end:
        wait(2000)
        read = tile_clocks(win)
        if all(c is not None for c in read):
            spreads.append(max(read) - min(read))
    return spreads


def main() -> dict:
    xvfb, display = start_xvfb()
    os.environ.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from recorder.demo import DemoCamera
    from tests.harness import RecorderProcess, camera, cli, wait_for
    from vms_desktop.playback.sync_window import SyncPlayerWindow

    work = Path(tempfile.mkdtemp(prefix="sync-bench-"))
    cams = [DemoCamera(timecode=True, fps=FPS, gop_seconds=1, bitrate_kbps=300) for _ in range(4)]
    rec = None
    try:
        for i, cam in enumerate(cams):
            cam.start()
            cli(work / "data", "camera", "add", "--name", f"Cam {i + 1}", "--url", cam.url, "--motion", "off")
        rec = RecorderProcess(work / "data", segment_seconds=10).start()
        wait_for(lambda: all(len(rec.segments(c)) >= 3 for c in range(1, 5)), 180, 1, "three segments each")
        first = max(_utc(rec.segments(c)[1]["start"]) for c in range(1, 5))
        app = QApplication.instance() or QApplication([])
        api = rec.desktop_api()
        statuses = [camera(i, f"Cam {i}") for i in range(1, 5)]
        out: dict = {"drift_s_played": DRIFT_S}

        def window(n: int, at: datetime) -> SyncPlayerWindow:
            win = SyncPlayerWindow([statuses[i % 4] for i in range(n)], api, at=at)
            win.setGeometry(0, 0, 1600, 900)
            win.show()
            deadline = time.monotonic() + 30
            while not win.settled() and time.monotonic() < deadline:
                QTest.qWait(50)
            return win

        for n in (4, 9):
            win = window(n, first + timedelta(seconds=2))
            recorded_to = min(_utc(rec.segments(c)[-1]["end"]) for c in range(1, 5)) - timedelta(seconds=3)
            runs = seek_times(win, (first + timedelta(seconds=1), recorded_to), QTest.qWait)
            seen = [x for x in runs if x is not None]
            out[f"seek_{n}_s"] = round(statistics.median(seen), 3) if seen else None
            out[f"seek_{n}_runs_s"] = [None if x is None else round(x, 3) for x in runs]
            win.close()
            QTest.qWait(500)
        win = window(4, first + timedelta(seconds=1))
        spreads = drift(win, QTest.qWait)
        win.close()
        app.processEvents()
        spreads.sort()
        out["drift_samples"] = len(spreads)
        if spreads:
            out["drift_median_s"] = round(statistics.median(spreads), 3)
            out["drift_p95_s"] = round(spreads[int(0.95 * (len(spreads) - 1))], 3)
            out["drift_max_s"] = round(spreads[-1], 3)
        out["targets"] = {"seek_4_s": SEEK_TARGET_S, "drift_p95_s": round(DRIFT_TARGET_S, 3)}
        out["pass"] = bool(out["seek_4_s"] is not None and out["seek_4_s"] <= SEEK_TARGET_S and spreads
                           and out["drift_p95_s"] <= DRIFT_TARGET_S + 0.1)  # + the drawn clock's tenth
        return out
    finally:
        if rec is not None:
            rec.stop()
        for cam in cams:
            cam.stop()
        stop(xvfb)


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2))
