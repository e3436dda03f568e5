"""Old footage compression on real recordings: H.265 in place of the camera's H.264, same times,
still playable and clippable; never under a clip being cut or a segment being deleted."""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest

from recorder.capture.ffmpeg import probe_file
from recorder.clips.maker import ClipMaker
from recorder.demo import DemoCamera
from recorder.index.db import database_url, open_index
from recorder.index.models import Camera, Segment, utcnow
from recorder.index.segments import SegmentStore
from recorder.storage.compress import Compressor
from tests.harness import RecorderProcess, cli, decodes, wait_for

pytestmark = pytest.mark.slow  # real cameras and FFmpeg for a while


@pytest.fixture(scope="module")
def recording(tmp_path_factory):
    """Three closed segments of a camera sending more bits than H.265 needs (as cameras do),
    recorded once; each test works on its own copy."""
    data = tmp_path_factory.mktemp("compress") / "data"
    cam = DemoCamera(bitrate_kbps=2000, audio="aac")
    cam.start()
    try:
        cli(data, "camera", "add", "--name", "yard", "--url", cam.url)
        rec = RecorderProcess(data, segment_seconds=4).start()
        wait_for(lambda: len(rec.segments(1)) >= 3, 60, 1, "three segments")
        assert rec.stop() == 0
    finally:
        cam.stop()
    return data


@pytest.fixture
def recorded(recording, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(recording, data)
    rec = RecorderProcess(data)  # not started: for its helpers
    segs = rec.segments(1)
    sessions = open_index(database_url(rec.data.db_file))
    store = SegmentStore(rec.data, sessions)
    return rec, segs, sessions, store


def test_old_segment_is_re_encoded_in_place_with_the_same_times(recorded):
    rec, segs, sessions, store = recorded
    seg = segs[1]
    before = probe_file(rec.data.absolute(seg["path"]))
    result = Compressor(rec.data, sessions, store).compress(seg["id"])
    assert result is not None and result["saving"] > 0.3, result
    path = rec.data.absolute(seg["path"])
    after = probe_file(path)
    assert (after.video_codec, after.audio_codec) == ("hevc", "aac") and decodes(path)
    assert abs(after.duration - before.duration) < 0.5
    now = rec.segments(1)[1]
    assert (now["start"], now["end"], now["path"]) == (seg["start"], seg["end"], seg["path"])
    assert now["bytes"] == path.stat().st_size < seg["bytes"] and now["video_codec"] == "hevc"
    assert not list(path.parent.glob(".*"))  # no temporary file left
    # a clip across the compressed and the original file is refused with the reason
    maker = ClipMaker(rec.data, sessions)
    try:
        row = maker.request(1, utcnow() - timedelta(hours=1), utcnow(), "mixed")
    except ValueError as e:
        assert "format changed" in str(e)
    else:
        raise AssertionError(f"a clip over two formats was accepted: {row}")
    finally:
        maker.close()


def test_only_segments_older_than_the_cameras_setting_are_chosen(recorded):
    rec, segs, sessions, store = recorded
    comp = Compressor(rec.data, sessions, store)
    assert comp.next_segment() is None  # no camera asks for it
    with sessions.begin() as s:
        s.get(Camera, 1).compress_after_days = 2
    assert comp.next_segment() is None  # too recent
    with sessions.begin() as s:
        for seg in s.query(Segment).filter(Segment.id.in_([segs[0]["id"], segs[1]["id"]])):
            seg.start -= timedelta(days=3)
            seg.end -= timedelta(days=3)
    assert comp.next_segment() == segs[0]["id"]  # the oldest first


def test_a_file_a_clip_is_being_cut_from_is_left_alone(recorded):
    rec, segs, sessions, store = recorded
    path = rec.data.absolute(segs[1]["path"])
    original = path.read_bytes()
    comp = Compressor(rec.data, sessions, store, in_use=lambda: {path})
    assert comp.compress(segs[1]["id"]) is None
    assert path.read_bytes() == original and rec.segments(1)[1]["video_codec"] == "h264"
    with sessions() as s:
        assert s.get(Segment, segs[1]["id"]).original_bytes is None  # tried again later


def test_a_segment_deleted_meanwhile_is_not_brought_back(recorded):
    rec, segs, sessions, store = recorded
    comp = Compressor(rec.data, sessions, store)
    real_encode = comp._encode

    def encode_then_retention(src, tmp, audio):
        ok = real_encode(src, tmp, audio)
        store.delete_segments([segs[1]["id"]], "retention")
        return ok

    comp._encode = encode_then_retention
    assert comp.compress(segs[1]["id"]) is None
    path = rec.data.absolute(segs[1]["path"])
    assert not path.exists() and not list(path.parent.glob(".*"))
