"""The Qt client (PySide6): live grid, playback, clips."""
