"""A saved clip leaving the site: copied to a folder the operator picks (a USB stick, a share),
with a `sha256sum`-style checksum file next to it, and checked again later. No Qt here: the
panel runs these functions off the GUI thread and words the results for the operator."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from vms_api import models as m
from vms_api.client import ApiError

CHUNK = 1 << 20  # 1 MiB reads: fast on any disk, little memory
SIDECAR_SUFFIX = ".sha256"
MAX_PART = 60  # characters kept of each part of a file name: paths stay short on old file systems


class ExportError(Exception):
    """kind says what went wrong, for the caller to put in the operator's words."""

    def __init__(self, kind: str, detail: str = ""):
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind  # "source_changed" | "copy_differs" | "no_source"


def safe_part(text: str) -> str:
    """Letters (any script), digits, '-' and '_' kept; anything a file system, a shell or a
    media player could trip over becomes '_'."""
    cleaned = re.sub(r"[^\w-]+", "_", text or "", flags=re.UNICODE).strip("_")
    return cleaned[:MAX_PART] or "clip"


def export_name(camera_name: str, start_local: datetime, clip_name: str) -> str:
    """<camera>_<YYYY-MM-DD_HH-MM-SS>_<name>.mp4, the start in the site's local time."""
    return f"{safe_part(camera_name)}_{start_local:%Y-%m-%d_%H-%M-%S}_{safe_part(clip_name)}.mp4"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def sidecar_line(sha256: str, filename: str) -> str:
    """The line `sha256sum` writes and `sha256sum -c` reads (two spaces: text mode, as GNU writes)."""
    return f"{sha256}  {filename}\n"


def read_sidecar(path: Path) -> tuple[str, str] | None:
    """(hex digest, file name) from a checksum file, or None when it is missing or unreadable."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    m = re.match(r"\s*([0-9a-fA-F]{64}) [ *](.+?)\s*$", text.splitlines()[0] if text.strip() else "")
    return (m.group(1).lower(), m.group(2)) if m else None


def _free_name(folder: Path, filename: str) -> Path:
    """An earlier export of the same clip is never overwritten: name_2.mp4, name_3.mp4, ..."""
    target = folder / filename
    stem, n = target.stem, 2
    while target.exists() or target.with_name(target.name + SIDECAR_SUFFIX).exists():
        target = folder / f"{stem}_{n}.mp4"
        n += 1
    return target


def _forget_cached(path: Path) -> None:
    """Drop the written pages from the cache, so a check reads what the device holds rather
    than what is still in memory (a failing USB stick shows up there)."""
    if hasattr(os, "posix_fadvise"):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def export_clip(download: Callable[[Path], str], folder: Path, filename: str, expected_sha256: str | None) -> Path:
    """A clip into folder with its checksum file. download(dest) saves the recorder's file as
    dest, on the device when it returns, and gives the SHA-256 of what it received (the
    client's download_clip); the copy is read back and both are compared with the index's
    sha256 before the checksum file is written. Returns the copy's path."""
    target = _free_name(folder, filename)
    partial = target.with_name(target.name + ".partial")  # a cut-off copy never looks finished
    try:
        try:
            read = download(partial)
        except ApiError as e:
            if e.status == 404:  # the clip, or its file, is gone from the recorder
                raise ExportError("no_source", e.detail) from e
            raise
        _forget_cached(partial)
        if expected_sha256 and read != expected_sha256.lower():
            raise ExportError("source_changed", read)
        written = sha256_file(partial)
        if written != read:
            raise ExportError("copy_differs", written)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    sidecar = target.with_name(target.name + SIDECAR_SUFFIX)
    sidecar.write_text(sidecar_line(read, target.name), encoding="utf-8")
    return target


@dataclass
class Verdict:
    """What a file on hand is: its digest, what its checksum file says, which saved clips it is."""
    path: Path
    sha256: str
    sidecar: str  # "match" | "mismatch" | "none" (no readable checksum file next to it)
    sidecar_names_other: bool = False  # the checksum file is for a differently named file
    clips: list[m.Clip] = field(default_factory=list)  # index rows with this very sha256

    @property
    def intact(self) -> bool:
        return self.sidecar != "mismatch"


def verify_file(path: Path, clips: list[m.Clip]) -> Verdict:
    """Hash a file and compare it with its checksum file (<file>.sha256) and the index's clips."""
    digest = sha256_file(path)
    found = read_sidecar(path.with_name(path.name + SIDECAR_SUFFIX))
    if found is None:
        sidecar, other = "none", False
    else:
        sidecar = "match" if found[0] == digest else "mismatch"
        other = Path(found[1].lstrip("*")).name != path.name
    same = [c for c in clips if (c.sha256 or "").lower() == digest]
    return Verdict(path, digest, sidecar, other, same)

