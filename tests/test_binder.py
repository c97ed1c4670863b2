"""Binder, simulated: a fresh venv, repo2docker's install steps in its order, the notebooks run.

repo2docker reads `binder/` when that folder exists (and then ignores the configuration files
at the root, including the `pip install .` it would otherwise run). The book's `binder/`
installs the pinned runtime and the book's package editable, so a learner who edits
`nnkit/layers.py` sees the change after restarting the kernel. The simulation works on a copy
of the checkout, runs each notebook's opening up to its setup cell, with its own folder as
working directory, and never puts the checkout on `sys.path` by any other route
than the install itself.
"""

import sys
import tomllib

import pytest

import installs

pytestmark = pytest.mark.install


def repo2docker_steps(checkout):
    """The pip arguments repo2docker's Python build pack runs for this layout, in its order."""
    binder = checkout / "binder"
    config = binder if binder.is_dir() else checkout
    steps = []
    if (config / "requirements.txt").exists():
        steps.append(["-r", str((config / "requirements.txt").relative_to(checkout))])
    if config == checkout:
        pyproject = checkout / "pyproject.toml"
        has_project = pyproject.exists() and {"project", "build-system"} <= set(
            tomllib.loads(pyproject.read_text()))
        if has_project or (checkout / "setup.py").exists():
            steps.append(["."])
    return config, steps


@pytest.fixture(scope="module")
def binder(tmp_path_factory):
    work = tmp_path_factory.mktemp("binder")
    checkout = installs.checkout_copy(work / "repo")
    config, steps = repo2docker_steps(checkout)
    runtime = (config / "runtime.txt").read_text().strip()
    python = installs.make_venv(work / "venv")
    # repo2docker's own base environment: Jupyter and a kernel, before the repository's steps.
    installs.pip(python, "ipykernel")
    for step in steps:
        installs.pip(python, *step, cwd=checkout)
    image_packages = installs.run([python, "-m", "pip", "list", "--format=json"],
                                  env=installs.clean_env())
    # The test harness, added after the image is built: nbval runs the notebooks, so CI's nbval
    # pass over every chapter and workbook happens here, in the environment Binder would have.
    installs.pip(python, *installs.pinned("nbval", "pytest"))
    return {"checkout": checkout, "python": python, "steps": steps, "runtime": runtime,
            "image": image_packages}


def test_binder_uses_the_python_of_runtime_txt(binder):
    assert binder["runtime"].startswith("python-3."), binder["runtime"]
    want = tuple(map(int, binder["runtime"].removeprefix("python-").split(".")))
    assert want >= (3, 11), f"Binder would start Python {want}; nnkit needs 3.11 or newer"
    assert want[:2] == sys.version_info[:2], (
        f"the simulation runs Python {sys.version_info[:2]}, Binder would run {want}")
    assert binder["steps"] == [["-r", "binder/requirements.txt"]], (
        "Binder should install binder/requirements.txt only (the book's package editable)")


def test_binder_installs_the_book_from_the_checkout(binder):
    out = installs.run([binder["python"], "-c",
                        "import nnkit, nnbook; print(nnkit.__file__); print(nnbook.__file__)"],
                       cwd="/", env=installs.clean_env())
    for line in out.split():
        assert line.startswith(str(binder["checkout"])), (
            f"{line} is not inside the Binder checkout {binder['checkout']}")


def test_a_learners_edit_to_nnkit_shows_after_a_restart(binder):
    layers = binder["checkout"] / "nnkit" / "layers.py"
    original = layers.read_text()
    try:
        layers.write_text(original + "\nLEARNER_WAS_HERE = 42\n")
        out = installs.run([binder["python"], "-c",
                            "from nnkit import layers; print(layers.LEARNER_WAS_HERE)"],
                           cwd="/", env=installs.clean_env())
        assert out.strip() == "42", "an edit to nnkit/layers.py did not reach a new kernel"
    finally:
        layers.write_text(original)


def test_binder_image_holds_no_build_or_test_tools(binder):
    names = {p["name"].lower() for p in installs.json.loads(binder["image"])}
    assert "nn-setup" in names, binder["image"]
    assert not names & {"jupyter-book", "sphinx", "pytest", "playwright", "hypothesis"}, (
        "Binder's image should hold the learner's runtime only")


def setup_part(checkout, notebook):
    """A notebook's opening: a copy beside it holding its cells up to its setup cell (the second
    code cell, after the Colab cell), so the Binder run checks the environment and the imports.

    Every cell of every chapter and exercise source runs in the book build, with the same pins
    as Binder, and every cell of every handed-out workbook in the Colab simulation. Running them
    whole again here would repeat those runs and cost CI minutes; what only Binder has is its
    install, and the opening is where a broken install shows.
    """
    source = checkout / notebook
    return installs.opening(source, source.with_name(f"opening_{source.name}"))


@pytest.mark.parametrize("notebook", installs.notebook_ids())
def test_notebook_runs_on_binder(binder, notebook):
    """nbval, in the Binder environment, runs the notebook's cells up to its setup cell (see
    setup_part), with the notebook's own folder as cwd."""
    installs.nbval(setup_part(binder["checkout"], notebook), python=binder["python"],
                   env=installs.clean_env())
