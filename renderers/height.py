"""The script by which every page Atelier frames reports its height: one source, inlined into each page.

A widget, an embed viewer, the embed page of a custom widget and the custom widget's own file all sit in iframes,
and whatever frames them (the canvas, the embed loader /embed.js, a relay page of ours) sizes the iframe from the
`{type: "atelier:resize", height}` messages they post. These pages load nothing from anywhere (their policies
forbid it, and a downloaded widget is opened from file://), so each carries the script inline: `SCRIPT` (height.js)
defines `reportHeight`, `watchHeight` and `relayHeight` and starts nothing; it goes first in the page's own script,
whose "use strict" it carries, and the page then starts what it needs.
"""

from __future__ import annotations

import re
from pathlib import Path


def inline_safe(code: str, name: str) -> str:
    """Script text that can sit inside <script>…</script> as is: nothing in it ends or comments out the element."""
    if re.search(r"</script|<!--", code, re.IGNORECASE):
        raise ValueError(f"{name} contains '</script' or '<!--' and cannot be inlined")
    return code


SCRIPT = inline_safe(Path(__file__).with_name("height.js").read_text(encoding="utf-8"), "height.js")


def script_element(start: str) -> str:
    """A `<script>` element that runs SCRIPT, then `start`, inside a function of its own: it leaves no names behind
    for a page whose other scripts are not ours."""
    return f"<script>\n(function () {{\n{SCRIPT}{start}\n}})();\n</script>"
