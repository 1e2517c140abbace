"""Narration muxed as sound, the PPTX's native builds (python-pptx and LibreOffice), Chinese glyphs, and the
offline builder's animations."""

from __future__ import annotations

import re
import shutil
import subprocess
import uuid
import zipfile

import av
import pytest
from pptx import Presentation

from modalities.animation import SPEC
from modalities.animation.offline import build_animation
from models.planners.base import PlanRequest
from models.planners.offline.document import parse_document

from .conftest import render_animation
from .plans import chinese_card, narrated_deck

P_NS = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    out = tmp_path_factory.mktemp("deck")
    result, _ = render_animation(narrated_deck(), out)
    return out, result


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is installed by scripts/setup.sh")
def test_narration_is_muxed_and_the_scenes_wait_for_it(deck):
    out, result = deck
    assert result.details["narration"] == "espeak-ng"
    with av.open(str(out / "animation.mp4")) as container:
        assert container.streams.audio[0].codec_context.name == "aac"
        video = container.streams.video[0]
        samples = 0
        loud = 0.0
        for frame in container.decode(audio=0):
            data = frame.to_ndarray()
            samples += data.shape[-1]
            loud = max(loud, float(abs(data).max()))
        rate = container.streams.audio[0].codec_context.sample_rate
    assert loud > 0.05  # speech, not silence
    assert samples / rate == pytest.approx(result.details["duration_s"], abs=0.1)
    assert video.frames == result.details["frame_count"]
    with av.open(str(out / "animation.webm")) as container:
        assert container.streams.audio[0].codec_context.name in ("libopus", "opus")
    # The captions hold the spoken sentences at the times they are spoken.
    vtt = (out / "captions.vtt").read_text(encoding="utf-8")
    assert "Three things happened this quarter." in vtt and "Revenue grew." in vtt


def test_pptx_has_native_builds_with_the_same_triggers(deck):
    out, result = deck
    prs = Presentation(str(out / "animation.pptx"))
    assert len(prs.slides) == 2
    timing = [slide._element.find(f"{P_NS}timing") for slide in prs.slides]
    assert all(t is not None for t in timing)
    nodes = [[c.get("nodeType") for c in t.iter(f"{P_NS}cTn") if c.get("presetClass")] for t in timing]
    # Scene 1: the title is written as the slide opens; scene 2: the heading opens it, the bullet and the number
    # come on clicks, the count runs with the number.
    assert nodes[0] == ["afterEffect"]
    assert nodes[1] == ["afterEffect", "clickEffect", "clickEffect", "withEffect"]
    shapes = {s.name for s in prs.slides[1].shapes}
    assert {"h", "b1", "n1"} <= shapes
    def texts(shapes):
        for s in shapes:
            if s.shape_type == 6:  # a group: an element made of several shapes
                yield from texts(s.shapes)
            elif s.has_text_frame:
                yield s.text_frame.text

    text = " ".join(texts(prs.slides[1].shapes))
    assert "Highlights" in text and "Revenue grew" in text
    assert "Revenue grew." in prs.slides[1].notes_slide.notes_text_frame.text
    assert result.details["pptx_effects"] == 5


@pytest.mark.slow
def test_pptx_builds_survive_libreoffice(deck, tmp_path):
    out, _ = deck
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("LibreOffice is needed (Debian package libreoffice-impress; scripts/setup.sh installs it)")
    profile = f"file:///tmp/lo_anim_{uuid.uuid4().hex}"
    for fmt in ("pdf", "odp"):
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", fmt, "--outdir",
                        str(tmp_path), str(out / "animation.pptx")], check=True, capture_output=True, timeout=120)
    shutil.rmtree(profile.removeprefix("file://"), ignore_errors=True)
    assert (tmp_path / "animation.pdf").read_bytes().startswith(b"%PDF")
    with zipfile.ZipFile(tmp_path / "animation.odp") as odp:
        content = odp.read("content.xml").decode("utf-8")
    # LibreOffice read the builds as its own effects, with the click and with-previous triggers.
    presets = set(re.findall(r'presentation:preset-id="([^"]+)"', content))
    assert {"ooo-entrance-wipe", "ooo-entrance-fade-in"} <= presets
    kinds = set(re.findall(r'presentation:node-type="([^"]+)"', content))
    assert {"on-click", "with-previous", "after-previous"} <= kinds


def test_chinese_text_is_drawn_with_cjk_glyphs(tmp_path):
    import numpy as np
    from PIL import Image

    result, _ = render_animation(chinese_card(), tmp_path, formats=["stills"])
    assert not [w for w in result.warnings if w.code == "missing_glyph"]
    with Image.open(tmp_path / "poster.png") as im:
        ink = np.asarray(im.convert("L")) < 128
    rows = np.where(ink.any(axis=1))[0]
    title = ink[rows.min():rows.min() + 80]  # the title's line, above its accent rule
    cols = np.where(title.any(axis=0))[0]
    line = title[:, cols.min():cols.max() + 1]
    # Six different ideographs: six cells of ink, no two alike. Missing glyphs would be six identical boxes.
    cells = np.array_split(line, 6, axis=1)
    assert all(c.sum() > 150 for c in cells)
    for i in range(6):
        for j in range(i + 1, 6):
            a, b = cells[i], cells[j]
            w = min(a.shape[1], b.shape[1])
            assert (a[:, :w] != b[:, :w]).mean() > 0.05


def test_chinese_animation_speaks_and_captions_in_chinese(tmp_path):
    result, _ = render_animation(narrated_deck("zh-TW"), tmp_path, formats=["vtt", "stills"])
    vtt = (tmp_path / "captions.vtt").read_text(encoding="utf-8")
    assert "這一季的三個重點。" in vtt and "營收成長了兩成。" in vtt
    assert not [w for w in result.warnings if w.code == "missing_glyph"]


def _offline(prompt: str, content: str):
    return build_animation(PlanRequest(prompt=prompt, content=content), parse_document(content))


def test_offline_flow_builds_node_by_node_with_arrows_after_their_ends():
    plan, scaffold = _offline("Animate how an order ships",
                              "Order placed -> Payment checked -> Warehouse packs -> Courier delivers")
    assert not scaffold and plan.title == "How an order ships"
    scene = plan.scenes[0]
    kinds = {e.id: e for e in scene.elements}
    seen: set[str] = set()
    for step in scene.steps:
        for t in step.targets:
            el = kinds[t]
            if el.kind == "connector":
                assert {el.source, el.target} <= seen  # an arrow only once both ends are drawn
            seen.add(t)
    labels = [kinds[s.targets[0]].label for s in scene.steps if kinds[s.targets[0]].kind == "node"]
    assert labels == ["Order placed", "Payment checked", "Warehouse packs", "Courier delivers"]


def test_offline_timeline_reveals_in_date_order():
    plan, _ = _offline("動畫", "2007年：iPhone 發表\n1991年：全球資訊網公開\n1998年：Google 成立")
    times = [e.time for s in plan.scenes for e in s.elements if e.kind == "node"]
    assert times == ["1991年", "1998年", "2007年"]
    assert all(s.layout.value == "timeline" for s in plan.scenes)


def test_offline_deck_becomes_scenes_with_bullets_in_turn_and_counting_numbers():
    content = ("# Results\n\n## What changed\n\n- Sales rose\n- Costs fell\n- Teams grew\n\n"
               "## By the numbers\n\nRevenue reached $3.2M this year. Churn fell to 4%.\n")
    plan, scaffold = _offline("Make a video of this", content)
    assert not scaffold
    layouts = [s.layout.value for s in plan.scenes]
    assert layouts[0] == "title"
    bullets = next(s for s in plan.scenes if any(e.kind == "text" and e.role.value == "bullet" for e in s.elements))
    clicks = [s for s in bullets.steps if s.start.value == "on_click"]
    assert [s.targets for s in clicks] == [[e.id] for e in bullets.elements if e.kind == "text" and
                                           e.role.value == "bullet"]
    stats = next(s for s in plan.scenes if s.layout.value == "stats")
    values = [e.value for e in stats.elements if e.kind == "number"]
    assert "$3.2M" in values and "4%" in values  # the source's numbers, as written
    assert any(s.action.value == "count" for s in stats.steps)
    SPEC.plan.model_validate(plan.model_dump())  # what the builder makes, the plan accepts


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is installed by scripts/setup.sh")
def test_mandarin_voice_says_traditional_characters_as_mandarin_syllables():
    from modalities.animation.narration import voice_for

    voice = voice_for("zh-TW", "網路歷史")
    phonemes = subprocess.run(["espeak-ng", "-v", voice, "-x", "-q", "網路歷史"], capture_output=True, text=True,
                              check=True).stdout
    assert "(en)" not in phonemes  # not spelled out as English words
    assert len(re.findall(r"\d{2,3}", phonemes)) == 4  # four syllables, each with its tone contour
