"""python -m bench [name ...]: run the benchmarks (all by default), JSON on stdout."""

import json
import sys

from bench import (
    alarm_bench,
    audit_bench,
    client_bench,
    clip_bench,
    events_bench,
    motion_bench,
    playback_bench,
    playback_http_bench,
    recorder_bench,
    remote_bench,
    retention_bench,
    sync_bench,
)

BENCHES = {"recorder": recorder_bench.main, "client": client_bench.main, "playback": playback_bench.main,
           "playback_http": playback_http_bench.main,
           "clips": clip_bench.main, "retention": retention_bench.main,
           "events": events_bench.main, "motion": motion_bench.main, "audit": audit_bench.main,
           "remote": remote_bench.main, "sync": sync_bench.main,
           "alarms": alarm_bench.main}


def main() -> int:
    names = sys.argv[1:] or list(BENCHES)
    unknown = [n for n in names if n not in BENCHES]
    if unknown:
        print(f"unknown benchmark(s) {unknown}; choose from {list(BENCHES)}", file=sys.stderr)
        return 2
    results = {n: BENCHES[n]() for n in names}
    print(json.dumps(results, indent=2))
    return 0 if all(r.get("pass") for r in results.values()) else 1


sys.exit(main())
