"""One table from many renders' measures: per modality and overall, each measure's count or share, and time.

Counts are findings summed over renders (a render with two leaked URLs counts two); shares pool the parts (all
sections found over all sections asked for); "ok" columns count renders that pass out of those where the check
applies. The columns are those of issue 16's "done when": leaks, invented stats, cuts inside numbers or
brackets, sections covered, no request-echo titles, structure and outline shape; plus what helps read them.
"""

from __future__ import annotations

import statistics
from collections import Counter
from typing import Any, TextIO

COLUMNS = [
    ("renders", "renders"),
    ("leaks", "leaked syntax"),
    ("invented", "invented stats"),
    ("non_quantity", "of them dates/ids/versions/URLs/phones/ordinals"),
    ("mislabelled", "mislabelled stats"),
    ("cuts", "cuts in numbers/brackets"),
    ("mid_phrase", "mid-phrase cuts"),
    ("sections", "sections covered"),
    ("cells", "table cells kept"),
    ("echo", "request-echo titles"),
    ("layouts", "layouts per deck / infographic"),
    ("bullets", "plain-bullet share of content slides"),
    ("branches", "empty mind-map branches"),
    ("structure", "structure ok"),
    ("kind_shape", "outline shape ok"),
    ("fidelity", "fidelity slips"),
    ("time", "median / max s"),
]


def _share(found: int, total: int) -> str:
    return f"{100 * found / total:.0f}% ({found}/{total})" if total else "-"


def summarise(rows: list[dict[str, Any]]) -> dict[str, str]:
    """One table row for a group of measured renders."""
    stats = [f for r in rows for f in r["stats"]]
    invented = [f for f in stats if f["code"].startswith("invented")]
    sec = [sum(r["sections"]["found"] for r in rows), sum(r["sections"]["total"] for r in rows)]
    cells = [sum(r["cells"]["found"] for r in rows), sum(r["cells"]["total"] for r in rows)]
    lay = [r["layouts"]["distinct"] for r in rows if r.get("layouts") and r["layouts"]["count"]]
    plain = [r["layouts"]["bullets_share"] for r in rows if r.get("layouts") and "bullets_share" in r["layouts"]
             and r["layouts"]["count"]]
    maps = [r["branches"] for r in rows if r.get("branches")]
    struct = [r["structure"]["ok"] for r in rows if r.get("structure")]
    shape = [r["kind_shape"]["ok"] for r in rows if r.get("kind_shape")]
    times = [r["seconds"] for r in rows]
    return {
        "renders": str(len(rows)),
        "leaks": str(sum(len(r["leaks"]) for r in rows)),
        "invented": str(len(invented)),
        "non_quantity": str(sum(":" in f["code"] for f in invented)),
        "mislabelled": str(sum(f["code"] in ("mislabelled", "label_hole") for f in stats)),
        "cuts": str(sum(len(r["cuts"]) for r in rows)),
        "mid_phrase": str(sum(len(r["mid_phrase"]) for r in rows)),
        "sections": _share(*sec),
        "cells": _share(*cells),
        "echo": str(sum(r["echo"] is not None for r in rows)),
        "layouts": f"{statistics.mean(lay):.1f}" if lay else "-",
        "bullets": f"{100 * statistics.mean(plain):.0f}%" if plain else "-",
        "branches": (f"{sum(b['empty'] for b in maps)} of {sum(b['branches'] for b in maps)}" if maps else "-"),
        "structure": f"{sum(struct)}/{len(struct)}" if struct else "-",
        "kind_shape": f"{sum(shape)}/{len(shape)}" if shape else "-",
        "fidelity": str(sum(len(r["fidelity"]) for r in rows)),
        "time": f"{statistics.median(times):.2f} / {max(times):.2f}" if times else "-",
    }


def groups(rows: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    order = ["slides", "infographic", "whiteboard", "widget", "image"]
    present = sorted({r["modality"] for r in rows}, key=lambda m: order.index(m) if m in order else 99)
    out = [(m, [r for r in rows if r["modality"] == m]) for m in present]
    out += [(f"lang {lang}", [r for r in rows if r["lang"] == lang]) for lang in ("en", "zh")
            if any(r["lang"] == lang for r in rows)]
    out.append(("all", rows))
    return out


def print_table(rows: list[dict[str, Any]], out: TextIO) -> None:
    print("| group | " + " | ".join(title for _, title in COLUMNS) + " |", file=out)
    print("| --- |" + " ---: |" * len(COLUMNS), file=out)
    for name, members in groups(rows):
        s = summarise(members)
        print(f"| {name} | " + " | ".join(s[key] for key, _ in COLUMNS) + " |", file=out)


def failure_classes(rows: list[dict[str, Any]]) -> Counter:
    """How often each class of finding occurs, for the list of worst failures."""
    counts: Counter = Counter()
    for r in rows:
        for key in ("leaks", "stats", "cuts", "mid_phrase", "fidelity"):
            counts.update(f"{key}:{f['code']}" for f in r[key])
        if r["echo"]:
            counts[r["echo"]["code"]] += 1
        for key in ("structure", "kind_shape"):
            if r.get(key) and not r[key]["ok"]:
                counts[f"{key}: failed"] += 1
        if r["sections"]["total"] and r["sections"]["found"] < r["sections"]["total"]:
            counts["sections: some missing"] += 1
    return counts
