"""vms_api.client against a real recorder: a method per route, one error type that carries
the recorder's code, and no Qt or recorder code in the client."""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import pytest

from vms_api import models
from vms_api.client import RECORDER_NOT_RUNNING, ApiError, RecorderClient
from vms_api.errors import ErrorCode
from vms_api.local import DataDir, read_runtime


def test_no_recorder_is_one_distinct_code(tmp_path):
    client = RecorderClient.local(DataDir(tmp_path / "nothing-here"))
    with pytest.raises(ApiError) as err:
        client.status()
    assert err.value.code == RECORDER_NOT_RUNNING and err.value.status is None
    assert client.snapshot(1) is None  # pictures: simply none
    gone = RecorderClient("http://127.0.0.1:9", "token", timeout=2)  # nothing listens on the discard port
    with pytest.raises(ApiError) as err:
        gone.cameras()
    assert err.value.code == RECORDER_NOT_RUNNING


def test_the_client_speaks_to_a_running_recorder(tmp_path, recorder_factory):
    rec = recorder_factory().start()
    client = RecorderClient.local(rec.data)
    assert read_runtime(client.data)["pid"] == rec.proc.pid
    status = client.status()
    assert isinstance(status, models.Status)  # the contract's models, parsed
    assert status.cameras == [] and status.disk.total > 0 and status.recorder.pid == rec.proc.pid
    assert client.cameras() == [] and client.clips() == []
    assert client.events(kind="motion", limit=5) == []
    with pytest.raises(ApiError) as err:
        client.camera(999)
    assert err.value.status == 404 and err.value.code == ErrorCode.CAMERA_NOT_FOUND or err.value.code
    assert err.value.detail
    with pytest.raises(ApiError) as err:
        client.add_camera({"name": "Gate", "url": "http://10.0.0.5/"})
    assert err.value.status in (400, 422) and "rtsp" in err.value.detail
    cam = client.add_camera(models.CameraIn(name="Gate", url="rtsp://127.0.0.1:9/cam", enabled=False))
    assert isinstance(cam, models.Camera) and client.camera(cam.id).name == "Gate"
    assert client.update_camera(cam.id, models.CameraPatch(name="Front gate")).name == "Front gate"
    assert client.camera(cam.id).url == "rtsp://127.0.0.1:9/cam"  # a PATCH sends only what it names
    assert [c.name for c in client.cameras()] == ["Front gate"]
    live = urlsplit(client.live_url(cam.id, sub=True))  # on this machine, a URL libVLC opens itself
    assert live.path == f"/api/cameras/{cam.id}/live" and parse_qs(live.query) == {"token": [rec.token],
                                                                                   "stream": ["sub"]}
    untyped = RecorderClient.local(rec.data, typed=False)  # the JSON as sent, for code that reads keys
    assert untyped.camera(cam.id)["name"] == "Front gate"
    client.remove_camera(cam.id)
    assert client.cameras() == []
    assert client.shutdown().stopping
    rec.proc.wait(30)
    with pytest.raises(ApiError) as err:
        client.status()
    assert err.value.code == RECORDER_NOT_RUNNING


def test_the_client_needs_no_qt_and_no_recorder():
    code = ("import sys, vms_api.client, vms_api.local; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'recorder', 'vms_desktop')]; "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)
