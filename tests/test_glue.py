"""nnbook.glue: values reach the website through myst-nb, and a plain kernel still works."""

import builtins

import pytest
from matplotlib.figure import Figure

from nnbook import glue as glue_module
from nnbook.glue import glue


def test_text_and_whole_numbers_pass_through():
    assert glue("ch_test_text", "97.5%") == "97.5%"
    assert glue("ch_test_int", 41) == "41"


@pytest.mark.parametrize("value", [0.5, True, None, [1, 2]])
def test_unformatted_values_are_refused_with_a_hint(value):
    with pytest.raises(TypeError, match="format other numbers first"):
        glue("ch_test_bad", value)


@pytest.mark.parametrize("name", ["", "has space", "1abc"])
def test_bad_names_are_refused(name):
    with pytest.raises(ValueError, match="name must be an identifier"):
        glue(name, "x")


def test_a_name_that_is_not_text_is_a_type_error():
    with pytest.raises(TypeError, match="glue: name must be a str"):
        glue(3, "x")


def test_without_myst_nb_a_figure_is_displayed(monkeypatch):
    real_import = builtins.__import__
    shown = []

    def no_myst(name, *args, **kwargs):
        if name.startswith("myst_nb"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_myst)
    monkeypatch.setattr("IPython.display.display", lambda v: shown.append(v))
    fig = Figure()
    assert glue("ch_test_fig", fig) is fig
    assert shown == [fig]
    assert glue_module.glue("ch_test_text2", "x") == "x"
