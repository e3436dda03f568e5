"""The recorder as a Windows service: recording starts at boot, before anyone logs in, under
the service's own virtual account (NT SERVICE\\vms-recorder), with its data in
%ProgramData%\\vms-desktop\\data, private to that account and the administrators.

pywin32's service framework talks to the Service Control Manager; the recorder itself runs as
a child process (`vms-recorder run`), as on Linux under systemd. Windows has no SIGTERM, so a
stop goes through the recorder's own API with the data dir's token (POST /api/shutdown): FFmpeg
finalises its files exactly as on a clean stop. A recorder that dies is started again after a
pause, and the SCM's recovery actions (set by the installer) restart the service itself.

    vms-recorder windows-service install|remove|start|stop   (as an administrator)
    vms-recorder windows-service run                         (what the SCM starts)

Written for Windows only and guarded: nothing here is imported on other systems."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

SERVICE_NAME = "vms-recorder"
DISPLAY_NAME = "VMS Desktop recorder"
DESCRIPTION = "Records the site's cameras and serves them to VMS Desktop clients."
STOP_WAIT_S = 60  # as systemd's TimeoutStopSec: FFmpeg finalising every camera's file
RESTART_PAUSE_S = 5

log = logging.getLogger(__name__)


def site_dir() -> Path:
    return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / "vms-desktop"


def data_dir() -> Path:
    """Private to the service (the installer sets its ACL); the public file sits beside it."""
    return site_dir() / "data"


def public_info_file() -> Path:
    """Where the API listens, for clients of every account (vms_api.local.service_info_file)."""
    return site_dir() / "recorder.json"


def recorder_command() -> list[str]:
    if getattr(sys, "frozen", False):
        cmd = [sys.executable]
    else:
        cmd = [sys.executable, "-m", "recorder.cli"]
    return cmd + ["--data-dir", str(data_dir()), "run", "--public-info", str(public_info_file())]


def _service_class():
    import servicemanager
    import win32event
    import win32service
    import win32serviceutil

    class RecorderService(win32serviceutil.ServiceFramework):
        _svc_name_ = SERVICE_NAME
        _svc_display_name_ = DISPLAY_NAME
        _svc_description_ = DESCRIPTION

        def __init__(self, args):
            super().__init__(args)
            self.stopping = win32event.CreateEvent(None, 0, 0, None)
            self.asked_to_stop = threading.Event()
            self.child: subprocess.Popen | None = None

        def SvcStop(self):  # noqa: N802 - pywin32's name
            self.ReportServiceStatus(win32service.SERVICE_STOP_PENDING, waitHint=STOP_WAIT_S * 1000)
            self.asked_to_stop.set()
            stop_recorder(self.child)
            win32event.SetEvent(self.stopping)

        def SvcDoRun(self):  # noqa: N802 - pywin32's name
            servicemanager.LogMsg(servicemanager.EVENTLOG_INFORMATION_TYPE, servicemanager.PYS_SERVICE_STARTED,
                                  (self._svc_name_, ""))
            from recorder.platform_compat import spawn_kwargs

            while not self.asked_to_stop.is_set():
                data_dir().mkdir(parents=True, exist_ok=True)
                self.child = subprocess.Popen(recorder_command(), stdin=subprocess.DEVNULL,
                                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **spawn_kwargs())
                code = self.child.wait()
                if not self.asked_to_stop.is_set():
                    servicemanager.LogErrorMsg(f"the recorder ended ({code}); starting it again "
                                               f"in {RESTART_PAUSE_S} s (see {data_dir() / 'logs'})")
                    win32event.WaitForSingleObject(self.stopping, RESTART_PAUSE_S * 1000)

    return RecorderService


def stop_recorder(child: subprocess.Popen | None) -> None:
    """Have the recorder finish its files and exit through its API; end it if it will not."""
    if child is None or child.poll() is not None:
        return
    from vms_api.client import ApiError, RecorderClient

    try:
        RecorderClient.local(data_dir()).shutdown()
    except (ApiError, OSError) as e:
        log.warning("asking the recorder to stop: %s", e)
    deadline = time.monotonic() + STOP_WAIT_S
    while child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.5)
    if child.poll() is None:
        child.kill()


def main(action: str) -> int:
    """`vms-recorder windows-service ACTION`."""
    if os.name != "nt":
        print("error: the Windows service exists on Windows only; on Linux: install.sh --system (systemd)",
              file=sys.stderr)
        return 2
    import servicemanager
    import win32serviceutil

    service = _service_class()
    if action == "run":  # started by the SCM
        servicemanager.Initialize()
        servicemanager.PrepareToHostSingle(service)
        servicemanager.StartServiceCtrlDispatcher()
        return 0
    if action == "install":
        exe, args = (sys.executable, "windows-service run") if getattr(sys, "frozen", False) else \
            (sys.executable, "-m recorder.cli windows-service run")
        import pywintypes

        config = {"startType": 2,  # automatic, at boot
                  "exeName": exe, "exeArgs": args, "description": DESCRIPTION,
                  "userName": f"NT SERVICE\\{SERVICE_NAME}"}
        try:
            win32serviceutil.InstallService(None, SERVICE_NAME, DISPLAY_NAME, **config)
        except pywintypes.error as e:
            if e.winerror != 1073:  # ERROR_SERVICE_EXISTS: an update, the new program's path
                raise
            win32serviceutil.ChangeServiceConfig(None, SERVICE_NAME, displayName=DISPLAY_NAME, **config)
        return 0
    {"remove": win32serviceutil.RemoveService, "start": win32serviceutil.StartService,
     "stop": win32serviceutil.StopService}[action](SERVICE_NAME)
    return 0
