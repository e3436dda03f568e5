"""Pure logic: credentials, error wording, camera input rules."""

from __future__ import annotations

import subprocess

import pytest

from recorder.cameras.config import InputError, check_name, check_retention, check_url
from recorder.cameras.credentials import Vault, redact, split_credentials, with_credentials
from recorder.capture.ffmpeg import CameraInput, StreamInfo, _concat_quote, explain, record_command, remove_private_files


def test_credentials_are_split_from_the_url_and_put_back_encoded():
    assert split_credentials("rtsp://admin:p%40ss@10.0.0.5:554/s1?x=1") == ("rtsp://10.0.0.5:554/s1?x=1", "admin", "p@ss")
    assert split_credentials("rtsp://10.0.0.5/s1") == ("rtsp://10.0.0.5/s1", None, None)
    assert split_credentials("rtsp://u:p@[fe80::1]:554/x")[0] == "rtsp://[fe80::1]:554/x"
    assert with_credentials("rtsp://h:554/x", "ad min", "p@ss:/") == "rtsp://ad%20min:p%40ss%3A%2F@h:554/x"
    assert with_credentials("rtsp://h/x", None, "ignored") == "rtsp://h/x"


def test_redact_removes_userinfo_and_known_secrets():
    line = "rtsp://admin:hunter2@10.0.0.5/s1: 401 Unauthorized; retry with hunter2 / p%40ss"
    out = redact(line, "hunter2", "p@ss")
    assert "hunter2" not in out and "p%40ss" not in out and "admin" not in out
    assert out.startswith("rtsp://***@10.0.0.5/s1")


def test_vault_round_trip_and_key_file(tmp_path):
    vault = Vault(tmp_path / "k")
    token = vault.encrypt("s3cret")
    assert "s3cret" not in token and vault.decrypt(token) == "s3cret"
    assert Vault(tmp_path / "k").decrypt(token) == "s3cret"
    assert vault.encrypt("") is None
    with pytest.raises(ValueError, match="key changed"):
        Vault(tmp_path / "other").decrypt(token)


@pytest.mark.parametrize("stderr,expected", [
    ("rtsp://***@h/x: Server returned 401 Unauthorized (authorization failed)", "wrong username or password"),
    ("method DESCRIBE failed: 404 Not Found", "no stream at this address"),
    ("Connection to tcp://10.0.0.9:554?timeout=0 failed: Connection refused", "10.0.0.9 refused the connection"),
    ("Connection to tcp://10.0.0.9:554 failed: Connection timed out", "no answer from 10.0.0.9"),
    ("Connection to tcp://10.0.0.9:554 failed: No route to host", "cannot be reached"),
    ("Failed to resolve hostname cam.example: Name or service not known", "could not be found"),
    ("av_interleaved_write_frame(): No space left on device", "disk is full"),
    ("something new and strange", "something new and strange"),
])
def test_ffmpeg_errors_in_words_a_guard_understands(stderr, expected):
    assert expected in explain(stderr, "rtsp://10.0.0.9:554/x")


@pytest.mark.parametrize("bad", ["", "10.0.0.5/x", "http://h/x", "rtsp://", "rtsp://h:70000/x"])
def test_bad_urls_are_refused(bad):
    with pytest.raises(InputError):
        check_url(bad)


def test_names_and_retention_rules():
    assert check_name("  Gate ") == "Gate"
    assert check_retention(None) is None and check_retention(30) == 30
    for bad in ("", "x" * 121, "a\nb", "Gate \u202ekcab"):  # a right-to-left override reads backwards
        with pytest.raises(InputError):
            check_name(bad)
    for bad in (0, -1, 4000):
        with pytest.raises(InputError):
            check_retention(bad)


@pytest.mark.parametrize("video,audio,expect", [
    ("h264", None, ["-an"]),
    ("h264", "pcm_alaw", ["-c:a", "aac"]),
    ("h264", "pcm_mulaw", ["-c:a", "aac"]),
    ("h264", "aac", ["-c:a", "copy"]),
    ("hevc", None, ["-tag:v", "hvc1"]),
])
def test_record_command_copies_video_and_makes_audio_fit_mp4(tmp_path, video, audio, expect):
    cmd = record_command(CameraInput("rtsp://h/x", tmp_path), StreamInfo(video, 640, 360, 15, audio),
                         tmp_path / "%05d.mp4", tmp_path / "l.csv", 3600)
    joined = " ".join(cmd)
    assert "-c:v copy" in joined and " ".join(expect) in joined
    assert "-segment_atclocktime 1" in joined and "frag_keyframe" in joined


def test_a_url_with_credentials_reaches_ffmpeg_in_a_private_list(tmp_path):
    private = tmp_path / "run"
    url = with_credentials("rtsp://h:554/x", "ad'min", "p'w\\@:/%#")
    camera = CameraInput(url, private, {"timeout": 5, "probesize": 32768})
    assert not any("p%27w" in a or "ad%27min" in a or "rtsp:" in a for a in camera.args)
    assert camera.args[-2:] == ["-i", str(camera.file)]
    assert oct(private.stat().st_mode & 0o777) == "0o700" and oct(camera.file.stat().st_mode & 0o777) == "0o600"
    assert camera.file.read_text().splitlines() == [
        "ffconcat version 1.0", "file 'rtsp://ad%27min:p%27w%5C%40%3A%2F%25%23@h:554/x'",
        "option rtsp_transport 'tcp'", "option timeout '5'", "option probesize '32768'"]
    camera.remove()
    assert not list(private.iterdir())
    plain = CameraInput("rtsp://h/x", private, {"timeout": 5})
    assert plain.file is None and plain.args == ["-rtsp_transport", "tcp", "-timeout", "5", "-i", "rtsp://h/x"]


def test_concat_list_quoting_is_read_back_by_ffmpeg(tmp_path):
    """Percent-encoding keeps quotes and backslashes out of credentials, not out of a path."""
    clip = tmp_path / "it's a \\ 'test'.mp4"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=64x64:rate=1", "-frames:v", "1",
                    str(clip)], check=True, timeout=60)
    listing = tmp_path / "l.ffconcat"
    listing.write_text(f"ffconcat version 1.0\nfile {_concat_quote(str(clip))}\n")
    out = subprocess.run(["ffprobe", "-v", "error", "-f", "concat", "-safe", "0", "-show_entries", "stream=width",
                          "-of", "csv=p=0", str(listing)], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "64", out.stderr


def test_start_up_removes_lists_a_crash_left(tmp_path):
    private = tmp_path / "run"
    CameraInput("rtsp://u:p@h/x", private)
    private.chmod(0o755)
    remove_private_files(private)
    assert not list(private.iterdir()) and oct(private.stat().st_mode & 0o777) == "0o700"


def test_command_line_times_outside_the_index_years_are_refused_in_words(tmp_path):
    from tests.harness import cli

    for text, words in (("0001-01-01", "between the years 2000 and 2100"), ("9999-12-31T23:59", "between the years"),
                        ("yesterday", "expected an ISO time")):
        out = cli(tmp_path / "data", "segments", "--camera", "1", "--from", text, check=False)
        assert out.returncode == 2 and words in out.stderr and "Traceback" not in out.stderr, out.stderr
