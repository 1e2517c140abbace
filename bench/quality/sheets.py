"""Contact sheets: every modality's pictures of one corpus case on one page, with what the measures found.

A reviewer opens one PNG per case and sees the slide previews, the infographic, the board and the widget preview
side by side with the title, the prompt and the findings, instead of opening dozens of files.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

SHEET_WIDTH = 2400
MARGIN = 24
LABEL_WIDTH = 460
GAP = 12
BACKGROUND = (246, 246, 243)
INK = (30, 30, 30)
MUTED = (110, 110, 110)
BAD = (176, 36, 36)
GOOD = (32, 120, 60)

# How large each kind of picture may be on the sheet (width, height): slides are thumbnails, pages are tall.
BOXES = {
    "slide": (380, 214),
    "infographic": (640, 1100),
    "board": (1400, 820),
    "widget": (720, 1100),
    "image": (800, 600),
}

CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
CJK_BOLD = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
TC_INDEX = 3  # the Traditional Chinese face of the collection; it also draws Latin text


@lru_cache(maxsize=8)
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype(CJK_BOLD if bold else CJK_FONT, size, index=TC_INDEX)
    except OSError:  # no Noto CJK here: a sheet with a plain font is still a sheet
        return ImageFont.load_default(size)


@dataclass
class Band:
    """One modality's row on the sheet: its pictures and the lines of text beside them."""

    modality: str
    pictures: list[tuple[str, Path]]  # (box kind, file)
    lines: list[tuple[str, tuple[int, int, int]]]  # (text, colour)


def pictures_of(folder: Path, modality: str) -> list[tuple[str, Path]]:
    """The pictures a render left in its folder, in reading order."""
    if modality == "slides":
        return [("slide", p) for p in sorted(folder.glob("slide-*.png"))]
    names = {"infographic": ("infographic", "infographic.png"), "whiteboard": ("board", "board.png"),
             "widget": ("widget", "preview.png"), "image": ("image", "image.png")}
    kind, name = names.get(modality, ("image", ""))
    return [(kind, folder / name)] if name and (folder / name).is_file() else []


def _fit(img: Image.Image, box: tuple[int, int]) -> Image.Image:
    scale = min(box[0] / img.width, box[1] / img.height, 1.0)
    return img.resize((max(1, round(img.width * scale)), max(1, round(img.height * scale))), Image.LANCZOS)


def _wrap(draw: ImageDraw.ImageDraw, text: str, fnt, width: int) -> list[str]:
    """Lines of `text` no wider than `width`, broken between words or, for CJK, between characters."""
    lines, line = [], ""
    for ch in text:
        trial = line + ch
        if draw.textlength(trial, font=fnt) <= width:
            line = trial
            continue
        cut = line.rfind(" ")
        if cut > len(line) // 2 and ch != " ":
            lines.append(line[:cut])
            line = line[cut + 1:] + ch
        else:
            lines.append(line)
            line = ch.lstrip()
    if line:
        lines.append(line)
    return lines


def band_lines(m: dict[str, Any] | None, error: str | None = None) -> list[tuple[str, tuple[int, int, int]]]:
    """What the measures found for one render, as short coloured lines."""
    if error:
        return [(f"render failed: {error}", BAD)]
    assert m is not None
    lines = [(f"title: {m['title']}", INK)]
    sec, cells = m["sections"], m["cells"]
    if sec["total"]:
        colour = GOOD if sec["found"] == sec["total"] else BAD
        lines.append((f"sections {sec['found']}/{sec['total']}"
                      + (f"; missing: {', '.join(sec['missing'][:4])}" if sec["missing"] else ""), colour))
    if cells["total"]:
        lines.append((f"table cells {cells['found']}/{cells['total']}", GOOD if not cells["missing"] else BAD))
    if m.get("layouts"):
        lay = m["layouts"]
        lines.append((f"layouts {lay['distinct']} distinct of {lay['count']}: {', '.join(lay['kinds'])}", MUTED))
    if m.get("branches"):
        b = m["branches"]
        lines.append((f"mind map: {b['empty']} of {b['branches']} branches empty", BAD if b["empty"] else GOOD))
    for key in ("structure", "kind_shape"):
        if m.get(key):
            ok = m[key]["ok"]
            lines.append((f"{key.replace('_', ' ')}: " + ("ok" if ok else "; ".join(m[key]["problems"][:4])),
                          GOOD if ok else BAD))
    if m["echo"]:
        lines.append((f"request-echo title ({m['echo']['code'].split(':', 1)[1]})", BAD))
    for key, name in (("leaks", "leak"), ("stats", "stat"), ("cuts", "cut"), ("mid_phrase", "mid-phrase"),
                      ("fidelity", "slip")):
        for f in m[key][:3]:
            lines.append((f"{name} {f['code']}: {f['text']}", BAD))
        if len(m[key]) > 3:
            lines.append((f"… {len(m[key]) - 3} more {name} findings", BAD))
    lines.append((f"{m['seconds']:.2f} s", MUTED))
    return lines


def _layout_pictures(pictures: list[tuple[str, Path]], width: int) -> tuple[list[tuple[Image.Image, int, int]], int]:
    """Places the pictures left to right, wrapping; returns (image, x, y) and the height used."""
    placed, x, y, line_h = [], 0, 0, 0
    for kind, path in pictures:
        try:
            with Image.open(path) as im:
                img = _fit(im.convert("RGB"), BOXES[kind])
        except OSError:
            continue
        if x and x + img.width > width:
            x, y, line_h = 0, y + line_h + GAP, 0
        placed.append((img, x, y))
        x += img.width + GAP
        line_h = max(line_h, img.height)
    return placed, (y + line_h if placed else 0)


def contact_sheet(header: list[str], bands: list[Band], path: Path) -> Path:
    """Writes one sheet: the case's header lines, then one band per modality."""
    scratch = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    small, label, head = font(19), font(24, bold=True), font(30, bold=True)
    pic_width = SHEET_WIDTH - 2 * MARGIN - LABEL_WIDTH - GAP
    head_lines = [ln for i, h in enumerate(header)
                  for ln in _wrap(scratch, h, head if i == 0 else small, SHEET_WIDTH - 2 * MARGIN)]
    laid = []
    for band in bands:
        placed, pic_h = _layout_pictures(band.pictures, pic_width)
        text = [(ln, colour) for t, colour in band.lines for ln in _wrap(scratch, t, small, LABEL_WIDTH - 8)]
        height = max(pic_h, 36 + 26 * len(text), 60)
        laid.append((band, placed, text, height))
    total = MARGIN + 40 * len(head_lines) + sum(h + 2 * GAP + 2 for *_, h in laid) + MARGIN
    sheet = Image.new("RGB", (SHEET_WIDTH, total), BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    y = MARGIN
    for i, ln in enumerate(head_lines):
        draw.text((MARGIN, y), ln, font=head if i == 0 else small, fill=INK if i == 0 else MUTED)
        y += 40
    for band, placed, text, height in laid:
        draw.line([(MARGIN, y + GAP // 2), (SHEET_WIDTH - MARGIN, y + GAP // 2)], fill=(200, 200, 196), width=2)
        y += GAP
        draw.text((MARGIN, y), band.modality, font=label, fill=INK)
        ty = y + 36
        for ln, colour in text:
            draw.text((MARGIN, ty), ln, font=small, fill=colour)
            ty += 26
        for img, px, py in placed:
            sheet.paste(img, (MARGIN + LABEL_WIDTH + GAP + px, y + py))
            draw.rectangle([MARGIN + LABEL_WIDTH + GAP + px - 1, y + py - 1,
                            MARGIN + LABEL_WIDTH + GAP + px + img.width, y + py + img.height], outline=(180, 180, 176))
        y += height + GAP
    path.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(path, optimize=True)
    return path
