"""SVG path data (`d`) into skia paths: the hand-drawn strokes `rough` writes and the Lucide icons' paths.

skia-python has no SVG path parser, and the two sources use the whole grammar between them (relative commands,
smooth curves, elliptical arcs), so this reads all of it.
"""

from __future__ import annotations

import re
from functools import lru_cache

_TOKEN = re.compile(r"[MmLlHhVvCcSsQqTtAaZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ARGS = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "A": 7, "Z": 0}


@lru_cache(maxsize=4096)
def parse_path(d: str):
    """A skia.Path for the SVG path data; unknown characters are skipped."""
    import skia

    path = skia.Path()
    tokens = _TOKEN.findall(d)  # a list, so a glued arc flag can be split in place
    i = 0
    cmd = None
    x = y = 0.0
    sx = sy = 0.0  # subpath start
    last_ctrl = None  # (x, y, kind): the last control point, for S and T
    while i < len(tokens):
        tok = tokens[i]
        if tok.isalpha():
            cmd = tok
            i += 1
            if cmd in "Zz":
                path.close()
                x, y = sx, sy
                last_ctrl = None
                continue
        if cmd is None:
            i += 1
            continue
        upper = cmd.upper()
        n = _ARGS[upper]
        if upper == "A":
            args, i = _arc_args(tokens, i)
            if args is None:
                break
        else:
            if i + n > len(tokens) or any(t.isalpha() for t in tokens[i:i + n]):
                break
            args = [float(t) for t in tokens[i:i + n]]
            i += n
        rel = cmd.islower()
        ox, oy = (x, y) if rel else (0.0, 0.0)
        if upper == "M":
            x, y = ox + args[0], oy + args[1]
            path.moveTo(x, y)
            sx, sy = x, y
            cmd = "l" if rel else "L"  # further pairs are line-tos
            last_ctrl = None
        elif upper == "L":
            x, y = ox + args[0], oy + args[1]
            path.lineTo(x, y)
            last_ctrl = None
        elif upper == "H":
            x = (x if rel else 0.0) + args[0]
            path.lineTo(x, y)
            last_ctrl = None
        elif upper == "V":
            y = (y if rel else 0.0) + args[0]
            path.lineTo(x, y)
            last_ctrl = None
        elif upper == "C":
            x1, y1, x2, y2 = ox + args[0], oy + args[1], ox + args[2], oy + args[3]
            x, y = ox + args[4], oy + args[5]
            path.cubicTo(x1, y1, x2, y2, x, y)
            last_ctrl = (x2, y2, "C")
        elif upper == "S":
            x1, y1 = (2 * x - last_ctrl[0], 2 * y - last_ctrl[1]) if last_ctrl and last_ctrl[2] == "C" else (x, y)
            x2, y2 = ox + args[0], oy + args[1]
            x, y = ox + args[2], oy + args[3]
            path.cubicTo(x1, y1, x2, y2, x, y)
            last_ctrl = (x2, y2, "C")
        elif upper == "Q":
            x1, y1 = ox + args[0], oy + args[1]
            x, y = ox + args[2], oy + args[3]
            path.quadTo(x1, y1, x, y)
            last_ctrl = (x1, y1, "Q")
        elif upper == "T":
            x1, y1 = (2 * x - last_ctrl[0], 2 * y - last_ctrl[1]) if last_ctrl and last_ctrl[2] == "Q" else (x, y)
            x, y = ox + args[0], oy + args[1]
            path.quadTo(x1, y1, x, y)
            last_ctrl = (x1, y1, "Q")
        elif upper == "A":
            rx, ry, rot, large, sweep = args[0], args[1], args[2], args[3], args[4]
            x, y = ox + args[5], oy + args[6]
            path.arcTo(abs(rx), abs(ry), rot,
                       skia.Path.ArcSize.kLarge_ArcSize if large else skia.Path.ArcSize.kSmall_ArcSize,
                       skia.PathDirection.kCW if sweep else skia.PathDirection.kCCW, x, y)
            last_ctrl = None
    return path


def _arc_args(tokens: list[str], i: int) -> tuple[list[float] | None, int]:
    """Seven arc arguments; the two flags may be glued to what follows them ('011', '1.5')."""
    out: list[float] = []
    while len(out) < 7:
        if i >= len(tokens) or tokens[i].isalpha():
            return None, i
        tok = tokens[i]
        if len(out) in (3, 4) and len(tok) > 1 and tok[0] in "01" and not tok.startswith(("0.", "1.")):
            out.append(float(tok[0]))
            tokens[i] = tok[1:]
            continue
        out.append(float(tok))
        i += 1
    return out, i


def element_path(tag: str, attrs: dict[str, str]) -> str | None:
    """An SVG basic shape (circle, rect, line, polyline, polygon, ellipse) as path data."""
    f = {k: float(v) for k, v in attrs.items() if k in ("cx", "cy", "r", "rx", "ry", "x", "y", "x1", "y1", "x2",
                                                          "y2", "width", "height")}
    if tag == "path":
        return attrs.get("d")
    if tag == "circle":
        cx, cy, r = f.get("cx", 0), f.get("cy", 0), f.get("r", 0)
        return f"M{cx - r} {cy} A{r} {r} 0 1 0 {cx + r} {cy} A{r} {r} 0 1 0 {cx - r} {cy} Z"
    if tag == "ellipse":
        cx, cy, rx, ry = f.get("cx", 0), f.get("cy", 0), f.get("rx", 0), f.get("ry", 0)
        return f"M{cx - rx} {cy} A{rx} {ry} 0 1 0 {cx + rx} {cy} A{rx} {ry} 0 1 0 {cx - rx} {cy} Z"
    if tag == "line":
        return f"M{f.get('x1', 0)} {f.get('y1', 0)} L{f.get('x2', 0)} {f.get('y2', 0)}"
    if tag in ("polyline", "polygon"):
        nums = [float(v) for v in re.findall(r"[-+]?(?:\d+\.?\d*|\.\d+)", attrs.get("points", ""))]
        pts = list(zip(nums[::2], nums[1::2]))
        if not pts:
            return None
        d = "M" + " L".join(f"{a} {b}" for a, b in pts)
        return d + (" Z" if tag == "polygon" else "")
    if tag == "rect":
        x, y, w, h = f.get("x", 0), f.get("y", 0), f.get("width", 0), f.get("height", 0)
        r = min(f.get("rx", f.get("ry", 0)), w / 2, h / 2)
        if r <= 0:
            return f"M{x} {y} H{x + w} V{y + h} H{x} Z"
        return (f"M{x + r} {y} H{x + w - r} A{r} {r} 0 0 1 {x + w} {y + r} V{y + h - r} A{r} {r} 0 0 1 {x + w - r} "
                f"{y + h} H{x + r} A{r} {r} 0 0 1 {x} {y + h - r} V{y + r} A{r} {r} 0 0 1 {x + r} {y} Z")
    return None
