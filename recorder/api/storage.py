"""Storage: the disk, each camera's days, what expires, the cleanup log, a sweep now."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from recorder.api.deps import Rec, need, refusals
from recorder.index import queries
from vms_api import models as api
from vms_api.models import Id, When
from vms_api.roles import Permission

router = APIRouter(prefix="/api/storage", tags=["storage"])
# The storage view is about footage (what is kept, what expires); changing how long is a setting.
VIEW = need(Permission.PLAYBACK)


@router.get("", dependencies=VIEW, response_model=api.Storage, responses=refusals(401, 403))
def storage(recorder: Rec) -> dict:
    return recorder.retention.view()


@router.get("/cleanup", dependencies=VIEW, response_model=list[api.Deletion], responses=refusals(401, 403, 422))
def cleanup(recorder: Rec, camera_id: Id | None = None, start: Annotated[When | None, Query()] = None,
            end: Annotated[When | None, Query()] = None,
            limit: Annotated[int, Query(ge=1, le=100_000)] = 1000) -> list[dict]:
    """The cleanup log, newest first: what was deleted, when, and why."""
    return recorder.retention.cleanup_log(camera_id, start and queries.aware(start),
                                          end and queries.aware(end), limit)


@router.post("/sweep", dependencies=need(Permission.SETTINGS), response_model=api.Sweep, responses=refusals(401, 403))
def sweep(recorder: Rec) -> dict:
    """Apply retention now, as the daily sweep does."""
    return recorder.retention.sweep()
