"""Narration: each step's sentence spoken by `espeak-ng` (a Debian package, run as a local program; nothing is
downloaded), measured first so the scenes can be stretched to fit it, then laid on one sound track.

Without espeak-ng (or with `speak` off) the sentences still time the scenes and the captions, at a reading pace.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import wave
from dataclasses import dataclass

from renderers.layout.script import cjk_ratio

RATE = 22050  # espeak-ng's sample rate
WORDS_PER_SECOND = 2.6  # a calm narrator
CHARS_PER_SECOND = 4.2  # the same pace in Chinese


class NarrationError(RuntimeError):
    pass


@dataclass
class Speech:
    text: str
    samples: bytes  # 16-bit mono PCM at RATE
    seconds: float


def voice_for(language: str | None, text: str) -> str:
    """espeak-ng's voice for the sentence. Mandarin uses the voice that reads Latin letters as pinyin: the plain
    `cmn` voice spells its dictionary's pinyin out in English ("ni three") for many characters, Traditional and
    Simplified alike, while `cmn-latn-pinyin` says them with their tones."""
    zh = (language or "").lower().startswith("zh") or cjk_ratio(text) > 0.3
    return "cmn-latn-pinyin" if zh else "en-us"


def estimate(text: str) -> float:
    """Seconds a narrator takes for the sentence, from its length."""
    if cjk_ratio(text) > 0.3:
        return max(1.0, sum(1 for c in text if not c.isspace()) / CHARS_PER_SECOND)
    return max(1.0, len(text.split()) / WORDS_PER_SECOND)


def available() -> bool:
    return shutil.which("espeak-ng") is not None


def speak(text: str, voice: str) -> Speech:
    """The sentence as 16-bit PCM; raises NarrationError when espeak-ng is missing or fails."""
    exe = shutil.which("espeak-ng")
    if exe is None:
        raise NarrationError("espeak-ng is not installed (Debian package espeak-ng; scripts/setup.sh installs it)")
    speed = "165" if voice.startswith("en") else "170"
    try:
        done = subprocess.run([exe, "-v", voice, "-s", speed, "--stdout", text], capture_output=True, timeout=60,
                              check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise NarrationError(f"espeak-ng failed: {exc}") from exc
    if done.returncode != 0 or not done.stdout:
        raise NarrationError(f"espeak-ng failed: {done.stderr.decode(errors='replace').strip()[:200]}")
    with wave.open(io.BytesIO(done.stdout)) as wav:
        if wav.getsampwidth() != 2 or wav.getnchannels() != 1:
            raise NarrationError("espeak-ng wrote audio in an unexpected format")
        frames = wav.readframes(wav.getnframes())
        rate = wav.getframerate()
    if rate != RATE:
        raise NarrationError(f"espeak-ng wrote {rate} Hz audio, not {RATE} Hz")
    return Speech(text, frames, len(frames) / 2 / RATE)


def sound_track(placed: list[tuple[float, Speech]], duration: float) -> bytes:
    """One mono 16-bit track of `duration` seconds with each speech at its start (later speech wins overlaps)."""
    import numpy as np

    track = np.zeros(round(duration * RATE), dtype=np.int16)
    for start, speech in placed:
        samples = np.frombuffer(speech.samples, dtype=np.int16)
        at = round(start * RATE)
        room = len(track) - at
        if room <= 0:
            continue
        track[at:at + min(room, len(samples))] = samples[:room]
    return track.tobytes()
