"""Themes: one model for palette, fonts per script, type sizes and spacing, shared by every visual renderer.

A theme is chosen per request by name. Sizes are in points for a 13.333 × 7.5 in slide; pixel renderers scale
them (1 pt = 1 px at 96 dpi × 0.75, see `px`). `min_body` is the floor the fitting engine may shrink text to.
"""

from __future__ import annotations

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


class Fonts(BaseModel):
    """Font family names per script; the layout engine resolves them to files with fontconfig."""

    model_config = ConfigDict(frozen=True)

    latin: str = "Noto Sans"
    cjk: str = "Noto Sans CJK TC"
    heading_latin: str = "Noto Sans"
    heading_cjk: str = "Noto Sans CJK TC"


class Sizes(BaseModel):
    model_config = ConfigDict(frozen=True)

    title: float = 40
    heading: float = 30
    body: float = 20
    small: float = 13
    stat: float = 60
    min_body: float = 14
    min_heading: float = 22


class Theme(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    label: str
    dark: bool = False
    palette: Palette
    fonts: Fonts = Fonts()
    sizes: Sizes = Sizes()
    margin: float = Field(default=0.6, description="Outer margin in inches (slides) / 1/16 of page width (pages).")
    gap: float = Field(default=0.3, description="Gap between blocks in inches.")
    line_spacing: float = Field(default=1.2, description="Line height as a multiple of the font size.")
    corner: float = Field(default=0.12, description="Corner radius of cards, in inches.")


THEMES: dict[str, Theme] = {
    t.name: t
    for t in (
        Theme(
            name="light",
            label="Light",
            palette=Palette(
                background="#FFFFFF",
                surface="#F3F5F9",
                text="#1F2430",
                muted="#5B6475",
                accent="#2F5BEA",
                accent_text="#FFFFFF",
                line="#D5DAE3",
                series=("#2F5BEA", "#F08A24", "#1BA784", "#D64545", "#8E5CD9", "#C9A227", "#3AA7D9", "#7A8699"),
            ),
        ),
        Theme(
            name="dark",
            label="Dark",
            dark=True,
            palette=Palette(
                background="#12151C",
                surface="#1D2230",
                text="#ECEFF5",
                muted="#A3ACBD",
                accent="#6C9CFF",
                accent_text="#0B0E14",
                line="#343B4D",
                series=("#6C9CFF", "#FFB454", "#4FD1A5", "#FF7A7A", "#B48CFF", "#E8D35B", "#5FD0F3", "#A3ACBD"),
            ),
        ),
        Theme(
            name="bold",
            label="Bold",
            palette=Palette(
                background="#FFF8EC",
                surface="#FFFFFF",
                text="#1B1B3A",
                muted="#575775",
                accent="#E4473C",
                accent_text="#FFFFFF",
                line="#EADFCB",
                series=("#E4473C", "#1B1B3A", "#F2A900", "#2A9D8F", "#7B2CBF", "#3A86FF", "#FF7F50", "#6C757D"),
            ),
            sizes=Sizes(title=44, heading=32, stat=66),
            corner=0.2,
        ),
    )
}

DEFAULT_THEME = "light"


def get_theme(name: str | None) -> Theme:
    """The named built-in theme; raises KeyError naming the known ones."""
    key = (name or DEFAULT_THEME).strip().lower()
    if key not in THEMES:
        raise KeyError(f"unknown theme '{name}'; known themes: {', '.join(THEMES)}")
    return THEMES[key]
