"""The audit trail: who did what to which camera and footage, for supervisors (LGPD)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from recorder.api.deps import Rec, audit, need, refusals
from recorder.audit.trail import as_csv
from vms_api import models as api
from vms_api.enums import AuditAction
from vms_api.models import Id, When
from vms_api.roles import Permission

router = APIRouter(prefix="/api/audit", tags=["audit"])
AUDIT = need(Permission.AUDIT)


def _filters(start: Annotated[When | None, Query(description="entries at or after")] = None,
             end: Annotated[When | None, Query(description="entries before")] = None,
             user: Annotated[str | None, Query(max_length=200)] = None, action: AuditAction | None = None,
             camera_id: Id | None = None, before_id: Annotated[int | None, Query(ge=1)] = None,
             limit: Annotated[int, Query(ge=1, le=100_000)] = 1000) -> dict:
    return {"start": start, "end": end, "user": user, "action": action, "camera_id": camera_id,
            "before_id": before_id, "limit": limit}


Filters = Annotated[dict, Depends(_filters)]


@router.get("", dependencies=AUDIT, response_model=list[api.AuditEntry], responses=refusals(401, 403, 422))
def entries(recorder: Rec, filters: Filters) -> list[dict]:
    """Entries matching every filter given, newest first; before_id (the last id seen) pages back."""
    return recorder.audit.entries(**filters)


@router.get(".csv", dependencies=AUDIT, response_class=Response,
            responses={200: {"content": {"text/csv": {}}, "description": "The entries as CSV"}}
            | refusals(401, 403, 422))
def entries_csv(recorder: Rec, request: Request, filters: Filters) -> Response:
    """The same entries as CSV, for a spreadsheet or a data subject's request. Exporting the
    trail is itself in the trail: the names in it are personal data too."""
    rows = recorder.audit.entries(**filters)
    audit(request, AuditAction.AUDIT_EXPORTED, detail={"entries": len(rows), "format": "csv",
                                                      **{k: str(v) for k, v in filters.items() if v is not None}})
    return Response(as_csv(rows), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="audit.csv"', "Cache-Control": "no-store"})


@router.get("/verify", dependencies=AUDIT, response_model=api.AuditCheck, responses=refusals(401, 403))
def verify(recorder: Rec) -> dict:
    """Walk the whole chain: ok, or the first entry that was changed, removed or put in."""
    return recorder.audit.verify()
