"""The recorder as a system service: the systemd unit as systemd itself reads it, install.sh
--system and --uninstall into a staging root (useradd, userdel and systemctl are stubs that
note their calls), and the public runtime file of a real recorder."""

from __future__ import annotations

import inspect
import json
import os
import re
import shlex
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from recorder.capture.camera_recorder import FFmpegRun
from recorder.cli import _parser
from tests.harness import RecorderProcess, wait_for

ROOT = Path(__file__).resolve().parent.parent
UNIT = ROOT / "installer" / "linux" / "vms-recorder.service"
STATE = "/var/lib/vms-desktop"

needs_analyze = pytest.mark.skipif(shutil.which("systemd-analyze") is None,
                                   reason="systemd-analyze (package systemd) reads the unit as systemd does")
# useradd and systemctl are stubs, but uninstall hands the kept recordings to root (chown)
needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="uninstall gives the kept recordings to root (chown)")


def directives(text: str) -> dict[str, list[str]]:
    """Each key of a unit with its values in order (a key may repeat)."""
    found: dict[str, list[str]] = {}
    for line in text.splitlines():
        if "=" in line and not line.lstrip().startswith(("#", ";", "[")):
            key, value = line.split("=", 1)
            found.setdefault(key.strip(), []).append(value.strip())
    return found


def verify(unit_text: str, tmp: Path) -> list[str]:
    """What systemd-analyze verify says about the unit: unknown keys, bad values, a program
    that is not there. Empty when systemd would run it as it is."""
    folder = tmp / "units"
    folder.mkdir(exist_ok=True)
    path = folder / "vms-recorder.service"
    path.write_text(unit_text)
    out = subprocess.run(["systemd-analyze", "verify", "--man=no", str(path)], capture_output=True, text=True,
                         timeout=60)
    problems = [line for line in (out.stdout + out.stderr).splitlines() if "vms-recorder" in line]
    return problems + ([f"exit status {out.returncode}"] if out.returncode else [])


def installed_unit(dest: Path) -> str:
    return UNIT.read_text().replace("@DEST@", str(dest))


def fake_program(path: Path) -> None:
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(0o755)


@needs_analyze
def test_systemd_reads_the_unit_without_a_complaint(tmp_path):
    dest = tmp_path / "opt" / "vms-desktop"
    dest.mkdir(parents=True)
    fake_program(dest / "vms-recorder")
    assert verify(installed_unit(dest), tmp_path) == []


@needs_analyze
def test_the_check_catches_a_broken_unit(tmp_path):
    """The check above means something: a missing program and a misplaced key both fail it."""
    assert any("not executable" in p for p in verify(installed_unit(tmp_path / "nowhere"), tmp_path))
    dest = tmp_path / "opt"
    dest.mkdir()
    fake_program(dest / "vms-recorder")
    misplaced = installed_unit(dest).replace("[Install]", "[Install]\nRestart=always")
    assert any("Unknown key" in p for p in verify(misplaced, tmp_path))


def test_the_unit_runs_the_recorder_on_its_state_dir_as_its_own_account():
    d = directives(UNIT.read_text())
    assert d["User"] == ["vms-recorder"] and d["Group"] == ["vms-recorder"]
    assert d["StateDirectory"] == ["vms-desktop"] and d["StateDirectoryMode"] == ["0700"]
    assert d["RuntimeDirectory"] == ["vms-desktop"] and d["RuntimeDirectoryMode"] == ["0755"]
    assert d["ReadWritePaths"] == ["%S/vms-desktop"] and d["UMask"] == ["0077"]
    assert d["Restart"] == ["always"] and 0 < int(d["RestartSec"][0]) <= 10
    assert d["WantedBy"] == ["multi-user.target"]
    assert d["After"] == d["Wants"] == ["network-online.target"]
    assert d["RestrictAddressFamilies"] == ["AF_UNIX AF_INET AF_INET6"]
    for hardening in ("NoNewPrivileges", "ProtectHome", "PrivateTmp"):
        assert d[hardening] == ["yes"], hardening
    assert d["ProtectSystem"] == ["strict"]
    # the program's own parser takes the command line, with the specifiers filled in
    argv = shlex.split(d["ExecStart"][0].replace("%S", "/var/lib").replace("%t", "/run"))
    assert argv[0] == "@DEST@/vms-recorder"
    args = _parser().parse_args(argv[1:])
    assert (args.command, args.data_dir, args.public_info) == ("run", Path(STATE),
                                                               Path("/run/vms-desktop/recorder.json"))


def test_a_stop_leaves_the_recorder_time_to_close_its_files():
    """SIGTERM to the recorder alone (it stops its FFmpegs itself), and a stop timeout well
    beyond the time FFmpeg is given to write its last fragment."""
    d = directives(UNIT.read_text())
    assert d["KillMode"] == ["mixed"] and d["KillSignal"] == ["SIGTERM"]
    grace = inspect.signature(FFmpegRun.stop).parameters["grace"].default
    assert int(d["TimeoutStopSec"][0]) >= 4 * grace


# -- install.sh into a staging root -------------------------------------------------------------

STUB = """#!/bin/sh
echo "$(basename "$0") $*" >> "$CALLS"
case "$(basename "$0")" in
  useradd) mkdir -p "$VMS_INSTALL_ROOT/etc"
           for last; do :; done
           echo "$last:x:999:999::/var/lib/vms-desktop:/usr/sbin/nologin" >> "$VMS_INSTALL_ROOT/etc/passwd" ;;
  userdel) for last; do :; done; sed -i "/^$last:/d" "$VMS_INSTALL_ROOT/etc/passwd" ;;
esac
"""


class Staging:
    """An unpacked bundle (the real install.sh, unit and desktop entry; programs that do
    nothing), a staging root, a home, and stubs of the system's account and service tools."""

    def __init__(self, tmp: Path, systemd_running: bool):
        self.tmp, self.root, self.home = tmp, tmp / "root", tmp / "home"
        self.bundle = tmp / "unpacked" / "vms-desktop"
        self.bundle.mkdir(parents=True)
        self.home.mkdir()
        for name in ("install.sh", "vms-desktop.desktop", "vms-recorder.service"):
            shutil.copy(ROOT / "installer" / "linux" / name, self.bundle / name)
        for name in ("vms-desktop", "vms-recorder"):
            fake_program(self.bundle / name)
        (self.bundle / "vms-desktop.png").write_bytes(b"")
        stubs = tmp / "stubs"
        stubs.mkdir()
        for tool in ("useradd", "userdel", "systemctl"):
            (stubs / tool).write_text(STUB)
            (stubs / tool).chmod(0o755)
        if systemd_running:
            (self.root / "run" / "systemd" / "system").mkdir(parents=True)
        self.calls_file = tmp / "calls"
        self.env = dict(os.environ, HOME=str(self.home), VMS_INSTALL_ROOT=str(self.root), CALLS=str(self.calls_file),
                        PATH=f"{stubs}:{os.environ['PATH']}", XDG_DATA_HOME=str(self.home / ".local/share"),
                        XDG_CONFIG_HOME=str(self.home / ".config"))

    def run(self, *args: str, script: Path | None = None) -> str:
        out = subprocess.run(["sh", str(script or self.bundle / "install.sh"), *args], env=self.env,
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        return out.stdout

    def calls(self) -> list[str]:
        """The stubs' calls since the last look."""
        lines = self.calls_file.read_text().splitlines() if self.calls_file.exists() else []
        self.calls_file.unlink(missing_ok=True)
        return lines

    @property
    def unit(self) -> Path:
        return self.root / "etc/systemd/system/vms-recorder.service"

    @property
    def state(self) -> Path:
        return self.root / STATE.lstrip("/")

    def record_something(self) -> Path:
        footage = self.state / "recordings" / "cam_1" / "segment.mp4"
        footage.parent.mkdir(parents=True)
        footage.write_bytes(b"footage")
        return footage


USERADD = f"useradd --root {{root}} --system --no-create-home --home-dir {STATE} --shell /usr/sbin/nologin " \
          "--user-group vms-recorder"


def test_system_install_creates_the_account_and_starts_the_service(tmp_path):
    s = Staging(tmp_path, systemd_running=True)
    out = s.run("--system")
    assert s.calls() == [USERADD.format(root=s.root), "systemctl daemon-reload",
                         "systemctl enable --now vms-recorder.service"]
    assert "starts at every boot" in out and STATE in out
    assert stat.S_IMODE(s.unit.stat().st_mode) == 0o644
    # the unit names the program where it is run from, not where the staging root put it
    assert directives(s.unit.read_text())["ExecStart"][0].startswith('"/opt/vms-desktop/vms-recorder" ')
    assert "@DEST@" not in s.unit.read_text()
    assert (s.root / "opt/vms-desktop/vms-recorder").is_file()
    assert os.readlink(s.root / "usr/local/bin/vms-recorder") == "/opt/vms-desktop/vms-recorder"
    assert 'Exec="/opt/vms-desktop/vms-desktop"' in (s.root / "usr/local/share/applications/vms-desktop.desktop").read_text()

    # an update stops the service before replacing its program, and keeps the account
    s.run("--system")
    assert s.calls() == ["systemctl stop vms-recorder.service", "systemctl daemon-reload",
                         "systemctl enable --now vms-recorder.service"]


def test_without_a_running_systemd_the_service_is_enabled_for_the_next_boot(tmp_path):
    s = Staging(tmp_path, systemd_running=False)
    out = s.run("--system")
    assert s.calls() == [USERADD.format(root=s.root), f"systemctl --root={s.root} enable vms-recorder.service"]
    assert "next boot" in out
    assert s.unit.is_file()


@needs_root
def test_uninstall_removes_the_service_and_keeps_its_recordings_unless_purged(tmp_path):
    s = Staging(tmp_path, systemd_running=True)
    s.run("--system")
    s.calls()
    footage = s.record_something()
    installed = s.root / "opt/vms-desktop/install.sh"  # the copy an admin finds later
    out = s.run("--uninstall", script=installed)
    assert s.calls() == ["systemctl disable --now vms-recorder.service", "systemctl daemon-reload",
                         f"userdel --root {s.root} vms-recorder"]
    assert not s.unit.exists() and not (s.root / "opt/vms-desktop").exists()
    assert not (s.root / "usr/local/bin/vms-recorder").is_symlink()
    assert footage.read_bytes() == b"footage" and "kept" in out and "--purge" in out
    assert footage.stat().st_uid == 0  # the account's number may be given to another account now

    s.run("--system")
    s.calls()
    out = s.run("--uninstall", "--system", "--purge", script=installed)
    assert f"userdel --root {s.root} vms-recorder" in s.calls()
    assert not s.state.exists() and "deleted" in out


def test_a_per_user_install_touches_no_service(tmp_path):
    s = Staging(tmp_path, systemd_running=True)
    out = s.run("--user")
    assert s.calls() == [] and not s.unit.exists()
    dest = s.home / ".local/opt/vms-desktop"
    assert os.readlink(s.home / ".local/bin/vms-recorder") == f"{dest}/vms-recorder"
    assert f"installed in {dest}" in out
    s.run("--uninstall", "--user")
    assert s.calls() == [] and not dest.exists()


@needs_root
def test_root_without_system_installs_for_everyone_as_before_without_a_service(tmp_path):
    s = Staging(tmp_path, systemd_running=True)
    s.run()
    assert s.calls() == [] and not s.unit.exists()
    assert (s.root / "opt/vms-desktop/vms-recorder").is_file()


def test_purge_only_goes_with_uninstall(tmp_path):
    s = Staging(tmp_path, systemd_running=True)
    out = subprocess.run(["sh", str(s.bundle / "install.sh"), "--purge"], env=s.env, capture_output=True, text=True)
    assert out.returncode == 2 and "--uninstall" in out.stderr
    assert s.calls() == []


# -- where the service listens, for everyone ---------------------------------------------------------------

def test_the_public_runtime_file_tells_the_address_and_never_the_token(tmp_path):
    public = tmp_path / "run" / "recorder.json"
    public.parent.mkdir()
    rec = RecorderProcess(tmp_path / "data", extra=("--public-info", str(public))).start()
    try:
        wait_for(public.exists, 10, what="the public runtime file")
        text = public.read_text()
        info = json.loads(text)
        assert set(info) == {"host", "port", "version"}
        assert info["port"] == rec.runtime()["port"] and info["host"] == "127.0.0.1"
        assert rec.token not in text and not re.search(r"token", text, re.I)
        assert stat.S_IMODE(public.stat().st_mode) == 0o644  # despite the recorder's umask 077
        assert stat.S_IMODE(rec.data.token_file.stat().st_mode) == 0o600
        assert rec.api("GET", "/api/status").ok
    finally:
        assert rec.stop() == 0
    assert not public.exists()  # a stopped recorder sends no client to a dead port
