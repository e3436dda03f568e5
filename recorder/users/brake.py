"""The brake on guessing passwords: after a few wrong ones, attempts are spaced out, then the
name is locked for a while. Kept per name typed, known or not, so that an unknown user and a
wrong password behave alike; and per network address, so that one machine trying one password
on many names (which no name's brake sees) is spaced out too — never locked, since a control
room's desks may share an address. Kept in memory, since only the recorder's own administrator
can restart it (and a restart is in the audit trail)."""

from __future__ import annotations

from dataclasses import dataclass

FREE_ATTEMPTS = 3  # wrong passwords before the brake
LOCK_AFTER = 6  # wrong passwords in a row that lock the name
LOCK_SECONDS = 15 * 60
MAX_SPACING = 30.0
MAX_NAMES = 10_000  # names remembered; past that, those whose wait is over are forgotten
ADDRESS_FREE = 10  # wrong passwords from one address, on any names, before it is spaced out
ADDRESS_WINDOW = 15 * 60  # an address's count starts again after this long without a wrong one


@dataclass
class _Record:
    failures: int = 0
    not_before: float = 0.0  # monotonic time of the next attempt allowed
    locked: bool = False


class LoginBrake:
    def __init__(self, free: int = FREE_ATTEMPTS, lock_after: int = LOCK_AFTER, lock_seconds: float = LOCK_SECONDS):
        self.free, self.lock_after, self.lock_seconds = free, lock_after, lock_seconds
        self._names: dict[str, _Record] = {}

    def wait(self, key: str, now: float) -> tuple[float, bool]:
        """Seconds before this name may try again (0: now), and whether that is a lock."""
        rec = self._names.get(key)
        if rec is None or now >= rec.not_before:
            if rec is not None and rec.locked:  # a lock served: a fresh start
                del self._names[key]
            return 0.0, False
        return rec.not_before - now, rec.locked

    def failed(self, key: str, now: float) -> bool:
        """Count a wrong password; True when it locks the name."""
        if len(self._names) >= MAX_NAMES:  # a flood of made-up names must not fill the memory
            self._names = {k: r for k, r in self._names.items() if r.not_before > now}
        rec = self._names.setdefault(key, _Record())
        rec.failures += 1
        if rec.failures >= self.lock_after:
            rec.not_before, rec.locked = now + self.lock_seconds, True
            return True
        if rec.failures >= self.free:
            rec.not_before = now + min(2.0 ** (rec.failures - self.free), MAX_SPACING)
        return False

    def succeeded(self, key: str) -> None:
        self._names.pop(key, None)

    def locked_until(self, key: str, now: float) -> float | None:
        """Seconds of lock left, for the administrator's list of users."""
        rec = self._names.get(key)
        return rec.not_before - now if rec and rec.locked and rec.not_before > now else None


class AddressBrake:
    """Wrong passwords per network address: past ADDRESS_FREE within the window, each further
    attempt from that address waits 1, 2, 4 … s (at most MAX_SPACING)."""

    def __init__(self, free: int = ADDRESS_FREE, window: float = ADDRESS_WINDOW):
        self.free, self.window = free, window
        self._addresses: dict[str, tuple[int, float]] = {}  # address -> (failures, time of the last)

    def wait(self, address: str | None, now: float) -> float:
        failures, last = self._addresses.get(address or "", (0, 0.0))
        if failures < self.free or now - last >= self.window:
            return 0.0
        return max(0.0, last + min(2.0 ** (failures - self.free), MAX_SPACING) - now)

    def failed(self, address: str | None, now: float) -> None:
        if len(self._addresses) >= MAX_NAMES:
            self._addresses = {a: r for a, r in self._addresses.items() if now - r[1] < self.window}
        failures, last = self._addresses.get(address or "", (0, 0.0))
        self._addresses[address or ""] = (1 if now - last >= self.window else failures + 1, now)
