"""Encoding with PyAV: every frame drawn once, straight into the pixel buffer of a video frame, converted to
YUV 4:2:0 once by one shared reformatter, and handed to every encoder that wants it: H.264 for the MP4, VP9
for the WebM (in its own thread), and a small palette copy for the GIF.

x264's preset was chosen by measurement (`bench/animation_vs_manim.py --presets`, docs/benchmarks.md). On this
kind of picture (flat colour, sharp text, much of it still) x264's own analysis is nearly all of a render's CPU,
and the presets from `superfast` to `medium` cost about the same here while `ultrafast` costs about a third less;
its files are about five times larger (about 0.5 Mbit/s for 720p30, still far below what 720p video is usually
served at) and use no CABAC or B-frames, which every player decodes. Callers that care more about size pass
`x264_preset` (e.g. "veryfast") in the render options.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import av
import skia
from av.video.reformatter import VideoReformatter

from .draw import Painter
from .narration import RATE
from .tracks import Timeline

X264_PRESET = "ultrafast"
X264_CRF = "21"
GIF_MAX_WIDTH = 640
GIF_MAX_FRAMES = 300


@dataclass
class Outputs:
    mp4: Path | None = None
    webm: Path | None = None
    gif: Path | None = None
    audio: bytes | None = None  # 16-bit mono PCM at narration.RATE, exactly the video's length
    palette: object = None  # a Pillow "P" image whose palette the GIF uses


@dataclass
class Encoded:
    frames: int
    gif_frames: int = 0
    gif_size: tuple[int, int] = (0, 0)
    files: list[Path] = field(default_factory=list)


def _video_stream(container, codec: str, tl: Timeline, options: dict[str, str]):
    stream = container.add_stream(codec, rate=tl.fps)
    stream.width, stream.height, stream.pix_fmt = tl.width, tl.height, "yuv420p"
    stream.codec_context.time_base = Fraction(1, tl.fps)
    stream.options = options
    return stream


def _audio_stream(container, codec: str, rate: int):
    stream = container.add_stream(codec, rate=rate)
    stream.layout = "mono"
    return stream


class _Sink:
    """One output file: its container, video stream and (optionally) audio stream."""

    def __init__(self, path: Path, fmt: str, codec: str, options: dict[str, str], tl: Timeline,
                 audio_codec: str | None, audio_rate: int, container_options: dict[str, str] | None = None):
        self.path = path
        self.container = av.open(str(path), "w", format=fmt, options=container_options or {})
        self.video = _video_stream(self.container, codec, tl, options)
        self.audio = _audio_stream(self.container, audio_codec, audio_rate) if audio_codec else None
        self.audio_rate = audio_rate

    def frame(self, frame) -> None:
        self.container.mux(self.video.encode(frame))

    def finish(self, pcm: bytes | None) -> None:
        self.container.mux(self.video.encode(None))
        if self.audio is not None and pcm is not None:
            _encode_audio(self.container, self.audio, pcm, self.audio_rate)
        self.container.close()


def _encode_audio(container, stream, pcm: bytes, rate: int) -> None:
    import numpy as np

    samples = np.frombuffer(pcm, dtype=np.int16)
    resampler = av.AudioResampler(format=stream.codec_context.format.name, layout="mono", rate=rate)
    chunk = 2048
    pts = 0
    for at in range(0, len(samples), chunk):
        part = samples[at:at + chunk].reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(part, format="s16", layout="mono")
        frame.sample_rate = RATE
        frame.pts = pts
        pts += part.shape[1]
        for out in resampler.resample(frame):
            container.mux(stream.encode(out))
    for out in resampler.resample(None):
        container.mux(stream.encode(out))
    container.mux(stream.encode(None))


class _Threaded:
    """An encoder fed from a queue in its own thread: libvpx is slow, and PyAV lets go of the GIL while it works."""

    def __init__(self, sink: _Sink):
        self.sink = sink
        self.queue: queue.Queue = queue.Queue(maxsize=8)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while True:
            frame = self.queue.get()
            if frame is None:
                return
            if self.error is None:
                try:
                    self.sink.frame(frame)
                except BaseException as exc:  # noqa: BLE001 - reported by finish()
                    self.error = exc

    def frame(self, frame) -> None:
        self.queue.put(frame)

    def finish(self, pcm: bytes | None) -> None:
        self.queue.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error
        self.sink.finish(pcm)


def gif_size(tl: Timeline) -> tuple[int, int]:
    w = min(GIF_MAX_WIDTH, tl.width)
    h = round(tl.height * w / tl.width / 2) * 2
    return w, h


def gif_fps(tl: Timeline) -> float:
    """10 frames a second (a GIF counts time in hundredths, so 100 ms frames keep its length exact), fewer for
    long animations so the file stays small."""
    fps = 10.0
    if tl.duration * fps > GIF_MAX_FRAMES:
        fps = 100 / max(10, -(-round(100 * tl.duration / GIF_MAX_FRAMES) // 10) * 10)
    return fps


def encode(tl: Timeline, painter: Painter, outputs: Outputs, progress: Callable[[int, int], None],
           preset: str = X264_PRESET) -> Encoded:
    """Draws every frame of the timeline once and encodes it into each requested output."""
    sinks: list = []
    if outputs.mp4 is not None:
        sinks.append(_Sink(outputs.mp4, "mp4", "libx264",
                           {"preset": preset, "crf": X264_CRF, "profile": "high"}, tl,
                           "aac" if outputs.audio else None, RATE, {"movflags": "+faststart"}))
    if outputs.webm is not None:
        vp9 = _Sink(outputs.webm, "webm", "libvpx-vp9",
                    {"deadline": "realtime", "cpu-used": "8", "row-mt": "1", "crf": "34", "b": "0",
                     "lag-in-frames": "0"}, tl, "libopus" if outputs.audio else None, 48000)
        sinks.append(_Threaded(vp9))
    frame = av.VideoFrame(tl.width, tl.height, "bgra")
    plane = frame.planes[0]
    info = skia.ImageInfo.Make(tl.width, tl.height, skia.kBGRA_8888_ColorType, skia.kPremul_AlphaType)
    surface = skia.Surface.MakeRasterDirect(info, plane, plane.line_size)
    canvas = surface.getCanvas()
    reformatter = VideoReformatter()
    gif_frames: list = []
    gw, gh = gif_size(tl)
    g_fps = gif_fps(tl)
    next_gif = 0.0
    step = max(1, tl.frames // 20)
    last_signature = None
    last_yuv = None
    last_gif = None  # (signature, image)
    try:
        for i in range(tl.frames):
            t = i / tl.fps
            states = tl.states(t)
            signature = tl.signature(states, t)
            # Holds and waits repeat the frame before: its pixels are copied instead of drawn and converted again.
            same = signature == last_signature
            if not same:
                painter.paint(canvas, t, states=states)
            if sinks:
                yuv = _copy(last_yuv) if same and last_yuv is not None else reformatter.reformat(frame,
                                                                                                 format="yuv420p")
                yuv.pts = i
                yuv.time_base = Fraction(1, tl.fps)
                for sink in sinks:
                    sink.frame(yuv)
                last_yuv = yuv
            if outputs.gif is not None and t + 1e-9 >= next_gif:
                if last_gif is not None and last_gif[0] == signature:
                    gif_frames.append(last_gif[1])
                else:
                    small = reformatter.reformat(frame, format="rgb24", width=gw, height=gh,
                                                 interpolation="AREA")
                    gif_frames.append(_quantise(small.to_image(), outputs.palette))
                    last_gif = (signature, gif_frames[-1])
                next_gif += 1.0 / g_fps
            last_signature = signature
            if i % step == 0 or i == tl.frames - 1:
                progress(i + 1, tl.frames)
    except BaseException:
        for sink in sinks:
            try:
                sink.finish(None)
            except Exception:  # noqa: BLE001 - the first error is the one to report
                pass
        raise
    for sink in sinks:
        sink.finish(outputs.audio)
    done = Encoded(tl.frames, len(gif_frames), (gw, gh))
    if outputs.gif is not None and gif_frames:
        duration = round(1000 / g_fps)
        gif_frames[0].save(outputs.gif, save_all=True, append_images=gif_frames[1:], duration=duration, loop=0,
                           optimize=False, disposal=1)
    return done


def _copy(yuv):
    """A new frame with the same pixels (each encoder gets its own frame object, with its own time stamp)."""
    out = av.VideoFrame(yuv.width, yuv.height, yuv.format.name)
    for dst, src in zip(out.planes, yuv.planes):
        dst.update(src)
    return out


def _quantise(image, palette):
    from PIL import Image

    if palette is None:
        return image.quantize(colors=255, method=Image.Quantize.FASTOCTREE)
    return image.quantize(palette=palette, dither=Image.Dither.NONE)


def snapshot(painter: Painter, t: float, zoom: float = 1.0) -> skia.Image:
    tl = painter.tl
    surface = skia.Surface.MakeRasterN32Premul(round(tl.width * zoom), round(tl.height * zoom))
    painter.paint(surface.getCanvas(), t, zoom)
    return surface.makeImageSnapshot()


def png(image: skia.Image) -> bytes:
    return bytes(image.encodeToData(skia.EncodedImageFormat.kPNG, 100))
