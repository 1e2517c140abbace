"""WebVTT captions from the narration: one cue per sentence, timed by the same clock as the speech."""

from __future__ import annotations

from renderers.layout.script import cjk_ratio

from .tracks import Cue


def _stamp(seconds: float) -> str:
    ms = round(seconds * 1000)
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def _escape(text: str) -> str:
    # A cue's text may not hold "-->" or unescaped markup characters.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _lines(text: str) -> list[str]:
    """At most two balanced lines of about 42 characters (18 in Chinese), as captions are set."""
    limit = 18 if cjk_ratio(text) > 0.3 else 42
    if len(text) <= limit:
        return [text]
    if cjk_ratio(text) > 0.3:
        half = (len(text) + 1) // 2
        return [text[:half], text[half:]]
    words = text.split()
    best = (len(text), [text])
    for k in range(1, len(words)):
        a, b = " ".join(words[:k]), " ".join(words[k:])
        score = max(len(a), len(b))
        if score < best[0]:
            best = (score, [a, b])
    return best[1]


def webvtt(cues: list[Cue]) -> str:
    out = ["WEBVTT", ""]
    for n, cue in enumerate(cues, start=1):
        out.append(str(n))
        out.append(f"{_stamp(cue.start)} --> {_stamp(cue.end)}")
        out.extend(_escape(line) for line in _lines(cue.text))
        out.append("")
    return "\n".join(out)
