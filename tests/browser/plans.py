"""One plan per widget kind, written as a user or a model would, English and Traditional Chinese mixed."""

from __future__ import annotations

WIDGETS: dict[str, dict] = {
    "chart": {"kind": "chart", "chart": {
        "kind": "column", "categories": ["Jan", "Feb", "Mar", "Apr"],
        "series": [{"name": "Atlas", "values": [120, 135, 150, 149]}, {"name": "Beacon", "values": [80, 95, 90, 110]}],
        "unit": "k", "x_label": "Month", "y_label": "Users"}},
    "explorer": {"kind": "explorer", "table": {"columns": ["月份", "城市", "降雨量(mm)", "雨天"], "rows": [
        ["5月", "台北", 234, 14], ["6月", "台北", 325, 16], ["7月", "台北", 245, 12],
        ["5月", "台中", 225, 11], ["6月", "台中", 360, 15], ["7月", "台中", 280, 13]]},
        "x": "月份", "group": "城市", "measures": ["降雨量(mm)", "雨天"], "chart": "column"},
    "table": {"kind": "table", "table": {
        "columns": ["City", "Country", "Population (M)", "Founded"],
        "rows": [["Taipei", "Taiwan", 2.6, 1884], ["Tokyo", "Japan", 14.0, 1457], ["Paris", "France", 2.1, None],
                 ["Lagos", "Nigeria", 15.4, 1472], ["Lima", "Peru", 10.0, 1535], ["Oslo", "Norway", 0.7, 1040]]}},
    "calculator": {"kind": "calculator", "inputs": [
        {"name": "principal", "label": "Loan amount", "default": 300000, "min": 1000, "max": 2000000, "step": 1000},
        {"name": "rate", "label": "Annual rate", "default": 4.5, "min": 0, "max": 20, "step": 0.05, "unit": "%"},
        {"name": "years", "label": "Term", "default": 30, "min": 1, "max": 40, "step": 1, "unit": "years"}],
        "outputs": [{"name": "r", "label": "Monthly rate", "formula": "rate / 100 / 12", "decimals": 5},
                    {"name": "n", "label": "Payments", "formula": "years * 12", "decimals": 0},
                    {"name": "payment", "label": "Monthly payment",
                     "formula": "if(r == 0, principal / n, principal * r / (1 - (1 + r) ^ -n))"}]},
    "quiz": {"kind": "quiz", "questions": [
        {"question": "Which planet is largest?", "options": ["Mars", "Jupiter", "Venus"], "answer": 1,
         "explanation": "Jupiter is more massive than all the others together."},
        {"question": "How many moons does Mars have?", "options": ["0", "1", "2"], "answer": 2}]},
    "flashcards": {"kind": "flashcards", "cards": [
        {"front": "蘋果", "back": "apple"}, {"front": "香蕉", "back": "banana"}, {"front": "葡萄", "back": "grape"}]},
    "checklist": {"kind": "checklist", "items": [{"text": "Passport"}, {"text": "Charger", "done": True},
                                                 {"text": "Tickets"}]},
    "countdown": {"kind": "countdown", "target": "2031-01-01T09:00:00+08:00", "label": "Launch day"},
    "timeline": {"kind": "timeline", "events": [
        {"date": "1973", "title": "工研院成立", "detail": "工業技術研究院成立，推動產業研發。"},
        {"date": "1987", "title": "台積電成立"}, {"date": "2020", "title": "5 奈米量產"}]},
    "converter": {"kind": "converter", "units": [{"name": "USD", "per_base": 1}, {"name": "TWD", "per_base": 32},
                                                {"name": "EUR", "per_base": 0.9}], "note": "Rates from 2026-11-01"},
    "html": {"kind": "html", "html": "<!doctype html><html><body><h1 id='h'>Hello</h1><p>custom page</p>"
             "<script>document.getElementById('h').textContent = 'Hello from script';</script></body></html>"},
}
