"""A day of one camera leaving the site: its segment files copied into
`<folder>/<camera>_<YYYY-MM-DD>/` with a `SHA256SUMS` file that `sha256sum -c` reads. No Qt
here: the storage view runs this off the GUI thread."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from vms_desktop.clips.clip_files import CHUNK, safe_part, sidecar_line

SUMS = "SHA256SUMS"


@dataclass
class DayExport:
    folder: Path
    files: int
    bytes: int
    missing: list[str]  # segments in the index whose file was not on disk


def target_folder(parent: Path, camera_name: str, iso_day: str) -> Path:
    """A new folder: a second export of the same day goes next to the first, never over it."""
    base = f"{safe_part(camera_name)}_{iso_day}"
    target, n = parent / base, 2
    while target.exists():
        target, n = parent / f"{base}_{n}", n + 1
    return target


def _copy(src: Path, dst: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        while chunk := fin.read(CHUNK):
            digest.update(chunk)
            fout.write(chunk)
            size += len(chunk)
        fout.flush()
        os.fsync(fout.fileno())
    return digest.hexdigest(), size


def export_day(sources: list[Path], parent: Path, camera_name: str, iso_day: str,
               progress: Callable[[int, int], None] | None = None) -> DayExport:
    """Copy the files (in the order given), hashing as they are read; then write SHA256SUMS.
    progress(done, total) is called after each file."""
    target = target_folder(parent, camera_name, iso_day)
    target.mkdir(parents=True)
    lines, copied, missing = [], 0, []
    names: set[str] = set()
    for i, src in enumerate(sources, 1):
        if not src.is_file():
            missing.append(src.name)
            continue
        name = src.name
        while name in names:  # names are unique within a day's folder; be safe anyway
            name = f"{Path(name).stem}_{len(names)}{src.suffix}"
        names.add(name)
        sha, size = _copy(src, target / name)
        lines.append(sidecar_line(sha, name))
        copied += size
        if progress is not None:
            progress(i, len(sources))
    (target / SUMS).write_text("".join(lines), encoding="utf-8")
    return DayExport(target, len(lines), copied, missing)
