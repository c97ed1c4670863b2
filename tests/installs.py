"""Install the book the way its users get it, in fresh venvs, and run its notebooks there.

Shared by the Binder and Colab simulations and the wheel test (not a test module itself).
Nothing here uses the repository's own `.venv`: each simulation makes a venv of its own from
the base interpreter, installs into it only what the service would, and runs the notebooks
in a kernel of that venv, which nbval starts with the notebook's folder as working directory.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import colab_cell  # noqa: E402  (the repository URL and version, from where they are written)

sys.path.pop(0)

CELL_TIMEOUT = 300  # seconds; a kernel on a busy 2-core machine may be slow to start
SIM_ENV = {  # the same one-thread BLAS the book's own build uses
    "OPENBLAS_NUM_THREADS": "1", "MPLBACKEND": "", "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}


def run(cmd, *, cwd=None, env=None, timeout=900):
    """Run a command, raising with its output if it fails."""
    result = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True,
                            text=True, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"command failed ({result.returncode}): {' '.join(map(str, cmd))}\n"
                           f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
    return result.stdout


def clean_env(**extra) -> dict:
    """This process's environment without anything that would leak the checkout or .venv."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "PYTHONSTARTUP")}
    venv_bin = str(Path(sys.prefix) / "bin")
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != venv_bin)
    env.update(SIM_ENV)
    env.update(extra)
    return env


def checkout_copy(target: Path) -> Path:
    """A copy of the files a fresh clone would have (tracked plus new, minus ignored) at target."""
    listing = run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT)
    for name in filter(None, listing.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def base_python() -> str:
    """The interpreter the repository's venv was made from (a venv is never made from a venv)."""
    return getattr(sys, "_base_executable", sys.executable)


def make_venv(path: Path) -> Path:
    """A new venv at path; returns its python."""
    run([base_python(), "-m", "venv", path], env=clean_env())
    return path / "bin" / "python"


def pip(python: Path, *args, cwd=None, env=None):
    return run([python, "-m", "pip", "install", "--quiet", *args], cwd=cwd, env=env or clean_env())


def build_wheel(source: Path, out: Path) -> Path:
    """Build the distribution's wheel from source (a checkout copy) into out; return its path."""
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", out, source],
        env=clean_env())
    wheels = sorted(out.glob("*.whl"))
    assert len(wheels) == 1, f"expected one wheel in {out}, found {wheels}"
    return wheels[0]


def wheel_files(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def pinned(*names: str) -> list[str]:
    """The root requirements.txt pins of these packages (e.g. the test tools), as pip arguments."""
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if "==" in line:
            pins[line.split("==")[0].lower()] = line
    return [pins[name.lower()] for name in names]


def version_of(python: Path, distribution: str) -> str:
    code = f"import importlib.metadata as m; print(m.version({distribution!r}))"
    return run([python, "-c", code], env=clean_env(), cwd="/").strip()


def kernel(python: Path, name: str, folder: Path, *, env: dict | None = None) -> str:
    """Register a kernelspec for python under folder (added to JUPYTER_PATH); return its name."""
    spec = folder / "kernels" / name
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": name, "language": "python", "env": {**SIM_ENV, **(env or {})},
    }))
    paths = os.environ.get("JUPYTER_PATH", "")
    if str(folder) not in paths.split(os.pathsep):
        os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(folder), paths]))
    return name


def nbval(notebook: Path, *, kernel_name: str | None = None, python: Path | None = None,
          env: dict | None = None) -> None:
    """nbval runs every cell of notebook with the notebook's folder as working directory.

    By default nbval comes from the repository's own venv and runs the named kernel, whose
    Python is the simulation's; with python (a simulation's interpreter, with nbval installed
    in it) nbval and its kernel both run there. As in `make test`, --nbval-lax: a cell error
    fails (except in a cell tagged raises-exception); outputs are not compared (the notebooks
    are committed without them).
    """
    kernel = ["--nbval-kernel-name", kernel_name] if kernel_name else []
    result = subprocess.run(
        [str(python or sys.executable), "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "--noconftest", "--nbval-lax", *kernel, "--nbval-cell-timeout", str(CELL_TIMEOUT),
         "--nbval-kernel-startup-timeout", str(CELL_TIMEOUT), notebook.name],
        cwd=notebook.parent, env=env or {**os.environ, **SIM_ENV}, capture_output=True,
        text=True, timeout=1800)
    if result.returncode != 0:
        plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
        raise AssertionError(f"{notebook.name} failed under nbval:\n{plain[-6000:]}")


def opening(notebook: Path, target: Path) -> Path:
    """Write to target the notebook's opening: its cells up to its setup cell (the second code
    cell, after the Colab cell), where a broken install or a missing module shows."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    code = [i for i, cell in enumerate(nb["cells"]) if cell["cell_type"] == "code"]
    nb["cells"] = nb["cells"][:code[1] + 1]
    target.write_text(json.dumps(nb), encoding="utf-8")
    return target


def notebooks(checkout: Path) -> list[Path]:
    """The notebooks a learner runs: every chapter and every workbook."""
    return (sorted((checkout / "chapters").glob("*.ipynb"))
            + sorted((checkout / "exercises" / "workbooks").glob("*.ipynb")))


def notebook_ids() -> list[str]:
    return [p.relative_to(ROOT).as_posix() for p in notebooks(ROOT)]
