"""Rendering the same input through the Python API and through the `atelier render` command, to compare them."""

from __future__ import annotations

import json
from pathlib import Path

from server.cli import main as cli_main

NOTES = "# Tea\n## Green\nLight and grassy, steamed or pan-fired.\n## Black\nMalty and strong, fully oxidised.\n" \
        "## Oolong\nBetween the two, rolled and partly oxidised.\n"
# What each modality is asked for when the input is a document, and when it is a table.
PROMPTS = {
    "slides": "Make slides for the team",
    "infographic": "An infographic of the teas",
    "whiteboard": "Draw the kinds of tea",
    "widget": "A quiz about the teas",
    "image": "a cup of green tea on a wooden table",
}
SALES_CSV = "month,sales\nJan,120\nFeb,135\nMar,160\nApr,150\n"
SALES_RECORDS = [{"month": "Jan", "sales": 120}, {"month": "Feb", "sales": 135}, {"month": "Mar", "sales": 160},
                 {"month": "Apr", "sales": 150}]


def cli_render(out: Path, *args: str) -> dict:
    """Runs `atelier render ... -o out -q --no-pdf` (the command's own code, in this process); its manifest."""
    code = cli_main(["render", *args, "-o", str(out), "-q", "--no-pdf"])
    assert code == 0
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def comparable(manifest: dict) -> dict:
    """A manifest without what differs between two renders of the same input: its id, time and timings, and the
    size of Office files (a PPTX is a zip that records when it was written, so its size can differ by a byte)."""
    out = {k: v for k, v in manifest.items() if k not in ("id", "created", "timings_ms", "files")}
    out["files"] = [{k: v for k, v in f.items() if not (k == "bytes" and "openxmlformats" in f["media_type"])}
                    for f in manifest["files"]]
    return out
