"""The font stacks a theme names, resolved once per theme."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .layout.fonts import FontStack, font_stack
from .theme import Theme


@dataclass(frozen=True)
class Typography:
    body: FontStack
    body_bold: FontStack
    heading: FontStack  # bold heading faces

    def stack(self, bold: bool) -> FontStack:
        return self.body_bold if bold else self.body

    def faces(self, include_cjk: bool = True) -> list[str]:
        """Font file paths in use, for renderers that load fonts explicitly (resvg).

        Regular faces come first: resvg resolves a family to the first loaded face of that family when weights
        tie, and loading a bold file first made regular text come out bold.
        """
        paths: list[str] = []
        for stack in (self.body, self.body_bold, self.heading):
            for face in (stack.latin, stack.cjk) if include_cjk else (stack.latin,):
                if face.path not in paths:
                    paths.append(face.path)
        return paths


@lru_cache(maxsize=16)
def typography(theme: Theme) -> Typography:
    f = theme.fonts
    return Typography(
        body=font_stack(f.latin, f.cjk, False),
        body_bold=font_stack(f.latin, f.cjk, True),
        heading=font_stack(f.heading_latin, f.heading_cjk, True),
    )
