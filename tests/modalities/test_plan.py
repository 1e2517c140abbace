"""The plan: its schema (what an LLM will be constrained to) and the errors a bad plan gets."""

from __future__ import annotations

import pytest

from modalities.registry import names, parse_plan, plan_schema
from modalities.widget.formula import FormulaError, evaluate, parse
from renderers.plan import ValidationError


def _walk(schema):
    if isinstance(schema, dict):
        yield schema
        for v in schema.values():
            yield from _walk(v)
    elif isinstance(schema, list):
        for v in schema:
            yield from _walk(v)


@pytest.mark.parametrize("modality", names())
def test_every_schema_field_has_limits_and_descriptions_where_free(modality):
    schema = plan_schema(modality)
    assert schema["properties"]["modality"]["const"] == modality
    for node in _walk(schema):
        if node.get("type") == "string" and "enum" not in node and "const" not in node and "pattern" not in node:
            assert "maxLength" in node, f"unbounded string in {modality}: {node}"
        if node.get("type") == "array":
            assert "maxItems" in node, f"unbounded list in {modality}: {node}"


def test_union_schema_names_all_modalities():
    schema = plan_schema()
    assert set(schema["discriminator"]["mapping"]) == set(names())


def test_chart_series_must_match_categories():
    with pytest.raises(ValidationError, match="one value per category"):
        parse_plan({"modality": "widget", "title": "t", "widget": {"kind": "chart", "chart": {
            "kind": "bar", "categories": ["a", "b"], "series": [{"name": "s", "values": [1]}]}}})


def test_edges_must_name_existing_nodes():
    with pytest.raises(ValidationError, match="not in nodes"):
        parse_plan({"modality": "whiteboard", "title": "t", "kind": "flowchart",
                    "nodes": [{"id": "a", "label": "A"}], "edges": [{"source": "a", "target": "zz"}]})


def test_unknown_fields_are_refused():
    with pytest.raises(ValidationError, match="Extra inputs"):
        parse_plan({"modality": "image", "title": "t", "prompt": "p", "alt": "a", "colour": "red"})


def test_calculator_formulas_are_checked_when_the_plan_is_read():
    base = {"modality": "widget", "title": "t", "widget": {"kind": "calculator",
            "inputs": [{"name": "a", "label": "A", "default": 1}]}}
    ok = {**base,
          "widget": {**base["widget"], "outputs": [{"name": "b", "label": "B", "formula": "a * 2 + max(a, 3)"}]}}
    parse_plan(ok)
    for formula, message in (("a +", "ends too early"), ("alert(1)", "unknown function"), ("a * c", "uses c"),
                             ("constructor.constructor('x')()", "unexpected")):
        bad = {**base, "widget": {**base["widget"], "outputs": [{"name": "b", "label": "B", "formula": formula}]}}
        with pytest.raises(ValidationError, match=message):
            parse_plan(bad)


def test_formula_evaluator_follows_precedence_and_never_raises_on_math():
    assert evaluate(parse("2 + 3 * 4 ^ 2"), {}) == 50
    assert evaluate(parse("-2 ^ 2"), {}) == -4 or evaluate(parse("-2 ^ 2"), {}) == 4
    assert evaluate(parse("if(x > 3, 10, 20)"), {"x": 5}) == 10
    assert evaluate(parse("round(10 / 3, 2)"), {}) == 3.33
    assert str(evaluate(parse("1 / 0"), {})) == "nan"
    with pytest.raises(FormulaError):
        parse("1 +* 2")
