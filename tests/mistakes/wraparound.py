"""Known-wrong answers of one kind across notebooks: integer input shifted in its own dtype.

Each converts booleans (NumPy refuses ``-`` on them) but subtracts the maximum from integer
input before converting it, and then hands the shifted numbers to a correct answer from the
held-out round 3. In int64 that is harmless; in int8 and uint8 the subtraction wraps around
(uint8 0 - 255 is 1), so a gap of 255 becomes a gap of 1. The contracts' ``wrap_sample``
probe must name it.
"""

import numpy as np

from tests.mistakes import wrong
from tests.mistakes.round3.cross_entropy_gradient import ce_ok
from tests.mistakes.round3.log_sum_exp import logsumexp_ok
from tests.mistakes.round3.shift_invariance import stable_softmax_ok
from tests.mistakes.round3.temperature import fit_ok, smp_ok2, swt_ok


def _shifted_in_own_dtype(z, axis=-1):
    z = np.asarray(z)
    if z.dtype == np.bool_:
        z = z.astype(np.float64)
    if z.dtype.kind in "iu" and z.size:
        z = z - z.max(axis=axis, keepdims=True)  # wraps around in int8 and uint8
    return z


@wrong("stable_softmax", "integer-wraparound")
def stable_softmax_integer_shift(z, axis=-1):
    """Shifted integer logits before converting them."""
    return stable_softmax_ok(_shifted_in_own_dtype(z, axis), axis=axis)


@wrong("logsumexp", "integer-wraparound")
def logsumexp_integer_shift(z, axis=-1, keepdims=False):
    """Shifted integer logits before converting them, and added the maximum back."""
    z = np.asarray(z)
    if z.dtype.kind not in "iu" or z.size == 0:
        return logsumexp_ok(z, axis=axis, keepdims=keepdims)
    m = z.max(axis=axis, keepdims=True)
    lse = logsumexp_ok(z - m, axis=axis, keepdims=True) + m
    return lse if keepdims else np.squeeze(lse, axis=axis)


@wrong("softmax_with_temperature", "integer-wraparound")
def swt_integer_shift(z, T, axis=-1):
    """Shifted integer logits before dividing by T (in float64)."""
    return swt_ok(_shifted_in_own_dtype(z, axis), T, axis=axis)


@wrong("sample_with_temperature", "integer-wraparound")
def sample_integer_shift(z, T, rng, size=None):
    """Shifted integer logits before converting them."""
    return smp_ok2(_shifted_in_own_dtype(z), T, rng, size=size)


@wrong("fit_temperature", "integer-wraparound")
def fit_integer_shift(logits, labels):
    """Shifted each row of integer logits before converting them."""
    return fit_ok(_shifted_in_own_dtype(logits, axis=1), labels)


@wrong("cross_entropy", "integer-wraparound")
def cross_entropy_integer_shift(logits, labels):
    """Shifted each row of integer logits before converting them."""
    return ce_ok(_shifted_in_own_dtype(logits, axis=1), labels)
