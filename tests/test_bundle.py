"""The packaged app (installer/build.sh), built once per session, unpacked from its tarball and
installed with its install.sh into a temporary home outside the source tree, and run with a PATH
that does not hold our environment: both programs start, the recorder records a real camera with
the bundled FFmpeg, the client starts the bundled recorder and plays H.264 and H.265 (MP4 files,
MPEG-TS over HTTP) with the bundled libVLC. Prints the bundle's size and the client's start time.

VMS_BUNDLE_DIR: a folder where installer/build.sh already left the tarball (its --dist); the
test then uses it instead of building.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
import requests

from recorder import __version__
from tests.harness import wait_for

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.bundle, pytest.mark.slow, pytest.mark.timeout(1200),
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux tarball"),
              pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="the client needs an X server")]


@dataclass
class Bundle:
    tarball: Path
    app: Path  # the installed folder
    bin: Path  # where install.sh linked the commands
    home: Path
    env: dict[str, str]

    @property
    def contents(self) -> Path:
        return self.app / "_internal"

    def run(self, program: str, *args: str, timeout: float = 120, **kw) -> subprocess.CompletedProcess:
        out = subprocess.run([str(self.bin / program), *args], capture_output=True, text=True, timeout=timeout,
                             env=kw.pop("env", self.env), cwd=self.home, **kw)
        assert out.returncode == 0, f"{program} {' '.join(args)} failed ({out.returncode}): {out.stdout}{out.stderr}"
        return out

    def inside(self, path: str | Path) -> bool:
        return Path(path).resolve().is_relative_to(self.app.resolve())


def _tarball(work: Path) -> Path:
    dist = os.environ.get("VMS_BUNDLE_DIR")
    if not dist:
        dist = work / "dist"
        subprocess.run(["bash", str(ROOT / "installer" / "build.sh"), "--dist", str(dist), "--work",
                        str(work / "build")], check=True, timeout=1200)
    found = sorted(Path(dist).glob(f"vms-desktop-{__version__}-linux-{platform.machine()}.tar.gz"))
    assert found, f"no tarball in {dist}"
    return found[-1]


@pytest.fixture(scope="session")
def bundle():
    work = Path(tempfile.mkdtemp(prefix="vms-bundle-"))
    try:
        tarball = _tarball(work)
        subprocess.run(["tar", "-xzf", str(tarball), "-C", str(work)], check=True)
        home = work / "home"
        home.mkdir()
        # Nothing of the source tree or its virtual environment: a user's plain session.
        env = {"HOME": str(home), "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8",
               "DISPLAY": os.environ["DISPLAY"], "QT_QPA_PLATFORM": "xcb"}
        if "XAUTHORITY" in os.environ:
            env["XAUTHORITY"] = os.environ["XAUTHORITY"]
        subprocess.run(["sh", str(work / "vms-desktop" / "install.sh"), "--user"], env=env, cwd=home,
                       check=True, capture_output=True)
        yield Bundle(tarball, home / ".local" / "opt" / "vms-desktop", home / ".local" / "bin", home, env)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _report(capsys, **figures) -> None:
    with capsys.disabled():
        print(f"\nbundle: {json.dumps(figures)}")


def _du(path: Path) -> int:
    return int(subprocess.run(["du", "-sb", str(path)], capture_output=True, text=True).stdout.split()[0])


def test_installs_and_both_programs_start(bundle, capsys):
    assert bundle.run("vms-recorder", "--version").stdout.strip() == f"vms-recorder {__version__}"
    assert bundle.run("vms-desktop", "--version").stdout.strip() == f"vms-desktop {__version__}"
    for part in ("bin/ffmpeg", "bin/ffprobe", "libvlc.so.5", "vlc/plugins/codec/libavcodec_plugin.so",
                 "vms_desktop/i18n/vms_desktop_pt_BR.qm", "resources/demo_camera.py",
                 "recorder/index/migrations/env.py", "recorder/index/migrations/versions/0001_initial.py"):
        assert (bundle.contents / part).is_file(), part
    entry = (bundle.home / ".local/share/applications/vms-desktop.desktop").read_text()
    assert f'Exec="{bundle.app}/vms-desktop"' in entry and f"Icon={bundle.app}/vms-desktop.png" in entry
    _report(capsys, folder_mb=round(_du(bundle.app) / 2**20), tarball_mb=round(bundle.tarball.stat().st_size / 2**20),
            vlc_plugins_mb=round(_du(bundle.contents / "vlc") / 2**20, 1))


def _children(pid: int) -> list[int]:
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(stat.parent.name))
    return kids


def _exe(pid: int) -> str:
    return os.readlink(f"/proc/{pid}/exe")


def _segments(bundle: Bundle, data: Path) -> list[dict]:
    out = bundle.run("vms-recorder", "--data-dir", str(data), "--json", "segments", "--camera", "1",
                     "--from", "2000-01-01T00:00:00")
    return json.loads(out.stdout)


def _smoke(bundle: Bundle, *media: str) -> dict[str, str]:
    """The client's --smoke-test report, line by line ('key: value')."""
    out = bundle.run("vms-desktop", "--smoke-test", *media, timeout=90)
    report = {}
    for line in out.stdout.splitlines():
        key, _, value = line.partition(": ")
        report[key] = value
    return report


def test_bundled_recorder_records_with_bundled_ffmpeg(bundle, camera_factory, tmp_path):
    cam = camera_factory(codec="h264", fps=15, gop_seconds=1)
    data = tmp_path / "data"
    bundle.run("vms-recorder", "--data-dir", str(data), "camera", "add", "--name", "Gate", "--url", cam.url)
    env = dict(bundle.env, VMS_ALLOW_SHORT_SEGMENTS="1")
    with open(tmp_path / "recorder.out", "w") as log:
        rec = subprocess.Popen([str(bundle.bin / "vms-recorder"), "--data-dir", str(data), "run",
                                "--segment-seconds", "2"], env=env, cwd=bundle.home, stdout=log, stderr=log)
    try:
        ffmpegs = wait_for(lambda: [p for p in _children(rec.pid) if Path(_exe(p)).name == "ffmpeg"], 30,
                           what="the recorder's FFmpeg")
        assert all(bundle.inside(_exe(p)) for p in ffmpegs), [_exe(p) for p in ffmpegs]
        wait_for(lambda: len(_segments(bundle, data)) >= 2, 60, 1, "two closed segments")
    finally:
        rec.send_signal(signal.SIGTERM)
        code = rec.wait(30)
    assert code == 0, (tmp_path / "recorder.out").read_text()
    segments = _segments(bundle, data)
    assert len(segments) >= 2, segments
    segment = data / segments[0]["path"]
    # As the bundled programs run it: their bootloader puts the contents folder on LD_LIBRARY_PATH.
    tool_env = dict(bundle.env, LD_LIBRARY_PATH=str(bundle.contents))
    probe = subprocess.run([str(bundle.contents / "bin/ffprobe"), "-v", "error", "-show_entries",
                            "stream=codec_name:format=duration", "-of", "json", str(segment)],
                           capture_output=True, text=True, env=tool_env, timeout=60)
    info = json.loads(probe.stdout)
    assert info["streams"][0]["codec_name"] == "h264" and float(info["format"]["duration"]) > 1
    decode = subprocess.run([str(bundle.contents / "bin/ffmpeg"), "-v", "error", "-xerror", "-i", str(segment),
                             "-f", "null", "-"], capture_output=True, text=True, env=tool_env, timeout=60)
    assert decode.returncode == 0, decode.stderr
    played = _smoke(bundle, str(segment))
    assert played[f"played {segment}"].startswith("640x360"), played


def test_bundled_client_loads_its_own_libvlc_and_ffmpeg(bundle, capsys):
    times = []
    for _ in range(3):
        began = time.monotonic()
        report = _smoke(bundle)
        times.append(time.monotonic() - began)
    assert report["vms-desktop " + __version__] == "window ok", report
    libvlc = next(v for k, v in report.items() if k.startswith("libVLC ") and k != "libVLC plugins")
    assert bundle.inside(libvlc), report
    assert all(bundle.inside(d) for d in report["libVLC plugins"].split(", ")), report
    for key in ("ffmpeg", "ffprobe", "ffmpeg libavcodec"):
        assert bundle.inside(report[key].split(" (")[0]), report
    assert report["translations"].startswith("ok") and str(bundle.contents) in report["translations"], report
    _report(capsys, client_smoke_test_s=[round(t, 2) for t in times],
            client_start_median_s=round(statistics.median(times), 2))


def test_bundled_client_starts_bundled_recorder_and_plays_h265(bundle, camera_factory, tmp_path):
    cam = camera_factory(codec="h265", fps=15, gop_seconds=1)
    data = tmp_path / "data"
    bundle.run("vms-recorder", "--data-dir", str(data), "camera", "add", "--name", "Lobby", "--url", cam.url)
    out = bundle.run("vms-desktop", "--data-dir", str(data), "--start-recorder", timeout=60)
    runtime = json.loads((data / "recorder.json").read_text())
    base = f"http://127.0.0.1:{runtime['port']}"
    token = (data / "api-token").read_text().strip()
    try:
        assert str(runtime["pid"]) in out.stdout
        assert _exe(runtime["pid"]) == str((bundle.app / "vms-recorder").resolve())
        live = _smoke(bundle, f"{base}/api/cameras/1/live?token={token}")
        assert next(v for k, v in live.items() if k.startswith("played http")).startswith("640x360"), live
        # the segment being written (1 h ones here): fragmented MP4 plays while it grows
        status = requests.get(f"{base}/api/status", headers={"Authorization": f"Bearer {token}"}, timeout=10)
        segment = status.json()["cameras"][0]["current_file"]
        played = _smoke(bundle, segment)
        assert played[f"played {segment}"].startswith("640x360"), played
    finally:
        stopped = bundle.run("vms-desktop", "--data-dir", str(data), "--stop-recorder", timeout=60)
    assert "stopped" in stopped.stdout and not (data / "recorder.json").exists()


NOBODY = 65534


def _open_files(pid: int) -> list[str]:
    """Every file the process holds open or has mapped (its threads share the table)."""
    paths = []
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            paths.append(os.readlink(fd))
        except OSError:
            continue
    with open(f"/proc/{pid}/maps") as maps:
        paths += [line.split(None, 5)[5].strip() for line in maps if len(line.split(None, 5)) == 6]
    return paths


@pytest.mark.skipif(os.geteuid() != 0, reason="another OS user needs root")
def test_a_client_of_another_os_user_plays_through_the_api_alone(bundle, camera_factory, tmp_path):
    """The site's recorder as the system service runs it (its own account here root, its data
    dir private), the client as another OS user who cannot read a byte of it: it finds the
    service, logs in, opens the player at an instant (the period is served and on record), and
    holds no file of the recorder open while it plays. That the frame shown is the camera's at
    that instant, through the same API, is tests/test_playback.py's."""
    from tests.harness import PASSWORD

    cam = camera_factory(timecode=True, fps=15, gop_seconds=1)
    data = tmp_path / "site"
    bundle.run("vms-recorder", "--data-dir", str(data), "camera", "add", "--name", "Gate", "--url", cam.url,
               "--motion", "off")
    bundle.run("vms-recorder", "--data-dir", str(data), "user", "add", "guard", "--role", "operator",
               "--password-stdin", input=PASSWORD + "\n")
    # the other user reaches the program and the public file, nothing else of ours (not tmp_path)
    public = Path(tempfile.mkdtemp(prefix="vms-run-")) / "recorder.json"
    their_home = Path(tempfile.mkdtemp(prefix="vms-guard-"))
    for folder in (bundle.home.parent, bundle.home, public.parent):
        folder.chmod(0o755)
    os.chown(their_home, NOBODY, NOBODY)
    env = dict(bundle.env, VMS_ALLOW_SHORT_SEGMENTS="1")
    with open(tmp_path / "recorder.out", "w") as log:
        rec = subprocess.Popen([str(bundle.bin / "vms-recorder"), "--data-dir", str(data), "run", "--segment-seconds",
                                "4", "--public-info", str(public)], env=env, cwd=bundle.home, stdout=log, stderr=log)
    client = None
    try:
        segments = wait_for(lambda: (s := _segments(bundle, data)) and len(s) >= 3 and s, 90, 1, "three segments")
        assert data.stat().st_mode & 0o077 == 0  # private to the recorder's account
        start = datetime.fromisoformat(segments[1]["start"]).timestamp()
        at = start + 2.0
        their_env = {"HOME": str(their_home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
                     "DISPLAY": os.environ["DISPLAY"], "QT_QPA_PLATFORM": "xcb", "VMS_SERVICE_INFO": str(public),
                     "VMS_PASSWORD": PASSWORD, "VMS_CONFIG_DIR": str(their_home / "config")}
        iso = datetime.fromtimestamp(at).astimezone().isoformat()
        with open(tmp_path / "client.out", "w") as log:
            client = subprocess.Popen(["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
                                       str(bundle.app / "vms-desktop"), "--user", "guard", "--playback", "1",
                                       "--at", iso], env=their_env, cwd=their_home, stdout=log, stderr=log)
        wait_for(lambda: json.loads(bundle.run("vms-recorder", "--data-dir", str(data), "--json", "audit", "--user",
                                               "guard", "--action", "playback").stdout), 60, 1, "the guard's playback")
        held = _open_files(client.pid)
        assert os.stat(f"/proc/{client.pid}").st_uid == NOBODY
        assert not [p for p in held if str(data) in p], "the client opened the recorder's own files"
        peek = subprocess.run(["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "ls",
                               str(data / "recordings")], capture_output=True, text=True, timeout=10)
        assert peek.returncode != 0 and "Permission denied" in peek.stderr  # the client's user reads none of it
        trail = json.loads(bundle.run("vms-recorder", "--data-dir", str(data), "--json", "audit", "--user", "guard",
                                      "--action", "playback").stdout)
        assert trail[0]["camera_id"] == 1 and trail[0]["address"] == "127.0.0.1"
    finally:
        if client is not None:
            client.terminate()
            client.wait(15)
        rec.send_signal(signal.SIGTERM)
        rec.wait(30)
        shutil.rmtree(their_home, ignore_errors=True)
        shutil.rmtree(public.parent, ignore_errors=True)
