"""How accurate are the references? Worst error in ulp against mpmath, next to SciPy's.

For each function that SciPy also provides (or that is one line of SciPy), every hard case
below is computed by the reference in ``solutions``, by SciPy, and exactly by mpmath (50
significant digits, from the same binary inputs), in float16, float32 and float64. The error
of a result is counted in units in the last place (ulp) of its dtype at the exact value::

    python -m tools.accuracy            # the table: worst ulp per function, dtype and case

``tests/test_accuracy.py`` asserts that the references are at least as accurate as SciPy on
every case (within a small allowance, see there) and prints the same table.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import mpmath
import numpy as np
import scipy.special

from solutions.cross_entropy_gradient import cross_entropy
from solutions.log_sum_exp import log_softmax, logsumexp
from solutions.shift_invariance import stable_softmax
from solutions.softmax import sigmoid, softmax
from solutions.temperature import softmax_with_temperature

DIGITS = 50
DTYPES = (np.float16, np.float32, np.float64)


# --- exact values (mpmath, row by row along the last axis) ---------------------------------


def _mp_row_shift(row) -> tuple[mpmath.mpf, mpmath.mpf]:
    """``(m, log1p(Σ' exp(z - m)))`` of one row: its max and log-sum-exp minus that max.

    The sum Σ' runs over every entry but one maximum, so that a sum below 10^-DIGITS is not
    lost in 1 + sum, as it would be in floating point. ``m`` is -inf for an all -inf row.
    """
    finite = [mpmath.mpf(float(x)) for x in row if np.isfinite(x)]
    if not finite:
        return mpmath.mpf("-inf"), mpmath.mpf(0)
    m = max(finite)
    rest = list(finite)
    rest.remove(m)
    return m, mpmath.log1p(mpmath.fsum(mpmath.exp(x - m) for x in rest))


def _mp_row_lse(row) -> mpmath.mpf:
    """log Σ exp(z) of one row, exactly (to DIGITS digits); -inf for an all -inf row."""
    m, excess = _mp_row_shift(row)
    return m + excess


def _rows(z: np.ndarray, fn: Callable) -> np.ndarray:
    """Apply ``fn(row) -> list of mpf`` to every row; return an object array of mpf."""
    flat = z.reshape(-1, z.shape[-1])
    return np.array([fn(row) for row in flat], dtype=object).reshape(z.shape[:-1] + (-1,))


def exact_logsumexp(z):
    with mpmath.workdps(DIGITS):
        flat = z.reshape(-1, z.shape[-1])
        return np.array([_mp_row_lse(row) for row in flat], dtype=object).reshape(z.shape[:-1])


def exact_log_softmax(z):
    with mpmath.workdps(DIGITS):

        def row(r):
            # (z - m) - excess, not z - lse: lse = m + 1e-63 needs more than DIGITS digits.
            m, excess = _mp_row_shift(r)
            return [
                (mpmath.mpf(float(x)) - m) - excess if np.isfinite(x) else mpmath.mpf(x) for x in r
            ]

        return _rows(z, row)


def exact_softmax(z):
    with mpmath.workdps(DIGITS):

        def row(r):
            m, excess = _mp_row_shift(r)
            return [mpmath.exp((mpmath.mpf(float(x)) - m) - excess) for x in r]

        return _rows(z, row)


def exact_sigmoid(x):
    with mpmath.workdps(DIGITS):
        flat = [1 / (1 + mpmath.exp(-mpmath.mpf(float(v)))) for v in x.ravel()]
        return np.array(flat, dtype=object).reshape(x.shape)


def exact_cross_entropy(z):
    labels = np.arange(z.shape[0]) % z.shape[-1]
    with mpmath.workdps(DIGITS):
        losses = [
            (_mp_row_shift(r)[0] - mpmath.mpf(float(r[y]))) + _mp_row_shift(r)[1]
            for r, y in zip(z, labels, strict=True)
        ]
        return np.array(mpmath.fsum(losses) / len(losses), dtype=object)


# --- error in ulp ------------------------------------------------------------------------


def split(exact: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """An array of mpf as two float64 arrays ``hi + lo`` (a double-double: ~106 bits)."""
    flat = exact.ravel()
    hi = np.array([float(x) for x in flat])
    with mpmath.workdps(DIGITS):
        lo = np.array(
            [float(x - h) if np.isfinite(h) else 0.0 for x, h in zip(flat, hi, strict=True)]
        )
    return hi.reshape(exact.shape), lo.reshape(exact.shape)


def ulp_error(result, exact: tuple[np.ndarray, np.ndarray], dtype) -> float:
    """Worst |result − exact| in ulp of ``dtype`` at the exact value (inf when specials differ).

    ``exact`` is a double-double ``(hi, lo)`` from :func:`split`. The ulp of an exact value
    ``x`` is ``np.spacing`` of ``x`` rounded to ``dtype``, at least the smallest subnormal:
    an exact 1e-400 that comes out as 0.0 in float64 is not an error.
    """
    hi, lo = exact
    got = np.asarray(result, dtype=np.float64)
    if got.shape != hi.shape:
        return float("inf")
    dtype = np.dtype(dtype)
    with np.errstate(all="ignore"):
        special = ~np.isfinite(hi) | ~np.isfinite(got)
        same = (got == hi) | (np.isnan(got) & np.isnan(hi))
        if np.any(special & ~same):
            return float("inf")
        rounded = hi.astype(dtype)
        unit = np.maximum(
            np.spacing(np.abs(rounded)).astype(np.float64),
            float(np.finfo(dtype).smallest_subnormal),
        )
        # got − hi is exact when they are close (Sterbenz), so the error keeps lo's bits.
        error = np.abs((got - hi) - lo) / unit
    return float(np.max(np.where(special, 0.0, error), initial=0.0))


# --- the functions and their SciPy counterparts --------------------------------------------


@dataclass(frozen=True)
class Subject:
    name: str
    ours: Callable
    scipy: Callable
    exact: Callable


def _scipy_cross_entropy(z):
    labels = np.arange(z.shape[0]) % z.shape[-1]
    log_p = scipy.special.log_softmax(z, axis=-1)
    return -np.mean(log_p[np.arange(z.shape[0]), labels])


SUBJECTS = (
    Subject("softmax", softmax, lambda z: scipy.special.softmax(z, axis=-1), exact_softmax),
    Subject(
        "stable_softmax",
        stable_softmax,
        lambda z: scipy.special.softmax(z, axis=-1),
        exact_softmax,
    ),
    Subject(
        "softmax_with_temperature (T=1)",
        lambda z: softmax_with_temperature(z, 1.0),
        lambda z: scipy.special.softmax(z, axis=-1),
        exact_softmax,
    ),
    Subject(
        "logsumexp",
        logsumexp,
        lambda z: scipy.special.logsumexp(z, axis=-1),
        exact_logsumexp,
    ),
    Subject(
        "log_softmax",
        log_softmax,
        lambda z: scipy.special.log_softmax(z, axis=-1),
        exact_log_softmax,
    ),
    Subject("sigmoid", sigmoid, scipy.special.expit, exact_sigmoid),
    Subject(
        "cross_entropy",
        lambda z: cross_entropy(z, np.arange(z.shape[0]) % z.shape[-1]),
        _scipy_cross_entropy,
        exact_cross_entropy,
    ),
)


# --- the hard cases ------------------------------------------------------------------------


def _overflow(dtype) -> float:
    return float(np.log(np.finfo(dtype).max))


def cases(dtype) -> dict[str, np.ndarray]:
    """Hard inputs in ``dtype``, rows along the last axis; deterministic."""
    rng = np.random.default_rng(0)
    top = _overflow(dtype)
    # Where exp(z) underflows to a subnormal and then to 0.
    bottom = float(np.log(np.finfo(dtype).smallest_normal))
    one_big = np.full((2, 1000), -30.0 if dtype == np.float64 else -8.0)
    one_big[:, 7] = 0.0
    made = {
        "moderate": rng.normal(size=(6, 10)) * 3,
        "near overflow": top - rng.uniform(0, 2, size=(4, 6)),
        "beyond overflow": top * 1.5 + rng.normal(size=(4, 6)),
        "near underflow": np.stack(
            [np.array([0.0, bottom, bottom - 3, bottom + 1]), np.array([0.0, -1, bottom - 1, -2])]
        ),
        "equal, large": np.full((2, 2), 1e8 if dtype != np.float16 else 6e4),
        "one dominant among many tiny": one_big,
        "K = 32,000": rng.normal(size=(1, 32_000)),
        "mixed sign, wide": rng.uniform(-top, top, size=(4, 8)),
    }
    return {name: z.astype(dtype) for name, z in made.items()}


def _sigmoid_cases(dtype) -> dict[str, np.ndarray]:
    top = _overflow(dtype)
    rng = np.random.default_rng(1)
    made = {
        "moderate": rng.normal(size=(4, 8)) * 4,
        "near overflow": np.array([-top - 1, -top + 0.5, top - 0.5, top + 1]),
        "far tails": np.array([-1000.0, -750.0, -100.0, 40.0, 1000.0]),
    }
    return {name: x.astype(dtype) for name, x in made.items()}


@functools.cache
def _exact(kind: Callable, dtype: type, case: str) -> tuple[np.ndarray, np.ndarray]:
    table = _sigmoid_cases(dtype) if kind is exact_sigmoid else cases(dtype)
    return split(kind(table[case]))


@functools.cache
def measure() -> list[tuple[str, str, str, float, float]]:
    """Rows ``(function, dtype, case, ours_ulp, scipy_ulp)`` for every subject and case."""
    rows = []
    for subject in SUBJECTS:
        for dtype in DTYPES:
            table = _sigmoid_cases(dtype) if subject.exact is exact_sigmoid else cases(dtype)
            for case, z in table.items():
                exact = _exact(subject.exact, dtype, case)
                with np.errstate(all="ignore"):
                    ours = subject.ours(z.copy())
                    theirs = np.asarray(subject.scipy(z.copy()))
                # SciPy may compute a float16 input in float32 or float64: judge its answer
                # once rounded to the input's dtype, as ours is.
                theirs = theirs.astype(dtype) if theirs.dtype != dtype else theirs
                rows.append(
                    (
                        subject.name,
                        np.dtype(dtype).name,
                        case,
                        ulp_error(ours, exact, dtype),
                        ulp_error(theirs, exact, dtype),
                    )
                )
    return rows


def table() -> str:
    """The worst ulp per function and dtype (over all cases), ours next to SciPy's."""
    worst: dict[tuple[str, str], list[float]] = {}
    for name, dtype, _, ours, theirs in measure():
        entry = worst.setdefault((name, dtype), [0.0, 0.0])
        entry[0], entry[1] = max(entry[0], ours), max(entry[1], theirs)
    lines = [f"{'function':<32}{'dtype':<9}{'ours (ulp)':>12}{'SciPy (ulp)':>14}"]
    for (name, dtype), (ours, theirs) in worst.items():
        lines.append(f"{name:<32}{dtype:<9}{_fmt(ours):>12}{_fmt(theirs):>14}")
    return "\n".join(lines)


def _fmt(ulp: float) -> str:
    return "inf" if not np.isfinite(ulp) else f"{ulp:.3g}"


if __name__ == "__main__":
    print(table())
    print()
    print(f"{'function':<32}{'dtype':<9}{'case':<32}{'ours':>10}{'SciPy':>12}")
    for name, dtype, case, ours, theirs in measure():
        print(f"{name:<32}{dtype:<9}{case:<32}{_fmt(ours):>10}{_fmt(theirs):>12}")
