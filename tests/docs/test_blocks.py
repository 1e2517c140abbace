"""Finding atelier blocks in Markdown and reading what each asks for (no docs tool involved)."""

from __future__ import annotations

import json

import pytest

from atelier.docs.blocks import Block, BlockError, find_blocks, request_key

PAGE = """# A page

```atelier infographic theme=dark prompt="Key numbers of the year"
# 2025
- Revenue grew 18 % to 4.2 M
```

````markdown
How to write one:

```atelier slides
# Not rendered: it is an example inside another fence
```
````

- A list item:

    ```atelier {whiteboard planner=offline}
    1. Open
    2. Merge
    ```

~~~python
print("```atelier")
~~~
"""


def test_blocks_are_found_outside_other_fences_with_their_indent():
    found = find_blocks(PAGE)
    assert [b.info for b in found] == ['atelier infographic theme=dark prompt="Key numbers of the year"',
                                       "atelier {whiteboard planner=offline}"]
    lines = PAGE.split("\n")
    assert lines[found[0].start].startswith("```atelier") and lines[found[0].end - 1] == "```"
    assert found[1].indent == "    "
    assert found[1].body == "1. Open\n2. Merge"  # the list's indent is not part of the content
    assert found[0].body == "# 2025\n- Revenue grew 18 % to 4.2 M"


def test_a_fence_left_open_runs_to_the_end_of_the_page():
    found = find_blocks("text\n```atelier widget\n- a\n- b\n")
    assert len(found) == 1 and found[0].body == "- a\n- b\n"


def test_the_info_string_gives_the_modality_and_options():
    block = Block.parse('atelier infographic theme=dark prompt="Key numbers of the year"', "x")
    assert block.modality == "infographic"
    assert block.options == {"theme": "dark", "prompt": "Key numbers of the year"}
    braced = Block.parse("atelier {whiteboard planner=offline}", "x")
    assert braced.modality == "whiteboard" and braced.options == {"planner": "offline"}
    assert Block.parse("atelier", "x").modality is None


@pytest.mark.parametrize("info, message", [
    ("atelier poster", "unknown modality 'poster'; known modalities:"),
    ("atelier slides colour=red", "unknown option 'colour'; the options are: prompt, theme"),
    ("atelier slides widget", "only one modality may be named"),
    ("atelier slides body=yaml", "body=yaml: it is one of auto, content, data, plan"),
    ("atelier slides planner=gpt", "planner=gpt"),
    ('atelier slides prompt="open', "cannot be read"),
])
def test_a_wrong_fence_says_what_is_wrong(info, message):
    with pytest.raises(BlockError, match=message.replace("(", r"\(")):
        Block.parse(info, "x")


def test_a_json_body_with_a_modality_is_a_plan(tmp_path):
    plan = {"modality": "infographic", "title": "Hand-written"}
    block = Block.parse("atelier", json.dumps(plan))
    assert block.body_kind == "plan"
    assert block.request(tmp_path, tmp_path)["plan"] == plan
    with pytest.raises(BlockError, match="the fence says 'slides' but the plan's modality is 'infographic'"):
        Block.parse("atelier slides", json.dumps(plan)).request(tmp_path, tmp_path)
    assert Block.parse("atelier", '{"not": "a plan"}').body_kind == "content"


def test_a_data_file_is_read_relative_to_the_page_or_the_docs_folder(tmp_path):
    docs = tmp_path / "docs"
    (docs / "guide").mkdir(parents=True)
    (docs / "guide" / "sales.csv").write_text("month,sales\nJan,1\n", encoding="utf-8")
    (docs / "all.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    near = Block.parse("atelier widget data=sales.csv", "").request(docs / "guide", docs)
    assert near["data"] == "month,sales\nJan,1\n" and "content" not in near
    rooted = Block.parse("atelier widget data=/all.csv", "").request(docs / "guide", docs)
    assert rooted["data"] == "a,b\n1,2\n"
    with pytest.raises(BlockError, match="does not exist"):
        Block.parse("atelier widget data=missing.csv", "").request(docs / "guide", docs)


def test_the_key_follows_the_whole_input_and_nothing_else(tmp_path):
    def key(info: str, body: str, data: str = "a,b\n1,2\n") -> str:
        (tmp_path / "t.csv").write_text(data, encoding="utf-8")
        return request_key(Block.parse(info, body).request(tmp_path, tmp_path))

    base = key("atelier infographic data=t.csv", "# Title")
    assert key("atelier infographic data=t.csv", "# Title") == base
    assert key("atelier  infographic   data=t.csv", "# Title") == base  # spacing is not input
    assert key("atelier infographic data=t.csv theme=dark", "# Title") != base
    assert key("atelier infographic data=t.csv", "# Title!") != base
    assert key("atelier infographic data=t.csv", "# Title", data="a,b\n1,3\n") != base  # the file's content counts
    assert key("atelier slides data=t.csv", "# Title") != base
