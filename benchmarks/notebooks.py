"""Execute every book notebook in a fresh kernel and print its wall time and the kernel's peak memory.

The book's bars: a chapter runs from a clean kernel in at most 20 s on a 2-core machine, and a
notebook's kernel stays under 500 MB at its peak. Times depend on the machine's load (other
processes share the 2 cores), so this is a measurement to read, not a test; the memory peak is
the kernel process's VmHWM from /proc (Linux only).

    .venv/bin/python benchmarks/notebooks.py                  # chapters, exercises, workbooks
    .venv/bin/python benchmarks/notebooks.py chapters/03_activations.ipynb
"""

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
TIME_BAR, MEMORY_BAR = 20.0, 500.0


# Appended to each notebook: the kernel reports its own peak resident memory.
PEAK = "print([l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1])"


def run(path: Path) -> tuple[float, float]:
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PEAK))
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start  # includes the kernel's start-up, as a reader's run would
    kilobytes = int(nb.cells[-1].outputs[0]["text"].strip())
    return seconds, kilobytes / 1024


def main(argv):
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    paths = [Path(a).resolve() for a in argv] or sorted(
        [*ROOT.glob("chapters/*.ipynb"), *ROOT.glob("exercises/ex*.ipynb"), *ROOT.glob("exercises/workbooks/*.ipynb")])
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    print(f"{'notebook':54s} {'seconds':>8s} {'peak MB':>8s}")
    over = []
    for path in paths:
        seconds, memory = run(path)
        flag = " <- over a bar" if seconds > TIME_BAR or memory > MEMORY_BAR else ""
        over += [path.name] if flag else []
        print(f"{str(path.relative_to(ROOT)):54s} {seconds:8.1f} {memory:8.0f}{flag}")
    print(f"bars: {TIME_BAR:g} s and {MEMORY_BAR:g} MB; over a bar: {over or 'none'}")


if __name__ == "__main__":
    main(sys.argv[1:])
