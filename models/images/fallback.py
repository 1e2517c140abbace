"""The offline image backend: a clean, code-generated illustration for a prompt, so renders without a GPU
still look finished.

The palette comes from the prompt's mood (dawn, ocean, tech, ...) and the composition from its subject: a
layered landscape (sky gradient, a sun or moon, rolling hills) for places and nature, a geometric composition
(soft overlapping discs and a diagonal band) for everything else, such as people, business or data. A Lucide icon
matching the prompt sits on a badge; there is never text, so nothing needs translating or can be misspelt. It is
drawn as SVG and rasterised with resvg. The same prompt and seed always give the same picture.
"""

from __future__ import annotations

import math
import random
import re

import resvg_py

from renderers.base import GeneratedImage
from renderers.icons import icon_group, match

from .request import MAX_SEED, seed_for, styled
from .sizes import clamp_count, clamp_size

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


# Words that make a picture a place (drawn as a landscape) rather than a subject (drawn as geometry).
_PLACE_WORDS = (
    "landscape", "mountain", "hill", "valley", "field", "sky", "horizon", "island", "coast", "city", "village",
    "travel", "trail", "hiking", "park", "lighthouse", "dawn", "sunrise", "sunset", "dusk", "night", "ocean", "sea",
    "beach", "lake", "river", "forest", "desert", "garden", "nature", "outdoor", "camp", "winter", "snow",
    "山", "谷", "田", "天空", "島", "海", "湖", "河", "森林", "沙漠", "花園", "自然", "旅行", "城市", "風景", "燈塔", "雪",
    "日出", "日落", "黃昏", "夜",
)


def _has(text: str, word: str) -> bool:
    """Whole-word match for Latin words ("sea" is not in "research", "ai" not in "mountain"); any occurrence for
    CJK words, which are written without spaces."""
    if word.isascii():
        return re.search(rf"\b{re.escape(word)}(s|es)?\b", text) is not None
    return word in text


def _mood(prompt: str, rng: random.Random) -> str:
    low = prompt.lower()
    for mood, words in _MOOD_WORDS.items():
        if any(_has(low, w) for w in words):
            return mood
    return rng.choice(list(_MOODS))


def _is_place(prompt: str) -> bool:
    low = prompt.lower()
    return any(_has(low, w) for w in _PLACE_WORDS)


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


def _badge(prompt: str, cx: float, cy: float, short: float, color: str) -> list[str]:
    """The prompt's icon on a white disc with a soft halo, centred on (cx, cy)."""
    badge = short * 0.34
    size = badge * 0.58
    return [
        f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{badge / 2 + short * 0.02:.1f}" fill="#FFFFFF" fill-opacity="0.28"/>',
        f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{badge / 2:.1f}" fill="#FFFFFF" fill-opacity="0.85"/>',
        icon_group(match(prompt), cx - size / 2, cy - size / 2, size, color, 1.75),
    ]


def _landscape(prompt: str, width: int, height: int, rng: random.Random, palette) -> list[str]:
    sky_top, sky_bottom, sun, hills = palette
    short = min(width, height)
    sun_r = short * rng.uniform(0.12, 0.18)
    sun_x = width * rng.uniform(0.62, 0.82)
    sun_y = height * rng.uniform(0.2, 0.35)
    parts = [
        f'<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="{sky_top}"/>'
        f'<stop offset="1" stop-color="{sky_bottom}"/></linearGradient>',
        f'<radialGradient id="glow"><stop offset="0" stop-color="{sun}" stop-opacity="0.9"/>'
        f'<stop offset="1" stop-color="{sun}" stop-opacity="0"/></radialGradient>',
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
    return parts + _badge(prompt, width * 0.32, height * 0.42, short, hills[2])


def _geometric(prompt: str, width: int, height: int, rng: random.Random, palette) -> list[str]:
    """A calm abstract picture for subjects that are not places: a diagonal gradient, a large disc rising from
    one corner and a smaller one from the opposite corner (in the palette's tones), a light band across, a few
    sparkles, and the icon badge near the centre."""
    sky_top, sky_bottom, light, tones = palette
    short, long = min(width, height), max(width, height)
    flip = rng.random() < 0.5  # which diagonal the discs sit on
    big_x, small_x = (width, 0) if not flip else (0, width)
    parts = [
        f'<linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="{sky_top}"/>'
        f'<stop offset="1" stop-color="{sky_bottom}"/></linearGradient>',
        f'<rect width="{width}" height="{height}" fill="url(#bg)"/>',
        f'<circle cx="{big_x + rng.uniform(-0.08, 0.08) * width:.1f}" cy="{height * rng.uniform(-0.05, 0.1):.1f}" '
        f'r="{long * rng.uniform(0.36, 0.44):.1f}" fill="{tones[0]}" fill-opacity="0.55"/>',
        f'<circle cx="{big_x + rng.uniform(-0.08, 0.08) * width:.1f}" cy="{height * rng.uniform(-0.05, 0.1):.1f}" '
        f'r="{long * rng.uniform(0.2, 0.26):.1f}" fill="{tones[1]}" fill-opacity="0.45"/>',
        f'<circle cx="{small_x + rng.uniform(-0.05, 0.05) * width:.1f}" cy="{height * rng.uniform(0.95, 1.05):.1f}" '
        f'r="{long * rng.uniform(0.22, 0.3):.1f}" fill="{tones[2]}" fill-opacity="0.5"/>',
    ]
    tilt = rng.uniform(0.08, 0.2) * height * (1 if flip else -1)
    band = short * rng.uniform(0.14, 0.2)
    y0 = height * rng.uniform(0.5, 0.62)
    parts.append(f'<path d="M0,{y0 + tilt:.1f} L{width},{y0 - tilt:.1f} L{width},{y0 - tilt + band:.1f} '
                 f'L0,{y0 + tilt + band:.1f} Z" fill="{light}" fill-opacity="0.3"/>')
    for _ in range(rng.randint(4, 7)):
        parts.append(f'<circle cx="{rng.uniform(0, width):.1f}" cy="{rng.uniform(0, height):.1f}" '
                     f'r="{short * rng.uniform(0.006, 0.014):.1f}" fill="#FFFFFF" fill-opacity="0.75"/>')
    return parts + _badge(prompt, width * 0.5, height * 0.47, short, tones[2])


def illustration_svg(prompt: str, width: int, height: int, seed: int) -> str:
    """The illustration as an SVG document of `width` x `height` pixels (no text, no external references)."""
    rng = random.Random(seed)
    palette = _MOODS[_mood(prompt, rng)]
    compose = _landscape if _is_place(prompt) else _geometric
    body = compose(prompt, width, height, rng, palette)
    defs = [p for p in body if p.startswith(("<linearGradient", "<radialGradient"))]
    shapes = [p for p in body if p not in defs]
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}"><defs>{"".join(defs)}</defs>{"".join(shapes)}</svg>')


class FallbackImageBackend:
    """Draws illustrations offline; every picture it makes is marked `fallback`, with the reason in its note."""

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
        size = clamp_size(width, height)
        text = styled(prompt, style)
        seed = seed_for(text, seed)
        svg = illustration_svg(text, size.width, size.height, seed)
        png = bytes(resvg_py.svg_to_bytes(svg_string=svg, skip_system_fonts=True))
        return GeneratedImage(
            png=png,
            width=size.width,
            height=size.height,
            seed=seed,
            model=self.name,
            fallback=True,
            note=f"a code-generated illustration stands in for the picture: {self.reason}",
            details={"backend": "offline"},
        )

    def generate_many(self, prompt: str, *, count: int, width: int, height: int, seed: int | None = None,
                      negative_prompt: str | None = None, style: str | None = None) -> list[GeneratedImage]:
        first = seed_for(styled(prompt, style), seed)
        return [self.generate(prompt, width=width, height=height, seed=(first + i) & MAX_SEED, style=style)
                for i in range(clamp_count(count))]
