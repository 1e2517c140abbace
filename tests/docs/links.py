"""Reading a built site's pages: its Atelier figures, and the src/href addresses that point at nothing."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class Addresses(HTMLParser):
    """Every src/href of a page, with its tag, and how many Atelier figures it has."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str]] = []
        self.figures = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "figure" and "atelier" in (values.get("class") or "").split():
            self.figures += 1
        for name in ("src", "href"):
            if values.get(name) is not None:
                self.found.append((tag, values[name] or ""))


def read(page: Path) -> Addresses:
    parser = Addresses()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def unresolved(site: Path, skip: tuple[str, ...] = ()) -> tuple[list[str], int]:
    """(addresses in the site's pages that resolve to no file, how many addresses were checked). Addresses with a
    scheme (https:, data:, mailto:) and anchors are not files; pages under a folder named in `skip` are left out."""
    missing: list[str] = []
    checked = 0
    for page in site.rglob("*.html"):
        if set(page.relative_to(site).parts) & set(skip):
            continue
        for tag, address in read(page).found:
            parts = urlsplit(address)
            if parts.scheme or address.startswith(("#", "//")) or not parts.path:
                continue
            path = unquote(parts.path)
            target = site / path.lstrip("/") if path.startswith("/") else page.parent / path
            if target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.resolve().is_file():
                missing.append(f"{page.relative_to(site)}: <{tag}> {address}")
    return missing, checked
