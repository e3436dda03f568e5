"""CPU time of processes from /proc (Linux): ours and the floor's, measured the same way."""

from __future__ import annotations

import os
import time
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2:].split()  # fields after the command name


def cpu_seconds(pid: int) -> float:
    """CPU time of the process's live threads, to the nanosecond (schedstat); utime + stime,
    in 10 ms ticks, where schedstat is missing. A camera's FFmpeg uses about 2.5 ms a second:
    ticks would make a 45 s window's figure move by several per cent on rounding alone."""
    total, seen = 0, False
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            try:
                total += int((task / "schedstat").read_text().split()[0])
                seen = True
            except (OSError, ValueError, IndexError):
                continue
    except OSError:
        return 0.0
    if seen:
        return total / 1e9
    f = _stat(pid)
    return (int(f[11]) + int(f[12])) / TICK if f else 0.0


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            f = _stat(int(p.name))
            if f:
                children.setdefault(int(f[1]), []).append(int(p.name))
    out, todo = [], [pid]
    while todo:
        kids = children.get(todo.pop(), [])
        out += kids
        todo += kids
    return out


def tree_cpu(pids: list[int]) -> dict[int, float]:
    """CPU seconds per pid of these processes and all their descendants."""
    every = set(pids)
    for pid in pids:
        every.update(descendants(pid))
    return {p: cpu_seconds(p) for p in every}


def used_between(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU spent in the window by processes alive at its end (short-lived helpers started
    inside it count in full; ones that ended inside it are missed — keep windows steady)."""
    return sum(t - before.get(p, 0.0) for p, t in after.items())


def cores_used(groups: dict[str, list[int]], warmup_s: float, window_s: float,
               alone: dict[str, int] | None = None) -> dict[str, float]:
    """Cores each group of process trees uses over the same window, after a warm-up, so
    ours and the floor's share the machine's noise; alone: processes without their children."""
    alone = alone or {}
    time.sleep(warmup_s)
    before = {k: tree_cpu(v) for k, v in groups.items()}
    before_alone = {k: cpu_seconds(pid) for k, pid in alone.items()}
    time.sleep(window_s)
    used = {k: used_between(before[k], tree_cpu(v)) / window_s for k, v in groups.items()}
    return used | {k: (cpu_seconds(pid) - before_alone[k]) / window_s for k, pid in alone.items()}
