"""Pytest options shared by the unit tests, nbval and the browser check."""


def pytest_addoption(parser):
    parser.addoption(
        "--site",
        default="_build/html",
        help="folder of the built HTML site that the browser check serves (default: _build/html)",
    )
