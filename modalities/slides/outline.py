"""Long decks, outline first: one call plans the slides (layout, title, brief), then each slide is written in its
own call, several at once.

A long deck in one answer is where models fail most: the answer runs into the output limit, repeats itself, or
loses the schema halfway. Small calls stay within limits, run in parallel on servers that batch (vLLM, SGLang),
and a slide that stays invalid costs one slide (replaced by its brief as bullets, with a warning), not the deck.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter

from models import prompts
from models.planners.llm.ask import Invalid, Question, Unusable, ask
from models.planners.llm.budget import estimate_tokens
from models.planners.llm.client import ChatClient
from models.planners.llm.quality import chart_problems, language_problem, table_problems
from models.planners.llm.schema import model_schema, schema_text
from models.planners.offline.condense import sentences, shorten, terms
from renderers.base import RenderWarning
from renderers.plan import Plan

from . import plan as S
from .plan import SlidesPlan

HERE = Path(__file__).parent

SLIDE_MODELS: dict[str, type[BaseModel]] = dict(S.SLIDE_MODELS)  # every layout's slide model, from the plan
_SLIDE = TypeAdapter(S.Slide)

Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=150)]


class OutlineEntry(BaseModel):
    model_config = ConfigDict(extra="ignore")

    layout: S.SlideLayout = Field(description="The layout this slide uses.")
    title: Short = Field(description="The slide's title, as it will appear.")
    brief: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=800)] = Field(
        description="What goes on the slide: its points, facts, names and numbers, in a sentence or three.")


class DeckOutline(BaseModel):
    model_config = ConfigDict(extra="ignore")

    title: Short = Field(description="The deck's title.")
    subtitle: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = None
    language: Annotated[str, StringConstraints(strip_whitespace=True, max_length=16)] | None = Field(
        default=None, description="BCP 47 tag of the deck's language, e.g. 'en' or 'zh-TW'.")
    slides: list[OutlineEntry] = Field(min_length=2, max_length=60, description="One entry per slide, in order.")


_COUNT = re.compile(r"(\d{1,2})\s*(?:-|to|–)?\s*(?:\d{1,2}\s*)?(?:slides|slide deck|頁|張|枚)", re.I)


def requested_slide_count(prompt: str) -> int | None:
    m = _COUNT.search(prompt)
    return int(m.group(1)) if m else None


def relevant_passages(content: str, query: str, limit: int) -> str:
    """The paragraphs of `content` that share most terms with `query`, in document order, within `limit` tokens."""
    if not content or estimate_tokens(content) <= limit:
        return content
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", content) if p.strip()]
    wanted = set(terms(query))
    scored = sorted(range(len(paragraphs)),
                    key=lambda i: (-len(wanted & set(terms(paragraphs[i]))), i))
    keep, used = set(), 0
    for i in scored:
        t = estimate_tokens(paragraphs[i])
        if used + t > limit:
            continue
        keep.add(i)
        used += t
    return "\n\n".join(paragraphs[i] for i in sorted(keep))


def outline_question(system: str, prompt: str, content: str, condensed: bool, data: str, data_note: str,
                     slide_count: int | None) -> Question[DeckOutline]:
    schema = model_schema(DeckOutline)
    return Question(
        what="outline", system=system,
        user=prompts.render("outline.j2", HERE, prompt=prompt, content=content, condensed=condensed, data=data,
                            data_note=data_note, slide_count=slide_count, schema=schema_text(schema)),
        schema=schema, schema_name="atelier_deck_outline", check=DeckOutline.model_validate,
    )


def _check_slide(layout: str, number: int):
    def check(obj: dict):
        if isinstance(obj.get("slide"), dict) and len(obj) == 1:
            obj = obj["slide"]
        obj = {**obj, "layout": layout}
        slide = _SLIDE.validate_python(obj)
        problems = []
        if isinstance(slide, S.ChartSlide):
            problems = chart_problems(slide.chart, "chart")
        elif isinstance(slide, S.TableSlide):
            problems = table_problems(slide.table, "table")
        if problems:
            raise Invalid(problems)
        return slide
    return check


class AnyOf:
    """Set when any of its events is set: the request's cancellation or this deck's own stop."""

    def __init__(self, *events: threading.Event | None):
        self.events = [e for e in events if e is not None]

    def is_set(self) -> bool:
        return any(e.is_set() for e in self.events)


def _brief_slide(entry: OutlineEntry) -> S.BulletsSlide:
    points = [shorten(s) for s in sentences(entry.brief)[:6]] or [shorten(entry.brief)]
    return S.BulletsSlide(title=entry.title, bullets=[S.Bullet(text=p[:300]) for p in points if p])


def write_deck(
    client: ChatClient,
    system: str,
    outline: DeckOutline,
    content: str,
    *,
    parallel: int,
    per_slide_tokens: int,
    cancel: threading.Event | None,
    deadline: float | None,
    on_slide: Callable[[int, int, str], None],
) -> tuple[SlidesPlan, list[tuple[int, str]]]:
    """The deck, every slide written from its brief; and (slide number, problem) for slides made from the brief."""
    entries = outline.slides
    listing = [{"layout": e.layout.value, "title": e.title} for e in entries]
    failed: list[tuple[int, str]] = []
    done = 0
    lock = threading.Lock()
    stop = threading.Event()  # set when one slide fails for good: the others stop, the deck is lost either way
    halt = AnyOf(cancel, stop)

    def one(index: int, entry: OutlineEntry):
        nonlocal done
        number = index + 1
        slide: S.Slide
        if entry.layout is S.SlideLayout.TITLE:
            slide = S.TitleSlide(title=outline.title, subtitle=outline.subtitle or None)
        elif entry.layout is S.SlideLayout.SECTION:
            slide = S.SectionSlide(title=entry.title)
        else:
            model = SLIDE_MODELS[entry.layout.value]
            schema = model_schema(model)
            question = Question(
                what=f"slide {number}", system=system,
                user=prompts.render(
                    "slide.j2", HERE, number=number, count=len(entries), deck_title=outline.title,
                    layout=entry.layout.value,
                    outline=listing, brief=entry.brief, language=outline.language, schema=schema_text(schema),
                    content=relevant_passages(content, f"{entry.title} {entry.brief}", per_slide_tokens)),
                schema=schema, schema_name=f"atelier_slide_{entry.layout.value}",
                check=_check_slide(entry.layout.value, number),
            )
            try:
                slide = ask(client, question, cancel=halt, deadline=deadline).value
            except Unusable as exc:
                slide = _brief_slide(entry)
                with lock:
                    failed.append((number, exc.problems[0] if exc.problems else "invalid"))
        with lock:
            done += 1
            on_slide(done, len(entries), entry.title)
        return slide

    with ThreadPoolExecutor(max_workers=max(1, parallel), thread_name_prefix="atelier-slide") as pool:
        futures = [pool.submit(one, i, e) for i, e in enumerate(entries)]
        slides = []
        try:
            for f in futures:
                slides.append(f.result())
        except BaseException:
            stop.set()
            for f in futures:
                f.cancel()
            raise
    plan = SlidesPlan(title=outline.title, subtitle=outline.subtitle or None, language=outline.language or None,
                      slides=slides)
    return plan, sorted(failed)



def write_outlined(writing) -> Plan:
    """The slides modality's writing strategy (`ModalitySpec.write`): a long deck, or one asked for with many
    slides, is outlined first and written slide by slide; anything else in one call."""
    config, material, request = writing.config, writing.material, writing.request
    slide_count = requested_slide_count(request.prompt)
    if estimate_tokens(material.content) <= config.outline_tokens and (slide_count or 0) < config.outline_slides:
        return writing.one_call()
    outline = writing.ask(outline_question(writing.system, request.prompt, material.content, material.condensed,
                                           material.data, material.data_note, slide_count), "outline")

    def on_slide(done: int, total: int, title: str) -> None:
        writing.on_progress({"status": "writing", "stage": "slides", "done": done, "total": total, "latest": title})

    per_slide = max(600, min(2500, config.input_tokens // 4))
    plan, failed = write_deck(writing.client, writing.system, outline, material.content, parallel=config.parallel,
                              per_slide_tokens=per_slide, cancel=writing.planner.cancel, deadline=writing.deadline,
                              on_slide=on_slide)
    for number, problem in failed:
        writing.warnings.append(RenderWarning(
            code="planner_fallback", where=f"slide {number}",
            detail=f"the model's slide was still invalid after a repair round ({problem}); "
                   "the slide shows its outline brief as points instead"))
    lang = language_problem(plan, writing.request_text)
    if lang:
        writing.warnings.append(RenderWarning(code="language", where="plan", detail=lang))
    return plan
