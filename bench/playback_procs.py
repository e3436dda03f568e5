"""The processes of the playback benchmark (python -m bench.playback_procs client|floor|watch|timeline SPEC):
- client: the real PlaybackEngine in a 1280x720 VideoSurface at (0, 0), driven over stdin; on
  the files, or on their URLs (spec "urls");
- floor: bare python-vlc (vms_desktop.vlc_player's arguments) in a plain X window, same place, same commands;
- watch: reads the frame number off the screen (the test video carries it as a bar code) and
  prints each change with the wall-clock time of the grab;
- timeline: paint times of the Timeline widget.
Players print JSON lines: the reply to each command (wall-clock times around the call) and the
libVLC events they see, stamped on libVLC's own thread. The top level imports only the standard
library: the floor loads Python, ctypes Xlib and libVLC, nothing of ours.
"""

from __future__ import annotations

import json
import math
import sys
import threading
import time
from datetime import UTC

W, H = 1280, 720
BITS, BOX, PITCH = 10, 64, 72  # the bar code: bit k white in row 1 and black in row 2, or the reverse
CODE_FRAMES = 1 << BITS  # frame numbers repeat every minute (900 frames at 15 fps) < 1024


def code_filter(fps: int) -> str:
    """testsrc2 with its frame number (mod 1024) drawn as 10 boxes and their complement."""
    f = [f"testsrc2=size={W}x{H}:rate={fps}", f"drawbox=x=0:y=0:w={8 + PITCH * BITS}:h=160:color=black:t=fill"]
    for k in range(BITS):
        on = f"gte(mod(n,{2 << k}),{1 << k})"
        f.append(f"drawbox=x={8 + PITCH * k}:y=8:w={BOX}:h={BOX}:color=white:t=fill:enable='{on}'")
        f.append(f"drawbox=x={8 + PITCH * k}:y=88:w={BOX}:h={BOX}:color=white:t=fill:enable='not({on})'")
    return ",".join(f)


_out = threading.Lock()


def emit(**obj) -> None:
    with _out:  # libVLC's threads and ours write lines too
        print(json.dumps(obj), flush=True)


def commands(handle) -> None:
    """Each stdin line to handle(words); EOF ends the process."""
    for line in sys.stdin:
        if line.strip():
            handle(line.split())
    emit(ev="eof", t=time.time())


_managers: list = []


def watch_events(player, tag: str) -> None:
    """Log libVLC's events on its own thread. python-vlc keeps one callback per event type per
    EventManager object and player.event_manager() is memoised: a second wrapper of the same
    manager leaves the engine's own callbacks in place."""
    import vlc
    em = vlc.EventManager(player.event_manager()._as_parameter_.value)
    _managers.append(em)  # its ctypes callback must outlive this call, or libVLC calls freed memory
    for kind in ("MediaPlayerEndReached", "MediaPlayerPlaying", "MediaPlayerVout", "MediaPlayerOpening",
                 "MediaPlayerEncounteredError"):
        em.event_attach(getattr(vlc.EventType, kind), lambda e, k=kind: emit(ev=k, who=tag, t=time.time()))


# -- the floor: bare libVLC -----------------------------------------------------------------------

def floor_main(spec: dict) -> None:
    """What the engine does, without Qt: set_time within the playing file, a new media with
    :start-time otherwise, and the next file opened from a plain thread when one ends."""
    import queue

    import vlc

    from bench.client_bench import VLC_ARGS, x_windows
    [win] = x_windows([[0, 0, W, H]])
    inst = vlc.Instance(VLC_ARGS + spec.get("extra_args", []))
    player = inst.media_player_new()
    player.set_xwindow(win)
    files, current = spec["files"], [None]
    watch_events(player, "floor")
    ends: queue.Queue = queue.Queue()
    player.event_manager().event_attach(vlc.EventType.MediaPlayerEndReached, lambda _e: ends.put(1))

    def open_file(i: int, offset: float) -> None:
        current[0] = i
        media = inst.media_new_path(files[i])
        if offset > 0.05:
            media.add_option(f":start-time={offset:.3f}")
        for opt in spec.get("media_options", []):
            media.add_option(opt)
        player.set_media(media)
        player.play()

    def next_file() -> None:
        while True:
            ends.get()
            if current[0] is not None and current[0] + 1 < len(files):
                emit(ev="next_file", who="floor", t=time.time())
                open_file(current[0] + 1, 0.0)
                emit(ev="next_opened", who="floor", t=time.time())

    threading.Thread(target=next_file, daemon=True).start()

    def handle(words: list[str]) -> None:
        i, offset = int(words[1]), float(words[2])
        if spec.get("snap_s"):  # to the keyframe at or before the target (the GOP's length)
            offset = math.floor(offset / spec["snap_s"] + 1e-6) * spec["snap_s"]
        t0 = time.time()
        if i == current[0] and player.get_length() > 0 and player.is_playing():
            player.set_time(int(offset * 1000))
        else:
            open_file(i, offset)
        emit(cmd=words[0], t0=t0, t1=time.time())

    emit(ev="ready", t=time.time())
    commands(handle)


# -- the client: the real engine -------------------------------------------------------------------

def client_main(spec: dict) -> None:
    from datetime import datetime, timedelta

    from PySide6.QtCore import QObject, Qt, QTimer, Signal
    from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

    from vms_desktop.playback.engine import PlaybackEngine
    from vms_desktop.playback.player_window import VideoStack
    from vms_desktop.playback.timemap import windowed
    from vms_desktop.vlc_player import vlc_instance

    app = QApplication([])
    vlc_instance()  # the app's libVLC instance exists before the double-click
    win = QWidget(None, Qt.Window)
    win.setGeometry(0, 0, W, H)
    box = QVBoxLayout(win)
    box.setContentsMargins(0, 0, 0, 0)
    stack = VideoStack(win)
    box.addWidget(stack)
    urls = spec.get("urls")  # the files over HTTP (bench.playback_http_bench), else the files themselves
    windows = spec.get("windows")  # with urls: played in windows, as the player window plays the recorder's

    client = None
    if spec.get("fingerprint"):  # over TLS, read through the pinned session as the client does
        from vms_api.client import RecorderClient
        base = urls[0].rsplit("/", 1)[0]
        client = RecorderClient(base, fingerprint=spec["fingerprint"])

    def url_of(span):
        if not urls:
            return span.path
        url = urls[span.id - 1] + (f"/w/{span.window}" if span.window is not None else "")
        if client is None:
            return url
        from vms_api.recorder_stream import RecorderStream
        return RecorderStream(client, url.removeprefix(client.base))

    engine = PlaybackEngine(url_of, lambda _span: False, win)
    engine.show_in(*stack.surfaces)
    engine.notice.connect(lambda text: emit(ev="notice", who="client", t=time.time(), text=text))

    def timed(name, call):
        def run(*args):
            t0 = time.time()
            out = call(*args)
            emit(ev=name, who="client", t=t0, took=time.time() - t0)
            return out
        return run

    for vlc in engine.players:  # both of the engine's players take turns on screen
        raw = vlc.libvlc_player
        watch_events(raw, "client")
        vlc.ended.connect(lambda: emit(ev="ended_slot", who="client", t=time.time()))
        raw.set_media = timed("set_media", raw.set_media)  # this process's players only
        raw.play = timed("play", raw.play)
    t0 = datetime(2030, 1, 1, tzinfo=UTC)
    spans, start, file_starts = [], t0, []
    for i, (path, duration) in enumerate(zip(spec["files"], spec["durations"])):
        spans += windowed(i + 1, start, start + timedelta(seconds=duration), path, windows[i] if windows else [])
        file_starts.append(start)
        start += timedelta(seconds=duration)
    engine.set_spans(spans)
    win.show()

    class Relay(QObject):
        line = Signal(list)

    def handle(words: list[str]) -> None:
        t = file_starts[int(words[1])] + timedelta(seconds=float(words[2]))
        t_0 = time.time()
        engine.seek(t)
        emit(cmd=words[0], t0=t_0, t1=time.time())

    relay = Relay()
    relay.line.connect(handle)  # queued: the engine is driven on the GUI thread, as by a click
    threading.Thread(target=commands, args=(relay.line.emit,), daemon=True).start()
    QTimer.singleShot(300, lambda: emit(ev="ready", t=time.time()))  # mapped and painted black
    app.exec()


# -- the screen ------------------------------------------------------------------------------------

def watch_main(spec: dict) -> None:
    """Poll the bar code's centres as fast as a grab allows; print [t, frame] on every change
    (frame null: no valid code, e.g. black or a torn picture)."""
    from PySide6.QtGui import QGuiApplication
    app = QGuiApplication([])
    screen = app.primaryScreen()
    x0, y0 = spec.get("origin", [0, 0])
    centres = [8 + PITCH * k + BOX // 2 for k in range(BITS)]
    last, pause = -2, spec.get("pause_s", 0.003)
    while True:
        t = time.time()
        img = screen.grabWindow(0, x0, y0, 8 + PITCH * BITS, 160).toImage()
        tm = (t + time.time()) / 2
        code = 0
        for k, x in enumerate(centres):
            top, bottom = (img.pixel(x, 40) >> 8) & 255 > 128, (img.pixel(x, 120) >> 8) & 255 > 128
            if top == bottom:
                code = None
                break
            code |= top << k
        if code != last:
            print(json.dumps([round(tm, 4), code]), flush=True)
            last = code
        time.sleep(pause)


# -- the timeline ----------------------------------------------------------------------------------

def timeline_main(spec: dict) -> None:
    """Repaints of a shown Timeline, three ways: the playhead moved (five times a second while
    playing), the view changed (wheel, pan, drag: zoom(1.0) redraws the same full-day view), and
    new data (the 10 s refresh: set_data, then the paint). Only the time of each is measured."""
    import random
    import statistics
    from datetime import date, timedelta

    from PySide6.QtWidgets import QApplication

    from vms_desktop.playback.timeline import KIND_COLORS, Timeline
    from vms_desktop.playback.timemap import local_day

    app = QApplication([])
    rng = random.Random(7)
    tz = timezone_here()
    start, end = local_day(date.today(), tz)
    day_s = (end - start).total_seconds()
    cuts = sorted(rng.uniform(0, day_s) for _ in range(2 * spec["runs"]))
    runs = [(start + timedelta(seconds=a), start + timedelta(seconds=b)) for a, b in zip(cuts[::2], cuts[1::2])]
    kinds = list(KIND_COLORS) + ["other"]
    events = []
    for _ in range(spec["events"]):
        s = start + timedelta(seconds=rng.uniform(0, day_s))
        events.append({"start": s, "end": s + timedelta(seconds=rng.uniform(1, 120)) if rng.random() < 0.5 else None,
                       "kind": rng.choice(kinds), "label": None})
    events.sort(key=lambda e: e["start"])
    tl = Timeline(tz)
    tl.resize(spec["width"], 86)
    tl.set_day(start, end)
    tl.set_data(runs, events)
    noon = start + timedelta(hours=12)
    tl.set_playhead(noon)
    tl.show()
    for _ in range(5):
        app.processEvents()
    out = {}
    for name, change in (("playhead", lambda i: tl.set_playhead(noon + timedelta(seconds=0.2 * i))),
                         ("view_change", lambda i: tl.zoom(1.0, noon)),
                         ("set_data", lambda i: tl.set_data(runs, events))):
        times = []
        for i in range(spec["paints"]):
            t = time.perf_counter()
            change(i)
            tl.repaint()
            times.append(time.perf_counter() - t)
        out[name + "_ms"] = round(1000 * statistics.median(times), 3)
        out[name + "_max_ms"] = round(1000 * max(times), 3)
    emit(**out, runs=len(runs), events=len(events), width=tl.width())


def timezone_here():
    from datetime import datetime
    return datetime.now().astimezone().tzinfo


if __name__ == "__main__":
    {"floor": floor_main, "client": client_main, "watch": watch_main,
     "timeline": timeline_main}[sys.argv[1]](json.loads(sys.argv[2]))
