"""Shared input plumbing for the held-out answers (a learner's own as_float_array)."""

import numpy as np


def asf(a, name="z"):
    arr = np.asarray(a)
    if arr.dtype.kind not in "biuf":
        raise ValueError(f"{name} must hold real numbers, got dtype {arr.dtype}")
    if arr.dtype.kind in "biu":
        arr = arr.astype(np.float64)
    return arr


def work(arr):
    """(working array, output dtype): float16 is computed in float32."""
    if arr.dtype == np.float16:
        return arr.astype(np.float32), np.float16
    return arr, arr.dtype


def check_axis(axis):
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
        raise ValueError(f"axis must be an integer, got {axis!r}")
