#!/bin/sh
# Install VMS Desktop from this unpacked folder.
#   ./install.sh                 for you (~/.local/opt/vms-desktop, commands in ~/.local/bin),
#                                or for everyone when run as root (/opt/vms-desktop, /usr/local/bin)
#   ./install.sh --user | --system    choose explicitly
#   ./install.sh --autostart     also start the recorder at login (vms-desktop --start-recorder)
#   ./install.sh --uninstall     remove the program (recordings and settings stay)
set -eu

HERE="$(cd "$(dirname "$0")" && pwd)"
MODE=user
[ "$(id -u)" -ne 0 ] || MODE=system
ACTION=install
AUTOSTART=no
for arg in "$@"; do
  case "$arg" in
    --user) MODE=user ;;
    --system) MODE=system ;;
    --autostart) AUTOSTART=yes ;;
    --uninstall) ACTION=uninstall ;;
    *) echo "usage: ./install.sh [--user|--system] [--autostart] [--uninstall]" >&2; exit 2 ;;
  esac
done
if [ "$MODE" = system ]; then
  DEST=/opt/vms-desktop BIN=/usr/local/bin APPS=/usr/local/share/applications STARTUP=/etc/xdg/autostart
else
  DEST="$HOME/.local/opt/vms-desktop" BIN="$HOME/.local/bin"
  APPS="${XDG_DATA_HOME:-$HOME/.local/share}/applications" STARTUP="${XDG_CONFIG_HOME:-$HOME/.config}/autostart"
fi

refresh_menu() {
  if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q "$APPS" || true; fi
}

RESTART=no
stop_recorder() {  # a running recorder finishes its files before its program goes away
  if [ -x "$DEST/vms-desktop" ]; then
    case "$("$DEST/vms-desktop" --stop-recorder 2>/dev/null || true)" in *stopped*) RESTART=yes ;; esac
  fi
}

if [ "$ACTION" = uninstall ]; then
  stop_recorder
  rm -rf "$DEST"
  rm -f "$BIN/vms-desktop" "$BIN/vms-recorder" "$APPS/vms-desktop.desktop" "$STARTUP/vms-recorder.desktop"
  refresh_menu
  echo "VMS Desktop removed; the recordings and settings are still in your data folders."
  exit 0
fi

if [ "$HERE" != "$DEST" ]; then
  rm -rf "$DEST.new"
  mkdir -p "$(dirname "$DEST")"
  cp -a "$HERE" "$DEST.new"
  stop_recorder
  rm -rf "$DEST"
  mv "$DEST.new" "$DEST"  # a half-copied folder never replaces a working one
fi
mkdir -p "$BIN" "$APPS"
ln -sf "$DEST/vms-desktop" "$BIN/vms-desktop"
ln -sf "$DEST/vms-recorder" "$BIN/vms-recorder"
# Absolute paths: the desktop session's PATH often lacks ~/.local/bin
sed -e "s|^Exec=.*|Exec=\"$DEST/vms-desktop\"|" -e "s|^Icon=.*|Icon=$DEST/vms-desktop.png|" \
  "$DEST/vms-desktop.desktop" > "$APPS/vms-desktop.desktop"
if [ "$AUTOSTART" = yes ]; then
  mkdir -p "$STARTUP"
  cat > "$STARTUP/vms-recorder.desktop" <<EOT
[Desktop Entry]
Type=Application
Name=VMS Recorder
Comment=Keeps the cameras recording (VMS Desktop)
Exec="$DEST/vms-desktop" --start-recorder
Icon=$DEST/vms-desktop.png
Terminal=false
EOT
fi
refresh_menu
if [ "$RESTART" = yes ]; then "$DEST/vms-desktop" --start-recorder >/dev/null 2>&1 || true; fi
echo "VMS Desktop installed in $DEST; start it from the menu or with $BIN/vms-desktop"
