"""Text measurement with the real font files, and line breaking for Latin and CJK text.

Widths are computed in ems (multiples of the font size) so one measurement serves every size and unit.
Latin text breaks between words; CJK text may break between any two characters, except before closing
punctuation (。，、」） …) and after opening punctuation (「（《 …), the rules Chinese and Japanese typesetting use.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .fonts import FontFace, FontStack, pil_font
from .script import is_cjk

_REF_SIZE = 200  # measure at a large size so hinting and rounding do not distort the per-em widths

NO_LINE_START = set("。．，、；：？！）」』】〕〉》〗〙〛｝］’”…‥・ー々ゝゞヽヾ〜～,.;:!?)]}%")
NO_LINE_END = set("（「『【〔〈《〖〘〚｛［‘“([{$#")

_WORD = re.compile(r"\S+\s*|\s+")


@lru_cache(maxsize=65536)
def _run_em(face: FontFace, run: str) -> float:
    return pil_font(face, _REF_SIZE).getlength(run) / _REF_SIZE


# Punctuation shared by Latin and CJK text. Office applications draw it in the face of the script around it
# (LibreOffice takes the script of the character before; PowerPoint the East Asian face in an East Asian run), so
# an ellipsis after Chinese is the CJK ellipsis. Measuring and drawing it the same way keeps one ellipsis style
# per context in the preview, the PPTX and the PDF.
# A space is shared too: between two Chinese characters it is the CJK face's (narrower) space.
WEAK_PUNCTUATION = frozenset("…‥—―“”‘’· ")


def font_runs(text: str, stack: FontStack):
    """Splits text into runs that one face draws; characters no face has are measured with the Latin face."""
    current: FontFace | None = None
    start = 0
    strong: FontFace | None = None  # the face of the last character that is not shared punctuation or a space
    for i, ch in enumerate(text):
        face = stack.face_for(ch) or stack.latin
        if ch in WEAK_PUNCTUATION:
            if strong is stack.cjk and face is not stack.cjk and stack.cjk.covers(ch):
                face = stack.cjk
        elif not ch.isspace():
            strong = face
        if face != current:
            if current is not None:
                yield current, text[start:i]
            current, start = face, i
    if current is not None and start < len(text):
        yield current, text[start:]


def measure_run(face: FontFace, run: str, size: float) -> float:
    """Advance width of a run drawn in one face (as `font_runs` split it), at `size`."""
    return _run_em(face, run) * size


@lru_cache(maxsize=65536)
def _text_em(text: str, stack: FontStack) -> float:
    return sum(_run_em(face, run) for face, run in font_runs(text, stack))


def measure(text: str, stack: FontStack, size: float) -> float:
    """Advance width of a single line of text at `size`, in the unit `size` is given in."""
    return _text_em(text, stack) * size


def _tokens(paragraph: str) -> list[str]:
    """Breakable units: Latin words with their trailing spaces, single CJK characters, glued by the kinsoku rules."""
    raw: list[str] = []
    for m in _WORD.finditer(paragraph):
        chunk = m.group(0)
        if not any(is_cjk(c) for c in chunk):
            raw.append(chunk)
            continue
        buf = ""
        for ch in chunk:
            if is_cjk(ch):
                if buf:
                    raw.append(buf)
                    buf = ""
                raw.append(ch)
            else:
                buf += ch
        if buf:
            raw.append(buf)
    # Whitespace belongs to the token before it, so that a line never starts with a space.
    merged: list[str] = []
    for tok in raw:
        if merged and not tok.strip():
            merged[-1] += tok
        else:
            merged.append(tok)
    raw = merged
    tokens: list[str] = []
    for tok in raw:
        prev = tokens[-1] if tokens else ""
        starts_bad = tok[0] in NO_LINE_START
        prev_ends_open = bool(prev) and prev[-1] in NO_LINE_END
        if prev and (starts_bad or prev_ends_open):
            tokens[-1] = prev + tok
        else:
            tokens.append(tok)
    return tokens


def _split_long(token: str, stack: FontStack, size: float, max_width: float) -> list[str]:
    """Breaks a token wider than the line (a URL, a long word) between characters, keeping the kinsoku rules:
    a closing mark moves to the next line with the character before it, an opening mark with the one after."""
    pieces: list[str] = []
    buf = ""
    for ch in token:
        if buf and measure(buf + ch, stack, size) > max_width:
            carry = ""
            while len(buf) > 1 and (ch in NO_LINE_START and not carry or buf[-1] in NO_LINE_END):
                carry = buf[-1] + carry
                buf = buf[:-1]
                if buf[-1] not in NO_LINE_END:
                    break
            pieces.append(buf)
            buf = carry + ch
        else:
            buf += ch
    if buf:
        pieces.append(buf)
    return pieces


def wrap(text: str, stack: FontStack, size: float, max_width: float) -> list[str]:
    """Greedy line breaking; explicit newlines start new lines. Returns lines without trailing spaces."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        tokens = _tokens(paragraph.strip())
        if not tokens:
            lines.append("")
            continue
        line = ""
        for tok in tokens:
            candidate = line + tok
            if measure(candidate.rstrip(), stack, size) <= max_width:
                line = candidate
                continue
            if line.strip():
                lines.append(line.rstrip())
                line = ""
            if measure(tok.rstrip(), stack, size) <= max_width:
                line = tok
            else:
                pieces = _split_long(tok.rstrip(), stack, size, max_width)
                lines.extend(pieces[:-1])
                line = pieces[-1] + (" " if tok.endswith(" ") else "")
        if line.strip() or not lines:
            lines.append(line.rstrip())
    return lines


def wrap_balanced(text: str, stack: FontStack, size: float, max_width: float) -> tuple[list[str], float]:
    """Like `wrap`, but as narrow as possible without adding a line, so a heading never ends in one orphaned
    word or character. Returns the lines and the width they were broken at (give the text box that width, so
    PowerPoint breaks them at the same places)."""
    lines = wrap(text, stack, size, max_width)
    if len(lines) < 2:
        return lines, max_width
    lo, hi = max_width * 0.4, max_width
    for _ in range(12):
        mid = (lo + hi) / 2
        if len(wrap(text, stack, size, mid)) > len(lines):
            lo = mid
        else:
            hi = mid
    lines = wrap(text, stack, size, hi)
    # A hair wider than the tightest width, so rounding in other renderers never pushes a word down a line.
    return lines, min(max_width, max(measure(line, stack, size) for line in lines) + size * 0.3)


def widest(lines: list[str], stack: FontStack, size: float) -> float:
    return max((measure(line, stack, size) for line in lines), default=0.0)
