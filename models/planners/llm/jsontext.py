"""Getting one JSON object out of a model's answer, whatever it wrapped around it.

Models asked for JSON still answer with reasoning first (`<think>...</think>`, "Sure! Here is the plan:"), with the
object in a Markdown fence, with trailing commas, a stray closing brace, `//` comments, Python's `True`/`None`, a
missing comma between two items, or an object cut off at the token limit. This module finds the object the model
meant (the last complete top-level one) and repairs those syntax faults without ever evaluating the text.
Content is never changed: repairs only touch what lies outside strings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

_REASONING = re.compile(r"<(think|thinking|reasoning|reflection)>.*?</\1>", re.S | re.I)
_UNCLOSED_REASONING = re.compile(r"^\s*<(think|thinking|reasoning)>.*?(?=\{)", re.S | re.I)
_FENCE = re.compile(r"```[ \t]*(?:json5?|JSON|javascript|js)?[ \t]*\n(.*?)(?:\n[ \t]*```|\Z)", re.S)
_PY_LITERALS = {"True": "true", "False": "false", "None": "null"}
_WORD = re.compile(r"[^\W\d]\w*")  # a bare word outside strings, in any script: a key to quote or a literal


class JSONExtractError(ValueError):
    """No usable JSON object in the answer; the message says what was found instead, for the repair prompt."""


@dataclass
class _Span:
    start: int
    end: int  # exclusive; for an unfinished object, the end of the text
    complete: bool


def _unquoted(text: str, quotes_open: Callable[[], bool] = lambda: True) -> Iterator[tuple[int, str]]:
    """The characters of `text` that lie outside JSON strings, with their positions, escapes inside strings
    honoured: the one string-aware scan that finding objects and closing cut-off ones share. `quotes_open()` says
    whether a `"` at this point opens a string."""
    in_string = escape = False
    for i, ch in enumerate(text):
        if in_string:
            if escape:
                escape = False
            elif ch == "\\":
                escape = True
            elif ch == '"':
                in_string = False
        elif ch == '"' and quotes_open():
            in_string = True
        else:
            yield i, ch


def _scan_objects(text: str) -> list[_Span]:
    """Top-level `{...}` spans, matched with string awareness; a `}` with nothing open is skipped (a stray brace)."""
    spans: list[_Span] = []
    depth = 0
    start = -1

    def inside_object() -> bool:  # read as the scan goes: outside any object a quote is just text
        return depth > 0

    for i, ch in _unquoted(text, inside_object):
        if ch in "{[":
            if depth == 0:
                if ch == "[":
                    continue  # a top-level array is never a plan
                start = i
            depth += 1
        elif ch in "}]" and depth > 0:
            depth -= 1
            if depth == 0:
                spans.append(_Span(start, i + 1, True))
    if depth > 0 and start >= 0:
        spans.append(_Span(start, len(text), False))
    return spans


def _clean(src: str) -> str:
    """Repairs outside strings: comments, Python literals, trailing commas, missing commas between items."""
    out: list[str] = []
    i, n = 0, len(src)
    last_sig = ""  # the last significant character written outside strings
    while i < n:
        ch = src[i]
        if ch == '"':
            j = i + 1
            while j < n:
                if src[j] == "\\":
                    j += 2
                    continue
                if src[j] == '"':
                    break
                j += 1
            if last_sig in ('"', "}", "]") or last_sig.isdigit():
                out.append(",")  # "a" "b" or } { with only whitespace between: a missing comma
            out.append(src[i : j + 1])
            last_sig = '"'
            i = j + 1
            continue
        if src.startswith("//", i):
            while i < n and src[i] != "\n":
                i += 1
            continue
        if src.startswith("/*", i):
            end = src.find("*/", i + 2)
            i = n if end < 0 else end + 2
            continue
        if ch in ",":
            # Drop it if the next significant character closes the container (a trailing comma).
            j = i + 1
            while j < n and src[j] in " \t\r\n":
                j += 1
            if j < n and src[j] in "}]" or last_sig in ("{", "[", ","):
                i += 1
                continue
        if ch in "{[" and last_sig in ("}", "]"):
            out.append(",")
        if (ch.isalpha() or ch == "_") and (found := _WORD.match(src, i)):
            word = found.group(0)
            if last_sig in ("{", ",") and re.match(r"\s*:", src[i + len(word) :]):
                out.append(f'"{word}"')  # an unquoted key
                last_sig = '"'
                i += len(word)
                continue
            out.append(_PY_LITERALS.get(word, word))
            last_sig = "l"
            i += len(word)
            continue
        out.append(ch)
        if not ch.isspace():
            last_sig = ch
        i += 1
    return "".join(out)


def _close(src: str) -> str:
    """Closes an object cut off mid-way: drops the unfinished last item and appends the missing brackets."""
    stack: list[str] = []
    safe = 0  # end of the last position where the text could be cut and closed
    safe_stack: list[str] = []
    for i, ch in _unquoted(src):
        if ch in "{[":
            stack.append("}" if ch == "{" else "]")
        elif ch in "}]":
            if stack:
                stack.pop()
            safe, safe_stack = i + 1, list(stack)
        elif ch == "," and (stack[-1:] == ["]"] or len(stack) == 1):
            # Between array items or top-level members: cutting here drops only the unfinished item.
            safe, safe_stack = i, list(stack)
    return src[:safe].rstrip().rstrip(",") + "".join(reversed(safe_stack))


def _loads(candidate: str) -> Any:
    try:
        return json.loads(candidate, strict=False)
    except json.JSONDecodeError:
        return json.loads(_clean(candidate), strict=False)


def extract_json(answer: str) -> tuple[dict[str, Any], list[str]]:
    """The JSON object the answer holds, and notes on what had to be repaired (for logs and tests).

    Raises JSONExtractError with a reason a model can act on when no object can be recovered.
    """
    if not answer or not answer.strip():
        raise JSONExtractError("the answer was empty")
    notes: list[str] = []
    text = _REASONING.sub("", answer)
    text = _UNCLOSED_REASONING.sub("", text)
    if text != answer:
        notes.append("removed reasoning")
    fenced = [m.group(1) for m in _FENCE.finditer(text)]
    sources = [f for f in fenced if "{" in f]
    if sources:
        notes.append("unwrapped a code fence")
    # The last fence first (models put their final answer last), then the whole answer.
    sources = [*reversed(sources), text]

    last_error: str | None = None
    for source in sources:
        spans = _scan_objects(source)
        complete = [s for s in spans if s.complete]
        for span in reversed(complete):
            candidate = source[span.start : span.end]
            try:
                value = _loads(candidate)
            except json.JSONDecodeError as exc:
                last_error = f"the JSON is not valid (line {exc.lineno}, column {exc.colno}: {exc.msg})"
                continue
            if isinstance(value, dict):
                if source[: span.start].strip() or source[span.end :].strip():
                    notes.append("ignored text around the object")
                return value, notes
        unfinished = [s for s in spans if not s.complete]
        if unfinished:
            candidate = _close(source[unfinished[-1].start :])
            try:
                value = _loads(candidate)
            except json.JSONDecodeError as exc:
                last_error = f"the JSON object is cut off and could not be closed ({exc.msg})"
                continue
            if isinstance(value, dict):
                notes.append("closed an object that was cut off")
                return value, notes
    if last_error:
        raise JSONExtractError(last_error)
    begins = f"; it begins: {text.strip()[:80]!r}" if text.strip() else ""
    raise JSONExtractError(f"the answer holds no JSON object{begins}")
