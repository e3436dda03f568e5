#!/usr/bin/env bash
# Build the packaged app: ONE folder holding vms-desktop and vms-recorder with FFmpeg, libVLC,
# the translations, resources and migrations (installer/vms.spec), and on Linux a tarball of
# it with install.sh, a desktop entry, the recorder service's unit and the icon:
#   installer/build.sh [--dist DIR] [--work DIR]
#   DIR/vms-desktop/                                   the folder (dist/ by default)
#   DIR/vms-desktop-<version>-linux-<machine>.tar.gz   the tarball (machine: x86_64, aarch64...)
# Uses the project's virtual environment (installer/dev.sh makes it) and installs PyInstaller
# into it when missing. On Windows run the spec, then Inno Setup (installer/windows/).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VMS_VENV:-$ROOT/.venv}"
DIST="$ROOT/dist"
WORK="$ROOT/build"
while (($#)); do
  case "$1" in
    --dist) DIST="$(realpath -m "$2")"; shift 2 ;;
    --work) WORK="$(realpath -m "$2")"; shift 2 ;;
    *) echo "usage: installer/build.sh [--dist DIR] [--work DIR]" >&2; exit 2 ;;
  esac
done
cd "$ROOT"

PY="$VENV/bin/python"
if [ ! -x "$PY" ]; then
  echo "No virtual environment in $VENV: run installer/dev.sh test (or run) once first." >&2
  exit 1
fi
if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
  echo "Installing PyInstaller into $VENV"
  "$PY" -m pip install -q -e ".[build]"
fi
# PyInstaller reads the libraries' headers with binutils' objdump on Linux
command -v objdump >/dev/null || { echo "objdump missing: install binutils" >&2; exit 1; }

VERSION="$("$PY" -c 'from recorder import __version__; print(__version__)')"
APP="$DIST/vms-desktop"
began=$SECONDS
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath "$DIST" --workpath "$WORK" installer/vms.spec

# What a Linux desktop needs beside the programs; install.sh puts it all in place.
cp installer/linux/install.sh installer/linux/vms-desktop.desktop installer/linux/vms-recorder.service "$APP/"
cp "$WORK/vms/icons/vms-desktop.png" "$APP/"
chmod +x "$APP/install.sh"
TARBALL="$DIST/vms-desktop-$VERSION-linux-$(uname -m).tar.gz"
tar -C "$DIST" -czf "$TARBALL" vms-desktop
echo "Built in $((SECONDS - began)) s:"
echo "  $APP ($(du -sh "$APP" | cut -f1))"
echo "  $TARBALL ($(du -sh "$TARBALL" | cut -f1))"
