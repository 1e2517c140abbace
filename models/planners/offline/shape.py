"""The shape of what a request brings (a data table, sections, arrows, an outline), measured once for routing.

Each modality's routing (`ModalitySpec.routing.shape`) scores this record; the router adds the scores to those of
the request's words. Measuring here, once, keeps the modalities from re-reading the content each in its own way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..base import PlanRequest
from .document import Document
from .outline import kind_of

_ARROW_LINE = re.compile(r"\S\s*(?:->|→|=>|⇒|-->)\s*\S")
_MERMAID = re.compile(r"^\s*(?:graph|flowchart)\s+(?:TD|TB|LR|RL|BT)\b|^\s*(?:sequenceDiagram|mindmap|timeline)\b",
                      re.M)
_SEQUENCE_VERB = re.compile(r"\b(?:calls|sends|requests|returns|replies|responds|notifies)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ContentShape:
    prompt: str  # the request's words, lower-cased
    has_content: bool  # pasted text or a document came with it
    has_data: bool  # a data table came with it
    length: int  # characters of content
    sections: int  # top-level sections of the document
    tables: int  # tables inside the document
    arrows: int  # "a -> b" connections in the content
    mermaid: bool  # the content is Mermaid source
    sequence_verbs: int  # "calls", "returns", ...: messages between parties
    nested_items: int  # list items indented under others
    typed: str | None = None  # structure typed into the prompt itself (prompt_reader): chain, steps, dates, ...
    # What a bare prompt (no content, no data, nothing typed in it) asks for: explain, howto, compare, decision,
    # trip, plan, summary or topic (outline.py); None when the request brings material.
    asks: str | None = None


_COMMENT = re.compile(r"<!--.*?-->", re.S)


def content_shape(request: PlanRequest, doc: Document, typed: str | None = None) -> ContentShape:
    content = _COMMENT.sub("", request.content or "")  # a comment's closing "-->" is no arrow
    return ContentShape(
        prompt=(request.prompt or "").lower(),
        has_content=bool(content),
        has_data=request.data is not None,
        length=len(content),
        sections=len(doc.sections),
        tables=len(doc.tables),
        arrows=len(_ARROW_LINE.findall(content)),
        mermaid=bool(_MERMAID.search(content)),
        sequence_verbs=len(_SEQUENCE_VERB.findall(content)),
        nested_items=sum(1 for s in doc.all_sections for i in s.items if i.level > 0),
        typed=typed,
        asks=None if content or request.data is not None or typed else kind_of(request.prompt or ""),
    )
