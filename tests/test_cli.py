"""vms-recorder as people type it: --json before or after the subcommand, and values out of
range refused by the parser in a sentence (exit 2) before anything starts."""

from __future__ import annotations

import json
import os

import pytest

from recorder.cli import _parser, main
from tests.harness import cli


def test_json_goes_before_or_after_the_subcommand(tmp_path, capsys):
    data = tmp_path / "data"

    def run(*argv):
        """The command in this process (quicker than one process each); main() sets the umask
        the recorder's files need, which must not leak into the processes later tests start."""
        umask = os.umask(0o022)
        os.umask(umask)
        try:
            assert main(["--data-dir", str(data), *argv]) == 0
        finally:
            os.umask(umask)
        out = capsys.readouterr().out
        return json.loads(out) if "--json" in argv else out

    added = run("camera", "add", "--name", "Gate", "--url", "rtsp://127.0.0.1:1/cam", "--disabled", "--json")
    assert added["name"] == "Gate" and added["id"] == 1
    for command in (["status"], ["camera", "list"], ["plan"], ["segments", "--camera", "1"],
                    ["events", "--camera", "1"], ["clip", "list"]):
        assert run("--json", *command) == run(*command, "--json"), command
    assert run("camera", "--json", "list")[0]["name"] == "Gate"  # between the levels too
    assert run("camera", "disable", "1", "--json")["enabled"] is False
    assert run("camera", "list").split()[:2] == ["1", "off"]  # without it: text
    # and as typed at a shell, by the program itself
    assert json.loads(cli(data, "status", "--json").stdout) == json.loads(cli(data, "--json", "status").stdout)


def test_a_bad_sweep_hour_is_refused_in_words_and_starts_nothing(tmp_path):
    data = tmp_path / "data"
    for command in ("run", "demo"):
        out = cli(data, command, "--sweep-hour", "24", check=False)
        assert out.returncode == 2, out.stderr
        assert "error: argument --sweep-hour: must be a whole number from 0 to 23, not 24" in out.stderr
        assert "Traceback" not in out.stderr and out.stdout == ""  # no demo camera was started
        assert not data.exists()  # not even the data dir


REFUSED = [
    (["run", "--sweep-hour", "-1"], "argument --sweep-hour: must be a whole number from 0 to 23, not -1"),
    (["run", "--sweep-hour", "3am"], "argument --sweep-hour: expected a whole number from 0 to 23, not '3am'"),
    (["run", "--segment-seconds", "30"], "argument --segment-seconds: must be a whole number from 60 to 3600, not 30"),
    (["demo", "--segment-seconds", "7200"], "argument --segment-seconds: must be a whole number from 60 to 3600"),
    (["run", "--stall-seconds", "5"], "argument --stall-seconds: must be at least 10 (FFmpeg reports every 5 s)"),
    (["run", "--min-free-mb", "-1"], "argument --min-free-mb: must be at least 0, not -1"),
    (["run", "--min-free-mb", "inf"], "argument --min-free-mb: must be at least 0, not inf"),
    (["run", "--api-port", "70000"], "argument --api-port: must be a whole number from 0 to 65535"),
    (["demo", "--cameras", "0"], "argument --cameras: must be a whole number of at least 1, not 0"),
    (["plan", "gold"], "argument name: invalid choice: 'gold'"),
    (["camera", "remove", "0"], "argument id: must be a whole number from 1 up, not 0"),
    (["camera", "enable", "9" * 20], f"argument id: {'9' * 20} is too large for a number in the index"),
    (["segments", "--camera", "one"], "argument --camera: expected a whole number from 1 up, not 'one'"),
    (["events", "--camera", "-3"], "argument --camera: must be a whole number from 1 up, not -3"),
    (["clip", "show", "1.5"], "argument id: expected a whole number from 1 up, not '1.5'"),
    (["segments", "--camera", "1", "--from", "yesterday"], "argument --from: expected an ISO time"),
]


@pytest.mark.parametrize("argv,words", REFUSED, ids=[" ".join(a) for a, _ in REFUSED])
def test_values_out_of_range_are_refused_by_the_parser(argv, words, capsys, monkeypatch):
    monkeypatch.delenv("VMS_ALLOW_SHORT_SEGMENTS", raising=False)
    with pytest.raises(SystemExit) as stop:
        _parser().parse_args(argv)
    assert stop.value.code == 2
    assert f": error: {words}" in capsys.readouterr().err


def test_short_segments_only_in_test_mode(monkeypatch):
    monkeypatch.setenv("VMS_ALLOW_SHORT_SEGMENTS", "1")
    args = _parser().parse_args(["run", "--segment-seconds", "4", "--sweep-hour", "0", "--stall-seconds", "10.5"])
    assert (args.segment_seconds, args.sweep_hour, args.stall_seconds, args.json) == (4, 0, 10.5, False)
    assert _parser().parse_args(["--json", "run"]).json is True
    assert _parser().parse_args(["run", "--json"]).json is True
    assert _parser().parse_args(["run"]).segment_seconds == 3600
