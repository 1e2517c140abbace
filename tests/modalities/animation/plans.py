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
