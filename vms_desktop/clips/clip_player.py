"""A saved clip played on its own, in a small window: play / pause and a position slider."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QSlider, QStyle, QVBoxLayout, QWidget

from vms_desktop.live.tile import VideoSurface
from vms_desktop.playback.timeline import SEEK_EVERY_MS
from vms_desktop.vlc_player import VlcPlayer

SLIDER_STEPS = 1000


def _mm_ss(ms: int) -> str:
    s = max(0, ms) // 1000
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60:02d}:{s % 60:02d}"


class ClipPlayer(QDialog):
    """One libVLC player on the clip's file. The slider follows the player, except while the
    operator drags it: then it seeks at most every SEEK_EVERY_MS, and once more on release."""

    def __init__(self, url: str, title: str, start: datetime | None, duration_s: float, tz: tzinfo,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WA_DeleteOnClose)
        self.setWindowTitle(title)
        self.start, self.tz = start, tz
        self.length_ms = int(duration_s * 1000)  # until libVLC knows the file's own length
        self.surface = VideoSurface(self)
        self.surface.setMinimumSize(480, 270)
        self.play_button = QPushButton(self)
        self.play_button.setToolTip(self.tr("Play / pause"))
        self.play_button.clicked.connect(self.toggle)
        self.slider = QSlider(Qt.Horizontal, self, minimum=0, maximum=SLIDER_STEPS)
        self.time_label = QLabel(self)
        self._dragging = False
        self._last_seek = QElapsedTimer()
        self._at_end = False
        self._pending_position: float | None = None
        self._layout()
        self.slider.sliderPressed.connect(self._drag_started)
        self.slider.sliderMoved.connect(self._dragged)
        self.slider.sliderReleased.connect(self._drag_ended)
        self.vlc = VlcPlayer(self)
        self.vlc.show_in(self.surface)
        self.vlc.time_changed.connect(self._at)
        self.vlc.playing.connect(self._playing)
        self.vlc.ended.connect(self._ended)
        # FFmpeg's demuxer, as for recordings: libVLC's own takes seconds to open a clip over
        # HTTP (it walks the file in range requests).
        self.vlc.play_recording(url)
        self._show_playing(True)
        self._at(0)

    def _layout(self) -> None:
        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.time_label)
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 6, 6, 6)
        box.addWidget(self.surface, 1)
        box.addLayout(controls)
        self.resize(800, 520)

    def _show_playing(self, playing: bool) -> None:
        self.play_button.setIcon(self.style().standardIcon(QStyle.SP_MediaPause if playing else QStyle.SP_MediaPlay))

    def toggle(self) -> None:
        if self._at_end:
            self._restart()
            return
        playing = not self.vlc.is_playing()
        self.vlc.set_paused(not playing)
        self._show_playing(playing)

    def _restart(self, position: float | None = None) -> None:
        """A finished libVLC player only plays again after stop(); a seek waits until it plays."""
        self._at_end = False
        self._pending_position = position
        self.vlc.restart()
        self._show_playing(True)

    def _playing(self) -> None:
        if self.vlc is None:  # closed; a last event from libVLC was still on its way
            return
        self._show_playing(True)
        if self._pending_position is not None:
            self.vlc.seek_fraction(self._pending_position)
            self._pending_position = None

    def _ended(self) -> None:
        if self.vlc is None:  # closed; a last event from libVLC was still on its way
            return
        self._at_end = True
        self._show_playing(False)
        self.slider.setValue(SLIDER_STEPS)
        self._at(self.length_ms)

    def _at(self, ms: int) -> None:
        if self.vlc is None:  # closed; a last event from libVLC was still on its way
            return
        length = self.vlc.length_ms
        if length > 0:
            self.length_ms = length
        if not self._dragging and self.length_ms > 0:
            self.slider.setValue(round(SLIDER_STEPS * ms / self.length_ms))
        text = f"{_mm_ss(ms)} / {_mm_ss(self.length_ms)}"
        if self.start is not None:  # the wall-clock time of the frame, as on the timeline
            text += "  ·  " + (self.start + timedelta(milliseconds=ms)).astimezone(self.tz).strftime("%H:%M:%S")
        self.time_label.setText(text)

    # -- the slider, dragged -------------------------------------------------------------------

    def _drag_started(self) -> None:
        self._dragging = True
        self._last_seek.invalidate()

    def _dragged(self, value: int) -> None:
        if not self._last_seek.isValid() or self._last_seek.elapsed() >= SEEK_EVERY_MS:
            self._last_seek.restart()
            self._seek_to(value)

    def _drag_ended(self) -> None:
        self._seek_to(self.slider.value())  # the final seek, always
        QTimer.singleShot(SEEK_EVERY_MS, lambda: setattr(self, "_dragging", False))

    def _seek_to(self, value: int) -> None:
        if self._at_end:
            self._restart(value / SLIDER_STEPS)
        else:
            self.vlc.seek_fraction(value / SLIDER_STEPS)
        self._at(round(self.length_ms * value / SLIDER_STEPS))

    def done(self, result: int) -> None:
        if self.vlc is not None:  # released once, before its window goes
            self.vlc.release()
            self.vlc = None
        super().done(result)
