"""No answer on the website outside the collapsed solutions, and multiple-choice questions that
cannot be answered by their look.

The notebooks' structure is checked always: every check cell is tagged `remove-output` (the
build and nbval still run it; the site does not show its feedback), every solution sits between
a solution-start and a solution-end, and no cell outside them shows output of learner code.
When a built site is present and newer than the sources (the forced CI build at
`_build/ci/_build/html`, or `_build/html`), its exercise pages are read too: outside the
solution dropdowns they must hold no feedback at all.
"""

import importlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "exercises").glob("ex*.ipynb"))
OPTION = re.compile(r"^- \*\*([a-d])\*\* (.+)$", re.MULTILINE)
MARKS = ("[PASSED]", "[NOT YET RIGHT]", "[NOT ATTEMPTED YET]", "nnbook-feedback")


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def text(cell):
    return "".join(cell["source"])


def regions(path):
    """[(cell, inside a solution region?)] in order."""
    inside, out = False, []
    for cell in cells(path):
        source = text(cell)
        if cell["cell_type"] == "markdown" and "{solution-start}" in source:
            inside = True
        out.append((cell, inside))
        if cell["cell_type"] == "markdown" and "{solution-end}" in source:
            inside = False
    return out


def solution_names(path):
    """Names that solution code defines (functions and assigned variables)."""
    names = set()
    for cell in cells(path):
        source = text(cell)
        if cell["cell_type"] == "code" and "BEGIN SOLUTION" in source:
            names.update(re.findall(r"^def (\w+)", source, re.MULTILINE))
            names.update(re.findall(r"^(\w+) = ", source, re.MULTILINE))
    return names


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_check_cells_hide_their_feedback_on_the_website(path):
    checks = [c for c in cells(path) if c["cell_type"] == "code" and "checks.check_" in text(c)
              and "BEGIN SOLUTION" not in text(c)]
    assert len(checks) >= 5, path.name
    visible = [text(c) for c in checks if "remove-output" not in c["metadata"].get("tags", [])]
    assert not visible, f"{path.name}: check cells whose feedback the site would show: {visible}"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_solutions_stay_inside_the_dropdowns(path):
    for cell, inside in regions(path):
        source = text(cell)
        if "BEGIN SOLUTION" in source:
            assert inside, f"{path.name}: a solution outside a solution-start/solution-end pair"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_no_visible_output_comes_from_a_solution(path):
    """A cell outside the dropdowns whose output the site shows may not run solution code."""
    names = solution_names(path)
    for cell, inside in regions(path):
        tags = cell["metadata"].get("tags", [])
        if inside or cell["cell_type"] != "code" or {"remove-output", "remove-cell"} & set(tags):
            continue
        used = {n for n in names if re.search(rf"\b{n}\b", text(cell))} - {"rng", "SEED"}
        assert not used, f"{path.name}: a visible cell runs solution code {used}: {text(cell)[:80]}"


# --- multiple choice -------------------------------------------------------------------------


def questions():
    """(notebook, options {letter: text}, checker) for every multiple-choice exercise."""
    found = []
    for path in SOURCES:
        all_cells = cells(path)
        module = importlib.import_module(
            "nnbook.checks." + re.search(r"from nnbook\.checks import (\w+)",
                                         "".join(text(c) for c in all_cells)).group(1))
        for index, cell in enumerate(all_cells):
            source = text(cell)
            options = dict(OPTION.findall(source)) if "{exercise}" in source else {}
            if len(options) < 3:
                continue
            call = next(re.search(r"checks\.(check_\w+)\(", text(c)).group(1) for c in all_cells[index:]
                        if c["cell_type"] == "code" and "checks.check_" in text(c) and "BEGIN" not in text(c))
            found.append((path.name, options, getattr(module, call)))
    return found


QUESTIONS = questions()


def correct(options, checker):
    right = [letter for letter in options if checker(letter).ok]
    assert len(right) == 1, (options, right)
    return right[0]


def test_there_are_multiple_choice_questions_in_most_chapters():
    assert len(QUESTIONS) >= 10
    assert len({name for name, _, _ in QUESTIONS}) >= 7


@pytest.mark.parametrize("name, options, checker", QUESTIONS,
                         ids=[f"{n}: {c.__name__}" for n, _, c in QUESTIONS])
def test_options_have_balanced_lengths(name, options, checker):
    lengths = [len(t) for t in options.values()]
    assert max(lengths) <= 1.6 * min(lengths), f"{name}: option lengths {lengths}"
    letter = correct(options, checker)
    others = [len(t) for k, t in options.items() if k != letter]
    assert len(options[letter]) <= max(others), f"{name}: the right option is the longest"


def test_the_right_letter_varies():
    letters = {}
    for name, options, checker in QUESTIONS:
        letters.setdefault(name, []).append(correct(options, checker))
    every = [letter for found in letters.values() for letter in found]
    assert len(set(every)) == 4, every
    assert max(every.count(letter) for letter in "abcd") <= len(every) // 2, every
    for name, found in letters.items():
        if len(found) > 1:
            assert len(set(found)) > 1, f"{name}: every question has the answer {found[0]}"


# --- the built pages -------------------------------------------------------------------------


class _OutsideSolutions(HTMLParser):
    """Collects the text of a page outside elements whose class contains "solution"."""

    def __init__(self):
        super().__init__()
        self.depth, self.skip_at, self.text = 0, None, []

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "hr", "meta", "link", "input", "wbr", "source"):
            return
        self.depth += 1
        classes = dict(attrs).get("class") or ""
        if self.skip_at is None and re.search(r"\bsolution\b", classes):
            self.skip_at = self.depth
        if self.skip_at is None and "nnbook-feedback" in classes:
            self.text.append("nnbook-feedback")

    def handle_endtag(self, tag):
        if tag in ("br", "img", "hr", "meta", "link", "input", "wbr", "source"):
            return
        if self.skip_at is not None and self.depth == self.skip_at:
            self.skip_at = None
        self.depth -= 1

    def handle_data(self, data):
        if self.skip_at is None:
            self.text.append(data)


def built_site():
    newest = max(p.stat().st_mtime for p in SOURCES)
    for site in (ROOT / "_build/ci/_build/html", ROOT / "_build/html"):
        pages = sorted((site / "exercises").glob("ex*.html"))
        if pages and min(p.stat().st_mtime for p in pages) > newest:
            return site
    return None


SITE = built_site()


@pytest.mark.skipif(SITE is None, reason="no built site newer than the exercise sources "
                                         "(make test builds one into _build/ci first)")
@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_built_pages_show_no_feedback_outside_the_solutions(path):
    page = SITE / "exercises" / (path.stem + ".html")
    assert page.exists(), f"{page} was not built"
    parser = _OutsideSolutions()
    parser.feed(page.read_text(encoding="utf-8"))
    shown = " ".join(parser.text)
    found = [mark for mark in MARKS if mark in shown]
    assert not found, f"{page.name} shows check feedback outside the solutions: {found}"
