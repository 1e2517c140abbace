"""Reading user data: CSV and JSON into a table, with errors that say where."""

from __future__ import annotations

import pytest

from models.data import DataError, parse_data


def test_csv_with_numbers_and_text():
    table = parse_data("Name,Score,Share\nAnn,1 200,12%\nBo,\"3,400\",8%\n")
    assert table.columns == ["Name", "Score", "Share"]
    assert table.rows[1] == ["Bo", 3400.0, 8.0]
    assert table.rows[0][1] == "1 200"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a,b\n1,2\n3,4,5\n", "CSV line 3: 3 fields but the header has 2"),
        ("a,b\n1,2\n\n\n7\n", "CSV line 5: 1 fields"),
        ('a,b\n1,"unclosed\n', "CSV line"),
        ("a,b\n", "header but no rows"),
        ("[1, 2", "JSON line 1"),
        ('{"a": [1, 2], "b": [1]}', "same length"),
        ("   ", "empty"),
    ],
)
def test_malformed_data_names_the_problem(text, message):
    with pytest.raises(DataError, match=message):
        parse_data(text)


def test_json_shapes():
    assert parse_data('[{"x": 1, "y": "a"}, {"x": 2}]').rows == [[1.0, "a"], [2.0, None]]
    assert parse_data('{"columns": ["x"], "rows": [[1], [2]]}').columns == ["x"]
    assert parse_data('{"year": [2020, 2021], "v": [1, 2]}').rows == [[2020.0, 1.0], [2021.0, 2.0]]
