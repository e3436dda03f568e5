"""Camera passwords on no command line: the real recorder recording a camera with a password,
its live view watched and "Test connection" asked for, while every process is looked at."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path
from urllib.parse import quote

import pytest
import requests

from tests.harness import cli, cli_json, wait_for

# Every character the concat list or the URL could stumble on.
PASSWORD = "p'w\\ @:/%#x"


class ProcessWatch:
    """Reads every process's command line and environment, again and again, for a secret;
    and the mode of each file in the recorder's private folder while it exists."""

    def __init__(self, secrets: list[str], private_dir: Path):
        self.secrets = [s.encode() for s in secrets]
        self.private_dir = private_dir
        self.hits: list[str] = []
        self.modes: dict[str, int] = {}
        self.rounds = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> ProcessWatch:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join(10)

    def _run(self) -> None:
        while not self._stop.is_set():
            for proc in Path("/proc").iterdir():
                if proc.name.isdigit():
                    self._look(proc)
            try:
                for path in self.private_dir.iterdir():
                    self.modes[path.name] = stat.S_IMODE(path.stat().st_mode)
            except OSError:
                pass  # not made yet, or the file went while we looked
            self.rounds += 1
            self._stop.wait(0.05)

    def _look(self, proc: Path) -> None:
        for part in ("cmdline", "environ"):
            try:
                text = (proc / part).read_bytes()
            except OSError:
                continue  # gone, or not ours to read
            if any(s in text for s in self.secrets):
                shown = text.replace(b"\0", b" ")[:300]
                self.hits.append(f"{proc.name} {part}: {shown!r}")

    def wait_rounds(self, n: int = 3) -> None:
        """At least n more full looks at every process from now on."""
        target = self.rounds + n
        wait_for(lambda: self.rounds >= target, 30, 0.05, "the process watch")


def grab(url: str, nbytes: int) -> int:
    got = 0
    with requests.get(url, stream=True, timeout=20) as r:
        assert r.status_code == 200, r.text
        for chunk in r.iter_content(65536):
            got += len(chunk)
            if got >= nbytes:
                break
    return got


@pytest.mark.slow
def test_camera_password_is_on_no_command_line(tmp_path, camera_factory, recorder_factory):
    cam = camera_factory(user="admin", password=PASSWORD, sub_path="/sub")
    data_dir = tmp_path / "data"
    added = cli(data_dir, "camera", "add", "--name", "Gate", "--url", cam.url, "--sub-url",
                cam.url.replace("/cam", "/sub"), "--username", "admin", "--password-stdin", input=PASSWORD + "\n")
    cid = int(added.stdout)
    rec = recorder_factory(data_dir)
    private = rec.data.private_dir
    secrets = [PASSWORD, quote(PASSWORD, safe=""), quote(PASSWORD)]
    with ProcessWatch(secrets, private) as watch:
        rec.start()
        wait_for(lambda: rec.camera_status(cid)["state"] == "recording", 30, what="recording")
        # live view: the substream and the main stream, each fetched by its own FFmpeg
        base = f"{rec.base}/api/cameras/{cid}/live?token={rec.token}"
        for url in (base + "&stream=sub", base):
            assert grab(url, 200_000) >= 200_000
            watch.wait_rounds()
        # "Test connection": with the password typed, with the stored one, with a wrong one
        for body, expect in (({"username": "admin", "password": PASSWORD}, True),
                             ({"camera_id": cid, "username": "admin"}, True),
                             ({"username": "admin", "password": "wrong"}, False)):
            answer = rec.api("POST", "/api/probe", json={"url": cam.url, **body}).json()
            assert answer["ok"] is expect, (body, answer)
        assert answer["error"] == "wrong username or password"
        wait_for(lambda: len(rec.segments(cid)) >= 2, 40, what="two closed segments")
        watch.wait_rounds()
        assert rec.stop() == 0
    assert not watch.hits, watch.hits
    # the lists were seen while FFmpeg read them, private, and none is left
    assert watch.modes and set(watch.modes.values()) == {0o600}, watch.modes
    assert stat.S_IMODE(private.stat().st_mode) == 0o700
    assert not list(private.iterdir())
    assert all(PASSWORD not in p.read_bytes().decode(errors="replace") for p in data_dir.rglob("*") if p.is_file())
    assert "--password" not in added.stderr  # no warning about a visible password


@pytest.mark.slow
def test_a_list_left_by_a_killed_recorder_goes_at_start_up(tmp_path, camera_factory, recorder_factory):
    cam = camera_factory(user="admin", password=PASSWORD)
    data_dir = tmp_path / "data"
    cid = int(cli(data_dir, "camera", "add", "--name", "Gate", "--url", cam.url, "--username", "admin",
                  "--password-stdin", input=PASSWORD + "\n").stdout)
    rec = recorder_factory(data_dir).start()
    wait_for(lambda: rec.camera_status(cid)["state"] == "recording", 30, what="recording")
    leftover = rec.data.private_dir / "crashed.ffconcat"
    leftover.write_text("file 'rtsp://admin:secret@h/x'\n")
    os.kill(rec.proc.pid, 9)
    rec.stop()
    again = recorder_factory(data_dir).start()
    wait_for(lambda: not leftover.exists(), 10, what="the leftover removed")
    wait_for(lambda: again.camera_status(cid)["state"] == "recording", 30, what="recording again")
    again.stop()
    assert not list(again.data.private_dir.iterdir())


def test_password_stdin_and_the_warning_for_password(tmp_path):
    data_dir = tmp_path / "data"
    shown = cli(data_dir, "camera", "add", "--name", "A", "--url", "rtsp://10.0.0.5/x", "--username", "u",
                "--password", "pw")
    assert "other users" in shown.stderr
    both = cli(data_dir, "camera", "add", "--name", "B", "--url", "rtsp://10.0.0.5/x", "--username", "u",
               "--password", "pw", "--password-stdin", check=False, input="pw\n")
    assert both.returncode == 2 and "not allowed with" in both.stderr
    # no TTY and no password option: no password, and no prompt holding up a script
    cid = int(cli(data_dir, "camera", "add", "--name", "C", "--url", "rtsp://10.0.0.5/x", "--username", "u",
                  input="").stdout)
    rows = {r["id"]: r for r in cli_json(data_dir, "camera", "list")}
    assert rows[cid]["has_password"] is False and rows[1]["has_password"] is True
    in_url = cli(data_dir, "camera", "add", "--name", "D", "--url", "rtsp://u:pw@10.0.0.5/x", input="")
    assert "a password in --url can be seen" in in_url.stderr
