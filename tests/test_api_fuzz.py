"""A bounded fuzz run over the control API's own OpenAPI schema (schemathesis): every
operation gets valid and invalid requests, and no answer may be a 5xx or differ from what the
schema declares (status, content type, JSON shape). Real HTTP to a real Recorder object on
127.0.0.1; it records nothing, so no FFmpeg reaches out to an address the fuzzer writes."""

from __future__ import annotations

import base64
import socket
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
import requests
import schemathesis
import uvicorn
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance, status_code_conformance

from recorder.api.app import create_app
from recorder.capture.camera_recorder import CaptureSettings
from recorder.index.models import Segment
from recorder.paths import DataDir
from recorder.service import ApiSettings, Recorder
from tests.harness import wait_for

pytestmark = pytest.mark.slow  # hundreds of requests: the quick subset leaves the fuzzer out

EXAMPLES = 20  # per operation and mode: 45 pairs, about 900 requests, 30-40 s here
# Not fuzzed: shutdown ends the server; a live stream never ends (test_api_hardening tests it);
# a probe makes FFmpeg connect to whatever address the fuzzer invents.
EXCLUDED = {("POST", "/api/shutdown"), ("GET", "/api/cameras/{camera_id}/live"), ("POST", "/api/probe")}
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 64


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    """The recorder's API served by uvicorn on 127.0.0.1, with a little in its index."""
    rec = Recorder(DataDir(tmp_path_factory.mktemp("fuzz") / "data"), CaptureSettings(), ApiSettings())
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(rec, port), log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    wait_for(lambda: server.started, 10, 0.05, "the API server")
    base, auth = f"http://127.0.0.1:{port}", {"Authorization": f"Bearer {rec.token}"}
    for n in (1, 2):
        r = requests.post(f"{base}/api/cameras", headers=auth, timeout=10,
                          json={"name": f"Cam {n}", "url": f"rtsp://127.0.0.1:1/cam{n}", "enabled": False,
                                "sub_url": f"rtsp://127.0.0.1:1/sub{n}", "username": "admin", "password": "pw"})
        assert r.status_code == 201, r.text
    now = datetime.now(UTC).replace(microsecond=0)
    with rec.sessions.begin() as s:  # rows whose files are missing: the answers must still be 4xx at worst
        for i in range(3):
            start = now - timedelta(minutes=10 * (i + 1))
            s.add(Segment(camera_id=1, start=start, end=start + timedelta(minutes=10),
                          path=f"recordings/cam_1/x/{i}.mp4", bytes=1000, video_codec="h264"))
    r = requests.post(f"{base}/api/events", headers=auth, timeout=10,
                      json={"camera_id": 1, "time": (now - timedelta(minutes=5)).isoformat(), "kind": "plate",
                            "label": "ABC1D23", "snapshot": base64.b64encode(JPEG).decode()})
    assert r.status_code == 201, r.text
    rec.data.snapshot_file(1).write_bytes(JPEG)
    yield base, auth
    server.should_exit = True
    thread.join(15)
    rec.shutdown()


@pytest.mark.timeout(240)
def test_no_request_gets_a_5xx_or_an_undeclared_answer(api):
    base, auth = api
    schema = schemathesis.openapi.from_url(f"{base}/openapi.json", headers=auth)
    failures: list[str] = []
    t0 = time.monotonic()
    ran = 0
    for result in schema.get_all_operations():
        op = result.ok()
        if (op.method.upper(), op.path) in EXCLUDED:
            continue
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            # deterministic: a fixed seed, no example database, no shrinking (a failure is
            # reported as found, and the run stays bounded)
            @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                      phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
            @given(case=op.as_strategy(generation_mode=mode))
            def run(case):
                if op.path == "/api/alarms/changes":  # a valid wait is answered only after it: kept short
                    wait = (case.query or {}).get("wait")
                    if isinstance(wait, int | float) and not isinstance(wait, bool) and 0 <= wait:
                        case.query["wait"] = min(wait, 0.5)
                response = case.call(headers=auth, timeout=20)
                case.validate_response(response, checks=CHECKS)

            try:
                run()
                ran += 1
            except Unsatisfiable:  # no parameters, no body: nothing to make invalid
                assert mode is GenerationMode.NEGATIVE, op.path
            except (Exception, BaseExceptionGroup) as e:  # noqa: BLE001 - every operation's findings, then one failure
                failures.append(f"{op.method.upper()} {op.path} ({mode.value}): {str(e)[:2000]}")
    took = time.monotonic() - t0
    print(f"fuzzed {ran} operation/mode pairs in {took:.1f} s")
    assert not failures, "\n\n".join(failures)
    assert ran >= 40, ran  # the schema was read and nearly every operation run
