"""The distribution a user installs: its wheel holds every module the notebooks import.

The notebooks' imports are read from the notebooks themselves (each code cell turned into
Python by IPython's own transformer, so `%pip` lines parse), never from a hand list.
"""

import ast
import json
import re
import tomllib
import zipfile

import pytest
from IPython.core.inputtransformer2 import TransformerManager

import installs

ROOT = installs.ROOT
PACKAGES = ("nnkit", "nnbook")


def notebook_imports():
    """{module name: [notebook, ...]} for every nnkit/nnbook module a notebook imports."""
    found = {}
    transform = TransformerManager().transform_cell
    paths = sorted(ROOT.glob("chapters/*.ipynb")) + sorted(ROOT.glob("exercises/**/*.ipynb"))
    for path in paths:
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] != "code":
                continue
            for node in ast.walk(ast.parse(transform("".join(cell["source"])))):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    # `from nnkit import layers` may name a module (nnkit.layers) or an object.
                    names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
                for name in names:
                    if name.split(".")[0] in PACKAGES:
                        found.setdefault(name, []).append(path.relative_to(ROOT).as_posix())
    return found


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    work = tmp_path_factory.mktemp("wheel")
    source = installs.checkout_copy(work / "repo")
    path = installs.build_wheel(source, work / "dist")
    return path, installs.wheel_files(path)


def _module_files(name):
    parts = name.split(".")
    return ["/".join(parts) + ".py", "/".join(parts) + "/__init__.py"]


def test_notebooks_import_the_book_packages():
    imports = notebook_imports()
    assert {"nnkit", "nnbook"} <= {name.split(".")[0] for name in imports}, sorted(imports)


def test_every_module_a_notebook_imports_is_in_the_wheel(wheel):
    path, files = wheel
    missing = []
    for name, notebooks in sorted(notebook_imports().items()):
        is_module_in_repo = any((ROOT / f).exists() for f in _module_files(name))
        if is_module_in_repo and not any(f in files for f in _module_files(name)):
            missing.append(f"{name} (imported by {notebooks[0]})")
    assert not missing, f"{path.name} lacks modules the notebooks import: {missing}"


def test_the_wheel_holds_every_module_of_both_packages(wheel):
    path, files = wheel
    in_repo = {p.relative_to(ROOT).as_posix() for package in PACKAGES
               for p in (ROOT / package).rglob("*.py") if "__pycache__" not in p.parts}
    assert in_repo - files == set(), f"{path.name} lacks {sorted(in_repo - files)}"


def test_the_wheel_declares_version_and_ranges(wheel):
    path, files = wheel
    version = installs.colab_cell.version()
    assert path.name.startswith(f"nn_setup-{version}-"), path.name
    metadata_name = next(f for f in files if f.endswith(".dist-info/METADATA"))
    with zipfile.ZipFile(path) as archive:
        metadata = archive.read(metadata_name).decode()
    requires = re.findall(r"^Requires-Dist: (.+)$", metadata, flags=re.MULTILINE)
    names = {re.split(r"[<>=!~ ;\[]", r)[0].lower() for r in requires}
    assert {"numpy", "matplotlib", "ipywidgets"} <= names, requires
    pinned = [r for r in requires if "==" in r]
    assert not pinned, f"the package pins {pinned}; pins belong in requirements.txt, ranges here"


def test_the_repository_url_is_written_once():
    url = installs.colab_cell.repository_url()
    assert re.fullmatch(r"https://github\.com/[\w.-]+/[\w.-]+", url), url
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["urls"]["Repository"] == url
    github_urls = set(re.findall(r"https://github\.com/[\w.-]+/[\w.-]+", readme))
    assert github_urls <= {url}, f"README.md names other repositories: {github_urls - {url}}"
    intro = (ROOT / "intro.md").read_text(encoding="utf-8")
    assert "github.com" not in intro, "intro.md should take the URL from _config.yml ({{ repo_url }})"
    assert "{{ repo_url }}" in intro


def test_every_notebook_opens_with_the_current_colab_cell():
    stale = installs.colab_cell.stale()
    assert not stale, f"run `python tools/colab_cell.py`: stale {[p.name for p in stale]}"
    assert installs.colab_cell.requirement().startswith("nn-setup @ git+")
