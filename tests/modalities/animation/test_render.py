"""The benchmark scene rendered once: the MP4 and WebM decode with PyAV to the right codec, size and frame count,
frames show what the plan says at known places, the same plan gives the same frames, and the other outputs are
there and well formed."""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET

import av
import pytest
from PIL import Image

from modalities.animation import SPEC
from modalities.animation.draw import Painter
from modalities.animation.encode import png, snapshot
from modalities.animation.layout import Frame, layout_scenes
from modalities.animation.tracks import compile_timeline
from renderers.base import Lints
from renderers.theme import get_theme

from .conftest import render_animation
from .plans import flow_scene


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("flow")
    result, events = render_animation(flow_scene(), out)
    return out, result, events


def _timeline(plan_dict: dict):
    plan = SPEC.plan.model_validate(plan_dict)
    theme = get_theme("light")
    frame = Frame(plan.canvas.width, plan.canvas.height, theme)
    laid = layout_scenes(plan, frame, Lints(), lambda el, w, h: b"")
    return compile_timeline(plan, laid, theme, {}, frame.margin)


def _decode(path):
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        frames = [f.to_ndarray(format="rgb24") for f in container.decode(stream)]
        return stream.codec_context.name, stream.width, stream.height, frames, container.duration


def test_mp4_is_h264_yuv420p_with_every_frame_and_faststart(rendered):
    out, result, _ = rendered
    codec, w, h, frames, duration = _decode(out / "animation.mp4")
    assert (codec, w, h) == ("h264", 1280, 720)
    assert len(frames) == 300 == result.details["frame_count"]  # 10 s × 30 fps
    assert duration / av.time_base == pytest.approx(10.0, abs=1 / 30)
    with av.open(str(out / "animation.mp4")) as container:
        assert container.streams.video[0].codec_context.pix_fmt == "yuv420p"
    head = (out / "animation.mp4").read_bytes()[:4096]
    assert head.find(b"moov") != -1 and (head.find(b"mdat") == -1 or head.find(b"moov") < head.find(b"mdat"))


def test_webm_is_vp9_with_every_frame(rendered):
    out, _, _ = rendered
    codec, w, h, frames, duration = _decode(out / "animation.webm")
    assert (codec, w, h, len(frames)) == ("vp9", 1280, 720, 300)
    assert duration / av.time_base == pytest.approx(10.0, abs=1 / 30)


def _near(pixel, colour, tolerance=40) -> bool:
    return all(abs(int(a) - int(b)) <= tolerance for a, b in zip(pixel, colour))


def test_frames_show_the_elements_the_plan_has_on_screen(rendered):
    out, _, _ = rendered
    tl = _timeline(flow_scene())
    browser = next(a for a in tl.actors if a.placed.id == "browser").placed.box
    db = next(a for a in tl.actors if a.placed.id == "db").placed.box
    _, _, _, frames, _ = _decode(out / "animation.mp4")
    blue, green, red, white = (0x2F, 0x5B, 0xEA), (0x1B, 0xA7, 0x84), (0xD6, 0x45, 0x45), (255, 255, 255)
    # Sample inside the shape, away from its label.
    bx, by = int(browser.x + browser.w * 0.12), int(browser.y + browser.h * 0.2)
    dx, dy = int(db.cx - db.w * 0.3), int(db.cy)
    assert _near(frames[5][by, bx], white)  # 0.17 s: the browser is not drawn yet
    assert _near(frames[75][by, bx], blue)  # 2.5 s: drawn and filled
    assert _near(frames[105][dy, dx], green)  # 3.5 s: the database is drawn, still green
    # 6.5 s: it has moved down and turned red; its old place is empty.
    moved = next(a for a in tl.actors if a.placed.id == "db").dy.at(6.5)
    assert moved > 50
    assert _near(frames[195][int(dy + moved), dx], red)
    assert _near(frames[195][dy - int(db.h * 0.45), dx], white)
    assert _near(frames[299][by, bx], white)  # faded out at the end


def test_same_plan_same_frames():
    a, b = _timeline(flow_scene()), _timeline(flow_scene())
    for t in (0.4, 2.2, 5.1, 6.3):
        digests = {hashlib.sha256(png(snapshot(Painter(tl), t))).hexdigest() for tl in (a, b)}
        assert len(digests) == 1
    # …and frames are pure functions of time: drawing out of order changes nothing.
    p = Painter(a)
    late = png(snapshot(p, 6.3))
    png(snapshot(p, 0.4))
    assert png(snapshot(p, 6.3)) == late


def test_stills_gif_svg_and_details(rendered):
    out, result, events = rendered
    names = {f.name for f in result.files}
    assert {"animation.mp4", "animation.webm", "animation.gif", "animation.svg", "poster.png",
            "contact-sheet.png", "animation.pptx"} <= names
    assert next(f for f in result.files if f.name == "animation.mp4").role == "primary"
    with Image.open(out / "animation.gif") as gif:
        assert gif.width <= 640 and gif.n_frames > 30  # identical neighbours are merged by the writer
        total = 0
        for k in range(gif.n_frames):
            gif.seek(k)
            total += gif.info["duration"]
        assert total / 1000 == pytest.approx(10.0, abs=0.1)
        gif.seek(0)
        assert gif.convert("RGB").getpixel((4, 4)) == (255, 255, 255)  # the theme's background, not a near-grey
    with Image.open(out / "poster.png") as poster:
        assert poster.size == (1280, 720)
        # The poster shows the built scene: the browser in series1, the database after it is recoloured "negative"
        # (the theme's fourth series colour), both from the theme.
        colours = {c for _, c in poster.convert("RGB").getcolors(1 << 20)}
        series = get_theme("light").palette.series
        rgb = [tuple(int(series[i][k:k + 2], 16) for k in (1, 3, 5)) for i in (0, 3)]
        assert rgb[0] in colours and rgb[1] in colours, rgb
    svg = ET.fromstring((out / "animation.svg").read_text(encoding="utf-8"))
    ns = "{http://www.w3.org/2000/svg}"
    assert svg.findall(f".//{ns}animate") and svg.findall(f".//{ns}animateTransform")
    assert not svg.findall(f".//{ns}script")
    details = result.details
    assert (details["duration_s"], details["fps"], details["width"], details["height"]) == (10.0, 30, 1280, 720)
    frames = [d for e, d in events if e == "render" and d.get("step") == "frames"]
    assert frames and frames[-1]["done"] == frames[-1]["total"] == 300
    assert [d["name"] for e, d in events if e == "file"][:2] == ["poster.png", "contact-sheet.png"]


def test_lints_report_overlap_off_canvas_and_short_reading(tmp_path):
    plan = flow_scene()
    scene = plan["scenes"][0]
    scene["steps"] = [{"targets": ["browser"], "action": "move", "to": "server"},
                      {"targets": ["db"], "action": "move", "to": "right", "duration": 0.5},
                      {"targets": ["title"], "action": "exit", "start": "with_previous", "delay": 0.2}]
    scene["elements"][0]["text"] = "A heading far too long to read in the little time this one is given on screen"
    result, _ = render_animation(plan, tmp_path, formats=["svg"])
    codes = {(w.code, w.where.split(" at ")[0]) for w in result.warnings}
    assert ("overlap", "browser") in codes
    assert ("reading_time", "title") in codes


def test_captions_follow_the_narration(tmp_path):
    from .plans import narrated_deck

    result, _ = render_animation(narrated_deck(), tmp_path, formats=["vtt"], narration=False)
    vtt = (tmp_path / "captions.vtt").read_text(encoding="utf-8")
    assert vtt.startswith("WEBVTT")
    cues = re.findall(r"(\d\d:\d\d:\d\d\.\d\d\d) --> (\d\d:\d\d:\d\d\.\d\d\d)\n(.+?)\n\n", vtt + "\n", re.S)
    assert [c[2] for c in cues] == ["Three things happened this quarter.", "Revenue grew."]

    def seconds(stamp: str) -> float:
        h, m, s = stamp.split(":")
        return int(h) * 3600 + int(m) * 60 + float(s)

    (a0, a1, _), (b0, b1, _) = cues
    assert seconds(a0) < seconds(a1) <= seconds(b0) < seconds(b1) <= result.details["duration_s"]


def test_every_action_renders_and_the_camera_moves(tmp_path):
    from .plans import every_action

    result, _ = render_animation(every_action(), tmp_path, formats=["mp4", "svg", "stills", "pptx"])
    assert result.details["pptx_skipped"].startswith("scene 'one' uses transform")
    tl = _timeline(every_action())
    icon = next(a for a in tl.actors if a.placed.id == "i").placed.box
    focus = next(t for t in tl.scenes[0].timing.steps if t.index == 9)
    cx, cy, zoom = tl.camera(focus.end)
    assert zoom > 1.5 and abs(cx - icon.cx) < icon.w  # the camera frames the icon
    assert tl.camera(tl.scenes[0].timing.steps[10].end)[2] == pytest.approx(1.0)
    # The count ends on the number exactly as written.
    number = next(a for a in tl.actors if a.placed.id == "n")
    text_part = next(p for p in number.placed.parts if getattr(p, "count", None) is not None)
    assert text_part.count.at(number.count.at(tl.duration)) == "1,200"
    assert text_part.count.at(0.5) == "600"
    _, _, _, frames, _ = _decode(tmp_path / "animation.mp4")
    assert len(frames) == result.details["frame_count"]
