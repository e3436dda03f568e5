"""vms-recorder: run the recorder, manage cameras, look into the index (--json for scripts)."""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import logging.handlers
import math
import os
import sys
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

from recorder import __version__
from recorder.audit.cli import add_audit_parser, cmd_audit, record_command
from recorder.cameras.config import active_cameras, add_camera, get_camera, public, remove_camera, update_camera
from recorder.cameras.credentials import Vault, split_credentials
from recorder.errors import InputError, RecorderError
from recorder.index import queries
from recorder.index.db import database_url, get_plan, open_index, set_plan
from recorder.index.models import PLANS
from recorder.paths import DataDir, default_data_dir, read_runtime
from recorder.users.cli import add_user_parser, cmd_user
from vms_api.client import RECORDER_NOT_RUNNING, ApiError, RecorderClient
from vms_api.enums import AuditAction
from vms_api.errors import ErrorCode

MAX_ID = 2**63 - 1  # SQLite's largest integer


def _number(text: str, kind: type, what: str):
    try:
        return kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected {what}, not {text!r}") from None


def _whole(low: int, high: int | None = None):
    """A whole number from low (to high): the argument's type, refused in words otherwise."""
    span = f"from {low} to {high}" if high is not None else f"of at least {low}"

    def check(text: str) -> int:
        value = _number(text, int, f"a whole number {span}")
        if value < low or (high is not None and value > high):
            raise argparse.ArgumentTypeError(f"must be a whole number {span}, not {text}")
        return value
    return check


def _listen_address(text: str) -> str:
    from recorder.lan import parse_address

    try:
        parse_address(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    return text.strip()


def _listen_setting(text: str) -> str:
    return "off" if text.strip().lower() == "off" else _listen_address(text)


def _at_least(low: float, why: str = ""):
    """A number (fractions allowed) no smaller than low."""
    def check(text: str) -> float:
        value = _number(text, float, f"a number of at least {low:g}")
        if not (math.isfinite(value) and value >= low):
            raise argparse.ArgumentTypeError(f"must be at least {low:g}{why}, not {text}")
        return value
    return check


def _id(text: str) -> int:
    """A camera's, clip's or event's number."""
    value = _number(text, int, "a whole number from 1 up")
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 up, not {text}")
    if value > MAX_ID:
        raise argparse.ArgumentTypeError(f"{text} is too large for a number in the index")
    return value


def _segment_seconds(text: str) -> int:
    """60..3600; tests and benchmarks may ask for shorter segments (VMS_ALLOW_SHORT_SEGMENTS=1)."""
    return _whole(1, 3600)(text) if _test_mode() else _whole(60, 3600)(text)


def _stall_seconds(text: str) -> float:
    from recorder.capture.ffmpeg import PROGRESS_SECONDS

    return _at_least(2 * PROGRESS_SECONDS, f" (FFmpeg reports every {PROGRESS_SECONDS} s)")(text)


def _when(text: str) -> datetime:
    """An ISO time within the years the index holds (a year 1 would overflow on the way to UTC)."""
    try:
        return queries.in_range(datetime.fromisoformat(text))
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"{text!r}: {e}" if "years" in str(e)
                                         else f"expected an ISO time such as 2026-01-14T08:00, not {text!r}") from None


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="vms-recorder", description=__doc__)
    p.add_argument("--version", action="version", version=f"vms-recorder {__version__}")
    p.add_argument("--data-dir", type=Path, default=None, help="data folder (default: VMS_DATA_DIR or the user data dir)")
    p.add_argument("--db-url", default=None, help="database URL (default: SQLite vms.db in the data dir)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    # --json is also taken after the subcommand; unset there, it keeps the value given before it
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output")
    sub = _Subcommands(p.add_subparsers(dest="command", required=True), common)

    run = sub.add_parser("run", help="record all enabled cameras (foreground)")
    _recording_options(run, segment_seconds=3600)
    run.add_argument("--api-host", default="127.0.0.1")
    run.add_argument("--api-port", type=_whole(0, 65535), default=0, help="0 picks a free port, published in recorder.json")
    run.add_argument("--public-info", type=Path, metavar="FILE",
                     help="also publish the API's address, port and version (never the token) in FILE, "
                          "readable by every user: for a recorder run as a system service")
    run.add_argument("--listen", type=_listen_address, metavar="ADDRESS:PORT",
                     help="also serve the site's network here, over TLS (e.g. 0.0.0.0:8443); "
                          "default: the address stored by `vms-recorder listen`, else none")

    cam = sub.add_parser("camera", help="add, list, remove, enable or disable cameras")
    csub = _Subcommands(cam.add_subparsers(dest="action", required=True), common)
    add = csub.add_parser("add")
    add.add_argument("--name", required=True)
    add.add_argument("--url", required=True)
    add.add_argument("--sub-url")
    add.add_argument("--username", help="at a terminal, the password is asked for unless given below")
    pw = add.add_mutually_exclusive_group()
    pw.add_argument("--password", help="other users of this computer can see it while the command runs; "
                                       "prefer the prompt or --password-stdin")
    pw.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    add.add_argument("--retention-days", type=int)
    add.add_argument("--disabled", action="store_true")
    add.add_argument("--compress-after-days", type=int, help="re-encode footage older than this to H.265")
    _motion_args(add)
    motion = csub.add_parser("motion", help="motion detection settings of a camera (applied at once)")
    motion.add_argument("id", type=_id)
    _motion_args(motion)
    csub.add_parser("list")
    for action in ("remove", "enable", "disable"):
        csub.add_parser(action).add_argument("id", type=_id)

    seg = sub.add_parser("segments", help="indexed segments of a camera")
    seg.add_argument("--camera", type=_id, required=True)
    seg.add_argument("--from", dest="start", type=_when)
    seg.add_argument("--to", dest="end", type=_when)

    ev = sub.add_parser("events", help="list events, add one, or import detections from a CSV file")
    ev.add_argument("action", nargs="?", choices=("list", "add", "import"), default="list")
    ev.add_argument("file", nargs="?", type=Path, help="import: CSV with camera,time,kind,label[,confidence]")
    ev.add_argument("--camera", type=_id)
    ev.add_argument("--kind", help="list: one or more, comma-separated; add: e.g. plate, person, vehicle")
    ev.add_argument("--search", help="list: part of the label (e.g. a plate), any case")
    ev.add_argument("--from", dest="start", type=_when)
    ev.add_argument("--to", dest="end", type=_when)
    ev.add_argument("--time", type=_when, help="add: when it happened (local time unless a zone)")
    ev.add_argument("--label")
    ev.add_argument("--confidence", type=float)
    ev.add_argument("--snapshot", type=Path, help="add: a JPEG or PNG picture (at most 1 MB)")

    clip = sub.add_parser("clip", help="save, list and delete clips (kept forever)")
    clsub = _Subcommands(clip.add_subparsers(dest="action", required=True), common)
    make = clsub.add_parser("create", help="copy a range of a camera's footage into a clip")
    make.add_argument("--camera", type=_id, required=True)
    make.add_argument("--start", type=_when, required=True, help="ISO time; local if no zone")
    make.add_argument("--end", type=_when, required=True)
    make.add_argument("--name", required=True)
    make.add_argument("--notes")
    clsub.add_parser("list").add_argument("--camera", type=_id)
    clsub.add_parser("show").add_argument("id", type=_id)
    clsub.add_parser("delete").add_argument("id", type=_id)

    add_user_parser(sub)
    add_audit_parser(sub, _when, _id)
    sub.add_parser("status", help="per camera: state, current file, last error; disk usage")
    listen = sub.add_parser("listen", help="show or set where the recorder serves the site's network (TLS), "
                                           "from its next start")
    listen.add_argument("address", nargs="?", metavar="ADDRESS:PORT|off", type=_listen_setting)
    tls = sub.add_parser("tls", help="the certificate of the site's network socket")
    tls.add_argument("action", choices=["fingerprint"],
                     help="print its SHA-256 fingerprint, to compare with what a workstation shows")
    winsvc = sub.add_parser("windows-service", help="install, remove, start or stop the recorder as a Windows "
                                                    "service (as an administrator; Windows only)")
    winsvc.add_argument("action", choices=["install", "remove", "start", "stop", "run"])
    plan = sub.add_parser("plan", help="show or set the site plan")
    plan.add_argument("name", nargs="?", choices=sorted(PLANS))
    demo = sub.add_parser("demo", help="start local demo cameras and record them")
    demo.add_argument("--cameras", type=_whole(1), default=2)
    _recording_options(demo, segment_seconds=60)
    return p


class _Subcommands:
    """A subparsers action whose every subcommand also takes the common options (--json)."""

    def __init__(self, action, common: argparse.ArgumentParser):
        self.action, self.common = action, common

    def add_parser(self, name: str, **kw) -> argparse.ArgumentParser:
        return self.action.add_parser(name, parents=[self.common], **kw)


def _recording_options(p: argparse.ArgumentParser, segment_seconds: int) -> None:
    """What `run` and `demo` share: both end in the same recording loop."""
    p.add_argument("--segment-seconds", type=_segment_seconds, default=segment_seconds,
                   help=f"segment length, 60..3600 (default {segment_seconds})")
    p.add_argument("--stall-seconds", type=_stall_seconds, default=12.0,
                   help="restart FFmpeg after this long without video (at least 10)")
    p.add_argument("--backoff-max", type=_at_least(0.1), default=10.0, help="longest wait between reconnection attempts")
    p.add_argument("--sweep-hour", type=_whole(0, 23), default=3, help="local hour of the daily retention sweep (default 3)")
    p.add_argument("--min-free-mb", type=_at_least(0), help="free space to keep on the recordings disk "
                                                             "(default: the larger of 5 %% and two hours of recording)")
    p.add_argument("--guard-seconds", type=_at_least(0.1), default=10.0,
                   help="how often free space is checked (a camera that cannot write asks at once)")
    p.add_argument("--no-motion", action="store_true", help="no motion detection on any camera")


def _out(args, data, text: str) -> None:
    print(json.dumps(data, indent=2, default=str) if args.json else text)


class _DiskLog(logging.handlers.RotatingFileHandler):
    """The recorder's log, on the recordings' disk: when that disk is full, lines are dropped
    quietly (no traceback per line on stderr) and their number is told once writing works again."""

    lost = 0

    def emit(self, record: logging.LogRecord) -> None:
        if self.lost:
            lost, self.lost = self.lost, 0
            super().emit(logging.makeLogRecord({"name": __name__, "levelno": logging.WARNING,
                                                "levelname": "WARNING",
                                                "msg": f"{lost} log lines were lost: the disk was full"}))
            if self.lost:  # still full: only the notice was lost, not a line of ours
                self.lost = lost
        super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:
        self.lost += 1


def _setup_logging(data: DataDir, verbose: bool = True) -> None:
    logs = data.log_file.parent
    logs.mkdir(parents=True, exist_ok=True)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    file = _DiskLog(data.log_file, maxBytes=5_000_000, backupCount=5)
    console = logging.StreamHandler()
    root = logging.getLogger()
    for h in (file, console):
        h.setFormatter(fmt)
        root.addHandler(h)
    root.setLevel(logging.INFO if verbose else logging.WARNING)


def cmd_run(args, data: DataDir) -> int:
    from recorder.capture.camera_recorder import CaptureSettings
    from recorder.service import AlreadyRunning, ApiSettings, Recorder
    from recorder.storage.retention import GuardSettings

    _setup_logging(data)
    capture = CaptureSettings(segment_seconds=args.segment_seconds, stall_seconds=args.stall_seconds,
                              backoff_max=args.backoff_max, motion=not args.no_motion)
    guard = GuardSettings(args.sweep_hour, args.guard_seconds,
                          None if args.min_free_mb is None else int(args.min_free_mb * 1e6))
    api = ApiSettings(args.api_host, args.api_port,
                      getattr(args, "public_info", None),  # demo has none: its site is the user's own
                      getattr(args, "listen", None))
    try:
        rec = Recorder(data, capture, api, args.db_url, guard)
    except AlreadyRunning as e:
        print(f"error: {e}", file=sys.stderr)
        return 3
    try:
        rec.run()
    except Exception:
        # a recorder started by the client has no console: the log is where this is read
        logging.getLogger(__name__).exception("the recorder stopped on an error")
        raise
    return 0


def _test_mode() -> bool:
    """Tests and benchmarks may use segments shorter than a minute."""
    import os

    return os.environ.get("VMS_ALLOW_SHORT_SEGMENTS") == "1"


def _motion_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--motion", choices=("on", "off"), help="motion detection on or off (default on)")
    p.add_argument("--motion-sensitivity", type=int, help="1 (only big changes) .. 100 (any change); default 50")
    p.add_argument("--motion-mask", type=_mask, help="areas to ignore, as fractions of the picture: "
                                                     "'x,y,w,h;x,y,w,h' ('' for none)")


def _mask(text: str) -> list[list[float]]:
    try:
        return [[float(v) for v in area.split(",")] for area in text.split(";") if area.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected x,y,w,h;... with numbers, not {text!r}") from None


def _motion_changes(args) -> dict:
    changes = {"motion_enabled": None if args.motion is None else args.motion == "on",
               "motion_sensitivity": args.motion_sensitivity, "motion_mask": args.motion_mask}
    return {k: v for k, v in changes.items() if v is not None}


def _camera_password(args) -> str | None:
    """--password is on the command line, where every user can read it (ps): read it from
    stdin or ask for it instead."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n") or None
    if split_credentials(args.url)[2]:
        print("warning: a password in --url can be seen by other users of this computer; "
              "give --username alone and type it when asked, or use --password-stdin", file=sys.stderr)
    if args.password is not None:
        print("warning: --password can be seen by other users of this computer; "
              "use --password-stdin or leave it out to be asked", file=sys.stderr)
        return args.password
    if args.username and sys.stdin.isatty():
        return getpass.getpass(f"Password for {args.username} (none: Enter): ") or None
    return None


def cmd_camera(args, data: DataDir, sessions) -> int:
    vault = Vault(data.secret_file)
    change = None  # what the audit trail gets: (action, camera, detail)
    with sessions.begin() as s:
        if args.action == "add":
            cam = add_camera(s, vault, name=args.name, url=args.url, sub_url=args.sub_url,
                             username=args.username, password=_camera_password(args),
                             retention_days=args.retention_days, enabled=not args.disabled,
                             compress_after_days=args.compress_after_days, **_motion_changes(args))
            _out(args, public(cam), str(cam.id))
            change = AuditAction.CAMERA_ADDED, cam.id, {"name": cam.name}
        elif args.action == "motion":
            cam = update_camera(s, vault, get_camera(s, args.id), **_motion_changes(args))
            row = public(cam)
            _out(args, row, f"camera {cam.id}: motion {'on' if cam.motion_enabled else 'off'}, sensitivity "
                            f"{cam.motion_sensitivity}, {len(row['motion_mask'])} masked areas")
            change = AuditAction.CAMERA_CHANGED, cam.id, {"motion": sorted(_motion_changes(args))}
        elif args.action == "list":
            rows = [public(c) for c in active_cameras(s)]
            text = "\n".join(f"{r['id']:>3}  {'on ' if r['enabled'] else 'off'}  {r['name']:<24} {r['url']}"
                             + (f"  (user {r['username']})" if r["username"] else "") for r in rows)
            _out(args, rows, text or "no cameras")
        elif args.action == "remove":
            cam = remove_camera(s, args.id)
            _out(args, public(cam), f"camera {cam.id} removed; its recordings stay until retention")
            change = AuditAction.CAMERA_REMOVED, cam.id, {"name": cam.name}
        else:
            cam = get_camera(s, args.id)
            cam.enabled = args.action == "enable"
            _out(args, public(cam), f"camera {cam.id} {'enabled' if cam.enabled else 'disabled'}")
            change = AuditAction.CAMERA_CHANGED, cam.id, {"enabled": cam.enabled}
    if change:
        action, camera_id, detail = change
        record_command(sessions, action, camera_id=camera_id, detail=detail)
    return 0


def cmd_segments(args, sessions) -> int:
    from recorder.index import queries

    start, end = queries.period(args.start, args.end, default=timedelta(days=1))
    with sessions() as s:
        get_camera(s, args.camera)
        rows = [queries.segment_row(seg) for seg in queries.segments(s, args.camera, start, end, 1_000_000)]
    text = "\n".join(f"{datetime.fromisoformat(r['start']).astimezone():%Y-%m-%d %H:%M:%S}  "
                     f"{r['duration']:>8.1f} s  {r['bytes'] / 1e6:>8.1f} MB  {r['video_codec']:<5} "
                     f"{r['audio_codec'] or '-':<10} {r['path']}" for r in rows)
    _out(args, rows, text or "no recordings in that period")
    return 0


def cmd_events(args, data: DataDir, sessions) -> int:
    from recorder.events import store as events
    from recorder.index import queries

    if args.action in ("add", "import"):
        if args.action == "add" and (args.camera is None or args.time is None or not args.kind):
            raise InputError(ErrorCode.INVALID_INPUT, "events add needs --camera, --time and --kind")
        if args.action == "import" and args.file is None:
            raise InputError(ErrorCode.INVALID_INPUT, "events import needs a CSV file")
        try:
            with sessions.begin() as s:
                if args.action == "add":
                    picture = args.snapshot.read_bytes() if args.snapshot else None
                    new = [events.check(events.EventIn(args.camera, args.time, args.kind, args.label,
                                                       args.confidence, None, picture), s)]
                else:
                    new = events.read_csv(s, args.file.read_text(encoding="utf-8-sig"))
                rows = [queries.event_row(e) for e in events.store(s, data, new)]
        except events.TooLarge as e:
            raise InputError(e.code, e.detail, **e.params) from None
        _out(args, rows, f"{len(rows)} event(s) added")
        return 0
    start, end = queries.period(args.start, args.end, default=timedelta(days=1))
    with sessions() as s:
        rows = [queries.event_row(e)
                for e in queries.events(s, args.camera, args.kind, start, end, 1_000_000, args.search)]
    def until(r) -> str:
        return "→ " + datetime.fromisoformat(r["end"]).astimezone().strftime("%H:%M:%S") if r["end"] else "(ongoing)"

    text = "\n".join(f"{datetime.fromisoformat(r['start']).astimezone():%Y-%m-%d %H:%M:%S}  {until(r):<12}"
                     f" cam {r['camera_id']}  {r['kind']:<8} {r['label'] or ''}" for r in rows)
    _out(args, rows, text or "no events in that period")
    return 0


def running_client(data: DataDir) -> RecorderClient | None:
    """A client of the data dir's running recorder; None when none runs."""
    from recorder.service import load_or_create_token

    runtime = read_runtime(data)
    if runtime is None:
        return None
    # untyped: the commands print the recorder's JSON as it is (--json) and read its keys
    return RecorderClient(f"http://{runtime['host']}:{runtime['port']}", load_or_create_token(data), timeout=10,
                          typed=False)


def cmd_status(args, data: DataDir, sessions) -> int:
    client = running_client(data)
    if client:
        with closing(client):
            status = client.status(timeout=10)
        status["running"] = True
    else:
        with sessions() as s:
            cams = [dict(public(c), state="not recording (recorder stopped)") for c in active_cameras(s)]
        status = {"running": False, "cameras": cams, "disk": None}
    lines = [f"recorder: {'running, pid ' + str(status['recorder']['pid']) if status['running'] else 'not running'}"]
    for c in status["cameras"]:
        line = f"  camera {c['id']} {c['name']}: {c['state']}"
        if c.get("error"):
            line += f" — {c['error']}"
        if c.get("frame_loss"):
            fl = c["frame_loss"]
            line += f"; frame loss {fl['percent']:.2f} % ({fl['frames']} of {fl['expected']} frames in {fl['seconds']:.0f} s)"
        if c.get("recording_stopped"):
            line += "; RECORDING STOPPED"
        if c.get("current_file"):
            line += f"\n      writing {c['current_file']}"
        lines.append(line)
    if status.get("disk"):
        d = status["disk"]
        lines.append(f"disk: {d['recordings'] / 1e9:.2f} GB of recordings, {d['free'] / 1e9:.1f} GB free "
                     f"of {d['total'] / 1e9:.1f} GB")
    _out(args, status, "\n".join(lines))
    return 0


def cmd_plan(args, sessions) -> int:
    with sessions.begin() as s:
        before = get_plan(s)
        if args.name:
            set_plan(s, args.name)
        plan = get_plan(s)
    if plan != before:
        record_command(sessions, AuditAction.SETTINGS_CHANGED, detail={"plan": plan, "was": before})
    _out(args, {"plan": plan, "retention_days": PLANS[plan]}, f"{plan}: footage kept {PLANS[plan]} days")
    return 0


def cmd_listen(args, sessions) -> int:
    from recorder.lan import store_listen, stored_listen

    before = stored_listen(sessions)
    if args.address is not None:
        after = None if args.address == "off" else args.address
        if after != before:
            store_listen(sessions, after)
            record_command(sessions, AuditAction.SETTINGS_CHANGED, detail={"listen": after, "was": before})
        before = after
    _out(args, {"listen": before}, f"the site's network: {'https://' + before if before else 'off'}"
         + (" (from the recorder's next start)" if args.address is not None else ""))
    return 0


def cmd_tls(args, data: DataDir) -> int:
    from recorder.lan import certificate_fingerprint, ensure_certificate

    ensure_certificate(data)  # made now if the recorder has not listened yet: the same one it will use
    fingerprint = certificate_fingerprint(data)
    _out(args, {"sha256": fingerprint}, fingerprint)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # Everything the recorder and its FFmpegs make (index, footage, clips, logs) is for the
    # recorder's user alone: footage of people is personal data (LGPD).
    os.umask(0o077)
    data = DataDir((args.data_dir or default_data_dir()).expanduser().resolve())
    try:
        if args.command == "windows-service":
            from recorder.windows_service import main as windows_service

            return windows_service(args.action)
        if args.command == "run":
            return cmd_run(args, data)
        if args.command == "demo":
            from recorder.demo import demo_site

            with demo_site(args, data):
                return cmd_run(args, data)
        data.create()
        sessions = open_index(args.db_url or database_url(data.db_file))
        if args.command == "camera":
            return cmd_camera(args, data, sessions)
        if args.command == "segments":
            return cmd_segments(args, sessions)
        if args.command == "events":
            return cmd_events(args, data, sessions)
        if args.command == "clip":
            from recorder.clips.cli import cmd_clip

            return cmd_clip(args, data, sessions)
        if args.command == "status":
            return cmd_status(args, data, sessions)
        if args.command == "user":
            return cmd_user(args, sessions)
        if args.command == "audit":
            return cmd_audit(args, sessions)
        if args.command == "listen":
            return cmd_listen(args, sessions)
        if args.command == "tls":
            return cmd_tls(args, data)
        return cmd_plan(args, sessions)
    except (RecorderError, LookupError) as e:
        print(f"error: {str(e).strip(chr(39))}", file=sys.stderr)
        return 2
    except ApiError as e:
        if e.code == RECORDER_NOT_RUNNING:
            print("error: the recorder did not answer", file=sys.stderr)
            return 1
        print(f"error: {e.detail}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
