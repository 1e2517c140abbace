"""Easing curves: how a step's progress (0 to 1 in time) becomes progress in value.

The four standard curves are CSS's cubic Béziers, so the animated SVG can name the same curves (`keySplines`);
`back` overshoots a little and settles, and is sampled there.
"""

from __future__ import annotations

from functools import lru_cache

BEZIER = {
    "linear": (0.0, 0.0, 1.0, 1.0),
    "ease_in": (0.42, 0.0, 1.0, 1.0),
    "ease_out": (0.0, 0.0, 0.58, 1.0),
    "ease_in_out": (0.42, 0.0, 0.58, 1.0),
}


def _bezier(x1: float, y1: float, x2: float, y2: float, x: float) -> float:
    """y at x on the cubic Bézier from (0,0) to (1,1) with control points (x1,y1), (x2,y2)."""

    def coord(t: float, a: float, b: float) -> float:
        return 3 * a * t * (1 - t) ** 2 + 3 * b * t * t * (1 - t) + t ** 3

    lo, hi = 0.0, 1.0
    t = x
    for _ in range(30):  # bisection: x(t) is monotonic for these curves
        got = coord(t, x1, x2)
        if abs(got - x) < 1e-6:
            break
        if got < x:
            lo = t
        else:
            hi = t
        t = (lo + hi) / 2
    return coord(t, y1, y2)


@lru_cache(maxsize=8192)
def _cached(name: str, x: float) -> float:
    return _bezier(*BEZIER[name], x)


def ease(name: str, p: float) -> float:
    if p <= 0.0:
        return 0.0
    if p >= 1.0:
        return 1.0
    if name == "back":
        c1 = 1.70158
        c3 = c1 + 1
        return 1 + c3 * (p - 1) ** 3 + c1 * (p - 1) ** 2
    if name == "linear":
        return p
    return _cached(name, round(p, 4))
