"""Bad input to every public callable of nnkit.plotting and nnkit.diagrams (and to
model.count_params) raises TypeError or ValueError naming the call and the argument.

CASES maps "module.callable" (or "module.Class.method") to rows (thunk, error, where, name):
calling thunk() must raise ``error`` whose message contains ``where + ":"`` and ``name``.
tests/test_bad_input.py runs these rows and fails when a public callable of
the modules has none; only callables that take no argument, and result dataclasses that
nnkit builds itself, are exempt.
"""


import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402

from nnkit import diagrams, model, plotting, train  # noqa: E402

MODULES = {"plotting": plotting, "diagrams": diagrams}
X = np.array([[0.0, 0.0], [1.0, 1.0], [0.5, -1.0]])
Y = np.array([0, 1, 1])
EXTENT = (-1.0, 1.0, -1.0, 1.0)
NET = model.MLP([2, 4, 3], rng=np.random.default_rng(0))
HISTORY = train.History()
HISTORY.record(0, 1.0, 0.3)
HISTORY.record(1, 0.5, 0.6)
STACKED = train.History()
STACKED.record(0, np.array([1.0, 0.9]), np.array([0.3, 0.4]))


def half_plane(P):
    return (P[:, 0] > 0).astype(int)


def region_plot():
    return plotting.RegionPlot(extent=EXTENT, num_classes=2, resolution=4)


CASES = {
    "plotting.tint": [
        (lambda: plotting.tint("no colour"), ValueError, "tint", "color"),
        (lambda: plotting.tint("red", amount=1.5), ValueError, "tint", "amount")],
    "plotting.class_color": [
        (lambda: plotting.class_color(-1), ValueError, "class_color", "k"),
        (lambda: plotting.class_color(1.0), TypeError, "class_color", "k")],
    "plotting.class_marker": [
        (lambda: plotting.class_marker(True), TypeError, "class_marker", "k")],
    "plotting.panels": [
        (lambda: plotting.panels(0), ValueError, "panels", "k"),
        (lambda: plotting.panels(2, ncols=0), ValueError, "panels", "ncols"),
        (lambda: plotting.panels(2, panel_size=3), ValueError, "panels", "panel_size"),
        (lambda: plotting.panels(2, panel_size=(3, -1)), ValueError, "panels", "panel_size"),
        (lambda: plotting.panels(2, panel_size=("3", 2)), TypeError, "panels", "panel_size")],
    "plotting.saturation_zones": [
        (lambda: plotting.saturation_zones([0, 2, 1], [1, 1, 1]), ValueError, "saturation_zones",
         "z"),
        (lambda: plotting.saturation_zones([0, 1, 2], [1, 1]), ValueError, "saturation_zones",
         "dfdz"),
        (lambda: plotting.saturation_zones([0, 1], [1, np.nan]), ValueError, "saturation_zones",
         "dfdz"),
        (lambda: plotting.saturation_zones([0, 1], [1, 1], fraction=0), ValueError,
         "saturation_zones", "fraction")],
    "plotting.ActivationPlot": [
        (lambda: plotting.ActivationPlot(z_min=1, z_max=0), ValueError, "ActivationPlot", "z_min"),
        (lambda: plotting.ActivationPlot(z_max=np.inf), ValueError, "ActivationPlot", "z_max"),
        (lambda: plotting.ActivationPlot(num=1), ValueError, "ActivationPlot", "num"),
        (lambda: plotting.ActivationPlot(ax="axes"), TypeError, "ActivationPlot", "ax")],
    "plotting.ActivationPlot.update": [
        (lambda: plotting.ActivationPlot().update("swish"), ValueError, "ActivationPlot.update",
         "name")],
    "plotting.activations_row": [
        (lambda: plotting.activations_row(["relu", "nope"]), ValueError, "activations_row",
         "name"),
        (lambda: plotting.activations_row([]), ValueError, "activations_row", "names"),
        (lambda: plotting.activations_row(["relu", "tanh"], axes=plotting.panels(1)), TypeError,
         "activations_row", "axes")],
    "plotting.square_extent": [
        (lambda: plotting.square_extent(X[:, :1]), ValueError, "square_extent", "Xs[0]"),
        (lambda: plotting.square_extent(X, margin=-1), ValueError, "square_extent", "margin"),
        (lambda: plotting.square_extent(), ValueError, "square_extent", "Xs")],
    "plotting.grid_points": [
        (lambda: plotting.grid_points((1, 0, 0, 1)), ValueError, "grid_points", "extent"),
        (lambda: plotting.grid_points((0, 1, 0)), ValueError, "grid_points", "extent"),
        (lambda: plotting.grid_points(None), TypeError, "grid_points", "extent"),
        (lambda: plotting.grid_points((0, np.nan, 0, 1)), ValueError, "grid_points", "extent"),
        (lambda: plotting.grid_points((0, np.inf, 0, 1)), ValueError, "grid_points", "extent"),
        (lambda: plotting.grid_points(EXTENT, resolution=1), ValueError, "grid_points",
         "resolution"),
        (lambda: plotting.grid_points(EXTENT, resolution=2.5), TypeError, "grid_points",
         "resolution")],
    "plotting.decision_grid": [
        (lambda: plotting.decision_grid(42, extent=EXTENT), TypeError, "decision_grid",
         "classifier"),
        (lambda: plotting.decision_grid(lambda P: P[:, 0], extent=EXTENT), TypeError,
         "decision_grid", "classifier"),
        (lambda: plotting.decision_grid(half_plane, extent=EXTENT, resolution=0), ValueError,
         "decision_grid", "resolution")],
    "plotting.RegionPlot": [
        (lambda: plotting.RegionPlot(extent=EXTENT, num_classes=2, resolution=0), ValueError,
         "RegionPlot", "resolution"),
        (lambda: plotting.RegionPlot(extent=EXTENT, num_classes=0), ValueError, "RegionPlot",
         "num_classes"),
        (lambda: plotting.RegionPlot(extent=EXTENT, num_classes=9), ValueError, "RegionPlot",
         "num_classes"),
        (lambda: plotting.RegionPlot(extent=(0, 0, 0, 1), num_classes=2), ValueError,
         "RegionPlot", "extent")],
    "plotting.RegionPlot.set_extent": [
        (lambda: region_plot().set_extent(None), TypeError, "RegionPlot.set_extent", "extent")],
    "plotting.RegionPlot.set_regions": [
        (lambda: region_plot().set_regions(np.zeros(15, int)), ValueError,
         "RegionPlot.set_regions", "labels"),
        (lambda: region_plot().set_regions(np.zeros(16)), ValueError, "RegionPlot.set_regions",
         "labels")],
    "plotting.RegionPlot.set_points": [
        (lambda: region_plot().set_points(X.T, Y), ValueError, "RegionPlot.set_points", "X"),
        (lambda: region_plot().set_points(X, Y + 1), ValueError, "RegionPlot.set_points", "y"),
        (lambda: region_plot().set_points(X, Y, X_val=X), ValueError, "RegionPlot.set_points",
         "X_val")],
    "plotting.decision_regions": [
        (lambda: plotting.decision_regions("model", X, Y), TypeError, "decision_regions",
         "classifier"),
        (lambda: plotting.decision_regions(half_plane, X.tolist(), Y), TypeError,
         "decision_regions", "X"),
        (lambda: plotting.decision_regions(half_plane, X, Y[:2]), ValueError,
         "decision_regions", "y"),
        (lambda: plotting.decision_regions(half_plane, X, Y.astype(float)), TypeError,
         "decision_regions", "y"),
        (lambda: plotting.decision_regions(half_plane, X, Y, y_val=Y), ValueError,
         "decision_regions", "X_val"),
        (lambda: plotting.decision_regions(half_plane, X, Y, extent=(0, 1)), ValueError,
         "decision_regions", "extent"),
        (lambda: plotting.decision_regions(half_plane, X, Y, resolution=0), ValueError,
         "decision_regions", "resolution")],
    "plotting.decision_regions_grid": [
        (lambda: plotting.decision_regions_grid([half_plane], X, Y, titles=["a", "b"]),
         ValueError, "decision_regions_grid", "titles"),
        (lambda: plotting.decision_regions_grid([half_plane], X, Y, titles=["a"],
                                                axes=plotting.panels(2)), TypeError,
         "decision_regions_grid", "axes")],
    "plotting.CurvesPlot": [
        (lambda: plotting.CurvesPlot(axes=plotting.panels(3)), TypeError, "CurvesPlot", "axes")],
    "plotting.CurvesPlot.update": [
        (lambda: plotting.CurvesPlot().update({"step": [0]}), TypeError, "CurvesPlot.update",
         "history"),
        (lambda: plotting.CurvesPlot().update(HISTORY, dead=[0.1]), ValueError,
         "CurvesPlot.update", "dead"),
        (lambda: plotting.CurvesPlot().update(STACKED), ValueError, "CurvesPlot.update",
         "history")],
    "plotting.training_curves": [
        (lambda: plotting.training_curves(None), TypeError, "CurvesPlot.update", "history")],
    "plotting.dead_fraction": [
        (lambda: plotting.dead_fraction([0, 1], [0.5]), ValueError, "dead_fraction",
         "fractions"),
        (lambda: plotting.dead_fraction(None, [0.5]), TypeError, "dead_fraction", "steps"),
        (lambda: plotting.dead_fraction([0], [0.5], ax=3), TypeError, "dead_fraction", "ax")],
    "plotting.GradientNormPlot": [
        (lambda: plotting.GradientNormPlot(num_layers=0), ValueError, "GradientNormPlot",
         "num_layers"),
        (lambda: plotting.GradientNormPlot(num_layers=2, labels=["a"]), ValueError,
         "GradientNormPlot", "labels")],
    "plotting.GradientNormPlot.update": [
        (lambda: plotting.GradientNormPlot(num_layers=2).update([0, 1], np.ones((2, 3))),
         ValueError, "GradientNormPlot.update", "norms"),
        (lambda: plotting.GradientNormPlot(num_layers=1).update([0], [[-1.0]]), ValueError,
         "GradientNormPlot.update", "norms"),
        (lambda: plotting.GradientNormPlot(num_layers=1).update([0], [[np.nan]]), ValueError,
         "GradientNormPlot.update", "norms"),
        (lambda: plotting.GradientNormPlot(num_layers=1).update("abc", [[1.0]]), TypeError,
         "GradientNormPlot.update", "steps")],
    "plotting.gradient_norm_curves": [
        (lambda: plotting.gradient_norm_curves([0, 1], [1.0, 2.0]), ValueError,
         "gradient_norm_curves", "norms")],
    "plotting.HiddenUnitPlot": [
        (lambda: plotting.HiddenUnitPlot(extent=EXTENT[:3], num_units=2), ValueError,
         "HiddenUnitPlot", "extent"),
        (lambda: plotting.HiddenUnitPlot(extent=EXTENT, num_units=0), ValueError,
         "HiddenUnitPlot", "num_units"),
        (lambda: plotting.HiddenUnitPlot(extent=EXTENT, num_units=2, resolution=1), ValueError,
         "HiddenUnitPlot", "resolution"),
        (lambda: plotting.HiddenUnitPlot(extent=EXTENT, num_units=2, ncols=0), ValueError,
         "HiddenUnitPlot", "ncols")],
    "plotting.HiddenUnitPlot.update": [
        (lambda: plotting.HiddenUnitPlot(extent=EXTENT, num_units=2).update(half_plane),
         TypeError, "HiddenUnitPlot.update", "model"),
        (lambda: plotting.HiddenUnitPlot(extent=EXTENT, num_units=2).update(NET, layer=1),
         ValueError, "HiddenUnitPlot.update", "layer"),
        (lambda: plotting.HiddenUnitPlot(extent=EXTENT, num_units=2).update(
            model.MLP([3, 4, 2], rng=np.random.default_rng(0))), ValueError,
         "HiddenUnitPlot.update", "model")],
    "plotting.hidden_unit_maps": [
        (lambda: plotting.hidden_unit_maps(None, extent=EXTENT), TypeError, "hidden_unit_maps",
         "model"),
        (lambda: plotting.hidden_unit_maps(NET, extent=EXTENT, layer=True), TypeError,
         "hidden_unit_maps", "layer"),
        (lambda: plotting.hidden_unit_maps(model.MLP([2, 3], rng=np.random.default_rng(0)),
                                           extent=EXTENT), ValueError, "hidden_unit_maps",
         "model"),
        (lambda: plotting.hidden_unit_maps(NET, extent=EXTENT, max_units=0), ValueError,
         "hidden_unit_maps", "max_units"),
        (lambda: plotting.hidden_unit_maps(model.MLP.stack([NET, NET]), extent=EXTENT),
         ValueError, "hidden_unit_maps", "model")],
    "diagrams.parse_sizes": [
        (lambda: diagrams.parse_sizes("3, -4, 2"), ValueError, "parse_sizes", "text"),
        (lambda: diagrams.parse_sizes("3, 4.5, 2"), ValueError, "parse_sizes", "text"),
        (lambda: diagrams.parse_sizes([3, 4]), TypeError, "parse_sizes", "text")],
    "diagrams.layer_table": [
        (lambda: diagrams.layer_table([3.7, 4, 2]), TypeError, "layer_table", "net"),
        (lambda: diagrams.layer_table(True), TypeError, "layer_table", "net")],
    "diagrams.totals": [
        (lambda: diagrams.totals([{"weights": 1}]), TypeError, "totals", "table"),
        (lambda: diagrams.totals(None), TypeError, "totals", "table")],
    "diagrams.totals_text": [
        (lambda: diagrams.totals_text([3, 4, 2]), TypeError, "totals_text", "table")],
    "diagrams.count_text": [
        (lambda: diagrams.count_text(-1, "unit"), ValueError, "count_text", "n"),
        (lambda: diagrams.count_text(2.5, "unit"), TypeError, "count_text", "n"),
        (lambda: diagrams.count_text(2, None), TypeError, "count_text", "noun")],
    "diagrams.network": [
        (lambda: diagrams.network([3, 0, 2]), ValueError, "network", "net"),
        (lambda: diagrams.network([3, 4, 2], max_units=2), ValueError, "network", "max_units"),
        (lambda: diagrams.network([3, 4, 2], radius=0), ValueError, "network", "radius"),
        (lambda: diagrams.network([3, 4, 2], layer_gap=0.1), ValueError, "network",
         "layer_gap"),
        (lambda: diagrams.network([3, 4, 2], ax="ax"), TypeError, "network", "ax")],
    "model.count_params": [
        (lambda: model.count_params([3.7, 4, 2]), TypeError, "count_params", "sizes[0]"),
        (lambda: model.count_params(True), TypeError, "count_params", "sizes"),
        (lambda: model.count_params([3, -4]), ValueError, "count_params", "sizes[1]")],
}
