"""Images: one picture from the image backend, written as image.png with its prompt, seed and model recorded."""

from __future__ import annotations

from ..base import RenderContext, RenderResult
from ..plan.image import ImagePlan


def render(plan: ImagePlan, ctx: RenderContext) -> RenderResult:
    result = RenderResult(title=plan.title)
    ctx.progress("render", {"step": "image"})
    prompt = f"{plan.prompt}, {plan.style}" if plan.style else plan.prompt
    image = ctx.images.generate(
        prompt, width=plan.width, height=plan.height, seed=plan.seed, negative_prompt=plan.negative_prompt,
        style=plan.style,
    )
    (ctx.out_dir / "image.png").write_bytes(image.png)
    result.add("image.png", "image/png", "primary")
    ctx.progress("file", {"name": "image.png"})
    if image.fallback:
        result.warn("image_fallback", "image", image.note or "drawn by the offline fallback")
    result.extra.update({"prompt": plan.prompt, "seed": image.seed, "model": image.model,
                         "size": [image.width, image.height], "alt": plan.alt})
    return result
