"""The site's own settings, for an administrator: the plan (as `vms-recorder plan` sets it) and
what every client of the site follows, such as how long an idle client waits before it locks."""

from __future__ import annotations

from fastapi import APIRouter, Request

from recorder.api.deps import AUTH, Rec, audit, need, refusals
from recorder.index.db import get_plan, set_plan
from recorder.index.models import PLANS, Setting
from vms_api import models as api
from vms_api.enums import AuditAction, Plan
from vms_api.roles import USER_LIMITS, Permission

router = APIRouter(prefix="/api", tags=["site"])
SETTINGS = need(Permission.SETTINGS)
LOCK_KEY = "lock_minutes"
# Never, unless the administrator says: a control room's live wall is watched for hours without
# a key pressed, and a recorder upgraded to this version goes on behaving as it did.
DEFAULT_LOCK_MINUTES = 0


def plan_row(recorder, plan: str) -> dict:
    return {"name": plan, "days": PLANS[plan], "users": USER_LIMITS[Plan(plan)], "user_count": recorder.accounts.count()}


@router.get("/plan", dependencies=AUTH, response_model=api.SitePlan, responses=refusals(401))
def plan(recorder: Rec) -> dict:
    """The plan: how long footage is kept, and how many accounts it allows and there are."""
    with recorder.sessions() as s:
        return plan_row(recorder, get_plan(s))


@router.put("/plan", dependencies=SETTINGS, response_model=api.SitePlan, responses=refusals(401, 403, 422))
def change_plan(recorder: Rec, request: Request, body: api.PlanIn) -> dict:
    """Another plan. As on the command line, accounts beyond a smaller plan's limit stay: no
    one is locked out; adding another waits until the site is within the limit."""
    with recorder.sessions.begin() as s:
        before = get_plan(s)
        set_plan(s, str(body.name))
    if str(body.name) != before:
        audit(request, AuditAction.SETTINGS_CHANGED, detail={"plan": str(body.name), "was": before})
    return plan_row(recorder, str(body.name))


def lock_minutes(recorder) -> int:
    with recorder.sessions() as s:
        row = s.get(Setting, LOCK_KEY)
        return int(row.value) if row is not None else DEFAULT_LOCK_MINUTES


@router.get("/settings", dependencies=AUTH, response_model=api.SiteSettings, responses=refusals(401))
def settings(recorder: Rec) -> dict:
    """What every client follows; any logged-in user reads it, since their client obeys it."""
    return {"lock_minutes": lock_minutes(recorder)}


@router.patch("/settings", dependencies=SETTINGS, response_model=api.SiteSettings,
              responses=refusals(401, 403, 422))
def change_settings(recorder: Rec, request: Request, body: api.SiteSettingsPatch) -> dict:
    before = lock_minutes(recorder)
    if body.lock_minutes is not None and body.lock_minutes != before:
        with recorder.sessions.begin() as s:
            s.merge(Setting(key=LOCK_KEY, value=str(body.lock_minutes)))
        audit(request, AuditAction.SETTINGS_CHANGED, detail={"lock_minutes": body.lock_minutes, "was": before})
    return {"lock_minutes": lock_minutes(recorder)}
