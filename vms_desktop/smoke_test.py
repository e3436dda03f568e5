"""`vms-desktop --smoke-test [MEDIA]`: the packaging check. Opens the main window, starts
libVLC and FFmpeg and prints where each was loaded from, so a test can tell a bundle that uses
its own copies from one that quietly falls back to the system's. With MEDIA (a file or a URL)
it also plays it until a picture shows (MEDIA should not be mostly black), which needs
libVLC's demux, decoder and video output plugins, not just the library."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
import time
from pathlib import Path

from vms_desktop import __version__

PLAY_TIMEOUT_S = 20.0
MIN_LIT = 0.25  # share of the window a (not mostly black) picture lights up


def run(app, window, media: str) -> int:
    window.show()
    app.processEvents()
    lines = [f"vms-desktop {__version__}: window {'ok' if window.isVisible() else 'FAILED'}"]
    vlc_ok = _check_vlc(app, media, lines)
    ffmpeg_ok = _check_ffmpeg(lines)
    tr_ok = _check_translations(lines)
    print("\n".join(lines), flush=True)
    return 0 if window.isVisible() and vlc_ok and ffmpeg_ok and tr_ok else 1


def _check_translations(lines: list[str]) -> bool:
    """Ours and Qt's own (standard buttons) load for every language we ship."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from vms_desktop.settings import I18N_DIR, LANGUAGES

    qt_dir = QLibraryInfo.path(QLibraryInfo.TranslationsPath)
    missing = []
    for lang in LANGUAGES:
        if lang in ("system", "en"):
            continue
        if not QTranslator().load(str(I18N_DIR / f"vms_desktop_{lang}.qm")):
            missing.append(f"{lang} (ours)")
        if not QTranslator().load(f"qtbase_{lang}", qt_dir):
            missing.append(f"{lang} (Qt's)")
    lines.append(f"translations: {'missing ' + ', '.join(missing) if missing else 'ok'} ({I18N_DIR}, {qt_dir})")
    return not missing


def _check_vlc(app, media: str, lines: list[str]) -> bool:
    from vms_desktop.vlc_player import VlcPlayer, vlc_library, vlc_version

    player = VlcPlayer()
    lines.append(f"libVLC {vlc_version()}: {_library_file(vlc_library())}")
    ok = True
    if media:
        ok = _play(app, player, media, lines)
    player.release()
    plugins = sorted({str(Path(p).parent.parent) for p in _mapped_files("_plugin.")})
    lines.append(f"libVLC plugins: {', '.join(plugins) or os.environ.get('VLC_PLUGIN_PATH', 'system')}")
    return ok


def _play(app, player, media: str, lines: list[str]) -> bool:
    """Play media in a small window of its own until the picture has a size and time runs."""
    from PySide6.QtWidgets import QWidget

    screen = QWidget()
    screen.setStyleSheet("background: black")  # so only a picture counts as lit
    screen.resize(320, 180)
    screen.show()
    app.processEvents()
    player.show_in(screen)
    if "://" in media:
        player.play_live(media)
    else:
        player.play_file(media)
    began = time.monotonic()
    shown = False
    while not shown and time.monotonic() - began < PLAY_TIMEOUT_S:
        app.processEvents()
        shown = player.video_size() != (0, 0) and (player.position_ms or 0) > 0
        time.sleep(0.05)
    width, height = player.video_size()
    lit = _lit_share(app, screen) if shown else 0.0
    lines.append(f"played {media}: {width}x{height} after {time.monotonic() - began:.1f} s, "
                 f"{lit:.0%} of the window lit" if shown
                 else f"played {media}: FAILED, no picture in {PLAY_TIMEOUT_S:g} s")
    player.stop()
    screen.close()
    # decoded but never drawn (no usable video output) leaves the window black
    return lit >= MIN_LIT


def _lit_share(app, widget) -> float:
    """How much of the widget's screen area is not black: the picture reached the window, not
    just a decoder (libVLC draws in its own child window, so grab the screen)."""
    from PySide6.QtGui import QGuiApplication

    deadline = time.monotonic() + 0.5  # a few more frames
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.05)
    corner = widget.mapToGlobal(widget.rect().topLeft())
    image = QGuiApplication.primaryScreen().grabWindow(0, corner.x(), corner.y(), widget.width(),
                                                       widget.height()).toImage()
    points = [(x, y) for y in range(0, image.height(), 6) for x in range(0, image.width(), 6)]
    lit = sum(1 for x, y in points if sum(image.pixelColor(x, y).getRgb()[:3]) > 60)
    return lit / max(len(points), 1)


def _check_ffmpeg(lines: list[str]) -> bool:
    # The one import of the recorder's code (pyproject.toml says why): FFmpeg found as the recorder finds it.
    from recorder.capture.ffmpeg import find_tool

    no_window = {"creationflags": subprocess.CREATE_NO_WINDOW} if os.name == "nt" else {}  # no console flashing
    ok = True
    for name in ("ffmpeg", "ffprobe"):
        tool = find_tool(name)
        out = subprocess.run([tool, "-hide_banner", "-version"], capture_output=True, text=True, timeout=30,
                             **no_window)
        version = out.stdout.split("\n", 1)[0] if out.returncode == 0 else "FAILED"
        lines.append(f"{name}: {tool} ({version})")
        ok = ok and out.returncode == 0
    codec = _linked_library(find_tool("ffmpeg"), "libavcodec")
    if codec:
        lines.append(f"ffmpeg libavcodec: {codec}")
    return ok


def _library_file(dll) -> str:
    """The file a ctypes library was loaded from (python-vlc may have loaded it by name)."""
    if os.name == "nt":
        path = ctypes.create_unicode_buffer(32768)
        if ctypes.windll.kernel32.GetModuleFileNameW(ctypes.c_void_p(dll._handle), path, len(path)):
            return path.value
    stem = os.path.basename(dll._name).split(".")[0] + "."  # libvlc.so.5: 'libvlc.', not libvlccore
    found = [p for p in _mapped_files(stem) if os.path.basename(p).startswith(stem)]
    return found[0] if found else dll._name


def _mapped_files(fragment: str) -> list[str]:
    """Files mapped into this process whose name holds fragment (Linux; elsewhere none)."""
    try:
        with open("/proc/self/maps") as f:
            paths = {parts[5].strip() for parts in (line.split(None, 5) for line in f) if len(parts) == 6}
    except OSError:
        return []
    return sorted(p for p in paths if fragment in os.path.basename(p))


def _linked_library(exe: str, name: str) -> str | None:
    """Where the dynamic loader finds a library of exe in our environment (glibc's ldd mode)."""
    if not sys.platform.startswith("linux"):
        return None
    out = subprocess.run([exe], env=dict(os.environ, LD_TRACE_LOADED_OBJECTS="1"), capture_output=True,
                         text=True, timeout=30)
    for line in out.stdout.splitlines():
        if line.strip().startswith(name) and "=>" in line:
            return line.split("=>", 1)[1].split("(")[0].strip()
    return None
