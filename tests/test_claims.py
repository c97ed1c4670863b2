"""The ledger's registry is well formed, its verdicts are computed, never typed, and the page says
what it covers.

That every claim runs and its expected outcome holds is asserted where the ledger is made:
chapters/09_claim_ledger.ipynb runs the whole registry in the book build (and in the Colab
simulation), and fails when an outcome no longer holds.
"""

import ast
import json
import re
from pathlib import Path

import numpy as np
import pytest

from nnbook import claims

ROOT = Path(__file__).resolve().parent.parent

CHAPTER_LABELS = {"ch-linear", "ch-neuron", "ch-activations", "ch-rectifiers", "ch-architectures",
                  "ch-training", "ch-representation", "ch-capacity", "ch-ledger"}


def test_registry_is_well_formed():
    keys = [c.key for c in claims.REGISTRY]
    assert len(keys) == len(set(keys)), "claim keys must be unique"
    assert all(c.chapter in CHAPTER_LABELS for c in claims.REGISTRY)
    assert all(c.statement and c.says and c.expected and c.source and c.criterion
               for c in claims.REGISTRY)


@pytest.mark.parametrize("as_stated, direction, expected", [
    (True, True, "reproduced"), (False, True, "reproduced, different number"),
    (False, False, "not reproduced at this scale"), (None, False, "not checkable here"),
    (np.bool_(True), np.bool_(True), "reproduced")])
def test_the_verdict_follows_from_the_two_facts(as_stated, direction, expected):
    assert claims.verdict(as_stated, direction) == expected
    assert claims.Result("m", as_stated, True, direction=direction).verdict == expected


def test_a_result_refuses_an_inconsistent_pair():
    with pytest.raises(ValueError, match="direction"):
        claims.Result("x", True, True, direction=False)
    assert claims.Result("x", False, True).verdict == "not reproduced at this scale"


def test_no_verdict_is_typed_by_hand():
    """The verdict strings appear in claims.py only where VERDICTS and verdict() define them."""
    tree = ast.parse((ROOT / "nnbook" / "claims.py").read_text(encoding="utf-8"))
    allowed = set()
    for node in ast.walk(tree):
        defines = (isinstance(node, ast.FunctionDef) and node.name == "verdict") or (
            isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "VERDICTS"
                                                 for t in node.targets))
        if defines:
            allowed |= {id(n) for n in ast.walk(node)}
    typed = [(n.lineno, n.value) for n in ast.walk(tree)
             if isinstance(n, ast.Constant) and n.value in claims.VERDICTS and id(n) not in allowed]
    assert not typed, f"verdicts typed outside verdict(): {typed}"


def test_claims_without_an_experiment_say_why():
    unchecked = [c for c in claims.REGISTRY if c.experiment is None]
    assert unchecked, "the ledger lists the note's claims that it cannot check"
    assert all(len(c.criterion.split()) >= 5 for c in unchecked)


def test_sources_name_the_english_notes_sections():
    sections = {"Quick intro", "Biological motivation and connections",
                "Single neuron as a linear classifier", "Commonly used activation functions",
                "Layer-wise organization", "Example feed-forward computation",
                "Representational power", "Setting number of layers and their sizes"}
    for c in claims.REGISTRY:
        assert not re.search(r"section \d", c.source), (c.key, c.source)
        named = re.findall(r"cs231n-nn1, '([^']+)'", c.source)
        assert all(n in sections for n in named), (c.key, c.source)
        assert named or "cs231n-nn1" not in c.source, (c.key, c.source)


def test_the_page_does_not_overclaim():
    nb = json.loads((ROOT / "chapters" / "09_claim_ledger.ipynb").read_text(encoding="utf-8"))
    prose = " ".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert "every claim" not in prose.lower()
    assert "## What the ledger covers" in prose and "Not in the table" in prose


def chapter_headings():
    """{chapter label: set of its section headings}, read from the chapter notebooks."""
    found = {}
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        cells = [c for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
                 if c["cell_type"] == "markdown"]
        label = re.match(r"\((.+?)\)=", "".join(cells[0]["source"]))
        if label:
            text = "\n".join("".join(c["source"]) for c in cells)
            found[label.group(1)] = set(re.findall(r"(?m)^#{2,3} (.+?)\s*$", text))
    return found


def test_every_claim_names_a_section_that_exists():
    headings = chapter_headings()
    wrong = [(c.key, c.chapter, c.section) for c in claims.REGISTRY
             if c.section not in headings.get(c.chapter, set())]
    assert not wrong, f"claims whose chapter has no such section heading (renamed?): {wrong}"


def test_slug_matches_the_websites_anchors():
    from myst_parser.mdit_to_docutils.base import default_slugify

    headings = [c.section for c in claims.REGISTRY] + ["Why not a small network, after all?",
                                                        "ReLU: max(0, z)", "  Leaky_ReLU & co. "]
    for heading in headings:
        assert claims.slug(heading) == default_slugify(heading), heading
