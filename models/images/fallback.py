"""The offline image backend: a code-generated picture of what the prompt asks for, so renders without a GPU
still look finished and never show an unrelated scene.

The prompt is read for its subject, setting, light, colour and style (`scenes.read`) and drawn as a composition of
the subject's Lucide icon in its setting (a lighthouse on the shore of a sea, bubble tea on a table top under a
market's lights), in watercolour washes or sketch lines when the prompt says so (`scenes.compose`). A prompt that
names nothing drawable gets an honest typographic card: its own words, large, on the palette's colours. Drawn as
SVG and rasterised with resvg; the same prompt and seed always give the same picture.
"""

from __future__ import annotations

import random

import resvg_py

from renderers.base import GeneratedImage
from renderers.layout.fit import Para, fit
from renderers.svg import text_lines
from renderers.theme import get_theme
from renderers.typography import typography

from .request import MAX_SEED, seed_for, styled
from .scenes import compose, drawable, palette, read
from .sizes import clamp_count, clamp_size


def typographic_card(prompt: str, width: int, height: int, seed: int) -> str:
    """The prompt's own words on a calm ground: what was asked for, said plainly, instead of a made-up scene."""
    r = read(prompt)
    pal = palette(r)
    rng = random.Random(seed)
    typ = typography(get_theme("light"))
    short = min(width, height)
    pad = short * 0.1
    box_w, box_h = width - 2 * pad, height - 2 * pad
    words = prompt.strip()
    layout = fit([Para(words, bold=True, balance=True)], typ.heading, typ.heading, box_w, box_h * 0.8, short * 0.11,
                 short * 0.05, 1.2)
    top = pad + (box_h - layout.height) / 2
    ink = "#FFFFFF" if r.mood in ("night", "dusk") else "#1F2430"
    tilt = rng.uniform(-0.06, 0.06) * width
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
            f'<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="{pal.sky[0]}"/>'
            f'<stop offset="1" stop-color="{pal.sky[1]}"/></linearGradient></defs>'
            f'<rect width="{width}" height="{height}" fill="url(#bg)"/>'
            f'<path d="M0,{height * 0.82 + tilt:.1f} L{width},{height * 0.78 - tilt:.1f} L{width},{height} '
            f'L0,{height} Z" '
            f'fill="{pal.ground[0]}" fill-opacity="0.35"/>'
            f'<rect x="{pad:.1f}" y="{top - short * 0.06:.1f}" width="{short * 0.12:.1f}" '
            f'height="{short * 0.018:.1f}" '
            f'fill="{ink}"/>'
            f'{text_lines(layout, pad, top, box_w, ink, typ.heading, typ.heading, "left")}</svg>')


def illustration_svg(prompt: str, width: int, height: int, seed: int) -> str:
    """The picture as an SVG document of `width` x `height` pixels (no external references): a composition of the
    prompt's subject in its setting, or a typographic card of its words when it names nothing drawable."""
    reading = read(prompt)
    if drawable(reading):
        return compose(reading, width, height, seed)
    return typographic_card(prompt, width, height, seed)


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
        fonts = typography(get_theme("light")).faces() if "<text" in svg else []
        png = bytes(resvg_py.svg_to_bytes(svg_string=svg, font_files=fonts, skip_system_fonts=True))
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
