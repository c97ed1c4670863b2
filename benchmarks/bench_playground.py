"""Time the playground's two interactive paths against their targets on a 2-core machine.

1. redraw: one frame of the default playground (2 -> 50 ReLU -> 3 on the 300-point spiral):
   predict the 200 x 200 decision-region grid, update the region image (set_data), the points,
   the curves, the 8 hidden-unit maps and the gradient-norm lines, blit them onto the saved
   axes background and encode the PNG that the notebook's Image widget shows.
   Target: median <= 50 ms.
2. retrain: one slider change with "train to 95% on change" on: rebuild the network for the
   new hidden size, train it full batch from its initial weights until 95% training accuracy,
   then redraw.  The slider alternates between 40 and 50 units.  Target: median <= 300 ms.

We also report a redraw that must repaint the axes (an axis limit changed; happens rarely).
BLAS runs on one thread (2 shared cores are noisy with more) and both paths interleave in one
process.  Run:  python benchmarks/bench_playground.py [--repeats 30]
"""

import argparse
import os
import platform
import statistics
import time

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
from threadpoolctl import threadpool_info, threadpool_limits  # noqa: E402

from nnbook import playground  # noqa: E402

REDRAW_TARGET, RETRAIN_TARGET = 0.050, 0.300


def timed(fn):
    """(wall seconds, this process's CPU seconds) of one call; CPU time is less hurt by other jobs."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()

    with threadpool_limits(limits=1):
        lab = playground.Playground(rng=np.random.default_rng(0))
        lab.step(300)  # curves with some history, as after a short play
        lab.set(fit_on_change=True)
        redraws, full_redraws, retrains, steps, reached = [], [], [], [], []
        for repeat in range(args.repeats):
            redraws.append(timed(lab.redraw))
            lab._blitter._key = None  # force the rare full repaint once
            full_redraws.append(timed(lab.redraw))
            units = 40 if repeat % 2 == 0 else 50
            retrains.append(timed(lambda: lab.set(hidden_sizes=(units,))))
            steps.append(lab.run.steps_done)
            reached.append(lab.history.train_acc[-1] >= 0.95)
        blas = ", ".join(f"{i['internal_api']} {i.get('version', '')} ({i['num_threads']} thread)"
                         for i in threadpool_info()) or "none found"

    (redraw, redraw_cpu), (full, full_cpu), (retrain, retrain_cpu) = (
        (statistics.median(w for w, _ in t), statistics.median(c for _, c in t))
        for t in (redraws, full_redraws, retrains))
    coretype = os.environ.get("OPENBLAS_CORETYPE", "unset")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"python {platform.python_version()}, numpy {np.__version__}, matplotlib {matplotlib.__version__}, "
          f"{os.cpu_count()} cpus, BLAS: {blas}, OPENBLAS_CORETYPE={coretype}")
    print(f"load average at the end: {load} (other jobs on these cores slow every number)")
    print(f"repeats: {args.repeats}; png {len(lab.image.value):,} bytes, "
          f"{lab.figure.canvas.get_width_height()} px")
    print("medians: wall time (ratio to target), then CPU time of this process (ratio)")
    print(f"redraw (200x200 regions + curves, blitted)  {1000 * redraw:6.1f} ms ({redraw / REDRAW_TARGET:.2f})"
          f"  cpu {1000 * redraw_cpu:6.1f} ms ({redraw_cpu / REDRAW_TARGET:.2f})  target {1000 * REDRAW_TARGET:.0f} ms")
    print(f"redraw with full axes repaint (rare)        {1000 * full:6.1f} ms         cpu {1000 * full_cpu:6.1f} ms")
    print(f"slider change: retrain to 95% and redraw    {1000 * retrain:6.1f} ms ({retrain / RETRAIN_TARGET:.2f})"
          f"  cpu {1000 * retrain_cpu:6.1f} ms ({retrain_cpu / RETRAIN_TARGET:.2f})  target {1000 * RETRAIN_TARGET:.0f} ms")
    print(f"  steps to 95%: median {statistics.median(steps):.0f} (min {min(steps)}, max {max(steps)}); "
          f"reached 95% in {sum(reached)}/{len(reached)} changes")


if __name__ == "__main__":
    main()
