"""A day of one camera leaving the site: its segment files downloaded from the recorder into
`<folder>/<camera>_<YYYY-MM-DD>/` with a `SHA256SUMS` file that `sha256sum -c` reads. No Qt
here: the storage view runs this off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from vms_api.client import ApiError
from vms_desktop.clips.clip_files import safe_part, sidecar_line

SUMS = "SHA256SUMS"


@dataclass
class DayExport:
    folder: Path
    files: int
    bytes: int
    missing: list[str]  # segments in the index whose file the recorder no longer had


def target_folder(parent: Path, camera_name: str, iso_day: str) -> Path:
    """A new folder: a second export of the same day goes next to the first, never over it."""
    base = f"{safe_part(camera_name)}_{iso_day}"
    target, n = parent / base, 2
    while target.exists():
        target, n = parent / f"{base}_{n}", n + 1
    return target


Download = Callable[[Path], str]  # saves a segment's file as the path given; the SHA-256 received


def export_day(sources: list[tuple[str, Download]], parent: Path, camera_name: str, iso_day: str,
               progress: Callable[[int, int], None] | None = None) -> DayExport:
    """Download the files (name and how, in the order given; the client hashes as it receives);
    then write SHA256SUMS. progress(done, total) is called after each file."""
    target = target_folder(parent, camera_name, iso_day)
    target.mkdir(parents=True)
    lines, copied, missing = [], 0, []
    names: set[str] = set()
    for i, (name, download) in enumerate(sources, 1):
        original = name
        while name in names:  # names are unique within a day's folder; be safe anyway
            name = f"{Path(original).stem}_{len(names)}{Path(original).suffix}"
        try:
            sha = download(target / name)
        except ApiError as e:
            if e.status != 404:  # removed by retention meanwhile: listed as missing; else stop
                raise
            missing.append(original)
            continue
        names.add(name)
        lines.append(sidecar_line(sha, name))
        copied += (target / name).stat().st_size
        if progress is not None:
            progress(i, len(sources))
    (target / SUMS).write_text("".join(lines), encoding="utf-8")
    return DayExport(target, len(lines), copied, missing)
