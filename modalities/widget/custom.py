"""Custom HTML (`kind: html`): a model-written page, kept as written, behind our own guard placed first.

The page is never trusted. The server serves it only with a `sandbox` CSP header and inside a sandboxed iframe,
and its preview is drawn with scripts turned off, so model-written code never runs on the server.

Content-Security-Policy stops fetches, sockets, images and the like from reaching other hosts, but browsers do
not apply it to WebRTC, and a nested frame would start with a fresh set of globals. So before any of the page's
own code runs, `GUARD` removes the WebRTC constructors, refuses to create frames (by element or by markup, the
latter through a Trusted Types default policy that every HTML sink must pass), and removes frames and
connection hints (preconnect, prefetch) that the page's markup contains, as the parser adds them.
The page also gets a small script that reports its height to the embedding page, as every Atelier widget does.
"""

from __future__ import annotations

import re

from .csp import CUSTOM_POLICY

_DOCTYPE = re.compile(r"^\ufeff?\s*<!doctype[^>]*>", re.IGNORECASE)

GUARD = """<script>
(function () {
  "use strict";
  var lock = function (target, name, value) {
    try { Object.defineProperty(target, name, { value: value, writable: false, configurable: false }); } catch (e) { /* already locked */ }
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
  var BANNED = "iframe,frame,frameset,object,embed,portal,fencedframe,link[rel~=preconnect i],link[rel~=dns-prefetch i]," +
               "link[rel~=prefetch i],link[rel~=prerender i],link[rel~=preload i],link[rel~=modulepreload i]";
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
HEIGHT_REPORTER = """<script>
(function () {
  var last = 0;
  function report() {
    var h = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (h === last || window.parent === window) return;
    last = h;
    window.parent.postMessage({ type: "atelier:resize", height: h }, "*");
  }
  addEventListener("load", report);
  addEventListener("message", function (e) {
    if (e.source === window.parent && e.data && e.data.type === "atelier:hello") { last = 0; report(); }
  });
  if (window.ResizeObserver) new ResizeObserver(report).observe(document.documentElement);
})();
</script>"""


def custom_page(html: str) -> str:
    """The model's page with the policy, the guard and the height reporter placed at its very start.

    They go after the doctype when there is one (anything before it would switch the page to quirks mode); a
    <meta> or <script> before <html> is moved into the head by every HTML parser, ahead of the page's own tags.
    """
    head = (f'<meta http-equiv="Content-Security-Policy" content="{CUSTOM_POLICY}">\n'
            f'<meta http-equiv="x-dns-prefetch-control" content="off">\n{GUARD}\n{HEIGHT_REPORTER}\n')
    m = _DOCTYPE.match(html)
    if m:
        return html[: m.end()] + "\n" + head + html[m.end():]
    return head + html
