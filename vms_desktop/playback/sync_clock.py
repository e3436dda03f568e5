"""The one clock of synchronized playback, and how a tile that strays from it is brought back.
Pure logic (no Qt, no libVLC): times are UTC datetimes and monotonic seconds.

Each tile is its own libVLC player with its own clock; nothing in libVLC ties two players
together. So the window keeps a clock of its own (where the operator is, how fast it runs) and
steers each tile towards it: a little faster or slower while close (no jump on the screen), a
seek when far (a tile that stalled on its network, or opened late)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

DEADBAND_S = 0.03  # closer than this: the tile plays at the common rate
GAIN = 0.6  # share of the rate added per second of drift: 100 ms behind plays 6 % faster
MAX_NUDGE = 0.25  # never more than a quarter faster or slower: no visible fast-forward
SEEK_BEYOND_S = 1.5  # further than this (times the rate): a seek is quicker than catching up
NUDGE_STEP = 0.02  # rates are set in steps, so a tile is not given a new rate every tick


@dataclass
class MasterClock:
    """The instant every tile should show: `anchor` at monotonic time `since`, running at
    `rate` while `running`."""

    anchor: datetime
    since: float = 0.0
    rate: float = 1.0
    running: bool = False

    def now(self, mono: float) -> datetime:
        if not self.running:
            return self.anchor
        return self.anchor + timedelta(seconds=(mono - self.since) * self.rate)

    def set(self, t: datetime, mono: float) -> None:
        """Go to t, holding or running as before."""
        self.anchor, self.since = t, mono

    def run(self, running: bool, mono: float) -> None:
        self.anchor, self.since, self.running = self.now(mono), mono, running

    def set_rate(self, rate: float, mono: float) -> None:
        self.anchor, self.since, self.rate = self.now(mono), mono, rate


def steered_rate(drift_s: float, rate: float) -> float | None:
    """The rate that brings a tile `drift_s` ahead of the clock (negative: behind) back to it;
    None when it is too far off for that and should seek."""
    if abs(drift_s) > SEEK_BEYOND_S * max(1.0, rate):
        return None
    if abs(drift_s) <= DEADBAND_S * max(1.0, rate):
        return rate
    # drift is in media seconds; at 4x a tile makes up 4 s of media per wall second
    nudge = max(-MAX_NUDGE, min(MAX_NUDGE, -GAIN * drift_s / max(1.0, rate)))
    return rate * (1 + round(nudge / NUDGE_STEP) * NUDGE_STEP)

