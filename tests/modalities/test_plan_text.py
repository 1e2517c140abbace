"""Free-text plan fields (`Annotated[str, Text(n)]`): what an LLM is told about them (the JSON schema's limits) and
what happens to what it writes (control characters removed, surrounding whitespace stripped, limits enforced)."""

from __future__ import annotations

import json
import types
import typing
from pathlib import Path
from typing import Annotated, Any

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from modalities.registry import names, parse_plan
from renderers.plan.common import Text

PLANS = Path(__file__).resolve().parents[1] / "fixtures" / "plans"


def test_text_schema_states_its_limits():
    assert TypeAdapter(Annotated[str, Text(150)]).json_schema() == {"type": "string", "minLength": 1, "maxLength": 150}
    assert TypeAdapter(Annotated[str, Text(40, min_length=0)]).json_schema() == {
        "type": "string", "minLength": 0, "maxLength": 40}


def test_text_removes_unprintable_characters_and_strips():
    adapter = TypeAdapter(Annotated[str, Text(20)])
    assert adapter.validate_python(" \x07Q3\x00 revenue\ufffe\n") == "Q3 revenue"
    with pytest.raises(ValidationError, match="at most 5 characters"):
        TypeAdapter(Annotated[str, Text(5)]).validate_python("quarterly")


def test_text_is_measured_after_cleaning():
    adapter = TypeAdapter(Annotated[str, Text(5)])
    assert adapter.validate_python("   Q3\x07   ") == "Q3"
    for blank in ("   ", "\x00\x07", ""):
        with pytest.raises(ValidationError, match="at least 1 character"):
            adapter.validate_python(blank)
    with pytest.raises(ValidationError, match="valid string"):
        adapter.validate_python(42)


def _is_text(hint: Any) -> bool:
    """Whether `hint` is a Text field, possibly optional."""
    if typing.get_origin(hint) is Annotated:
        return any(isinstance(m, Text) for m in hint.__metadata__)
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return any(_is_text(arg) for arg in typing.get_args(hint))
    return False


def _item_hint(hint: Any) -> Any:
    """The item type of a list field (possibly optional), else None."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        items = [_item_hint(arg) for arg in typing.get_args(hint)]
        return next((item for item in items if item is not None), None)
    if typing.get_origin(hint) is Annotated:
        return _item_hint(typing.get_args(hint)[0])
    return typing.get_args(hint)[0] if typing.get_origin(hint) is list else None


def _soiled(value: Any, is_text: bool) -> tuple[Any, int]:
    """`value` wrapped in spaces and control characters when it is free text; with the number of strings soiled."""
    if is_text and isinstance(value, str):
        return f" \x07 {value}\x00\n", 1
    return value, 0


def _soil(model: BaseModel) -> tuple[dict[str, Any], int]:
    """The plan as data with every free-text string soiled, and how many were."""
    data = model.model_dump(mode="json", by_alias=True, exclude_unset=True)
    hints = typing.get_type_hints(type(model), include_extras=True)
    count = 0
    for name, field in type(model).model_fields.items():
        key = field.alias or name
        if key not in data:
            continue
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            data[key], n = _soil(value)
        elif isinstance(value, list):
            items_are_text = _is_text(_item_hint(hints[name]))
            items = []
            n = 0
            for item in value:
                soiled, k = _soil(item) if isinstance(item, BaseModel) else _soiled(item, items_are_text)
                items.append(soiled)
                n += k
            if n:
                data[key] = items
        else:
            soiled, n = _soiled(value, _is_text(hints[name]))
            if n:
                data[key] = soiled
        count += n
    return data, count


@pytest.mark.parametrize("modality", names())
def test_every_free_text_field_is_cleaned_and_stripped(modality):
    plan = parse_plan(json.loads((PLANS / f"{modality}.json").read_text(encoding="utf-8")))
    soiled, count = _soil(plan)
    assert count >= 3, f"the {modality} fixture has too few free-text fields to check"
    assert parse_plan(soiled) == plan
