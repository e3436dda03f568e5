"""Every codec case a site meets, recorded from real RTSP cameras into closed, indexed segments."""

from __future__ import annotations

import subprocess
import time
from datetime import datetime

import pytest

from recorder.demo import DemoCamera
from tests.harness import RecorderProcess, cli, decodes, ffmpeg_pids, wait_for

pytestmark = pytest.mark.slow  # real cameras and FFmpeg for a while

CASES = {
    "h264": {"codec": "h264", "audio": "none"},
    "h265": {"codec": "h265", "audio": "none"},
    "h264+alaw": {"codec": "h264", "audio": "alaw"},
    "h264+mulaw": {"codec": "h264", "audio": "mulaw"},
    "h264+aac": {"codec": "h264", "audio": "aac"},
    # read through a private concat list, which must keep the timestamps as they are
    "h264+alaw+password": {"codec": "h264", "audio": "alaw", "user": "admin", "password": "p'w\\ @:/%#x"},
}
EXPECTED = {"h264": ("h264", None), "h265": ("hevc", None), "h264+alaw": ("h264", "aac"),
            "h264+mulaw": ("h264", "aac"), "h264+aac": ("h264", "aac"), "h264+alaw+password": ("h264", "aac")}
SEGMENT_S = 4


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("codecs")
    cams, ids = {}, {}
    try:
        for name, opts in CASES.items():
            cams[name] = DemoCamera(**opts)
            cams[name].start()
            auth = ("--username", opts["user"], "--password-stdin") if "user" in opts else ()
            ids[name] = int(cli(data_dir, "camera", "add", "--name", name, "--url", cams[name].url, *auth,
                                input=opts.get("password", "") + "\n").stdout)
        rec = RecorderProcess(data_dir, segment_seconds=SEGMENT_S).start()
        # two closed segments each; FFmpeg of H.265 takes longest to start
        wait_for(lambda: all(len(rec.segments(i)) >= 2 for i in ids.values()), 60, 1, "two segments per camera")
        yield rec, ids
        assert rec.stop() == 0
        assert not ffmpeg_pids(data_dir)
    finally:
        for cam in cams.values():
            cam.stop()


@pytest.mark.parametrize("case", list(CASES))
def test_each_codec_records_closed_segments(site, case):
    rec, ids = site
    segs = rec.segments(ids[case])
    assert len(segs) >= 2
    video, audio = EXPECTED[case]
    for seg in segs:
        assert seg["video_codec"] == video
        assert seg["audio_codec"] == audio
        assert seg["width"] == 640 and seg["height"] == 360
        assert decodes(rec.data.absolute(seg["path"])), seg["path"]
    # the second segment is a whole one: it lasts the segment length (cut at a keyframe)
    assert abs(segs[1]["duration"] - SEGMENT_S) <= 1.1
    start, end = datetime.fromisoformat(segs[1]["start"]), datetime.fromisoformat(segs[1]["end"])
    assert abs((end - start).total_seconds() - segs[1]["duration"]) < 0.01
    # consecutive segments meet: no gap or overlap beyond a frame or two
    gap = (datetime.fromisoformat(segs[1]["start"]) - datetime.fromisoformat(segs[0]["end"])).total_seconds()
    assert -0.01 <= gap < 0.5, gap


def test_segments_are_named_by_local_start_time(site):
    rec, ids = site
    for seg in rec.segments(ids["h264"]):
        local = datetime.fromisoformat(seg["start"]).astimezone()
        assert seg["path"].startswith(f"recordings/cam_{ids['h264']}/{local:%Y-%m-%d}/")
        name = seg["path"].rsplit("/", 1)[1]
        assert name[:8] == f"{local:%H-%M-%S}", (name, local)


def test_growing_segment_is_readable_while_written(site):
    """The player follows the live edge: the file being written already holds playable
    fragments (its first keyframe interval aside, which is still in FFmpeg's buffer)."""
    rec, ids = site

    def probe_current():
        current = rec.camera_status(ids["h264"])["current_file"]
        out = subprocess.run(["ffprobe", "-v", "error", "-count_packets", "-select_streams", "v:0",
                              "-show_entries", "stream=codec_name,nb_read_packets", "-of", "csv=p=0", current],
                             capture_output=True, text=True, timeout=30)
        still_current = rec.camera_status(ids["h264"])["current_file"] == current
        codec, _, count = out.stdout.strip().partition(",")
        # A file holding only its header yet reports "N/A" packets: wait for the first fragment.
        return out.returncode == 0 and still_current and codec == "h264" and count.isdigit() and int(count)

    wait_for(probe_current, SEGMENT_S * 3, 0.3, "a growing segment holding packets")


def test_segment_end_is_near_now(site):
    """The index times are UTC instants of the footage: the newest segment ended moments ago."""
    rec, ids = site
    asked = time.time()
    end = datetime.fromisoformat(rec.segments(ids["h264"])[-1]["end"]).timestamp()
    answered = time.time()  # the index was read in between: a slow command line does not count
    assert asked - end < SEGMENT_S + 3 and answered - end > -1, (asked - end, answered - end)
