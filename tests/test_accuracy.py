"""The references are at least as accurate as SciPy, on hard inputs, against mpmath.

``tools/accuracy.py`` computes every case (near overflow, near underflow, one dominant entry
among many tiny ones, K = 32,000, equal large logits, float16/32/64) with the reference, with
SciPy and exactly with mpmath, and measures each error in ulp. Run ``python -m
tools.accuracy`` for the table; pytest prints it too (``-s``).
"""

from __future__ import annotations

import pytest

from tools.accuracy import measure, table

ROWS = measure()

#: Functions whose result is well conditioned in their input (a relative error of the input
#: does not grow): their error must stay within a few ulp whatever SciPy does. Softmax is
#: not among them: exp(z − m) magnifies the rounding of z − m by |z − m|, for SciPy too.
WELL_CONDITIONED = {"logsumexp", "log_softmax", "sigmoid", "cross_entropy"}


def test_print_the_table(capsys):
    text = table()
    with capsys.disabled():
        print("\n" + text)
    assert text.count("\n") == len({(r[0], r[1]) for r in ROWS})


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r[0]}-{r[1]}-{r[2]}")
def test_at_least_as_accurate_as_scipy(row):
    function, dtype, case, ours, scipy_ulp = row
    # One ulp of slack: two correct orders of rounding may differ by that much.
    assert ours <= scipy_ulp + 1.0, (
        f"{function} {dtype} {case}: {ours:.3g} ulp vs SciPy {scipy_ulp:.3g}"
    )


@pytest.mark.parametrize(
    "row", [r for r in ROWS if r[0] in WELL_CONDITIONED], ids=lambda r: f"{r[0]}-{r[1]}-{r[2]}"
)
def test_well_conditioned_functions_are_accurate_to_a_few_ulp(row):
    function, dtype, case, ours, _ = row
    assert ours <= 4.0, f"{function} {dtype} {case}: {ours:.3g} ulp"


def test_the_suite_can_fail_on_the_old_log_softmax():
    """z − logsumexp(z), the formula log_softmax had: the suite must see it lose everything."""
    import numpy as np

    from solutions.log_sum_exp import logsumexp
    from tools.accuracy import cases, exact_log_softmax, split, ulp_error

    z = cases(np.float32)["equal, large"]
    old = z - logsumexp(z, keepdims=True)  # [1e8, 1e8] → [0, 0] instead of −ln 2
    assert ulp_error(old, split(exact_log_softmax(z)), np.float32) > 1e6
