"""Custom HTML (`kind: html`): a model-written page, sanitised, guarded, and shown only inside a sandboxed frame.

The page is never trusted, and the promise is no network, anywhere, ever: from the embed on someone else's page,
from /embed/{id}, from /render/{id}/widget.html, and from the downloaded file opened on a desktop. So the guarantee
sits where the page cannot undo it, in three layers:

1. Before it is stored, the markup is rebuilt from an allow-list (sanitise.py): no frames, no `srcdoc`, no
   declarative shadow roots, no meta refresh, no speculation rules, no URLs but same-page anchors and data: pictures.
2. The stored `widget.html` is a small page of ours, whose `<meta>` policy lets nothing load (`default-src 'none'`,
   `frame-src 'none'`), holding the model's page in an `<iframe sandbox="allow-scripts" srcdoc>`. The framed page
   inherits that policy, has an opaque origin, may not open windows or navigate the top page, and every navigation
   of its own frame (`location=`, a link, a refresh) is checked against our `frame-src 'none'` and refused: the
   page can never become a top-level document, where navigations and speculation rules escape any policy.
3. Content-Security-Policy does not cover WebRTC, and a nested frame would start with fresh globals. So before any
   of the page's own code runs, `GUARD` removes the WebRTC constructors, refuses to create frames (by element or by
   markup, the latter through a Trusted Types default policy that every HTML sink must pass), and removes frames
   and connection hints that markup added at run time contains, as the parser adds them.

The server also serves the file with a `sandbox` CSP header, and its preview is drawn with scripts turned off, so
model-written code never runs on the server. The framed page reports its height, which our page passes on to
whoever embeds it, as every Atelier widget does.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from renderers.height import script_element

from . import sanitise
from .csp import CUSTOM_POLICY

GUARD = """<script>
(function () {
  "use strict";
  var lock = function (target, name, value) {
    try {
      Object.defineProperty(target, name, { value: value, writable: false, configurable: false });
    } catch (e) { /* already locked */ }
  };
  Object.getOwnPropertyNames(window).forEach(function (name) {
    if (/^(webkit)?RTC|^XSLTProcessor$/.test(name)) lock(window, name, undefined);
  });
  var FRAME_TAG = /^(iframe|frame|frameset|object|embed|portal|fencedframe)$/i;
  var FRAME_MARKUP = /<\\s*(iframe|frame|frameset|object|embed|portal|fencedframe)[\\s\\/>]/i;
  var refuse = function () { throw new TypeError("This page may not create frames or embedded objects."); };
  var create = Document.prototype.createElement, createNS = Document.prototype.createElementNS;
  lock(Document.prototype, "createElement", function (tag) {
    if (FRAME_TAG.test(String(tag))) refuse();
    return create.apply(this, arguments);
  });
  lock(Document.prototype, "createElementNS", function (ns, tag) {
    if (FRAME_TAG.test(String(tag).split(":").pop())) refuse();
    return createNS.apply(this, arguments);
  });
  if (window.trustedTypes && window.trustedTypes.createPolicy) {
    window.trustedTypes.createPolicy("default", {
      createHTML: function (html) { if (FRAME_MARKUP.test(html)) refuse(); return html; },
      createScript: function (code) { return code; },
      createScriptURL: function () { return null; }
    });
  }
  var BANNED = "iframe,frame,frameset,object,embed,portal,fencedframe," +
               "link[rel~=preconnect i],link[rel~=dns-prefetch i],link[rel~=prefetch i],link[rel~=prerender i]," +
               "link[rel~=preload i],link[rel~=modulepreload i]," +
               "script[type=speculationrules i],meta[http-equiv]";
  var sweep = function (node) {
    if (node.nodeType !== 1) return;
    if (node.matches(BANNED)) { node.remove(); return; }
    node.querySelectorAll(BANNED).forEach(function (n) { n.remove(); });
  };
  new MutationObserver(function (records) {
    records.forEach(function (r) { r.addedNodes.forEach(sweep); });
  }).observe(document, { childList: true, subtree: true });
})();
</script>"""

# Runs before the page's own scripts; it only posts numbers to the parent window.
HEIGHT_REPORTER = script_element("watchHeight();")


@dataclass
class CustomPage:
    """The page to store, and what the allow-list took out of the model's markup (for a warning)."""

    html: str
    removed: list[str]


# Our page around the model's: it runs only this relay, and lets nothing load or navigate. Its policy is inherited by
# the srcdoc frame, so it allows inline scripts (the widget's own) and Trusted Types' default policy (the guard's).
RELAY = script_element('relayHeight(document.getElementById("atelier-widget"), true);')

STOPPED = {"en": "This widget tried to leave its page and was stopped.", "zh": "這個小工具試圖離開頁面，已被停止。"}
_TITLE = re.compile(r"<title>([^<]{1,200})</title>", re.IGNORECASE)


def _inner_page(markup: str, lang: str, body: str = "") -> str:
    """The model's sanitised markup as a page of its own, with the policy, the guard and the height reporter
    first, before any of the page's own scripts."""
    return (f'<!doctype html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{CUSTOM_POLICY}">\n'
            f'<meta http-equiv="x-dns-prefetch-control" content="off">\n{GUARD}\n{HEIGHT_REPORTER}\n'
            f'</head>\n<body{body}>\n{markup}\n</body>\n</html>\n')


def custom_page(source: str) -> CustomPage:
    """The stored file of a custom widget: the model's page, sanitised and guarded, framed by a page of ours."""
    markup = sanitise.clean(source)
    lang = sanitise.page_language(source) or "en"
    found = _TITLE.search(markup)
    title = html.unescape(found.group(1)).strip() if found else ""
    inner = _inner_page(markup, lang, sanitise.body_attributes(source))
    page = (f'<!doctype html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{CUSTOM_POLICY}">\n'
            f'<meta http-equiv="x-dns-prefetch-control" content="off">\n'
            '<meta name="referrer" content="no-referrer">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title or 'Widget')}</title>\n"
            "<style>html, body { margin: 0; background: transparent; } "
            "iframe { display: block; width: 100%; height: 100vh; border: 0; } "
            "p { font: 15px/1.5 system-ui, sans-serif; padding: 24px; margin: 0; color: #5B6475; }</style>\n"
            f'</head>\n<body data-stopped="{html.escape(STOPPED["zh" if lang.lower().startswith("zh") else "en"])}">\n'
            f'<iframe id="atelier-widget" sandbox="allow-scripts" title="{html.escape(title or "Widget")}" '
            f'srcdoc="{html.escape(inner, quote=True)}"></iframe>\n{RELAY}\n</body>\n</html>\n')
    return CustomPage(page, sanitise.removed(source, markup))
