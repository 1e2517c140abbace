"""Widgets: one self-contained, network-free HTML file per plan, and a preview of it.

Trusted kinds (chart, table, calculator, quiz, flashcards, checklist, countdown, timeline, converter) are built
by our templates from the plan's data (see page.py); custom HTML is the model's own page, kept apart (custom.py).
"""

from __future__ import annotations

from ..base import RenderContext, RenderResult
from ..layout.script import language_of
from ..plan import plan_text
from ..plan.widget import HtmlWidget, WidgetPlan
from .custom import custom_page
from .page import safe_language, trusted_page
from .preview import write_preview

PAGE = "widget.html"


def render(plan: WidgetPlan, ctx: RenderContext) -> RenderResult:
    result = RenderResult(title=plan.title)
    spec = plan.widget
    trusted = not isinstance(spec, HtmlWidget)
    if trusted:
        lang = safe_language(plan.language, language_of(plan_text(plan)))
        html = trusted_page(plan, ctx.theme, lang)
    else:
        html = custom_page(spec.html)
    (ctx.out_dir / PAGE).write_text(html, encoding="utf-8")
    result.add(PAGE, "text/html", "primary")
    ctx.progress("file", {"name": PAGE})
    result.extra["widget_kind"] = spec.kind
    # What an embedding iframe needs: model-written pages get scripts only, never our origin or any other power.
    result.extra["sandbox"] = "allow-scripts"
    write_preview(ctx, result, PAGE, scripts=trusted)
    return result
