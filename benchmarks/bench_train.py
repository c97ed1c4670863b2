"""Time one full-batch training step of nnkit against the same step written in plain numpy.

The task is the book's running example: the 2 -> 100 ReLU -> 3 network on the 300-point
spiral, softmax cross-entropy plus L2 (reg = 1e-3), SGD with lr = 1.0, float64.
Both versions start from the same weights, see the same data, record the same history
(loss and training accuracy every step, plus one evaluation at the end), and run in the
same process in interleaved repetitions; we report the median time per step of each.

Run:  python benchmarks/bench_train.py [--steps 100] [--repeats 101] [--cpu-time]
"""

import argparse
import ctypes
import platform
import resource
import statistics
import time

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

from nnkit import datasets, model, train

LR, REG = 1.0, 1e-3


def plain_train(X, y, W1, b1, W2, b2, steps):
    """The training loop written out by hand: the math of nnkit.train, nothing more."""
    N = X.shape[0]
    rows = np.arange(N)
    history = {"loss": [], "acc": []}

    def forward(W1, b1, W2, b2):
        z = X @ W1 + b1
        hidden = np.maximum(z, 0)
        return z, hidden, hidden @ W2 + b2

    def objective(scores):
        shifted = scores - scores.max(axis=1, keepdims=True)
        exp_shifted = np.exp(shifted)
        sums = exp_shifted.sum(axis=1, keepdims=True)
        loss = np.sum(np.log(sums[:, 0]) - shifted[rows, y]) / N
        loss += 0.5 * REG * float(np.sum(W1 ** 2)) + 0.5 * REG * float(np.sum(W2 ** 2))
        return float(loss), exp_shifted, sums

    for _ in range(steps):
        z, hidden, scores = forward(W1, b1, W2, b2)
        loss, exp_shifted, sums = objective(scores)
        history["loss"].append(loss)
        history["acc"].append(float(np.mean(scores.argmax(axis=1) == y)))
        dscores = exp_shifted / sums
        dscores[rows, y] -= 1
        dscores /= N
        dW2 = hidden.T @ dscores + REG * W2
        db2 = dscores.sum(axis=0)
        dz = (dscores @ W2.T) * (z > 0)
        dW1 = X.T @ dz + REG * W1
        db1 = dz.sum(axis=0)
        W1 -= LR * dW1
        b1 -= LR * db1
        W2 -= LR * dW2
        b2 -= LR * db2
    _, _, scores = forward(W1, b1, W2, b2)
    history["loss"].append(objective(scores)[0])
    history["acc"].append(float(np.mean(scores.argmax(axis=1) == y)))
    return history


def nnkit_train(X, y, net, steps):
    return train.train(net, X, y, lr=LR, reg=REG, steps=steps)


def fresh(init):
    """A new nnkit model with the weights of init, and plain copies of the same weights."""
    net = model.MLP([2, 100, 3], rng=np.random.default_rng(1))
    for name, layer, key in net.param_items():
        layer.params[key][...] = init[name]
    return net, [init[k].copy() for k in ("layer1.W", "layer1.b", "layer2.W", "layer2.b")]


CLOCK = time.perf_counter  # wall-clock time; --cpu-time switches to time.process_time


def timed(fn, *args):
    """(seconds, minor page faults) taken by fn(*args)."""
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    start = CLOCK()
    fn(*args)
    seconds = CLOCK() - start
    return seconds, resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults


def keep_freed_memory():
    """Stop glibc from returning freed memory to the OS (and from mmap-ing large arrays).

    By default, freeing a step's (N, H) temporaries can shrink the heap, and the next step
    faults the pages back in. How often that happens depends on the exact order and layout
    of allocations, so it differs between the two loops and even between runs of the
    same script. With trimming off, neither loop pays it. Linux/glibc only.
    """
    libc = ctypes.CDLL("libc.so.6")
    M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
    if not (libc.mallopt(M_TRIM_THRESHOLD, 1 << 30) and libc.mallopt(M_MMAP_THRESHOLD, 32 << 20)):
        raise RuntimeError("mallopt failed")


def compare(X, y, init, steps, repeats):
    """Interleaved repetitions of both loops: {name: (seconds per step, page faults per step)}."""
    runs = {"plain": [], "nnkit": []}  # runs[name][rep] = (seconds per step, faults per step)
    for rep in range(repeats):
        for which in ("plain", "nnkit") if rep % 2 == 0 else ("nnkit", "plain"):
            net, plain = fresh(init)
            if which == "plain":
                seconds, faults = timed(plain_train, X, y, *plain, steps)
            else:
                seconds, faults = timed(nnkit_train, X, y, net, steps)
            runs[which].append((seconds / steps, faults / steps))
    return runs


def report(title, runs):
    """Print the median time per step of each loop, their ratio, and return nnkit's median."""
    median = {k: statistics.median(s for s, _ in v) * 1e6 for k, v in runs.items()}
    print(title)
    for key, name in (("plain", "plain numpy loop"), ("nnkit", "nnkit.train")):
        best = min(s for s, _ in runs[key]) * 1e6
        faults = statistics.median(f for _, f in runs[key])
        print(f"  {name + ':':18}{median[key]:8.1f} us/step  "
              f"(best {best:.1f}; {faults:.1f} minor page faults/step)")
    # Each repetition runs both loops back to back, so the ratio within a repetition cancels
    # the slow swings in how busy the machine is; their median is the number to read.
    paired = statistics.median(n / p for (n, _), (p, _) in zip(runs["nnkit"], runs["plain"]))
    print(f"  nnkit/plain ratio: {paired:.3f}  (target <= 1.10; median of the {len(runs['plain'])}"
          f" back-to-back pairs; ratio of the medians {median['nnkit'] / median['plain']:.3f})")
    return median["nnkit"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=100, help="training steps per repetition")
    parser.add_argument("--repeats", type=int, default=101,
                        help="interleaved repetitions (pairs of runs)")
    parser.add_argument("--cpu-time", action="store_true",
                        help="time with process CPU time, not wall-clock (steadier on a busy machine)")
    args = parser.parse_args()
    global CLOCK
    if args.cpu_time:
        CLOCK = time.process_time

    X, y = datasets.spiral(rng=np.random.default_rng(0))
    init_net = model.MLP([2, 100, 3], rng=np.random.default_rng(1))
    init = {name: layer.params[key].copy() for name, layer, key in init_net.param_items()}

    with threadpool_limits(limits=1, user_api="blas"):
        print("BLAS pinned to 1 thread with threadpoolctl "
              "(threadpool_limits(limits=1, user_api='blas')):")
        for pool in threadpool_info():
            print(f"  {pool['internal_api']} {pool.get('version')}, kernel (architecture) "
                  f"{pool.get('architecture')}, {pool['num_threads']} thread(s), {pool['filepath']}")
        print(f"Python {platform.python_version()}, numpy {np.__version__}, {platform.machine()}")

        # Same math: identical weights in, the same history out.
        net, plain = fresh(init)
        h_plain = plain_train(X, y, *plain, 50)
        h_nnkit = nnkit_train(X, y, net, 50)
        assert np.allclose(h_plain["loss"], h_nnkit.train_loss, rtol=1e-12, atol=0)
        assert h_plain["acc"] == h_nnkit.train_acc

        clock = "process CPU time" if args.cpu_time else "wall-clock time"
        print(f"2 -> 100 ReLU -> 3 on the spiral (N = {X.shape[0]}), full batch, float64; "
              f"{args.steps} steps x {args.repeats} interleaved repeats; {clock}; "
              "median per step.")
        report("1. glibc's default allocator:", compare(X, y, init, args.steps, args.repeats))
        keep_freed_memory()
        nnkit_us = report("2. glibc trimming off (pure overhead, no page-fault luck):",
                          compare(X, y, init, args.steps, args.repeats))

        try:
            import torch
        except ImportError:
            print("PyTorch not importable: skipping the nnkit/PyTorch comparison.")
            return
        torch_us = torch_per_step(X, y, init, args.steps, args.repeats, torch,
                                  h_nnkit.train_loss) * 1e6
        print(f"3. PyTorch {torch.__version__} CPU, {torch.get_num_threads()} thread, "
              f"same loop with autograd, trimming off: {torch_us:.1f} us/step")
        print(f"  nnkit/PyTorch ratio: {nnkit_us / torch_us:.3f}")


def torch_train(X, y, init, steps, torch):
    """The same loop in PyTorch (CPU, float64): autograd instead of hand-written backward."""
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    params = [torch.tensor(init[k], requires_grad=True)
              for k in ("layer1.W", "layer1.b", "layer2.W", "layer2.b")]
    W1, b1, W2, b2 = params
    history = {"loss": [], "acc": []}
    for _ in range(steps):
        scores = torch.relu(Xt @ W1 + b1) @ W2 + b2
        loss = torch.nn.functional.cross_entropy(scores, yt)
        loss = loss + 0.5 * REG * ((W1 ** 2).sum() + (W2 ** 2).sum())
        for p in params:
            p.grad = None
        loss.backward()
        with torch.no_grad():
            for p in params:
                p -= LR * p.grad
        history["loss"].append(loss.item())
        history["acc"].append((scores.argmax(dim=1) == yt).double().mean().item())
    return history


def torch_per_step(X, y, init, steps, repeats, torch, reference):
    """Median seconds per step of torch_train (1 thread), after checking it matches reference."""
    torch.set_num_threads(1)
    assert np.allclose(torch_train(X, y, init, 50, torch)["loss"], reference[:50], rtol=1e-9, atol=0)
    times = []
    for _ in range(repeats):
        seconds, _ = timed(torch_train, X, y, init, steps, torch)
        times.append(seconds / steps)
    return statistics.median(times)


if __name__ == "__main__":
    main()
