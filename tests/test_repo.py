"""The repository's own invariants: the table of contents, the notebooks, the two commands."""

import json
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOC = (ROOT / "_toc.yml").read_text(encoding="utf-8")
TOC_FILES = re.findall(r"(?:file|root):\s*([^\s#]+)", TOC)


def tracked_notebooks():
    out = subprocess.run(["git", "ls-files", "*.ipynb"], cwd=ROOT, capture_output=True, text=True)
    tracked = [ROOT / p for p in out.stdout.split()]
    # Notebooks not yet committed count too: a new chapter must obey the rules before it lands.
    on_disk = [p for folder in ("chapters", "exercises") for p in (ROOT / folder).rglob("*.ipynb")
               if ".ipynb_checkpoints" not in p.parts]
    return sorted(set(tracked) | set(on_disk))


NOTEBOOKS = tracked_notebooks()


def test_every_toc_entry_exists():
    missing = [f for f in TOC_FILES
               if not any((ROOT / f).with_suffix(s).exists() for s in (".ipynb", ".md"))]
    assert not missing, f"_toc.yml lists files that do not exist: {missing}"


def test_every_chapter_and_exercise_is_in_the_toc():
    pages = sorted((ROOT / "chapters").glob("*.ipynb")) + sorted((ROOT / "exercises").glob("ex*.ipynb"))
    listed = {str((ROOT / f).with_suffix("")) for f in TOC_FILES}
    absent = [str(p.relative_to(ROOT)) for p in pages if str(p.with_suffix("")) not in listed]
    assert not absent, f"notebooks missing from _toc.yml: {absent}"


def test_the_book_has_chapters():
    assert (ROOT / "intro.md").exists()
    assert len(list((ROOT / "chapters").glob("*.ipynb"))) >= 1


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_is_clean(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    kernel = nb.get("metadata", {}).get("kernelspec", {})
    assert kernel.get("name") == "python3", f"{path.name}: kernelspec name must be python3, got {kernel}"
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        assert not cell.get("outputs"), f"{path.name} cell {i} is committed with outputs (clear them)"
        assert cell.get("execution_count") is None, f"{path.name} cell {i} has an execution count"
        src = "".join(cell["source"])
        assert "sys.path" not in src, f"{path.name} cell {i} edits sys.path; nnkit is installed instead"
        assert "import *" not in src, f"{path.name} cell {i} uses import *"


def test_readme_test_command_is_what_ci_runs():
    ci = [l.strip() for l in (ROOT / ".ci/run").read_text().splitlines()
          if l.strip() and not l.lstrip().startswith("#") and not l.startswith(("set ", "cd "))]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ci == ["make test"], f".ci/run should run exactly the README's test command, runs {ci}"
    assert "make test" in readme and "make book" in readme


def _requirement_lines(path):
    lines = [l.split("#")[0].strip() for l in path.read_text().splitlines()]
    return [l for l in lines if l]


def test_requirements_pin_every_direct_dependency():
    root = _requirement_lines(ROOT / "requirements.txt")
    binder = _requirement_lines(ROOT / "binder/requirements.txt")
    assert "-r binder/requirements.txt" in root, "requirements.txt must include Binder's runtime"
    assert "-e ." in binder, "binder/requirements.txt must install the book's package editable"
    unpinned = [l for l in root + binder if not l.startswith(("-e ", "-r ")) and "==" not in l]
    assert not unpinned, f"unpinned requirements: {unpinned}"


def test_runtime_txt_asks_binder_for_python_311():
    # Binder reads binder/runtime.txt (the folder wins over the root); both say the same.
    assert (ROOT / "runtime.txt").read_text().strip() == "python-3.11"
    assert (ROOT / "binder/runtime.txt").read_text() == (ROOT / "runtime.txt").read_text()


def test_importing_nnkit_changes_nothing():
    code = (
        "import sys, numpy as np, matplotlib\n"
        "before = (np.get_printoptions(), dict(matplotlib.rcParams), np.random.get_state()[1][:5].tolist())\n"
        "import nnkit, nnkit.activations, nnkit.layers, nnkit.losses, nnkit.model, nnkit.train, nnkit.datasets, nnkit.gradcheck\n"
        "after = (np.get_printoptions(), dict(matplotlib.rcParams), np.random.get_state()[1][:5].tolist())\n"
        "assert before == after, 'importing nnkit changed global state'\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'the numerical core must not import pyplot'\n"
    )
    import os
    import sys
    # A fixed backend, so reading rcParams does not itself import pyplot to pick one.
    env = dict(os.environ, MPLBACKEND="Agg")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr


def test_nnkit_never_imports_nnbook():
    """The library stands alone: no nnkit module imports the book's package, directly or not."""
    import ast

    for path in sorted((ROOT / "nnkit").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(n.split(".")[0] == "nnbook" for n in names), (
                f"{path.relative_to(ROOT)} imports nnbook; nnkit must not depend on the book")
    import os
    import sys
    modules = sorted(p.stem for p in (ROOT / "nnkit").glob("*.py") if p.stem != "__init__")
    code = ("import sys, importlib\n"
            f"for m in {modules!r}: importlib.import_module('nnkit.' + m)\n"
            "assert not [m for m in sys.modules if m.split('.')[0] == 'nnbook'], 'nnbook loaded'\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=dict(os.environ, MPLBACKEND="Agg"))
    assert result.returncode == 0, result.stderr
