"""The Sphinx directive, through a real `sphinx-build -W` of a small project with a nested page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.docs.links import read, unresolved

pytest.importorskip("sphinx", reason="the docs extra (sphinx) is not installed")
pytestmark = pytest.mark.slow

CONF = 'project = "Atelier blocks"\nextensions = ["atelier.docs.sphinx_ext"]\nhtml_theme = "alabaster"\n'
SOURCES = {
    "index.rst": """Home
====

.. toctree::

   guide/page

.. atelier:: infographic
   :prompt: Key numbers of the year

   # 2025 in numbers
   - Revenue grew 18% to 4.2 M
   - 120 new customers
""",
    "guide/page.rst": """Guide
=====

.. atelier:: slides

   # Tea
   ## Green
   Light and grassy.
   ## Black
   Malty and strong.

.. atelier:: widget
   :data: sales.csv
   :prompt: Sales by month
""",
    "guide/sales.csv": "month,sales\nJan,120\nFeb,135\nMar,160\n",
}


def make_project(root: Path, conf: str = CONF, sources: dict[str, str] = SOURCES) -> Path:
    (root / "conf.py").write_text(conf, encoding="utf-8")
    for name, text in sources.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def build(root: Path) -> subprocess.CompletedProcess:
    # -E: read every page again, so the second build meets every block again (and finds it in the cache).
    return subprocess.run([sys.executable, "-m", "sphinx", "-E", "-W", "-b", "html", str(root), str(root / "_build")],
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("sphinx"))
    first = build(root)
    assert first.returncode == 0, first.stderr + first.stdout
    second = build(root)
    return root, first, second


def test_blocks_become_figures_with_their_files_and_every_link_resolves(project):
    root, first, _ = project
    assert "atelier: 3 rendered, 0 from the cache" in first.stdout
    out = root / "_build"
    assert read(out / "index.html").figures == 1
    page = out / "guide" / "page.html"
    assert read(page).figures == 2
    html = page.read_text(encoding="utf-8")
    assert 'src="../_atelier/' in html and 'sandbox="allow-scripts"' in html and "download>PowerPoint</a>" in html
    assert (out / "_static" / "atelier.js").is_file() and (out / "_static" / "atelier.css").is_file()
    missing, checked = unresolved(out, skip=("_atelier", "_static"))
    assert missing == [] and checked > 10


def test_the_second_build_is_served_from_the_cache(project):
    _, _, second = project
    assert second.returncode == 0, second.stderr
    assert "atelier: 0 rendered, 3 from the cache" in second.stdout


@pytest.mark.parametrize("fail_on_error", [True, False])
def test_a_broken_block_fails_the_build_only_with_fail_on_error(project, tmp_path, fail_on_error):
    cache = project[0] / ".atelier-cache"
    conf = CONF + f"atelier_cache_dir = {str(cache)!r}\natelier_fail_on_error = {fail_on_error}\n"
    broken = {**SOURCES, "index.rst": SOURCES["index.rst"] + "\n.. atelier:: poster\n\n   A poster\n"}
    result = build(make_project(tmp_path, conf, broken))
    if fail_on_error:
        assert result.returncode != 0
        assert "atelier block at index.rst:" in result.stderr and "unknown modality 'poster'" in result.stderr
    else:
        assert result.returncode == 0, result.stderr
        assert "atelier-error" in (tmp_path / "_build" / "index.html").read_text(encoding="utf-8")
        assert "could not be rendered" in result.stdout
