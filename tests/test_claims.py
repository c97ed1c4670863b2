"""Every claim of the ledger runs and its expected outcome holds (the same registry as the appendix)."""

import pytest

from nnbook import claims

CHAPTER_LABELS = {"ch-linear", "ch-neuron", "ch-activations", "ch-rectifiers", "ch-architectures",
                  "ch-training", "ch-representation", "ch-capacity"}


@pytest.mark.parametrize("item", claims.REGISTRY, ids=lambda c: c.key)
def test_claim_holds(item):
    result = item.run()
    assert result.verdict in claims.VERDICTS
    assert result.holds, f"{item.key}: expected {item.expected!r}, measured {result.measured!r}"


def test_registry_is_well_formed():
    keys = [c.key for c in claims.REGISTRY]
    assert len(keys) == len(set(keys)), "claim keys must be unique"
    assert all(c.chapter in CHAPTER_LABELS for c in claims.REGISTRY)
    assert all(c.statement and c.says and c.expected and c.source for c in claims.REGISTRY)


def test_a_result_rejects_an_unknown_verdict():
    with pytest.raises(ValueError, match="verdict must be one of"):
        claims.Result("x", "probably", True)


def chapter_headings():
    """{chapter label: set of its section headings}, read from the chapter notebooks."""
    import json
    import re
    from pathlib import Path

    found = {}
    for path in sorted((Path(__file__).resolve().parent.parent / "chapters").glob("*.ipynb")):
        cells = [c for c in json.loads(path.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "markdown"]
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
