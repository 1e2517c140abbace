"""Small OOXML helpers shared by the PPTX writers: colours and the per-run font and language settings."""

from __future__ import annotations

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn

from ..layout.fonts import FontStack
from ..layout.script import is_cjk, language_of


def rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#").upper())


def lang_tag(text: str) -> str:
    lang = language_of(text)
    return "en-US" if lang == "en" else lang


def alt_lang_tag(text: str) -> str | None:
    """For a run that mixes Latin letters and CJK characters, the language of the script that is not its main
    one (`altLang`), so PowerPoint spell-checks and breaks both parts: 'en-US' in a Chinese run, 'zh-TW' (or the
    language of its CJK characters) in an English one. None for a run in one script."""
    cjk = "".join(c for c in text if is_cjk(c))
    latin = any(c.isascii() and c.isalpha() for c in text)
    if not cjk or not latin:
        return None
    main = lang_tag(text)
    return "en-US" if main != "en-US" else lang_tag(cjk)


def lang_attrs(text: str) -> dict[str, str]:
    """`lang`, and `altLang` when the run mixes scripts."""
    out = {"lang": lang_tag(text)}
    alt = alt_lang_tag(text)
    if alt:
        out["altLang"] = alt
    return out


def style_run_fonts(rpr, stack: FontStack, text: str) -> None:
    """Names the Latin and East Asian faces on a run (a:latin, a:ea) and tags its language (and the other
    script's language, `altLang`, when it mixes Latin and CJK)."""
    for name, value in lang_attrs(text).items():
        rpr.set(name, value)
    for tag, family in (("a:latin", stack.latin.family), ("a:ea", stack.cjk.family), ("a:cs", stack.latin.family)):
        el = rpr.find(qn(tag))
        if el is None:
            el = etree.SubElement(rpr, qn(tag))
        el.set("typeface", family)
    # Schema order inside a:rPr: fills first, then latin, ea, cs.
    for tag in ("a:latin", "a:ea", "a:cs"):
        el = rpr.find(qn(tag))
        rpr.remove(el)
        _insert_font_el(rpr, el)


def _insert_font_el(rpr, el) -> None:
    after = ("a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst")
    for tag in after:
        found = rpr.find(qn(tag))
        if found is not None:
            found.addprevious(el)
            return
    rpr.append(el)
