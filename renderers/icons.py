"""Icons from Lucide (the `python-lucide` package ships the set with names and tags in SQLite).

`match` picks an icon for a piece of text by its words, in English or Chinese (Chinese words go through a small
bilingual keyword table), and `icon_svg` returns the icon's paths to embed, coloured by the caller.
"""

from __future__ import annotations

import re
import sqlite3
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

DEFAULT_ICON = "sparkles"

# Chinese (Traditional, with common Simplified forms) words → English keywords found in Lucide names and tags.
ZH_KEYWORDS: dict[str, str] = {
    "錢": "banknote", "人事": "users", "人力": "users", "缺工": "user-minus", "金額": "banknote",
    "收入": "wallet",
    "營收": "dollar-sign", "成本": "receipt", "價格": "tag",
    "費用": "receipt", "預算": "wallet", "薪": "wallet", "稅": "receipt", "銀行": "landmark", "投資": "trending-up",
    "股": "chart-line", "經濟": "landmark", "財務": "wallet", "利潤": "piggy-bank", "儲蓄": "piggy-bank",
    "用戶": "users", "使用者": "users", "客戶": "users", "員工": "users", "團隊": "users",
    "人口": "users", "家庭": "house", "兒童": "baby", "學生": "graduation-cap", "老師": "school",
    "時間": "clock", "小時": "clock", "分鐘": "timer",
    "日期": "calendar", "期限": "calendar-clock", "歷史": "history",
    "成長": "trending-up", "增加": "trending-up", "上升": "trending-up", "提高": "trending-up", "增長": "trending-up",
    "下降": "trending-down", "減少": "trending-down", "降低": "trending-down",
    "安全": "shield", "隱私": "lock", "密碼": "key", "風險": "triangle-alert", "警告": "triangle-alert",
    "危險": "triangle-alert", "問題": "circle-question-mark", "錯誤": "circle-x", "完成": "circle-check",
    "檢查": "list-checks", "成功": "trophy", "目標": "target", "策略": "target", "計畫": "clipboard-list",
    "計劃": "clipboard-list", "想法": "lightbulb", "創意": "lightbulb", "創新": "lightbulb", "靈感": "lightbulb",
    "資料": "database", "數據": "database", "資料庫": "database", "雲": "cloud", "伺服器": "server",
    "電腦": "monitor", "手機": "smartphone", "網路": "globe", "網站": "globe", "軟體": "code", "程式": "code",
    "開發": "code", "晶片": "cpu", "半導體": "cpu", "人工智慧": "brain", "智慧": "brain", "機器人": "bot",
    "模型": "brain", "演算法": "workflow", "自動": "bot", "科技": "cpu", "技術": "cpu",
    "圖表": "chart-column", "統計": "chart-column", "分析": "chart-line", "報告": "file-text", "文件": "file-text",
    "書": "book-open", "閱讀": "book-open", "學習": "graduation-cap", "教育": "graduation-cap", "學校": "school",
    "研究": "microscope", "科學": "flask-conical", "實驗": "flask-conical",
    "健康": "heart-pulse", "醫療": "stethoscope", "醫院": "hospital", "醫生": "stethoscope", "藥": "pill",
    "睡眠": "moon", "運動": "dumbbell", "飲食": "utensils", "食物": "utensils", "咖啡": "coffee", "水": "droplet",
    "環境": "leaf", "環保": "recycle", "永續": "leaf", "綠": "leaf", "植物": "sprout", "森林": "trees",
    "氣候": "thermometer", "天氣": "cloud-sun", "太陽": "sun", "能源": "zap", "電力": "zap", "電": "zap",
    "碳": "factory", "工廠": "factory", "產業": "factory", "製造": "factory", "生產": "factory",
    "交通": "car", "汽車": "car", "車": "car", "飛機": "plane", "旅行": "plane", "旅遊": "map", "地圖": "map",
    "地點": "map-pin", "位置": "map-pin", "全球": "globe", "世界": "globe", "國際": "globe", "國家": "flag",
    "城市": "building", "房": "house", "家": "house", "建築": "building", "公司": "building", "企業": "building",
    "市場": "store", "銷售": "shopping-cart", "購物": "shopping-cart", "商店": "store", "產品": "package",
    "物流": "truck", "運送": "truck", "供應鏈": "truck",
    "溝通": "message-circle", "訊息": "message-circle", "聊天": "message-circle", "會議": "users",
    "電話": "phone", "郵件": "mail", "信": "mail", "新聞": "newspaper", "媒體": "tv",
    "音樂": "music", "照片": "camera", "相機": "camera", "影片": "video", "電影": "film", "遊戲": "gamepad-2",
    "設定": "settings", "工具": "wrench", "維修": "wrench", "流程": "workflow", "步驟": "list-ordered",
    "搜尋": "search", "發現": "search", "獎": "award", "冠軍": "trophy", "星": "star", "愛": "heart",
    "快樂": "smile", "速度": "gauge", "效率": "gauge", "品質": "badge-check", "法律": "scale", "規則": "scale",
    "政府": "landmark", "政策": "landmark", "選舉": "vote", "和平": "handshake", "合作": "handshake",
    "海": "waves", "海洋": "waves", "山": "mountain", "燈塔": "lighthouse", "夜": "moon", "月亮": "moon",
    "貓": "cat", "狗": "dog", "鳥": "bird", "魚": "fish", "花": "flower", "樹": "tree-pine",
    "奶茶": "cup-soda", "珍珠奶茶": "cup-soda", "茶": "cup-soda", "飲料": "cup-soda", "夜市": "store", "攤": "store",
    "船": "sailboat", "麵": "soup", "拉麵": "soup", "麵包": "croissant",
}

_STOP = {
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "with", "by", "is", "are", "be", "as", "at",
    "it", "its", "this", "that", "from", "your", "our", "we", "you", "more", "less", "new", "per", "can", "will",
}

_WORD = re.compile(r"[a-zA-Z][a-zA-Z\-]+")


@dataclass(frozen=True)
class _Index:
    names: frozenset[str]
    words: dict[str, tuple[tuple[str, int], ...]]  # keyword -> ((icon, weight), ...)


def _db_path() -> str:
    return str(resources.files("lucide.data").joinpath("lucide-icons.db"))


@lru_cache(maxsize=1)
def _index() -> _Index:
    con = sqlite3.connect(f"file:{_db_path()}?mode=ro", uri=True)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM icons")]
        tags = con.execute("SELECT name, tag FROM icon_tags").fetchall()
    finally:
        con.close()
    words: dict[str, dict[str, int]] = {}

    def add(word: str, icon: str, weight: int) -> None:
        bucket = words.setdefault(word.lower(), {})
        bucket[icon] = max(bucket.get(icon, 0), weight)

    for name in names:
        add(name, name, 6)
        parts = name.split("-")
        add(parts[0], name, 4 if len(parts) == 1 else 3)
        for part in parts[1:]:
            add(part, name, 1)
    for name, tag in tags:
        for word in tag.lower().split():
            add(word, name, 2)
    frozen = {w: tuple(sorted(b.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))) for w, b in words.items()}
    return _Index(frozenset(names), frozen)


def _stem(word: str) -> list[str]:
    word = word.lower()
    out = [word]
    if word.endswith("ies") and len(word) > 4:
        out.append(word[:-3] + "y")
    elif word.endswith("s") and len(word) > 3:
        out.append(word[:-1])
    if word.endswith("ing") and len(word) > 5:
        out.append(word[:-3])
    return out


# English words people use that Lucide's names and tags do not, mapped to ones they do.
EN_SYNONYMS: dict[str, str] = {
    "revenue": "dollar-sign", "sales": "shopping-cart", "profit": "piggy-bank", "income": "wallet",
    "cost": "receipt", "costs": "receipt", "price": "tag", "budget": "wallet", "salary": "banknote",
    "customers": "users", "customer": "user", "employees": "users", "staff": "users", "people": "users",
    "team": "users", "members": "users", "growth": "trending-up", "grew": "trending-up", "increase": "trending-up",
    "rise": "trending-up", "decline": "trending-down", "fell": "trending-down", "drop": "trending-down",
    "churn": "user-minus", "hours": "clock", "minutes": "timer", "days": "calendar", "weeks": "calendar",
    "commute": "car", "commuting": "car", "office": "building", "remote": "house", "home": "house",
    "meeting": "users", "meetings": "users", "email": "mail", "security": "shield", "privacy": "lock",
    "risk": "triangle-alert", "risks": "triangle-alert", "goal": "target", "goals": "target", "idea": "lightbulb",
    "ideas": "lightbulb", "learning": "graduation-cap", "training": "graduation-cap", "health": "heart-pulse",
    "energy": "zap", "climate": "thermometer", "carbon": "factory", "speed": "gauge", "fast": "gauge",
    "quality": "badge-check", "success": "trophy", "data": "database", "ai": "brain", "onboarding": "user-plus",
    "hiring": "user-plus", "support": "life-buoy", "tickets": "ticket", "focus": "target", "sleep": "moon",
    "water": "droplet", "exercise": "dumbbell", "walk": "footprints", "notifications": "bell", "tools": "wrench",
    "remotely": "house", "work": "briefcase", "job": "briefcase", "time": "clock", "schedule": "calendar-clock",
    "desk": "lamp-desk", "corner": "lamp-desk", "room": "door-open", "survey": "clipboard-list",
    "answered": "message-circle", "questions": "message-circle", "review": "clipboard-check",
    "robot": "bot", "robots": "bot", "tea": "cup-soda", "boba": "cup-soda", "bubble": "cup-soda",
    "milkshake": "cup-soda", "smoothie": "cup-soda",
    "juice": "cup-soda", "drink": "cup-soda", "market": "store", "stall": "store", "shop": "store",
    "boat": "sailboat", "sailing": "sailboat", "bread": "croissant", "noodles": "soup", "ramen": "soup",
}


def keywords(text: str) -> list[str]:
    """English keywords of a text in the order they appear: its own words (with synonyms), and those the
    bilingual table gives its Chinese words."""
    found: list[tuple[int, str]] = []
    for zh, en in ZH_KEYWORDS.items():
        at = text.find(zh)
        if at >= 0:
            found.append((at, en))
    for m in _WORD.finditer(text):
        w = m.group(0).lower()
        if w in _STOP:
            continue
        if w in EN_SYNONYMS:
            found.append((m.start(), EN_SYNONYMS[w]))
        found.extend((m.start(), stem) for stem in _stem(w))
    # Longer Chinese keys win over their own prefixes at the same place (資料庫 over 資料).
    found.sort(key=lambda item: item[0])
    return [word for _, word in found]


def ranked(text: str, hint: str | None = None) -> list[tuple[str, float]]:
    """Lucide icons for `hint` (if given and known) or the words of `text`, best first, with their scores.

    A hint that names an icon scores 100; a word that is an icon's name scores about 8 plus its tags."""
    index = _index()
    if hint:
        h = hint.strip().lower().replace(" ", "-")
        if h in index.names:
            return [(h, 100.0)]
        text = f"{hint} {hint} {text}"
    scores: dict[str, float] = {}
    for position, word in enumerate(keywords(text)):
        if word in index.names:
            scores[word] = scores.get(word, 0) + 8
        for icon, weight in index.words.get(word, ())[:40]:
            # Earlier words (usually the subject) count a little more.
            scores[icon] = scores.get(icon, 0) + weight * (1.0 + 0.5 / (1 + position))
    return sorted(scores.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))


def best(text: str, hint: str | None = None, avoid: set[str] | None = None) -> tuple[str, float]:
    """The best icon not in `avoid` and its score; (DEFAULT_ICON, 0) when no word matches any icon.

    A hint that names an icon is taken even when it is in `avoid` (the writer asked for it), and when every match
    is taken the best one is repeated rather than replaced by an unrelated default."""
    avoid = avoid or set()
    found = ranked(text, hint)
    if found and found[0][1] >= 100:
        return found[0]
    for icon, score in found:
        if icon not in avoid:
            return icon, score
    return found[0] if found else (DEFAULT_ICON, 0.0)


def match(text: str, hint: str | None = None, avoid: set[str] | None = None) -> str:
    """The Lucide icon name that best matches `hint` (if given and known) or the words of `text`."""
    return best(text, hint, avoid)[0]


@lru_cache(maxsize=512)
def icon_svg(name: str) -> str:
    """The icon's drawing elements (24 × 24 user units) as SVG markup without the outer <svg>, attributes clean."""
    con = sqlite3.connect(f"file:{_db_path()}?mode=ro", uri=True)
    try:
        row = con.execute("SELECT svg FROM icons WHERE name = ?", (name,)).fetchone()
    finally:
        con.close()
    if row is None:
        if name == DEFAULT_ICON:
            raise KeyError(f"icon '{name}' is not in the Lucide set")
        return icon_svg(DEFAULT_ICON)
    root = ET.fromstring(row[0])
    parts = []
    for child in root:
        tag = child.tag.split("}")[-1]
        attrs = " ".join(f'{k}="{v}"' for k, v in child.attrib.items() if k in _SAFE_ATTRS)
        parts.append(f"<{tag} {attrs}/>")
    return "".join(parts)


_SAFE_ATTRS = {"d", "cx", "cy", "r", "rx", "ry", "x", "y", "x1", "y1", "x2", "y2", "width", "height", "points"}


def icon_group(name: str, x: float, y: float, size: float, color: str, stroke_width: float = 2.0) -> str:
    """An SVG <g> drawing the icon in a size × size square at (x, y), stroked in `color`."""
    scale = size / 24.0
    return (
        f'<g transform="translate({x:.2f},{y:.2f}) scale({scale:.4f})" fill="none" stroke="{color}" '
        f'stroke-width="{stroke_width}" stroke-linecap="round" stroke-linejoin="round">{icon_svg(name)}</g>'
    )


@lru_cache(maxsize=256)
def icon_png(name: str, color: str, size_px: int) -> bytes:
    """The icon drawn at `size_px` square on a transparent ground, as PNG bytes (for PPTX pictures and previews)."""
    import resvg_py

    pad = size_px / 24 * 1.0  # Lucide strokes reach to the square's edge: keep them whole
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size_px}" height="{size_px}" '
           f'viewBox="{-pad:.2f} {-pad:.2f} {size_px + 2 * pad:.2f} {size_px + 2 * pad:.2f}">'
           f'{icon_group(name, 0, 0, size_px, color)}</svg>')
    return bytes(resvg_py.svg_to_bytes(svg_string=svg, skip_system_fonts=True))
