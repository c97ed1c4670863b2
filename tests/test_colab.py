"""Colab, simulated: a bare runtime, each notebook alone in an empty folder, its own cell installs.

A Colab runtime has numpy, matplotlib, ipywidgets and a kernel, but no checkout: a learner
opens one notebook from GitHub. The simulation makes such a runtime (the oldest numpy,
matplotlib and ipywidgets that the package's ranges admit, so the ranges are tested too),
marks it as Colab the way Colab does (the module `google.colab` is imported at start-up), and
lets each notebook's first cell do the install: `%pip install "nn-setup @ git+<url>@v<version>"`.
nbval runs every workbook whole and every chapter up to its setup cell in that runtime, and
every module of both packages is imported there.
Git is pointed from the repository URL to a local repository holding this checkout at tag
v<version>, so the install runs offline through exactly the command a learner's runtime runs.
"""

import pytest

import installs

pytestmark = pytest.mark.install

PREINSTALLED = {"numpy": "2.0.2", "matplotlib": "3.9.4", "ipywidgets": "8.1.0"}


@pytest.fixture(scope="module")
def colab(tmp_path_factory):
    work = tmp_path_factory.mktemp("colab")
    # The repository as GitHub would serve it: this checkout, committed and tagged.
    repo = installs.checkout_copy(work / "github")
    git = ["git", "-c", "user.name=sim", "-c", "user.email=sim@localhost", "-c", "init.defaultBranch=main"]
    installs.run([*git, "init", "--quiet"], cwd=repo)
    installs.run([*git, "add", "--all"], cwd=repo)
    installs.run([*git, "commit", "--quiet", "-m", "snapshot"], cwd=repo)
    installs.run([*git, "tag", f"v{installs.colab_cell.version()}"], cwd=repo)
    gitconfig = work / "gitconfig"
    gitconfig.write_text(f'[url "file://{repo}"]\n\tinsteadOf = {installs.colab_cell.repository_url()}\n')

    python = installs.make_venv(work / "venv")
    installs.pip(python, "ipykernel", *(f"{k}=={v}" for k, v in PREINSTALLED.items()))
    site = installs.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                        env=installs.clean_env()).strip()
    fake = installs.Path(site) / "google" / "colab"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text('"""Stands in for Colab\'s own module in the simulation."""\n')
    (installs.Path(site) / "colab_sim.pth").write_text("import google.colab\n")
    env = {"GIT_CONFIG_GLOBAL": str(gitconfig), "GIT_CONFIG_NOSYSTEM": "1"}
    name = installs.kernel(python, "colab-sim", work / "jupyter", env=env)
    # The first notebook a learner opens installs the package; later ones find it installed.
    first = work / "first" / "setup_only.ipynb"
    first.parent.mkdir()
    first.write_text(installs.json.dumps({
        "cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                   "source": installs.colab_cell.cell_source()}],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                    "language": "python"}},
        "nbformat": 4, "nbformat_minor": 4}))
    installs.nbval(first, kernel_name=name)
    return {"python": python, "kernel": name, "work": work}


@pytest.mark.parametrize("notebook", installs.notebook_ids())
def test_notebook_runs_alone_on_colab(colab, notebook, tmp_path):
    """A workbook runs whole; a chapter up to its setup cell (every cell of a chapter runs in
    the book build: a second full run here cost about 300 s of CI's 20 minutes). What a chapter
    calls beyond its opening is held to the oldest versions by test_every_module_imports_on_colab
    and by the workbooks, which call nnkit and the checkers end to end."""
    alone = tmp_path / installs.Path(notebook).name
    if notebook.startswith("chapters/"):
        installs.opening(installs.ROOT / notebook, alone)
    else:
        alone.write_bytes((installs.ROOT / notebook).read_bytes())
    installs.nbval(alone, kernel_name=colab["kernel"])
    assert sorted(p.name for p in tmp_path.iterdir()) == [alone.name], (
        f"{notebook} left files beside itself: {sorted(p.name for p in tmp_path.iterdir())}")


def test_colab_keeps_its_own_numpy_and_matplotlib(colab):
    python = colab["python"]
    assert installs.version_of(python, "nn-setup") == installs.colab_cell.version(), (
        "the notebooks' install cell did not install the book's package")
    for name, version in PREINSTALLED.items():
        assert installs.version_of(python, name) == version, (
            f"installing the book replaced Colab's {name} {version}; widen the range in pyproject.toml")


def test_every_module_imports_on_colab(colab):
    """Every module of both packages imports under Colab's oldest numpy and matplotlib."""
    modules = sorted(
        ".".join(p.relative_to(installs.ROOT).with_suffix("").parts).removesuffix(".__init__")
        for package in ("nnkit", "nnbook") for p in (installs.ROOT / package).rglob("*.py"))
    code = f"import importlib\nfor name in {modules!r}:\n    importlib.import_module(name)\n"
    installs.run([colab["python"], "-c", code], env=installs.clean_env(MPLBACKEND="Agg"),
                 cwd=colab["work"])
