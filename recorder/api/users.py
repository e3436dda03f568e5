"""Operators: logging in and out, the first administrator, and the accounts an administrator
manages. Every other route needs the session token a login answers."""

from __future__ import annotations

import ipaddress

from fastapi import APIRouter, Request

from recorder.api.deps import AUTH, Rec, Who, need, refusals
from recorder.errors import Forbidden
from recorder.users.accounts import UNSET, session_row
from vms_api import models as api
from vms_api.errors import ErrorCode
from vms_api.roles import Permission

router = APIRouter(prefix="/api", tags=["operators"])
USERS = need(Permission.USERS)


def client_address(request: Request) -> str | None:
    return request.client.host if request.client else None


def is_loopback(address: str | None) -> bool:
    try:
        return address is not None and ipaddress.ip_address(address).is_loopback
    except ValueError:  # not an address at all
        return False


@router.post("/login", response_model=api.Session, responses=refusals(401, 403, 422, 429))
def login(recorder: Rec, request: Request, body: api.LoginIn) -> dict:
    """A session for a user name and password. An unknown user and a wrong password answer alike."""
    token, who = recorder.accounts.login(body.username, body.password, client_address(request))
    return session_row(who, token)


@router.post("/setup", status_code=201, response_model=api.Session, responses=refusals(400, 403, 409, 422))
def setup(recorder: Rec, request: Request, body: api.SetupIn) -> dict:
    """The first administrator, on a recorder with no account yet, from the recorder's own
    machine (a workstation across the LAN cannot claim a new recorder)."""
    if not is_loopback(client_address(request)):
        raise Forbidden(ErrorCode.SETUP_NOT_LOCAL, "the first administrator account is made on the recorder's own computer")
    recorder.accounts.add(body.username, "admin", body.password, first=True)
    token, who = recorder.accounts.login(body.username, body.password, client_address(request))
    return session_row(who, token)


@router.get("/session", dependencies=AUTH, response_model=api.Session, responses=refusals(401))
def session(who: Who) -> dict:
    """Who this token is, and what they may do (the client shows only that)."""
    return session_row(who)


@router.post("/logout", dependencies=AUTH, response_model=api.SessionsEnded, responses=refusals(401))
def logout(recorder: Rec, who: Who) -> dict:
    return {"ended": int(recorder.accounts.logout(who))}


@router.get("/users", dependencies=USERS, response_model=list[api.User], responses=refusals(401, 403))
def users(recorder: Rec) -> list[dict]:
    return recorder.accounts.list()


@router.post("/users", dependencies=USERS, status_code=201, response_model=api.User,
             responses=refusals(400, 401, 403, 409, 422))
def add_user(recorder: Rec, body: api.UserIn) -> dict:
    return recorder.accounts.add(body.name, body.role, body.password, body.cameras)


@router.patch("/users/{name}", dependencies=USERS, response_model=api.User,
              responses=refusals(400, 401, 403, 404, 409, 422))
def change_user(recorder: Rec, name: str, body: api.UserPatch) -> dict:
    sent = body.model_dump(exclude_unset=True)
    return recorder.accounts.update(name, sent.get("role"), sent.get("password"), sent.get("cameras", UNSET))


@router.delete("/users/{name}", dependencies=USERS, response_model=api.User, responses=refusals(401, 403, 404, 409))
def remove_user(recorder: Rec, name: str) -> dict:
    return recorder.accounts.remove(name)


@router.post("/users/{name}/logout", dependencies=USERS, response_model=api.SessionsEnded,
             responses=refusals(401, 403, 404))
def end_sessions(recorder: Rec, name: str) -> dict:
    """End every session of a user: 'log out everywhere', for a lost laptop or a dismissal."""
    return {"ended": recorder.accounts.revoke(name)}
