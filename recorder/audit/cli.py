"""`vms-recorder audit`: the trail read straight from the index on the recorder's own machine
(as the service's account or root), and `audit verify`, which checks the whole chain."""

from __future__ import annotations

import getpass
import json

from recorder.audit.trail import AuditTrail, as_csv
from vms_api.enums import AuditAction


def command_line_user() -> str:
    """Who an entry made at this machine's command line names: the account that typed it."""
    return f"{getpass.getuser()} (command line)"


def record_command(sessions, action: AuditAction, **fields) -> None:
    """An entry for a change typed at this machine's command line (as the service's account
    or root: an administrator)."""
    AuditTrail(sessions).record(command_line_user(), "admin", action, **fields)


def add_audit_parser(sub, when, camera_id) -> None:
    audit = sub.add_parser("audit", help="who did what: the audit trail; 'audit verify' checks it")
    audit.add_argument("check", nargs="?", choices=["verify"], help="check that no entry was changed or removed")
    audit.add_argument("--from", dest="start", type=when, help="entries at or after this ISO time")
    audit.add_argument("--to", dest="end", type=when, help="entries before this ISO time")
    audit.add_argument("--user", help="one user's entries")
    audit.add_argument("--action", choices=[a.value for a in AuditAction])
    audit.add_argument("--camera", type=camera_id, help="one camera's entries")
    audit.add_argument("--limit", type=int, default=1000, help="at most this many, newest first (default 1000)")
    audit.add_argument("--csv", action="store_true", help="as CSV, for a spreadsheet")


def _line(e: dict) -> str:
    period = f" {e['start'][:19]}→{e['end'][11:19]}" if e["start"] and e["end"] else ""
    camera = f" camera {e['camera_id']}" if e["camera_id"] is not None else ""
    reason = f" reason: {e['reason']}" if e["reason"] else ""
    detail = f" {json.dumps(e['detail'], ensure_ascii=False)}" if e["detail"] else ""
    return f"{e['id']:>7} {e['at'][:19]} {e['user']:<20} {e['action']:<18}{camera}{period}{reason}{detail}"


def cmd_audit(args, sessions) -> int:
    trail = AuditTrail(sessions)
    if args.check == "verify":
        result = trail.verify()
        if args.json:
            print(json.dumps(result))
        elif result["ok"]:
            print(f"the audit trail holds: {result['entries']} entries, none changed or removed")
        else:
            print(f"the audit trail is broken at entry {result['first_broken_id']}: {result['problem']} "
                  f"({result['entries']} entries before it hold)")
        return 0 if result["ok"] else 1
    rows = trail.entries(args.start, args.end, args.user, args.action, args.camera, limit=args.limit)
    if args.csv:
        record_command(sessions, AuditAction.AUDIT_EXPORTED, detail={"entries": len(rows), "format": "csv"})
        print(as_csv(rows), end="")
    elif args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        print("\n".join(_line(e) for e in reversed(rows)) or "no entries")
    return 0
