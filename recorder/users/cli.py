"""`vms-recorder user ...`: the accounts, managed on the recorder's own machine (as the
service's account or root), straight in the index."""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from recorder.audit.cli import record_command
from recorder.errors import InputError
from recorder.users.accounts import UNSET, Accounts
from vms_api.enums import AuditAction
from vms_api.errors import ErrorCode
from vms_api.roles import Role


def camera_list(text: str) -> list[int] | None:
    """--cameras 1,2,5; 'all' (or nothing) for every camera."""
    if text.strip().lower() in ("", "all"):
        return None
    try:
        ids = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected camera ids such as 1,2,5 or 'all', not {text!r}") from None
    if any(i < 1 for i in ids):
        raise argparse.ArgumentTypeError("camera ids start at 1")
    return ids


def add_user_parser(sub) -> None:
    user = sub.add_parser("user", help="add, list, remove operators; change a password")
    usub = user.add_subparsers(dest="action", required=True)
    common = sub.common
    add = usub.add_parser("add", parents=[common])
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--cameras", type=camera_list, default=None, help="the cameras this user may see: 1,2 (default all)")
    add.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    usub.add_parser("list", parents=[common])
    usub.add_parser("remove", parents=[common]).add_argument("name")
    passwd = usub.add_parser("passwd", parents=[common], help="set a new password (ends the user's sessions)")
    passwd.add_argument("name")
    passwd.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    change = usub.add_parser("change", parents=[common], help="change a user's role or cameras")
    change.add_argument("name")
    change.add_argument("--role", choices=[r.value for r in Role])
    change.add_argument("--cameras", type=camera_list, default=UNSET, help="1,2 or 'all'")


def read_password(args) -> str:
    """Never from argv (other users of the computer see it): stdin, or asked twice at a terminal."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise InputError(ErrorCode.INVALID_INPUT, "no terminal to ask the password at: give --password-stdin")
    first = getpass.getpass(f"New password for {args.name}: ")
    if getpass.getpass("Again: ") != first:
        raise InputError(ErrorCode.INVALID_INPUT, "the two passwords differ; nothing was changed")
    return first


def _line(row: dict) -> str:
    cams = "all cameras" if row["cameras"] is None else "cameras " + ",".join(map(str, row["cameras"]))
    locked = f"  (locked until {row['locked_until']})" if row.get("locked_until") else ""
    return f"{row['name']:<24} {row['role']:<10} {cams}{locked}"


def cmd_user(args, sessions) -> int:
    accounts = Accounts(sessions)
    if args.action == "add":
        row = accounts.add(args.name, args.role, read_password(args), args.cameras)
        text = f"user {row['name']} added ({row['role']})"
        change = AuditAction.USER_ADDED, {"name": row["name"], "role": row["role"], "cameras": row["cameras"]}
    elif args.action == "list":
        rows = accounts.list()
        print(json.dumps(rows, indent=2) if args.json else "\n".join(map(_line, rows)) or "no users")
        return 0
    elif args.action == "remove":
        row = accounts.remove(args.name)
        text = f"user {row['name']} removed"
        change = AuditAction.USER_REMOVED, {"name": row["name"]}
    elif args.action == "passwd":
        row = accounts.update(args.name, password=read_password(args))
        text = f"password of {row['name']} changed; their sessions ended"
        change = AuditAction.USER_CHANGED, {"name": row["name"], "password_changed": True}
    else:
        row = accounts.update(args.name, role=args.role, cameras=args.cameras)
        text = _line(row)
        change = AuditAction.USER_CHANGED, {"name": row["name"], "role": row["role"], "cameras": row["cameras"]}
    action, detail = change
    record_command(sessions, action, detail=detail)
    print(json.dumps(row, indent=2) if args.json else text)
    return 0
