"""Every registered renderer, on a minimal plan of its modality, writes files that their real readers open."""

from __future__ import annotations

import json
import re
import subprocess
from html.parser import HTMLParser

import pytest
from lxml import etree
from PIL import Image
from pptx import Presentation

from modalities import registry
from modalities.registry import BUILTIN, names
from modalities.whiteboard.mermaid_in import parse_mermaid
from tests.conftest import excalidraw_problems, load_plan_dict, render_plan

SVG_NS = "{http://www.w3.org/2000/svg}"
EXTERNAL_URL = re.compile(r"""(?:src|href|action|url)\s*[=(]\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


def check_png(path, min_colors: int = 2):
    with Image.open(path) as im:
        im.load()
        assert im.width > 0 and im.height > 0
        colors = im.convert("RGB").getcolors(maxcolors=1 << 20)
        assert colors is None or len(colors) >= min_colors, f"{path.name} is blank"
        return im.size


def check_svg(path):
    root = etree.parse(str(path)).getroot()
    assert root.tag == f"{SVG_NS}svg"
    assert not root.findall(f".//{SVG_NS}script"), "SVG must not contain scripts"
    for el in root.iter():
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), f"event attribute {name} in SVG"
            if name.endswith("href"):
                assert value.startswith(("data:", "#")), f"external reference {value[:40]}"
    return root


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def check_html(path):
    text = path.read_text(encoding="utf-8")
    parser = _Collector()
    parser.feed(text)
    parser.close()
    tags = parser.tags
    csp = [a.get("content", "") for t, a in tags
           if t == "meta" and a.get("http-equiv", "").lower() == "content-security-policy"]
    assert csp, "the page must carry its own Content-Security-Policy"
    for tag, attrs in tags:
        assert tag not in ("img", "iframe", "object", "embed", "base", "form"), f"unexpected <{tag}>"
        assert not [a for a in attrs if a.lower().startswith("on")], f"event handler attribute on <{tag}>"
        for key in ("src", "href", "action"):
            value = attrs.get(key) or ""
            assert not re.match(r"^\s*(https?:)?//", value), f"<{tag} {key}={value!r}> reaches another host"
    return text, csp[0]


def check_pdf(path):
    """Poppler reads the PDF and counts its pages."""
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))
    assert pages > 0
    return pages


def check_video(path):
    """PyAV decodes the first frame of the file's video stream."""
    import av

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        frame = next(container.decode(stream))
        assert frame.width > 0 and frame.height > 0
        return stream.codec_context.name


def check_vtt(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("WEBVTT")
    return text


def check_gif(path):
    """Pillow reads every frame; an animation may start on an empty canvas, but some frame shows something."""
    with Image.open(path) as im:
        drawn = 0
        for index in range(getattr(im, "n_frames", 1)):
            im.seek(index)
            colors = im.convert("RGB").getcolors(maxcolors=1 << 20)
            drawn += colors is None or len(colors) > 1
        assert drawn, f"{path.name} is blank in every frame"
        return im.size


CHECKS = {
    ".pdf": check_pdf,
    ".mp4": check_video,
    ".webm": check_video,
    ".gif": check_gif,
    ".vtt": check_vtt,
    ".pptx": lambda p: Presentation(str(p)),
    ".svg": check_svg,
    ".png": check_png,
    ".webp": check_png,  # Pillow reads WebP too
    ".excalidraw": lambda p: json.loads(p.read_text(encoding="utf-8")),
    ".html": check_html,
    ".mmd": lambda p: parse_mermaid(p.read_text(encoding="utf-8")),
}


def test_every_modality_has_a_renderer():
    assert set(names()) == set(BUILTIN)


@pytest.mark.parametrize("modality", names())
def test_renderer_output_opens_in_real_readers(modality, tmp_path):
    result = render_plan(load_plan_dict(modality), tmp_path)
    assert result.files, "a render must produce files"
    assert sum(1 for f in result.files if f.role == "primary") == 1
    for f in result.files:
        path = tmp_path / f.name
        assert path.is_file() and path.stat().st_size > 0, f.name
        suffix = path.suffix
        assert suffix in CHECKS, f"no reader check for {f.name}"
        CHECKS[suffix](path)


@pytest.mark.parametrize("modality", names())
def test_a_renderer_writes_and_reports_what_its_spec_says(modality, tmp_path):
    """The spec is what the rest of Atelier believes about a modality (files and roles for ?format= and the
    viewers, steps for the progress bar): a renderer that strays from it is caught here."""
    spec = registry.spec(modality)
    events: list[tuple[str, dict]] = []
    result = render_plan(load_plan_dict(modality), tmp_path, progress=lambda e, d: events.append((e, d)), finish=False)
    for f in [*result.files, *result.pending]:
        kind = spec.file_kind(f.name)
        assert kind is not None, f"{f.name} is not among {modality}'s files in its spec"
        assert kind.role == f.role and kind.pending == (f in result.pending), f.name
    reported = [d.get("step") or d.get("name") for e, d in events if e in ("render", "file")]
    assert reported and set(reported) <= set(spec.steps), f"{reported} vs {spec.steps}"
    order = [spec.steps.index(step) for step in reported]
    assert order == sorted(order), f"{modality} reports {reported}, its spec says {spec.steps}"


def test_slides_deck_has_the_plans_slides_and_text(tmp_path):
    render_plan(load_plan_dict("slides"), tmp_path)
    prs = Presentation(str(tmp_path / "deck.pptx"))
    assert len(prs.slides) == 2
    assert abs(prs.slide_width / prs.slide_height - 16 / 9) < 0.01
    texts = [[sh.text_frame.text for sh in s.shapes if sh.has_text_frame] for s in prs.slides]
    assert "Minimal deck" in texts[0] and "A contract test" in texts[0]
    body = next(t for t in texts[1] if "First point" in t)
    assert body.split("\n") == ["First point", "A detail", "Second point"]


def test_infographic_svg_has_a_group_per_block_and_the_texts(tmp_path):
    render_plan(load_plan_dict("infographic"), tmp_path)
    root = check_svg(tmp_path / "infographic.svg")
    blocks = [g for g in root.iter(f"{SVG_NS}g") if g.get("data-kind")]
    assert [g.get("data-kind") for g in blocks] == ["stat", "list"]
    text = " ".join(t.text or "" for t in root.iter(f"{SVG_NS}text"))
    for expected in ("Minimal infographic", "42%", "of people", "Drink water", "Source: Test"):
        assert expected in text
    width, height = (int(root.get("width")), int(root.get("height")))
    assert check_png(tmp_path / "infographic.png") == (width, height)


def test_whiteboard_scene_binds_text_and_arrows(tmp_path):
    render_plan(load_plan_dict("whiteboard"), tmp_path)
    scene = json.loads((tmp_path / "board.excalidraw").read_text(encoding="utf-8"))
    assert excalidraw_problems(scene) == []
    arrows = [e for e in scene["elements"] if e["type"] == "arrow"]
    assert len(arrows) == 3
    assert all(a["startBinding"] and a["endBinding"] for a in arrows)
    shapes = {e["id"]: e for e in scene["elements"] if e["type"] in ("rectangle", "diamond", "ellipse")}
    assert {s["type"] for s in shapes.values()} == {"ellipse", "diamond", "rectangle"}
    labels = {e["containerId"]: e["originalText"] for e in scene["elements"]
              if e["type"] == "text" and e["containerId"] in shapes}
    assert sorted(labels.values()) == ["Is it ready?", "Ship it", "Start"]


def test_widget_is_one_file_with_no_external_url(tmp_path):
    render_plan(load_plan_dict("widget"), tmp_path)
    html, csp = check_html(tmp_path / "widget.html")
    assert not EXTERNAL_URL.search(html)
    assert "connect-src 'none'" in csp and "default-src 'none'" in csp


def test_image_has_requested_size_and_fallback_warning(tmp_path):
    result = render_plan(load_plan_dict("image"), tmp_path)
    assert check_png(tmp_path / "image.png", min_colors=50) == (512, 384)
    assert [w.code for w in result.warnings] == ["image_fallback"]
    assert result.details["seed"] == 7
