"""The headless recorder: cameras in, crash-safe segments and an index out. Never imports Qt."""

__version__ = "0.1.0"
