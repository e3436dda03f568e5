"""The API as a typed contract (vms_api): every route's answers have a schema a generated client
can use, every refusal is an ApiErrorBody whose code and params say what the sentence says,
and the recorder raises no code the contract does not name."""

from __future__ import annotations

import ast
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from recorder.api.app import create_app
from recorder.capture.camera_recorder import CaptureSettings
from recorder.capture.ffmpeg import FRAGMENTED_MP4, explain_error
from recorder.index.models import Clip, utcnow
from recorder.paths import DataDir
from recorder.service import ApiSettings, Recorder
from tests.harness import wait_for
from vms_api.enums import CameraState
from vms_api.errors import PARAMS, ApiErrorBody, ErrorCode

ROOT = Path(__file__).resolve().parent.parent
ERROR_REF = "#/components/schemas/ApiErrorBody"
BINARY = {"image/jpeg", "image/png", "video/mp2t", "video/mp4", "text/csv"}
# The recorder's exceptions that carry a code (recorder/errors.py, recorder/capture/ffmpeg.py).
CODED = {"RecorderError", "InputError", "NotFound", "Conflict", "Unauthorized", "Forbidden", "TooSoon", "ClipLimit",
         "ClipBusy", "NoSpace", "TooLarge", "CameraError"}


@pytest.fixture
def recorder(tmp_path):
    rec = Recorder(DataDir(tmp_path / "data"), CaptureSettings(motion=False), ApiSettings())
    yield rec
    rec.shutdown()


@pytest.fixture
def client(recorder):
    c = TestClient(create_app(recorder), base_url="http://127.0.0.1", raise_server_exceptions=False)
    c.headers["Authorization"] = f"Bearer {recorder.token}"
    return c


def refused(r, status: int, code: ErrorCode, **params) -> dict:
    """The answer is an ApiErrorBody with this code and (at least) these params."""
    assert r.status_code == status, (r.status_code, r.text)
    body = ApiErrorBody.model_validate(r.json())
    assert body.code == code, r.text
    assert body.detail, r.text
    assert params.items() <= body.params.items(), r.text
    assert set(body.params) <= PARAMS[code], (code, body.params)
    return body.params


def new_camera(client, **kw) -> dict:
    r = client.post("/api/cameras", json={"name": "Gate", "url": "rtsp://127.0.0.1:1/cam", "enabled": False} | kw)
    assert r.status_code == 201, r.text
    return r.json()


# -- the schema --------------------------------------------------------------------------------

def _resolve(schema: dict, spec: dict) -> dict:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def test_every_route_has_a_typed_answer_and_typed_refusals(client):
    spec = client.get("/openapi.json").json()
    operations = [(path, method, op) for path, item in spec["paths"].items() for method, op in item.items()]
    assert len(operations) == 61, len(operations)  # every route of the API
    for path, method, op in operations:
        where = f"{method.upper()} {path}"
        answers = {status: r for status, r in op["responses"].items() if status.startswith("2")}
        assert answers, where
        for status, answer in answers.items():
            content = answer.get("content", {})
            assert content, (where, status)
            for media, body in content.items():
                if media in BINARY:
                    continue
                assert media == "application/json", (where, media)
                schema = _resolve(body["schema"], spec)
                if schema.get("type") == "array":
                    schema = _resolve(schema["items"], spec)
                assert schema.get("properties"), (where, status, "a JSON answer without a model")
        refusals = {status: r for status, r in op["responses"].items() if status.startswith("4")}
        assert "4XX" in refusals, where
        for status, refusal in refusals.items():
            assert refusal["content"]["application/json"]["schema"] == {"$ref": ERROR_REF}, (where, status)
    error_schema = spec["components"]["schemas"]["ApiErrorBody"]
    assert {"code", "params", "detail"} <= set(error_schema["properties"])
    codes = _resolve(error_schema["properties"]["code"], spec)
    assert set(codes["enum"]) == {c.value for c in ErrorCode}


def test_the_states_and_kinds_are_in_the_schema(client):
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    assert set(schemas["CameraState"]["enum"]) == {s.value for s in CameraState}
    assert {"ClipState", "DeletionReason", "Plan"} <= set(schemas)


# -- refusals from real calls --------------------------------------------------------------------

def make_fmp4(path: Path, seconds: int = 4) -> Path:
    """A real fragmented MP4 like the recorder's: 1 s GOP, H.264, fragment per keyframe."""
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"testsrc=size=160x120:rate=10:duration={seconds}",
                    "-c:v", "libx264", "-g", "10", "-preset", "ultrafast", "-f", "mp4",
                    "-movflags", FRAGMENTED_MP4.split(":")[0].split("=", 1)[1], str(path)], check=True)
    return path


def test_a_clip_over_the_plans_limit_names_the_plan_and_the_count(recorder, client):
    cam = new_camera(client)
    seg = recorder.store.index_file(cam["id"], make_fmp4(recorder.data.incoming_dir(cam["id"]) / "1_00000.mp4"))
    assert seg is not None
    now = utcnow()
    with recorder.sessions.begin() as s:  # the Basic plan's ten clips, already saved
        for n in range(10):
            s.add(Clip(camera_id=cam["id"], requested_start=seg.start, requested_end=seg.end, start=seg.start,
                       end=seg.end, name=f"saved {n}", path=f"clips/cam_1/clip_{n}.mp4", bytes=1, created_at=now,
                       state="ready"))
    r = client.post("/api/clips", json={"camera_id": cam["id"], "start": seg.start.isoformat(),
                                        "end": (seg.start + timedelta(seconds=2)).isoformat(), "name": "one more"})
    refused(r, 403, ErrorCode.CLIP_LIMIT_REACHED, plan="basic", limit=10, count=10)
    assert "Basic plan keeps up to 10 clips" in r.json()["detail"]


def test_unknown_things_name_what_was_looked_for(client):
    refused(client.get("/api/cameras/99"), 404, ErrorCode.CAMERA_NOT_FOUND, camera_id=99)
    refused(client.get("/api/recordings", params={"camera_id": 98}), 404, ErrorCode.CAMERA_NOT_FOUND, camera_id=98)
    refused(client.get("/api/clips/7"), 404, ErrorCode.CLIP_NOT_FOUND, clip_id=7)
    refused(client.get("/api/events/5/snapshot"), 404, ErrorCode.EVENT_SNAPSHOT_NOT_FOUND, event_id=5)
    refused(client.get("/api/nothing/here"), 404, ErrorCode.NOT_FOUND, path="/api/nothing/here")
    cam = new_camera(client)
    refused(client.get(f"/api/cameras/{cam['id']}/snapshot"), 404, ErrorCode.NO_CAMERA_SNAPSHOT, camera_id=cam["id"])
    refused(client.get(f"/api/cameras/{cam['id']}/live", params={"stream": "sub"}), 404, ErrorCode.NO_SUBSTREAM,
            camera_id=cam["id"])
    refused(client.get(f"/api/cameras/{cam['id']}/live"), 409, ErrorCode.CAMERA_DISABLED, camera_id=cam["id"])


def test_bad_input_says_which_rule_and_which_field(client):
    r = client.post("/api/cameras", json={"name": "Gate", "url": "http://127.0.0.1/cam"})
    refused(r, 400, ErrorCode.URL_SCHEME_INVALID, field="url", scheme="http")
    r = client.post("/api/cameras", json={"name": "Gate", "url": "rtsp://h/x", "sub_url": "rtsp://"})
    refused(r, 400, ErrorCode.URL_NO_HOST, field="sub_url")
    refused(client.post("/api/cameras", json={"name": " ", "url": "rtsp://h/x"}), 400, ErrorCode.CAMERA_NAME_REQUIRED)
    r = client.post("/api/cameras", json={"name": "Gate", "url": "rtsp://h/x", "retention_days": 0})
    refused(r, 400, ErrorCode.RETENTION_OUT_OF_RANGE, min=1, max=3650)
    r = client.post("/api/cameras", json={"name": "Gate", "url": "rtsp://h/x", "motion_mask": [[0, 0, 2, 2]]})
    refused(r, 400, ErrorCode.MOTION_MASK_AREA_OUTSIDE, area=1)
    cam = new_camera(client)
    r = client.get("/api/recordings", params={"camera_id": cam["id"], "start": "2026-01-02T00:00:00+00:00",
                                              "end": "2026-01-01T00:00:00+00:00"})
    refused(r, 400, ErrorCode.PERIOD_START_AFTER_END)
    r = client.post("/api/events", json={"camera_id": cam["id"], "time": utcnow().isoformat(), "kind": "motion"})
    refused(r, 400, ErrorCode.EVENT_KIND_RESERVED, kind="motion")
    r = client.post("/api/events", json={"camera_id": cam["id"], "time": utcnow().isoformat(), "kind": "plate",
                                         "snapshot": "A" * (2 * 1024 * 1024)})
    refused(r, 413, ErrorCode.SNAPSHOT_TOO_LARGE, max_kb=1024)
    r = client.post("/api/clips", json={"camera_id": cam["id"], "start": utcnow().isoformat(),
                                        "end": utcnow().isoformat(), "name": "a/b"})
    refused(r, 400, ErrorCode.CLIP_NAME_PATH_CHARACTERS)


def test_a_request_of_the_wrong_shape_names_the_field_and_never_echoes_it(client):
    params = refused(client.get("/api/recordings", params={"camera_id": "x"}), 422, ErrorCode.INVALID_REQUEST,
                     field="camera_id")
    assert params["errors"][0]["field"] == "camera_id" and params["errors"][0]["message"]
    r = client.post("/api/cameras", json={"name": "Gate", "url": "rtsp://h/x", "password": "hunter2" * 100})
    refused(r, 422, ErrorCode.INVALID_REQUEST, field="password")
    assert "hunter2" not in r.text
    refused(client.get("/api/events", params={"order": "sideways"}), 422, ErrorCode.INVALID_REQUEST, field="order")
    r = client.post("/api/cameras", content=b"\x0b\xed\xa0", headers={"Content-Type": "application/json"})
    refused(r, 400, ErrorCode.INVALID_REQUEST, field="body")
    refused(client.put("/api/cameras"), 405, ErrorCode.METHOD_NOT_ALLOWED, method="PUT")


def test_tokens_and_hosts(recorder):
    anonymous = TestClient(create_app(recorder), base_url="http://127.0.0.1")
    refused(anonymous.get("/api/status"), 401, ErrorCode.TOKEN_MISSING)
    r = anonymous.get("/api/status", headers={"Authorization": "Bearer nope"})
    refused(r, 401, ErrorCode.TOKEN_WRONG)
    assert r.headers["www-authenticate"] == "Bearer"
    refused(anonymous.get("/api/status", headers={"Authorization": f"Basic {recorder.token}"}), 401,
            ErrorCode.AUTH_SCHEME_INVALID)
    refused(anonymous.get("/openapi.json"), 401, ErrorCode.TOKEN_MISSING)
    foreign = TestClient(create_app(recorder), base_url="http://evil.example")
    refused(foreign.get("/api/health"), 400, ErrorCode.HOST_NOT_ALLOWED, host="evil.example")


# -- why a camera is not recording ---------------------------------------------------------------

def test_a_probe_that_fails_says_why_as_a_code(client):
    r = client.post("/api/probe", json={"url": "rtsp://127.0.0.1:1/cam"})
    assert r.status_code == 200 and r.json()["ok"] is False, r.text
    assert r.json()["error_code"] == ErrorCode.CAMERA_REFUSED and r.json()["error_params"] == {"host": "127.0.0.1"}
    assert r.json()["error"].startswith("127.0.0.1 refused the connection")


def test_a_failing_camera_reports_its_code_beside_the_sentence(recorder, client):
    cam = new_camera(client, enabled=True)
    recorder.reconcile()
    row = wait_for(lambda: next((c for c in client.get("/api/status").json()["cameras"]
                                 if c["id"] == cam["id"] and c["error_code"]), None), 30, 0.2, "the camera's error")
    assert row["state"] in (CameraState.ERROR, CameraState.RETRYING), row
    assert row["error_code"] == ErrorCode.CAMERA_REFUSED and row["error_params"] == {"host": "127.0.0.1"}, row
    assert row["error"].startswith("127.0.0.1 refused the connection"), row


@pytest.mark.parametrize("stderr,code,params", [
    ("Server returned 401 Unauthorized (authorization failed)", ErrorCode.CAMERA_AUTH_FAILED, {}),
    ("method DESCRIBE failed: 404 Not Found", ErrorCode.CAMERA_NO_STREAM, {}),
    ("Connection to tcp://10.0.0.9:554 failed: Connection refused", ErrorCode.CAMERA_REFUSED, {"host": "10.0.0.9"}),
    ("Connection to tcp://10.0.0.9:554 failed: Connection timed out", ErrorCode.CAMERA_TIMEOUT, {"host": "10.0.0.9"}),
    ("Connection to tcp://10.0.0.9:554 failed: No route to host", ErrorCode.CAMERA_UNREACHABLE, {"host": "10.0.0.9"}),
    ("Failed to resolve hostname cam: Name or service not known", ErrorCode.CAMERA_HOST_NOT_FOUND, {"host": "10.0.0.9"}),
    ("av_interleaved_write_frame(): No space left on device", ErrorCode.DISK_FULL, {}),
    ("could not open out.mp4: Permission denied", ErrorCode.RECORDINGS_PERMISSION_DENIED, {}),
    ("rtsp: Connection reset by peer", ErrorCode.CAMERA_CLOSED_CONNECTION, {}),
    ("Invalid data found when processing input", ErrorCode.CAMERA_BAD_ANSWER, {}),
    ("the camera stopped sending video", ErrorCode.CAMERA_STALLED, {}),
    ("", ErrorCode.CAMERA_UNKNOWN_FAILURE, {}),
    ("something new and strange", ErrorCode.CAMERA_FAILED, {"message": "something new and strange"}),
])
def test_ffmpeg_failures_have_codes(stderr, code, params):
    error = explain_error(stderr, "rtsp://10.0.0.9:554/x")
    assert (error.code, error.params) == (code, params)
    assert set(error.params) <= PARAMS[code]


# -- the codes the recorder raises -------------------------------------------------------------

def _recorder_sources() -> list[tuple[Path, ast.AST]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted((ROOT / "recorder").rglob("*.py"))]


def test_every_coded_error_the_recorder_raises_names_a_code_of_the_contract():
    checked = 0
    for path, tree in _recorder_sources():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in CODED):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            assert node.args, where
            first = node.args[0]
            if isinstance(first, ast.Attribute) and isinstance(first.value, ast.Name) and first.value.id == "ErrorCode":
                assert first.attr in ErrorCode.__members__, where
                names = {k.arg for k in node.keywords if k.arg}
                assert names <= PARAMS[ErrorCode[first.attr]], (where, names)
                checked += 1
            elif isinstance(first, ast.Name) and first.id == "code":  # a table of codes (ffmpeg's patterns)
                continue
            else:  # passed on from another coded error: e.code
                assert isinstance(first, ast.Attribute) and first.attr == "code", where
    assert checked >= 60, checked


def test_every_code_of_the_contract_is_used_and_nothing_refuses_without_one():
    used = set()
    for path, tree in _recorder_sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "ErrorCode":
                used.add(node.attr)
            if isinstance(node, ast.Raise) and path.parts[-2] == "api":
                call = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
                name = getattr(call, "id", getattr(call, "attr", ""))
                assert name in CODED or name == "" or name.startswith("_"), (path.name, node.lineno, name)
    assert set(ErrorCode.__members__) - used == set()


def test_the_disks_trouble_has_a_code_beside_its_sentence(recorder, client):
    assert client.get("/api/status").json()["disk"]["trouble_code"] is None
    recorder.retention._say_short(free=300_000_000, floor=2_000_000_000)  # what the guard says when nothing can go
    disk = client.get("/api/status").json()["disk"]
    assert disk["trouble_code"] == ErrorCode.RECORDING_DISK_ALMOST_FULL, disk
    assert disk["trouble_params"] == {"free_mb": 300, "need_mb": 2000, "clips": 0}, disk
    assert disk["trouble"].startswith("The disk is almost full (300 MB free, 2000 MB needed)"), disk
    assert set(disk["trouble_params"]) <= PARAMS[ErrorCode.RECORDING_DISK_ALMOST_FULL]
