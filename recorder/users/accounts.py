"""Operators' accounts: roles, the cameras each may see, passwords hashed with argon2id, the
sessions a login opens, and the plan's limit on accounts. The API asks `principal(token)` on
every request; the answer is cached for a few seconds (or until the API changes an account or a
session), so the check costs a dictionary lookup, not a query. The command line changes accounts
in the index directly: the cache's few seconds are how long a removed user's session outlives it."""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from recorder.errors import Conflict, Forbidden, InputError, NotFound, TooSoon, Unauthorized
from recorder.index.db import get_plan
from recorder.index.models import User, UserSession, utcnow
from recorder.users.brake import AddressBrake, LoginBrake
from vms_api.enums import Plan
from vms_api.errors import ErrorCode
from vms_api.roles import ROLE_PERMISSIONS, USER_LIMITS, Permission, Role

NAME = re.compile(r"[A-Za-z0-9._@-]{1,64}")  # typed at a login box every shift: no spaces
MAX_NAME = 64
MIN_PASSWORD = 8
SESSION_LENGTH = timedelta(hours=12)  # a shift; then the client asks to log in again
CACHE_SECONDS = 5.0
UNSET = object()


@dataclass(frozen=True)
class Principal:
    """Who a request is: a user of a session, or the service's own token (the local
    administration, as root or the service's account)."""

    name: str
    role: Role
    cameras: frozenset[int] | None  # None: all
    session_id: int | None = None
    expires_at: datetime | None = None

    @property
    def permissions(self) -> frozenset[Permission]:
        return ROLE_PERMISSIONS[self.role]

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            raise Forbidden(ErrorCode.PERMISSION_MISSING, f"the role {self.role} does not allow this "
                            f"(it needs the permission {permission!r})", permission=str(permission))

    def sees(self, camera_id: int | None) -> bool:
        return self.cameras is None or camera_id in self.cameras

    def require_camera(self, camera_id: int) -> None:
        if not self.sees(camera_id):
            raise Forbidden(ErrorCode.CAMERA_NOT_ALLOWED, f"camera {camera_id} is not among this user's cameras",
                            camera_id=camera_id)


SERVICE = Principal("service", Role.ADMIN, None)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def check_name(name: str) -> str:
    name = name.strip()
    if not NAME.fullmatch(name):
        raise InputError(ErrorCode.USER_NAME_INVALID, f"a user name has 1 to {MAX_NAME} letters, digits or . _ - @ "
                         "and no spaces", max=MAX_NAME)
    return name


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InputError(ErrorCode.PASSWORD_TOO_SHORT, f"the password needs at least {MIN_PASSWORD} characters",
                         min=MIN_PASSWORD)
    return password


def _cameras(user: User) -> frozenset[int] | None:
    return None if user.cameras is None else frozenset(json.loads(user.cameras))


def user_row(user: User, locked_for: float | None = None) -> dict:
    return {"id": user.id, "name": user.name, "role": Role(user.role),
            "cameras": None if user.cameras is None else sorted(json.loads(user.cameras)),
            "created_at": user.created_at.isoformat(),
            "locked_until": (utcnow() + timedelta(seconds=locked_for)).isoformat() if locked_for else None}


def session_row(principal: Principal, token: str | None = None) -> dict:
    return {"token": token, "expires_at": principal.expires_at.isoformat() if principal.expires_at else None,
            "user": {"name": principal.name, "role": principal.role,
                     "cameras": None if principal.cameras is None else sorted(principal.cameras),
                     "permissions": sorted(principal.permissions)}}


class Accounts:
    def __init__(self, sessions: sessionmaker, brake: LoginBrake | None = None, hasher: PasswordHasher | None = None):
        self.sessions = sessions
        self.brake = brake or LoginBrake()
        self.address_brake = AddressBrake()
        self.hasher = hasher or PasswordHasher()  # argon2id, RFC 9106's second choice (64 MiB, 3 passes)
        self._lock = threading.Lock()  # one change of accounts at a time: limits and last-admin checks
        self._cache: dict[str, tuple[Principal, float]] = {}  # token digest: who, and when read
        self._dummy = self.hasher.hash(secrets.token_urlsafe(16))  # unknown names cost a hash too
        # Each check takes 64 MiB and a core for ~0.1 s: a flood of logins waits its turn
        # rather than taking the memory and the cores the cameras need.
        self._hashing = threading.BoundedSemaphore(2)

    # -- accounts ------------------------------------------------------------------------------

    def count(self) -> int:
        with self.sessions() as s:
            return s.scalar(select(func.count()).select_from(User))

    def list(self) -> list[dict]:
        now = time.monotonic()
        with self.sessions() as s:
            return [user_row(u, self.brake.locked_until(u.name_key, now))
                    for u in s.scalars(select(User).order_by(User.name_key))]

    def add(self, name: str, role: Role, password: str, cameras: list[int] | None = None, first: bool = False) -> dict:
        """A new account; with first, only while there is none (the first administrator)."""
        name, password, role = check_name(name), check_password(password), Role(role)
        digest = self.hasher.hash(password)
        with self._lock, self.sessions.begin() as s:
            if first and s.scalar(select(func.count()).select_from(User)):
                raise Conflict(ErrorCode.SETUP_DONE, "the administrator account exists already; log in")
            if s.scalar(select(User).where(User.name_key == name.casefold())):
                raise Conflict(ErrorCode.USER_EXISTS, f"there is a user named {name} already", name=name)
            plan = Plan(get_plan(s))
            count = s.scalar(select(func.count()).select_from(User))
            limit = USER_LIMITS[plan]
            if count >= limit:
                raise Forbidden(ErrorCode.USER_LIMIT_REACHED, f"the {plan.capitalize()} plan allows {limit} users and "
                                f"there are {count}; remove one or move to a bigger plan",
                                plan=str(plan), limit=limit, count=count)
            user = User(name=name, name_key=name.casefold(), role=role, password_hash=digest,
                        cameras=None if cameras is None else json.dumps(sorted(set(cameras))))
            s.add(user)
            s.flush()
            return user_row(user)

    def update(self, name: str, role: Role | None = None, password: str | None = None, cameras=UNSET) -> dict:
        digest = self.hasher.hash(check_password(password)) if password is not None else None
        with self._lock, self.sessions.begin() as s:
            user = self._get(s, name)
            if role is not None:
                if Role(role) != Role.ADMIN:
                    self._keep_an_admin(s, user)
                user.role = Role(role)
            if cameras is not UNSET:
                user.cameras = None if cameras is None else json.dumps(sorted(set(cameras)))
            if digest is not None:
                user.password_hash = digest
                # A new password ends the user's other sessions: a password that leaked stops working.
                self._end_sessions(s, user.id)
            self._cache.clear()
            return user_row(user)

    def remove(self, name: str) -> dict:
        with self._lock, self.sessions.begin() as s:
            user = self._get(s, name)
            self._keep_an_admin(s, user)
            row = user_row(user)
            s.delete(user)
            self._cache.clear()
            return row

    def _get(self, s: Session, name: str) -> User:
        user = s.scalar(select(User).where(User.name_key == name.strip().casefold()))
        if user is None:
            raise NotFound(ErrorCode.USER_NOT_FOUND, f"no user named {name}", name=name)
        return user

    def _keep_an_admin(self, s: Session, user: User) -> None:
        if user.role != Role.ADMIN:
            return
        admins = s.scalar(select(func.count()).select_from(User).where(User.role == Role.ADMIN))
        if admins <= 1:
            raise Conflict(ErrorCode.USER_LAST_ADMIN, f"{user.name} is the last administrator; make another one first",
                           name=user.name)

    # -- sessions ------------------------------------------------------------------------------

    def login(self, name: str, password: str, address: str | None = None) -> tuple[str, Principal]:
        """A new session's token and who it is. An unknown name and a wrong password answer alike,
        in words and in time; after a few, attempts are spaced out, then the name is locked."""
        key = name.strip().casefold()[:200]
        now = time.monotonic()
        wait, locked = self.brake.wait(key, now)
        if not locked:
            wait = max(wait, self.address_brake.wait(address, now))
        if locked:
            raise Forbidden(ErrorCode.LOGIN_LOCKED, f"too many wrong passwords: this account is locked for "
                            f"{max(1, round(wait / 60))} minutes", minutes=max(1, round(wait / 60)))
        if wait:
            seconds = max(1, round(wait))
            raise TooSoon(ErrorCode.LOGIN_TOO_SOON, f"after wrong passwords, wait {seconds} s before trying again",
                          seconds=seconds)
        with self.sessions() as s:
            user = s.scalar(select(User).where(User.name_key == key))
            stored = user.password_hash if user else self._dummy
        if not self._verify(stored, password) or user is None:
            self.address_brake.failed(address, time.monotonic())
            if self.brake.failed(key, time.monotonic()):
                minutes = round(self.brake.lock_seconds / 60)
                raise Forbidden(ErrorCode.LOGIN_LOCKED, f"too many wrong passwords: this account is locked for "
                                f"{minutes} minutes", minutes=minutes)
            raise Unauthorized(ErrorCode.LOGIN_FAILED, "wrong user name or password")
        self.brake.succeeded(key)
        token = secrets.token_urlsafe(32)
        with self.sessions.begin() as s:
            if self.hasher.check_needs_rehash(stored):  # parameters raised since: rehash while we know it
                s.get(User, user.id).password_hash = self.hasher.hash(password)
            row = UserSession(user_id=user.id, token_sha256=token_digest(token), expires_at=utcnow() + SESSION_LENGTH,
                              address=address[:64] if address else None)
            s.add(row)
            s.flush()
            principal = Principal(user.name, Role(user.role), _cameras(user), row.id, row.expires_at)
        return token, principal

    def _verify(self, stored: str, password: str) -> bool:
        try:
            with self._hashing:
                return self.hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False

    def principal(self, token: str) -> Principal:
        """Who holds this session token; 401 when it is not, or no longer, a session."""
        digest = token_digest(token)
        found, read = self._cache.get(digest, (None, 0.0))
        if found is None or time.monotonic() - read > CACHE_SECONDS:
            with self.sessions() as s:
                row = s.scalar(select(UserSession).where(UserSession.token_sha256 == digest))
                if row is None:
                    raise Unauthorized(ErrorCode.TOKEN_WRONG, "missing or wrong API token")
                if row.ended_at is not None:
                    raise Unauthorized(ErrorCode.SESSION_EXPIRED, "this session has ended; log in again")
                user = s.get(User, row.user_id)
                found = Principal(user.name, Role(user.role), _cameras(user), row.id, row.expires_at)
            self._cache[digest] = found, time.monotonic()
        if found.expires_at <= utcnow():
            raise Unauthorized(ErrorCode.SESSION_EXPIRED, "this session has ended; log in again")
        return found

    def logout(self, principal: Principal) -> bool:
        if principal.session_id is None:
            return False
        with self.sessions.begin() as s:
            ended = s.execute(update(UserSession).where(UserSession.id == principal.session_id,
                                                        UserSession.ended_at.is_(None))
                              .values(ended_at=utcnow())).rowcount
        self._cache.clear()
        return bool(ended)

    def _end_sessions(self, s: Session, user_id: int) -> None:
        s.execute(update(UserSession).where(UserSession.user_id == user_id, UserSession.ended_at.is_(None))
                  .values(ended_at=utcnow()))
        self._cache.clear()

    def revoke(self, name: str) -> int:
        """End every session of a user (an administrator's 'log out everywhere')."""
        with self._lock, self.sessions.begin() as s:
            user = self._get(s, name)
            n = s.execute(update(UserSession).where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
                          .values(ended_at=utcnow())).rowcount
            self._cache.clear()
            return n
