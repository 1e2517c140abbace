"""Custom HTML through an allow-list, before it is stored: what may stay in a model-written page, and what went.

A custom widget (`kind: html`) is written by a model, maybe one under prompt injection, so its markup is parsed
by a real HTML parser (ammonia, through nh3) and rebuilt from an allow-list: document text and structure, forms'
inputs, inline SVG, inline styles and inline scripts (the widget's own behaviour). Everything that could fetch,
navigate or make a fresh set of globals is not on the list, so it is not in the stored page at all:

- frames and embedded objects (`iframe`, `frame`, `object`, `embed`, `portal`, `fencedframe`), and `srcdoc`;
- `template` (a declarative shadow root is a template with `shadowrootmode`, whose inside no guard script sees);
- `meta` (refresh, a second policy), `link` (prefetch, preconnect, stylesheets), `base`;
- scripts of any type but JavaScript and JSON data (speculation rules, import maps), and any `src`;
- URLs: only same-page anchors (`href="#..."`) and `data:` pictures; no `action`, `formaction` or `target`.

What the page's scripts do at run time is the business of the policy and the guard (see custom.py); this list makes
sure the markup itself cannot hold what they would have to catch.
"""

from __future__ import annotations

import re
from collections import Counter

import nh3

_TEXT = {
    "a", "abbr", "address", "article", "aside", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code",
    "col", "colgroup", "data", "dd", "del", "details", "dfn", "dialog", "div", "dl", "dt", "em", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "i", "img", "ins", "kbd",
    "li", "main", "mark", "nav", "ol", "p", "picture", "pre", "q", "rp", "rt", "ruby", "s", "samp", "section",
    "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
    "title", "tr", "u", "ul", "var", "wbr",
}
_INTERACTIVE = {
    "button", "canvas", "datalist", "fieldset", "form", "input", "label", "legend", "meter", "optgroup", "option",
    "output", "progress", "select", "textarea",
}
_CODE = {"script", "style"}
# Inline SVG for drawings and charts; not `foreignObject` (HTML inside SVG), `image`, `animate` or `set` (which can
# point an href anywhere), `use` only with a same-page href.
_SVG = {
    "svg", "g", "path", "circle", "ellipse", "line", "polyline", "polygon", "rect", "text", "tspan", "textPath",
    "defs", "linearGradient", "radialGradient", "stop", "marker", "clipPath", "mask", "pattern", "symbol", "use",
    "desc",
}
TAGS = _TEXT | _INTERACTIVE | _CODE | _SVG
# Removed with everything inside them: their content is not text a reader should see either.
DROPPED_WHOLE = {
    "iframe", "frame", "frameset", "object", "embed", "portal", "fencedframe", "template", "noscript", "noembed",
    "noframes", "xmp", "applet", "math",
}

_GLOBAL = {"class", "id", "style", "title", "lang", "dir", "hidden", "tabindex", "role", "translate", "draggable",
           "contenteditable", "spellcheck", "slot", "inert", "popover"}
_SVG_ATTRIBUTES = {
    "viewBox", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "d", "points",
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
    "stroke-linejoin", "stroke-dasharray", "stroke-dashoffset", "opacity", "transform", "font-size", "font-family",
    "font-weight", "text-anchor", "dominant-baseline", "dx", "dy", "offset", "stop-color", "stop-opacity",
    "gradientUnits", "gradientTransform", "preserveAspectRatio", "xmlns", "marker-start", "marker-mid", "marker-end",
    "markerWidth", "markerHeight", "refX", "refY", "orient", "clip-path", "mask", "patternUnits", "rotate",
    "startOffset", "href", "vector-effect", "pathLength",
}
_FORM = {"type", "name", "value", "min", "max", "step", "checked", "disabled", "placeholder", "readonly", "required",
         "selected", "multiple", "size", "rows", "cols", "for", "maxlength", "minlength", "pattern", "list", "label",
         "low", "high", "optimum", "open", "form", "autocomplete", "inputmode", "wrap"}
ATTRIBUTES = {
    "*": _GLOBAL,
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "canvas": {"width", "height"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
    "col": {"span"}, "colgroup": {"span"},
    "ol": {"start", "reversed", "type"}, "li": {"value"},
    "time": {"datetime"}, "data": {"value"}, "q": {"cite"}, "blockquote": {"cite"},
    "details": {"open"}, "dialog": {"open"},
    **{tag: _FORM for tag in _INTERACTIVE if tag not in {"canvas", "datalist"}},
    "datalist": {"id"},
    **{tag: _SVG_ATTRIBUTES for tag in _SVG},
}
# The only script types kept: classic and module JavaScript, and JSON data blocks. Any other type (speculation
# rules, import maps) is dropped from the element, which leaves a script that fails to parse and does nothing.
_SCRIPT_TYPES = {"script": {"type": {"text/javascript", "application/javascript", "module", "application/json"}}}
# Handlers (onclick=...) are inline script, which the page may run anyway; data-* and aria-* are plain data.
_PREFIXES = {"on", "data-", "aria-"}


def _keep_url(tag: str, attribute: str, value: str) -> str | None:
    """Only same-page links and data: pictures: nothing in the markup names another address."""
    if attribute == "href":
        return value if value.strip().startswith("#") else None
    if attribute == "src":
        return value if value.strip().lower().startswith("data:image/") else None
    return value


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute in ("href", "src"):
        return _keep_url(tag, attribute, value)
    return value


_TAG = re.compile(r"<\s*([a-zA-Z][a-zA-Z0-9-]*)")
_RISKY_ATTRIBUTES = re.compile(r"""\s(srcdoc|shadowrootmode|shadowroot|http-equiv|formaction|action|target|src)\s*=""",
                               re.IGNORECASE)


def clean(html: str) -> str:
    """The page's markup rebuilt from the allow-list (the body's content; head and body tags are dropped)."""
    return nh3.clean(
        html, tags=TAGS, clean_content_tags=DROPPED_WHOLE, attributes=ATTRIBUTES, tag_attribute_values=_SCRIPT_TYPES,
        generic_attribute_prefixes=_PREFIXES, attribute_filter=_attribute_filter, url_schemes={"data"},
        link_rel=None, strip_comments=True,
    )


_SCRIPT_EDGE = re.compile(r"<(/?)(script|style)\b[^>]{0,2000}>?", re.IGNORECASE)


def _markup_only(html: str) -> str:
    """The text with the insides of scripts and styles left out (a `<iframe` in a script's string is no tag). One
    linear pass: each edge's attributes are read at most 2,000 characters far."""
    parts: list[str] = []
    inside: str | None = None
    position = 0
    for edge in _SCRIPT_EDGE.finditer(html):
        closing, name = edge.group(1) == "/", edge.group(2).lower()
        if inside is None and not closing:
            parts.append(html[position:edge.end()])
            inside = name
        elif inside == name and closing:
            position = edge.start()
            inside = None
    if inside is None:
        parts.append(html[position:])
    return "".join(parts)


def removed(before: str, after: str) -> list[str]:
    """What the allow-list took out, for a warning: tag names that are gone, and risky attributes that were there.

    A rough count of the markup (scripts' insides left out), good enough to tell a reader what went.
    """
    before, after = _markup_only(before), _markup_only(after)
    kept = Counter(t.lower() for t in _TAG.findall(after))
    gone = Counter(t.lower() for t in _TAG.findall(before))
    gone.subtract(kept)
    skip = {"html", "head", "body", "meta"}  # a meta that did harm shows as http-equiv below
    names = sorted(f"<{t}>" for t, n in gone.items() if n > 0 and t not in skip)
    attributes = sorted({m.lower() for m in _RISKY_ATTRIBUTES.findall(before)} -
                        {m.lower() for m in _RISKY_ATTRIBUTES.findall(after)})
    return names + attributes


_BODY = re.compile(r"<body\b", re.IGNORECASE)
_ATTRIBUTES_TO_END = re.compile(r"([^>]{0,2000})>")
_DIV_ATTRIBUTES = re.compile(r"^<div\b([^>]*)>")


def body_attributes(html: str) -> str:
    """The page's own <body> attributes (a class, a style, a handler), through the same allow-list, ready to put on
    the body of the rebuilt page (" class=\"dark\"", or ""). The parser drops the body tag itself."""
    start = _BODY.search(html)
    m = _ATTRIBUTES_TO_END.match(html, start.end()) if start else None  # the first <body> only: one bounded read
    if not m:
        return ""
    cleaned = _DIV_ATTRIBUTES.match(clean(f"<div{m.group(1)}></div>"))
    return cleaned.group(1) if cleaned else ""


_LANG = re.compile(r"<html\b[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3})", re.IGNORECASE)


def page_language(html: str) -> str | None:
    """The language the page declares on its <html> element, when it is a well-formed tag."""
    m = _LANG.search(html, 0, 4000)
    return m.group(1) if m else None
