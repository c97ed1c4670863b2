"""Issue 13's target: at most 5 % of the code lines a reader sees are glue or assert lines.

The count is tools/visible_code.py's (its docstring states the rule). Every chapter is held to
the target on its own, and all chapters together.
"""

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import visible_code  # noqa: E402

TARGET = 0.05
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))


def share(seen, bookkeeping):
    return bookkeeping / seen if seen else 0.0


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_a_chapter_shows_little_bookkeeping(path):
    seen, bookkeeping = visible_code.count(path)
    assert seen > 0, f"{path.name}: a chapter shows the code it teaches, but no code line is seen"
    assert share(seen, bookkeeping) <= TARGET, (
        f"{path.name}: {bookkeeping} of the {seen} code lines a reader sees are glue(...) or "
        f"assert lines ({share(seen, bookkeeping):.0%}); move them to a cell tagged remove-input")


def test_all_chapters_together_show_little_bookkeeping():
    counts = [visible_code.count(path) for path in CHAPTERS]
    seen, bookkeeping = (sum(c[i] for c in counts) for i in (0, 1))
    assert share(seen, bookkeeping) <= TARGET, (seen, bookkeeping)


def _notebook(tmp_path, cells):
    nb = {"cells": [{"cell_type": kind, "metadata": {"tags": tags} if tags else {},
                     "source": source} for kind, tags, source in cells],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def test_the_rule_counts_what_its_docstring_says(tmp_path):
    path = _notebook(tmp_path, [
        ("markdown", None, "assert this is prose\nglue('x', 1)"),
        ("code", None, "x = 1\n\n# a comment\nassert x == 1, (\n    x)\nglue('key',\n     str(x))\n"
                       "print(x)  # glue( in a comment is code"),
        ("code", ["remove-input"], "assert False\nglue('a', 'b')"),
        ("code", ["hide-input"], "y = 2\nassert y"),
        ("code", ["remove-cell"], "z = 3"),
        ("code", ["hide-cell"], "z = 4"),
        ("code", ["nbval-ignore-output"], "%matplotlib inline\nassert True\nw = 5"),
    ])
    # seen: x = 1, the 2-line assert, the 2-line glue, print; %matplotlib, assert, w = 5
    assert visible_code.count(path) == (9, 5)


def test_a_method_called_glue_or_a_name_containing_assert_is_not_bookkeeping(tmp_path):
    path = _notebook(tmp_path, [("code", None, "paper.glue('x')\nasserted = True\nglue_all = 1")])
    assert visible_code.count(path) == (3, 0)
