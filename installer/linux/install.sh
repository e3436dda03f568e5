#!/bin/sh
# Install VMS Desktop from this unpacked folder.
#   ./install.sh                 for you (~/.local/opt/vms-desktop, commands in ~/.local/bin),
#                                or for everyone when run as root (/opt/vms-desktop, /usr/local/bin)
#   ./install.sh --user          for you, even as root
#   ./install.sh --system        as root: for everyone, and the recorder as a system service
#                                (vms-recorder.service, account vms-recorder, data in
#                                /var/lib/vms-desktop) that starts at boot, before anyone logs in
#   ./install.sh --autostart     also start the recorder at login (vms-desktop --start-recorder)
#   ./install.sh --uninstall     remove the program, and the service if installed (as root);
#                                recordings and settings stay, the service's too
#   ./install.sh --uninstall --purge   also delete the service's recordings (/var/lib/vms-desktop)
# VMS_INSTALL_ROOT=DIR installs the system parts under DIR instead of / (a staging root, as
# DESTDIR does): no root needed, and systemctl only enables the unit inside DIR.
set -eu

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="${VMS_INSTALL_ROOT:-}"
MODE=user
[ "$(id -u)" -ne 0 ] || MODE=system
ACTION=install
AUTOSTART=no
SERVICE=no
PURGE=no
for arg in "$@"; do
  case "$arg" in
    --user) MODE=user ;;
    --system) MODE=system SERVICE=yes ;;
    --autostart) AUTOSTART=yes ;;
    --uninstall) ACTION=uninstall ;;
    --purge) PURGE=yes ;;
    *) echo "usage: ./install.sh [--user|--system] [--autostart] [--uninstall [--purge]]" >&2; exit 2 ;;
  esac
done
if [ "$PURGE" = yes ] && [ "$ACTION" != uninstall ]; then
  echo "--purge goes with --uninstall" >&2; exit 2
fi
if [ "$MODE" = system ]; then
  TARGET=/opt/vms-desktop DEST="$ROOT/opt/vms-desktop" BIN="$ROOT/usr/local/bin"
  APPS="$ROOT/usr/local/share/applications" STARTUP="$ROOT/etc/xdg/autostart"
else
  TARGET="$HOME/.local/opt/vms-desktop" DEST="$HOME/.local/opt/vms-desktop" BIN="$HOME/.local/bin"
  APPS="${XDG_DATA_HOME:-$HOME/.local/share}/applications" STARTUP="${XDG_CONFIG_HOME:-$HOME/.config}/autostart"
fi
# DEST: where the files go; TARGET: where they are run from (the same but in a staging root)
UNIT=vms-recorder.service
UNIT_FILE="$ROOT/etc/systemd/system/$UNIT"
ACCOUNT=vms-recorder
STATE=/var/lib/vms-desktop  # the unit's StateDirectory
if [ "$SERVICE" = yes ] && [ -z "$ROOT" ] && [ "$(id -u)" -ne 0 ]; then
  echo "--system installs a system service: run it as root (sudo ./install.sh --system)" >&2; exit 1
fi

systemd_running() { [ -d "$ROOT/run/systemd/system" ]; }
systemctl_() {  # inside a staging root only the unit's links are made (systemctl --root)
  if [ -n "$ROOT" ] && ! systemd_running; then systemctl --root="$ROOT" "$@"; else systemctl "$@"; fi
}

refresh_menu() {
  if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q "$APPS" || true; fi
}

RESTART=no
stop_recorder() {  # a running recorder finishes its files before its program goes away
  if [ -x "$DEST/vms-desktop" ]; then
    case "$("$DEST/vms-desktop" --stop-recorder 2>/dev/null || true)" in *stopped*) RESTART=yes ;; esac
  fi
}

has_service() { [ -f "$UNIT_FILE" ]; }
has_account() {
  if [ -n "$ROOT" ]; then grep -q "^$ACCOUNT:" "$ROOT/etc/passwd" 2>/dev/null; else getent passwd "$ACCOUNT" >/dev/null; fi
}

stop_service() {  # before its program is replaced; the recorder finishes its files on SIGTERM
  if has_service && systemd_running; then systemctl stop "$UNIT" || true; fi
}

install_service() {
  if ! has_account; then
    # its own account, no login, no home of its own: it owns only its state directory
    useradd ${ROOT:+--root "$ROOT"} --system --no-create-home --home-dir "$STATE" --shell /usr/sbin/nologin --user-group "$ACCOUNT"
  fi
  mkdir -p "$(dirname "$UNIT_FILE")"
  sed -e "s|@DEST@|$TARGET|g" "$DEST/$UNIT" > "$UNIT_FILE.new"
  chmod 0644 "$UNIT_FILE.new"
  mv "$UNIT_FILE.new" "$UNIT_FILE"
  if systemd_running; then
    systemctl daemon-reload
    systemctl enable --now "$UNIT"
    echo "The recorder runs as the service $UNIT (account $ACCOUNT); it starts at every boot."
  else
    systemctl_ enable "$UNIT"
    echo "The recorder is installed as the service $UNIT (account $ACCOUNT); systemd is not running" \
      "here, so it starts at the next boot."
  fi
  echo "Its recordings and settings are in $STATE (readable only by $ACCOUNT); see its log with" \
    "journalctl -u $UNIT."
}

remove_service() {
  if systemd_running; then systemctl disable --now "$UNIT" || true; else systemctl_ disable "$UNIT" || true; fi
  rm -f "$UNIT_FILE"
  if systemd_running; then systemctl daemon-reload; fi
  if has_account; then userdel ${ROOT:+--root "$ROOT"} "$ACCOUNT"; fi
  if [ "$PURGE" = yes ]; then
    rm -rf "$ROOT$STATE"
    echo "The service $UNIT is removed, and its recordings in $STATE are deleted (--purge)."
  else
    # kept for root alone: the account's number is free now and may be given to another
    # account; a new install hands the folder back to the recorder (systemd's StateDirectory)
    if [ -d "$ROOT$STATE" ]; then chown -R 0:0 "$ROOT$STATE"; fi
    echo "The service $UNIT is removed; its recordings and settings are kept in $STATE" \
      "(./install.sh --uninstall --purge deletes them)."
  fi
}

if [ "$ACTION" = uninstall ]; then
  if has_service; then
    if [ -z "$ROOT" ] && [ "$(id -u)" -ne 0 ]; then
      echo "The recorder service stays installed: remove it as root (sudo ./install.sh --uninstall)."
    else
      remove_service
    fi
  fi
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
  [ "$MODE" = user ] || stop_service
  rm -rf "$DEST"
  mv "$DEST.new" "$DEST"  # a half-copied folder never replaces a working one
fi
mkdir -p "$BIN" "$APPS"
ln -sf "$TARGET/vms-desktop" "$BIN/vms-desktop"
ln -sf "$TARGET/vms-recorder" "$BIN/vms-recorder"
# Absolute paths: the desktop session's PATH often lacks ~/.local/bin
sed -e "s|^Exec=.*|Exec=\"$TARGET/vms-desktop\"|" -e "s|^Icon=.*|Icon=$TARGET/vms-desktop.png|" \
  "$DEST/vms-desktop.desktop" > "$APPS/vms-desktop.desktop"
if [ "$AUTOSTART" = yes ]; then
  mkdir -p "$STARTUP"
  cat > "$STARTUP/vms-recorder.desktop" <<EOT
[Desktop Entry]
Type=Application
Name=VMS Recorder
Comment=Keeps the cameras recording (VMS Desktop)
Exec="$TARGET/vms-desktop" --start-recorder
Icon=$TARGET/vms-desktop.png
Terminal=false
EOT
fi
refresh_menu
if [ "$RESTART" = yes ]; then "$DEST/vms-desktop" --start-recorder >/dev/null 2>&1 || true; fi
echo "VMS Desktop installed in $DEST; start it from the menu or with $BIN/vms-desktop"
if [ "$SERVICE" = yes ]; then install_service; fi
