"""One question to the model whose answer must be a valid object: ask, check, and, once, ask again with the errors.

Checking means: find the JSON in the answer (jsontext), validate it against the pydantic model, and run the
render-quality checks. When any of that fails, the model sees its own answer and the list of problems and gets
one more try. A second failure raises `Unusable` with the problems, and the caller falls back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import ValidationError

from models import prompts

from ..base import CancelSignal
from .client import ChatClient, OnText
from .jsontext import JSONExtractError, extract_json

T = TypeVar("T")
MAX_PROBLEMS = 12
_ECHO_CHARS = 24_000  # how much of a failed answer is sent back with the repair request


class Invalid(Exception):
    """The answer parsed but is not acceptable; `problems` are lines for the repair prompt."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


class Unusable(Exception):
    """Still not acceptable after the repair round."""

    def __init__(self, what: str, problems: list[str]):
        super().__init__(f"the {what} was still not valid after a repair round: " + "; ".join(problems[:3]))
        self.what = what
        self.problems = problems


@dataclass
class Question(Generic[T]):
    what: str  # "plan", "outline", "slide 3": named in the repair prompt and in warnings
    system: str
    user: str
    schema: dict[str, Any] | None
    schema_name: str
    check: Callable[[dict[str, Any]], T]  # returns the accepted object or raises Invalid / ValidationError


@dataclass
class Answer(Generic[T]):
    value: T
    repaired: bool
    notes: list[str] = field(default_factory=list)  # what jsontext had to fix


def _path(loc: tuple, root: Any) -> str:
    """A pydantic location as a path through the answer: the union tags pydantic inserts ('bullets' in
    slides.1.bullets.bullets) are left out, so the path names fields the model wrote."""
    out: list[str] = []
    node = root
    for part in loc:
        if str(part).startswith(("function-", "tagged-union")):
            continue
        if isinstance(node, dict) and not getattr(node, "_tag_seen", False) and part in (
                node.get("layout"), node.get("kind")):
            node = _Seen(node)
            continue
        out.append(str(part))
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            node = None
    return ".".join(out)


class _Seen(dict):
    """A dict whose union tag was already skipped once."""

    _tag_seen = True


def validation_problems(exc: ValidationError, root: Any = None) -> list[str]:
    """pydantic's errors as 'where: what' lines a model can act on."""
    out = []
    for err in exc.errors()[:MAX_PROBLEMS]:
        loc = _path(err.get("loc", ()), root)
        msg = err.get("msg", "invalid").removeprefix("Value error, ")
        if err.get("type") == "extra_forbidden":
            msg = "this field is not in the schema; leave it out"
        out.append(f"{loc}: {msg}" if loc else msg)
    if len(exc.errors()) > MAX_PROBLEMS:
        out.append(f"and {len(exc.errors()) - MAX_PROBLEMS} more problems of the same kinds")
    return out


CUT_OFF = "the answer was cut off at the output limit: write less (shorter texts, fewer items)"


def _judge(question: Question[T], text: str, finish: str | None, last_try: bool) -> tuple[T, list[str]]:
    """The answer's checked value and what jsontext had to fix in it; raises Invalid with the problems a model can
    act on."""
    obj: Any = None
    try:
        obj, notes = extract_json(text)
        if finish == "length" and not last_try:
            raise Invalid([CUT_OFF])  # what was cut off is missing, even if the rest validates
        return question.check(obj), notes
    except JSONExtractError as exc:
        problems = [str(exc)]
    except ValidationError as exc:
        problems = validation_problems(exc, obj)
    except Invalid as exc:
        problems = exc.problems[:MAX_PROBLEMS]
    if finish == "length" and CUT_OFF not in problems:
        problems.insert(0, CUT_OFF)
    raise Invalid(problems)


def ask(
    client: ChatClient,
    question: Question[T],
    *,
    on_text: OnText | None = None,
    on_repair: Callable[[list[str]], None] | None = None,
    cancel: CancelSignal | None = None,
    deadline: float | None = None,
) -> Answer[T]:
    messages = [{"role": "system", "content": question.system}, {"role": "user", "content": question.user}]
    first = client.complete(messages, schema=question.schema, schema_name=question.schema_name, on_text=on_text,
                            cancel=cancel, deadline=deadline)
    try:
        value, notes = _judge(question, first.text, first.finish_reason, last_try=False)
        return Answer(value, repaired=False, notes=notes)
    except Invalid as exc:
        problems = exc.problems
    if on_repair:
        on_repair(problems)
    messages += [
        {"role": "assistant", "content": first.text[-_ECHO_CHARS:] or "(an empty answer)"},
        {"role": "user", "content": prompts.render("repair.j2", problems=problems, what=question.what)},
    ]
    second = client.complete(messages, schema=question.schema, schema_name=question.schema_name, on_text=on_text,
                             cancel=cancel, deadline=deadline)
    try:
        value, notes = _judge(question, second.text, second.finish_reason, last_try=True)
    except Invalid as exc:
        raise Unusable(question.what, exc.problems) from None
    return Answer(value, repaired=True, notes=notes)
