"""Finding and checking a diffusers model folder before anything heavy is imported.

`ATELIER_IMAGE_MODEL` names either a local folder in diffusers' layout (`model_index.json` plus one subfolder
per component) or a Hugging Face hub id ("stabilityai/sd-turbo"), which is looked up in the local hub cache and
downloaded only when downloads are allowed. The check reads only JSON files and file names, so it runs without
torch, and it says exactly what is missing ("unet/ has no weights") instead of the loader's stack trace.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .families import Family, family_for

HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")
WEIGHT_SUFFIXES = (".safetensors", ".bin")
# Components that are code or vocabulary, not weights, and what each needs on disk.
_CONFIG_ONLY = {
    "scheduler": ("scheduler_config.json",),
    "tokenizer": ("tokenizer.json", "vocab.json", "tokenizer.model", "spiece.model", "tokenizer_config.json"),
    "feature_extractor": ("preprocessor_config.json",),
    "image_processor": ("preprocessor_config.json",),
}


class ImageModelError(Exception):
    """The configured image model cannot be used; the message names the model and what to fix."""


@dataclass(frozen=True)
class ModelFolder:
    path: Path
    name: str  # as configured: the folder or the hub id
    pipeline_class: str
    family: Family
    native_side: int
    multiple: int


def _read_json(path: Path, what: str) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImageModelError(f"{what} is not readable JSON ({exc})") from None
    if not isinstance(data, dict):
        raise ImageModelError(f"{what} does not hold a JSON object")
    return data


def resolve(model: str, allow_download: bool) -> Path:
    """The local folder for `model`: the folder itself, or the hub id's snapshot in the local cache (fetched
    first when `allow_download`)."""
    path = Path(model).expanduser()
    if path.exists() or not HUB_ID.match(model):
        if not path.is_dir():
            raise ImageModelError(f"the image model folder '{model}' does not exist (ATELIER_IMAGE_MODEL names a "
                                  "diffusers folder with a model_index.json, or a hub id such as stabilityai/sd-turbo)")
        return path
    try:
        from huggingface_hub import snapshot_download
        from huggingface_hub.errors import LocalEntryNotFoundError
    except ImportError:
        raise ImageModelError(f"'{model}' looks like a hub id, and huggingface_hub is not installed "
                              "(pip install 'atelier[image]')") from None
    try:
        return Path(snapshot_download(model, local_files_only=not allow_download))
    except LocalEntryNotFoundError:
        raise ImageModelError(f"the image model '{model}' is neither a folder here nor a hub id in the local Hugging "
                              f"Face cache; download it first (huggingface-cli download {model}) or set "
                              "ATELIER_IMAGE_ALLOW_DOWNLOAD=1") from None
    except Exception as exc:  # noqa: BLE001 - any hub failure becomes one readable line
        raise ImageModelError(f"the image model '{model}' could not be fetched: {exc}") from None


def _check_component(folder: Path, key: str, library: str, cls: str) -> None:
    sub = folder / key
    if not sub.is_dir():
        raise ImageModelError(f"the image model folder '{folder}' lists the component '{key}' ({cls}) in "
                              f"model_index.json, but has no '{key}/' folder")
    kind = next((k for k in _CONFIG_ONLY if key.startswith(k)), None)
    if kind is not None:
        wanted = _CONFIG_ONLY[kind]
        if not any((sub / name).is_file() for name in wanted):
            raise ImageModelError(f"'{key}/' in the image model folder '{folder}' has none of {', '.join(wanted)}")
        return
    if not (sub / "config.json").is_file():
        raise ImageModelError(f"'{key}/' in the image model folder '{folder}' has no config.json")
    if not any(p.name.endswith(WEIGHT_SUFFIXES) or p.name.endswith(".index.json") for p in sub.iterdir()):
        raise ImageModelError(f"'{key}/' in the image model folder '{folder}' has no weights (*.safetensors or *.bin); "
                              "the download may be incomplete")


def _geometry(folder: Path, index: dict[str, Any], family: Family) -> tuple[int, int]:
    """(native side, sampling grid) in pixels, from the family or else from the UNet/transformer and VAE configs."""
    vae_scale = 8
    vae_cfg = folder / "vae" / "config.json"
    if "vae" in index and vae_cfg.is_file():
        blocks = _read_json(vae_cfg, "vae/config.json").get("block_out_channels")
        if isinstance(blocks, list) and blocks:
            vae_scale = 2 ** (len(blocks) - 1)
    native, multiple = 512, 64
    if "unet" in index and (folder / "unet" / "config.json").is_file():
        unet = _read_json(folder / "unet" / "config.json", "unet/config.json")
        size = unet.get("sample_size")
        if isinstance(size, list):
            size = max(size)
        if isinstance(size, int) and size > 0:
            native = size * vae_scale
        downs = unet.get("down_block_types") or []
        multiple = max(8, vae_scale * 2 ** max(0, len(downs) - 1))
    elif "transformer" in index and (folder / "transformer" / "config.json").is_file():
        tr = _read_json(folder / "transformer" / "config.json", "transformer/config.json")
        size = tr.get("sample_size")
        if isinstance(size, int) and size > 0:
            native = size * vae_scale
        multiple = max(8, vae_scale * int(tr.get("patch_size") or 2))
    return family.native_side or native, family.multiple or multiple


def inspect_folder(folder: Path, name: str) -> ModelFolder:
    """Checks that `folder` is a complete diffusers pipeline and works out its family and geometry."""
    index_path = folder / "model_index.json"
    if not index_path.is_file():
        hint = ""
        if any(folder.glob("*.safetensors")) or any(folder.glob("*.ckpt")):
            hint = " (it holds a single-file checkpoint; Atelier needs the diffusers folder layout)"
        raise ImageModelError(f"the image model folder '{folder}' has no model_index.json, so it is not a diffusers "
                              f"pipeline{hint}")
    index = _read_json(index_path, f"model_index.json in '{folder}'")
    pipeline_class = index.get("_class_name")
    if not isinstance(pipeline_class, str):
        raise ImageModelError(f"model_index.json in '{folder}' does not name a pipeline class (_class_name)")
    for key, value in index.items():
        if key.startswith("_") or not isinstance(value, list) or len(value) != 2 or value[0] is None:
            continue
        _check_component(folder, key, str(value[0]), str(value[1]))
    family = family_for(pipeline_class, name)
    native, multiple = _geometry(folder, index, family)
    return ModelFolder(folder, name, pipeline_class, family, native, multiple)
