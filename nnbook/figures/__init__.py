"""A figure module draws what an nnbook.experiments module computed, with nnkit.plotting."""
