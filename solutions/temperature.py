"""Reference answers of notebook ``05_temperature``.

Temperature rescales logits before the softmax: ``softmax(z / T)`` is sharper for ``T < 1``
and flatter for ``T > 1``. The notebook measures that spread with the entropy, samples at a
temperature, fits ``T`` on held-out data by minimising the negative log-likelihood, and
measures calibration with the expected calibration error.

Every function is self-contained (NumPy and ``math`` only, plus the functions of this module
that the notebook defines earlier), because its source is pasted into the notebook.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = [
    "softmax_with_temperature",
    "entropy",
    "sample_with_temperature",
    "fit_temperature",
    "expected_calibration_error",
]


def softmax_with_temperature(z, T, axis=-1):
    """Softmax of the logits divided by a temperature, ``softmax(z / T)``, along ``axis``.

    Parameters
    ----------
    z : array_like
        Logits, any shape with at least one dimension. Integer (and boolean) input is
        promoted to float64; float16/32/64 input keeps its dtype.
    T : float
        The temperature, a finite number ``> 0`` (a Python or NumPy real scalar).
    axis : int, optional
        The axis along which the probabilities sum to 1 (default: the last one).

    Returns
    -------
    numpy.ndarray
        Probabilities of the same shape as ``z``, summing to 1 along ``axis``.

    Raises
    ------
    ValueError
        If ``T`` is not a finite real number greater than 0, if ``z`` is not real or is a
        scalar, or if ``axis`` is not an axis of ``z`` (NumPy's ``AxisError`` is a
        ``ValueError``).

    Notes
    -----
    The maximum along ``axis`` is subtracted *before* dividing by ``T``: softmax does not
    change under a shift, every exponent is then ``<= 0`` and ``exp`` cannot overflow, even
    for a tiny ``T`` where ``z / T`` itself would overflow. ``-inf`` logits get probability
    0, and a slice whose logits are all ``-inf`` (every class excluded) gets all zeros, not
    NaN, as in ``stable_softmax``. A ``+inf`` or NaN logit makes its slice NaN (as
    ``scipy.special.softmax`` does). An empty axis gives an empty result. The arithmetic
    runs in float64 (or wider, for ``longdouble``) and the result is rounded once to the
    input's dtype, so a tiny ``T`` does not underflow to 0 in float16 and a float16 sum of
    exponentials cannot overflow.

    Examples
    --------
    >>> softmax_with_temperature([0.0, np.log(4.0)], T=2.0)
    array([0.3333, 0.6667])
    >>> softmax_with_temperature([1.0, 2.0, 3.0], T=1e-3)    # T -> 0: the argmax
    array([0., 0., 1.])
    >>> softmax_with_temperature([1.0, 2.0, 3.0], T=1e6).round(4)    # T -> inf: uniform
    array([0.3333, 0.3333, 0.3333])
    >>> softmax_with_temperature([[0, 0], [0, 1]], T=1.0, axis=0)    # int -> float64
    array([[0.5   , 0.2689],
           [0.5   , 0.7311]])
    >>> softmax_with_temperature([[0.0, -np.inf], [-np.inf, -np.inf]], T=0.5)
    array([[1., 0.],
           [0., 0.]])
    >>> softmax_with_temperature([1.0, 2.0], T=0)
    Traceback (most recent call last):
    ...
    ValueError: T must be a finite number greater than 0, got 0
    """
    z = np.asarray(z)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    elif z.dtype.kind != "f":
        raise ValueError(f"z must hold real numbers, got dtype {z.dtype}")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension (the classes)")
    t = np.asarray(T)
    if t.ndim != 0 or t.dtype.kind not in "iuf":
        raise ValueError(f"T must be a single real number, got {T!r}")
    t = float(t)
    if not (math.isfinite(t) and t > 0.0):
        raise ValueError(f"T must be a finite number greater than 0, got {T!r}")
    work = z.astype(np.promote_types(z.dtype, np.float64))
    # `initial` lets an empty slice (or an empty batch) through instead of raising.
    m = np.max(work, axis=axis, keepdims=True, initial=-np.inf)
    # A slice of only -inf has max -inf, and -inf - (-inf) is NaN: shift it by 0 instead, so
    # that its entries stay -inf and get exp(-inf) = 0. (+inf and NaN maxima stay: NaN.)
    m = np.where(m == -np.inf, 0.0, m)
    with np.errstate(over="ignore", invalid="ignore"):  # -1e308 - 1e308 = -inf: its exp is 0
        e = np.exp((work - m) / t)
    total = np.sum(e, axis=axis, keepdims=True)
    # total >= 1 (the max contributes exp(0)) except for an all -inf slice, where it is 0 and
    # so is every entry: dividing that slice by 1 keeps its zeros (not 0 / 0 = NaN).
    return (e / np.where(total == 0, 1.0, total)).astype(z.dtype, copy=False)


def entropy(p, axis=-1):
    """Shannon entropy ``-sum(p * log p)`` of distributions along ``axis``, in nats.

    Parameters
    ----------
    p : array_like
        Probabilities, any shape with at least one dimension; every entry in ``[0, 1]``.
        Integer input is promoted to float64; float16/32/64 input keeps its dtype.
    axis : int, optional
        The axis holding each distribution (default: the last one).

    Returns
    -------
    numpy.ndarray or numpy.floating
        The entropies: ``p``'s shape without ``axis`` (a NumPy scalar for 1-D ``p``).

    Raises
    ------
    ValueError
        If an entry of ``p`` is negative or greater than 1, if ``p`` is not real or is a
        scalar, or if ``axis`` is not an axis of ``p``.

    Notes
    -----
    Terms with ``p = 0`` contribute 0, the limit of ``p log p`` as ``p -> 0``, so a one-hot
    distribution has entropy exactly 0 (never NaN) and the uniform distribution over ``K``
    classes has the largest entropy, ``log K``. The sums are not required to be exactly 1
    (float rounding), and a NaN entry gives a NaN entropy.

    Examples
    --------
    >>> float(entropy([0.5, 0.5]))       # log 2
    0.6931471805599453
    >>> float(entropy([1.0, 0.0, 0.0]))  # certain: no uncertainty
    0.0
    >>> entropy([[0.25, 0.25, 0.25, 0.25], [0.5, 0.5, 0.0, 0.0]])
    array([1.3863, 0.6931])
    >>> entropy([0.5, -0.5, 1.0])
    Traceback (most recent call last):
    ...
    ValueError: probabilities must lie in [0, 1]; p holds a value below 0 or above 1
    """
    p = np.asarray(p)
    if p.dtype.kind in "biu":
        p = p.astype(np.float64)
    elif p.dtype.kind != "f":
        raise ValueError(f"p must hold real numbers, got dtype {p.dtype}")
    if p.ndim == 0:
        raise ValueError("p must have at least one dimension (the classes)")
    work = p.astype(np.promote_types(p.dtype, np.float64))
    if np.any(work < 0.0) or np.any(work > 1.0):
        raise ValueError("probabilities must lie in [0, 1]; p holds a value below 0 or above 1")
    # log is only taken where p > 0; elsewhere the term is 0 (the limit of p log p).
    log_p = np.log(work, out=np.zeros_like(work), where=work > 0.0)
    h = -np.sum(work * log_p, axis=axis) + 0.0  # + 0.0 turns the -0.0 of one-hot rows into 0.0
    return h.astype(p.dtype, copy=False)


def sample_with_temperature(z, T, rng, size=None):
    """Draw class indices from ``softmax(z / T)`` with the given random generator.

    Parameters
    ----------
    z : array_like
        1-D logits of ``K >= 1`` classes (``-inf`` allowed: that class is never drawn).
    T : float
        The temperature, a finite number ``> 0``.
    rng : numpy.random.Generator
        The generator that supplies the randomness (never NumPy's global state).
    size : int or tuple of int, optional
        The shape of the draws: a non-negative Python or NumPy integer (not bool), or a
        tuple or list of them. ``None`` (default) draws one index.

    Returns
    -------
    int or numpy.ndarray of int
        One index in ``0 .. K-1`` for ``size=None`` (this reference returns a
        ``numpy.intp``; a Python ``int`` is as good), else an integer array of shape ``size``.

    Raises
    ------
    ValueError
        If ``rng`` is not a ``numpy.random.Generator``, if ``z`` is not a non-empty 1-D
        array of real numbers, if a logit is NaN or ``+inf`` (or all are ``-inf``), if
        ``T`` is not a finite number greater than 0, or if ``size`` is not ``None``, a
        non-negative integer or a tuple of them (for a bool ``size``, NumPy's own
        ``TypeError`` would do as well).

    Notes
    -----
    This reference samples by inverse transform: with ``p = softmax_with_temperature(z, T)``
    in float64 and its cumulative sum ``c`` (divided by its last entry, so that it ends at
    exactly 1), one ``u = rng.random(size)`` is drawn and each index is the first ``k`` with
    ``c[k] > u`` (``np.searchsorted(c, u, side="right")``). A class of probability 0 is then
    never drawn. These are exactly the draws of ``rng.choice(len(z), size=size, p=p)``. The
    method is not part of the contract: any sampler that draws from ``rng`` with these
    probabilities is right (the Gumbel-max trick of notebook 08 is one), although only the
    same method reproduces these very draws from a seed.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> sample_with_temperature([1.0, 2.0, 3.0], T=1.0, rng=rng, size=8)
    array([2, 1, 0, 0, 2, 2, 2, 2])
    >>> int(sample_with_temperature([1.0, 2.0, 3.0], T=0.01, rng=rng))    # ~ argmax
    2
    >>> sample_with_temperature([1.0, 2.0], 1.0, rng=0)
    Traceback (most recent call last):
    ...
    ValueError: rng must be a numpy.random.Generator (e.g. np.random.default_rng(seed)), got 0
    """
    if not isinstance(rng, np.random.Generator):
        raise ValueError(
            f"rng must be a numpy.random.Generator (e.g. np.random.default_rng(seed)), got {rng!r}"
        )
    if size is not None:
        dims = size if isinstance(size, (tuple, list)) else (size,)
        for d in dims:
            if isinstance(d, (bool, np.bool_)) or not isinstance(d, (int, np.integer)) or d < 0:
                raise ValueError(
                    f"size must be None, a non-negative integer or a tuple of them, got {size!r}"
                )
    z = np.asarray(z)
    if z.ndim != 1 or z.shape[0] == 0:
        raise ValueError(f"z must be a non-empty 1-D array of logits, got shape {z.shape}")
    p = softmax_with_temperature(z, T).astype(np.float64)
    # NaN or +inf logits make p NaN; all -inf logits make it all zeros: no distribution.
    if not (np.all(np.isfinite(p)) and p.sum() > 0):
        raise ValueError("the logits must not be NaN or +inf, nor all -inf")
    cdf = np.cumsum(p)
    cdf /= cdf[-1]
    return np.searchsorted(cdf, rng.random(size), side="right")


def fit_temperature(logits, labels):
    """The temperature ``T > 0`` that minimises the mean negative log-likelihood (NLL).

    Parameters
    ----------
    logits : array_like
        Held-out logits, shape ``(N, K)`` with ``N >= 1`` and ``K >= 2``, all finite.
    labels : array_like of int
        The true classes, shape ``(N,)``, integers in ``0 .. K-1``. Floats are accepted only
        if they hold whole numbers (labels read from a text file).

    Returns
    -------
    float
        The fitted temperature: ``mean_i [logsumexp(z_i / T) - z_{i, y_i} / T]`` is
        smallest there.

    Raises
    ------
    ValueError
        If the shapes do not match, the labels are not integers in range, a logit is not
        finite, or no finite ``T > 0`` minimises the NLL: when every label is (tied for) the
        largest logit of its row, the NLL keeps decreasing as ``T -> 0``; when the logits
        are no better than uniform (``mean_i [mean_k z_ik - z_{i, y_i}] >= 0``, e.g. equal
        logits in every row), it keeps decreasing as ``T -> infinity``.

    Notes
    -----
    With ``b = 1 / T`` the NLL is convex in ``b``: its derivative is
    ``g(b) = mean_i [E_p z_i - z_{i, y_i}]`` and its second derivative the mean variance of
    the logits under ``p = softmax(b z_i)``, which is ``>= 0``. Newton's method on ``b``
    starts at ``b = 1`` and converges in a handful of steps. ``g`` is increasing, so every
    evaluated point narrows a bracket ``lo < b* < hi`` (``g(0) < 0`` is checked first); a
    Newton step that would leave the bracket, which also keeps ``b > 0``, is replaced by a
    bisection step (or by doubling ``b`` while no upper end is known). Each row is shifted
    by its maximum first: the NLL does not change, and every exponent is ``<= 0``.

    Examples
    --------
    A model that says 90% (``3:1`` odds are ``ln 3``; it says ``2 ln 3``, i.e. ``9:1``) but is
    right 3 times out of 4 is overconfident; ``T = 2`` turns its 90% into 75%:

    >>> logits = [[2 * np.log(3.0), 0.0]] * 4
    >>> fit_temperature(logits, [0, 0, 0, 1])
    2.0
    >>> fit_temperature([[1.0, 0.0], [0.0, 1.0]], [0, 1])
    Traceback (most recent call last):
    ...
    ValueError: every label is the largest logit of its row: the NLL keeps decreasing as T -> 0, so no finite temperature minimises it
    """
    z = np.asarray(logits)
    y = np.asarray(labels)
    if z.ndim != 2 or z.dtype.kind not in "iuf":
        raise ValueError(f"logits must be a 2-D array (N, K) of real numbers, got {z.shape}")
    n, k = z.shape
    if n == 0 or k < 2:
        raise ValueError(f"need at least one sample and two classes, got logits of shape {z.shape}")
    # Integers, or floats holding whole numbers (labels read from a text file); not bools.
    whole = y.dtype.kind in "iu" or (
        y.dtype.kind == "f" and bool(np.all(np.isfinite(y) & (y == np.round(y))))
    )
    if y.shape != (n,) or not whole:
        raise ValueError(f"labels must be {n} integers (one per row of logits), got {y!r}")
    if y.min() < 0 or y.max() >= k:
        raise ValueError(f"labels must lie in 0..{k - 1}, got values from {y.min()} to {y.max()}")
    y = y.astype(np.intp)
    z = z.astype(np.float64)
    if not np.all(np.isfinite(z)):
        raise ValueError("logits must all be finite")
    z = z - z.max(axis=1, keepdims=True)  # the NLL does not change; exponents stay <= 0
    z_y = z[np.arange(n), y]
    if np.mean(z.mean(axis=1) - z_y) >= 0.0:
        raise ValueError(
            "the logits are no better than uniform: the NLL keeps decreasing as T -> infinity, "
            "so no finite temperature minimises it"
        )
    if np.all(z_y == 0.0):
        raise ValueError(
            "every label is the largest logit of its row: the NLL keeps decreasing as T -> 0, "
            "so no finite temperature minimises it"
        )

    def derivatives(b):
        e = np.exp(b * z)
        p = e / e.sum(axis=1, keepdims=True)
        mean_z = np.sum(p * z, axis=1)
        var_z = np.sum(p * (z - mean_z[:, None]) ** 2, axis=1)
        return np.mean(mean_z - z_y), np.mean(var_z)

    lo, hi, b = 0.0, math.inf, 1.0
    # Doubling from 1 reaches any float in ~1100 steps; Newton needs far fewer.
    for _ in range(2000):
        g, h = derivatives(b)
        if g == 0.0:
            break
        if g < 0.0:
            lo = b
        else:
            hi = b
        step = b - g / h if h > 0.0 else math.nan
        # Converged: the Newton step moves b by a few roundings. Test this before the bracket,
        # which b itself has just become an end of, and would send a converged step to bisect.
        if abs(step - b) <= 4.0 * np.finfo(np.float64).eps * b:
            b = step
            break
        if not lo < step < hi:
            step = 2.0 * b if math.isinf(hi) else 0.5 * (lo + hi)
        b = step
    return float(1.0 / b)


def expected_calibration_error(probs, labels, n_bins=15):
    """Top-label expected calibration error (ECE) with ``n_bins`` equal-width bins.

    Parameters
    ----------
    probs : array_like
        Predicted probabilities, shape ``(N, K)`` with ``N >= 1``; every row is a
        distribution (entries in ``[0, 1]``, sums 1 up to float rounding).
    labels : array_like of int
        The true classes, shape ``(N,)``, integers in ``0 .. K-1``. Floats are accepted only
        if they hold whole numbers.
    n_bins : int, optional
        The number of equal-width confidence bins on ``[0, 1]`` (default 15).

    Returns
    -------
    float
        ``sum_b (n_b / N) |acc_b - conf_b|`` over the non-empty bins ``b``, where ``n_b``
        samples fall in bin ``b``, ``acc_b`` is the share of them whose prediction is right
        and ``conf_b`` their mean confidence. Between 0 and 1.

    Raises
    ------
    ValueError
        If the shapes do not match, the labels are not integers in range, ``n_bins`` is
        not a positive integer, or a row of ``probs`` is not a probability distribution.

    Notes
    -----
    The prediction is the argmax of each row (ties go to the lowest index) and the
    confidence its probability. Bin ``b`` is ``(lo, hi]`` with edges
    ``np.linspace(0, 1, n_bins + 1)``: a confidence exactly on an edge belongs to the bin it
    closes, so a confidence of 1 falls in the last bin. A confidence of exactly 0 (open on
    the left of the first bin) would be counted in the first bin, but top-label confidence is
    at least ``1 / K``. Empty bins contribute nothing.

    Examples
    --------
    Says 90%, right half of the time: ``|0.5 - 0.9| = 0.4``.

    >>> expected_calibration_error([[0.9, 0.1], [0.1, 0.9]], [0, 0])
    0.4
    >>> expected_calibration_error([[0.75, 0.25]] * 4, [0, 0, 0, 1])    # calibrated
    0.0
    >>> expected_calibration_error([[0.5, 0.5], [0.75, 0.25]], [0, 0], n_bins=2)
    0.375
    """
    P = np.asarray(probs)
    y = np.asarray(labels)
    if P.ndim != 2 or P.dtype.kind not in "iuf":
        raise ValueError(f"probs must be a 2-D array (N, K) of real numbers, got {P.shape}")
    n, k = P.shape
    if n == 0 or k == 0:
        raise ValueError(f"need at least one sample and one class, got probs of shape {P.shape}")
    # Integers, or floats holding whole numbers (labels read from a text file); not bools.
    whole = y.dtype.kind in "iu" or (
        y.dtype.kind == "f" and bool(np.all(np.isfinite(y) & (y == np.round(y))))
    )
    if y.shape != (n,) or not whole:
        raise ValueError(f"labels must be {n} integers (one per row of probs), got {y!r}")
    if y.min() < 0 or y.max() >= k:
        raise ValueError(f"labels must lie in 0..{k - 1}, got values from {y.min()} to {y.max()}")
    y = y.astype(np.intp)
    if isinstance(n_bins, (bool, np.bool_)) or not isinstance(n_bins, (int, np.integer)):
        raise ValueError(f"n_bins must be a positive integer, got {n_bins!r}")
    if n_bins < 1:
        raise ValueError(f"n_bins must be a positive integer, got {n_bins!r}")
    # Float rounding tolerance for the row sums, from the dtype the probabilities came in.
    tol = math.sqrt(np.finfo(P.dtype if P.dtype.kind == "f" else np.float64).eps)
    P = P.astype(np.promote_types(P.dtype, np.float64))
    if not (np.all(P >= 0.0) and np.all(P <= 1.0)):  # also False for NaN
        raise ValueError("probs must lie in [0, 1] (did you pass logits?)")
    if np.any(np.abs(P.sum(axis=1) - 1.0) > tol):
        raise ValueError("every row of probs must sum to 1 (did you pass logits?)")
    confidence = P.max(axis=1)
    correct = (P.argmax(axis=1) == y).astype(np.float64)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    # side="left": a confidence equal to edges[i] gets i - 1, the bin (edges[i-1], edges[i]].
    bins = np.clip(np.searchsorted(edges, confidence, side="left") - 1, 0, n_bins - 1)
    # (n_b / N) |acc_b - conf_b| = |sum of correct - sum of confidences|_b / N.
    hits = np.bincount(bins, weights=correct, minlength=n_bins)
    confidences = np.bincount(bins, weights=confidence, minlength=n_bins)
    return float(np.sum(np.abs(hits - confidences)) / n)
