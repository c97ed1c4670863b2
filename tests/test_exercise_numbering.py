"""The website numbers exercises by their order on each page ("Exercise 2.1", "Exercise 2.2", ...,
because each exercise page sits under its chapter in the numbered table of contents); the
check cells print their own "Exercise 2.2 (...)" labels. The two must agree."""

import ast
import importlib
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "exercises").glob("ex*.ipynb"))


def checker_labels(module) -> dict:
    """{checker function name: its "Exercise N.K (...)" label}, read from the module's source."""
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    return {node.name: decorator.args[0].value for node in tree.body
            if isinstance(node, ast.FunctionDef) for decorator in node.decorator_list
            if isinstance(decorator, ast.Call) and ast.unparse(decorator.func) == "core.checker"}


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_check_cells_use_the_number_the_page_shows(path):
    chapter = int(re.match(r"ex(\d+)_", path.name).group(1))
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    text = "\n".join("".join(c["source"]) for c in cells)
    module = importlib.import_module("nnbook.checks." + re.search(r"from nnbook\.checks import (\w+)", text).group(1))
    labels = checker_labels(module)
    shown, checked, wrong = 0, 0, []
    for cell in cells:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and "{exercise}" in source:
            shown += 1
        elif cell["cell_type"] == "code" and "BEGIN SOLUTION" not in source:
            for name in re.findall(r"\bchecks\.(\w+)\(", source):
                if name in labels:
                    checked += 1
                    if not re.match(rf"Exercise {chapter}\.{shown}(?!\d)", labels[name]):
                        wrong.append(f"{name} says {labels[name]!r} under Exercise {chapter}.{shown}")
    assert shown >= 4 and checked >= shown, f"{path.name}: {shown} exercises, {checked} check calls"
    assert not wrong, wrong
