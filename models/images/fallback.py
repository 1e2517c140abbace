"""The offline image backend: a clean, code-generated illustration for a prompt, so renders without a GPU
still look finished.

The picture is a layered landscape-style composition (sky gradient, a sun or moon, rolling hills) in a palette
picked from the prompt's mood, with a Lucide icon matching the prompt in the centre, and no text. It is drawn as
SVG and rasterised with resvg. The same prompt and seed always give the same picture.
"""

from __future__ import annotations

import hashlib
import math
import random

import resvg_py

from renderers.base import GeneratedImage
from renderers.icons import icon_group, match

# (sky top, sky bottom, sun, hills back → front) per mood.
_MOODS: dict[str, tuple[str, str, str, tuple[str, str, str]]] = {
    "dawn": ("#FFB38A", "#FFE6C7", "#FFF4E0", ("#F28C6B", "#D9674F", "#A84A3F")),
    "sunset": ("#5B3C88", "#F59E61", "#FFD27A", ("#8A4F7D", "#5E3A6E", "#3A2752")),
    "night": ("#0D1B3D", "#28407A", "#F3F1D8", ("#22335F", "#182649", "#0E1834")),
    "ocean": ("#5CC3E8", "#D6F3FF", "#FFFFFF", ("#3AA0D0", "#1F7DB3", "#145A8A")),
    "forest": ("#9ED9B5", "#E6F6EA", "#FFF8D6", ("#5DAA77", "#3C8A5A", "#25663F")),
    "desert": ("#F7C873", "#FFF0CF", "#FFFFFF", ("#E3A857", "#C98B3D", "#A8702C")),
    "tech": ("#2F3E9E", "#7B8CFF", "#C9D1FF", ("#4152C4", "#2F3EA3", "#1E2A78")),
    "calm": ("#B9C8F5", "#F1F4FF", "#FFFFFF", ("#93A6E6", "#7188D6", "#566CBE")),
    "warm": ("#F6A6A6", "#FFE8D9", "#FFF6EE", ("#EE8A7A", "#D9695E", "#B84E4B")),
}

_MOOD_WORDS: dict[str, tuple[str, ...]] = {
    "dawn": ("dawn", "morning", "sunrise", "黎明", "清晨", "早晨", "日出"),
    "sunset": ("sunset", "dusk", "evening", "黃昏", "夕陽", "日落", "傍晚"),
    "night": ("night", "moon", "star", "space", "galaxy", "夜", "月", "星", "宇宙", "太空"),
    "ocean": ("ocean", "sea", "beach", "water", "lake", "river", "lighthouse", "海", "湖", "水", "河", "燈塔"),
    "forest": ("forest", "tree", "garden", "nature", "green", "plant", "森林", "樹", "花園", "自然", "植物", "綠"),
    "desert": ("desert", "sand", "summer", "sun", "沙漠", "夏", "太陽"),
    "tech": ("tech", "ai", "data", "computer", "robot", "code", "chip", "科技", "資料", "電腦", "程式", "晶片", "人工智慧"),
    "warm": ("love", "heart", "food", "coffee", "family", "home", "愛", "家", "食", "咖啡"),
}


def _mood(prompt: str, rng: random.Random) -> str:
    low = prompt.lower()
    for mood, words in _MOOD_WORDS.items():
        if any(w in low for w in words):
            return mood
    return rng.choice(list(_MOODS))


def _hill(width: int, height: int, base: float, amp: float, rng: random.Random) -> str:
    """A closed path of a smooth rolling hill across the picture, from `base` (fraction of height) down."""
    steps = 6
    phase = rng.uniform(0, math.tau)
    freq = rng.uniform(0.8, 1.6)
    pts = [
        (width * i / steps, height * base - amp * height * math.sin(phase + freq * math.tau * i / steps))
        for i in range(steps + 1)
    ]
    d = f"M0,{height} L{pts[0][0]:.1f},{pts[0][1]:.1f} "
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        mx = (x0 + x1) / 2
        d += f"C{mx:.1f},{y0:.1f} {mx:.1f},{y1:.1f} {x1:.1f},{y1:.1f} "
    d += f"L{width},{height} Z"
    return d


def illustration_svg(prompt: str, width: int, height: int, seed: int) -> str:
    rng = random.Random(seed)
    sky_top, sky_bottom, sun, hills = _MOODS[_mood(prompt, rng)]
    short = min(width, height)
    sun_r = short * rng.uniform(0.12, 0.18)
    sun_x = width * rng.uniform(0.62, 0.82)
    sun_y = height * rng.uniform(0.2, 0.35)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        "<defs>",
        f'<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="{sky_top}"/>'
        f'<stop offset="1" stop-color="{sky_bottom}"/></linearGradient>',
        f'<radialGradient id="glow"><stop offset="0" stop-color="{sun}" stop-opacity="0.9"/>'
        f'<stop offset="1" stop-color="{sun}" stop-opacity="0"/></radialGradient>',
        "</defs>",
        f'<rect width="{width}" height="{height}" fill="url(#sky)"/>',
        f'<circle cx="{sun_x:.1f}" cy="{sun_y:.1f}" r="{sun_r * 2.2:.1f}" fill="url(#glow)"/>',
        f'<circle cx="{sun_x:.1f}" cy="{sun_y:.1f}" r="{sun_r:.1f}" fill="{sun}"/>',
    ]
    for _ in range(rng.randint(4, 8)):
        parts.append(
            f'<circle cx="{rng.uniform(0, width):.1f}" cy="{rng.uniform(0, height * 0.45):.1f}" '
            f'r="{rng.uniform(1.5, 4) * short / 400:.1f}" fill="#FFFFFF" fill-opacity="{rng.uniform(0.35, 0.8):.2f}"/>'
        )
    for k, (color, base) in enumerate(zip(hills, (0.62, 0.74, 0.86))):
        parts.append(f'<path d="{_hill(width, height, base, 0.05 + 0.02 * k, rng)}" fill="{color}"/>')
    icon = match(prompt)
    badge = short * 0.34
    cx, cy = width * 0.32, height * 0.42
    parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{badge / 2 + short * 0.02:.1f}" fill="#FFFFFF" fill-opacity="0.28"/>')
    parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{badge / 2:.1f}" fill="#FFFFFF" fill-opacity="0.85"/>')
    size = badge * 0.58
    parts.append(icon_group(icon, cx - size / 2, cy - size / 2, size, hills[2], 1.75))
    parts.append("</svg>")
    return "".join(parts)


def seed_for(prompt: str, seed: int | None) -> int:
    if seed is not None:
        return seed
    return int.from_bytes(hashlib.sha256(prompt.encode("utf-8")).digest()[:4], "big")


class FallbackImageBackend:
    """Draws illustrations offline; every picture it makes is marked `fallback`."""

    name = "offline-illustration"

    def __init__(self, reason: str = "no image model is configured (set ATELIER_IMAGE_MODEL)"):
        self.reason = reason

    def generate(
        self,
        prompt: str,
        *,
        width: int,
        height: int,
        seed: int | None = None,
        negative_prompt: str | None = None,
        style: str | None = None,
    ) -> GeneratedImage:
        seed = seed_for(prompt, seed)
        svg = illustration_svg(prompt, width, height, seed)
        png = bytes(resvg_py.svg_to_bytes(svg_string=svg, skip_system_fonts=True))
        return GeneratedImage(
            png=png,
            width=width,
            height=height,
            seed=seed,
            model=self.name,
            fallback=True,
            note=f"a code-generated illustration stands in for the picture: {self.reason}",
        )
