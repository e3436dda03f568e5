"""Benchmarks: each prints JSON and measures against the floor (bare FFmpeg, bare libVLC) in the same run."""
