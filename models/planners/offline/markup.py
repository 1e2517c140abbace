"""Source syntax out of pasted text: front matter, HTML comments and tags, Markdown inline markup, link targets and
bare URLs. What they mean is kept (a front matter's title, a link's words); the syntax itself never reaches a page.

Every function here runs in time linear in its input, whatever the input: pasted content may be up to 400 KB and
is untrusted, and a backtracking regular expression over a line of `*a *a *a ...` or `[[[[...` can take minutes.
So brackets are matched with stacks, emphasis with one stack per delimiter, and the few regular expressions left
either start at a literal character and stop at the next one, or are anchored to a line (bench/parsers.py times the
worst cases; tests/models/test_parsers_linear.py runs them).
"""

from __future__ import annotations

import html
import re
import unicodedata

# ---- front matter ---------------------------------------------------------------------------------------------

_FM_KEY = re.compile(r"([A-Za-z_\u3400-\u9fff][\w .\-\u3400-\u9fff]{0,60}?)\s*:(?:\s+(.*)|\s*)$")


def _yaml_value(raw: str) -> str:
    value = raw.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    elif len(value) >= 2 and value[0] == "[" and value[-1] == "]":
        value = ", ".join(p.strip().strip("\"'") for p in value[1:-1].split(",") if p.strip())
    return value.strip()


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """(metadata, the rest) for text that opens with a YAML front matter block (`---` lines around `key: value`
    lines); ({}, text) otherwise. Keys are lower-cased; list values come back comma-separated. Only what a block
    of metadata can hold is taken for one: a block with a line that is not a key, a list entry or a continuation is
    Markdown (a thematic break and a paragraph), and is left alone."""
    lines = text.split("\n")
    first = next((k for k, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[first].strip() != "---":
        return {}, text
    meta: dict[str, str] = {}
    last_key: str | None = None
    for k in range(first + 1, len(lines)):
        line = lines[k].rstrip()
        stripped = line.strip()
        if stripped in ("---", "..."):
            if not meta:
                return {}, text
            return meta, "\n".join(lines[k + 1:])
        if not stripped or stripped.startswith("#"):
            continue
        if line[0] in " \t" or stripped.startswith("- "):  # a continuation or a list entry of the key before
            if last_key is None:
                return {}, text
            item = _yaml_value(stripped[2:] if stripped.startswith("- ") else stripped)
            meta[last_key] = f"{meta[last_key]}, {item}".strip(", ") if meta[last_key] else item
            continue
        m = _FM_KEY.match(line)
        if not m:
            return {}, text
        last_key = m.group(1).strip().lower()
        meta[last_key] = _yaml_value(m.group(2) or "")
    return {}, text  # never closed: not front matter


# ---- HTML -----------------------------------------------------------------------------------------------------


def remove_html_comments(text: str) -> str:
    """Text without `<!-- ... -->` comments (Marp directives, editors' notes). An unclosed comment ends at its line's
    end, so a stray `<!--` cannot swallow the rest of a document."""
    out: list[str] = []
    at = 0
    closes = True  # once one comment has no closing `-->`, none after it can have one
    while True:
        start = text.find("<!--", at)
        if start == -1:
            out.append(text[at:])
            break
        out.append(text[at:start])
        end = text.find("-->", start + 4) if closes else -1
        if end == -1:
            closes = False
            line_end = text.find("\n", start)
            at = len(text) if line_end == -1 else line_end
        else:
            at = end + 3
    return "".join(out)


_HTML_BLOCK = frozenset("p div br hr li ul ol tr table thead tbody section article header footer h1 h2 h3 h4 h5 h6 "
                        "blockquote pre figure figcaption details summary".split())
_HTML_INLINE = frozenset("a b i u s em strong small sub sup span code kbd mark abbr cite q del ins img font center "
                         "td th caption picture source video audio iframe".split())
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]*>")


def remove_html_tags(text: str) -> str:
    """Text without HTML tags (block tags leave a line break, inline ones nothing); `<T>` or `a < b > c` that are no
    HTML tag names stay as written."""

    def swap(m: re.Match[str]) -> str:
        name = m.group(2).lower()
        if name in _HTML_BLOCK:
            return "\n"
        if name in _HTML_INLINE:
            return ""
        return m.group(0)

    return _TAG.sub(swap, text) if "<" in text else text


# ---- URLs -----------------------------------------------------------------------------------------------------

_URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"'，。、；：）」』】》]+", re.IGNORECASE)
# Words that only point at the address: "read it at <url>", "see <url>", "詳見 <url>", "原文：<url>".
_POINTER_EN = re.compile(r"(?:(?:^|\s)(?:at|on|via|see|here|from)|:)$", re.IGNORECASE)
_POINTER_ZH = re.compile(r"(?:請見|詳見|請參考|參考|請看|見|在|於)?[:：]?$")
_SENTENCE_END = ".!?。！？"


def _trim_url(url: str) -> str:
    """The address without the sentence punctuation that follows it (a closing bracket stays when it closes one
    opened inside the address, as in Wikipedia's)."""
    opened = url.count("(") + url.count("[")
    closed = url.count(")") + url.count("]")
    while url and url[-1] in ".,;:!?)]":
        if url[-1] in ")]":
            if closed <= opened:
                break
            closed -= 1
        url = url[:-1]
    return url


def _without_pointer(before: str, at_end: bool) -> str:
    """The text before an address without the words that only pointed at it; when the address ends the text and the
    sentence before it only introduced it ("More detail in our talk:", "更多案例請見", "原文："), that sentence too."""
    stripped = before.rstrip()
    cut = max(stripped.rfind(" "), stripped.rfind("\n"))
    word = stripped[cut + 1:]
    zh = any("\u3400" <= c <= "\u9fff" for c in word[-6:])
    pointer = _POINTER_ZH if zh else _POINTER_EN
    tail = stripped[-16:]
    m = pointer.search(tail)
    pointed = bool(m and m.group(0).strip())
    kept = stripped[: len(stripped) - len(tail)] + (pointer.sub("", tail) if m else tail)
    if at_end and pointed:
        # The sentence (or, in Chinese, the clause) that only introduced the address goes with it.
        marks = _SENTENCE_END + ("，；" if zh else "")
        sentence_start = max(kept.rfind(c) for c in marks) + 1
        fragment = kept[sentence_start:]
        if len(fragment.strip()) <= (12 if zh else 40):
            kept = kept[:sentence_start]
            if kept.endswith(("，", "；")):
                kept = kept[:-1] + "。"
    return kept.rstrip()


def remove_urls(text: str) -> str:
    """Text without web addresses, and without the words that only pointed at one ("at", "see", "詳見", "：")."""
    if "://" not in text and "www." not in text.lower():
        return text
    out: list[str] = []
    at = 0
    for m in _URL.finditer(text):
        url = _trim_url(m.group(0))
        end = m.start() + len(url)
        rest = text[end:end + 3]
        at_end = not rest.strip(" .。") or rest.lstrip(" .。")[:1] == "\n"
        before = _without_pointer(text[at:m.start()], at_end)
        out.append(before + (" " if before else ""))
        at = end
    out.append(text[at:])
    cleaned = " ".join("".join(out).split())
    cleaned = re.sub(r" ([.,;:!?。，；])", r"\1", cleaned)
    cleaned = re.sub(r"\(\s?\)|（\s?）|\[\s?\]", "", cleaned)
    cleaned = re.sub(r"([。！？])[。.]|([.!?]) [.。]", lambda m: m.group(1) or m.group(2), cleaned)
    return cleaned.strip().lstrip(".,;:。，；： ")


# ---- inline Markdown ------------------------------------------------------------------------------------------

_PUNCT_CATEGORIES = ("P", "S")


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in _PUNCT_CATEGORIES


def _matches(s: str, open_ch: str, close_ch: str) -> dict[int, int]:
    """Opening position → matching closing position for one bracket pair, by a stack (linear)."""
    stack: list[int] = []
    out: dict[int, int] = {}
    for i, ch in enumerate(s):
        if ch == open_ch:
            stack.append(i)
        elif ch == close_ch and stack:
            out[stack.pop()] = i
    return out


def _drop_links(s: str, drop: bytearray) -> None:
    """Marks link targets, image references, footnote markers and reference labels for removal; a link's words
    stay. `[words](target)`, `![alt](src)`, `[words][ref]`, `[^1]`, `<https://...>`."""
    if "[" in s:
        square = _matches(s, "[", "]")
        paren = _matches(s, "(", ")") if "](" in s else {}
        i = 0
        n = len(s)
        while i < n:
            if s[i] != "[" or drop[i] or i not in square:
                i += 1
                continue
            close = square[i]
            image = i > 0 and s[i - 1] == "!"
            if s.startswith("^", i + 1) and close - i <= 40:  # a footnote marker
                drop[i:close + 1] = b"\x01" * (close + 1 - i)
                i = close + 1
                continue
            target_end = None
            if close + 1 < n and s[close + 1] == "(" and (close + 1) in paren:
                target_end = paren[close + 1]
            elif close + 1 < n and s[close + 1] == "[" and (close + 1) in square:
                target_end = square[close + 1]
            if target_end is None:
                i += 1
                continue
            if image:
                drop[i - 1:target_end + 1] = b"\x01" * (target_end + 2 - i)
                i = target_end + 1
                continue
            drop[i] = 1
            drop[close:target_end + 1] = b"\x01" * (target_end + 1 - close)
            i += 1
    if "<" in s:
        for m in re.finditer(r"<(?:https?|ftp|mailto):[^\s<>]*>", s, re.IGNORECASE):
            drop[m.start():m.end()] = b"\x01" * (m.end() - m.start())


def _drop_emphasis(s: str, drop: bytearray) -> None:
    """Marks `*`, `_` and `~~` runs that open or close emphasis; a lone `*` in "5 * 3" or snake_case stays. One
    stack per delimiter character keeps this linear."""
    stacks: dict[str, list[tuple[int, int]]] = {"*": [], "_": [], "~": []}
    n = len(s)
    i = 0
    while i < n:
        ch = s[i]
        if ch not in stacks or drop[i] or (i > 0 and s[i - 1] == "\\"):
            i += 1
            continue
        j = i
        while j < n and s[j] == ch:
            j += 1
        length = j - i
        if ch == "~" and length < 2:
            i = j
            continue
        before = s[i - 1] if i > 0 else " "
        after = s[j] if j < n else " "
        opens = not after.isspace()
        closes = not before.isspace()
        if ch == "_":  # intraword underscores (snake_case) are letters, not emphasis
            opens = opens and (before.isspace() or _is_punct(before))
            closes = closes and (after.isspace() or _is_punct(after))
        stack = stacks[ch]
        if closes and stack:
            start, size = stack.pop()
            used = min(size, length)
            drop[start + size - used:start + size] = b"\x01" * used
            drop[i:i + used] = b"\x01" * used
        elif opens:
            stack.append((i, length))
        i = j


_SYNTAX = re.compile(r"[*_~\[\]<>&`\\]|://|www\.", re.IGNORECASE)


def clean_inline(text: str) -> str:
    """One line of Markdown as plain words: emphasis, code, strikethrough, links, images, footnote markers, HTML tags,
    entities and web addresses removed (link words kept), spaces tidied. Linear in the line's length."""
    if not text:
        return ""
    if not _SYNTAX.search(text):  # plain words (most lines): nothing to remove
        return " ".join(text.split())
    s = remove_html_tags(text) if "<" in text else text
    drop = bytearray(len(s))
    _drop_links(s, drop)
    _drop_emphasis(s, drop)
    out = []
    i = 0
    n = len(s)
    while i < n:
        ch = s[i]
        if drop[i] or ch == "`":
            i += 1
            continue
        if ch == "\\" and i + 1 < n and _is_punct(s[i + 1]):  # an escaped character is itself
            out.append(s[i + 1])
            i += 2
            continue
        out.append(ch)
        i += 1
    cleaned = "".join(out)
    if "&" in cleaned:
        cleaned = html.unescape(cleaned)
    cleaned = remove_urls(cleaned)
    return " ".join(cleaned.split())
