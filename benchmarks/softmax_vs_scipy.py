"""Benchmark: the reference ``stable_softmax`` and ``logsumexp`` against SciPy's, as ratios.

The array is the size of a language model's output for one batch: 2048 positions by a
32,000-token vocabulary, float32 (about 260 MB). Both implementations run alternately in one
process, so that the machine's load affects them alike; the figure to read is the ratio of
medians (ours / SciPy's; below 1 means faster than SciPy)::

    python -m benchmarks.softmax_vs_scipy            # 2048 x 32000, 7 rounds
    python -m benchmarks.softmax_vs_scipy --rows 256 --rounds 3   # a quick look
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
import scipy.special

from solutions.log_sum_exp import logsumexp
from solutions.shift_invariance import stable_softmax


def timed(fn, x) -> tuple[float, np.ndarray]:
    start = time.perf_counter()
    out = fn(x)
    return time.perf_counter() - start, out


def compare(name, ours, theirs, x, rounds):
    """Alternate the two implementations ``rounds`` times; return a result row."""
    mine, scipys = [], []
    for _ in range(rounds):
        t, a = timed(ours, x)
        mine.append(t)
        t, b = timed(theirs, x)
        scipys.append(t)
    worst = float(np.max(np.abs(a.astype(np.float64) - b.astype(np.float64))))
    ours_median, scipy_median = statistics.median(mine), statistics.median(scipys)
    return name, ours_median, scipy_median, ours_median / scipy_median, a.dtype, worst


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2048)
    parser.add_argument("--cols", type=int, default=32000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)

    rng = np.random.default_rng(0)
    x = (rng.standard_normal((args.rows, args.cols), dtype=np.float32) * 4).astype(np.float32)
    print(f"input: {x.shape} {x.dtype}, {x.nbytes / 1e6:.0f} MB; {args.rounds} alternating rounds")
    rows = [
        compare(
            "stable_softmax",
            lambda a: stable_softmax(a, axis=-1),
            lambda a: scipy.special.softmax(a, axis=-1),
            x,
            args.rounds,
        ),
        compare(
            "logsumexp",
            lambda a: logsumexp(a, axis=-1),
            lambda a: scipy.special.logsumexp(a, axis=-1),
            x,
            args.rounds,
        ),
    ]
    print(f"{'function':<16} {'ours (s)':>9} {'SciPy (s)':>9} {'ratio':>6}  out dtype  max |diff|")
    for name, ours, theirs, ratio, dtype, worst in rows:
        print(f"{name:<16} {ours:>9.3f} {theirs:>9.3f} {ratio:>6.2f}  {str(dtype):<9}  {worst:.2e}")


if __name__ == "__main__":
    main()
