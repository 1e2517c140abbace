"""The plan's JSON schema as a model sees it: the same constraints, fewer tokens, no vendor keywords.

pydantic's schema carries a `title` on every field (the field name again, title-cased) and OpenAPI's
`discriminator`, which JSON-schema-constrained decoders (vLLM, llama.cpp) do not know. Both are dropped; every
type, limit, enum and description stays, so the decoder constrains what the plan model validates. Union tags
(`layout`, `kind`) become required, since the plan model cannot tell members apart without them.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

_DROP = {"title", "discriminator", "$comment"}


def _compact(schema: Any) -> Any:
    if isinstance(schema, list):
        return [_compact(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key in _DROP and not isinstance(value, dict | list) or key == "discriminator":
            continue  # a keyword (a property named "title" sits inside "properties" and is kept)
        if key in ("properties", "$defs"):
            out[key] = {name: _compact(sub) for name, sub in value.items()}
        else:
            out[key] = _compact(value)
    # A tag with a default ("layout": "bullets") is optional to pydantic but is what tells the union's members
    # apart, so the model must always write it.
    tags = [name for name, sub in out.get("properties", {}).items() if isinstance(sub, dict) and "const" in sub]
    if tags:
        out["required"] = [*out.get("required", []), *(t for t in tags if t not in out.get("required", []))]
    return out


def model_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON schema of `model` (a plan, a slide, a route decision) for a response_format and a prompt."""
    return _compact(model.model_json_schema())


def schema_text(schema: dict[str, Any]) -> str:
    """Compact JSON for the prompt: no indentation (it costs tokens and models read either)."""
    return json.dumps(schema, ensure_ascii=False, separators=(",", ":"))
