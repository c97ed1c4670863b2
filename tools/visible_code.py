"""Count the code lines a reader of the website sees in each chapter, and how many are bookkeeping.

The rule, line by line:

- A code cell is *seen* unless it carries one of the tags in HIDDEN: `remove-input`,
  `remove-cell` (the website omits its code) or `hide-input`, `hide-cell` (the website folds its
  code away behind a toggle). Markdown cells never count.
- In a seen cell, every line that is not blank and not a comment (first non-space character
  `#`) is a *seen line*; a statement that spans several lines counts each of its lines.
- A seen line is *bookkeeping* when it belongs to an `assert` statement or to an expression
  statement that calls `glue(...)` by that bare name (the whole statement, all its lines).
  A cell that Python cannot parse (IPython magics) falls back to the line's first word.
- The share is bookkeeping lines / seen lines, per chapter and over all chapters; issue 13's
  target is at most 5 % (tests/test_visible_code.py holds it for every chapter and overall).

Usage: `python tools/visible_code.py` prints a table.
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
        print(f"{path.name:40s} {seen:5d} lines seen, {book:4d} glue/assert "
              f"({book / max(seen, 1):.0%})")
    print(f"{'all chapters':40s} {total_seen:5d} lines seen, {total_book:4d} glue/assert "
          f"({total_book / max(total_seen, 1):.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
