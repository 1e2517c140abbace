"""Hand-written plans that exercise every slide layout and every infographic layout, in English and Traditional
Chinese. They are the contact sheets' material (bench/design/contact.py) and the layout tests' (tests/modalities/
test_design.py), so every layout is looked at, and checked, in every theme."""

from __future__ import annotations

from typing import Any

SLIDES_EN: dict[str, Any] = {
    "modality": "slides", "title": "Remote work, three years on", "language": "en",
    "slides": [
        {"layout": "title", "title": "Remote work, three years on",
         "subtitle": "What changed for office teams, and what to do next"},
        {"layout": "agenda", "title": "Agenda", "items": ["What changed", "What people report", "Office attendance",
                                                          "Options for next year", "Next steps"]},
        {"layout": "section", "title": "What changed", "subtitle": "Three shifts in how teams work"},
        {"layout": "bullets", "title": "Three shifts", "bullets": [
            {"text": "Most teams meet in the office two or three days a week"},
            {"text": "Video calls replaced most short in-person meetings"},
            {"text": "Written updates became the default way to share progress"}]},
        {"layout": "bullets", "title": "What people report", "bullets": [
            {"text": "62% of employees would look for another job if remote days were removed"},
            {"text": "Workers save about 3.5 hours a week on commuting"},
            {"text": "Managers report that onboarding new hires is harder at a distance, especially in the first "
                     "month, when questions come up every day"},
            {"text": "Teams that write decisions down report fewer repeated meetings"}]},
        {"layout": "bullets", "title": "Details from the survey", "bullets": [
            {"text": "Response rate was 71% across 14 offices"},
            {"text": "Engineering and design answered most", "level": 0},
            {"text": "Sales answered least", "level": 1},
            {"text": "Free-text answers were coded by two people"},
            {"text": "Disagreements were settled by a third", "level": 1},
            {"text": "Results were shared with every team in June"}]},
        {"layout": "stat", "title": "The numbers that matter", "stats": [
            {"value": "62%", "label": "would look for another job without remote days"},
            {"value": "3.5 h", "label": "saved on commuting each week"},
            {"value": "2–3", "label": "office days a week for most teams"}]},
        {"layout": "stat", "title": "One number", "stats": [
            {"value": "71%", "label": "of employees answered the survey, the highest response in five years"}]},
        {"layout": "icons", "title": "What helps hybrid teams", "items": [
            {"title": "Core hours", "detail": "Four shared hours a day for meetings", "icon": "clock"},
            {"title": "Written decisions", "detail": "One shared document per project"},
            {"title": "Onboarding buddies", "detail": "A named colleague for the first month", "icon": "users"},
            {"title": "Quiet days", "detail": "No meetings on Wednesdays"},
            {"title": "Secure access", "detail": "One sign-in for every tool", "icon": "shield"},
            {"title": "Budgets for home desks", "detail": "A yearly allowance for equipment"}]},
        {"layout": "process", "title": "How a decision gets made", "steps": [
            {"title": "Write a proposal", "detail": "One page: the problem, options and a recommendation"},
            {"title": "Collect comments", "detail": "Three working days, in the document"},
            {"title": "Decide", "detail": "The owner decides and records why"},
            {"title": "Announce", "detail": "A short note to every affected team"}]},
        {"layout": "timeline", "title": "Three years of hybrid work", "events": [
            {"date": "Mar 2021", "title": "Offices close", "detail": "Everyone works from home"},
            {"date": "Jan 2022", "title": "First hybrid pilot", "detail": "Two teams, two office days"},
            {"date": "Sep 2022", "title": "Hybrid for all"},
            {"date": "Jun 2023", "title": "Survey", "detail": "71% response rate"},
            {"date": "2024", "title": "Core hours", "detail": "Four shared hours a day"}]},
        {"layout": "timeline", "title": "Milestones, month by month", "events": [
            {"date": "Jan", "title": "Kick-off"}, {"date": "Feb", "title": "Interviews with 40 staff"},
            {"date": "Mar", "title": "Survey sent"}, {"date": "Apr", "title": "Results"},
            {"date": "May", "title": "Workshops in every office"}, {"date": "Jun", "title": "Policy drafted"},
            {"date": "Jul", "title": "Policy approved"}]},
        {"layout": "two_column", "title": "Office days and home days", "columns": [
            {"heading": "In the office", "bullets": [{"text": "Workshops and planning"}, {"text": "Onboarding"},
                                                     {"text": "Team lunches"}]},
            {"heading": "At home", "bullets": [{"text": "Focused writing and coding"}, {"text": "Short video calls"},
                                               {"text": "Reviews and reading"}]}]},
        {"layout": "comparison", "title": "Options for next year", "options": ["Fixed days", "Team choice",
                                                                                "Fully flexible"],
         "rows": [{"criterion": "Office cost", "values": ["High", "Medium", "Low"]},
                  {"criterion": "Meeting overlap", "values": ["Every team", "Within teams", "Core hours only"]},
                  {"criterion": "Onboarding", "values": ["Easiest", "Good with buddies", "Hardest"]},
                  {"criterion": "Staff preference", "values": ["18%", "57%", "25%"]}]},
        {"layout": "chart", "title": "Office attendance keeps rising", "caption":
            "Attendance rose every year since 2021, to 2.8 days a week in 2024.",
         "chart": {"kind": "column", "categories": ["2021", "2022", "2023", "2024"], "x_label": "Year",
                   "y_label": "Office days per week",
                   "series": [{"name": "Office days", "values": [1.2, 2.1, 2.6, 2.8]}]}},
        {"layout": "chart", "title": "Revenue and margin by region", "chart": {
            "kind": "bar", "categories": ["North", "South", "East", "West"], "x_label": "Region",
            "series": [{"name": "Revenue", "unit": "USD k", "values": [420, 380, 510, 290]},
                       {"name": "Margin", "unit": "%", "values": [12.5, 9.8, 14.1, 7.2]}]}},
        {"layout": "chart", "title": "Where time goes", "chart": {
            "kind": "doughnut", "categories": ["Meetings", "Focused work", "Email", "Other"], "unit": "%",
            "series": [{"name": "Share of the week", "values": [32, 41, 17, 10]}]}},
        {"layout": "chart", "title": "Meetings per week by team", "chart": {
            "kind": "line", "categories": ["Jan", "Feb", "Mar", "Apr", "May", "Jun"], "x_label": "Month",
            "y_label": "Meetings per week",
            "series": [{"name": "Design", "values": [14, 13, 11, 10, 9, 9]},
                       {"name": "Engineering", "values": [9, 9, 8, 8, 7, 6]},
                       {"name": "Sales", "values": [18, 19, 17, 18, 16, 17]}]}},
        {"layout": "table", "title": "Offices", "table": {
            "columns": ["Office", "Staff", "Days in office", "Opened"],
            "rows": [["Taipei", 120, 2.5, 2009], ["Tokyo", 85, 3.1, 2014], ["Berlin", 60, 2.2, 2017],
                     ["Austin", 45, 1.9, 2019]]}},
        {"layout": "quote", "quote": "We did not lose the office. We lost the habit of deciding things in corridors.",
         "attribution": "A team lead, in the 2023 survey"},
        {"layout": "image", "title": "The new Taipei office", "image": {
            "prompt": "a bright open-plan office with plants, watercolour", "alt": "An open-plan office with plants"},
         "bullets": [{"text": "Fewer desks, more meeting rooms"}, {"text": "Quiet rooms on every floor"}]},
        {"layout": "takeaways", "title": "Key takeaways", "points": [
            "Hybrid work is the norm: two to three office days a week",
            "People value remote days enough to change jobs over them",
            "Write decisions down; agree on core hours"]},
        {"layout": "closing", "title": "Thank you"},
    ],
}

SLIDES_ZH: dict[str, Any] = {
    "modality": "slides", "title": "台灣的數位轉型：中小企業的下一步", "language": "zh-TW",
    "slides": [
        {"layout": "title", "title": "台灣的數位轉型：中小企業的下一步",
         "subtitle": "過去十年，中小企業靠著彈性與效率在全球供應鏈中站穩腳步"},
        {"layout": "agenda", "title": "議程", "items": ["為什麼現在開始", "從小地方開始", "人才是關鍵", "衡量成效"]},
        {"layout": "section", "title": "為什麼現在開始"},
        {"layout": "stat", "title": "缺工與成本", "stats": [
            {"value": "六成", "label": "中小企業表示面臨缺工問題"},
            {"value": "5%", "label": "平均每年的人事成本上升"}]},
        {"layout": "bullets", "title": "我們看到的機會", "bullets": [
            {"text": "客服、文件整理與程式碼審查，是最先出現成效的三個領域"},
            {"text": "內部試行後，客服人員處理一張工單的時間平均縮短 35%"},
            {"text": "我們會先在 3 個產品線導入，並開放 20 家合作夥伴參與早期測試計畫（名額有限）"}]},
        {"layout": "icons", "title": "導入的四個原則", "items": [
            {"title": "資料不離開客戶環境", "detail": "雲端或地端皆可", "icon": "lock"},
            {"title": "結果可追溯", "detail": "每一個自動產生的結果都要能追溯到來源"},
            {"title": "人可以否決", "detail": "人永遠可以否決機器的建議", "icon": "users"},
            {"title": "先小規模試行", "detail": "在一個部門驗證後再擴大", "icon": "target"}]},
        {"layout": "process", "title": "從小地方開始", "steps": [
            {"title": "搬到雲端", "detail": "會計、庫存與客戶資料"},
            {"title": "一個部門試行", "detail": "選擇容易上手的工具"},
            {"title": "複製成功經驗", "detail": "推廣到其他部門"},
            {"title": "導入自動化", "detail": "逐步自動化流程"},
            {"title": "每季檢視", "detail": "調整做法"}]},
        {"layout": "timeline", "title": "推動時程", "events": [
            {"date": "2025 年 1 月", "title": "啟動計畫"}, {"date": "2025 年 4 月", "title": "第一個部門試行"},
            {"date": "2025 年 9 月", "title": "擴大到三個部門"}, {"date": "2026 年", "title": "全面導入"}]},
        {"layout": "two_column", "title": "導入前與導入後", "columns": [
            {"heading": "導入前", "bullets": [{"text": "訂單以紙本傳遞"}, {"text": "庫存每月盤點一次"}]},
            {"heading": "導入後", "bullets": [{"text": "訂單即時進入系統"}, {"text": "庫存每天自動更新"},
                                              {"text": "客戶可以線上查詢進度"}]}]},
        {"layout": "comparison", "title": "三種導入方式", "options": ["自行開發", "套裝軟體", "雲端服務"],
         "rows": [{"criterion": "初期成本", "values": ["高", "中", "低"]},
                  {"criterion": "上線時間", "values": ["6 個月以上", "2 至 3 個月", "2 週"]},
                  {"criterion": "彈性", "values": ["最高", "中等", "依供應商而定"]}]},
        {"layout": "chart", "title": "各季訂單處理時間", "caption": "導入新系統後，處理時間每季下降。",
         "chart": {"kind": "column", "categories": ["第一季", "第二季", "第三季", "第四季"], "x_label": "季度",
                   "y_label": "處理時間", "unit": "分鐘",
                   "series": [{"name": "處理時間", "values": [42, 35, 28, 24]}]}},
        {"layout": "quote", "quote": "再好的系統，如果沒有人會用，也無法發揮作用。", "attribution": "執行長 蔡明哲"},
        {"layout": "takeaways", "title": "重點回顧", "points": [
            "轉型不需要一次到位", "再好的系統，如果沒有人會用，也無法發揮作用", "每季檢視一次，調整做法"]},
        {"layout": "closing", "title": "謝謝"},
    ],
}

INFOGRAPHIC_EN: dict[str, Any] = {
    "modality": "infographic", "title": "Remote work at a glance", "subtitle": "What 1,200 office workers told us",
    "blocks": [
        {"kind": "stat", "items": [
            {"value": "62%", "label": "work remotely at least one day a week"},
            {"value": "3.5 h", "label": "saved on commuting every week"},
            {"value": "1,200", "label": "people answered the survey"}]},
        {"kind": "list", "heading": "What helps", "items": [
            {"text": "Core hours", "icon": "clock"}, {"text": "Written decisions"},
            {"text": "Onboarding buddies", "icon": "users"}, {"text": "Quiet Wednesdays"}]},
        {"kind": "steps", "heading": "How to start", "steps": [
            {"title": "Agree on core hours", "detail": "Four hours when everyone is reachable"},
            {"title": "Pick the tools", "detail": "One chat, one document store"},
            {"title": "Review after a month"}]},
        {"kind": "timeline", "heading": "How we got here", "events": [
            {"date": "2019", "title": "A few pilots"}, {"date": "2020", "title": "Everyone went remote"},
            {"date": "2022", "title": "Hybrid policy"}, {"date": "2023", "title": "Hybrid became normal"}]},
        {"kind": "comparison", "heading": "Office or home", "columns": [
            {"title": "Office", "points": ["Easy to ask questions", "Commute takes time", "Better for onboarding"]},
            {"title": "Home", "points": ["Fewer interruptions", "No commute", "Harder to switch off"]}]},
        {"kind": "chart", "heading": "Remote days per week", "chart": {
            "kind": "column", "categories": ["0", "1", "2", "3", "4", "5"], "x_label": "Remote days per week",
            "series": [{"name": "Share of staff", "values": [38, 22, 18, 12, 6, 4]}], "unit": "%"}},
        {"kind": "quote", "text": "Remote work is a way of working, not a place.", "attribution": "A respondent"},
        {"kind": "text", "heading": "Method", "text": "Online survey, March 2025, weighted by age and region."},
    ],
    "source": "Atelier demo survey",
}

INFOGRAPHIC_ZH: dict[str, Any] = {
    "modality": "infographic", "title": "台灣中小企業的數位轉型", "subtitle": "缺工與成本壓力下的下一步",
    "blocks": [
        {"kind": "stat", "heading": "關鍵數字", "items": [
            {"value": "六成", "label": "中小企業表示面臨缺工問題"},
            {"value": "5%", "label": "平均每年的人事成本上升"}]},
        {"kind": "timeline", "heading": "推動時程", "events": [
            {"date": "2025 年 1 月", "title": "啟動計畫"}, {"date": "2025 年 4 月", "title": "第一個部門試行"},
            {"date": "2025 年 9 月", "title": "擴大到三個部門"}, {"date": "2026 年", "title": "全面導入"}]},
        {"kind": "list", "heading": "導入原則", "items": [
            {"text": "資料不離開客戶環境", "icon": "lock"}, {"text": "每個結果都能追溯來源"},
            {"text": "人永遠可以否決機器的建議", "icon": "users"}]},
        {"kind": "quote", "text": "再好的系統，如果沒有人會用，也無法發揮作用。", "attribution": "執行長 蔡明哲"},
        {"kind": "comparison", "heading": "三種導入方式", "columns": [
            {"title": "自行開發", "points": ["成本高", "6 個月以上"]},
            {"title": "套裝軟體", "points": ["成本中等", "2 至 3 個月"]},
            {"title": "雲端服務", "points": ["成本低", "2 週"]}]},
        {"kind": "steps", "heading": "從小地方開始", "steps": [
            {"title": "搬到雲端"}, {"title": "一個部門試行"}, {"title": "複製成功經驗"}, {"title": "每季檢視"}]},
    ],
    "source": "Atelier 示範資料",
}

WIDGET_CHART: dict[str, Any] = {
    "modality": "widget", "title": "Revenue and margin by quarter", "language": "en",
    "widget": {"kind": "chart", "chart": {
        "kind": "column", "categories": ["Q1", "Q2", "Q3", "Q4"], "x_label": "Quarter",
        "series": [{"name": "North", "unit": "USD k", "values": [120, 135, 150, 170]},
                   {"name": "South", "unit": "USD k", "values": [90, 95, 110, 105]},
                   {"name": "Margin", "unit": "%", "values": [12.5, 13.1, 14.0, 15.2]}]}},
}

_ENERGY = [["2026-01", "Wind", 412, 38], ["2026-01", "Solar", 88, 11], ["2026-01", "Hydro", 240, 27],
           ["2026-02", "Wind", 388, 36], ["2026-02", "Solar", 104, 13], ["2026-02", "Hydro", 226, 26],
           ["2026-03", "Wind", 351, 33], ["2026-03", "Solar", 151, 17], ["2026-03", "Hydro", 251, 28],
           ["2026-04", "Wind", 322, 30], ["2026-04", "Solar", 198, 21], ["2026-04", "Hydro", 270, 29]]

WIDGET_EXPLORER: dict[str, Any] = {
    "modality": "widget", "title": "Electricity by source", "language": "en",
    "description": "Monthly generation by source, 2026.",
    "widget": {"kind": "explorer", "table": {"columns": ["month", "source", "gwh", "share %"], "rows": _ENERGY},
               "x": "month", "group": "source", "measures": ["gwh", "share %"],
               "units": [{"column": "gwh", "unit": "GWh"}, {"column": "share %", "unit": "%"}], "chart": "line"},
}

WIDGET_EXPLORER_ZH: dict[str, Any] = {
    "modality": "widget", "title": "各城市月降雨量", "language": "zh-TW",
    "widget": {"kind": "explorer", "table": {"columns": ["城市", "月份", "降雨量(mm)"], "rows": [
        ["台北", "5月", 234], ["台北", "6月", 325], ["台北", "7月", 245], ["台中", "5月", 225], ["台中", "6月", 360],
        ["台中", "7月", 280], ["高雄", "5月", 180], ["高雄", "6月", 415], ["高雄", "7月", 390]]},
               "x": "月份", "group": "城市", "measures": ["降雨量(mm)"], "chart": "column"},
}
