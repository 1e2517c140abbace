"""Small geometry for connectors: where a line toward a point leaves a node's outline, and smooth S-curves."""

from __future__ import annotations

import math

from renderers.layout.geometry import Rect

from .diagram import Point
from .plan import NodeShape


def border_point(rect: Rect, shape: str, toward: Point, gap: float = 0.0) -> Point:
    """The point where the ray from the centre of `rect` toward `toward` crosses the node's outline."""
    cx, cy = rect.cx, rect.cy
    dx, dy = toward[0] - cx, toward[1] - cy
    if dx == 0 and dy == 0:
        return cx, cy
    a, b = rect.w / 2 + gap, rect.h / 2 + gap
    if shape in (NodeShape.TERMINAL.value, NodeShape.ACTOR.value):
        t = 1 / math.sqrt((dx / a) ** 2 + (dy / b) ** 2)
    elif shape == NodeShape.DECISION.value:
        t = 1 / (abs(dx) / a + abs(dy) / b)
    else:
        t = min(a / abs(dx) if dx else math.inf, b / abs(dy) if dy else math.inf)
    return cx + dx * t, cy + dy * t


def s_curve(start: Point, end: Point, horizontal: bool = True, samples: int = 4) -> list[Point]:
    """Points along a cubic S-curve that leaves `start` and reaches `end` level (or plumb when not horizontal)."""
    (x0, y0), (x1, y1) = start, end
    if horizontal:
        mx = (x0 + x1) / 2
        c1, c2 = (mx, y0), (mx, y1)
    else:
        my = (y0 + y1) / 2
        c1, c2 = (x0, my), (x1, my)
    out = []
    for i in range(samples + 1):
        t = i / samples
        u = 1 - t
        x = u**3 * x0 + 3 * u * u * t * c1[0] + 3 * u * t * t * c2[0] + t**3 * x1
        y = u**3 * y0 + 3 * u * u * t * c1[1] + 3 * u * t * t * c2[1] + t**3 * y1
        out.append((x, y))
    return out


def point_at(points: list[Point], t: float) -> Point:
    """The point a fraction t of the way along a polyline."""
    lengths = [math.dist(a, b) for a, b in zip(points, points[1:])]
    goal = sum(lengths) * t
    for (a, b), length in zip(zip(points, points[1:]), lengths):
        if goal <= length and length > 0:
            f = goal / length
            return a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f
        goal -= length
    return points[-1]


def label_spot(points: list[Point], w: float, h: float, obstacles: list[Rect]) -> Rect:
    """Where a w × h label on the line covers no obstacle: the middle if it is free, else the free point nearest
    to the middle (every 2% of the way); the middle when there is none (the overlap lint then says so)."""
    steps = [0.5] + [0.5 + sign * k / 50 for k in range(1, 23) for sign in (-1, 1)]
    for t in steps:
        x, y = point_at(points, t)
        rect = Rect(x - w / 2, y - h / 2, w, h)
        if not any(rect.intersects(o, tolerance=-2) for o in obstacles):
            return rect
    x, y = point_at(points, 0.5)
    return Rect(x - w / 2, y - h / 2, w, h)
