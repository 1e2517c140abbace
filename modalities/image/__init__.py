"""Images: one picture from the image backend (a diffusion model, or the offline illustration), as a PNG and a
smaller WebP, with its prompt, seed and model recorded so it can be made again."""

from __future__ import annotations

import re
from pathlib import Path

from modalities.spec import Embed, FileKind, Labels, ModalitySpec, Routing, lazy

from .plan import ImagePlan
from .quality import check

# Words describing a scene's look: a short prompt full of them asks for a picture.
VISUAL_WORDS = (
    "dawn", "sunset", "sunrise", "night", "misty", "foggy", "cinematic", "photorealistic", "realistic", "cute",
    "landscape", "scene", "style", "lighting", "glowing", "at dusk", "in the rain", "cat", "dog", "castle",
    "lighthouse", "forest", "mountain", "ocean", "city skyline", "anime", "pixel art", "oil", "4k", "highly detailed",
    "黎明", "夕陽", "日落", "夜景", "風景", "可愛", "寫實", "燈塔", "森林", "山", "海", "貓", "狗", "城堡",
)


# 畫 draws, but not in 計畫 / 規畫 (a plan); 畫一隻貓 is a picture, 畫一張流程圖 is not; 商品照 / 大頭照 are photos.
_DRAW_ZH = re.compile("(?<![計規企策])畫")
_DRAW_A_THING = re.compile("畫一?[隻幅位朵片座棵條群個](?!.{0,12}(?:流程|圖|表))")
_PHOTO_ZH = re.compile("(?<=[品頭物景婚真念])照")


def _shape(shape):
    if shape.has_content or shape.has_data:
        return 0.0, None
    visual = sum(1 for word in VISUAL_WORDS if word in shape.prompt)
    if not visual:
        return 0.0, None
    return 1.0 + 0.5 * visual, "the prompt describes how something looks"


SPEC = ModalitySpec(
    name="image",
    plan=ImagePlan,
    render=lazy("modalities.image.render:render"),
    build=lazy("modalities.image.offline:build_image"),
    guide=Path(__file__).with_name("guide.md"),
    check=check,
    routing=Routing(
        purpose=(
            "a picture: an illustration, photo, painting, poster art or artwork of a scene, person or thing."
        ),
        words=(
            ("picture", 3), ("photo", 3), ("image", 2.5), ("illustration", 3), ("painting", 3), ("drawing", 2),
            ("draw", 2), ("paint", 2.5), ("sketch", 1.5), ("wallpaper", 3), ("render of", 2.5), ("portrait", 2.5),
            ("logo", 2), ("icon", 1), ("watercolor", 3), ("watercolour", 3), ("cover art", 3), ("artwork", 3),
            (_DRAW_ZH, 1.5), ("圖片", 3), ("照片", 3), ("插畫", 3.5), ("插圖", 3.5), ("繪製", 1.5),
            ("桌布", 3), ("水彩", 3), ("油畫", 3), (_DRAW_A_THING, 3),
            # What a picture is of and how it looks: shots, renders, art, characters.
            ("product shot", 3.5), ("shot of", 2.5), ("close-up", 2.5), ("imagine", 2), ("poster art", 3.5),
            ("art", 1.5), ("render", 2), ("3d", 1.5), ("photorealistic", 3), ("cinematic", 2), ("anime", 2.5),
            ("cartoon", 2), ("sticker", 2.5), ("avatar", 2.5), ("mascot", 2.5), ("character design", 3),
            ("silhouette", 1.5), ("scene", 1.5), ("in the style of", 3),
            (_PHOTO_ZH, 2), ("渲染", 2.5), ("貼圖", 3), ("寫實", 2.5), ("想像", 2), ("風格", 1.5), ("頭像", 3),
            ("吉祥物", 2.5),
            ("特寫", 2.5), ("一隻", 1.5), ("畫面", 1),
            # How something would look, asked without naming a picture ("what would a city on mars look like").
            ("look like", 2), ("長什麼樣", 2.5), ("模樣", 1.5), ("配圖", 2.5), ("movie poster", 3.5),
            ("電影海報", 3.5),
        ),
        synonyms=("picture", "illustration", "photo"),
        shape=_shape,
        rank=50,
        weak=("draw", _DRAW_ZH.pattern, "繪製", "drawing", "sketch", "art", "scene", _PHOTO_ZH.pattern, "畫面"),
    ),
    files=(
        FileKind("image.png", "primary", "png"),
        FileKind("image.webp", "export", "webp"),
    ),
    embed=Embed(viewer="picture", upscale=False),
    card="picture",
    steps=("image", "image.png", "image.webp"),
    labels={"en": Labels("Image", "an image", "image"), "zh": Labels("圖片", "一張圖片", "圖片")},
    preload=("modalities.image.render",),
    follows_language=False,
    details=("prompt", "negative_prompt", "style", "seed", "model", "size", "alt", "generation"),
)
