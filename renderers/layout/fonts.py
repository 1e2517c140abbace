"""Font discovery: from a family name to a font file (and face index in a collection), and what it can draw.

fontconfig (`fc-match`) knows where Debian puts fonts; each answer is cached for the life of the process.
A `FontStack` pairs a Latin face with a CJK face, because no single face draws both well: each character is
measured and drawn with the first face of the stack that has a glyph for it.
"""

from __future__ import annotations

import bisect
import mmap
import os
import shutil
import struct
import subprocess
from dataclasses import dataclass
from functools import lru_cache

from PIL import ImageFont

from ..base import MissingPart
from .script import is_cjk


class FontNotFound(MissingPart):
    """No installed font matches a family the theme names."""


@dataclass(frozen=True)
class FontFace:
    family: str
    path: str
    index: int
    bold: bool

    def covers(self, ch: str) -> bool:
        return ord(ch) in coverage(self)


# Where Debian's Noto packages put the faces the built-in themes use, for machines without fc-match.
_KNOWN_FILES = {
    ("Noto Sans", False): ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", 0),
    ("Noto Sans", True): ("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf", 0),
    ("Noto Sans CJK TC", False): ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 3),
    ("Noto Sans CJK TC", True): ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 3),
}


@lru_cache(maxsize=64)
def find_face(family: str, bold: bool = False) -> FontFace:
    """The installed face for a family; raises FontNotFound when only an unrelated substitute exists."""
    if shutil.which("fc-match"):
        pattern = f"{family}:weight={'bold' if bold else 'regular'}"
        out = subprocess.run(
            ["fc-match", "-f", "%{file}\t%{index}\t%{family}", pattern],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
        parts = out.split("\t")
        if len(parts) == 3:
            path, index, families = parts
            if family.lower() in [f.strip().lower() for f in families.split(",")]:
                return FontFace(family, path, int(index or 0), bold)
    known = _KNOWN_FILES.get((family, bold))
    if known:
        if os.path.exists(known[0]):
            return FontFace(family, known[0], known[1], bold)
    raise FontNotFound(
        f"font '{family}' is not installed; run scripts/setup.sh (it installs fonts-noto-core and fonts-noto-cjk)"
    )


class Coverage:
    """The code points a face draws, as sorted ranges; `cp in coverage` is a binary search."""

    def __init__(self, ranges: list[tuple[int, int]]):
        merged: list[list[int]] = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [r[0] for r in merged]
        self.ends = [r[1] for r in merged]

    def __contains__(self, cp: int) -> bool:
        i = bisect.bisect_right(self.starts, cp) - 1
        return i >= 0 and cp <= self.ends[i]


def _cmap12_ranges(path: str, index: int) -> list[tuple[int, int]] | None:
    """Ranges from the face's format-12 cmap subtable, read directly (CJK faces have 40,000+ code points, and
    decoding them all with fontTools costs about 100 ms per face). None when the face has no such subtable."""
    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        return _read_cmap12(data, index)


def _read_cmap12(data, index: int) -> list[tuple[int, int]] | None:
    base = 0
    if data[:4] == b"ttcf":
        base = struct.unpack_from(">I", data, 12 + 4 * index)[0]
    num_tables = struct.unpack_from(">H", data, base + 4)[0]
    cmap = None
    for t in range(num_tables):
        tag, _, offset, _ = struct.unpack_from(">4sIII", data, base + 12 + 16 * t)
        if tag == b"cmap":
            cmap = offset
    if cmap is None:
        return None
    count = struct.unpack_from(">H", data, cmap + 2)[0]
    for e in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * e)
        if (platform, encoding) in ((3, 10), (0, 4), (0, 6)):
            sub = cmap + offset
            if struct.unpack_from(">H", data, sub)[0] == 12:
                groups = struct.unpack_from(">I", data, sub + 12)[0]
                return [struct.unpack_from(">II", data, sub + 16 + 12 * g) for g in range(groups)]
    return None


@lru_cache(maxsize=32)
def coverage(face: FontFace) -> Coverage:
    """Code points the face has glyphs for."""
    ranges = _cmap12_ranges(face.path, face.index)
    if ranges is None:
        from fontTools.ttLib import TTFont

        font = TTFont(face.path, fontNumber=face.index, lazy=True)
        try:
            ranges = [(cp, cp) for cp in (font.getBestCmap() or {})]
        finally:
            font.close()
    return Coverage(ranges)


@lru_cache(maxsize=256)
def pil_font(face: FontFace, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(face.path, size=size, index=face.index)


@dataclass(frozen=True)
class FontStack:
    """A Latin face and a CJK face used together; `face_for` picks the one that draws a character."""

    latin: FontFace
    cjk: FontFace

    def face_for(self, ch: str) -> FontFace | None:
        cp = ord(ch)
        # CJK punctuation and full-width forms take the CJK face even where the Latin face has a glyph,
        # so that their widths and shapes match the surrounding Chinese text.
        first, second = (self.cjk, self.latin) if is_cjk(ch) else (self.latin, self.cjk)
        if cp in coverage(first):
            return first
        if cp in coverage(second):
            return second
        return None

    def missing(self, text: str) -> list[str]:
        """Characters in `text` that neither face can draw (whitespace and control characters aside)."""
        out: list[str] = []
        for ch in text:
            if ch.isspace() or ord(ch) < 32 or ch in out:
                continue
            if self.face_for(ch) is None:
                out.append(ch)
        return out


@lru_cache(maxsize=16)
def font_stack(latin_family: str, cjk_family: str, bold: bool = False) -> FontStack:
    return FontStack(find_face(latin_family, bold), find_face(cjk_family, bold))

