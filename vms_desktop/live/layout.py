"""Which camera goes in which grid cell: pure logic, no Qt."""

from __future__ import annotations

import math

SIDES = (1, 2, 3, 4)


def auto_side(count: int) -> int:
    """The smallest square grid that holds every camera, up to 4×4."""
    return max(1, min(SIDES[-1], math.ceil(math.sqrt(max(count, 1)))))


def arrange(saved: list[int], ids: list[int]) -> list[int]:
    """The user's saved order for the cameras that still exist, new cameras at the end."""
    present = set(ids)
    order = [i for i in saved if i in present]
    return order + [i for i in ids if i not in set(order)]


def move(order: list[int], moved: int, onto: int) -> list[int]:
    """Dropping a tile on another swaps their places."""
    if moved not in order or onto not in order or moved == onto:
        return list(order)
    out = list(order)
    a, b = out.index(moved), out.index(onto)
    out[a], out[b] = out[b], out[a]
    return out


def page_count(count: int, side: int) -> int:
    return max(1, math.ceil(count / (side * side)))


def page_of(order: list[int], side: int, page: int) -> list[int]:
    """The cameras shown on one page of a side×side grid (pages wrap around)."""
    per = side * side
    page %= page_count(len(order), side)
    return order[page * per:(page + 1) * per]
