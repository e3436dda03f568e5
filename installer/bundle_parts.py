"""What goes into the PyInstaller bundle besides Python: FFmpeg, libVLC with the plugins the
client needs, and the data files. Used by installer/vms.spec.

Layout inside the bundle's contents folder (sys._MEIPASS), which the programs look in first:
    bin/ffmpeg, bin/ffprobe          recorder.ffmpeg.find_tool
    libvlc.so.5 or libvlc.dll, vlc/plugins/<kind>/...
                                     installer/rthook_vlc.py points python-vlc at them
On Linux the shared libraries of all of them land in the contents folder itself, which the
bootloader puts on LD_LIBRARY_PATH of both programs and so of their FFmpeg children. On
Windows FFmpeg's folder is copied as it is (a static build, or a shared one with its DLLs
beside the executables, where Windows looks first).

Where they come from: VMS_FFMPEG_DIR / VMS_VLC_DIR in the environment when set (e.g. an
unpacked FFmpeg build and a VLC installation on Windows), else the system's FFmpeg on PATH and
the system's libVLC.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

WINDOWS = sys.platform == "win32"
EXE = ".exe" if WINDOWS else ""

# The plugins for what the client plays: the recorder's live relay (H.264/H.265 in MPEG-TS
# over HTTP), segments and clips (MP4, read through libavformat), on an X11 window (Linux)
# or a window handle (Windows), with sound at any speed, and PNG snapshots. Everything
# else VLC ships (discs, streaming out, GUIs, Lua, visualisations...) stays out.
PLUGINS = {
    "access": ["filesystem", "http", "https", "tcp", "udp", "idummy"],
    "demux": ["ts", "mp4", "es", "h26x", "avformat", "mpgv", "ps"],
    "codec": ["avcodec", "png", "jpeg", "araw", "g711", "lpcm", "faad", "d3d11va", "dxva2"],
    "packetizer": ["h264", "hevc", "mpeg4audio", "mpeg4video", "mpegaudio", "copy", "avparser"],
    "video_output": ["xcb_x11", "xcb_xv", "xcb_window", "gl", "glx", "egl_x11", "vdummy", "vmem",
                     "drawable", "direct3d11", "direct3d9", "glwin32", "wgl", "wingdi"],
    "video_chroma": ["*"],
    "video_filter": ["deinterlace", "scale"],
    "audio_output": ["pulse", "alsa", "adummy", "mmdevice", "directsound", "waveout", "wasapi"],
    "audio_filter": ["audio_format", "scaletempo", "scaletempo_pitch", "speex_resampler", "ugly_resampler",
                     "trivial_channel_mixer", "simple_channel_mixer", "remap"],
    "audio_mixer": ["*"],
    "stream_filter": ["cache_read", "cache_block", "prefetch", "skiptags"],
    "misc": ["logger", "dbus_screensaver", "xdg_screensaver", "inhibit"],
    "logger": ["console_logger"],
    "text_renderer": ["freetype", "tdummy"],
}


def ffmpeg_files() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """FFmpeg and ffprobe into bin/, as (binaries, datas). Linux: binaries, so PyInstaller
    collects their shared libraries. Windows: datas, copied as they are with any DLLs of a
    shared build; as binaries their DLLs would be collected a second time at the top."""
    base = os.environ.get("VMS_FFMPEG_DIR")
    found = []
    for tool in ("ffmpeg", "ffprobe"):
        path = Path(base) / (tool + EXE) if base else Path(shutil.which(tool) or tool)
        if not path.is_file():
            raise SystemExit(f"{tool} not found: install FFmpeg or set VMS_FFMPEG_DIR")
        found.append((str(path.resolve()), "bin"))
    if not WINDOWS:
        return found, []
    return [], found + [(str(dll), "bin") for dll in Path(found[0][0]).parent.glob("*.dll")]


def _vlc_linux() -> tuple[Path, Path]:
    """libvlc.so.5 and the plugin folder (Debian: <libdir>/vlc/plugins)."""
    base = os.environ.get("VMS_VLC_DIR")
    if base:
        return Path(base) / "libvlc.so.5", Path(base) / "vlc" / "plugins"
    ldconfig = shutil.which("ldconfig") or "/sbin/ldconfig"  # not on a user's PATH everywhere
    out = subprocess.run([ldconfig, "-p"], capture_output=True, text=True).stdout
    ours = "x86-64" if platform.machine() == "x86_64" else ""  # not an i386 copy beside it
    for line in out.splitlines():
        name, _, path = line.strip().partition(" => ")
        if name.startswith("libvlc.so.5 ") and ours in name:
            lib = Path(path).resolve()
            return lib, lib.parent / "vlc" / "plugins"
    raise SystemExit("libVLC not found: install libvlc5 and vlc-plugin-base, or set VMS_VLC_DIR")


def _vlc_windows() -> tuple[list[Path], Path]:
    base = Path(os.environ.get("VMS_VLC_DIR") or Path(os.environ.get("ProgramFiles", r"C:\Program Files"))
                / "VideoLAN" / "VLC")
    libs = [base / "libvlc.dll", base / "libvlccore.dll"]
    if not all(p.is_file() for p in libs):
        raise SystemExit(f"libVLC not found in {base}: install VLC (64-bit) or set VMS_VLC_DIR")
    return libs, base / "plugins"


def vlc_binaries() -> list[tuple[str, str]]:
    if WINDOWS:
        libs, plugins = _vlc_windows()
        found = [(str(p), ".") for p in libs]
    else:
        lib, plugins = _vlc_linux()
        found = [(str(lib), ".")]
    suffix = ".dll" if WINDOWS else ".so"
    for kind, names in PLUGINS.items():
        for name in names:
            for path in sorted((plugins / kind).glob(f"lib{name}_plugin{suffix}")):
                found.append((str(path), f"vlc/plugins/{kind}"))
    if not any("avcodec" in src for src, _ in found):
        raise SystemExit(f"libVLC's plugins not found in {plugins}")
    return found


def data_files(root: Path) -> list[tuple[str, str]]:
    """Translations, resources (demo camera, icon) and the index's migrations, as sources:
    Alembic reads the migration scripts from files."""
    datas = [(str(p), "vms_desktop/i18n") for p in (root / "vms_desktop" / "i18n").glob("*.qm")]
    datas += [(str(p), "resources") for p in (root / "resources").iterdir() if p.is_file()]
    migrations = root / "recorder" / "index" / "migrations"
    for pattern in ("*.py", "*.mako", "versions/*.py"):
        for path in migrations.glob(pattern):
            datas.append((str(path), str(Path("recorder/index/migrations") / path.parent.relative_to(migrations))))
    return datas
