"""Live video: a camera's MPEG-TS relayed to any number of players."""

from __future__ import annotations

import asyncio
import time

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from recorder.api.deps import Rec, Who, audit, need, refusals
from recorder.cameras.config import get_camera
from recorder.errors import Conflict, NotFound
from vms_api.enums import AuditAction, LiveStream
from vms_api.errors import ErrorCode
from vms_api.models import Id
from vms_api.roles import Permission

# A live view waits this long for the first video before telling the viewer there is none
# (the camera is down, or not recorded): a player must not hang on a stream that never comes.
LIVE_FIRST_DATA_SECONDS = 10.0

router = APIRouter(prefix="/api/cameras", tags=["live"])


@router.get("/{camera_id}/live", dependencies=need(Permission.LIVE, url=True), response_class=StreamingResponse,
            responses={200: {"content": {"video/mp2t": {}}, "description": "The live stream"}}
            | refusals(401, 403, 404, 409, 422))
async def live(recorder: Rec, request: Request, who: Who, camera_id: Id,
               stream: LiveStream = LiveStream.MAIN) -> StreamingResponse:
    """The camera's live MPEG-TS, relayed: libVLC plays this URL (with ?token=)."""
    who.require_camera(camera_id)
    def which() -> str:
        with recorder.sessions() as s:
            cam = get_camera(s, camera_id)
            has_sub, enabled = bool(cam.sub_url), cam.enabled
        if stream == LiveStream.SUB and not has_sub:
            raise NotFound(ErrorCode.NO_SUBSTREAM, f"camera {camera_id} has no substream", camera_id=camera_id)
        if not enabled:  # nothing records it or fetches it: no video would ever come
            raise Conflict(ErrorCode.CAMERA_DISABLED, f"camera {camera_id} is disabled", camera_id=camera_id)
        # such a camera records without a live copy: its main stream is fetched while watched
        return "main-fetched" if stream == LiveStream.MAIN and has_sub else str(stream)
    feed = recorder.live.feed(camera_id, await run_in_threadpool(which))
    video = feed.watch()
    try:  # the status line waits for the first video, so a dead feed can still be refused
        first = await asyncio.wait_for(anext(video), LIVE_FIRST_DATA_SECONDS)
    except TimeoutError:
        await video.aclose()
        # a 4xx, not a gateway error: the camera's state, not the recorder, is at fault
        seconds = round(LIVE_FIRST_DATA_SECONDS)
        raise Conflict(ErrorCode.NO_LIVE_VIDEO, f"camera {camera_id} sent no live video within {seconds} s "
                       "(is it offline?)", camera_id=camera_id, seconds=seconds) from None

    await run_in_threadpool(audit, request, AuditAction.LIVE_STARTED, who, camera_id=camera_id,
                            detail={"stream": str(stream)})
    began = time.monotonic()

    async def relay():
        try:
            yield first
            async for chunk in video:
                yield chunk
        finally:
            # Written here, in the loop: a viewer who went away cancels this task, and a
            # cancelled task cannot wait for a thread (one short insert).
            audit(request, AuditAction.LIVE_STOPPED, who, camera_id=camera_id,
                  detail={"stream": str(stream), "seconds": round(time.monotonic() - began)})
            await video.aclose()
    return StreamingResponse(relay(), media_type="video/mp2t", headers={"Cache-Control": "no-store"})
