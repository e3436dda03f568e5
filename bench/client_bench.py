"""Client benchmarks (issue: live view), each against bare libVLC in the same run:
- CPU and memory of vms-desktop with 4 and 16 live 640x360 tiles vs one libVLC process playing
  the same relay URLs into bare X windows of the tiles' size;
- start to first live frame (launch to video on the screen), substreams cold and warm;
- camera-to-screen latency, read off the screen from a camera that blinks on the wall clock.
All on a private Xvfb; a helper process reads the screen back with Qt. This module is also the
floor's and the helper's program (python -m bench.client_bench floor|screen), so its top level
imports only the standard library: the floor's memory is Python and libVLC, nothing of ours.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.proc_cpu import tree_cpu, used_between

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
WARMUP_S = float(os.environ.get("BENCH_CLIENT_WARMUP", "8"))
WINDOW_S = float(os.environ.get("BENCH_CLIENT_WINDOW", "15"))
TILE_COUNTS = [int(n) for n in os.environ.get("BENCH_TILES", "4,16").split(",")]
LATENCY_S = float(os.environ.get("BENCH_LATENCY_WINDOW", "12"))
CPU_TARGET, LATENCY_TARGET, REMOTE_LATENCY_TARGET = 1.2, 1.0, 0.6
LAN = "127.0.0.2"
BLINK_PERIOD_S, BLINK_ON_S = 2.0, 0.5  # resources/demo_camera.py --blink
# The floor's libVLC instance: the arguments of vms_desktop.vlc_player.vlc_instance().
VLC_ARGS = ["--quiet", "--no-video-title-show", "--no-snapshot-preview", "--no-osd", "--no-stats",
            "--no-sub-autodetect-file", "--no-xlib"]
# A fresh VMS_CONFIG_DIR gives MainWindow its default 1280x800 at (0, 0) (Xvfb has no window
# manager). Its grid's tiles span x 2..1278, y 21..777 with 2 px between them; each tile has a
# 1 px border, a 1 px margin and a 23 px header above its video (measured off a screenshot).
GRID = (2, 21, 1276, 756)


def surfaces(n: int) -> list[tuple[int, int, int, int]]:
    """Where the video windows of n tiles are (x, y, w, h), row by row; the floor's go there too."""
    side = math.ceil(math.sqrt(n))  # the client's automatic layout
    x0, y0, w, h = GRID
    px, py = (w + 2) / side, (h + 2) / side
    return [(round(x0 + c * px) + 2, round(y0 + r * py) + 25, round(px) - 6, round(py) - 31)
            for r in range(side) for c in range(side)][:n]


# -- the floor: bare libVLC, one process --------------------------------------------------------

def x_windows(cells: list) -> list[int]:
    """Plain X windows through Xlib (ctypes), so the floor loads no toolkit at all."""
    import ctypes as c
    x11 = c.CDLL("libX11.so.6")
    x11.XOpenDisplay.restype = c.c_void_p
    x11.XDefaultRootWindow.restype = x11.XCreateSimpleWindow.restype = c.c_ulong
    dpy = c.c_void_p(x11.XOpenDisplay(None))  # pointers and XIDs wrapped: ctypes' default is int
    root, black = c.c_ulong(x11.XDefaultRootWindow(dpy)), c.c_ulong(0)
    wins = [x11.XCreateSimpleWindow(dpy, root, x, y, w, h, 0, black, black) for x, y, w, h in cells]
    for win in wins:
        x11.XMapWindow(dpy, c.c_ulong(win))
    x11.XFlush(dpy)
    return wins


def floor_main(spec: dict) -> None:
    """N media players of one instance, with the client's live media options, until killed."""
    import vlc
    wins = x_windows(spec["cells"])
    inst = vlc.Instance(VLC_ARGS)
    players = []
    for win, url in zip(wins, spec["urls"]):
        player = inst.media_player_new()
        player.set_xwindow(win)
        media = inst.media_new(url)
        for option in (f":network-caching={spec['caching_ms']}", ":clock-jitter=0", ":no-audio"):
            media.add_option(option)
        player.set_media(media)
        player.play()
        players.append(player)
    threading.Event().wait()


# -- the screen, read back in a helper process (Qt's grab of the X root window) ---------------

def screen_main(spec: dict) -> None:
    from PySide6.QtGui import QGuiApplication, QImage
    mode = spec.pop("mode")
    app = QGuiApplication([])
    screen = app.primaryScreen()

    def grab(x: int, y: int, w: int, h: int, scale: tuple[int, int] | None = None) -> bytes:
        img = screen.grabWindow(0, x, y, w, h).toImage()
        if scale:
            img = img.scaled(*scale)
        return bytes(img.convertToFormat(QImage.Format_RGB32).constBits())

    print(json.dumps({"moving": moving, "first": first_video, "blink": blink_edges}[mode](grab, **spec)),
          flush=True)


def _box(cell, frac: float = 0.25) -> tuple[int, int, int, int]:
    x, y, w, h = cell
    bw, bh = int(w * frac), int(h * frac)
    return x + (w - bw) // 2, y + (h - bh) // 2, bw, bh


def moving(grab, cells: list) -> list[bool]:
    """Each tile's middle changes within a second: the bars scroll and frames keep coming."""
    before = [grab(*_box(c)) for c in cells]
    time.sleep(1.0)
    after = [grab(*_box(c)) for c in cells]
    return [sum(p != q for p, q in zip(a, b)) > 0.02 * len(a) for a, b in zip(before, after)]


def first_video(grab, region: list, timeout: float = 60.0) -> float | None:
    """Wall-clock time of the first grab where the colour bars show: the dark client and the
    black windows have next to no saturated pixels, one tile of bars makes over 10% of the
    region, so 3% is video whatever tile comes first."""
    print("READY", flush=True)
    end = time.time() + timeout
    while time.time() < end:
        t = time.time()
        px = grab(*region, scale=(160, 95))
        saturated = sum(max(px[i:i + 3]) - min(px[i:i + 3]) > 100 for i in range(0, len(px), 4))
        if saturated > 0.03 * len(px) / 4:
            return (t + time.time()) / 2
        time.sleep(0.03)
    return None


def blink_edges(grab, point: list, seconds: float) -> list[list]:
    """Times the spot turned white (1) or black (0), polled as fast as a small grab allows."""
    x, y = point
    edges, last, end = [], None, time.time() + seconds
    while time.time() < end:
        t = time.time()
        green = grab(x - 8, y - 8, 16, 16)[1::4]
        white = sum(green) > 128 * len(green)
        if last is not None and white != last:
            edges.append([(t + time.time()) / 2, int(white)])
        last = white
        time.sleep(0.004)
    return edges


# -- driving processes ------------------------------------------------------------------------

def start_xvfb() -> tuple[subprocess.Popen, str]:
    read, write = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as f:
        return proc, ":" + f.readline().strip()


def stop(proc: subprocess.Popen | None) -> None:
    if proc is not None and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def read_line(proc: subprocess.Popen, timeout: float) -> str:
    out = [""]
    reader = threading.Thread(target=lambda: out.__setitem__(0, proc.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    return out[0].strip()


def helper(env: dict, program: str, **spec) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "bench.client_bench", program, json.dumps(spec)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)


def on_screen(env: dict, mode: str, timeout: float, **spec):
    proc = helper(env, "screen", mode=mode, **spec)
    try:
        return json.loads(read_line(proc, timeout) or "null")
    finally:
        stop(proc)


class Site:
    """A recorder whose cameras all point at one demo camera (its server shares one encoder
    between clients), and the X server the viewers draw on."""

    def __init__(self, work: Path, env: dict, cam, n: int):
        from tests.harness import RecorderProcess
        self.work, self.env, self.cam = work, env, cam
        self.data = work / f"site-{cam.port}"
        # also on the site's network, with TLS, for a workstation's latency
        self.rec = RecorderProcess(self.data, segment_seconds=3600, extra=("--listen", f"{LAN}:0")).start()
        self.user, self.password = self.rec.add_user("bench", "operator")
        self.add_cameras(n)

    def add_cameras(self, n: int) -> None:
        from tests.harness import wait_for
        sub = self.cam.url.rsplit("/", 1)[0] + "/sub"
        for i in range(len(self.cameras()), n):
            self.rec.api("POST", "/api/cameras", json={"name": f"c{i + 1}", "url": self.cam.url, "sub_url": sub})
        wait_for(lambda: [c["state"] for c in self.cameras()] == ["recording"] * n, 90, 0.5, "all cameras recording")

    def cameras(self) -> list[dict]:
        return self.rec.api("GET", "/api/status").json()["cameras"]

    def sub_urls(self) -> list[str]:
        return [f"{self.rec.base}/api/cameras/{c['id']}/live?token={self.rec.token}&stream=sub" for c in self.cameras()]

    def client(self, remote: bool = False) -> subprocess.Popen:
        """The real vms-desktop, with settings of its own (default window, automatic layout);
        remote: as a workstation across the network (TLS, the certificate pinned)."""
        # logged in as an operator, as a guard's desk is: the login is part of the first frame
        env = dict(self.env, VMS_CONFIG_DIR=tempfile.mkdtemp(dir=self.work), VMS_PASSWORD=self.password)
        runtime = self.rec.runtime()
        where = (["--server", runtime["lan_url"], "--fingerprint", runtime["tls_fingerprint"]] if remote
                 else ["--data-dir", str(self.data)])
        with open(self.work / "client.log", "ab") as log:
            return subprocess.Popen([sys.executable, "-m", "vms_desktop.app", *where, "--user", self.user],
                                    cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)

    def remote_client(self) -> subprocess.Popen:
        return self.client(remote=True)

    def floor(self) -> subprocess.Popen:
        from vms_desktop.vlc_player import LIVE_CACHING_MS
        urls = self.sub_urls()
        return helper(self.env, "floor", cells=surfaces(len(urls)), urls=urls,
                      caching_ms=LIVE_CACHING_MS)

    def idle_substreams(self) -> None:
        """Nobody watches, and the relay has let the substreams go: the next viewer starts cold."""
        from recorder.capture.live import SUB_LINGER
        from tests.harness import wait_for
        wait_for(lambda: not self.rec.api("GET", "/api/status").json()["live_viewers"], 30, 0.3, "no live viewers")
        time.sleep(SUB_LINGER + 1.5)

    def close(self) -> None:
        self.rec.stop()


def _drain(response) -> None:
    with contextlib.suppress(Exception):  # closing the response ends it on purpose
        for _ in response.iter_content(65536):
            pass


@contextlib.contextmanager
def keeper(urls: list[str]):
    """Other viewers of the substreams, so they are already flowing when a player joins."""
    import requests
    responses = [requests.get(u, stream=True, timeout=10) for u in urls]
    for r in responses:
        threading.Thread(target=_drain, args=(r,), daemon=True).start()
    time.sleep(3)  # substream FFmpegs up, a keyframe in each relay
    try:
        yield
    finally:
        for r in responses:
            r.close()


# -- the benchmarks ---------------------------------------------------------------------------

def vm_mb(pid: int, field: str) -> float:
    lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    return next(int(x.split()[1]) / 1024 for x in lines if x.startswith(field + ":"))


def load_round(site: Site, start, cells: list) -> dict:
    """One viewer: warm up, then its CPU over the window and its memory at the window's end."""
    proc = start()
    try:
        time.sleep(WARMUP_S)
        before = tree_cpu([proc.pid])
        time.sleep(WINDOW_S)
        used = used_between(before, tree_cpu([proc.pid])) / WINDOW_S
        if proc.poll() is not None:
            raise RuntimeError(f"viewer exited with {proc.returncode}; see {site.work}/client.log")
        rss, peak = vm_mb(proc.pid, "VmRSS"), vm_mb(proc.pid, "VmHWM")
        return {"cores": used, "rss_mb": rss, "peak_mb": peak,
                "moving": sum(on_screen(site.env, "moving", 30, cells=cells) or [])}
    finally:
        stop(proc)


def med(rounds: list[dict], key: str, digits: int = 3) -> float:
    return round(statistics.median(r[key] for r in rounds), digits)


def load_bench(site: Site, n: int) -> dict:
    """Client and floor take turns, so drifts of the machine fall on both alike."""
    site.add_cameras(n)
    cells = surfaces(n)
    client, floor = [], []
    for _ in range(ROUNDS):
        client.append(load_round(site, site.client, cells))
        floor.append(load_round(site, site.floor, cells))
    ratios = [c["cores"] / f["cores"] for c, f in zip(client, floor)]
    return {"client_cores": med(client, "cores"), "floor_cores": med(floor, "cores"),
            "cpu_ratio_median": round(statistics.median(ratios), 3), "cpu_ratios": [round(r, 3) for r in ratios],
            "client_rss_mb": med(client, "rss_mb", 1), "floor_rss_mb": med(floor, "rss_mb", 1),
            "client_peak_rss_mb": med(client, "peak_mb", 1), "floor_peak_rss_mb": med(floor, "peak_mb", 1),
            "memory_ratio": round(med(client, "rss_mb") / med(floor, "rss_mb"), 3),
            "tiles_moving_client": [c["moving"] for c in client], "tiles_moving_floor": [f["moving"] for f in floor],
            "pass": statistics.median(ratios) <= CPU_TARGET and all(r["moving"] == n for r in client)}


def in_turns(site: Site, state: str, measure, rounds: int, remote: bool = False) -> dict[str, list]:
    """Client, then floor, `rounds` times; each joins cold substreams (the relay has let them
    go, as when the client opens on a quiet site) or warm ones (a keeper watches throughout).
    remote: the client is a workstation across the network; the floor stays bare libVLC on
    the loopback's plain HTTP."""
    runs = {"client": [], "floor": []}
    with keeper(site.sub_urls()) if state == "warm" else contextlib.nullcontext():
        for _ in range(rounds):
            for who, start in (("client", site.remote_client if remote else site.client), ("floor", site.floor)):
                if state == "cold":
                    site.idle_substreams()
                runs[who].append(measure(site, start))
    return runs


def first_frame_once(site: Site, start) -> float | None:
    """Process launch to colour bars on the screen."""
    watcher = helper(site.env, "screen", mode="first", region=list(GRID))
    proc = None
    try:
        if read_line(watcher, 30) != "READY":
            raise RuntimeError("the screen helper did not start")
        launched = time.time()
        proc = start()
        seen = json.loads(read_line(watcher, 70) or "null")
        return None if seen is None else seen - launched
    finally:
        stop(proc)
        stop(watcher)


def compare(runs: dict[str, list]) -> dict:
    """Medians of client and floor; None marks a run that never showed video."""
    seen = {k: [x for x in v if x is not None] for k, v in runs.items()}
    if not all(seen.values()):
        return {"error": "no video seen", "runs_s": runs}
    c, f = statistics.median(seen["client"]), statistics.median(seen["floor"])
    return {"client_s": round(c, 3), "floor_s": round(f, 3), "ratio": round(c / f, 3),
            **{f"{k}_min_max_s": [round(min(v), 3), round(max(v), 3)] for k, v in seen.items()},
            "samples": len(seen["client"]), "missed": sum(len(runs[k]) - len(seen[k]) for k in runs)}


def login_bench(site: Site, rounds: int = 7) -> dict:
    """POST /api/login as the desktop sends it: argon2id on the recorder is most of it."""
    from vms_desktop.recorder_link import RecorderApi
    times = []
    for _ in range(rounds):
        api = RecorderApi(site.rec.data)
        t0 = time.perf_counter()
        api.login(site.user, site.password)
        times.append(time.perf_counter() - t0)
        api.logout()
    return {"median_s": round(statistics.median(times), 3), "min_max_s": [round(min(times), 3), round(max(times), 3)],
            "rounds": rounds}


def first_frame_bench(site: Site) -> dict:
    return {state: compare(in_turns(site, state, first_frame_once, ROUNDS)) for state in ("cold", "warm")}


def latency_once(site: Site, start) -> list[float]:
    """Camera-to-screen delay of each white/black edge seen on the single tile: the camera
    switches at known wall-clock instants (white from each period's start, black 0.5 s in)."""
    x, y, w, h = surfaces(1)[0]
    proc = start()
    try:
        time.sleep(WARMUP_S)
        edges = on_screen(site.env, "blink", LATENCY_S + 30, point=[x + w // 2, y + h // 2], seconds=LATENCY_S) or []
    finally:
        stop(proc)
    return [(t - (0.0 if white else BLINK_ON_S)) % BLINK_PERIOD_S for t, white in edges]


def latency_bench(work: Path, env: dict) -> dict:
    """One tile of a camera that blinks; edges are 2 s apart, so delays over 2 s would alias."""
    from recorder.demo import DemoCamera
    cam = DemoCamera(width=1280, height=720, fps=25, sub_path="/sub", sub_width=640, sub_height=360,
                     sub_bitrate_kbps=800, blink=True)
    cam.start()
    site, out = None, {}
    try:
        site = Site(work, env, cam, 1)
        for state in ("cold", "warm", "remote"):
            runs = in_turns(site, "warm" if state == "remote" else state, latency_once, 1, remote=state == "remote")
            out[state] = compare({k: [x for run in v for x in run] or [None] for k, v in runs.items()})
    finally:
        if site:
            site.close()
        cam.stop()
    worst = max(out[s].get("client_s", float("inf")) for s in ("cold", "warm"))
    remote = out["remote"].get("client_s", float("inf"))
    return {**out, "camera": "640x360 substream at 25 fps", "target_s": LATENCY_TARGET,
            "remote_is": "a workstation across the network: TLS on 127.0.0.2, the certificate pinned",
            "remote_target_s": REMOTE_LATENCY_TARGET,
            "pass": worst <= LATENCY_TARGET and remote <= REMOTE_LATENCY_TARGET}


def main() -> dict:
    from recorder.demo import DemoCamera
    xvfb, display = start_xvfb()
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    cam = site = None
    try:
        with tempfile.TemporaryDirectory(prefix="vms-client-bench-") as tmp:
            cam = DemoCamera(width=1280, height=720, bitrate_kbps=1500, sub_path="/sub", sub_width=640,
                             sub_height=360, sub_bitrate_kbps=500)
            cam.start()
            site = Site(Path(tmp), env, cam, min(TILE_COUNTS))
            first = first_frame_bench(site)
            login = login_bench(site)
            load = {str(n): load_bench(site, n) for n in sorted(TILE_COUNTS)}
            site.close()
            site = None
            cam.stop()
            latency = latency_bench(Path(tmp), env)
    finally:
        if site:
            site.close()
        if cam:
            cam.stop()
        stop(xvfb)
    return {"stream": "H.264 640x360 15 fps 500 kbit/s substream via the recorder's relay, one shared RTSP source",
            "floor": "one python-vlc process: the client's libVLC arguments and media options, one X window per tile",
            "window_s": WINDOW_S, "warmup_s": WARMUP_S, "rounds": ROUNDS, "rss": "VmRSS at the window's end",
            "tiles": load, "first_frame": first, "login": login,
            "first_frame_is": "launch to the first live picture, the client logging in as an operator on the way",
            "latency": latency, "cpu_target_ratio": CPU_TARGET,
            "pass": all(v["pass"] for v in load.values()) and latency["pass"]}


if __name__ == "__main__":
    {"floor": floor_main, "screen": screen_main}[sys.argv[1]](json.loads(sys.argv[2]))
