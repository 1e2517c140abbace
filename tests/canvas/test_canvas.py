"""The canvas as a user meets it: ask, watch the progress, use the answer, reload, try another form."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.canvas.conftest import modality_config, noun
from tests.conftest import FIXTURES, ServerProcess

pytestmark = pytest.mark.slow  # a real server, a real build and Chromium

NOTES = """# Remote work

## Why it works
Fewer commutes and longer stretches of focus.

## Habits
- Core hours for meetings
- Written updates every Friday
- Cameras optional

## Tools
- Chat for quick questions
- Docs for decisions
"""

PR_STEPS = """1. Open a pull request
2. Automated checks run
3. A reviewer comments
4. The author pushes fixes
5. The reviewer approves
6. The branch is merged
"""

PROGRESS_LOG = """() => {
    window.__progress = [];
    new MutationObserver(() => {
        for (const card of document.querySelectorAll('[data-testid=progress-card]')) {
            const bar = card.querySelector('[role=progressbar]');
            window.__progress.push({state: card.dataset.state, modality: card.dataset.modality || null,
                                    value: bar ? Number(bar.getAttribute('aria-valuenow')) : null,
                                    label: card.querySelector('.progress-label')?.textContent ?? null});
        }
    }).observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
}"""

# Zooms and scrolls the board so that every answer on it is in view.
FIT_TO_CONTENT = "window.atelierCanvas.api.scrollToContent(undefined, {fitToViewport: true, animate: false})"


def test_a_request_for_slides_shows_progress_then_a_deck(canvas, shots, modalities):
    canvas.open()
    canvas.page.evaluate(PROGRESS_LOG)
    canvas.ask("Make slides for the team about remote work", content=NOTES)
    card = canvas.page.get_by_test_id("progress-card")
    card.wait_for()  # the card holds the answer's place at once
    [answer] = canvas.wait_for_answers(1)
    assert answer["modality"] == "slides" and answer["card"] == "deck"

    log = canvas.page.evaluate("window.__progress")
    assert any(e["state"] == "running" and e["modality"] == "slides" for e in log), log
    values = [e["value"] for e in log if e["value"] is not None]
    assert values == sorted(values) and 0 < values[0] < values[-1] < 100, values
    # The bar counts the steps /config says a deck's render sends.
    steps = len(modalities["slides"]["steps"])
    labels = {e["label"] for e in log if e["label"]}
    assert any(re.match(rf"Step \d+ of {steps}: ", label) for label in labels), labels

    with httpx.Client(base_url=canvas.server.base) as c:
        manifest = c.get(f"/render/{answer['renderId']}").json()
    slides = manifest["details"]["slide_count"]
    deck = canvas.page.get_by_test_id("deck-card")
    assert deck.get_by_test_id("slide-counter").inner_text() == f"1 / {slides}"
    assert deck.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    canvas.show(answer["renderId"])
    canvas.page.screenshot(path=shots / "slides-card.png")

    canvas.select(answer["renderId"])
    panel = canvas.page.get_by_test_id("answer-panel")
    rationale = panel.get_by_test_id("panel-rationale").inner_text()
    assert rationale.startswith(f"The offline planner chose {noun(modalities, 'slides')}"), rationale
    download = panel.get_by_role("link", name="Download deck.pptx")
    assert download.get_attribute("href").endswith("deck.pptx?download=true")
    for alt in manifest["planner"]["alternatives"]:
        assert panel.get_by_role("button", name=f"Try as {noun(modalities, alt)}", exact=True).is_visible()
    assert f"/embed/{answer['renderId']}" in panel.get_by_label("Embed snippet").input_value()
    canvas.page.screenshot(path=shots / "slides-panel.png")

    panel.get_by_role("button", name="Open slides").click()
    viewer = canvas.page.get_by_test_id("deck-viewer")
    assert viewer.get_by_test_id("viewer-counter").inner_text() == f"Slide 1 of {slides}"
    canvas.page.keyboard.press("ArrowRight")
    canvas.page.keyboard.press("ArrowRight")
    assert viewer.get_by_test_id("viewer-counter").inner_text() == f"Slide 3 of {slides}"
    viewer.get_by_role("button", name="Previous slide").click()
    assert viewer.get_by_test_id("viewer-counter").inner_text() == f"Slide 2 of {slides}"
    assert viewer.get_by_role("link", name="Download PowerPoint").is_visible()
    canvas.page.screenshot(path=shots / "slides-viewer.png")
    canvas.page.keyboard.press("Escape")
    assert viewer.count() == 0
    canvas.assert_clean()


def test_a_whiteboard_is_native_excalidraw_and_moves_as_one(canvas, shots):
    canvas.open()
    canvas.ask("Draw how a pull request gets merged", modality="whiteboard", content=PR_STEPS)
    [answer] = canvas.wait_for_answers(1)
    assert answer["card"] == "scene"
    types = {e["type"] for e in answer["elements"]}
    assert {"rectangle", "text", "arrow"} <= types and not types & {"embeddable", "image"}, types
    texts = " ".join(e["text"] or "" for e in answer["elements"])
    assert "reviewer approves" in texts.lower() or "approves" in texts, texts
    # Excalidraw accepts every element as its own (bound labels and arrow bindings intact).
    problems = canvas.page.evaluate("""id => {
        const els = window.atelierCanvas.api.getSceneElements().filter(e => e.customData?.atelier?.renderId === id);
        const byId = new Map(els.map(e => [e.id, e]));
        const out = [];
        for (const e of els) {
            if (e.containerId && !byId.has(e.containerId)) out.push(e.id + ' lost its container');
            for (const end of ['startBinding', 'endBinding'])
                if (e[end] && !byId.has(e[end].elementId)) out.push(e.id + ' ' + end + ' dangles');
            if (!e.groupIds.includes('atelier-' + id)) out.push(e.id + ' is not in the answer group');
        }
        return out;
    }""", answer["renderId"])
    assert problems == []
    canvas.show(answer["renderId"])
    canvas.page.screenshot(path=shots / "whiteboard.png")

    box = next(e for e in answer["elements"] if e["type"] == "rectangle")
    x, y = canvas.to_viewport(box["x"] + box["width"] / 2, box["y"] + 4)
    zoom = canvas.page.evaluate("window.atelierCanvas.api.getAppState().zoom.value")
    canvas.page.mouse.move(x, y)
    canvas.page.mouse.down()
    canvas.page.mouse.move(x + 60, y + 30, steps=6)
    canvas.page.mouse.move(x + 120, y + 60, steps=6)
    canvas.page.mouse.up()
    moved = {e["id"]: e for e in canvas.answers()[0]["elements"]}
    for before in answer["elements"]:
        after = moved[before["id"]]
        assert round((after["x"] - before["x"]) * zoom) == 120 and round((after["y"] - before["y"]) * zoom) == 60, (
            before["id"], before["x"], after["x"])
    canvas.assert_clean()


def test_a_widget_is_live_on_the_board_and_sandboxed(canvas, shots):
    canvas.open()
    canvas.ask("A packing checklist", modality="widget", content="- Passport\n- Charger\n- Toothbrush\n- Rain jacket")
    [answer] = canvas.wait_for_answers(1)
    assert answer["card"] == "widget" and answer["elements"][0]["link"] == f"/embed/{answer['renderId']}"
    frame_el = canvas.page.get_by_test_id("widget-card").locator("iframe")
    assert frame_el.get_attribute("sandbox") == "allow-scripts"
    assert frame_el.get_attribute("src") == f"/embed/{answer['renderId']}"
    widget = canvas.page.frame_locator("[data-testid=widget-card] iframe")
    first = widget.get_by_role("checkbox").first
    first.wait_for()
    assert not first.is_checked()

    # As in Excalidraw: select the card, then click its middle to work inside it. (At 100 % zoom: Playwright
    # cannot aim inside a frame that the board scales with a CSS transform; a person's clicks can.)
    canvas.show(answer["renderId"], zoom=1)
    card = canvas.answers()[0]["elements"][0]
    canvas.select(answer["renderId"])
    cx, cy = canvas.to_viewport(card["x"] + card["width"] / 2, card["y"] + card["height"] / 2)
    canvas.page.mouse.click(cx, cy)
    canvas.page.wait_for_function("() => window.atelierCanvas.api.getAppState().activeEmbeddable?.state === 'active'")
    first.click()
    assert first.is_checked()
    assert "1" in widget.locator("#progress-label").inner_text()
    # The frame has an opaque origin: it cannot reach into the board.
    reach_parent = "() => { try { return !!window.parent.document; } catch (e) { return 'blocked'; } }"
    assert widget.locator("body").evaluate(reach_parent) == "blocked"
    canvas.page.screenshot(path=shots / "widget.png")
    canvas.assert_clean()


def test_reload_brings_the_board_back_with_the_same_answers(canvas, shots):
    canvas.open()
    canvas.ask("An image of a lighthouse at dawn, watercolour", modality="image")
    canvas.wait_for_answers(1)
    canvas.ask("Remote work", modality="infographic", content=NOTES)
    canvas.wait_for_answers(2)
    canvas.ask("Remote work habits as a deck", modality="slides", content=NOTES)
    before = canvas.wait_for_answers(3)
    # The user's own drawing is kept too.
    canvas.page.evaluate("""() => {
        const api = window.atelierCanvas.api;
        api.updateScene({elements: [...api.getSceneElementsIncludingDeleted(),
            {type: 'ellipse', id: 'mine', x: -900, y: -700, width: 120, height: 80, strokeColor: '#e03131',
             backgroundColor: 'transparent', fillStyle: 'solid', strokeWidth: 2, strokeStyle: 'solid', roughness: 1,
             opacity: 100, angle: 0, groupIds: [], frameId: null, roundness: null, seed: 7, version: 1,
             versionNonce: 1, isDeleted: false, boundElements: null, updated: 1, link: null, locked: false,
             index: null}]});
    }""")
    canvas.wait_saved()
    canvas.page.reload()
    canvas.page.wait_for_function("() => !!window.atelierCanvas")
    after = canvas.answers()
    def identities(answers):
        return sorted((a["renderId"], a["modality"]) for a in answers)

    assert identities(after) == identities(before)
    assert canvas.page.evaluate("window.atelierCanvas.api.getSceneElements().some(e => e.id === 'mine')")
    # Pictures come back from their renders (they are not stored twice).
    pictures = [a for a in after if a["card"] == "picture"]
    assert len(pictures) == 2
    canvas.page.wait_for_function("""ids => ids.every(id => !!window.atelierCanvas.api.getFiles()[id])""",
                                  arg=[a["elements"][0]["fileId"] for a in pictures])
    assert canvas.page.get_by_test_id("deck-card").count() == 1
    canvas.page.evaluate("window.atelierCanvas.api.scrollToContent(undefined, {fitToViewport: true, animate: false})")
    canvas.page.wait_for_timeout(300)
    canvas.page.screenshot(path=shots / "board-after-reload.png")
    canvas.assert_clean()


def test_try_as_infographic_renders_the_same_request_again(canvas, shots, modalities):
    canvas.open()
    canvas.ask("Turn these notes into slides", content=NOTES)
    [deck] = canvas.wait_for_answers(1)
    assert deck["modality"] == "slides"
    canvas.select(deck["renderId"])
    panel = canvas.page.get_by_test_id("answer-panel")
    panel.get_by_role("button", name=f"Try as {noun(modalities, 'infographic')}").click()
    answers = canvas.wait_for_answers(2)
    [info] = [a for a in answers if a["renderId"] != deck["renderId"]]
    assert info["modality"] == "infographic" and info["card"] == "picture"
    with httpx.Client(base_url=canvas.server.base) as c:
        first = c.get(f"/boards/{canvas.board_id}/requests/{deck['requestId']}").json()
        second = c.get(f"/boards/{canvas.board_id}/requests/{info['requestId']}").json()
        plan = c.get(f"/render/{info['renderId']}/plan.json").json()
    assert second == {**first, "modality": "infographic"}
    assert plan["modality"] == "infographic" and plan["title"] == "Remote work"
    # It lands beside the deck, not on top of it.
    d, i = deck["elements"][0], info["elements"][0]
    assert i["x"] >= d["x"] + d["width"] or i["y"] >= d["y"] + d["height"] or i["x"] + i["width"] <= d["x"]
    canvas.show(info["renderId"])
    canvas.page.screenshot(path=shots / "infographic.png")
    canvas.assert_clean()


def test_a_failed_render_says_why_on_its_card(canvas, tmp_path):
    canvas.open()
    bad = tmp_path / "sales.csv"
    bad.write_text("region,amount\nNorth,10\nSouth,12,extra\n", encoding="utf-8")
    canvas.page.locator("input[type=file]").set_input_files(bad)
    assert "sales.csv" in canvas.page.get_by_test_id("attachment").inner_text()
    canvas.page.get_by_label("Request", exact=True).fill("Chart this")
    canvas.page.get_by_role("button", name="Make it").click()
    card = canvas.page.locator("[data-testid=progress-card][data-state=failed]")
    card.wait_for()
    message = card.get_by_test_id("render-error").inner_text()
    assert "line 3" in message, message
    # An empty request is refused before it is sent.
    canvas.page.get_by_role("button", name="Make it").click()
    assert "Type a request" in canvas.page.get_by_role("alert").filter(has_text="Type a request").inner_text()
    canvas.assert_clean()


def test_every_modality_on_one_board_in_light_dark_and_tablet(browser, canvas_server, shots, modalities):
    from tests.canvas.conftest import Canvas

    zh = (FIXTURES / "zh_article.txt").read_text(encoding="utf-8")
    light = Canvas(browser, canvas_server).open()
    try:
        light.ask("遠距工作懶人包", modality="infographic", content=zh)
        light.wait_for_answers(1)
        light.ask("Make slides about remote work", content=NOTES)
        light.wait_for_answers(2)
        light.ask("Draw how a pull request gets merged", modality="whiteboard", content=PR_STEPS)
        light.wait_for_answers(3)
        light.ask("A packing checklist", modality="widget", content="- Passport\n- Charger\n- Rain jacket")
        light.wait_for_answers(4)
        light.ask("A lighthouse at dawn, watercolour", modality="image")
        answers = light.wait_for_answers(5)
        assert sorted(a["modality"] for a in answers) == ["image", "infographic", "slides", "whiteboard", "widget"]
        # Each lands on the card /config names for it.
        cards = {a["modality"]: a["card"] for a in answers}
        assert cards == {a["modality"]: modalities[a["modality"]]["card"] for a in answers}
        # No two answers overlap.
        boxes = [(min(e["x"] for e in a["elements"]), min(e["y"] for e in a["elements"]),
                  max(e["x"] + e["width"] for e in a["elements"]), max(e["y"] + e["height"] for e in a["elements"]))
                 for a in answers]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
        light.page.evaluate(FIT_TO_CONTENT)
        light.page.wait_for_timeout(300)
        light.page.screenshot(path=shots / "board-light.png")
        for a in answers:
            light.show(a["renderId"])
            light.page.screenshot(path=shots / f"answer-{a['modality']}.png")
        light.wait_saved()
        light.assert_clean()
    finally:
        light.close()

    for name, options in (("board-dark.png", {"color_scheme": "dark"}),
                          ("board-tablet.png", {"viewport": (820, 1180)})):
        other = Canvas(browser, canvas_server, **options).open(light.board_id)
        try:
            other.page.evaluate(FIT_TO_CONTENT)
            other.page.get_by_test_id("deck-card").wait_for()
            other.page.get_by_test_id("widget-card").locator("iframe").wait_for()
            if "color_scheme" in options:
                assert other.page.evaluate("document.documentElement.dataset.theme") == "dark"
                assert other.page.locator(".excalidraw.theme--dark").count() == 1
            else:
                bar = other.page.locator(".prompt-bar").bounding_box()
                assert bar["x"] >= 0 and bar["x"] + bar["width"] <= 820
            other.page.wait_for_timeout(300)
            other.page.screenshot(path=shots / name)
            other.assert_clean()
        finally:
            other.close()


DIAGRAMS = {
    "flowchart": "flowchart TD\n  A[Order received] --> B{In stock?}\n  B -->|yes| C[Ship it]\n"
                 "  B -->|no| D[Back-order]",
    "sequence": "sequenceDiagram\n  Browser->>API: POST /render\n  API->>Store: save files\n  API-->>Browser: manifest",
    "mindmap": "mindmap\n  root((遠距工作))\n    好處\n      省通勤\n    挑戰\n      溝通",
    "timeline": "timeline\n  2019 : pilots\n  2020 : everyone remote\n  2023 : hybrid",
}
FIRST_LABEL = {"flowchart": "Order received", "sequence": "Browser", "mindmap": "遠距工作", "timeline": "pilots"}


@pytest.mark.parametrize("kind", sorted(DIAGRAMS))
def test_every_diagram_kind_loads_in_the_real_excalidraw(canvas, kind):
    """Each kind's scene, as the whiteboard renderer writes it, becomes native Excalidraw elements with its
    labels bound and its arrows attached, and Excalidraw reports no errors."""
    canvas.open()
    canvas.ask(f"Draw this {kind}", modality="whiteboard", content=DIAGRAMS[kind])
    [answer] = canvas.wait_for_answers(1)
    assert answer["card"] == "scene"
    state = canvas.page.evaluate("""id => {
        const els = window.atelierCanvas.api.getSceneElements().filter(e => e.customData?.atelier?.renderId === id);
        const byId = new Map(els.map(e => [e.id, e]));
        const bound = els.filter(e => e.type === 'text' && e.containerId && byId.get(e.containerId));
        const arrows = els.filter(e => e.type === 'arrow');
        const attached = arrows.filter(a => (!a.startBinding || byId.has(a.startBinding.elementId))
                                         && (!a.endBinding || byId.has(a.endBinding.elementId)));
        return {count: els.length, bound: bound.length, arrows: arrows.length, attached: attached.length,
                texts: els.filter(e => e.type === 'text').map(e => e.text).join(' ')};
    }""", answer["renderId"])
    assert state["count"] > 4 and state["bound"] >= 3
    assert state["attached"] == state["arrows"]
    texts = state["texts"].replace("\n", " ")
    assert FIRST_LABEL[kind] in texts, (FIRST_LABEL[kind], texts)
    assert not any(syntax in texts for syntax in ("((", "[", "-->", "->>")), texts  # labels, never Mermaid source
    canvas.assert_clean()


def test_with_an_api_token_the_canvas_asks_once_and_then_works(browser, tmp_path, frontend_build):
    """ATELIER_API_TOKEN on: the app asks for the token, keeps it as a same-site cookie, and renders; a widget's
    frame loads too, which an Authorization header alone could not do."""
    from tests.canvas.conftest import Canvas

    server = ServerProcess(tmp_path, env={"ATELIER_API_TOKEN": "canvas-s3cret"}).start()
    try:
        modality_config(server)  # /config answers without the token
    except BaseException:
        server.stop()
        raise
    canvas = Canvas(browser, server, token="canvas-s3cret")
    asked: list[str] = []

    def answer(dialog):
        asked.append(dialog.message)
        dialog.accept("canvas-s3cret")

    canvas.page.on("dialog", answer)
    try:
        canvas.open()
        canvas.ask("A checklist for moving house", modality="widget",
                   content="- Book the van\n- Pack the kitchen\n- Change the address")
        [answer_] = canvas.wait_for_answers(1)
        assert len(asked) == 1 and "API token" in asked[0]
        frame = canvas.page.frame_locator("iframe").first
        frame.get_by_text("Book the van").wait_for()
        with httpx.Client(base_url=server.base) as c:
            assert c.get("/renders").status_code == 401  # still closed to anyone without the token
            assert c.get(f"/embed/{answer_['renderId']}").status_code == 404  # not shared, so not public
        canvas.assert_clean()
    finally:
        canvas.close()
        server.stop()


def test_the_prompt_bar_and_badges_name_modalities_as_config_does(canvas, modalities):
    canvas.open()
    options = canvas.page.get_by_label("Modality").locator("option")
    assert options.all_inner_texts() == ["Auto", *(m["labels"]["en"]["name"] for m in modalities.values())]
    assert [options.nth(i).get_attribute("value") for i in range(1, options.count())] == list(modalities)
    canvas.ask("A packing checklist", modality="widget", content="- Passport\n- Charger")
    canvas.wait_for_answers(1)
    badge = canvas.page.get_by_test_id("widget-card").locator(".badge")
    assert badge.inner_text() == modalities["widget"]["labels"]["en"]["name"]
    assert badge.get_attribute("data-tone") == str(list(modalities).index("widget") % 8)
    canvas.assert_clean()


def test_an_animation_plays_in_place_with_its_poster_and_captions(canvas, shots, modalities):
    """The video card (issue 20): the poster until played, nothing playing by itself, then the video in place."""
    video_modalities = [name for name, m in modalities.items() if m["card"] == "video"]
    if not video_modalities:
        pytest.skip("this server has no modality shown on a video card (the animation modality, issue 20)")
    canvas.open()
    canvas.ask("Animate how a pull request gets merged", modality=video_modalities[0], content=PR_STEPS)
    [answer] = canvas.wait_for_answers(1)
    assert answer["card"] == "video" and answer["elements"][0]["link"] == f"/embed/{answer['renderId']}"
    with httpx.Client(base_url=canvas.server.base) as c:
        manifest = c.get(f"/render/{answer['renderId']}").json()
    files = manifest["files"]
    poster = next(f for f in files if f["role"] == "preview" and f["media_type"].startswith("image/"))
    primary = next(f for f in files if f["role"] == "primary")
    assert primary["media_type"].startswith("video/")

    video = canvas.page.get_by_test_id("video-card").locator("video")
    assert video.get_attribute("poster") == poster["url"]
    assert video.locator("source").first.get_attribute("src") == primary["url"]
    captions = [f for f in files if f["media_type"] == "text/vtt"]
    assert video.locator("track").count() == len(captions[:1])
    if captions:
        assert video.locator("track").get_attribute("src") == captions[0]["url"]
    canvas.page.wait_for_function("() => document.querySelector('[data-testid=video-card] video').readyState >= 1")
    state = video.evaluate("v => ({paused: v.paused, time: v.currentTime, autoplay: v.autoplay, duration: v.duration})")
    assert state["paused"] and state["time"] == 0 and not state["autoplay"], state
    assert state["duration"] > 0

    # As with widgets: select the card, then click its middle to work inside it (at 100 %: see the widget test).
    canvas.show(answer["renderId"], zoom=1)
    card = canvas.answers()[0]["elements"][0]
    canvas.select(answer["renderId"])
    cx, cy = canvas.to_viewport(card["x"] + card["width"] / 2, card["y"] + card["height"] / 2)
    canvas.page.mouse.click(cx, cy)
    canvas.page.wait_for_function("() => window.atelierCanvas.api.getAppState().activeEmbeddable?.state === 'active'")
    canvas.page.get_by_test_id("video-play").click()
    canvas.page.wait_for_function("() => document.querySelector('[data-testid=video-card] video').currentTime > 0.5")
    assert canvas.page.get_by_test_id("video-play").get_attribute("aria-label") == "Pause"
    if captions:
        assert video.evaluate("v => v.textTracks[0].mode") == "showing"
    canvas.page.screenshot(path=shots / "video-card.png")
    canvas.assert_clean()
