"""Atelier blocks in a Markdown page: where they are, and what each asks for.

A block is a fenced code block whose info string starts with `atelier`:

    ```atelier infographic theme=dark prompt="Key numbers of the year"
    # 2025 in numbers
    - Revenue grew 18 % to 4.2 M
    ```

The word after `atelier` is the modality (optional: the planner chooses); `key=value` pairs are options (values
with spaces in quotes; the whole may also be wrapped in `{ }`). The body is the content to work from, or a plan
(a JSON object with a `modality`), or, with `body=data`, a CSV/JSON table. Blocks may be indented (inside a list
or an admonition); fences of other languages, and anything inside them, are left alone.
"""

from __future__ import annotations

import hashlib
import json
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from ..data import read_text

CACHE_FORMAT = 1  # bump when what a cache entry holds changes

OPTIONS = {
    "prompt": "what the visual should be, in words (the block's body is the content it works from)",
    "theme": "light, dark or bold",
    "planner": "offline (default), auto or llm",
    "data": "a CSV or JSON file to chart, relative to the page (or to the docs folder when it starts with /)",
    "body": "what the body is: content (Markdown text), data (CSV/JSON) or plan (a plan's JSON); default: a JSON "
            "object with a modality is a plan, anything else content",
    "pdf": "decks: also make and link deck.pdf (yes/no, default no)",
}
BODY_KINDS = ("auto", "content", "data", "plan")
PLANNERS = ("offline", "auto", "llm")
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*)$")
_YES = {"yes": True, "true": True, "on": True, "1": True, "no": False, "false": False, "off": False, "0": False}


class BlockError(ValueError):
    """A block that cannot be rendered; the message says which part of it is wrong."""


@dataclass(frozen=True)
class Block:
    """One Atelier block as written: its fence's words and its body. `line` is 1-based, in the page's source."""

    info: str
    body: str
    line: int = 1
    modality: str | None = None
    options: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, info: str, body: str, line: int = 1) -> Block:
        """Reads the info string (`atelier [modality] [key=value ...]`); raises BlockError for unknown options."""
        words = info.strip()
        if words.startswith("{") and words.endswith("}"):  # { .atelier slides theme=dark }
            words = words[1:-1].strip()
        head, _, rest = words.partition(" ")
        if head.lstrip(".") != "atelier":
            raise BlockError(f"not an atelier block: {info.strip()}")
        rest = rest.strip()
        if rest.startswith("{") and rest.endswith("}"):  # atelier {slides theme=dark}
            rest = rest[1:-1]
        try:
            tokens = shlex.split(rest)
        except ValueError as exc:
            raise BlockError(f"the fence's options cannot be read ({exc}): {info.strip()}") from None
        modality = None
        options: dict[str, str] = {}
        for token in tokens:
            key, eq, value = token.partition("=")
            if not eq:
                if modality is not None:
                    raise BlockError(f"'{token}': only one modality may be named (it is '{modality}'); options "
                                     "are written key=value")
                modality = token.lstrip(".")
                continue
            if key not in OPTIONS:
                raise BlockError(f"unknown option '{key}'; the options are: {', '.join(OPTIONS)}")
            options[key] = value
        block = cls(info=info.strip(), body=body, line=line, modality=modality, options=options)
        block.check()
        return block

    def check(self) -> None:
        from modalities import registry

        if self.modality is not None:
            try:
                registry.parse_modality(self.modality)
            except registry.UnknownModality as exc:
                raise BlockError(str(exc)) from None
        if self.options.get("body", "auto") not in BODY_KINDS:
            raise BlockError(f"body={self.options['body']}: it is one of {', '.join(BODY_KINDS)}")
        if self.options.get("planner", "offline") not in PLANNERS:
            raise BlockError(f"planner={self.options['planner']}: it is one of {', '.join(PLANNERS)}")
        if "pdf" in self.options and self.options["pdf"].lower() not in _YES:
            raise BlockError(f"pdf={self.options['pdf']}: it is yes or no")

    # ---- what the block asks for ----------------------------------------------------------------------------

    @property
    def body_kind(self) -> str:
        kind = self.options.get("body", "auto")
        if kind != "auto":
            return kind
        text = self.body.strip()
        if text.startswith("{"):
            try:
                value = json.loads(text)
            except json.JSONDecodeError:
                return "content"
            if isinstance(value, dict) and "modality" in value:
                return "plan"
        return "content"

    def request(self, page_dir: Path, docs_dir: Path, *, planner: str = "offline",
                theme: str | None = None) -> dict:
        """The render this block asks for, as keyword arguments of `atelier.render` (or, with `plan`, of
        `atelier.render_plan`); every file it names is read, so the request is whole (and hashable)."""
        kind = self.body_kind
        request: dict = {"theme": self.options.get("theme", theme),
                         "pdf": _YES[self.options.get("pdf", "no").lower()]}
        if kind == "plan":
            try:
                plan = json.loads(self.body)
            except json.JSONDecodeError as exc:
                raise BlockError(f"the plan is not valid JSON (line {exc.lineno}: {exc.msg})") from None
            if not isinstance(plan, dict):
                raise BlockError("a plan is a JSON object")
            if self.modality and str(plan.get("modality", "")).lower() != self.modality.lower():
                raise BlockError(f"the fence says '{self.modality}' but the plan's modality is "
                                 f"'{plan.get('modality')}'")
            for key in ("prompt", "data"):
                if key in self.options:
                    raise BlockError(f"'{key}' does not go with a plan: a plan is rendered as it is")
            request["plan"] = plan
            return request
        request.update(prompt=self.options.get("prompt"), modality=self.modality,
                       planner=self.options.get("planner", planner))
        if kind == "data":
            request["data"] = self.body
        elif self.body.strip():
            request["content"] = self.body
        if "data" in self.options:
            if "data" in request:
                raise BlockError("the data is in the body (body=data) and in data=: give it once")
            name = self.options["data"]
            path = docs_dir / name.lstrip("/") if name.startswith("/") else page_dir / name
            try:
                request["data"] = read_text(path, "data")
            except ValueError as exc:
                raise BlockError(str(exc)) from None
        return request


def request_key(request: dict) -> str:
    """A stable hash of everything a render depends on that the block controls: the cache's key."""
    from renderers.plan import SCHEMA_VERSION

    canonical = json.dumps({"format": CACHE_FORMAT, "schema": SCHEMA_VERSION, **request}, sort_keys=True,
                           ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Found:
    """A block's place in a page: lines [start, end) of the source (the fences included), and its indent."""

    start: int
    end: int
    indent: str
    info: str
    body: str


def find_blocks(markdown: str) -> list[Found]:
    """Every atelier fenced block of a Markdown page, in order. Blocks inside other fences are not blocks; an
    atelier fence left open runs to the end of the page (as CommonMark reads it)."""
    lines = markdown.split("\n")
    found: list[Found] = []
    i = 0
    while i < len(lines):
        opening = _FENCE.match(lines[i])
        if not opening or (opening["fence"][0] == "`" and "`" in opening["info"]):
            i += 1
            continue
        indent, fence, info = opening["indent"], opening["fence"], opening["info"].strip()
        end = i + 1
        while end < len(lines):
            closing = lines[end].strip()
            if closing and set(closing) == {fence[0]} and len(closing) >= len(fence):
                break
            end += 1
        word = info.lstrip("{ .").split(None, 1)[0] if info.lstrip("{ .") else ""
        if word == "atelier":
            body = "\n".join(line[len(indent):] if line.startswith(indent) else line.lstrip()
                             for line in lines[i + 1:end])
            found.append(Found(start=i, end=min(end + 1, len(lines)), indent=indent, info=info, body=body))
        i = end + 1
    return found
