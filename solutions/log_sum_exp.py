"""Reference answers of ``04_log_sum_exp``: log-sum-exp, log-softmax and the smooth maximum.

``logsumexp`` factors out the maximum ``m`` (lse(z) = m + log sum exp(z - m)), so that no
exponential overflows, and then adds the small terms with ``log1p`` so that they are not
rounded away next to the 1 that the maximum contributes. ``log_softmax`` and ``smooth_max``
are built on it.
"""

import math

import numpy as np

__all__ = ["log_softmax", "logsumexp", "smooth_max"]


def logsumexp(z, axis=-1, keepdims=False):
    r"""Log of the sum of exponentials along ``axis``, without overflow and to full accuracy.

    Parameters
    ----------
    z : array_like
        Values (logits), of any shape with at least one dimension. Integer input is
        promoted to float64; float16, float32 and float64 input keep their dtype.
    axis : int, optional
        The axis to reduce (default: the last one).
    keepdims : bool, optional
        If True, the reduced axis is kept with length 1, so that the result broadcasts
        against ``z`` (as in ``z - logsumexp(z, keepdims=True)``).

    Returns
    -------
    numpy.ndarray or numpy.floating
        ``log(sum(exp(z), axis))``: the shape of ``z`` without ``axis`` (or with length 1
        there if ``keepdims``); a NumPy scalar when that shape is ``()``.

    Raises
    ------
    ValueError
        If ``z`` is not real-valued, is 0-dimensional, or ``axis`` is not an integer in
        range (for a non-integer ``axis``, NumPy's own ``TypeError`` would do as well).

    Notes
    -----
    With ``m`` the maximum along ``axis`` and ``k`` one position where it is reached,

    .. math:: \operatorname{lse}(z) = m + \log\Bigl(1 + \sum_{j \ne k} e^{z_j - m}\Bigr),

    computed with ``log1p``: the plain form ``m + log(sum(exp(z - m)))`` adds the small
    terms to 1 before taking the log and loses them (for ``[0, -40]`` it returns exactly
    0 instead of 4.25e-18). Only *one* maximum is left out of the sum: tied maxima each
    contribute ``exp(0) = 1`` (Blanchard, Higham & Higham, 2021).

    Edge cases: a slice of only ``-inf`` gives ``-inf`` (log 0), not NaN; a ``+inf``
    entry gives ``+inf``; a NaN entry gives NaN; an empty axis gives ``-inf`` (the empty
    sum is 0). float16 input is computed in float32 and rounded once at the end: a float16
    sum of exponentials saturates at 65,504 and reaches inf at 65,520 terms.

    Examples
    --------
    >>> float(logsumexp([0.0, np.log(2.0), np.log(3.0)]))  # log(1 + 2 + 3)
    1.791759469228055
    >>> logsumexp([1000.0, 1000.0])
    np.float64(1000.6931471805599)
    >>> logsumexp([0.0, -40.0])
    np.float64(4.248354255291589e-18)
    >>> logsumexp([[0.0, 0.0], [-np.inf, -np.inf]], keepdims=True)
    array([[0.69314718],
           [      -inf]])
    >>> logsumexp(np.zeros((2, 0)))
    array([-inf, -inf])
    """
    z = np.asarray(z)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    if z.dtype.kind != "f":
        raise ValueError(f"z must hold real numbers, but it has dtype {z.dtype}")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension (a vector of values)")
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
        raise ValueError(f"axis must be an integer, not {axis!r}")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError(f"axis must be an integer in [-{z.ndim}, {z.ndim}), not {axis!r}")
    dtype = z.dtype
    if dtype == np.float16:
        # A float16 sum of exponentials overflows past 65504 terms and rounds at every
        # step: accumulate in float32 and round once at the end.
        z = z.astype(np.float32)
    if z.shape[axis] == 0:
        # The sum of no terms is 0, and log 0 = -inf (np.max would refuse the empty axis).
        shape = list(z.shape)
        shape[axis] = 1
        out = np.full(shape, -np.inf, dtype=z.dtype)
    else:
        m = np.max(z, axis=axis, keepdims=True)
        # Shift by a finite number only: for an all -inf slice (m = -inf) or one with +inf,
        # z - m would be NaN; shifting by 0 there gives exp(-inf) = 0 or exp(+inf) = inf,
        # and m + log1p(...) is then -inf or +inf, as it should be. NaN stays NaN.
        shift = np.where(np.isfinite(m), m, 0)
        with np.errstate(over="ignore", invalid="ignore"):
            e = np.exp(z - shift)
        # Leave one maximum out of the sum: its term is the 1 of log1p(...).
        np.put_along_axis(e, np.argmax(z, axis=axis, keepdims=True), 0, axis=axis)
        with np.errstate(invalid="ignore"):
            out = m + np.log1p(np.sum(e, axis=axis, keepdims=True))
    if not keepdims:
        out = np.squeeze(out, axis=axis)
    return out.astype(dtype, copy=False)[()]


def log_softmax(z, axis=-1):
    """Logarithm of the softmax along ``axis``, finite even where the softmax underflows.

    Parameters
    ----------
    z : array_like
        Logits, of any shape with at least one dimension. Integer input is promoted to
        float64; float16, float32 and float64 input keep their dtype.
    axis : int, optional
        The axis along which the probabilities ``exp(log_softmax(z))`` sum to 1.

    Returns
    -------
    numpy.ndarray
        Log-probabilities with the shape of ``z``, all ``<= 0``.

    Raises
    ------
    ValueError
        If ``z`` is not real-valued, is 0-dimensional, or ``axis`` is not an integer in
        range (for a non-integer ``axis``, NumPy's own ``TypeError`` would do as well).

    Notes
    -----
    With ``m`` the maximum along ``axis``, ``log_softmax(z) = (z - m) - logsumexp(z - m)``,
    where ``logsumexp(z - m) = log1p(s)`` and ``s`` sums ``exp(z_j - m)`` over every entry
    but one maximal one. Taking ``log(softmax(z))`` instead fails where a probability
    underflows to 0: ``log_softmax([0, -1000])`` is ``[0, -1000]``, but
    ``log(softmax([0, -1000]))`` is ``[0, -inf]``.

    The shift comes first on purpose. ``z - logsumexp(z)`` subtracts two numbers of the
    size of the logits, so everything below their rounding error is lost: for
    ``[1e8, 1e8]`` in float32, ``logsumexp`` is ``1e8 + ln 2``, which rounds to ``1e8``, and
    the result would be ``[0, 0]`` instead of ``[-ln 2, -ln 2]``. After the shift the
    numbers are the *differences* ``z - m`` and a log1p of order ``s``, which keep every
    digit: ``log_softmax([0, -40])[0]`` is ``-4.25e-18``, not 0.

    A ``-inf`` logit gets ``-inf`` (probability 0); so does every entry of a slice made
    only of ``-inf``, which keeps ``exp(log_softmax(z))`` equal to ``stable_softmax(z)``. A
    slice holding NaN is NaN; in a slice holding ``+inf``, the ``+inf`` entries are NaN and
    the others ``-inf`` (as ``scipy.special.log_softmax``). An empty axis gives an empty
    result. float16 input is computed in float32 and rounded once at the end.

    Examples
    --------
    >>> log_softmax([0.0, -1000.0])
    array([    0., -1000.])
    >>> np.exp(log_softmax([0.0, np.log(2.0), np.log(3.0)]))
    array([0.16666667, 0.33333333, 0.5       ])
    >>> log_softmax(np.array([1e8, 1e8], dtype=np.float32))
    array([-0.6931472, -0.6931472], dtype=float32)
    >>> float(log_softmax([0.0, -40.0])[0])
    -4.248354255291589e-18
    >>> log_softmax([[0.0, -np.inf], [-np.inf, -np.inf]])
    array([[  0., -inf],
           [-inf, -inf]])
    """
    z = np.asarray(z)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    if z.dtype.kind != "f":
        raise ValueError(f"z must hold real numbers, but it has dtype {z.dtype}")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension (a vector of logits)")
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
        raise ValueError(f"axis must be an integer, not {axis!r}")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError(f"axis must be an integer in [-{z.ndim}, {z.ndim}), not {axis!r}")
    dtype = z.dtype
    if z.shape[axis] == 0:
        return np.empty_like(z)
    # float16 rounds every step and overflows its sums: compute in float32, round once.
    work = z.astype(np.float32) if dtype == np.float16 else z
    m = np.max(work, axis=axis, keepdims=True)
    # Shift by a finite maximum only (as logsumexp does): never -inf - (-inf) or inf - inf.
    shifted = work - np.where(np.isfinite(m), m, 0)
    # The shifted maximum is exactly 0, so logsumexp of the shifted slice is log1p(s) with
    # no large term left to cancel against.
    lse = logsumexp(shifted, axis=axis, keepdims=True)
    with np.errstate(invalid="ignore"):
        out = shifted - lse
    # An all -inf slice has lse = -inf: each of its entries has probability 0, log 0 = -inf.
    out = np.where(lse == -np.inf, -np.inf, out)
    return out.astype(dtype, copy=False)


def smooth_max(z, t, axis=-1):
    """The smooth maximum ``t * logsumexp(z / t)`` along ``axis``, at temperature ``t``.

    Parameters
    ----------
    z : array_like
        Values, of any shape with at least one dimension. Integer input is promoted to
        float64; float16, float32 and float64 input keep their dtype.
    t : float
        The temperature, a finite number ``> 0``: as ``t -> 0+`` the result tends to the
        maximum; larger ``t`` smooths more.
    axis : int, optional
        The axis to reduce (default: the last one).

    Returns
    -------
    numpy.ndarray or numpy.floating
        The shape of ``z`` without ``axis``; a NumPy scalar when that shape is ``()``.
        With ``K`` entries along ``axis``: ``max(z) <= smooth_max(z, t) <= max(z) + t log K``.

    Raises
    ------
    ValueError
        If ``t`` is not a finite number ``> 0``, if ``z`` is not real-valued or is
        0-dimensional, or if ``axis`` is not an integer in range (for a non-integer
        ``axis``, NumPy's own ``TypeError`` would do as well).

    Notes
    -----
    Computed as ``m + t * logsumexp((z - m) / t)`` with ``m`` the maximum, which is the same
    number, but never divides a large ``z`` by a small ``t`` (``z / t`` would overflow for,
    say, ``z = 100`` and ``t = 1e-3`` in float16). float16 input is computed in float32
    (``t`` included) and rounded once at the end. If ``t`` is so small that it rounds to 0
    in that working dtype, the result is the maximum, the limit ``t -> 0+``. A slice of
    only ``-inf`` gives ``-inf``, a ``+inf`` entry ``+inf``, a NaN entry NaN, and an empty
    axis ``-inf``, whatever ``t``.

    Examples
    --------
    >>> float(smooth_max([0.0, np.log(2.0), np.log(3.0)], 1.0))  # log 6
    1.791759469228055
    >>> smooth_max([1.0, 2.0, 3.0], 1e-3)
    np.float64(3.0)
    >>> smooth_max([[1.0, 1.0], [0.0, 5.0]], 2.0)
    array([2.38629436, 5.15777947])
    """
    t_array = np.asarray(t)
    if t_array.ndim != 0 or t_array.dtype.kind not in "iuf":
        raise ValueError(f"t must be a single real number, not {t!r}")
    t_value = float(t_array)
    if not (math.isfinite(t_value) and t_value > 0):
        raise ValueError(f"t must be a finite number > 0, not {t!r}")
    z = np.asarray(z)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    if z.dtype.kind != "f":
        raise ValueError(f"z must hold real numbers, but it has dtype {z.dtype}")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension (a vector of values)")
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
        raise ValueError(f"axis must be an integer, not {axis!r}")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError(f"axis must be an integer in [-{z.ndim}, {z.ndim}), not {axis!r}")
    if z.shape[axis] == 0:
        return logsumexp(z, axis=axis)  # the empty axis gives -inf, whatever t
    dtype = z.dtype
    # float16 would round t and every step: compute in float32 and round once at the end.
    work = z.astype(np.float32) if dtype == np.float16 else z
    m = np.max(work, axis=axis, keepdims=True)
    shift = np.where(np.isfinite(m), m, 0)  # as in logsumexp: never -inf - (-inf)
    with np.errstate(over="ignore"):  # 1e300 in float32 is inf: handled below
        t_z = work.dtype.type(t_value)  # t in the working dtype, so that the dtype is kept
    if t_z == 0:
        return np.squeeze(m, axis=axis).astype(dtype, copy=False)[()]
    with np.errstate(over="ignore", invalid="ignore"):
        lse = logsumexp((work - shift) / t_z, axis=axis, keepdims=True)
        # A t that is inf in the working dtype (1e300 in float32) times an lse of exactly 0
        # (one class) is NaN; the smooth max of one value is that value, whatever t.
        out = shift + np.where(lse == 0, 0, t_z * lse)
    return np.squeeze(out, axis=axis).astype(dtype, copy=False)[()]
