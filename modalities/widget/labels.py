"""The words a widget shows besides the plan's own text, in English and Traditional Chinese.

`{name}` placeholders are filled in by the page's script (`t()` in common.js).
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "noscript": "This widget needs JavaScript.",
        "data": "Show the data", "data_caption": "The numbers behind the chart",
        "filter": "Filter rows", "showing": "Showing {n} of {total} rows", "no_match": "No rows match “{q}”.",
        "page": "Page {n} of {total}", "pages": "Pages", "prev_page": "Previous page", "next_page": "Next page",
        "sort_hint": "Select a column heading to sort by it; select it again to reverse.",
        "results": "Results", "reset": "Reset", "how": "How this is calculated",
        "range": "From {min} to {max}", "out_of_range": "Enter a number from {min} to {max}.",
        "not_number": "Enter a number.",
        "check": "Check answers", "retry": "Try again", "correct": "✓ Correct.", "wrong": "✗ Not quite.",
        "unanswered": "✗ No answer.", "answer": "The answer is: {answer}.", "score": "You scored {n} of {total}.",
        "answered": "{n} of {total} answered", "question": "Question {n}",
        "flip": "Flip card", "show_back": "Show answer", "show_front": "Show question", "prev": "Previous",
        "next": "Next", "shuffle": "Shuffle", "known": "I knew it", "card": "Card {n} of {total}",
        "known_count": "{n} known", "all_known": "You knew all {total} cards.", "again": "Start over",
        "front": "Front", "back": "Back", "keys": "Space flips the card; the arrow keys move between cards.",
        "progress": "Progress", "done": "{n} of {total} done", "uncheck": "Uncheck all",
        "days": "days", "hours": "hours", "minutes": "minutes", "seconds": "seconds",
        "until": "until {label}", "reached": "{label}: the time has come.", "when": "{date} (your local time)",
        "start": "Start", "pause": "Pause", "resume": "Resume", "skip": "Skip", "round": "Round {n}", "min": "min",
        "sec": "s",
        "amount": "Amount", "from": "From", "to": "To", "swap": "Swap the units", "rate": "1 {from} = {value} {to}",
        "all_units": "{amount} {unit} in every unit", "every_unit": "In every unit",
        "chart_line": "Line chart", "chart_bar": "Bar chart", "chart_column": "Column chart", "chart_pie": "Pie chart",
        "chart_doughnut": "Doughnut chart", "chart_scatter": "Scatter chart", "list_sep": ", ",
        "chart_summary": "{kind} of {series}, {axis}from {first} to {last}; values range from {lo} to {hi}.",
        "chart_shares": "{kind} of {series}: {parts}.",
        "total": "Total", "latest": "Latest ({when})", "change": "Change since {when}", "points": "points",
        "series": "Series shown", "view": "View", "view_lines": "Lines", "view_columns": "Columns",
        "view_bars": "Bars", "view_stacked": "Stacked", "nothing_shown": "Choose a series to show.",
        "measure": "Measure", "series_by": "Series by", "by_column": "{column}", "by_none": "None (totals)",
        "explorer_summary": "Chart of {measure} by {x}, one series per {by}.",
    },
    "zh": {
        "noscript": "這個小工具需要 JavaScript。",
        "data": "顯示資料", "data_caption": "圖表背後的數字",
        "filter": "篩選資料列", "showing": "顯示 {total} 列中的 {n} 列", "no_match": "沒有符合「{q}」的資料列。",
        "page": "第 {n} 頁，共 {total} 頁", "pages": "分頁", "prev_page": "上一頁", "next_page": "下一頁",
        "sort_hint": "點選欄位標題即可依該欄排序，再點一次反向排序。",
        "results": "結果", "reset": "重設", "how": "計算方式",
        "range": "範圍 {min} 至 {max}", "out_of_range": "請輸入 {min} 至 {max} 之間的數字。",
        "not_number": "請輸入數字。",
        "check": "檢查答案", "retry": "再試一次", "correct": "✓ 答對了。", "wrong": "✗ 答錯了。",
        "unanswered": "✗ 未作答。", "answer": "正確答案：{answer}。", "score": "得分：{n} / {total}。",
        "answered": "已作答 {n} / {total} 題", "question": "第 {n} 題",
        "flip": "翻轉卡片", "show_back": "看答案", "show_front": "看題目", "prev": "上一張", "next": "下一張",
        "shuffle": "洗牌", "known": "我會了", "card": "第 {n} 張，共 {total} 張", "known_count": "已會 {n} 張",
        "all_known": "{total} 張卡片全都會了。", "again": "重新開始", "front": "正面", "back": "背面",
        "keys": "空白鍵翻面，方向鍵切換卡片。",
        "progress": "進度", "done": "已完成 {n} / {total}", "uncheck": "全部取消勾選",
        "days": "天", "hours": "時", "minutes": "分", "seconds": "秒",
        "until": "距離{label}", "reached": "{label}：時間到了。", "when": "{date}（當地時間）",
        "start": "開始", "pause": "暫停", "resume": "繼續", "skip": "跳過", "round": "第 {n} 輪", "min": "分鐘",
        "sec": "秒",
        "amount": "數量", "from": "從", "to": "換成", "swap": "交換單位", "rate": "1 {from} = {value} {to}",
        "all_units": "{amount} {unit} 換算成各單位", "every_unit": "換算成所有單位",
        "chart_line": "折線圖", "chart_bar": "橫條圖", "chart_column": "直條圖", "chart_pie": "圓餅圖",
        "chart_doughnut": "環圈圖", "chart_scatter": "散佈圖", "list_sep": "、",
        "chart_summary": "{kind}：{series}，{axis}從 {first} 到 {last}，數值介於 {lo} 與 {hi} 之間。",
        "chart_shares": "{kind}：{series}，{parts}。",
        "total": "總計", "latest": "最新（{when}）", "change": "與 {when} 相比", "points": "個百分點",
        "series": "顯示的數列", "view": "檢視", "view_lines": "折線", "view_columns": "直條", "view_bars": "橫條",
        "view_stacked": "堆疊", "nothing_shown": "請選擇要顯示的數列。", "measure": "指標", "series_by": "數列依",
        "by_column": "{column}", "by_none": "不分組（合計）",
        "explorer_summary": "{measure}依{x}的圖表，每個{by}一條數列。",
    },
}


def fill(template: str, **values: object) -> str:
    """A label with its {placeholders} filled in (str.format would choke on braces in the values)."""
    for key, value in values.items():
        template = template.replace("{" + key + "}", str(value))
    return template


def labels_for(language: str) -> dict[str, str]:
    """The label set for a BCP 47 language tag: Chinese for any 'zh' tag, else English."""
    return LABELS["zh" if language.lower().startswith("zh") else "en"]
