#!/usr/bin/env bash
# Set up a Debian/Ubuntu machine from nothing and run VMS Desktop from the source tree.
#   installer/dev.sh run     the app on the demo site: local test cameras, recording, live grid
#   installer/dev.sh recorder-demo   the demo site without the window (headless machines)
#   installer/dev.sh test    the whole test suite (it builds the packaged app too: tests/test_bundle.py)
#   installer/dev.sh lint    the code's own rules: ruff, and the layering (lint-imports)
#   installer/dev.sh bench   the benchmarks (JSON on stdout)
# Each call installs only what is missing: system packages, a virtual environment, the package.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VMS_VENV:-$ROOT/.venv}"
cd "$ROOT"

APT_PACKAGES=(
  ffmpeg                                   # recording and probing
  python3 python3-venv python3-pip         # our environment
  python3-gi gir1.2-gst-rtsp-server-1.0 python3-gi-cairo  # the local RTSP test cameras
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-ugly
  gstreamer1.0-plugins-bad gstreamer1.0-libav gstreamer1.0-x   # -x: clockoverlay (pango)
  libvlc5 vlc-plugin-base vlc-plugin-video-output   # playback in the client
  xvfb xauth libxcb-cursor0 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3  # Qt on X11 / Xvfb
  libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-xinerama0 libxcb-shape0
  libxcb-randr0 libxcb-xkb1 fonts-dejavu-core
  binutils libpython3-dev                  # the packaged app: PyInstaller's objdump, a shared libpython
)

need_apt() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "Installing system packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

need_venv() {
  local py="${VMS_PYTHON:-python3}"
  if [ ! -x "$VENV/bin/python" ]; then
    echo "Creating the virtual environment in $VENV"
    "$py" -m venv "$VENV"
  fi
  # Reinstall when the project's requirements change, not on every call.
  local stamp="$VENV/.vms-installed" want
  want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e ".[test,build]"
    echo "$want" > "$stamp"
  fi
}

cmd="${1:-run}"
shift || true
need_apt
need_venv
export PATH="$VENV/bin:$PATH"
case "$cmd" in
  run)
    # The demo site lives in its own data dir so it never mixes with a real site's.
    export VMS_DATA_DIR="${VMS_DATA_DIR:-$HOME/.local/share/vms-desktop-demo}"
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      echo "No display here: the window cannot open. For the demo without a window use:" >&2
      echo "  installer/dev.sh recorder-demo" >&2
      exit 1
    fi
    echo "Demo site data: $VMS_DATA_DIR"
    echo "Closing the window leaves the demo recording; Site → Quit and stop recording ends it."
    exec vms-desktop --demo "$@"
    ;;
  recorder-demo)
    export VMS_DATA_DIR="${VMS_DATA_DIR:-$HOME/.local/share/vms-desktop-demo}"
    echo "Demo site data: $VMS_DATA_DIR (Ctrl-C stops it)"
    exec vms-recorder demo "$@"
    ;;
  test)
    exec python -m pytest "$@"
    ;;
  lint)
    ruff check .
    exec lint-imports
    ;;
  bench)
    exec python -m bench "$@"
    ;;
  *)
    echo "usage: installer/dev.sh run|recorder-demo|test|lint|bench [args]" >&2
    exit 2
    ;;
esac
