"""The whiteboard's faces: a hand-lettered Latin face beside the theme's CJK face.

Boards should look sketched, as they do in Excalidraw, so their SVG/PNG exports letter Latin text in Comic Neue
(SIL OFL, Debian's fonts-comic-neue, installed by scripts/setup.sh). No free hand-written face covers Traditional
Chinese with Taiwanese glyph shapes, so Chinese keeps the theme's CJK face (Noto Sans CJK TC), whose rounded
strokes sit well beside it. Layout measures with exactly these files, and the PNG is drawn with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from renderers.layout.fonts import FontNotFound, FontStack, find_face
from renderers.theme import Theme

HAND_FAMILY = "Comic Neue"


@dataclass(frozen=True)
class BoardFonts:
    regular: FontStack
    bold: FontStack
    hand: bool  # False when the hand-lettered face is missing and the theme's sans face stands in

    def faces(self, include_cjk: bool = True) -> list[str]:
        """Font files for resvg (renderers.raster.rasterise), regular faces first (resvg takes the first face of
        a family when weights tie); the CJK collections, slow to load, only when asked for."""
        stacks = [self.regular.latin, self.bold.latin] + ([self.regular.cjk, self.bold.cjk] if include_cjk else [])
        out: list[str] = []
        for face in stacks:
            if face.path not in out:
                out.append(face.path)
        return out


@lru_cache(maxsize=8)
def board_fonts(theme: Theme) -> BoardFonts:
    cjk_regular = find_face(theme.fonts.cjk, False)
    cjk_bold = find_face(theme.fonts.cjk, True)
    try:
        latin_regular, latin_bold = find_face(HAND_FAMILY, False), find_face(HAND_FAMILY, True)
        hand = True
    except FontNotFound:
        latin_regular, latin_bold = find_face(theme.fonts.latin, False), find_face(theme.fonts.latin, True)
        hand = False
    return BoardFonts(FontStack(latin_regular, cjk_regular), FontStack(latin_bold, cjk_bold), hand)
