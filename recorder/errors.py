"""The recorder's refusals and failures as data: an ErrorCode, its params and the sentence.
The API answers each with its HTTP status and an ApiErrorBody; the command line prints the
sentence."""

from __future__ import annotations

import unicodedata
from typing import Any

from vms_api.errors import ErrorCode


class RecorderError(Exception):
    """A refusal (or a camera's failure) with a code, named params and an English sentence."""

    status = 400
    headers: dict[str, str] | None = None

    def __init__(self, code: ErrorCode, detail: str, **params: Any):
        super().__init__(detail)
        self.code, self.detail, self.params = ErrorCode(code), detail, params

    def body(self) -> dict:
        return {"code": self.code, "params": self.params, "detail": self.detail}


class InputError(RecorderError, ValueError):
    """Bad input from a person or a script; the message says what to fix."""


def has_controls(text: str, allowed: str = "") -> bool:
    """Control, format (e.g. a right-to-left override that makes a name read backwards) or
    line-separator characters: refused in names, labels and notes people will read."""
    return any(c not in allowed and unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in text)


class NotFound(RecorderError, LookupError):
    status = 404


class Conflict(RecorderError):
    """Not now, in this state (a camera disabled, a clip being made)."""
    status = 409


class Unauthorized(RecorderError):
    status = 401
    headers = {"WWW-Authenticate": "Bearer"}


class Forbidden(RecorderError):
    """Not for this user (their role, their cameras) or not by the plan."""
    status = 403


class TooSoon(RecorderError):
    """Slow down: a login attempt too soon after wrong passwords."""
    status = 429

    def __init__(self, code, detail: str, **params):
        super().__init__(code, detail, **params)
        self.headers = {"Retry-After": str(params.get("seconds", 1))}


class ClipLimit(RecorderError):
    """The plan's number of clips is reached."""
    status = 403


class ClipBusy(Conflict):
    """The clip is being extracted and cannot be changed yet."""


class NoSpace(RecorderError):
    """Not enough free disk for the clip."""
    status = 507


class TooLarge(RecorderError):
    """A snapshot over the size limit."""
    status = 413
