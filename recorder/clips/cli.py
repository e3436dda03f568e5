"""`vms-recorder clip …`: through the running recorder when there is one (it owns the
files), or in this process when recording is stopped."""

from __future__ import annotations

import getpass
import json
import sys
import time
from datetime import datetime

from recorder.clips.maker import ClipBusy, ClipLimit, ClipMaker, NoSpace
from recorder.paths import DataDir
from vms_api.client import ApiError, RecorderClient
from vms_api.enums import ClipState

CLIP_ERRORS = (ClipLimit, ClipBusy, NoSpace)


class _Remote:
    """The running recorder's clips, with ClipMaker's verbs (it owns the files while it runs)."""

    def __init__(self, client: RecorderClient):
        self.client = client

    def request(self, **body) -> dict:
        return self.client.make_clip(body)

    def get(self, clip_id: int, wait: float = 0) -> dict:
        return self.client.clip(clip_id, wait=wait)

    def list(self, camera_id: int | None = None) -> list[dict]:
        return self.client.clips(camera_id)

    def delete(self, clip_id: int) -> None:
        self.client.delete_clip(clip_id)

    def close(self) -> None:
        self.client.close()


def _describe(row: dict) -> str:
    start = datetime.fromisoformat(row["start"]).astimezone()
    end = datetime.fromisoformat(row["end"]).astimezone()
    state = {ClipState.READY: f"{row['bytes'] / 1e6:.1f} MB", ClipState.FAILED: f"FAILED: {row['error']}",
             ClipState.EXTRACTING: f"being made, {row['progress']:.0%}"}.get(row["state"], row["state"])
    text = (f"{row['id']:>4}  cam {row['camera_id']} {row['camera_name']:<16} {start:%Y-%m-%d %H:%M:%S} → "
            f"{end:%H:%M:%S} ({row['duration']:.0f} s)  {row['name']}  [{state}]")
    for a, b in row["missing"]:
        text += (f"\n      no recording from {datetime.fromisoformat(a).astimezone():%H:%M:%S} "
                 f"to {datetime.fromisoformat(b).astimezone():%H:%M:%S}")
    return text


def _create(args, clips) -> dict:
    row = clips.request(camera_id=args.camera, start=args.start, end=args.end, name=args.name,
                        notes=args.notes, created_by=f"{getpass.getuser()} (command line)")
    while row["state"] == ClipState.EXTRACTING or (row["state"] == ClipState.READY and not row["sha256"]):
        if not args.json:
            print(f"\rmaking clip {row['id']}: {row['progress']:.0%}", end="", file=sys.stderr, flush=True)
        if row["state"] == ClipState.READY:  # durable; its SHA-256 comes a moment later
            time.sleep(0.02)
        row = clips.get(row["id"], wait=1.0)
    if not args.json:
        print("\r", end="", file=sys.stderr)
    return row


def cmd_clip(args, data: DataDir, sessions) -> int:
    from recorder.cli import running_client

    client = running_client(data)
    clips = _Remote(client) if client else ClipMaker(data, sessions)
    try:
        if not client:
            clips.recover()
        if args.action == "create":
            row = _create(args, clips)
            out, text = row, _describe(row) + (f"\n      {data.absolute(row['path'])}" if row["state"] == ClipState.READY else "")
            code = 0 if row["state"] == ClipState.READY else 1
        elif args.action == "list":
            out = clips.list(args.camera)
            text, code = "\n".join(_describe(r) for r in out) or "no clips", 0
        elif args.action == "show":
            out = clips.get(args.id)
            text, code = _describe(out) + f"\n      sha256 {out['sha256']}\n      {data.absolute(out['path'])}", 0
        else:
            clips.delete(args.id)
            out, text, code = {"deleted": args.id}, f"clip {args.id} deleted", 0
    except (ApiError, *CLIP_ERRORS) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    finally:
        clips.close()
    print(json.dumps(out, indent=2) if args.json else text)
    return code
