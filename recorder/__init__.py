"""The headless recorder: cameras in, crash-safe segments and an index out. Never imports Qt."""

from vms_api import __version__  # one version for the recorder, the client and their contract

__all__ = ["__version__"]
