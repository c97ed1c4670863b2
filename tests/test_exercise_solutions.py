"""Every exercise source passes its own checks, and every workbook runs top to bottom with each
check saying "not attempted yet".

nbval only executes the notebooks (their outputs are not stored, so nothing is compared, and a
check's feedback is hidden on the website): without this test a solution that its checker
rejects would go unnoticed. Each notebook's code cells run in order in one namespace, the way
a kernel runs them; every check cell's Feedback is inspected.
"""

import json
import re
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "exercises").glob("ex*.ipynb"))
WORKBOOKS = sorted((ROOT / "exercises" / "workbooks").rglob("ex*.ipynb"))  # and zh/
CHECK_CELL = re.compile(r"^\s*checks\.check_\w+\(.*\)\s*;?\s*$", re.DOTALL)


def run(path):
    """Execute the notebook's code cells; return [(cell index, Feedback)] of its check cells."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    namespace = {"__name__": "__main__"}
    feedback = []
    for index, cell in enumerate(cells):
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        if "%pip" in source or "remove-cell" in cell.get("metadata", {}).get("tags", []):
            continue
        code = compile(source, f"<{path.name} cell {index}>", "exec")
        if CHECK_CELL.match(source):
            feedback.append((index, eval(compile(source.strip().rstrip(";"), f"<{path.name} cell {index}>",
                                                 "eval"), namespace)))
        else:
            exec(code, namespace)
        plt.close("all")
    return feedback


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_every_solution_passes_its_check(path):
    results = run(path)
    assert len(results) >= 5, f"{path.name}: only {len(results)} check cells"
    failed = [f"cell {i}: {fb}" for i, fb in results if not fb.ok]
    assert not failed, "\n".join(failed)


@pytest.mark.parametrize("path", WORKBOOKS,
                         ids=lambda p: p.relative_to(ROOT / "exercises" / "workbooks").as_posix())
def test_every_workbook_runs_and_says_not_attempted(path):
    results = run(path)
    assert results, f"{path.name} has no check cells"
    wrong = [f"cell {i}: {fb}" for i, fb in results if fb.status != "not attempted"]
    assert not wrong, "\n".join(wrong)
