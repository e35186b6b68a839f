"""The course's one-line input convention, for learners to call in their answers.

Every exercise starts the same way: turn the argument into a NumPy array, refuse what is not
real numbers, and pick the dtype to compute in (integers and booleans become float64, floats
keep their precision). :func:`as_float_array` does exactly that, so that an answer can start
with ``z = as_float_array(z)`` and spend its lines on the idea of the exercise::

    from autograder import as_float_array

    def softmax(z, axis=-1):
        z = as_float_array(z)
        ...

It holds no answer to any exercise, and the reference answers in ``solutions/`` do not use it:
they stay plain NumPy.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["as_float_array"]


def as_float_array(x: Any, name: str = "z") -> np.ndarray:
    """Convert ``x`` to a NumPy array of floats, following the course's dtype rules.

    Parameters
    ----------
    x : array_like
        A list, a tuple, a NumPy array or a scalar, holding real numbers.
    name : str, optional
        What the argument is called in your function, used in the error message.
        Default ``"z"``.

    Returns
    -------
    numpy.ndarray
        ``x`` as an array of the same shape (a 0-d array for a scalar). Integer and boolean
        input is converted to float64; floating input (float16, float32, float64) keeps its
        dtype. A floating NumPy array is returned as it is, without a copy: it is the
        caller's own array, so build new arrays from it rather than writing into it.

    Raises
    ------
    ValueError
        If ``x`` does not hold real numbers: complex numbers, strings, other Python objects,
        dates, or nested lists of different lengths.

    See Also
    --------
    numpy.asarray : the conversion it starts with.

    Notes
    -----
    This is the convention of every exercise of the course: accept array-likes, reject
    non-real input with a ``ValueError``, promote integers to float64, keep float16/32/64.
    Nothing more: shapes, axes and the other argument rules remain each exercise's own.

    Examples
    --------
    >>> as_float_array([1, 2, 3])
    array([1., 2., 3.])
    >>> as_float_array(np.array([1.5, 2.5], dtype=np.float32)).dtype
    dtype('float32')
    >>> as_float_array(True)
    array(1.)
    >>> z = np.array([0.5, -1.0])
    >>> as_float_array(z) is z
    True
    >>> as_float_array([1 + 2j], name="logits")
    Traceback (most recent call last):
        ...
    ValueError: logits must hold real numbers, got an array of dtype complex128
    """
    try:
        array = np.asarray(x)
    except (ValueError, TypeError) as error:  # e.g. nested lists of different lengths
        raise ValueError(f"{name} cannot be read as an array of numbers: {error}") from None
    if array.dtype.kind == "f":
        return array
    if array.dtype.kind in "biu":
        return array.astype(np.float64)
    raise ValueError(f"{name} must hold real numbers, got an array of dtype {array.dtype}")
