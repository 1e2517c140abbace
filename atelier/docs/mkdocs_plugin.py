"""The MkDocs plugin: ```` ```atelier ```` blocks become rendered visuals at build time.

    plugins:
      - atelier

Each block is rendered with the offline planner (no model, no network), once per distinct input: renders are kept
in a cache folder beside mkdocs.yml (`.atelier-cache`, which can be committed). The files of each render are added
to the site as generated files (`File.generated`) under `assets/atelier/<key>/`, and the page links them with
URLs relative to itself, so they are right on nested pages and with or without directory URLs. After the build,
every address the plugin wrote is checked against the site folder (a missing file is a warning, which `--strict`
turns into a failed build).

Options (all optional): `cache_dir`, `fail_on_error` (default true: a block that cannot be rendered stops the
build; false: the page shows what went wrong instead, and the build goes on), `planner` (offline), `theme`.
"""

from __future__ import annotations

import logging
import posixpath
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..display import Embedding, css, error_figure, figure, script
from .blocks import Block, BlockError, find_blocks
from .cache import BlockCache

log = logging.getLogger("mkdocs.plugins.atelier")

DOCS = Embedding(widget_inline=False, downloads=True, prefer=(".svg", ".png"))
_ADDRESS = re.compile(r'\b(?:src|href)="([^"]*)"')


def _literal(text: str):
    """A re.sub replacement that inserts `text` as it is (backslashes in it are not group references)."""
    return lambda _match: text


class AtelierConfig(base.Config):
    cache_dir = c.Type(str, default=".atelier-cache")  # relative to mkdocs.yml
    fail_on_error = c.Type(bool, default=True)
    planner = c.Choice(("offline", "auto", "llm"), default="offline")
    theme = c.Optional(c.Type(str))
    assets = c.Type(str, default="assets/atelier")  # where the renders' files go in the site


@dataclass
class _Placed:
    """A rendered block waiting in a page for its HTML (Markdown has been turned into HTML around a marker)."""

    marker: str
    html: str


class AtelierPlugin(BasePlugin[AtelierConfig]):
    supports_multiple_instances = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        self.cache = BlockCache(root / self.config.cache_dir)
        self.assets = self.config.assets.strip("/")
        self.placed: dict[str, list[_Placed]] = {}
        self.addresses: list[tuple[str, str]] = []  # (page's dest_uri, address written into it)
        self.failed = 0
        for name, extra in (("atelier.css", config.extra_css), ("atelier.js", config.extra_javascript)):
            uri = f"{self.assets}/{name}"
            if uri not in [str(item) for item in extra]:
                extra.append(uri)
        return config

    def on_files(self, files: Files, config) -> Files:
        for name, text in (("atelier.css", css()), ("atelier.js", script())):
            uri = f"{self.assets}/{name}"
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, content=text))
        return files

    def on_page_markdown(self, markdown: str, page: Page, config, files: Files) -> str:
        found = find_blocks(markdown)
        if not found:
            return markdown
        lines = markdown.split("\n")
        placed: list[_Placed] = []
        page_dir = Path(page.file.abs_src_path).parent if page.file.abs_src_path else Path(config.docs_dir)
        for block in reversed(found):
            where = f"{page.file.src_uri}:{block.start + 1}"
            try:
                html = self._render(Block.parse(block.info, block.body, block.start + 1), page, page_dir, config,
                                    files)
            except BlockError as exc:
                html = self._failed(where, str(exc))
            except Exception as exc:  # noqa: BLE001 - a renderer's failure is the block's failure, said where
                # The traceback goes to the log at INFO: a warning would fail a --strict build that asked to go on.
                log.info("atelier block at %s: the render failed", where, exc_info=True)
                html = self._failed(where, f"the render failed: {type(exc).__name__}: {exc}")
            marker = f"atelierblock{secrets.token_hex(8)}"
            placed.append(_Placed(marker, html))
            lines[block.start:block.end] = ["", block.indent + marker, ""]
        self.placed[page.file.src_uri] = placed
        return "\n".join(lines)

    def _failed(self, where: str, message: str) -> str:
        if self.config.fail_on_error:
            raise PluginError(f"atelier block at {where}: {message}")
        self.failed += 1
        log.info("atelier block at %s could not be rendered (%s); the page says so (fail_on_error is off)",
                 where, message)
        return error_figure(message)

    def _render(self, block: Block, page: Page, page_dir: Path, config, files: Files) -> str:
        request = block.request(page_dir, Path(config.docs_dir), planner=self.config.planner, theme=self.config.theme)
        rendered = self.cache.get(request)
        for warning in rendered.manifest.get("warnings", []):
            log.info("atelier block at %s:%d: [%s] %s: %s", page.file.src_uri, block.line, warning["code"],
                     warning["where"], warning["detail"])
        for name in rendered.names:
            uri = f"{self.assets}/{rendered.key}/{name}"
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, abs_src_path=str(rendered.folder / name)))

        def src(name: str) -> str:
            file = files.get_file_from_path(f"{self.assets}/{rendered.key}/{name}")
            assert file is not None  # registered just above
            address = file.url_relative_to(page.file)
            self.addresses.append((page.file.dest_uri, address))
            return address

        return figure(rendered.folder, rendered.manifest, src, DOCS)

    def on_page_content(self, html: str, page: Page, config, files: Files) -> str:
        for item in self.placed.pop(page.file.src_uri, []):
            html, count = re.subn(rf"(?:<p>\s*)?{item.marker}(?:\s*</p>)?", _literal(item.html), html)
            if count != 1:
                raise PluginError(f"atelier: a block on {page.file.src_uri} lost its place in the page (the "
                                  "Markdown around it changed it); put the block on lines of its own")
        return html

    def on_post_build(self, config) -> None:
        site = Path(config.site_dir)
        missing = []
        for dest, address in self.addresses:
            path = urlsplit(address).path
            target = posixpath.normpath(posixpath.join(posixpath.dirname(dest), unquote(path)))
            if path.endswith("/"):
                target += "/index.html"
            if not (site / target).is_file():
                missing.append(f"{dest} → {address}")
        for item in missing:
            log.warning("atelier: a page links a file the site does not have: %s", item)
        unused = self.cache.unused()
        log.info("atelier: %d block(s): %d rendered, %d from the cache%s%s", self.cache.rendered + self.cache.hits
                 + self.failed, self.cache.rendered, self.cache.hits,
                 f", {self.failed} failed" if self.failed else "",
                 f"; {len(unused)} cache entr{'y' if len(unused) == 1 else 'ies'} no block uses" if unused else "")
