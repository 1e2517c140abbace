"""Plans the animation tests render: small, each made to show one behaviour."""

from __future__ import annotations


def flow_scene(fps: int = 30, size: str = "1280x720") -> dict:
    """The benchmark's scene: a title, three labelled shapes and two arrows; fade, draw, grow, move, recolour,
    pulse and a fade out, 10 s long."""
    return {
        "modality": "animation",
        "title": "How a request flows",
        "canvas": {"size": size, "fps": fps},
        "speak": False,
        "scenes": [{
            "id": "flow",
            "layout": "row",
            "hold": 0.0,
            "elements": [
                {"kind": "text", "id": "title", "text": "How a request flows", "role": "heading"},
                {"kind": "shape", "id": "browser", "shape": "round", "label": "Browser", "color": "series1"},
                {"kind": "shape", "id": "server", "shape": "box", "label": "Server", "color": "series2"},
                {"kind": "shape", "id": "db", "shape": "ellipse", "label": "Database", "color": "series3"},
                {"kind": "connector", "id": "a1", "source": "browser", "target": "server"},
                {"kind": "connector", "id": "a2", "source": "server", "target": "db"},
            ],
            "steps": [
                {"targets": ["title"], "action": "fade", "duration": 0.6},
                {"targets": ["browser"], "action": "draw", "duration": 1.0},
                {"targets": ["server"], "action": "grow", "duration": 0.8},
                {"targets": ["db"], "action": "draw", "duration": 1.0},
                {"targets": ["a1"], "action": "draw", "duration": 0.6},
                {"targets": ["a2"], "action": "draw", "duration": 0.6},
                {"targets": ["db"], "action": "move", "to": "bottom", "duration": 1.0},
                {"targets": ["db"], "action": "recolour", "color": "negative", "start": "with_previous",
                 "duration": 1.0},
                {"targets": ["server"], "action": "pulse", "duration": 0.6},
                {"action": "wait", "duration": 3.0},
                {"targets": ["title", "browser", "server", "db", "a1", "a2"], "action": "exit", "duration": 0.8},
            ],
        }],
    }


def narrated_deck(language: str = "en") -> dict:
    """Two slide-like scenes with narration: a title card and bullets appearing on click, then numbers counting."""
    zh = language.startswith("zh")
    return {
        "modality": "animation",
        "title": "季度回顧" if zh else "Quarter in review",
        "language": "zh-TW" if zh else "en",
        "canvas": {"size": "854x480", "fps": 24},
        "scenes": [
            {"id": "intro", "layout": "title", "hold": 0.5, "elements": [
                {"kind": "text", "id": "t", "text": "季度回顧" if zh else "Quarter in review", "role": "title"},
            ], "steps": [
                {"targets": ["t"], "action": "write", "duration": 0.6,
                 "narration": "這一季的三個重點。" if zh else "Three things happened this quarter."},
            ]},
            {"id": "points", "layout": "list", "hold": 0.5, "elements": [
                {"kind": "text", "id": "h", "text": "重點" if zh else "Highlights", "role": "heading"},
                {"kind": "text", "id": "b1", "text": "營收成長兩成" if zh else "Revenue grew", "role": "bullet"},
                {"kind": "number", "id": "n1", "value": "42%", "label": "新客戶" if zh else "new customers"},
            ], "steps": [
                {"targets": ["h"], "action": "fade", "duration": 0.4},
                {"targets": ["b1"], "action": "fade", "start": "on_click", "duration": 0.4,
                 "narration": "營收成長了兩成。" if zh else "Revenue grew."},
                {"targets": ["n1"], "action": "grow", "start": "on_click", "duration": 0.5},
                {"targets": ["n1"], "action": "count", "start": "with_previous", "duration": 0.8},
            ]},
        ],
    }


def chinese_card() -> dict:
    """One still scene of Chinese text, to see that CJK glyphs are drawn."""
    return {
        "modality": "animation",
        "title": "繁體中文",
        "canvas": {"size": "854x480", "fps": 24},
        "speak": False,
        "scenes": [{"id": "zh", "layout": "title", "hold": 1.0, "elements": [
            {"kind": "text", "id": "t", "text": "繁體中文動畫", "role": "title"},
        ]}],
    }


def every_action() -> dict:
    """Every action once, in a row of shapes, an icon, a number and a chart, with the camera moving."""
    return {
        "modality": "animation",
        "title": "Every action",
        "canvas": {"size": "854x480", "fps": 24},
        "speak": False,
        "scenes": [
            {"id": "one", "layout": "row", "hold": 0.5, "elements": [
                {"kind": "text", "id": "h", "text": "Every action", "role": "heading"},
                {"kind": "shape", "id": "a", "label": "A", "shape": "circle"},
                {"kind": "shape", "id": "b", "label": "B", "shape": "diamond"},
                {"kind": "icon", "id": "i", "icon": "database", "label": "Store"},
                {"kind": "number", "id": "n", "value": "1,200", "label": "orders"},
                {"kind": "shape", "id": "c", "label": "C"},
                {"kind": "connector", "id": "ab", "source": "a", "target": "b", "label": "calls"},
            ], "steps": [
                {"targets": ["h"], "action": "write", "duration": 0.5},
                {"targets": ["a"], "action": "fly", "direction": "left", "duration": 0.5},
                {"targets": ["b"], "action": "grow", "duration": 0.5, "easing": "back"},
                {"targets": ["ab"], "action": "draw", "duration": 0.4},
                {"targets": ["i"], "action": "draw", "duration": 0.5},
                {"targets": ["n"], "action": "fade", "duration": 0.3},
                {"targets": ["n"], "action": "count", "start": "with_previous", "duration": 0.6},
                {"targets": ["a"], "action": "highlight", "color": "warning", "duration": 0.4},
                {"targets": ["b"], "action": "transform", "to": "c", "duration": 0.5},
                {"targets": ["i"], "action": "focus", "duration": 0.5},
                {"action": "zoom", "scale": 1, "duration": 0.5},
                {"targets": ["a"], "action": "exit", "direction": "down", "duration": 0.4},
            ]},
            {"id": "two", "layout": "chart", "hold": 0.5, "elements": [
                {"kind": "text", "id": "h2", "text": "Growth", "role": "heading"},
                {"kind": "chart", "id": "ch", "chart": {"kind": "column", "categories": ["2022", "2023", "2024"],
                                                        "series": [{"name": "Users", "values": [3, -1, 7]}]}},
            ], "steps": [{"targets": ["ch"], "action": "grow", "duration": 1.0}]},
        ],
    }
