"""PyInstaller runtime hook of vms-desktop: point python-vlc at the bundled libVLC and its
plugins before anything imports vlc. Without a bundled libVLC nothing is set, and python-vlc
looks for the system's as it does when run from source."""

import os
import sys


def _use_bundled_vlc() -> None:
    base = getattr(sys, "_MEIPASS", None)
    if base is None:
        return
    lib = os.path.join(base, "libvlc.dll" if sys.platform == "win32" else "libvlc.so.5")
    plugins = os.path.join(base, "vlc", "plugins")
    if os.path.isfile(lib) and os.path.isdir(plugins):
        os.environ["PYTHON_VLC_LIB_PATH"] = lib
        os.environ["PYTHON_VLC_MODULE_PATH"] = plugins
        # python-vlc passes the plugin folder on to libVLC on Windows and macOS only
        os.environ["VLC_PLUGIN_PATH"] = plugins


_use_bundled_vlc()
