"""What an offline picture is made of: the prompt read for its subject, its setting, its palette and its style,
and a composition drawn from them as SVG.

The subject is the thing the prompt names (a lighthouse, a cup of bubble tea), drawn as its Lucide icon, large,
where such a thing stands in its setting; words of time and light (night, dusk) only colour the picture, and words
of place (sea, market, mountains) choose the setting: a seascape, a street of stalls under string lights, ridges,
a garden, a night sky, or a table top for an object. A style word changes the drawing: watercolour gets washes on
a paper grain, sketch gets lines only. A prompt that names nothing drawable gets an honest card with its own words,
never an unrelated scene.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, field

from renderers.icons import icon_group, ranked

# ---- reading the prompt ---------------------------------------------------------------------------------------

# (words, setting). A setting is drawn behind the subject; the first that matches wins.
SETTINGS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("sea", "ocean", "beach", "coast", "harbour", "harbor", "lighthouse", "island", "wave", "sail", "boat", "lake",
      "海", "海邊", "海灘", "燈塔", "港", "湖", "船", "島"), "sea"),
    (("market", "night market", "street", "stall", "夜市", "市集", "攤", "街"), "market"),
    (("city", "skyline", "downtown", "town", "building", "城市", "都市", "街景", "大樓"), "city"),
    (("mountain", "hill", "hiking", "trail", "peak", "valley", "山", "登山", "步道"), "mountains"),
    (("forest", "garden", "park", "tree", "meadow", "field", "nature", "plant", "plants",
      "森林", "花園", "公園", "樹", "草原", "自然"), "garden"),
    (("space", "galaxy", "star", "stars", "planet", "universe", "宇宙", "太空", "星空", "星"), "space"),
    (("desert", "dune", "sand", "沙漠", "沙丘"), "desert"),
)

# Words of time and light: they colour the picture (and may give it a moon or a sun), never its subject.
MOODS: dict[str, tuple[str, ...]] = {
    "night": ("night", "midnight", "moonlight", "evening", "夜", "夜晚", "晚上", "月光"),
    "dusk": ("dusk", "sunset", "twilight", "golden hour", "黃昏", "夕陽", "日落", "傍晚"),
    "dawn": ("dawn", "sunrise", "morning", "黎明", "日出", "清晨", "早晨"),
}

STYLES: dict[str, tuple[str, ...]] = {
    "watercolour": ("watercolour", "watercolor", "aquarelle", "水彩"),
    "sketch": ("sketch", "line art", "line drawing", "pencil", "ink drawing", "素描", "線稿", "手繪"),
}

# Named colours people put in prompts, as (deep, light) pairs.
COLOURS: dict[str, tuple[str, str]] = {
    "red": ("#C8414B", "#F6C9CC"), "orange": ("#E8772E", "#FAD9C0"), "yellow": ("#E0A800", "#FBEAB0"),
    "golden": ("#C9962E", "#F6E3B4"), "green": ("#2E9D63", "#CDEFD9"), "teal": ("#0E7C7B", "#C7ECEA"),
    "blue": ("#2F5BEA", "#CFDBFB"), "purple": ("#7B5CD6", "#E1D8F7"), "pink": ("#D9578C", "#F8D3E2"),
    "brown": ("#8A5A3C", "#E9D8CB"), "pastel": ("#8FA8DC", "#EEF1FA"), "neon": ("#E0249A", "#2A1140"),
    "紅": ("#C8414B", "#F6C9CC"), "橘": ("#E8772E", "#FAD9C0"), "黃": ("#E0A800", "#FBEAB0"),
    "綠": ("#2E9D63", "#CDEFD9"), "藍": ("#2F5BEA", "#CFDBFB"), "紫": ("#7B5CD6", "#E1D8F7"),
    "粉": ("#D9578C", "#F8D3E2"),
}

# Icons that are a setting themselves: on that setting they are drawn as the scene, not as a subject on it.
SETTING_ICONS: dict[str, tuple[str, ...]] = {
    "sea": ("waves", "ship-wheel"), "market": ("store", "shopping-cart"),
    "city": ("building", "building-2", "landmark"),
    "mountains": ("mountain", "mountain-snow"), "garden": ("trees", "tree-pine", "tree-deciduous", "leaf", "sprout"),
    "space": ("moon", "star", "sparkles", "moon-star"), "desert": ("sun",),
}
SUBJECT_CONFIDENCE = 8.0  # an icon whose own name is a word of the prompt (see renderers.icons.ranked)


def _has(text: str, word: str) -> bool:
    """Whole words for Latin ("sea" is not in "research"), any occurrence for CJK (written without spaces)."""
    if word.isascii():
        return re.search(rf"\b{re.escape(word)}(s|es)?\b", text) is not None
    return word in text


def _strip(text: str, words: list[str]) -> str:
    for w in sorted(words, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(w)}(s|es)?\b", " ", text) if w.isascii() else text.replace(w, " ")
    return text


@dataclass
class Reading:
    """What a prompt asks to be drawn."""

    subject: str | None  # the main Lucide icon
    extras: list[str] = field(default_factory=list)  # up to two more things the prompt names
    setting: str = "table"  # sea | market | city | mountains | garden | space | desert | table
    mood: str = "day"  # day | night | dusk | dawn
    style: str = "flat"  # flat | watercolour | sketch
    colour: tuple[str, str] | None = None  # a colour the prompt names
    words: str = ""  # the prompt, for the typographic card


def read(prompt: str) -> Reading:
    low = prompt.lower()
    setting_words: list[str] = []
    setting = "table"
    for words, name in SETTINGS:
        found = [w for w in words if _has(low, w)]
        if found and setting == "table":
            setting = name
        setting_words += found
    mood = next((m for m, words in MOODS.items() if any(_has(low, w) for w in words)), "day")
    style = next((s for s, words in STYLES.items() if any(_has(low, w) for w in words)), "flat")
    colour = next((c for w, c in COLOURS.items() if _has(low, w)), None)
    noise = [w for ws in MOODS.values() for w in ws] + [w for ws in STYLES.values() for w in ws] + list(COLOURS)
    # The subject is looked for without the words of light and style; the setting's words stay (a lighthouse is
    # both), but a pure setting word alone ("the sea") is drawn as the setting, not as a small icon on it.
    rest = _strip(low, noise)
    candidates = [icon for icon, score in ranked(rest) if score >= SUBJECT_CONFIDENCE]
    only_setting = _strip(rest, setting_words).strip(" ,.;:-") == "" if setting_words else False
    icons: list[str] = []
    for icon in candidates:
        if icon in SETTING_ICONS.get(setting, ()) or icon.startswith("waves") and setting == "sea":
            continue
        if icon not in icons and not any(icon.startswith(i.split("-")[0] + "-") for i in icons):
            icons.append(icon)
    subject = None if only_setting or not icons else icons[0]
    return Reading(subject, icons[1:3] if subject else [], setting, mood, style, colour, prompt.strip())


# ---- palettes -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Palette:
    sky: tuple[str, str]  # top, bottom
    light: str  # the sun, the moon, highlights
    ground: tuple[str, str, str]  # far, middle, near
    ink: str  # the subject's strokes


_SKIES = {
    "day": Palette(("#8CCBF0", "#E4F4FD"), "#FFF6D6", ("#7FB8A4", "#5E9E88", "#3F7F6B"), "#1F3347"),
    "dusk": Palette(("#5B3C88", "#F59E61"), "#FFD27A", ("#8A4F7D", "#5E3A6E", "#3A2752"), "#2A1A36"),
    "dawn": Palette(("#FFB38A", "#FFE6C7"), "#FFF4E0", ("#E8957A", "#C9735F", "#9C5246"), "#4A2A24"),
    "night": Palette(("#0D1B3D", "#2B4584"), "#F3F1D8", ("#22335F", "#182649", "#0E1834"), "#F3F1D8"),
}
_SEA = {"day": ("#4BA3D6", "#1F6FA8"), "dusk": ("#9A5B8F", "#4B2F66"), "dawn": ("#E79C8A", "#B8695E"),
        "night": ("#1B2F63", "#0B1736")}


def palette(r: Reading) -> Palette:
    base = _SKIES[r.mood]
    if r.setting == "space" and r.mood == "day":
        base = _SKIES["night"]
    if r.colour and r.mood == "day":
        deep, light = r.colour
        return Palette((light, "#FFFFFF"), "#FFFFFF", (light, deep, deep), "#1F2430")
    return base


# ---- drawing --------------------------------------------------------------------------------------------------

def _wave(width: float, y: float, amp: float, phase: float, freq: float) -> str:
    steps = 24
    pts = [(width * i / steps, y + amp * math.sin(phase + freq * math.tau * i / steps)) for i in range(steps + 1)]
    return "M" + " L".join(f"{x:.1f},{yy:.1f}" for x, yy in pts)


def _hill(width: int, height: int, base: float, amp: float, rng: random.Random) -> str:
    steps = 6
    phase, freq = rng.uniform(0, math.tau), rng.uniform(0.8, 1.6)
    pts = [(width * i / steps, height * base - amp * height * math.sin(phase + freq * math.tau * i / steps))
           for i in range(steps + 1)]
    d = f"M0,{height} L{pts[0][0]:.1f},{pts[0][1]:.1f} "
    for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
        mx = (x0 + x1) / 2
        d += f"C{mx:.1f},{y0:.1f} {mx:.1f},{y1:.1f} {x1:.1f},{y1:.1f} "
    return d + f"L{width},{height} Z"


def _subject(icon: str, cx: float, base: float, size: float, pal: Palette, halo: str | None) -> list[str]:
    """The subject's icon standing on `base`, centred on cx, on a soft halo so it reads on any ground."""
    out = []
    if halo:
        out.append(f'<ellipse cx="{cx:.1f}" cy="{base - size * 0.48:.1f}" rx="{size * 0.66:.1f}" '
                   f'ry="{size * 0.62:.1f}" fill="{halo}" fill-opacity="0.78"/>')
    out.append(icon_group(icon, cx - size / 2, base - size, size, pal.ink, 1.6))
    return out


def compose(r: Reading, width: int, height: int, seed: int) -> str:
    """The picture as an SVG document, no text, no external references."""
    rng = random.Random(seed)
    pal = palette(r)
    short = min(width, height)
    defs = [f'<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="{pal.sky[0]}"/>'
            f'<stop offset="1" stop-color="{pal.sky[1]}"/></linearGradient>']
    body = [f'<rect width="{width}" height="{height}" fill="url(#sky)"/>']
    horizon = height * (0.6 if r.setting in ("sea", "desert", "garden") else 0.68)
    if r.mood == "night" or r.setting == "space":
        for _ in range(rng.randint(18, 34)):
            body.append(f'<circle cx="{rng.uniform(0, width):.1f}" cy="{rng.uniform(0, horizon * 0.8):.1f}" '
                        f'r="{rng.uniform(0.6, 1.8) * short / 300:.1f}" fill="#FFFFFF" '
                        f'fill-opacity="{rng.uniform(0.4, 0.95):.2f}"/>')
    if r.setting not in ("table", "market", "city") or r.mood != "day":
        sx, sy = width * rng.uniform(0.68, 0.84), height * rng.uniform(0.16, 0.28)
        body.append(f'<circle cx="{sx:.1f}" cy="{sy:.1f}" r="{short * 0.09:.1f}" fill="{pal.light}" '
                    f'fill-opacity="0.95"/>')
    size = short * 0.46
    subject_x, subject_base = width * 0.5, horizon + short * 0.04
    halo: str | None = pal.sky[1]
    if r.setting == "sea":
        sea = _SEA[r.mood]
        defs.append(f'<linearGradient id="sea" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="{sea[0]}"/>'
                    f'<stop offset="1" stop-color="{sea[1]}"/></linearGradient>')
        body.append(f'<rect y="{horizon:.1f}" width="{width}" height="{height - horizon:.1f}" fill="url(#sea)"/>')
        for k in range(5):
            y = horizon + (height - horizon) * (0.15 + k * 0.18)
            body.append(f'<path d="{_wave(width, y, short * 0.012, rng.uniform(0, 6), 3 + k)}" fill="none" '
                        f'stroke="#FFFFFF" stroke-opacity="{0.5 - k * 0.07:.2f}" stroke-width="{short * 0.006:.1f}"/>')
        # A rock or a strip of land for a subject that stands (a lighthouse stands on the shore, not the water).
        subject_x = width * 0.66
        body.append(f'<path d="M{subject_x - size * 0.7:.1f},{height} Q{subject_x:.1f},{horizon - short * 0.02:.1f} '
                    f'{subject_x + size * 0.8:.1f},{height} Z" fill="{pal.ground[2]}"/>')
        subject_base = horizon + short * 0.05
        halo = None if r.mood != "night" else None
    elif r.setting == "mountains":
        # Ridges of alternating peaks and saddles, the far ones paler and higher.
        for k, color in enumerate(pal.ground):
            top = horizon - short * (0.42 - k * 0.1)
            pts, x = [], -width * 0.1
            while x < width * 1.1:
                pts.append((x, top + rng.uniform(0, short * 0.08)))
                x += short * rng.uniform(0.18, 0.3)
                pts.append((x, top + short * rng.uniform(0.18, 0.26)))
                x += short * rng.uniform(0.14, 0.24)
            line = " ".join(f"{px:.1f},{py:.1f}" for px, py in pts)
            body.append(f'<polygon points="{-width * 0.1:.1f},{height} {line} {width * 1.1:.1f},{height}" '
                        f'fill="{color}" transform="translate(0,{k * short * 0.12:.1f})"/>')
            if k == 0:  # snow on the far peaks
                cap = short * 0.035
                for px, py in pts[::2]:
                    body.append(f'<polygon points="{px - cap:.1f},{py + cap * 1.4:.1f} {px:.1f},{py:.1f} '
                                f'{px + cap:.1f},{py + cap * 1.4:.1f}" fill="#FFFFFF" fill-opacity="0.7"/>')
        subject_x, subject_base = width * 0.3, height * 0.94
    elif r.setting in ("garden", "desert"):
        for k, (color, base) in enumerate(zip(pal.ground, (0.64, 0.76, 0.88), strict=True)):
            body.append(f'<path d="{_hill(width, height, base, 0.05 + 0.02 * k, rng)}" fill="{color}"/>')
        if r.setting == "garden":
            for i in range(6):
                x = width * (0.06 + i * 0.17) + rng.uniform(-10, 10)
                t = short * rng.uniform(0.12, 0.2)
                body.append(icon_group("tree-pine" if i % 2 else "tree-deciduous", x - t / 2, height * 0.7 - t, t,
                                       pal.ground[2], 1.6))
        subject_base = height * 0.95
    elif r.setting in ("market", "city"):
        # A row of buildings, their windows lit at night; a market adds awnings and a string of lights.
        x = 0.0
        while x < width:
            w = short * rng.uniform(0.12, 0.22)
            h = height * rng.uniform(0.25, 0.5) * (0.6 if r.setting == "market" else 1)
            body.append(f'<rect x="{x:.1f}" y="{horizon - h:.1f}" width="{w:.1f}" height="{h + height:.1f}" '
                        f'fill="{pal.ground[1]}"/>')
            for wy in range(int(h // (short * 0.06))):
                for wx in range(int(w // (short * 0.05))):
                    if rng.random() < (0.55 if r.mood == "night" else 0.3):
                        body.append(f'<rect x="{x + 4 + wx * short * 0.05:.1f}" '
                                    f'y="{horizon - h + 6 + wy * short * 0.06:.1f}" width="{short * 0.022:.1f}" '
                                    f'height="{short * 0.03:.1f}" fill="{pal.light}" fill-opacity="0.8"/>')
            x += w + short * 0.01
        body.append(f'<rect y="{horizon:.1f}" width="{width}" height="{height - horizon:.1f}" fill="{pal.ground[2]}"/>')
        if r.setting == "market":
            stall_w = width / 4
            colors = ("#E4473C", "#F2A900", "#2A9D8F", "#E76F51")
            for i in range(4):
                sx = i * stall_w
                body.append(f'<path d="M{sx + 4:.1f},{horizon:.1f} L{sx + stall_w / 2:.1f},{horizon - short * 0.1:.1f} '
                            f'L{sx + stall_w - 4:.1f},{horizon:.1f} Z" fill="{colors[i]}"/>')
            sag = short * 0.08
            for k in range(2):
                y0 = height * (0.12 + k * 0.1)
                body.append(f'<path d="M0,{y0:.1f} Q{width / 2:.1f},{y0 + sag:.1f} {width},{y0:.1f}" fill="none" '
                            f'stroke="{pal.ink}" stroke-opacity="0.5" stroke-width="1.2"/>')
                for i in range(14):
                    tx = width * (i + 0.5) / 14
                    ty = y0 + 2 * sag * (tx / width) * (1 - tx / width)  # on the quadratic curve above
                    body.append(f'<circle cx="{tx:.1f}" cy="{ty:.1f}" r="{short * 0.012:.1f}" '
                                f'fill="{rng.choice(("#FFD27A", "#FF8A65", "#FFF3B0", "#8FD3FF"))}"/>')
        subject_base = height * 0.96
    elif r.setting == "space":
        body.append(f'<circle cx="{width * 0.22:.1f}" cy="{height * 0.78:.1f}" r="{short * 0.3:.1f}" '
                    f'fill="{pal.ground[0]}"/>')
    else:  # a table top: the object on a surface against a soft wall, with a few out-of-focus lights
        for _ in range(rng.randint(4, 7) if r.style != "sketch" else 0):  # light blur is not drawn in pencil
            body.append(f'<circle cx="{rng.uniform(0, width):.1f}" cy="{rng.uniform(0, horizon * 0.9):.1f}" '
                        f'r="{short * rng.uniform(0.03, 0.09):.1f}" fill="{pal.light}" '
                        f'fill-opacity="{rng.uniform(0.25, 0.6):.2f}"/>')
        subject_x = width * rng.uniform(0.46, 0.56)
        body.append(f'<rect y="{horizon:.1f}" width="{width}" height="{height - horizon:.1f}" fill="{pal.ground[0]}" '
                    f'fill-opacity="0.55"/>')
        body.append(f'<ellipse cx="{subject_x:.1f}" cy="{horizon + short * 0.05:.1f}" rx="{size * 0.6:.1f}" '
                    f'ry="{short * 0.04:.1f}" fill="#000000" fill-opacity="0.12"/>')
        subject_base = horizon + short * 0.04
        halo = None
    front: list[str] = []
    if r.subject:
        front += _subject(r.subject, subject_x, subject_base, size, pal, halo)
        for k, extra in enumerate(r.extras):
            small = size * 0.42
            ex = width * (0.16 if k == 0 else 0.86) if r.setting != "sea" else width * (0.2 + 0.14 * k)
            front += _subject(extra, ex, subject_base - size * 0.1, small, pal, None)
    return _finish(body, front, defs, r.style, width, height, seed)


def _finish(body: list[str], front: list[str], defs: list[str], style: str, width: int, height: int,
            seed: int) -> str:
    """Applies the style: watercolour washes the setting (a turbulence displacement, softened, on paper grain) and
    only roughens the subject's lines, so it stays recognisable; sketch keeps only outlines on paper."""
    group = "".join(body)
    subject = "".join(front)
    if style == "watercolour":
        defs.append(
            f'<filter id="ink" x="-5%" y="-5%" width="110%" height="110%"><feTurbulence type="fractalNoise" '
            f'baseFrequency="0.05" numOctaves="2" seed="{seed % 983}" result="n"/><feDisplacementMap '
            f'in="SourceGraphic" in2="n" scale="{min(width, height) * 0.008:.1f}" xChannelSelector="R" '
            f'yChannelSelector="G"/></filter>')
        subject = f'<g filter="url(#ink)" opacity="0.92">{subject}</g>' if subject else ""
        defs.append(
            f'<filter id="wash" x="-5%" y="-5%" width="110%" height="110%"><feTurbulence type="fractalNoise" '
            f'baseFrequency="0.018" numOctaves="3" seed="{seed % 997}" result="n"/>'
            f'<feDisplacementMap in="SourceGraphic" '
            f'in2="n" scale="{min(width, height) * 0.03:.1f}" xChannelSelector="R" yChannelSelector="G"/>'
            f'<feGaussianBlur stdDeviation="0.8"/></filter>'
            f'<filter id="grain"><feTurbulence type="fractalNoise" baseFrequency="0.9" numOctaves="2" '
            f'seed="{seed % 991}"/>'
            f'<feColorMatrix values="0 0 0 0 0.45  0 0 0 0 0.4  0 0 0 0 0.35  0 0 0 0.18 0"/></filter>')
        group = (f'<rect width="{width}" height="{height}" fill="#FBF7EE"/><g filter="url(#wash)" opacity="0.85">'
                 f'{group}</g>{subject}<rect width="{width}" height="{height}" filter="url(#grain)"/>')
        subject = ""
    elif style == "sketch":
        group = re.sub(r'fill="(?!none)[^"]*"', 'fill="none"', group + subject)
        subject = ""
        group = re.sub(r'<(rect|circle|ellipse|path|polygon)(?![^>]*stroke=)',
                       r'<\1 stroke="#3A3A3A" stroke-width="1.4"', group)
        group = f'<rect width="{width}" height="{height}" fill="#FAF8F2"/>{group}'
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
            f'<defs>{"".join(defs)}</defs>{group}{subject}</svg>')


def drawable(r: Reading) -> bool:
    """Whether the prompt names something to draw: a subject, or a setting of its own."""
    return r.subject is not None or r.setting != "table"
