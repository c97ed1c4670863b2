"""Pytest options shared by the unit tests, nbval and the browser check."""

from hypothesis import settings

# Property-based tests draw the same examples on every run (as every notebook gives the same
# numbers); `pytest --hypothesis-profile explore` searches fresh random examples instead.
settings.register_profile("book", derandomize=True, deadline=None)
settings.register_profile("explore", derandomize=False, deadline=None)
settings.load_profile("book")


def pytest_addoption(parser):
    parser.addoption(
        "--site",
        default="_build/html",
        help="folder of the built HTML site that the browser check serves (default: _build/html)",
    )
    parser.addoption(
        "--screenshots",
        choices=("top", "full"),
        default="top",
        help="the browser check's screenshots under _build/screenshots: the first screen of "
             "every page (default; what `make test` takes) or the whole page, top to bottom "
             "(`make test-browser`; about 2-4 s more per picture)",
    )
