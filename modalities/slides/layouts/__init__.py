"""One function per slide layout, each `(deck, slide number, plan slide) -> None`, adding scenes to the deck.

`cover`: title, section and closing slides; `points`: bullets, two columns, agenda, takeaways, quote; `flows`:
process and timeline drawn with shapes; `grids`: stat, icon grid and comparison; `data`: chart, table, image.
"""

from __future__ import annotations

from ..layout import LayoutFn
from . import cover, data, flows, grids, points

LAYOUTS: dict[str, LayoutFn] = {
    "title": cover.title,
    "section": cover.section,
    "closing": cover.closing,
    "bullets": points.bullets,
    "two_column": points.two_column,
    "agenda": points.agenda,
    "takeaways": points.takeaways,
    "quote": points.quote,
    "process": flows.process,
    "timeline": flows.timeline,
    "stat": grids.stat,
    "icons": grids.icons,
    "comparison": grids.comparison,
    "chart": data.chart,
    "table": data.table,
    "image": data.image,
}
