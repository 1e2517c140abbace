"""Themes: one model for palette, fonts per script, a type scale and spacing, shared by every visual renderer.

A theme is chosen per request by name. Sizes are in points for a 13.333 × 7.5 in slide; pixel renderers scale
them. Every size comes from one modular type scale (a base size and a ratio), so a theme's headings, body text,
captions and big numbers keep fixed proportions, and spacing comes from one unit, so margins and gaps agree
across layouts. `min_body` and `min_heading` are the floors the fitting engine may shrink text to.

Accent colours are used with restraint: `accent` marks one thing per slide (a rule, a number, a marker), `accent2`
is for a second emphasis where two things must be told apart, and `tint` is the quiet accent-tinted ground of a
highlighted card or band.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Palette(BaseModel):
    model_config = ConfigDict(frozen=True)

    background: str = Field(description="Page or slide background.")
    surface: str = Field(description="Cards and panels drawn on the background.")
    text: str = Field(description="Body text on background and surface.")
    muted: str = Field(description="Secondary text: captions, sources, labels.")
    accent: str = Field(description="Headings rules, numbers, highlights.")
    accent_text: str = Field(description="Text drawn on an accent-filled shape.")
    line: str = Field(description="Hairlines, connectors, borders.")
    series: tuple[str, ...] = Field(description="Chart series colours, in order.")
    accent2: str = Field(default="", description="A second accent for a second emphasis; the accent when empty.")
    tint: str = Field(default="", description="A quiet accent-tinted ground for highlighted cards and bands.")

    @property
    def second(self) -> str:
        return self.accent2 or self.accent

    @property
    def soft(self) -> str:
        return self.tint or self.surface


class Fonts(BaseModel):
    """Font family names per script; the layout engine resolves them to files with fontconfig."""

    model_config = ConfigDict(frozen=True)

    latin: str = "Noto Sans"
    cjk: str = "Noto Sans CJK TC"
    heading_latin: str = "Noto Sans"
    heading_cjk: str = "Noto Sans CJK TC"


class Sizes(BaseModel):
    """Type sizes in points. Built by `type_scale`, so the steps keep one ratio."""

    model_config = ConfigDict(frozen=True)

    title: float = 41.5  # a cover's title
    heading: float = 28.8  # a slide's title
    lead: float = 24.0  # card titles, a few large points, subtitles
    body: float = 20.0
    small: float = 13.9  # captions, labels, sources, slide numbers
    stat: float = 59.7  # big numbers
    min_body: float = 14.0
    min_heading: float = 22.0


def type_scale(base: float = 20.0, ratio: float = 1.2, *, floor: float = 14.0) -> Sizes:
    """A modular scale: each step is `ratio` times the one below, from captions (two steps down) to big numbers
    (six steps up), rounded to tenths of a point."""

    def step(n: int) -> float:
        return round(base * ratio**n, 1)

    return Sizes(title=step(4), heading=step(2), lead=step(1), body=base,
                 small=max(step(-2), 12.0), stat=step(6), min_body=floor, min_heading=max(step(1) - 2, floor + 6))


class Theme(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    label: str
    dark: bool = False
    palette: Palette
    fonts: Fonts = Fonts()
    sizes: Sizes = Sizes()
    unit: float = Field(default=8.0, description="The spacing unit in points; margins and gaps are multiples of it.")
    margin: float = Field(default=0.6, description="Outer margin in inches (slides) / 1/16 of page width (pages).")
    gap: float = Field(default=0.3, description="Gap between blocks in inches.")
    line_spacing: float = Field(default=1.2, description="Line height as a multiple of the font size.")
    corner: float = Field(default=0.12, description="Corner radius of cards, in inches.")
    card: Literal["fill", "outline"] = Field(default="fill", description="Cards as filled panels or as outlines.")
    title_mark: Literal["rule", "hairline", "none"] = Field(
        default="rule", description="Under a slide title: a short accent rule, a full-width hairline, or nothing.")
    section: Literal["accent", "ink"] = Field(
        default="accent", description="Section dividers filled with the accent, or with the text colour (ink).")

    @property
    def margin_pt(self) -> float:
        return self.margin * 72

    @property
    def gap_pt(self) -> float:
        return self.gap * 72

    @property
    def corner_pt(self) -> float:
        return self.corner * 72


THEMES: dict[str, Theme] = {
    t.name: t
    for t in (
        Theme(
            name="light",
            label="Light",
            palette=Palette(
                background="#FFFFFF",
                surface="#F3F5F9",
                text="#1B2230",
                muted="#566074",
                accent="#2F5BEA",
                accent_text="#FFFFFF",
                line="#D7DCE5",
                accent2="#E8772E",
                tint="#E9EFFD",
                series=("#2F5BEA", "#E8772E", "#1B9E77", "#C8414B", "#7B5CD6", "#B8962E", "#3A9AD9", "#7A8699"),
            ),
            sizes=type_scale(20, 1.2),
            margin=2 / 3,
            gap=1 / 3,
        ),
        Theme(
            name="dark",
            label="Dark",
            dark=True,
            palette=Palette(
                background="#10131A",
                surface="#1B2030",
                text="#EDF0F5",
                muted="#A3ACBD",
                accent="#7AA2FF",
                accent_text="#0B0E14",
                line="#323A4E",
                accent2="#FFB454",
                tint="#1D2A48",
                series=("#7AA2FF", "#FFB454", "#4FD1A5", "#FF7A7A", "#B48CFF", "#E8D35B", "#5FD0F3", "#A3ACBD"),
            ),
            sizes=type_scale(20, 1.2),
            margin=2 / 3,
            gap=1 / 3,
        ),
        Theme(
            name="bold",
            label="Bold",
            palette=Palette(
                background="#FFF7EA",
                surface="#FFFFFF",
                text="#1B1B3A",
                muted="#55557A",
                accent="#D13B30",
                accent_text="#FFFFFF",
                line="#EADFCB",
                accent2="#1B1B3A",
                tint="#FCE3DA",
                series=("#D13B30", "#1B1B3A", "#F2A900", "#2A9D8F", "#7B2CBF", "#3A86FF", "#FF7F50", "#6C757D"),
            ),
            fonts=Fonts(heading_latin="Noto Sans Display"),
            sizes=type_scale(20, 1.25),
            margin=2 / 3,
            gap=1 / 3,
            corner=0.2,
            section="ink",
        ),
        Theme(
            name="consultancy",
            label="Consultancy",
            palette=Palette(
                background="#FFFFFF",
                surface="#F4F6F9",
                text="#0F1B2D",
                muted="#56657A",
                accent="#0B3D91",
                accent_text="#FFFFFF",
                line="#CBD3DE",
                accent2="#00857F",
                tint="#E7EDF6",
                series=("#0B3D91", "#00857F", "#7F96B7", "#C2873A", "#4D5B70", "#9DB9D9", "#5FA8A3", "#B0B8C4"),
            ),
            fonts=Fonts(heading_latin="Noto Serif", heading_cjk="Noto Serif CJK TC"),
            sizes=type_scale(18, 1.2, floor=13.0),
            margin=0.6,
            gap=0.3,
            corner=0.0,
            card="outline",
            title_mark="hairline",
            section="ink",
        ),
        Theme(
            name="classroom",
            label="Classroom",
            palette=Palette(
                background="#FFFDF6",
                surface="#FFFFFF",
                text="#25313A",
                muted="#5B6670",
                accent="#0E7C7B",
                accent_text="#FFFFFF",
                line="#E6E0CF",
                accent2="#F4A261",
                tint="#DDF0EE",
                series=("#0E7C7B", "#F4A261", "#E76F51", "#2A6FDB", "#8E5CD9", "#E9C46A", "#43AA8B", "#7A8699"),
            ),
            fonts=Fonts(heading_latin="Comic Neue"),
            sizes=type_scale(22, 1.2, floor=16.0),
            margin=2 / 3,
            gap=1 / 3,
            corner=0.25,
        ),
    )
}

DEFAULT_THEME = "light"


def mix(a: str, b: str, t: float) -> str:
    """The colour `t` of the way from `a` to `b` (0 gives a, 1 gives b), both #RRGGBB."""
    pa = [int(a.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    pb = [int(b.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(pa, pb, strict=True))


def get_theme(name: str | None) -> Theme:
    """The named built-in theme; raises KeyError naming the known ones."""
    key = (name or DEFAULT_THEME).strip().lower()
    if key not in THEMES:
        raise KeyError(f"unknown theme '{name}'; known themes: {', '.join(THEMES)}")
    return THEMES[key]
