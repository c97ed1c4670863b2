"""Write the learner's workbook for every exercise notebook, or check that they are current.

An exercise source `exercises/exNN_*.ipynb` holds the solutions. Its workbook
`exercises/workbooks/exNN_*.ipynb` is the same notebook with:

- every code block between `### BEGIN SOLUTION` and `### END SOLUTION` replaced by a stub:
  inside a function body, `raise NotImplementedError(...)`; at the top level of a cell, each
  variable the block assigns is set to `None` (so the check cell says "not attempted yet"), and a
  block of nothing but `assert` lines (the solution checking the numbers its text states) is
  dropped;
- every markdown cell that opens or closes a sphinx-exercise solution (`{solution-start}`,
  `{solution-end}`, `{solution}`) removed, together with any other markdown text between
  `<!-- BEGIN SOLUTION -->` and `<!-- END SOLUTION -->`;
- outputs and execution counts cleared, and cell tags used only by the website dropped (check
  cells are tagged `remove-output` in the sources, so the website never shows their feedback).

The Chinese workbook `exercises/workbooks/zh/exNN_*.ipynb` is the workbook with its markdown
translated from the exercise page's catalogue (`locales/zh_CN/LC_MESSAGES/exercises/exNN_*.po`,
the one the Chinese website uses) and its code unchanged: each heading, paragraph, list item
and table cell whose English is a message of the catalogue takes its translation; labels,
directive fences and options, comments and code stay as they are. A text of the workbook that
the catalogue lacks (or has untranslated or fuzzy) stops the generation: run `make i18n` and
translate it.

Usage: `python tools/workbooks.py` writes them; `python tools/workbooks.py --check` exits 1 and
names the stale files when a committed workbook differs from what the sources produce.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_ext"))  # the Chinese build's extension: which entries it uses

import book_i18n  # noqa: E402

SOURCES = ROOT / "exercises"
WORKBOOKS = SOURCES / "workbooks"
# Translated workbooks: folder -> the language whose catalogues translate them.
TRANSLATED = {WORKBOOKS / "zh": "zh_CN"}
LOCALES = ROOT / "locales"  # <language>/LC_MESSAGES/exercises/<page>.po

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
MD_BEGIN, MD_END = "<!-- BEGIN SOLUTION -->", "<!-- END SOLUTION -->"
SOLUTION_DIRECTIVE = re.compile(r"^\s*(:{3,}|`{3,})\{solution(-start|-end)?\}", re.MULTILINE)
ASSIGNED = re.compile(r"^([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*=(?!=)")
WEBSITE_TAGS = {"hide-input", "hide-output", "remove-input", "remove-output", "remove-cell",
                "full-width"}


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _set_source(cell: dict, text: str) -> None:
    cell["source"] = text.splitlines(keepends=True)


def stub_code(text: str, *, where: str) -> str:
    """Return `text` with every solution block replaced by a stub; `where` names it in errors."""
    out: list[str] = []
    block: list[str] | None = None
    indent = ""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped == BEGIN:
            if block is not None:
                raise ValueError(f"{where}: line {number}: nested {BEGIN}")
            block, indent = [], line[: len(line) - len(line.lstrip())]
            continue
        if stripped == END:
            if block is None:
                raise ValueError(f"{where}: line {number}: {END} without {BEGIN}")
            out.extend(_stub_lines(block, indent))
            block = None
            continue
        if block is None:
            out.append(line)
        else:
            block.append(line)
    if block is not None:
        raise ValueError(f"{where}: {BEGIN} is never closed")
    return "\n".join(out).rstrip("\n")


def _stub_lines(block: list[str], indent: str) -> list[str]:
    if indent:  # inside a function body: the call tells the checker "not attempted yet"
        return [f"{indent}# YOUR CODE HERE", f'{indent}raise NotImplementedError("not attempted yet")']
    statements = [line.strip() for line in block
                  if line.strip() and not line.strip().startswith("#")]
    if statements and all(line.startswith("assert ") for line in statements):
        return []  # the solution checking the numbers its text states: not the learner's task
    names: list[str] = []
    for line in block:
        match = ASSIGNED.match(line)
        if match:
            for name in (n.strip() for n in match.group(1).split(",")):
                if name not in names:
                    names.append(name)
    if not names:
        return ["# YOUR CODE HERE"]
    return [f"{name} = None  # YOUR ANSWER HERE" for name in names]


def strip_markdown(text: str) -> str:
    """Remove the solution-only parts of a markdown cell's text."""
    return re.sub(re.escape(MD_BEGIN) + r".*?" + re.escape(MD_END) + r"\n?", "", text, flags=re.DOTALL)


def make_workbook(nb: dict, *, where: str) -> dict:
    """Return the learner's copy of exercise notebook `nb` (which is not modified)."""
    book = copy.deepcopy(nb)
    cells = []
    for index, cell in enumerate(book["cells"]):
        text = _source(cell)
        if cell["cell_type"] == "markdown":
            if SOLUTION_DIRECTIVE.search(text):
                continue
            text = strip_markdown(text)
            if not text.strip():
                continue
        elif cell["cell_type"] == "code":
            text = stub_code(text, where=f"{where} cell {index}")
            cell["outputs"] = []
            cell["execution_count"] = None
        _set_source(cell, text)
        tags = [t for t in cell.get("metadata", {}).get("tags", []) if t not in WEBSITE_TAGS]
        if "tags" in cell.get("metadata", {}):
            cell["metadata"]["tags"] = tags
            if not tags:
                del cell["metadata"]["tags"]
        cell.pop("id", None)
        cells.append(cell)
    book["cells"] = cells
    book["nbformat"], book["nbformat_minor"] = 4, 4
    return book


# Markdown lines that carry no text to translate: a label "(name)=", a directive's fence or
# option, an HTML comment, a blank line.
KEEP = re.compile(r"^\s*(\([\w-]+\)=|:{3,}|`{3,}|:[\w-]+:|<!--.*-->\s*$|$)")
HEADING = re.compile(r"^(#{1,6}\s+)(.*)$")
ITEM = re.compile(r"^(\s*(?:[-*+]|\d+[.)])\s+)(.*)$")


def catalogue(language: str, name: str) -> dict[str, str]:
    """English -> translation of an exercise page's catalogue, the entries the website uses
    (translated, not fuzzy)."""
    po = LOCALES / language / "LC_MESSAGES" / "exercises" / f"{name}.po"
    if not po.exists():
        raise ValueError(f"no catalogue {po.relative_to(ROOT)}: run `make i18n`")
    return book_i18n.translations(po)


def translate_markdown(text: str, table: dict[str, str], *, where: str) -> str:
    """A markdown cell's text with each heading, paragraph, list item and table cell replaced by
    its translation in ``table``; raises ValueError naming the first text it lacks."""
    out: list[str] = []
    block: list[str] = []  # the current paragraph or list item's lines
    prefix = ""
    fenced = ""  # the fence of the code block (```python) the line is in

    def lookup(english: str) -> str:
        english = english.strip()
        if english not in table:
            raise ValueError(f"{where}: no translation of {english[:100]!r} (run `make i18n` "
                             f"and translate the exercise page's catalogue)")
        return table[english]

    def flush() -> None:
        nonlocal block, prefix
        if block:
            out.append(prefix + lookup(" ".join(line.strip() for line in block)))
        block, prefix = [], ""

    for line in text.split("\n"):
        opening = re.match(r"^\s*(`{3,})(?!\{)", line)
        if fenced or opening:  # a fenced code block: kept as it is
            flush()
            out.append(line)
            if fenced and line.strip() == fenced:
                fenced = ""
            elif not fenced:
                fenced = opening.group(1)
            continue
        if KEEP.match(line):
            flush()
            out.append(line)
        elif HEADING.match(line):
            flush()
            mark, title = HEADING.match(line).groups()
            out.append(mark + lookup(title))
        elif line.lstrip().startswith("|"):
            flush()
            cells = line.strip().strip("|").split("|")
            if all(re.fullmatch(r"\s*:?-+:?\s*", c) for c in cells):
                out.append(line)
            else:
                out.append("| " + " | ".join(lookup(c) if c.strip() else "" for c in cells) + " |")
        elif ITEM.match(line):
            flush()
            prefix, first = ITEM.match(line).groups()
            block = [first]
        else:
            block.append(line)
    flush()
    return "\n".join(out)


def translate_workbook(book: dict, table: dict[str, str], *, where: str) -> dict:
    """The workbook with its markdown translated (`translate_markdown`), its code unchanged."""
    book = copy.deepcopy(book)
    for index, cell in enumerate(book["cells"]):
        if cell["cell_type"] == "markdown":
            _set_source(cell, translate_markdown(_source(cell), table,
                                                 where=f"{where} cell {index}"))
    return book


def render(nb: dict) -> str:
    return json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def expected_workbooks() -> dict[Path, str]:
    result = {}
    for source in sorted(SOURCES.glob("ex*.ipynb")):
        nb = json.loads(source.read_text(encoding="utf-8"))
        book = make_workbook(nb, where=source.name)
        result[WORKBOOKS / source.name] = render(book)
        for folder, language in TRANSLATED.items():
            table = catalogue(language, source.stem)
            result[folder / source.name] = render(
                translate_workbook(book, table, where=f"{folder.name}/{source.name}"))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a committed workbook is stale")
    args = parser.parse_args(argv)
    expected = expected_workbooks()
    existing = {p for folder in [WORKBOOKS, *TRANSLATED] if folder.is_dir()
                for p in folder.glob("*.ipynb")}
    if args.check:
        stale = [p for p, text in expected.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
        orphans = sorted(existing - set(expected))
        for path in stale:
            print(f"stale workbook: {path.relative_to(ROOT)} (run `make workbooks`)")
        for path in orphans:
            print(f"workbook without a source: {path.relative_to(ROOT)}")
        if not stale and not orphans:
            print(f"{len(expected)} workbooks are up to date")
        return 1 if stale or orphans else 0
    for path, text in expected.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    for path in sorted(existing - set(expected)):
        path.unlink()
        print(f"removed {path.relative_to(ROOT)} (its source is gone)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
