"""The layout engine: measurement with real fonts, Latin and CJK line breaking, fitting by shrinking."""

from __future__ import annotations

import pytest

from renderers.layout.fit import Para, fit, fitting_prefix
from renderers.layout.fonts import font_stack
from renderers.layout.script import language_of
from renderers.layout.text import NO_LINE_END, NO_LINE_START, measure, wrap


@pytest.fixture(scope="module")
def stack():
    return font_stack("Noto Sans", "Noto Sans CJK TC")


def test_measurement_uses_real_font_metrics(stack):
    # Proportional Latin: "iiii" is much narrower than "MMMM"; CJK ideographs are one em wide.
    assert measure("iiii", stack, 20) < measure("MMMM", stack, 20) / 2
    assert measure("中文字", stack, 20) == pytest.approx(60, abs=0.5)
    assert measure("abc", stack, 40) == pytest.approx(2 * measure("abc", stack, 20), rel=0.01)


def test_english_breaks_between_words_and_fits_the_width(stack):
    text = "The quick brown fox jumps over the lazy dog and keeps running far away"
    lines = wrap(text, stack, 20, 200)
    assert len(lines) > 1
    assert " ".join(lines) == text
    assert all(measure(line, stack, 20) <= 200 for line in lines)


def test_long_word_is_broken_rather_than_overflowing(stack):
    lines = wrap("Supercalifragilisticexpialidocious", stack, 20, 120)
    assert "".join(lines) == "Supercalifragilisticexpialidocious"
    assert all(measure(line, stack, 20) <= 120 for line in lines)


def test_cjk_breaks_anywhere_but_never_before_closing_punctuation(stack):
    text = "台灣的半導體產業，在二〇二四年持續成長。先進封裝「CoWoS」成為新的瓶頸，產能預計倍增。"
    for width in range(60, 400, 7):
        lines = wrap(text, stack, 20, width)
        assert "".join(lines) == text
        for line in lines[1:]:
            assert line[0] not in NO_LINE_START, f"line starts with {line[0]!r} at width {width}"
        for line in lines[:-1]:
            assert line[-1] not in NO_LINE_END, f"line ends with {line[-1]!r} at width {width}"


def test_fit_shrinks_to_fit_and_reports_overflow_below_the_floor(stack):
    paras = [Para("A sentence that needs several lines at a large size in a narrow box.")]
    roomy = fit(paras, stack, stack, 600, 100, 24, 12)
    assert roomy.size == 24 and not roomy.overflow
    tight = fit(paras, stack, stack, 200, 60, 24, 10)
    assert 10 <= tight.size < 24 and not tight.overflow and tight.height <= 60
    impossible = fit(paras * 20, stack, stack, 200, 60, 24, 12)
    assert impossible.overflow and impossible.size == 12


def test_fitting_prefix_tells_where_to_split(stack):
    paras = [Para(f"Point number {i}") for i in range(30)]
    n = fitting_prefix(paras, stack, stack, 500, 200, 20)
    assert 1 <= n < 30
    assert n == int(200 // (20 * 1.2))


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Hello world", "en"), ("台灣的數位轉型", "zh-TW"), ("这是简体中文的说明", "zh-CN"), ("ひらがなとカタカナ", "ja")],
)
def test_language_detection(text, lang):
    assert language_of(text) == lang


def test_missing_glyphs_are_found(stack):
    assert stack.missing("Hello 你好") == []
    assert stack.missing("fire 🔥") == ["🔥"]
