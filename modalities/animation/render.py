"""render(plan, ctx): an animation plan to its files.

Layout once (real font metrics), narration measured, the plan compiled to tracks, lints on the tracks, then the
stills, one pass of frames into every encoder, and the formats that need no frames (animated SVG, captions, the
PPTX with native builds).
"""

from __future__ import annotations

import logging
import time

from renderers.base import RenderContext, RenderResult
from renderers.layout.script import language_of
from renderers.theme import get_theme

from . import narration as N
from .layout import Frame, is_chinese, layout_scenes, words_of
from .plan import AnimationPlan, ImageElement
from .tracks import compile_timeline

log = logging.getLogger("atelier")

ALL_FORMATS = frozenset({"mp4", "webm", "gif", "svg", "pptx", "vtt", "stills"})


def _language(plan: AnimationPlan) -> str:
    if plan.language:
        return plan.language
    words = " ".join(words_of(e) for s in plan.scenes for e in s.elements)
    return language_of(f"{plan.title} {words}")


def _speech(plan: AnimationPlan, language: str, result: RenderResult, speak: bool):
    """Spoken length of each narrated step, and the audio of each (None where it was only estimated)."""
    lengths: dict[tuple[int, int], float] = {}
    audio: dict[tuple[int, int], N.Speech] = {}
    use_voice = speak and plan.speak
    if use_voice and not N.available():
        result.warn("narration_skipped", "narration", "espeak-ng is not installed, so the video is silent; the "
                    "captions keep the narration (scripts/setup.sh installs espeak-ng)")
        use_voice = False
    for si, scene in enumerate(plan.scenes):
        for k, step in enumerate(scene.steps):
            if not step.narration:
                continue
            if use_voice:
                try:
                    speech = N.speak(step.narration, N.voice_for(language, step.narration))
                    audio[(si, k)] = speech
                    lengths[(si, k)] = speech.seconds
                    continue
                except N.NarrationError as exc:
                    log.exception("narration failed", exc_info=exc)
                    result.warn("narration_skipped", f"scene {scene.id} step {k + 1}", str(exc))
                    use_voice = False
            lengths[(si, k)] = N.estimate(step.narration)
    return lengths, audio


def render(plan: AnimationPlan, ctx: RenderContext) -> RenderResult:
    from .captions import webvtt
    from .draw import Painter
    from .encode import X264_PRESET, Outputs, encode, gif_fps, png, snapshot
    from .lints import check_timeline
    from .pptx_anim import deck_like, write_pptx
    from .stills import contact_sheet, poster_time
    from .svg_anim import animated_svg

    started = time.perf_counter()
    formats = set(ctx.options.get("formats") or ALL_FORMATS)
    result = ctx.result(plan.title)
    theme = get_theme(plan.canvas.theme) if plan.canvas.theme else ctx.theme
    language = _language(plan)
    frame = Frame(plan.canvas.width, plan.canvas.height, theme)

    def picture(el: ImageElement, width: int, height: int) -> bytes:
        req = el.image
        image = ctx.images.generate(req.prompt, width=width, height=height, style=req.style)
        if image.fallback:
            result.warn("image_fallback", el.id, image.note or "drawn by the offline fallback")
        return image.png

    result.step("layout")
    laid = layout_scenes(plan, frame, result.warnings, picture)
    result.step("narration")
    lengths, audio = _speech(plan, language, result, bool(ctx.options.get("narration", True)))
    tl = compile_timeline(plan, laid, theme, lengths, frame.margin)
    check_timeline(tl, result.warnings)
    painter = Painter(tl)

    sheet = None
    if "stills" in formats or "gif" in formats:
        result.step("stills")
        poster_at = poster_time(tl)
        result.write("poster.png", png(snapshot(painter, poster_at)), "preview")
        sheet = contact_sheet(painter, tl, theme, plan.title)
        result.write("contact-sheet.png", sheet, "preview")
        result.details["poster_time_s"] = round(poster_at, 3)

    pcm = None
    if audio:
        placed = []
        for cue_key, speech in audio.items():
            si, k = cue_key
            span = tl.scenes[si]
            timed = span.timing.steps[k]
            if timed.speech:
                placed.append((span.start + timed.speech[0], speech))
        pcm = N.sound_track(placed, tl.duration)

    outputs = Outputs(audio=pcm)
    if "mp4" in formats:
        outputs.mp4 = result.path("animation.mp4")
    if "webm" in formats:
        outputs.webm = result.path("animation.webm")
    if "gif" in formats:
        outputs.gif = result.path("animation.gif")
        outputs.palette = _palette(sheet, tl.background)
    preset = ctx.options.get("x264_preset", X264_PRESET)
    if outputs.mp4 or outputs.webm or outputs.gif:
        def progress(done: int, total: int) -> None:
            result.step("frames", done=done, total=total)

        encoded = encode(tl, painter, outputs, progress, preset)
        for name, role, wanted in (("animation.mp4", "primary", outputs.mp4), ("animation.webm", "export",
                                                                             outputs.webm),
                                   ("animation.gif", "export", outputs.gif)):
            if wanted is not None:
                result.saved(name, role)
        if outputs.gif is not None:
            result.details["gif"] = {"width": encoded.gif_size[0], "height": encoded.gif_size[1],
                                     "fps": round(gif_fps(tl), 2), "frames": encoded.gif_frames}
    if "svg" in formats:
        result.write("animation.svg", animated_svg(tl, plan.title), "export")
    if "vtt" in formats and tl.cues:
        result.write("captions.vtt", webvtt(tl.cues), "export")
    if "pptx" in formats:
        ok, why = deck_like(plan)
        if ok:
            effects = write_pptx(tl, theme, result.path("animation.pptx"), plan.title,
                                 "zh-TW" if is_chinese(plan.title) or language.startswith("zh") else "en-US")
            result.saved("animation.pptx", "export")
            result.details["pptx_effects"] = effects
        else:
            result.details["pptx_skipped"] = why
    result.details.update({
        "duration_s": round(tl.duration, 3),
        "fps": tl.fps,
        "width": tl.width,
        "height": tl.height,
        "frame_count": tl.frames,
        "scene_count": len(tl.scenes),
        "narration": "espeak-ng" if audio else ("timed captions" if tl.cues else None),
        "x264_preset": preset,
        "render_s": round(time.perf_counter() - started, 3),
    })
    return result


def _palette(sheet: bytes | None, background: str):
    """A 255-colour palette from the contact sheet, which shows the animation's colours, for every GIF frame; the
    background colour is in it exactly (a median cut blends it with its neighbours, greying the whole GIF)."""
    if sheet is None:
        return None
    import io

    from PIL import Image

    from renderers.lints import hex_rgb

    with Image.open(io.BytesIO(sheet)) as im:
        pal = im.convert("RGB").quantize(colors=255, method=Image.Quantize.MEDIANCUT)
    palette = pal.getpalette()
    if palette is None:  # Pillow's quantize always gives the image a palette
        return None
    colours = palette[: 255 * 3]
    bg = hex_rgb(background[:7])
    # Every entry within a few levels of the background becomes the background: Pillow's palette lookup works at
    # reduced precision and would otherwise pick a near-twin.
    for i in range(len(colours) // 3):
        if sum((colours[3 * i + k] - bg[k]) ** 2 for k in range(3)) <= 12 ** 2:
            colours[3 * i: 3 * i + 3] = list(bg)
    if list(bg) not in [colours[i:i + 3] for i in range(0, len(colours), 3)]:
        colours[-3:] = list(bg)
    pal.putpalette(colours)
    return pal
