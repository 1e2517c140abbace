"""The Sphinx extension: the `.. atelier::` directive, rendered at build time with the same core as the MkDocs plugin.

    extensions = ["atelier.docs.sphinx_ext"]

    .. atelier:: infographic
       :prompt: Key numbers of the year
       :theme: dark

       # 2025 in numbers
       - Revenue grew 18 % to 4.2 M

The argument is the modality (optional), the options are those of a fenced block (`atelier.docs.blocks.OPTIONS`),
the content is the block's body. Renders are cached in `atelier_cache_dir` (beside conf.py, `.atelier-cache`);
the HTML builders copy each render's files to `_atelier/<key>/` and link them relative to the page. Settings in
conf.py: `atelier_cache_dir`, `atelier_fail_on_error` (True), `atelier_planner` ("offline"), `atelier_theme`.
Builders other than HTML leave the blocks out.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from ..display import ASSETS, Embedding, error_figure, figure
from .blocks import OPTIONS, Block, BlockError
from .cache import BlockCache

log = logging.getLogger(__name__)
DOCS = Embedding(widget_inline=False, downloads=True, prefer=(".svg", ".png"))
SITE_FOLDER = "_atelier"
_caches: dict[str, BlockCache] = {}


class atelier_block(nodes.General, nodes.Element):  # noqa: N801 - docutils names nodes in lower case
    """A rendered block: `folder` (its cache entry) and `key`; or `error`, the message of one that failed."""


def _cache(folder: str) -> BlockCache:
    if folder not in _caches:
        _caches[folder] = BlockCache(Path(folder))
    return _caches[folder]


class AtelierDirective(SphinxDirective):
    optional_arguments = 1
    has_content = True
    option_spec = dict.fromkeys(OPTIONS, directives.unchanged)

    def run(self) -> list[nodes.Node]:
        source, line = self.get_source_info()
        where = f"{Path(source).name}:{line}"
        try:
            block = Block(info=".. atelier::", body="\n".join(self.content), line=line,
                          modality=self.arguments[0] if self.arguments else None, options=dict(self.options))
            block.check()
            request = block.request(Path(source).parent, Path(self.env.srcdir), planner=self.config.atelier_planner,
                                    theme=self.config.atelier_theme)
            rendered = _cache(self.config.atelier_cache_dir).get(request)
        except Exception as exc:  # noqa: BLE001 - every failure is the block's, said where
            message = str(exc) if isinstance(exc, BlockError) else f"the render failed: {type(exc).__name__}: {exc}"
            if not isinstance(exc, BlockError):
                log.info("atelier block at %s: the render failed", where, exc_info=True)
            if self.config.atelier_fail_on_error:
                raise ExtensionError(f"atelier block at {where}: {message}") from None
            log.info("atelier block at %s could not be rendered (%s); the page says so (atelier_fail_on_error is "
                     "off)", where, message)
            return [atelier_block(error=message)]
        return [atelier_block(folder=str(rendered.folder), key=rendered.key)]


def visit_html(self, node: atelier_block) -> None:
    if node.get("error"):
        self.body.append(error_figure(node["error"]))
        raise nodes.SkipNode
    folder = Path(node["folder"])
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    target = Path(self.builder.outdir) / SITE_FOLDER / node["key"]
    target.mkdir(parents=True, exist_ok=True)
    for f in manifest["files"]:
        if not (target / f["name"]).is_file():
            shutil.copy2(folder / f["name"], target / f["name"])
    page = self.builder.get_target_uri(self.builder.current_docname)

    def src(name: str) -> str:
        return relative_uri(page, f"{SITE_FOLDER}/{node['key']}/{name}")

    self.body.append(figure(folder, manifest, src, DOCS))
    raise nodes.SkipNode


def skip(self, node: atelier_block) -> None:
    raise nodes.SkipNode


def _config_inited(app: Sphinx, config: Any) -> None:
    config.atelier_cache_dir = str((Path(app.confdir) / config.atelier_cache_dir).resolve())


def _builder_inited(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.config.html_static_path.append(str(ASSETS))
        app.add_css_file("atelier.css")
        app.add_js_file("atelier.js")


def _build_finished(app: Sphinx, exception: BaseException | None) -> None:
    cache = _caches.get(app.config.atelier_cache_dir)
    if cache is not None and exception is None:
        log.info("atelier: %d rendered, %d from the cache", cache.rendered, cache.hits)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("atelier_cache_dir", ".atelier-cache", "env", str)
    app.add_config_value("atelier_fail_on_error", True, "env", bool)
    app.add_config_value("atelier_planner", "offline", "env", str)
    app.add_config_value("atelier_theme", None, "env", (str, type(None)))
    app.add_node(atelier_block, html=(visit_html, None), latex=(skip, None), text=(skip, None), man=(skip, None),
                 texinfo=(skip, None))
    app.add_directive("atelier", AtelierDirective)
    app.connect("config-inited", _config_inited)
    app.connect("builder-inited", _builder_inited)
    app.connect("build-finished", _build_finished)
    return {"version": "1", "parallel_read_safe": False, "parallel_write_safe": True}
