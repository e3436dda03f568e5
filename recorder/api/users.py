"""Operators: logging in and out, the first administrator, and the accounts an administrator
manages. Every other route needs the session token a login answers."""

from __future__ import annotations

import ipaddress

from fastapi import APIRouter, Request

from recorder.api.deps import AUTH, Rec, Who, audit, client_address, need, refusals
from recorder.errors import Forbidden, RecorderError
from recorder.users.accounts import UNSET, session_row
from vms_api import models as api
from vms_api.enums import AuditAction
from vms_api.errors import ErrorCode
from vms_api.roles import Permission

router = APIRouter(prefix="/api", tags=["operators"])
USERS = need(Permission.USERS)


def is_loopback(address: str | None) -> bool:
    try:
        return address is not None and ipaddress.ip_address(address).is_loopback
    except ValueError:  # not an address at all
        return False


@router.post("/login", response_model=api.Session, responses=refusals(401, 403, 422, 429))
def login(recorder: Rec, request: Request, body: api.LoginIn) -> dict:
    """A session for a user name and password. An unknown user and a wrong password answer alike."""
    address = client_address(request)
    try:
        token, who = recorder.accounts.login(body.username, body.password, address)
    except RecorderError as e:
        action = AuditAction.LOGIN_LOCKED if e.code == ErrorCode.LOGIN_LOCKED else AuditAction.LOGIN_FAILED
        # The name as typed, an account's or not: a guessing attack shows as such. Every wrong
        # password is written; knocks at a locked or braked name once a minute per address.
        name = body.username.strip()
        repeated = e.code != ErrorCode.LOGIN_FAILED
        recorder.audit.record(name, None, action, address=address, detail={"refused": str(e.code)},
                              once_per=((action, name.casefold(), address, str(e.code)), 60) if repeated else None)
        raise
    audit(request, AuditAction.LOGIN, who, detail={"session": who.session_id})
    return session_row(who, token)


@router.post("/setup", status_code=201, response_model=api.Session, responses=refusals(400, 403, 409, 422))
def setup(recorder: Rec, request: Request, body: api.SetupIn) -> dict:
    """The first administrator, on a recorder with no account yet, from the recorder's own
    machine (a workstation across the LAN cannot claim a new recorder)."""
    if not is_loopback(client_address(request)):
        raise Forbidden(ErrorCode.SETUP_NOT_LOCAL, "the first administrator account is made on the recorder's own computer")
    row = recorder.accounts.add(body.username, "admin", body.password, first=True)
    token, who = recorder.accounts.login(body.username, body.password, client_address(request))
    audit(request, AuditAction.USER_ADDED, who, detail={"name": row["name"], "role": row["role"], "first": True})
    audit(request, AuditAction.LOGIN, who, detail={"session": who.session_id})
    return session_row(who, token)


@router.get("/session", dependencies=AUTH, response_model=api.Session, responses=refusals(401))
def session(who: Who) -> dict:
    """Who this token is, and what they may do (the client shows only that)."""
    return session_row(who)


@router.post("/logout", dependencies=AUTH, response_model=api.SessionsEnded, responses=refusals(401))
def logout(recorder: Rec, request: Request, who: Who) -> dict:
    ended = recorder.accounts.logout(who)
    if ended:
        audit(request, AuditAction.LOGOUT, detail={"session": who.session_id})
    return {"ended": int(ended)}


@router.get("/users", dependencies=USERS, response_model=list[api.User], responses=refusals(401, 403))
def users(recorder: Rec) -> list[dict]:
    return recorder.accounts.list()


@router.post("/users", dependencies=USERS, status_code=201, response_model=api.User,
             responses=refusals(400, 401, 403, 409, 422))
def add_user(recorder: Rec, request: Request, body: api.UserIn) -> dict:
    row = recorder.accounts.add(body.name, body.role, body.password, body.cameras)
    audit(request, AuditAction.USER_ADDED, detail={"name": row["name"], "role": row["role"], "cameras": row["cameras"]})
    return row


@router.patch("/users/{name}", dependencies=USERS, response_model=api.User,
              responses=refusals(400, 401, 403, 404, 409, 422))
def change_user(recorder: Rec, request: Request, name: str, body: api.UserPatch) -> dict:
    sent = body.model_dump(exclude_unset=True)
    row = recorder.accounts.update(name, sent.get("role"), sent.get("password"), sent.get("cameras", UNSET))
    changed = {k: row[k] for k in ("role", "cameras") if k in sent}  # never the password itself
    audit(request, AuditAction.USER_CHANGED, detail={"name": row["name"], **changed,
                                                     "password_changed": sent.get("password") is not None})
    return row


@router.delete("/users/{name}", dependencies=USERS, response_model=api.User, responses=refusals(401, 403, 404, 409))
def remove_user(recorder: Rec, request: Request, name: str) -> dict:
    row = recorder.accounts.remove(name)
    audit(request, AuditAction.USER_REMOVED, detail={"name": row["name"], "role": row["role"]})
    return row


@router.post("/users/{name}/logout", dependencies=USERS, response_model=api.SessionsEnded,
             responses=refusals(401, 403, 404))
def end_sessions(recorder: Rec, request: Request, name: str) -> dict:
    """End every session of a user: 'log out everywhere', for a lost laptop or a dismissal."""
    ended = recorder.accounts.revoke(name)
    audit(request, AuditAction.SESSIONS_ENDED, detail={"name": name, "ended": ended})
    return {"ended": ended}
