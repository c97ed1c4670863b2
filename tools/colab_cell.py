"""Keep the Colab install cell at the top of every chapter and exercise source, or check it.

A learner who opens one notebook in Google Colab has no checkout around it, so the notebook's
first code cell installs the book's package (the distribution nn-setup) from the repository, at the
version this notebook was written for. Everywhere else the cell does nothing and prints
nothing; the website hides it (tag `remove-cell`). The workbooks inherit it from the exercise
sources (`tools/workbooks.py`).

The repository URL comes from `_config.yml` (`repository.url`) and the version from
`nnkit/__init__.py`; the tag `v<version>` is created by the publishing workflow.

Usage: `python tools/colab_cell.py` rewrites the cells; `--check` exits 1 naming stale notebooks.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DISTRIBUTION = "nn-setup"
MARKER = "# Google Colab only:"
TAG = "remove-cell"


def repository_url(root: Path = ROOT) -> str:
    """The repository URL, from `_config.yml` (the one place it is written)."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    return config["repository"]["url"].rstrip("/")


def version(root: Path = ROOT) -> str:
    """The package version, `__version__` in nnkit/__init__.py (read without importing)."""
    tree = ast.parse((root / "nnkit" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets):
            return ast.literal_eval(node.value)
    raise LookupError("nnkit/__init__.py has no __version__")


def requirement(root: Path = ROOT) -> str:
    """The pip requirement the cell installs: this repository at tag v<version>."""
    return f"{DISTRIBUTION} @ git+{repository_url(root)}@v{version(root)}"


def cell_source(root: Path = ROOT) -> str:
    return (
        f"{MARKER} install the book's code at the version this notebook was written for.\n"
        "# Anywhere else this cell does nothing.\n"
        "import sys\n"
        "\n"
        'if "google.colab" in sys.modules:\n'
        f'    %pip install --quiet "{requirement(root)}"\n'
    )


def notebooks(root: Path = ROOT) -> list[Path]:
    """Every chapter and every exercise source (the workbooks are generated from the sources)."""
    return sorted((root / "chapters").glob("*.ipynb")) + sorted((root / "exercises").glob("ex*.ipynb"))


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def with_cell(nb: dict, root: Path = ROOT) -> dict:
    """nb with the current Colab cell as its first code cell (replacing an older one)."""
    cells = [c for c in nb["cells"]
             if not (c["cell_type"] == "code" and _source(c).startswith(MARKER))]
    cell = {"cell_type": "code", "execution_count": None, "metadata": {"tags": [TAG]},
            "outputs": [], "source": cell_source(root).splitlines(keepends=True)}
    if (nb.get("nbformat"), nb.get("nbformat_minor", 0)) >= (4, 5):
        cell = {"cell_type": "code", "execution_count": None, "id": "colab-setup", **cell}
    first_code = next((i for i, c in enumerate(cells) if c["cell_type"] == "code"), len(cells))
    cells.insert(first_code, cell)
    return dict(nb, cells=cells)


def render(nb: dict) -> str:
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def stale(root: Path = ROOT) -> list[Path]:
    """Notebooks whose Colab cell is missing, out of date or not the first code cell."""
    out = []
    for path in notebooks(root):
        nb = json.loads(path.read_text(encoding="utf-8"))
        if json.dumps(with_cell(nb, root)["cells"]) != json.dumps(nb["cells"]):
            out.append(path)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a notebook's cell is stale")
    args = parser.parse_args(argv)
    if args.check:
        bad = stale()
        for path in bad:
            print(f"stale Colab cell: {path.relative_to(ROOT)} (run `python tools/colab_cell.py`)")
        if not bad:
            print(f"{len(notebooks())} notebooks open with the current Colab cell")
        return 1 if bad else 0
    for path in stale():
        nb = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(render(with_cell(nb)), encoding="utf-8")
        print(f"updated {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
