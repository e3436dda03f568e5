"""Alarms: the queue every workstation shows, acknowledgements, the rules that make events
alarms, and the plates watched for."""

from __future__ import annotations

import asyncio
import time
from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from recorder.alarms.queue import POLL_S
from recorder.api.deps import Rec, Who, audit, need, refusals
from vms_api import models as api
from vms_api.enums import AlarmState, AuditAction
from vms_api.models import MAX_ID, Id
from vms_api.roles import Permission

router = APIRouter(prefix="/api/alarms", tags=["alarms"])
# Answering alarms is part of watching events; deciding what is an alarm is a setting.
EVENTS = need(Permission.EVENTS)
SETTINGS = need(Permission.SETTINGS)
MAX_WAIT_S = 60


def _cameras(who) -> list[int] | None:
    return sorted(who.cameras) if who.cameras is not None else None


@router.get("", dependencies=EVENTS, response_model=list[api.Alarm], responses=refusals(401, 403, 422))
def alarms(recorder: Rec, who: Who, state: AlarmState | None = None,
           limit: Annotated[int, Query(ge=1, le=10_000)] = 500) -> list[dict]:
    """The alarm queue, newest first: of this user's cameras, and the recorder's own (the disk)."""
    return recorder.alarms.list(state, _cameras(who), limit)


@router.get("/changes", dependencies=EVENTS, response_model=api.AlarmChanges, responses=refusals(401, 403, 422))
async def alarm_changes(recorder: Rec, who: Who, after: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
                        wait: Annotated[float, Query(ge=0, le=MAX_WAIT_S)] = 0) -> dict:
    """Alarms raised or changed after the change counter `after`; with wait, the answer waits
    that many seconds at most for one (a workstation's open question: an alarm reaches it as
    soon as it is raised, with no polling of its own)."""
    cameras = _cameras(who)
    deadline = time.monotonic() + wait
    while True:
        found = await run_in_threadpool(recorder.alarms.changes, after, cameras)
        if found["alarms"] or time.monotonic() >= deadline:
            return found
        await asyncio.sleep(POLL_S)


@router.post("/{alarm_id}/acknowledge", dependencies=EVENTS, response_model=api.Alarm,
             responses=refusals(400, 401, 403, 404, 409, 422))
def acknowledge(recorder: Rec, request: Request, who: Who, alarm_id: Id, body: api.AcknowledgeIn) -> dict:
    """Taken off every workstation's queue, with what was done (in the audit trail)."""
    camera_id = recorder.alarms.get(alarm_id)["camera_id"]
    if camera_id is not None:
        who.require_camera(camera_id)
    row = recorder.alarms.acknowledge(alarm_id, who.name, body.comment)
    audit(request, AuditAction.ALARM_ACKNOWLEDGED, camera_id=camera_id,
          detail={"alarm": row["id"], "rule": row["rule_name"], "kind": row["kind"], "label": row["label"],
                  "raised_at": row["at"], "count": row["count"], "comment": row["comment"]})
    return row


@router.get("/rules", dependencies=EVENTS, response_model=list[api.AlarmRule], responses=refusals(401, 403))
def rules(recorder: Rec) -> list[dict]:
    return recorder.alarms.rules()


@router.post("/rules", dependencies=SETTINGS, status_code=201, response_model=api.AlarmRule,
             responses=refusals(400, 401, 403, 422))
def add_rule(recorder: Rec, request: Request, who: Who, body: api.AlarmRuleIn) -> dict:
    row = recorder.alarms.add_rule(body.model_dump(), who.name)
    audit(request, AuditAction.ALARM_RULE_ADDED, detail={"rule": row})
    return row


@router.put("/rules/{rule_id}", dependencies=SETTINGS, response_model=api.AlarmRule,
            responses=refusals(400, 401, 403, 404, 422))
def change_rule(recorder: Rec, request: Request, rule_id: Id, body: api.AlarmRuleIn) -> dict:
    before, row = recorder.alarms.change_rule(rule_id, body.model_dump())
    audit(request, AuditAction.ALARM_RULE_CHANGED, detail={"rule": row, "was": before})
    return row


@router.delete("/rules/{rule_id}", dependencies=SETTINGS, response_model=api.AlarmRule,
               responses=refusals(401, 403, 404, 422))
def remove_rule(recorder: Rec, request: Request, rule_id: Id) -> dict:
    row = recorder.alarms.remove_rule(rule_id)
    audit(request, AuditAction.ALARM_RULE_REMOVED, detail={"rule": row})
    return row


@router.get("/watchlist", dependencies=EVENTS, response_model=api.WatchList, responses=refusals(401, 403))
def watchlist(recorder: Rec) -> dict:
    return {"plates": recorder.alarms.watchlist()}


@router.put("/watchlist", dependencies=SETTINGS, response_model=api.WatchList, responses=refusals(400, 401, 403, 422))
def set_watchlist(recorder: Rec, request: Request, body: api.WatchList) -> dict:
    """The list replaced as a whole (an imported stolen-vehicle list is the list)."""
    before, after = recorder.alarms.set_watchlist([p.model_dump() for p in body.plates])
    audit(request, AuditAction.WATCHLIST_CHANGED, detail={"before": before, "after": after})
    return {"plates": recorder.alarms.watchlist()}
