"""The user's material made to fit one call: a long document condensed by the model, chunk by chunk in parallel,
and a data table cut to the rows that fit (with the count of rows left out, so the model knows).

A chunk the model cannot condense is condensed extractively instead (most central sentences), so a long document
never costs the whole plan.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from models import prompts
from renderers.layout.script import cjk_ratio
from renderers.plan import TableData

from ..base import Cancelled
from .budget import estimate_tokens, split_chunks, table_csv, trim_extractive
from .client import ChatClient, LLMUnavailable


@dataclass
class Material:
    content: str = ""
    condensed: bool = False
    data: str = ""
    data_note: str = ""
    data_rows_shown: int = 0
    warnings: list[str] = field(default_factory=list)


def fit_data(table: TableData | None, limit: int) -> tuple[str, str, int]:
    if table is None:
        return "", "", 0
    csv, shown = table_csv(table, limit)
    total = len(table.rows)
    note = f"CSV, all {total} rows" if shown == total else f"CSV, the first {shown} of {total} rows"
    return csv, note, shown


def condense(
    client: ChatClient,
    system: str,
    content: str,
    limit: int,
    *,
    parallel: int,
    cancel: threading.Event | None,
    deadline: float | None,
    on_progress: Callable[[int, int], None],
) -> tuple[str, list[str]]:
    """`content` within `limit` tokens: unchanged when it fits, else condensed chunk by chunk; and any warnings."""
    if estimate_tokens(content) <= limit:
        return content, []
    chunks = split_chunks(content, limit)
    target = max(200, limit // len(chunks))  # each chunk's share of the budget
    zh = cjk_ratio(content) > 0.3
    done = 0
    lock = threading.Lock()
    warnings: list[str] = []

    def one(index: int, chunk: str) -> str:
        nonlocal done
        user = prompts.render("condense.j2", index=index + 1, total=len(chunks), chunk=chunk,
                              words=int(target * 0.7), chars=int(target * 0.9))
        try:
            answer = client.complete([{"role": "system", "content": system}, {"role": "user", "content": user}],
                                     cancel=cancel, deadline=deadline).text.strip()
        except LLMUnavailable as exc:
            answer = ""
            with lock:
                warnings.append(f"part {index + 1} of {len(chunks)} was condensed without the model ({exc.cause})")
        notes = trim_extractive(answer or chunk, target if not zh else int(target * 1.1))
        with lock:
            done += 1
            on_progress(done, len(chunks))
        return notes

    on_progress(0, len(chunks))
    with ThreadPoolExecutor(max_workers=max(1, parallel), thread_name_prefix="atelier-condense") as pool:
        futures = [pool.submit(one, i, c) for i, c in enumerate(chunks)]
        parts = []
        for f in futures:
            try:
                parts.append(f.result())
            except Cancelled:
                for other in futures:
                    other.cancel()
                raise
    joined = "\n\n".join(p for p in parts if p)
    return trim_extractive(joined, limit), warnings
