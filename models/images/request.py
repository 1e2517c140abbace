"""What every backend does to a request before drawing it: fold the style into the prompt, fix the seed.

A request without a seed gets one derived from its prompt, so re-rendering an edited plan keeps its pictures,
and the seed that was used is always reported, so any picture can be made again.
"""

from __future__ import annotations

import hashlib

MAX_SEED = 2**32 - 1


def seed_for(prompt: str, seed: int | None) -> int:
    """`seed` itself, or a stable seed from the prompt's text (the same prompt always gets the same seed)."""
    if seed is not None:
        return int(seed) & MAX_SEED
    return int.from_bytes(hashlib.sha256(prompt.encode("utf-8")).digest()[:4], "big")


def styled(prompt: str, style: str | None) -> str:
    """The prompt with its style appended ("a lighthouse, watercolour"), unless the prompt already says it."""
    prompt = prompt.strip()
    if style and style.strip() and style.strip().lower() not in prompt.lower():
        return f"{prompt}, {style.strip()}"
    return prompt
