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
    p.add_argument("--smoke-test", nargs="?", const="", default=None, metavar="MEDIA",
                   help="open the main window, check libVLC and FFmpeg load (and play MEDIA, a file or URL, "
                        "when given), print where they were loaded from, and exit")
    control = p.add_mutually_exclusive_group()
    control.add_argument("--start-recorder", action="store_true",
                         help="start the recorder for the data dir unless it runs, without a window (e.g. at login)")
    control.add_argument("--stop-recorder", action="store_true",
                         help="have the data dir's recorder finish its files and exit (e.g. before an update)")
    return p.parse_args(argv)


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


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.start_recorder or args.stop_recorder:
        return control_recorder(args.data_dir, start=args.start_recorder)
    from PySide6.QtWidgets import QApplication

    from vms_api.local import DataDir, default_data_dir
    from vms_desktop.main_window import MainWindow
    from vms_desktop.recorder_link import RecorderSupervisor
    from vms_desktop.settings import client_settings, install_language
    from vms_desktop.theme import apply_dark_theme

    app = QApplication(sys.argv[:1])
    app.setApplicationName("VMS Desktop")
    app.setApplicationVersion(__version__)
    app.setQuitOnLastWindowClosed(True)
    apply_dark_theme(app)
    settings = client_settings()
    install_language(app, str(settings.value("language", "system")))
    data = DataDir(args.data_dir or default_data_dir())
    # The password only from the environment (never argv, which every user can read).
    supervisor = RecorderSupervisor(data, demo=args.demo, user=args.user,
                                    password=os.environ.get("VMS_PASSWORD") if args.user else None)
    where = str(data.root)
    holder: dict = {}

    def open_window() -> MainWindow:
        window = MainWindow(supervisor, settings, where)
        window.language_chosen.connect(relanguage)
        holder["window"] = window
        return window

    def relanguage(choice: str) -> None:
        """Rebuild the window in the new language (every label is made through tr())."""
        old = holder["window"]
        install_language(app, choice)
        app.setQuitOnLastWindowClosed(False)
        old.close()
        old.deleteLater()
        open_window().show()
        app.setQuitOnLastWindowClosed(True)

    window = open_window()
    if args.smoke_test is not None:
        from vms_desktop import smoke_test

        return smoke_test.run(app, window, args.smoke_test)
    supervisor.start()
    window.show()
    code = app.exec()
    supervisor.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
