"""model.count_params: the one formula-based parameter counter, checked against MLP itself."""

import numpy as np
import pytest

from nnkit import model


def test_the_books_two_examples():
    small = model.count_params([3, 4, 2])
    assert small.sizes == (3, 4, 2) and small.weights == (12, 8) and small.biases == (4, 2)
    assert (small.total_weights, small.total_biases, small.total) == (20, 6, 26)
    assert model.count_params((3, 4, 4, 1)).total == 41
    assert model.count_params([np.int64(2), 100, 3]).total == 603


def test_agrees_with_the_model_on_many_sizes():
    rng = np.random.default_rng(0)
    for _ in range(60):
        sizes = [int(s) for s in rng.integers(1, 40, size=rng.integers(2, 7))]
        count = model.count_params(sizes)
        net = model.MLP(sizes, rng=rng)
        assert count.total == net.num_params() == count.total_weights + count.total_biases
        table = net.layer_table()
        assert count.weights == tuple(row["weights"] for row in table)
        assert count.biases == tuple(row["biases"] for row in table)
        assert count.sizes == tuple(net.sizes)


@pytest.mark.parametrize("sizes, error, named", [
    ([3.7, 4, 2], TypeError, "sizes[0]"), ([3, 4.0, 2], TypeError, "sizes[1]"),
    ([3, True, 2], TypeError, "sizes[1]"), (True, TypeError, "sizes"),
    ("3, 4, 2", TypeError, "sizes"), (None, TypeError, "sizes"), (np.array([3, 4]), TypeError,
                                                                  "sizes"),
    ([3], ValueError, "sizes"), ([], ValueError, "sizes"), ([3, 0, 2], ValueError, "sizes[1]"),
    ([3, -4, 2], ValueError, "sizes[1]")])
def test_refuses_what_is_not_a_list_of_whole_numbers(sizes, error, named):
    with pytest.raises(error) as info:
        model.count_params(sizes)
    assert str(info.value).startswith("count_params: ") and named in str(info.value)
