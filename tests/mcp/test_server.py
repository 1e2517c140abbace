"""Atelier's MCP server through the SDK's own client, in process: tools, schemas, answers, resources."""

from __future__ import annotations

import base64
import io
import json
import re

import pytest
from PIL import Image
from pptx import Presentation

from .conftest import MODALITIES, plan

VIEW_URI = "ui://atelier/viewer.html"


def by_type(result, kind: str) -> list:
    return [c for c in result.content if c.type == kind]


def text_of(result) -> str:
    return "\n".join(c.text for c in by_type(result, "text"))


# ---- what a client discovers ----------------------------------------------------------------------------------

def test_render_tools_open_the_view_and_the_buttons_are_for_the_view_only(apps_client):
    tools = {t.name: t for t in apps_client.tools()}
    for name in ("render_plan", "render", "rerender", "get_render"):
        assert tools[name].meta["ui"]["resourceUri"] == VIEW_URI, name
        assert "visibility" not in tools[name].meta["ui"]  # the model and the view may both call them
        assert tools[name].output_schema["properties"]["files"]["type"] == "array"
    for name in ("export", "open_in_canvas"):
        assert tools[name].meta["ui"]["visibility"] == ["app"], name
    for name in ("list_modalities", "plan_schema", "get_render", "export"):
        assert tools[name].annotations.read_only_hint is True, name
    assert tools["render_plan"].annotations.read_only_hint is False
    assert all(t.description and t.title for t in tools.values())


def test_render_plan_takes_the_plan_schema_itself(apps_client):
    schema = next(t for t in apps_client.tools() if t.name == "render_plan").input_schema
    assert schema["required"] == ["plan"]
    union = schema["properties"]["plan"]
    assert union["discriminator"]["propertyName"] == "modality"
    members = {ref["$ref"].rsplit("/", 1)[-1] for ref in union["oneOf"]}
    assert {"SlidesPlan", "InfographicPlan", "WhiteboardPlan", "WidgetPlan", "ImagePlan"} <= members
    for member in members:  # every reference resolves inside the published schema
        assert member in schema["$defs"]
    slides = schema["$defs"]["SlidesPlan"]
    assert "slides" in slides["required"] and slides["properties"]["slides"]["description"]


def test_list_modalities_and_plan_schema_teach_the_plan(apps_client):
    listed = apps_client.call("list_modalities", {})
    names = [m["name"] for m in listed.structured_content["modalities"]]
    assert names[:5] == MODALITIES
    assert all(m["summary"] and m["files"] for m in listed.structured_content["modalities"])

    schema = json.loads(text_of(apps_client.call("plan_schema", {"modality": "whiteboard"})))
    assert schema["title"] == "WhiteboardPlan" and "nodes" in schema["properties"]
    unknown = apps_client.call("plan_schema", {"modality": "sculpture"})
    assert unknown.is_error and "known modalities: slides" in text_of(unknown)


# ---- render_plan, one call per modality ------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("modality", MODALITIES)
def test_render_plan_answers_with_text_picture_links_and_manifest(rendered, apps_client, modality):
    result = rendered[modality]
    assert not result.is_error, text_of(result)
    manifest = result.structured_content
    assert manifest["modality"] == modality and manifest["title"] == plan(modality)["title"]

    text = text_of(result)
    assert f"Render id: {manifest['id']}" in text and manifest["title"] in text
    assert "rerender(id, plan_patch)" in text

    pictures = by_type(result, "image")
    assert len(pictures) == 1 and pictures[0].mime_type == "image/png"
    with Image.open(io.BytesIO(base64.b64decode(pictures[0].data))) as img:
        assert img.format == "PNG" and 64 <= img.width <= 1280 and img.height >= 64
        colours = img.convert("RGB").resize((32, 32)).getcolors(1024)
        assert colours is not None and len(colours) > 3  # a drawing, not a blank

    links = {link.name: link for link in by_type(result, "resource_link")}
    assert set(links) == {f["name"] for f in manifest["files"]} | {"plan.json"}
    primary = next(f for f in manifest["files"] if f["role"] == "primary")
    read = apps_client.read(links[primary["name"]].uri).contents[0]
    assert read.mime_type == primary["media_type"]
    body = base64.b64decode(read.blob) if getattr(read, "blob", None) else read.text.encode("utf-8")
    assert len(body) == primary["bytes"]
    assert not by_type(result, "resource")  # a client with Apps opens the view: no page embedded twice


@pytest.mark.slow
def test_the_deck_is_a_real_pptx(rendered, apps_client):
    link = next(c for c in by_type(rendered["slides"], "resource_link") if c.name == "deck.pptx")
    deck = Presentation(io.BytesIO(base64.b64decode(apps_client.read(link.uri).contents[0].blob)))
    texts = [" ".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame) for s in deck.slides]
    assert len(texts) == 2 and "Minimal deck" in texts[0] and "Points" in texts[1] and "A detail" in texts[1]


def test_an_invalid_plan_is_a_tool_error_that_says_what_to_fix(apps_client, mcp_session):
    before = mcp_session["backend"].store.count()
    bad = {"modality": "slides", "title": "Quarterly review", "slides": [
        {"layout": "bullets", "bullets": [{"text": "Revenue grew"}]},
        {"layout": "chart", "title": "Sales"}]}
    result = apps_client.call("render_plan", {"plan": bad})
    assert result.is_error
    text = text_of(result)
    assert "plan.slides[0].title: Field required (in a 'bullets' layout)" in text
    assert "plan.slides[1].chart: Field required (in a 'chart' layout)" in text
    assert 'plan_schema(modality="slides")' in text
    assert mcp_session["backend"].store.count() == before  # nothing was rendered or stored

    nameless = apps_client.call("render_plan", {"plan": {"title": "No kind"}})
    assert nameless.is_error and "plan.modality: must be one of slides, infographic" in text_of(nameless)


# ---- the view ---------------------------------------------------------------------------------------------------

def test_the_view_is_one_app_page_that_loads_nothing(apps_client):
    contents = apps_client.read(VIEW_URI).contents[0]
    assert contents.mime_type == "text/html;profile=mcp-app"
    ui = contents.meta["ui"]
    assert ui["csp"] == {"connectDomains": [], "resourceDomains": [], "frameDomains": [], "baseUriDomains": []}
    assert ui["prefersBorder"] is True
    html = contents.text
    assert html.startswith("<!doctype html>") and "ui/initialize" in html and "ui/notifications/size-changed" in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)  # no external script, style or picture
    assert "<link" not in html and "@import" not in html


# ---- hosts without MCP Apps --------------------------------------------------------------------------------------

@pytest.mark.slow
def test_a_client_without_apps_gets_an_answer_that_stands_alone(plain_client):
    result = plain_client.call("render_plan", {"plan": plan("whiteboard")})
    assert not result.is_error
    text = text_of(result)
    assert "Atelier's view" not in text  # nothing points at a view this client will never show
    assert "A preview picture is attached" in text and "board.excalidraw" in text
    assert len(by_type(result, "image")) == 1
    embedded = by_type(result, "resource")
    assert len(embedded) == 1
    page = embedded[0].resource
    assert page.uri == f"ui://atelier/render/{result.structured_content['id']}" and page.mime_type == "text/html"
    data = json.loads(re.search(r'<script type="application/json" id="atelier-embedded">(.*?)</script>',
                                page.text, re.S).group(1))
    assert data["result"]["structuredContent"]["title"] == "Minimal board"
    svg_uri = next(c.uri for c in by_type(result, "resource_link") if c.name == "board.svg")
    assert data["files"][svg_uri]["text"].lstrip().startswith(("<svg", "<?xml"))


# ---- reading, changing and exporting renders -----------------------------------------------------------------------

@pytest.mark.slow
def test_rerender_applies_a_merge_patch_to_the_stored_plan(rendered, apps_client):
    old = rendered["infographic"].structured_content
    result = apps_client.call("rerender", {"id": old["id"], "plan_patch": {"title": "Patched", "source": None}})
    assert not result.is_error, text_of(result)
    new = result.structured_content
    assert new["id"] != old["id"] and new["title"] == "Patched"
    shown = apps_client.call("get_render", {"id": new["id"]})
    stored = json.loads(text_of(shown).split("Its plan:\n", 1)[1])
    assert stored["title"] == "Patched" and "source" not in stored
    assert stored["blocks"] == plan("infographic")["blocks"]
    assert shown.structured_content["id"] == new["id"]

    missing = apps_client.call("get_render", {"id": "nosuchrender0000"})
    assert missing.is_error and "no render with id 'nosuchrender0000'" in text_of(missing)


@pytest.mark.slow
def test_export_hands_the_view_a_file(rendered, apps_client):
    deck = rendered["slides"].structured_content
    result = apps_client.call("export", {"id": deck["id"], "format": "pptx"})
    resource = by_type(result, "resource")[0].resource
    assert resource.uri.endswith("/deck.pptx")
    assert resource.mime_type == "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    assert len(Presentation(io.BytesIO(base64.b64decode(resource.blob))).slides) == 2

    board = rendered["whiteboard"].structured_content
    mermaid = by_type(apps_client.call("export", {"id": board["id"], "format": "mmd"}), "resource")[0].resource
    assert "flowchart TD" in mermaid.text and "Is it ready?" in mermaid.text

    wrong = apps_client.call("export", {"id": board["id"], "format": "pptx"})
    assert wrong.is_error and "this whiteboard render has no pptx file; it has: board.excalidraw" in text_of(wrong)


@pytest.mark.slow
def test_render_lets_atelier_plan_from_words(apps_client):
    result = apps_client.call("render", {"prompt": "How to make tea: boil water -> steep for 3 minutes -> pour",
                                         "modality": "whiteboard"})
    assert not result.is_error, text_of(result)
    manifest = result.structured_content
    assert manifest["modality"] == "whiteboard" and manifest["planner"]["name"] == "offline"
    labels = json.dumps(apps_client.call("get_render", {"id": manifest["id"]}).content[1].text)
    assert "boil water" in labels.lower()

    empty = apps_client.call("render", {"prompt": "   "})
    assert empty.is_error and "give a prompt, some content, data or a plan" in text_of(empty)
