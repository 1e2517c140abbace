"""Widgets: one self-contained, network-free HTML file per plan, and a preview of it.

Trusted kinds (chart, table, calculator, quiz, flashcards, checklist, countdown, timeline, converter) are built
by our templates from the plan's data (see page.py); custom HTML is the model's own page, kept apart (custom.py).
"""

from __future__ import annotations

from renderers.base import RenderContext, RenderResult
from renderers.layout.script import language_of
from renderers.plan import plan_text

from .custom import custom_page
from .page import safe_language, trusted_page
from .plan import HtmlWidget, WidgetPlan
from .preview import write_preview

PAGE = "widget.html"


def render(plan: WidgetPlan, ctx: RenderContext) -> RenderResult:
    result = ctx.result(plan.title)
    spec = plan.widget
    trusted = not isinstance(spec, HtmlWidget)
    if isinstance(spec, HtmlWidget):
        page = custom_page(spec.html)
        html = page.html
        if page.removed:
            result.warn("unsafe_html_removed", "widget", "left out of the page because they could reach the network "
                        f"or escape its frame: {', '.join(page.removed[:12])}")
    else:
        lang = safe_language(plan.language, language_of(plan_text(plan)))
        html = trusted_page(plan, ctx.theme, lang)
    result.write(PAGE, html, "primary")
    result.details["widget_kind"] = spec.kind
    write_preview(ctx, result, PAGE, scripts=trusted)
    return result
