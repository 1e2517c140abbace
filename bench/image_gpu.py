"""How fast text-to-image pipelines of Atelier's target classes run on this machine's accelerator.

Builds full-size pipelines from the published architecture configurations with random weights (speed does not
depend on weight values, and no weights can be downloaded here):

  sd-turbo   Stable Diffusion 2.1 architecture (the one SD-Turbo distils): OpenCLIP-H text encoder, 865M-parameter
             UNet, SD VAE; 512x512, 1 step, no guidance.
  sdxl       SDXL architecture (SDXL-Turbo / SDXL-Lightning class): CLIP-L + OpenCLIP-bigG text encoders, 2.6B UNet,
             SDXL VAE; 1024x1024, 4 steps, no guidance.

and times the whole pipeline call (text encoding, every denoising step, VAE decode) at batch sizes 1, 4 and 16 in
bfloat16, eager and with `torch.compile` on the UNet and the VAE decoder, next to the device's measured bf16
matrix-multiply throughput. Model FLOPs are counted once per model with torch's FLOP counter, so each row also
says what share of the matmul throughput the pipeline achieves.

    python bench/image_gpu.py                    # on a GPU machine: the full table (about 5-8 minutes)
    python bench/image_gpu.py --tiny             # anywhere: tiny configurations on the CPU, float32

A time budget (--budget-s, default 330) skips the remaining rows, saying so, so that with the one row already
running (at most a compile, about two minutes) the whole script stays within 8 minutes on one GPU.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


@dataclass(frozen=True)
class Arch:
    """One pipeline class: its component configurations and how it is sampled."""

    name: str
    kind: str  # "sd" or "sdxl"
    side: int
    steps: int
    unet: dict
    vae: dict
    text: list[dict]  # CLIPTextConfig arguments per text encoder (SDXL's second one has a projection)


# Published architecture configurations (diffusers' config.json of each model), trimmed to the non-default keys.
SD21_UNET = dict(
    sample_size=64, in_channels=4, out_channels=4, layers_per_block=2, block_out_channels=(320, 640, 1280, 1280),
    down_block_types=("CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"),
    up_block_types=("UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"),
    attention_head_dim=(5, 10, 20, 20), cross_attention_dim=1024, use_linear_projection=True,
)
SDXL_UNET = dict(
    sample_size=128, in_channels=4, out_channels=4, layers_per_block=2, block_out_channels=(320, 640, 1280),
    down_block_types=("DownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D"),
    up_block_types=("CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "UpBlock2D"),
    attention_head_dim=(5, 10, 20), transformer_layers_per_block=(1, 2, 10), cross_attention_dim=2048,
    use_linear_projection=True, addition_embed_type="text_time", addition_time_embed_dim=256,
    projection_class_embeddings_input_dim=2816,
)
SD_VAE = dict(
    in_channels=3, out_channels=3, latent_channels=4, layers_per_block=2, block_out_channels=(128, 256, 512, 512),
    down_block_types=("DownEncoderBlock2D",) * 4, up_block_types=("UpDecoderBlock2D",) * 4, norm_num_groups=32,
)
OPENCLIP_H = dict(hidden_size=1024, intermediate_size=4096, num_attention_heads=16, num_hidden_layers=23,
                  projection_dim=512, hidden_act="gelu", vocab_size=49408, max_position_embeddings=77)
CLIP_L = dict(hidden_size=768, intermediate_size=3072, num_attention_heads=12, num_hidden_layers=12,
              projection_dim=768, hidden_act="quick_gelu", vocab_size=49408, max_position_embeddings=77)
OPENCLIP_BIGG = dict(hidden_size=1280, intermediate_size=5120, num_attention_heads=20, num_hidden_layers=32,
                     projection_dim=1280, hidden_act="gelu", vocab_size=49408, max_position_embeddings=77)

FULL = [
    Arch("sd-turbo (SD 2.1 arch)", "sd", 512, 1, SD21_UNET, SD_VAE, [OPENCLIP_H]),
    Arch("sdxl (SDXL arch)", "sdxl", 1024, 4, SDXL_UNET, SD_VAE, [CLIP_L, OPENCLIP_BIGG]),
]

# The same two classes shrunk until they run on a laptop CPU in seconds: same blocks, tiny widths.
_TINY_TEXT = dict(hidden_size=32, intermediate_size=37, num_attention_heads=4, num_hidden_layers=2, projection_dim=32,
                  vocab_size=1000, max_position_embeddings=77, bos_token_id=0, eos_token_id=1, pad_token_id=1)
_TINY_VAE = dict(in_channels=3, out_channels=3, latent_channels=4, layers_per_block=1, block_out_channels=(32, 64),
                 down_block_types=("DownEncoderBlock2D",) * 2, up_block_types=("UpDecoderBlock2D",) * 2,
                 norm_num_groups=32)
TINY = [
    Arch("tiny sd", "sd", 64, 1, dict(
        sample_size=32, in_channels=4, out_channels=4, layers_per_block=1, block_out_channels=(32, 64),
        down_block_types=("DownBlock2D", "CrossAttnDownBlock2D"), up_block_types=("CrossAttnUpBlock2D", "UpBlock2D"),
        cross_attention_dim=32, attention_head_dim=8, norm_num_groups=32), _TINY_VAE, [_TINY_TEXT]),
    Arch("tiny sdxl", "sdxl", 128, 4, dict(
        sample_size=64, in_channels=4, out_channels=4, layers_per_block=1, block_out_channels=(32, 64),
        down_block_types=("DownBlock2D", "CrossAttnDownBlock2D"), up_block_types=("CrossAttnUpBlock2D", "UpBlock2D"),
        attention_head_dim=(2, 4), transformer_layers_per_block=(1, 2), cross_attention_dim=64,
        use_linear_projection=True, addition_embed_type="text_time", addition_time_embed_dim=8,
        projection_class_embeddings_input_dim=80, norm_num_groups=32), _TINY_VAE, [_TINY_TEXT, _TINY_TEXT]),
]


def build(arch: Arch, device: str, dtype, tokenizer_dir: Path):
    """The pipeline for `arch` with random weights, created directly on `device` in `dtype`."""
    import torch
    from diffusers import (
        AutoencoderKL,
        EulerDiscreteScheduler,
        StableDiffusionPipeline,
        StableDiffusionXLPipeline,
        UNet2DConditionModel,
    )
    from transformers import CLIPTextConfig, CLIPTextModel, CLIPTextModelWithProjection, CLIPTokenizer

    torch.manual_seed(0)
    with torch.device(device):
        unet = UNet2DConditionModel(**arch.unet).to(dtype)
        vae = AutoencoderKL(**arch.vae, force_upcast=False).to(dtype)
        encoders = [CLIPTextModel(CLIPTextConfig(**arch.text[0])).to(dtype)]
        if arch.kind == "sdxl":
            encoders.append(CLIPTextModelWithProjection(CLIPTextConfig(**arch.text[1])).to(dtype))
    tokenizer = CLIPTokenizer.from_pretrained(tokenizer_dir)
    scheduler = EulerDiscreteScheduler(beta_start=0.00085, beta_end=0.012, beta_schedule="scaled_linear",
                                       steps_offset=1, timestep_spacing="trailing")
    if arch.kind == "sd":
        pipe = StableDiffusionPipeline(vae=vae, text_encoder=encoders[0], tokenizer=tokenizer, unet=unet,
                                       scheduler=scheduler, safety_checker=None, feature_extractor=None,
                                       requires_safety_checker=False)
    else:
        pipe = StableDiffusionXLPipeline(vae=vae, text_encoder=encoders[0], text_encoder_2=encoders[1],
                                         tokenizer=tokenizer, tokenizer_2=tokenizer, unet=unet, scheduler=scheduler)
    pipe.set_progress_bar_config(disable=True)
    if device.startswith("cuda"):
        pipe.unet.to(memory_format=torch.channels_last)
    return pipe


def sync(device: str) -> None:
    import torch

    if device.startswith("cuda"):
        torch.cuda.synchronize()


def matmul_tflops(device: str, dtype, n: int) -> float:
    """Measured dense matrix-multiply throughput (n x n x n), in TFLOP/s."""
    import torch

    a = torch.randn(n, n, device=device, dtype=dtype)
    b = torch.randn(n, n, device=device, dtype=dtype)
    for _ in range(3):
        a @ b
    sync(device)
    reps = 20 if device.startswith("cuda") else 5
    started = time.perf_counter()
    for _ in range(reps):
        a @ b
    sync(device)
    return 2 * n**3 * reps / (time.perf_counter() - started) / 1e12


def call(pipe, arch: Arch, batch: int):
    return pipe(prompt=[f"a lighthouse at dawn, picture {i}" for i in range(batch)], height=arch.side,
                width=arch.side, num_inference_steps=arch.steps, guidance_scale=0.0, output_type="pt")


def flops_per_image(pipe, arch: Arch) -> float:
    from torch.utils.flop_counter import FlopCounterMode

    counter = FlopCounterMode(display=False)
    with counter:
        call(pipe, arch, 1)
    return counter.get_total_flops()


def time_calls(pipe, arch: Arch, batch: int, device: str, min_s: float, max_reps: int) -> list[float]:
    """Seconds per call: one warm-up call (which also compiles), then repeats until `min_s` or `max_reps`."""
    call(pipe, arch, batch)
    sync(device)
    times: list[float] = []
    while len(times) < max_reps and (sum(times) < min_s or len(times) < 2):
        started = time.perf_counter()
        call(pipe, arch, batch)
        sync(device)
        times.append(time.perf_counter() - started)
    return times


def run_row(pipe, arch: Arch, batch: int, compiled: bool, flops: float, peak: float, device: str,
            started: float, budget_s: float) -> dict:
    """Times one (model, batch, compile) row and prints it as a Markdown table row."""
    import torch

    row = {"model": arch.name, "size": f"{arch.side}²", "steps": arch.steps, "batch": batch, "compile": compiled}
    lead = f"| {arch.name} | {arch.side}² | {arch.steps} | {batch} | {'yes' if compiled else 'no'} |"
    if time.perf_counter() - started > budget_s:
        row["skipped"] = "time budget"
        print(f"{lead} skipped (time budget) | | | | |", flush=True)
        return row
    try:
        times = time_calls(pipe, arch, batch, device, min_s=2.0 if device.startswith("cuda") else 0.5, max_reps=10)
    except Exception as exc:  # noqa: BLE001 - one row fails (compiler missing, out of memory), not the table
        row["error"] = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else type(exc).__name__
        print(f"{lead} failed: {row['error']} | | | | |", flush=True)
        if device.startswith("cuda"):
            torch.cuda.empty_cache()
        return row
    per_call = statistics.median(times)
    ips = batch / per_call
    achieved = flops * ips / 1e12
    row.update(ms_per_call=round(per_call * 1000, 1), images_per_s=round(ips, 2), gflop_per_image=round(flops / 1e9, 1),
               tflops=round(achieved, 3), pct_of_matmul=round(100 * achieved / peak, 1), calls=len(times))
    print(f"{lead} {row['ms_per_call']:,} | {row['images_per_s']:,} | {row['gflop_per_image']:,} | "
          f"{row['tflops']:,} | {row['pct_of_matmul']} |", flush=True)
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tiny", action="store_true", help="tiny configurations (runs on a CPU in seconds)")
    parser.add_argument("--device", default=None, help="cuda, cpu, ... (default: cuda if present, else cpu)")
    parser.add_argument("--dtype", default=None, help="bfloat16 (default on GPU) or float32 (default on CPU)")
    parser.add_argument("--batches", default="1,4,16", help="batch sizes (default: %(default)s)")
    parser.add_argument("--no-compile", action="store_true", help="eager rows only")
    parser.add_argument("--budget-s", type=float, default=330, help="skip remaining rows after this many seconds")
    parser.add_argument("--json", type=Path, help="also write the rows to this file")
    args = parser.parse_args(argv)

    import diffusers
    import diffusers.utils.logging as dlog
    import torch
    import transformers.utils.logging as tlog

    from tests.models.tiny_sd import write_tokenizer

    tlog.set_verbosity_error()
    dlog.set_verbosity_error()
    started = time.perf_counter()
    device = args.device or ("cuda" if torch.cuda.is_available() else "cpu")
    dtype = getattr(torch, args.dtype or ("bfloat16" if device.startswith("cuda") else "float32"))
    on_gpu = device.startswith("cuda")
    if on_gpu:
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
    batches = [int(b) for b in args.batches.split(",")]
    archs = TINY if args.tiny else FULL
    device_name = (torch.cuda.get_device_name(device) if on_gpu else
                   f"CPU ({torch.get_num_threads()} threads, load average {os.getloadavg()[0]:.1f} at start)")
    peak = matmul_tflops(device, dtype, 8192 if on_gpu else 1024)
    dtype_name = str(dtype).removeprefix("torch.")
    print(f"# image_gpu: {device_name}; torch {torch.__version__}, diffusers {diffusers.__version__}; {dtype_name}; "
          f"measured {dtype_name} matmul: {peak:.3f} TFLOP/s\n")
    header = ("| model | size | steps | batch | compile | ms / call | images / s | GFLOP / image | TFLOP/s | "
              "% of matmul |")
    print(header)
    print("|" + " --- |" * (header.count("|") - 1))
    rows = []
    tok_dir = Path(tempfile.mkdtemp(prefix="atelier-bench-tok-"))
    write_tokenizer(tok_dir)
    # Every eager row first, then every compiled row: compiling is the slow part, and if the time budget runs out
    # the eager figures for both classes are already in.
    built = []
    for arch in archs:
        pipe = build(arch, device, dtype, tok_dir)
        built.append((arch, pipe, flops_per_image(pipe, arch)))
    for mode in ["eager"] if args.no_compile else ["eager", "compile"]:
        for arch, pipe, flops in built:
            if mode == "compile":
                pipe.unet = torch.compile(pipe.unet)
                pipe.vae.decode = torch.compile(pipe.vae.decode)
            for batch in batches:
                rows.append(run_row(pipe, arch, batch, mode == "compile", flops, peak, device, started, args.budget_s))
    print(f"\n# total {time.perf_counter() - started:.0f} s; ms / call is the median of repeated calls after a "
          "warm-up call (which includes compiling)")
    if args.json:
        args.json.write_text(json.dumps({"device": device_name, "dtype": str(dtype), "matmul_tflops": peak,
                                         "rows": rows}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
