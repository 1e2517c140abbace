"""Which writing system a character or a text belongs to, and the language tag that goes with it.

Line breaking, font choice and the `lang` attribute written into PPTX and SVG all start here.
"""

from __future__ import annotations

import unicodedata

# Characters that exist only in Simplified Chinese and are frequent; their Traditional forms differ.
_SIMPLIFIED_ONLY = set("这们来说为会对发时国学后开关现进经过门问间见还让长东车书应实点两业个么产种动从员")
_TRADITIONAL_ONLY = set("這們來說為會對發時國學後開關現進經過門問間見還讓長東車書應實點兩業個麼產種動從員")


def is_cjk(ch: str) -> bool:
    """True for characters drawn by a CJK font: ideographs, kana, hangul, CJK and full-width punctuation."""
    cp = ord(ch)
    return (
        0x2E80 <= cp <= 0x2FFF  # radicals
        or 0x3000 <= cp <= 0x303F  # CJK symbols and punctuation
        or 0x3040 <= cp <= 0x30FF  # kana
        or 0x3100 <= cp <= 0x31FF  # bopomofo
        or 0x3400 <= cp <= 0x4DBF
        or 0x4E00 <= cp <= 0x9FFF
        or 0xAC00 <= cp <= 0xD7AF  # hangul
        or 0xF900 <= cp <= 0xFAFF
        or 0xFE30 <= cp <= 0xFE4F  # CJK compatibility forms
        or 0xFF00 <= cp <= 0xFFEF  # full-width forms
        or 0x20000 <= cp <= 0x3134F
    )


def cjk_ratio(text: str) -> float:
    """Share of letters (not spaces, digits or punctuation) that are CJK."""
    letters = [c for c in text if c.isalpha() or is_cjk(c)]
    if not letters:
        return 0.0
    return sum(1 for c in letters if is_cjk(c)) / len(letters)


def language_of(text: str) -> str:
    """A BCP 47 tag for the text: 'zh-TW', 'zh-CN', 'ja' or 'en' (the default for Latin script)."""
    if cjk_ratio(text) < 0.2:
        return "en"
    if any(0x3040 <= ord(c) <= 0x30FF for c in text):
        return "ja"
    simplified = sum(1 for c in text if c in _SIMPLIFIED_ONLY)
    traditional = sum(1 for c in text if c in _TRADITIONAL_ONLY)
    return "zh-CN" if simplified > traditional else "zh-TW"


def is_emoji(ch: str) -> bool:
    """Pictographs and their modifiers (variation selectors, keycap, ZWJ), which text fonts do not draw."""
    cp = ord(ch)
    return (
        0x1F000 <= cp <= 0x1FAFF
        or 0x2600 <= cp <= 0x27BF
        or cp in (0xFE0F, 0xFE0E, 0x20E3, 0x200D)
        or 0x1F1E6 <= cp <= 0x1F1FF
        or 0x2B00 <= cp <= 0x2BFF
        or (0x2190 <= cp <= 0x21FF and unicodedata.category(ch) == "So")
    )


def strip_emoji(text: str) -> str:
    """The text without pictographs, with the spaces they leave tidied."""
    cleaned = "".join(c for c in text if not is_emoji(c))
    return " ".join(cleaned.split()) if cleaned != text else text
