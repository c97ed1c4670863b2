"""The learner's workbooks (tools/workbooks.py): the Chinese ones are the English ones with their
markdown translated from the exercise pages' catalogues and their code unchanged.

(That every workbook is current is `tools/workbooks.py --check`, run by `make test`; that each
runs top to bottom saying "not attempted yet" is test_exercise_solutions.py.)
"""

import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))  # tools/workbooks.py is a script, not a package

import workbooks  # noqa: E402

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = sorted((ROOT / "exercises" / "workbooks").glob("ex*.ipynb"))


def cells(path: Path, kind: str) -> list[str]:
    return ["".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
            if c["cell_type"] == kind]


@pytest.mark.parametrize("english", ENGLISH, ids=lambda p: p.name)
def test_a_chinese_workbook_is_the_english_one_translated(english):
    chinese = english.parent / "zh" / english.name
    assert chinese.exists(), f"no Chinese workbook {chinese.relative_to(ROOT)} (make workbooks)"
    assert cells(chinese, "code") == cells(english, "code"), "the code differs"
    english_md, chinese_md = cells(english, "markdown"), cells(chinese, "markdown")
    assert len(chinese_md) == len(english_md)
    for en, zh in zip(english_md, chinese_md):
        # each line that carries text is translated; labels, fences and options are kept
        texts = [line for line in en.splitlines() if re.search("[A-Za-z]{2,}", line)
                 and not workbooks.KEEP.match(line)]
        if texts:
            assert CJK.search(zh), f"untranslated markdown cell: {en[:80]!r}"
        keep = [line for line in en.splitlines() if workbooks.KEEP.match(line) and line.strip()]
        assert keep == [line for line in zh.splitlines()
                        if workbooks.KEEP.match(line) and line.strip()], \
            f"labels, fences or options changed in {en[:80]!r}"
        assert "BEGIN SOLUTION" not in zh and "{solution" not in zh


def test_markdown_is_translated_block_by_block():
    table = {"A title": "标题", "First line second line.": "第一段。",
             "an item that goes on": "条目", "cell": "单元", "the check": "检查"}
    text = ("(label)=\n# A title\n\n:::{exercise}\n:label: ex-1\n\nFirst line\nsecond line.\n:::\n"
            "- an item\n  that goes on\n\n| cell | the check |\n| --- | --- |\n"
            "```python\nnot a message\n```\n<!-- a comment -->")
    assert workbooks.translate_markdown(text, table, where="t").split("\n") == [
        "(label)=", "# 标题", "", ":::{exercise}", ":label: ex-1", "", "第一段。", ":::",
        "- 条目", "", "| 单元 | 检查 |", "| --- | --- |", "```python", "not a message", "```",
        "<!-- a comment -->"]


def test_a_text_without_translation_stops_the_workbook():
    with pytest.raises(ValueError, match=r"ex9 cell 2: no translation of 'New text\.'"):
        workbooks.translate_markdown("# A title\n\nNew text.", {"A title": "标题"},
                                     where="ex9 cell 2")
