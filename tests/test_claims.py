"""Every claim of the ledger runs and its expected outcome holds (the same registry as the appendix)."""

import pytest

from nnkit import claims

CHAPTER_LABELS = {"ch-linear", "ch-neuron", "ch-activations", "ch-architectures", "ch-training",
                  "ch-representation", "ch-capacity"}


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
