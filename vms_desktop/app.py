"""vms-desktop: the client. Starts the recorder for its data dir when none runs, shows the
live grid, and leaves the recorder recording when it closes."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from vms_desktop import __version__

log = logging.getLogger("vms_desktop")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="vms-desktop", description="VMS Desktop: live cameras, recordings, clips.")
    p.add_argument("--version", action="version", version=f"vms-desktop {__version__}")
    p.add_argument("--data-dir", type=Path, default=None,
                   help="the site's data folder (default: VMS_DATA_DIR or the user data folder)")
    p.add_argument("--demo", action="store_true",
                   help="run the demo site: local test cameras recording, no real camera needed")
    p.add_argument("--user", metavar="NAME",
                   help="log in as NAME: with the password in VMS_PASSWORD (for scripts), else the login "
                        "screen asks for it")
    p.add_argument("--server", metavar="https://HOST:PORT",
                   help="a recorder on the site's network (TLS); the first connection shows its certificate "
                        "to compare and pins it")
    p.add_argument("--fingerprint", metavar="SHA256",
                   help="pin the --server certificate to this fingerprint without asking (scripted installs; "
                        "also VMS_FINGERPRINT)")
    p.add_argument("--playback", type=_camera_ids, metavar="CAMERA_ID[,ID...]",
                   help="open this camera's player once logged in, or synchronized playback of several (up "
                        "to 16, e.g. 1,2,3,4); with --at: paused at that instant")
    p.add_argument("--at", type=_instant, metavar="ISO_TIME",
                   help="the instant for --playback, e.g. 2026-01-14T14:02:10 (local time unless a zone is given)")
    p.add_argument("--smoke-test", nargs="?", const="", default=None, metavar="MEDIA",
                   help="open the main window, check libVLC and FFmpeg load (and play MEDIA, a file or URL, "
                        "when given), print where they were loaded from, and exit")
    control = p.add_mutually_exclusive_group()
    control.add_argument("--start-recorder", action="store_true",
                         help="start the recorder for the data dir unless it runs, without a window (e.g. at login)")
    control.add_argument("--stop-recorder", action="store_true",
                         help="have the data dir's recorder finish its files and exit (e.g. before an update)")
    return p.parse_args(argv)


def _camera_ids(text: str) -> list[int]:
    try:
        ids = [int(x) for x in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not camera ids separated by commas: {text!r}") from None
    if not 1 <= len(ids) <= 16 or len(set(ids)) != len(ids):
        raise argparse.ArgumentTypeError(f"1 to 16 different cameras, not {text!r}")
    return ids


def _instant(text: str):
    from datetime import datetime

    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date and time: {text!r}") from None
    return when if when.tzinfo else when.astimezone()  # local time, as the operator reads clocks


def control_recorder(data_dir: Path | None, start: bool) -> int:
    """--start-recorder / --stop-recorder: no window, for login items and installers."""
    from vms_api.local import DataDir, default_data_dir
    from vms_desktop.recorder_link import RecorderError, ensure_recorder, stop_recorder

    data = DataDir(data_dir or default_data_dir())
    try:
        if start:
            print(f"the recorder runs for {data.root} (pid {ensure_recorder(data)})")
        else:
            print(f"the recorder for {data.root} {'stopped' if stop_recorder(data) else 'was not running'}")
    except (RecorderError, OSError) as e:
        log.error("%s", e)
        return 1
    return 0


def choose_recorder(args, settings):
    """The supervisor of the recorder this window shows, or None when the user cancelled:
    --server (across the site's network, pinned), else the system service of this machine,
    else our own recorder for the data dir (the demo's, or a per-user install's)."""
    from vms_api.client import normal_fingerprint
    from vms_api.local import DataDir, default_data_dir, service_info
    from vms_desktop.recorder_link import RecorderSupervisor
    from vms_desktop.session.connect_dialog import ConnectDialog, normal_url, pin, pinned, remember

    # The password only from the environment (never argv, which every user can read).
    password = os.environ.get("VMS_PASSWORD") if args.user else None
    if args.server:
        url = normal_url(args.server)
        given = args.fingerprint or os.environ.get("VMS_FINGERPRINT")
        if given:  # a scripted install pins it without asking
            pin(settings, url, normal_fingerprint(given))
        fingerprint = pinned(settings, url)
        if fingerprint is None:  # first connection: the user compares and trusts it
            dialog = ConnectDialog(settings, url, args.user or "")
            if dialog.exec() != ConnectDialog.Accepted:
                return None
            remote = dialog.remote
            return RecorderSupervisor(server=remote.url, fingerprint=remote.fingerprint, user=remote.user,
                                      password=remote.password or password)
        remember(settings, url)
        return RecorderSupervisor(server=url, fingerprint=fingerprint, user=args.user, password=password)
    if not args.demo and args.data_dir is None and "VMS_DATA_DIR" not in os.environ:
        info = service_info()
        if info is not None:  # the site's recorder runs as a service: a client of it, not its parent
            return RecorderSupervisor(server=f"http://{info['host']}:{info['port']}", user=args.user,
                                      password=password)
    return RecorderSupervisor(DataDir(args.data_dir or default_data_dir()), demo=args.demo, user=args.user,
                              password=password)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.start_recorder or args.stop_recorder:
        return control_recorder(args.data_dir, start=args.start_recorder)
    from PySide6.QtWidgets import QApplication

    from vms_api.client import ApiError
    from vms_desktop.main_window import MainWindow
    from vms_desktop.messages import error_text
    from vms_desktop.recorder_link import RecorderSupervisor
    from vms_desktop.session.connect_dialog import ConnectDialog
    from vms_desktop.settings import client_settings, install_language
    from vms_desktop.theme import apply_dark_theme

    app = QApplication(sys.argv[:1])
    app.setApplicationName("VMS Desktop")
    app.setApplicationVersion(__version__)
    app.setQuitOnLastWindowClosed(True)
    apply_dark_theme(app)
    settings = client_settings()
    install_language(app, str(settings.value("language", "system")))
    try:
        supervisor = choose_recorder(args, settings)
    except (ApiError, ValueError) as e:
        print(f"vms-desktop: {error_text(e)}", file=sys.stderr)
        return 2
    if supervisor is None:
        return 1
    holder: dict = {"supervisor": supervisor}

    def open_window() -> MainWindow:
        window = MainWindow(holder["supervisor"], settings)
        window.language_chosen.connect(relanguage)
        window.connect_requested.connect(reconnect)
        holder["window"] = window
        return window

    def replace_window() -> None:
        old = holder["window"]
        app.setQuitOnLastWindowClosed(False)
        old.close()
        old.deleteLater()
        open_window().show()
        app.setQuitOnLastWindowClosed(True)

    def relanguage(choice: str) -> None:
        """Rebuild the window in the new language (every label is made through tr())."""
        install_language(app, choice)
        replace_window()

    def reconnect() -> None:
        """Site → Connect to a recorder…: the same window program, another recorder."""
        dialog = ConnectDialog(settings, parent=holder["window"])
        if dialog.exec() != ConnectDialog.Accepted:
            return
        remote = dialog.remote
        holder["supervisor"].close()
        holder["supervisor"] = RecorderSupervisor(server=remote.url, fingerprint=remote.fingerprint,
                                                  user=remote.user, password=remote.password)
        replace_window()
        holder["supervisor"].start()

    window = open_window()
    if args.playback is not None:
        window.open_when_ready(args.playback, args.at)
    if args.smoke_test is not None:
        from vms_desktop import smoke_test

        return smoke_test.run(app, window, args.smoke_test)
    supervisor.start()
    window.show()
    code = app.exec()
    holder["supervisor"].close()
    return code


if __name__ == "__main__":
    sys.exit(main())
