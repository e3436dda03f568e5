"""What POSIX gives the recorder for free and Windows does another way, and what a frozen
(PyInstaller) process must undo before it starts a program of the system.

- Children that die with us: Linux has the parent-death signal (recorder.capture); Windows a
  job object that ends every process in it when its last handle, ours, closes.
- Freezing a camera for tests: SIGSTOP/SIGCONT, or NtSuspendProcess/NtResumeProcess.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import socket
import subprocess
import sys

log = logging.getLogger(__name__)
_job = None  # our job's handle, open for our whole life: closing it ends the children


def children_die_with_us() -> None:
    """Windows: put this process in a kill-on-close job, once. Every process started from now
    on inherits the job, so FFmpeg goes when the recorder ends, even when it is killed."""
    global _job
    if os.name != "nt" or _job is not None:
        return
    _job = _kill_on_close_job()


def _kill_on_close_job():
    from ctypes import wintypes

    class Basic(ctypes.Structure):  # JOBOBJECT_BASIC_LIMIT_INFORMATION
        _fields_ = [("user_time", ctypes.c_int64), ("job_time", ctypes.c_int64), ("flags", wintypes.DWORD),
                    ("min_ws", ctypes.c_size_t), ("max_ws", ctypes.c_size_t), ("processes", wintypes.DWORD),
                    ("affinity", ctypes.c_size_t), ("priority", wintypes.DWORD), ("scheduling", wintypes.DWORD)]

    class Extended(ctypes.Structure):  # JOBOBJECT_EXTENDED_LIMIT_INFORMATION
        _fields_ = [("basic", Basic), ("io", ctypes.c_uint64 * 6), ("process_memory", ctypes.c_size_t),
                    ("job_memory", ctypes.c_size_t), ("peak_process", ctypes.c_size_t),
                    ("peak_job", ctypes.c_size_t)]

    k32 = ctypes.WinDLL("kernel32", use_last_error=True)
    k32.CreateJobObjectW.restype = wintypes.HANDLE
    k32.GetCurrentProcess.restype = wintypes.HANDLE
    k32.SetInformationJobObject.argtypes = [wintypes.HANDLE, ctypes.c_int, ctypes.c_void_p, wintypes.DWORD]
    k32.AssignProcessToJobObject.argtypes = [wintypes.HANDLE, wintypes.HANDLE]
    info = Extended()
    info.basic.flags = 0x2000  # JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
    job = k32.CreateJobObjectW(None, None)
    if not (job and k32.SetInformationJobObject(job, 9, ctypes.byref(info), ctypes.sizeof(info))  # extended limits
            and k32.AssignProcessToJobObject(job, k32.GetCurrentProcess())):
        # FFmpeg then outlives a killed recorder until the next one starts and ends it
        log.warning("no job object for our children (error %s)", ctypes.get_last_error())
    return job or False


def suspend(proc: subprocess.Popen) -> None:
    if os.name == "nt":
        ctypes.windll.ntdll.NtSuspendProcess(ctypes.c_void_p(int(proc._handle)))
    else:
        os.kill(proc.pid, signal.SIGSTOP)


def resume(proc: subprocess.Popen) -> None:
    if os.name == "nt":
        ctypes.windll.ntdll.NtResumeProcess(ctypes.c_void_p(int(proc._handle)))
    else:
        os.kill(proc.pid, signal.SIGCONT)


def system_env() -> dict[str, str] | None:
    """The environment for a program of the system (not ours) started from a frozen process:
    PyInstaller's bootloader put the bundle's libraries first on LD_LIBRARY_PATH, and the
    system's program must not load them. None (inherit) when nothing needs undoing."""
    if not getattr(sys, "frozen", False) or not sys.platform.startswith("linux"):
        return None
    env = dict(os.environ)
    original = env.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is None:
        env.pop("LD_LIBRARY_PATH", None)
    else:
        env["LD_LIBRARY_PATH"] = original
    return env


# Ctrl-Break is how a console program is asked to stop on Windows (GenerateConsoleCtrlEvent
# reaches a whole process group with it, Ctrl-C does not); SIGTERM there is never sent.
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT) + ((signal.SIGBREAK,) if os.name == "nt" else ())


def no_window() -> dict:
    """Popen/run arguments for a short helper program (ffprobe, a picture grab): on Windows a
    console program started from the windowed app would flash a console window each time."""
    return {"creationflags": subprocess.CREATE_NO_WINDOW} if os.name == "nt" else {}


def listening_socket(host: str, port: int):
    """A bound TCP socket that no other program can take over: SO_REUSEADDR means "steal it"
    on Windows, where SO_EXCLUSIVEADDRUSE is the guard; on POSIX it only skips TIME_WAIT."""
    # IPPROTO_TCP spelled out: asyncio sets TCP_NODELAY on accepted connections only then;
    # without it Nagle and delayed ACKs add ~40 ms to every call on a kept-alive connection.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    if os.name == "nt":
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
    else:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock


def _set_parent_death_signal() -> None:
    """Runs in the child before exec (Linux): FFmpeg dies with the recorder, even at kill -9."""
    _PRCTL(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


_PREEXEC = None
if sys.platform.startswith("linux"):
    _PRCTL = ctypes.CDLL(None, use_errno=True).prctl
    _PREEXEC = _set_parent_death_signal


def spawn_kwargs() -> dict:
    """Own process group (a Ctrl-C in the terminal does not hit FFmpeg before we finalise it)."""
    if os.name == "nt":
        # no parent-death signal there: a job object ends the children with us instead; no
        # console either, or each FFmpeg of a windowless recorder would open a window
        children_die_with_us()
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.CREATE_NO_WINDOW}
    return {"start_new_session": True, "preexec_fn": _PREEXEC}
