"""The recorder on the site's network: a real recorder process listening with TLS on a second
loopback address, its own certificate pinned by fingerprint, a login over the network, the
recordings read through byte ranges, and a certificate that changed refused."""

from __future__ import annotations

import shutil

import pytest
import requests

from tests.harness import PASSWORD, cli, cli_json, wait_for
from vms_api.client import CERTIFICATE_CHANGED, ApiError, RecorderClient, normal_fingerprint, server_fingerprint
from vms_api.errors import ErrorCode

LAN = "127.0.0.2"
pytestmark = pytest.mark.slow


def lan_recorder(recorder_factory, data, *extra):
    rec = recorder_factory(data, segment_seconds=4, extra=("--listen", f"{LAN}:0", *extra)).start()
    assert rec.runtime()["lan_url"].startswith(f"https://{LAN}:")
    return rec


def add_admin(rec, name="ana") -> None:
    r = rec.api("POST", "/api/users", json={"name": name, "role": "admin", "password": PASSWORD, "cameras": None})
    assert r.status_code == 201, r.text


def test_login_and_recordings_over_tls_with_the_pinned_certificate(tmp_path, camera_factory, recorder_factory):
    cam = camera_factory(gop_seconds=1)
    data = tmp_path / "data"
    cid = int(cli(data, "camera", "add", "--name", "Gate", "--url", cam.url, "--motion", "off").stdout)
    rec = lan_recorder(recorder_factory, data)
    url, said = rec.runtime()["lan_url"], rec.runtime()["tls_fingerprint"]
    # what the installer reads on the recorder, what the workstation sees on the wire: the same
    printed = cli(data, "tls", "fingerprint").stdout.strip()
    assert printed == said == server_fingerprint(url)
    assert normal_fingerprint(printed.replace(":", "").lower()) == printed
    add_admin(rec)

    remote = RecorderClient(url, fingerprint=printed, timeout=15)
    session = remote.login("ana", PASSWORD)
    assert session.user.name == "ana"
    assert [c.id for c in remote.cameras()] == [cid]
    assert remote.status().recorder.lan_url == url
    seg = wait_for(lambda: next(iter(remote.recordings(cid)), None), 60, 0.5, "a segment indexed")
    on_disk = rec.data.absolute(seg.path).read_bytes()
    whole = remote.stream(f"/api/recordings/{seg.id}/file")
    assert whole.status_code == 200 and whole.content == on_disk
    part = remote.stream(f"/api/recordings/{seg.id}/file", offset=1000)
    assert part.status_code == 206 and part.content == on_disk[1000:]
    assert part.headers["content-range"] == f"bytes 1000-{len(on_disk) - 1}/{len(on_disk)}"

    # the file being written, as far as it is written, named as the status names it
    current = wait_for(lambda: next(c for c in remote.status().cameras if c.id == cid).current_file, 30, 0.5,
                       "a file being written")
    name = current.rsplit("/", 1)[-1]
    try:
        growing = remote.stream("/api/recordings/current", params={"camera_id": cid, "name": name})
        assert growing.status_code == 206 and growing.content[4:8] == b"ftyp"
    except ApiError as e:  # it became a segment in between
        assert e.code == ErrorCode.NOT_RECORDING_NOW
    with pytest.raises(ApiError) as gone:
        remote.stream("/api/recordings/current", params={"camera_id": cid, "name": "elsewhere.mp4"})
    assert gone.value.code == ErrorCode.NOT_RECORDING_NOW
    with pytest.raises(ApiError) as nothing:
        remote.stream("/api/recordings/999999/file")
    assert nothing.value.code == ErrorCode.SEGMENT_NOT_FOUND and nothing.value.status == 404

    # the machine's own token is for this machine: from the network, a user logs in
    r = requests.get(url + "/api/status", headers={"Authorization": f"Bearer {rec.token}"}, verify=False, timeout=15)
    assert r.status_code == 401
    # plain HTTP on the TLS socket gets nothing
    with pytest.raises(requests.RequestException):
        requests.get(url.replace("https://", "http://") + "/api/health", timeout=5).raise_for_status()
    # the loopback socket still keeps to its own names
    assert rec.api("GET", "/api/status", headers={"Authorization": f"Bearer {rec.token}",
                                                  "Host": "evil.example"}).status_code == 400


def test_a_wrong_password_from_the_network_is_refused_and_on_record(tmp_path, recorder_factory):
    data = tmp_path / "data"
    cli(data, "listen", f"{LAN}:0")  # the stored setting, as the admin leaves it for the service
    rec = recorder_factory(data, segment_seconds=4).start()
    assert rec.runtime()["lan_url"].startswith(f"https://{LAN}:")
    add_admin(rec)
    url, fp = rec.runtime()["lan_url"], rec.runtime()["tls_fingerprint"]
    with pytest.raises(ApiError) as wrong:
        RecorderClient(url, fingerprint=fp).login("ana", "not the password")
    assert wrong.value.code == ErrorCode.LOGIN_FAILED and wrong.value.status == 401
    assert PASSWORD not in str(wrong.value) and "not the password" not in rec.log()
    trail = cli_json(data, "audit", "--user", "ana")
    assert trail[0]["action"] == "login_failed" and trail[0]["address"]


def test_a_changed_certificate_is_refused_loudly(tmp_path, recorder_factory):
    data = tmp_path / "data"
    rec = lan_recorder(recorder_factory, data)
    add_admin(rec)
    url, pinned = rec.runtime()["lan_url"], rec.runtime()["tls_fingerprint"]
    RecorderClient(url, fingerprint=pinned).login("ana", PASSWORD)
    port = url.rsplit(":", 1)[1]
    assert rec.stop() == 0
    shutil.rmtree(data / "tls")  # another machine at the address, or a recorder reinstalled: a new key
    rec2 = recorder_factory(data, segment_seconds=4, extra=("--listen", f"{LAN}:{port}")).start()
    assert rec2.runtime()["tls_fingerprint"] != pinned
    with pytest.raises(ApiError) as refused:
        RecorderClient(url, fingerprint=pinned).login("ana", PASSWORD)
    assert refused.value.code == CERTIFICATE_CHANGED
    assert refused.value.params["found"] == rec2.runtime()["tls_fingerprint"]
    assert refused.value.params["pinned"] == pinned
    with pytest.raises(ValueError):
        RecorderClient(url)  # https without a pin is never "trust anything"


def test_the_listen_setting_is_kept_and_checked(tmp_path):
    data = tmp_path / "data"
    assert cli_json(data, "listen")["listen"] is None
    assert cli_json(data, "listen", f"{LAN}:8443")["listen"] == f"{LAN}:8443"
    assert cli_json(data, "listen")["listen"] == f"{LAN}:8443"
    bad = cli(data, "listen", "somewhere:8443", check=False)
    assert bad.returncode == 2 and "IP address" in bad.stderr
    assert cli(data, "run", "--listen", "1.2.3.4:99999", check=False).returncode == 2
    assert cli_json(data, "listen", "off")["listen"] is None


def test_a_workstation_trusts_on_first_connection_logs_in_and_refuses_a_changed_certificate(
        tmp_path, qtbot, monkeypatch, recorder_factory):
    from PySide6.QtWidgets import QMessageBox

    from vms_desktop.main_window import MainWindow
    from vms_desktop.recorder_link import RecorderSupervisor
    from vms_desktop.session.connect_dialog import ConnectDialog, pinned, recent
    from vms_desktop.settings import client_settings

    data = tmp_path / "data"
    rec = lan_recorder(recorder_factory, data)
    add_admin(rec)
    url, fp = rec.runtime()["lan_url"], rec.runtime()["tls_fingerprint"]
    settings = client_settings()
    shown = []

    def compare(_parent, _title, text, *_a, **_k):
        shown.append(text)
        return QMessageBox.Yes

    monkeypatch.setattr(QMessageBox, "question", compare)
    dialog = ConnectDialog(settings, url.removeprefix("https://"), "ana")  # typed without the scheme
    qtbot.addWidget(dialog)
    dialog.password.setText(PASSWORD)
    dialog.ok.click()
    qtbot.waitUntil(lambda: dialog.remote is not None, timeout=15_000)
    assert fp in shown[0]  # the user saw the fingerprint the recorder prints
    assert pinned(settings, url) == fp and recent(settings) == [url]
    assert dialog.password.text() == ""

    sup = RecorderSupervisor(server=url, fingerprint=fp, user="ana", password=dialog.remote.password)
    win = MainWindow(sup, settings)
    qtbot.addWidget(win)
    sup.start()
    win.show()
    qtbot.waitUntil(lambda: win.session_guard.label.text() == "ana (Administrator)", timeout=20_000)
    qtbot.waitUntil(lambda: win.recorder_ok, timeout=20_000)
    assert cli_json(data, "audit", "--user", "ana", "--action", "login")[0]["address"] == "127.0.0.1"
    sup.close()
    win.close()

    # the recorder reinstalled (a new key), or another machine at its address
    port = url.rsplit(":", 1)[1]
    assert rec.stop() == 0
    shutil.rmtree(data / "tls")
    rec2 = recorder_factory(data, segment_seconds=4, extra=("--listen", f"{LAN}:{port}")).start()
    new = rec2.runtime()["tls_fingerprint"]
    again = ConnectDialog(settings, url, "ana")
    qtbot.addWidget(again)
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *_a, **_k: shown.append(text))
    again.password.setText(PASSWORD)
    again.ok.click()
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=15_000)
    assert again.remote is None and new in shown[1] and fp in shown[1]
    assert pinned(settings, url) == fp  # never replaced by what answered

    sup = RecorderSupervisor(server=url, fingerprint=fp, user="ana", password=PASSWORD)
    win = MainWindow(sup, settings)
    qtbot.addWidget(win)
    sup.start()
    win.show()
    qtbot.waitUntil(lambda: win.findChild(QMessageBox, "certificateRefused") is not None, timeout=20_000)
    assert win.pages.currentWidget() is win.curtain and sup.session is None
    assert not cli_json(data, "audit", "--user", "ana", "--action", "login")[0]["at"] > rec2.runtime()["started_at"]
    sup.close()
