"""The Qt client (PySide6): live grid, playback, clips."""

from vms_api import __version__  # one version for both programs

__all__ = ["__version__"]
