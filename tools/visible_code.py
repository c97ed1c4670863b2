"""Count the code lines a reader of the website sees in each chapter, and how many are bookkeeping.

A line is seen when its cell's input is shown on the page: not tagged `remove-input`,
`remove-cell`, `hide-input` or `hide-cell` (the issue's own count). Bookkeeping lines are `glue(...)` calls and
`assert` statements (issue 13's target: at most 5 % of the lines a reader sees). Comment and
blank lines are not counted.

Usage: `python tools/visible_code.py` prints a table; tests/test_chapters.py holds the target.
"""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HIDDEN = {"remove-input", "remove-cell", "hide-input", "hide-cell"}


def _bookkeeping_lines(source: str) -> set[int]:
    """Line numbers (1-based) of glue(...) calls and assert statements in source."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # a cell with IPython magics: fall back to the line's first word
        return {i for i, line in enumerate(source.splitlines(), 1)
                if line.strip().startswith(("assert ", "glue("))}
    lines = set()
    for node in ast.walk(tree):
        is_glue = (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
                   and getattr(node.value.func, "id", None) == "glue")
        if isinstance(node, ast.Assert) or is_glue:
            lines.update(range(node.lineno, node.end_lineno + 1))
    return lines


def count(notebook: Path) -> tuple[int, int]:
    """(visible code lines, of which bookkeeping) for one notebook."""
    seen = bookkeeping = 0
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code" or HIDDEN & set(cell.get("metadata", {}).get("tags", [])):
            continue
        source = "".join(cell["source"])
        marked = _bookkeeping_lines(source)
        for number, line in enumerate(source.splitlines(), 1):
            if line.strip() and not line.strip().startswith("#"):
                seen += 1
                bookkeeping += number in marked
    return seen, bookkeeping


def main() -> int:
    total_seen = total_book = 0
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        seen, book = count(path)
        total_seen, total_book = total_seen + seen, total_book + book
        print(f"{path.name:40s} {seen:5d} lines seen, {book:4d} glue/assert ({book / max(seen, 1):.0%})")
    print(f"{'all chapters':40s} {total_seen:5d} lines seen, {total_book:4d} glue/assert "
          f"({total_book / max(total_seen, 1):.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
