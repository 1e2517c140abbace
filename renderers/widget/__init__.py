"""Widgets: one self-contained, network-free HTML file per plan, built from trusted templates.

Templates are jinja2 with autoescaping; the plan's data reaches the page only as JSON in a
`<script type="application/json">` block (HTML-escaped by `tojson`) and is put into the DOM as text.
Custom HTML (`kind: html`) is the one place model-written markup is kept: it gets the same CSP meta tag and is
only ever served inside a sandboxed iframe (see server/routes/embed.py).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..base import RenderContext, RenderResult
from ..layout.script import language_of
from ..plan import plan_text
from ..plan.widget import HtmlWidget, WidgetPlan

# No network at all: scripts, styles and images only from the page itself.
CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
    "connect-src 'none'; media-src data:; frame-src 'none'; worker-src 'none'; object-src 'none'; base-uri 'none'; "
    "form-action 'none'"
)

LABELS = {
    "en": {
        "data": "Show the data", "filter": "Filter rows", "showing": "Showing {n} of {total} rows",
        "results": "Results", "check": "Check answers", "reset": "Start over", "correct": "Correct.",
        "wrong": "Not quite.", "unanswered": "No answer.", "answer": "Answer", "score": "Score: {n} / {total}",
        "flip": "Flip card", "prev": "Previous", "next": "Next", "shuffle": "Shuffle", "progress": "Progress",
        "done": "{n} of {total} done", "days": "days", "hours": "hours", "minutes": "minutes", "seconds": "seconds",
        "until": "until {label}", "reached": "{label}: now", "amount": "Amount", "from": "From", "to": "To",
        "swap": "Swap units",
    },
    "zh": {
        "data": "顯示資料", "filter": "篩選資料列", "showing": "顯示 {total} 列中的 {n} 列", "results": "結果",
        "check": "檢查答案", "reset": "重新開始", "correct": "答對了。", "wrong": "答錯了。", "unanswered": "未作答。",
        "answer": "正確答案", "score": "得分：{n} / {total}", "flip": "翻轉卡片", "prev": "上一張", "next": "下一張",
        "shuffle": "洗牌", "progress": "進度", "done": "已完成 {n} / {total}", "days": "天", "hours": "時",
        "minutes": "分", "seconds": "秒", "until": "距離{label}", "reached": "{label}：已到", "amount": "數量",
        "from": "從", "to": "到", "swap": "交換單位",
    },
}


@lru_cache(maxsize=1)
def _env() -> Environment:
    folder = Path(__file__).with_name("templates")
    return Environment(loader=FileSystemLoader(str(folder)), autoescape=select_autoescape(default=True,
                       default_for_string=True), trim_blocks=True, lstrip_blocks=True)


@lru_cache(maxsize=1)
def plotly_js() -> str:
    """plotly.js as shipped inside the installed plotly package (no CDN)."""
    return resources.files("plotly").joinpath("package_data/plotly.min.js").read_text(encoding="utf-8")


def _language(plan: WidgetPlan) -> str:
    if plan.language:
        return plan.language
    return language_of(plan_text(plan))


def custom_html(html: str) -> str:
    """Model-written HTML with the no-network CSP placed first, so even a direct open cannot reach the network.

    A <meta> before <html> is moved into the document's head by every HTML parser, ahead of anything else.
    """
    return f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n' + html


def render(plan: WidgetPlan, ctx: RenderContext) -> RenderResult:
    result = RenderResult(title=plan.title)
    spec = plan.widget
    if isinstance(spec, HtmlWidget):
        html = custom_html(spec.html)
        result.extra["sandbox"] = "allow-scripts"
    else:
        lang = _language(plan)
        labels = LABELS["zh" if lang.startswith("zh") else "en"]
        data = {
            "title": plan.title,
            "widget": spec.model_dump(mode="json"),
            "labels": labels,
            "colors": list(ctx.theme.palette.series),
        }
        if spec.kind == "chart":
            data["summary"] = f"{spec.chart.kind.value} chart: " + ", ".join(s.name for s in spec.chart.series)
        template = _env().get_template("base.html.j2")
        html = template.render(
            lang=lang,
            csp=CSP,
            title=plan.title,
            description=plan.description,
            kind=spec.kind,
            kind_script=f"{spec.kind}.js",
            data=data,
            pal=ctx.theme.palette,
            dark=ctx.theme.dark,
            plotly=plotly_js() if spec.kind == "chart" else None,
        )
        result.extra["sandbox"] = "allow-scripts allow-same-origin"
    (ctx.out_dir / "widget.html").write_text(html, encoding="utf-8")
    result.add("widget.html", "text/html", "primary")
    ctx.progress("file", {"name": "widget.html"})
    result.extra["widget_kind"] = spec.kind
    return result
