"""Animation: scenes of laid-out elements animated step by step, drawn with skia and encoded with PyAV into an
MP4 (with a WebM, a GIF, an animated SVG, captions, a poster and a contact sheet, and for decks a PPTX with
native build animations).

Only `SPEC` lives here; skia and PyAV are imported when a render starts, never when Atelier does.
"""

from __future__ import annotations

import re
from pathlib import Path

from modalities.spec import Embed, FileKind, Labels, ModalitySpec, Routing, lazy

from .plan import AnimationPlan

SPEC = ModalitySpec(
    name="animation",
    plan=AnimationPlan,
    render=lazy("modalities.animation.render:render"),
    build=lazy("modalities.animation.offline:build_animation"),
    guide=Path(__file__).with_name("guide.md"),
    check=lazy("modalities.animation.quality:check"),
    routing=Routing(
        purpose=(
            "a short animation or video: a process that builds step by step, a chart that grows, numbers that count "
            "up, a concept explained in a clip with captions."
        ),
        words=(
            ("animation", 3.5), ("animate", 3.5), ("animated", 3), ("video", 3.5), ("clip", 2.5), ("motion", 2),
            ("explainer", 3), ("mp4", 3.5), ("gif", 2.5), ("screencast", 2), ("step by step", 1),
            ("build up", 1.5), ("moving", 1.5),
            ("動畫", 3.5), (re.compile("(?<!投)影片"), 3.5), ("動態", 3), ("視頻", 3.5), ("短片", 3), ("動起來", 4),
            ("逐步", 1),
            # Motion without a form name ("a looping background of waves", "讓logo轉一圈出現"): they point to an
            # animation, and a form named elsewhere in the request still outweighs them.
            ("looping", 2), ("on a loop", 2), ("in motion", 2.5), ("frame by frame", 2), ("fade in", 2),
            ("fades in", 2), ("flying in", 2), ("spinning", 2), ("rotating", 2), ("bouncing", 2), ("count up", 2),
            ("counts up", 2), ("played out", 1.5), ("over time", 1), ("kinetic", 2.5), ("trailer", 2.5),
            ("teaser", 2), ("reel", 2.5), ("reels", 2.5), ("intro sequence", 3), ("title sequence", 3),
            ("opening credits", 3), ("outro", 2.5), ("lower third", 2.5), ("transition", 1.5),
            ("會動", 3.5), ("循環播放", 2.5), ("片頭", 3), ("片尾", 3), ("預告", 2.5), ("轉場", 2.5), ("短影音", 3),
            ("慢動作", 2.5), ("淡入", 2.5), ("淡出", 2.5), ("飛進來", 2), ("彈出來", 1.5), ("旋轉", 2), ("轉一圈", 2.5),
            ("跳動", 1.5), ("動給我看", 3), ("演出來", 2), ("演一遍", 2), ("隨時間", 1.5), ("定格", 2), ("飄", 1),
            ("chart race", 3), ("bar race", 3), ("morphing", 2), ("賽跑", 1.5), ("變形成", 2),
            ("timelapse", 2.5), ("time lapse", 2.5), ("time-lapse", 2.5), ("come alive", 3), ("縮時", 2.5),
            ("活起來", 3), ("walk cycle", 3), ("walking cycle", 3), ("走路循環", 3),
        ),
        synonyms=("video", "motion graphics", "explainer video", "animated diagram", "mp4"),
        rank=60,
    ),
    files=(
        FileKind("animation.mp4", "primary", "mp4"),
        FileKind("animation.webm", "export", "webm"),
        FileKind("animation.gif", "export", "gif"),
        FileKind("animation.svg", "export", "svg"),
        FileKind("animation.pptx", "export", "pptx"),
        FileKind("captions.vtt", "export", "vtt"),
        FileKind("poster.png", "preview", "png"),
        FileKind("contact-sheet.png", "preview"),
    ),
    embed=Embed(viewer="video", height=450, upscale=False),
    card="video",
    steps=("layout", "narration", "stills", "poster.png", "contact-sheet.png", "frames", "animation.mp4",
           "animation.webm", "animation.gif", "animation.svg", "captions.vtt", "animation.pptx"),
    labels={
        "en": Labels(name="Animation", noun="an animation", what="animation"),
        "zh": Labels(name="動畫", noun="一段動畫", what="動畫"),
    },
    preload=("modalities.animation.render", "skia", "av"),
    details=("duration_s", "fps", "width", "height", "frame_count", "scene_count", "narration", "x264_preset",
             "poster_time_s", "gif", "pptx_effects", "pptx_skipped", "render_s"),
)

__all__ = ["SPEC", "AnimationPlan"]
