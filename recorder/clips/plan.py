"""Which bytes of which recorded files make a clip: the keyframe at or before its start,
whole fragments up to its end, the parts with no recording, and the list FFmpeg reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from recorder.errors import InputError, has_controls
from recorder.mp4 import Fragments
from vms_api.errors import ErrorCode

HOLE = timedelta(seconds=1)  # a shorter hole between two files is a boundary, not missing footage
MAX_NAME, MAX_NOTES = 120, 4000


@dataclass(frozen=True)
class Span:
    """A recorded file and the wall-clock interval it covers."""
    start: datetime
    end: datetime
    path: Path
    video: tuple | None = None  # (codec, width, height); None for the file being written


@dataclass(frozen=True)
class Piece:
    """The part of one file that goes into a clip: its init boxes and whole fragments."""
    path: Path
    init_end: int
    first_byte: int
    end_byte: int
    begins: float  # file time of the keyframe the piece starts on
    ends: float  # file time where the piece ends

    @property
    def size(self) -> int:
        return self.init_end + self.end_byte - self.first_byte


# -- checking what people type ---------------------------------------------------------------

def check_clip_name(name: str | None) -> str:
    name = (name or "").strip()
    if not name:
        raise InputError(ErrorCode.CLIP_NAME_REQUIRED, "the clip needs a name")
    if len(name) > MAX_NAME:
        raise InputError(ErrorCode.CLIP_NAME_TOO_LONG, f"the clip name is longer than {MAX_NAME} characters", max=MAX_NAME)
    if "/" in name or "\\" in name or ".." in name:
        raise InputError(ErrorCode.CLIP_NAME_PATH_CHARACTERS, "the clip name may not contain '/', '\\' or '..'")
    if has_controls(name):
        raise InputError(ErrorCode.CLIP_NAME_CONTROL_CHARACTERS, "the clip name has control characters")
    return name


def check_notes(notes: str | None) -> str | None:
    notes = (notes or "").strip()
    if len(notes) > MAX_NOTES:
        raise InputError(ErrorCode.CLIP_NOTES_TOO_LONG, f"the notes are longer than {MAX_NOTES} characters", max=MAX_NOTES)
    if has_controls(notes, allowed="\n\t"):
        raise InputError(ErrorCode.CLIP_NOTES_CONTROL_CHARACTERS, "the notes have control characters")
    return notes or None


def local_text(t: datetime) -> str:
    return t.astimezone().strftime("%d/%m/%Y %H:%M:%S")


# -- planning: which bytes of which files ------------------------------------------------------

def plan_pieces(spans: list[Span], start: datetime, end: datetime) -> tuple[list[Piece], datetime]:
    """The pieces covering [start, end] and the wall time of the clip's first frame (the
    keyframe at or before start)."""
    pieces: list[Piece] = []
    first_frame = None
    covered_to = start
    for span in spans:
        a = (max(start, span.start, covered_to) - span.start).total_seconds()
        b = (min(end, span.end) - span.start).total_seconds()
        if b - a < 0.05:
            continue
        try:
            frags = Fragments(span.path)
        except (OSError, ValueError) as e:
            raise InputError(ErrorCode.CLIP_RECORDING_UNREADABLE,
                             f"a recorded file of this range cannot be read ({span.path.name}: {e})",
                             file=span.path.name, reason=str(e)) from None
        with frags:
            if not len(frags):
                continue
            first = frags.at_or_before(a)
            stop = frags.first_from(b)
            if stop <= first:
                continue
            lo, hi = frags.byte_range(first, stop)
            begins = frags.time(first)
            pieces.append(Piece(span.path, frags.init_end, lo, hi, begins, b))
        if first_frame is None:
            first_frame = span.start + timedelta(seconds=begins)
        covered_to = span.start + timedelta(seconds=b)
    return pieces, first_frame


def missing_parts(spans: list[Span], start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
    holes, at = [], start
    for span in spans:
        if span.start - at >= HOLE:
            holes.append((at, min(span.start, end)))
        at = max(at, span.end)
        if at >= end:
            break
    if end - at >= HOLE:
        holes.append((at, end))
    return holes


def check_one_format(spans: list[Span], start: datetime) -> None:
    formats = {s.video for s in spans if s.video is not None}
    if len(formats) > 1:
        change = next(s.start for s in spans[1:] if s.video is not None and s.video != spans[0].video)
        at = max(change, start)
        raise InputError(ErrorCode.CLIP_FORMAT_CHANGED, f"the camera's video format changed at {local_text(at)}; "
                         "make one clip before that moment and one after", at=at.isoformat())


def concat_list(pieces: list[Piece]) -> str:
    """An FFmpeg concat list reading only each piece's bytes: FFmpeg then never parses the
    thousands of fragment headers of a whole 1 h file (about 50 ms a file)."""
    lines = ["ffconcat version 1.0"]
    for p in pieces:
        path = p.path.as_posix()
        if "|" in path:  # the concat protocol splits on it: read the whole file instead
            url = path
            lines += [f"file '{_quote(url)}'", f"inpoint {p.begins:.6f}"]
        else:
            url = (f"concat:subfile,,start,0,end,{p.init_end},,:{path}"
                   f"|subfile,,start,{p.first_byte},end,{p.end_byte},,:{path}")
            lines.append(f"file '{_quote(url)}'")
        # Always: without it FFmpeg takes the file's length from its last timestamp, counted
        # from 0, and would leave a hole as long as the part of the file we skipped.
        lines.append(f"outpoint {p.ends:.6f}")
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    return text.replace("'", "'\\''")
