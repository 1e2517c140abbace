"""The system parts some tests need (a browser, LibreOffice, Node, the image extra), and what a test does when one
is missing: locally it skips with a reason that says how to install it; in CI (ATELIER_CI=1, set by .ci/run),
where scripts/setup.sh installs everything, a missing part fails the test instead of hiding it."""

from __future__ import annotations

import importlib.util
import os
import shutil

import pytest


def _chromium() -> bool:
    from server.browser import find_chromium

    return find_chromium() is not None


def _modules(*names: str):
    return lambda: all(importlib.util.find_spec(n) is not None for n in names)


PARTS = {
    "chromium": (_chromium, "Debian's chromium; scripts/setup.sh installs it"),
    "libreoffice": (lambda: shutil.which("soffice") is not None, "Debian's libreoffice-impress; scripts/setup.sh"),
    "node": (lambda: bool(shutil.which("node") and shutil.which("npm")), "Node 20 with npm; scripts/setup.sh"),
    "image": (_modules("torch", "diffusers", "transformers", "numpy"),
              "the [image] extra (torch, diffusers); scripts/setup.sh installs it"),
    "linters": (_modules("ruff", "mypy"), "the [dev] extra (ruff, mypy); scripts/setup.sh installs it"),
}


def strict() -> bool:
    return os.environ.get("ATELIER_CI", "") not in ("", "0")


def has(part: str) -> bool:
    return PARTS[part][0]()


def need(part: str) -> None:
    """Skips the calling test (or fixture) when `part` is missing, and fails it in CI."""
    if has(part):
        return
    message = f"{part} is not installed ({PARTS[part][1]})"
    if strict():
        pytest.fail(f"{message}; CI runs every test, so every part must be installed")
    pytest.skip(message)
