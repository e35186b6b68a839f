"""Reference answers of notebook 06, *Cross-entropy gradient*.

The loss of a classifier that outputs logits ``z`` for a sample of class ``y`` is
``lse(z) - z_y = -log softmax(z)_y``; its gradient with respect to the logits is
``softmax(z) - onehot(y)`` ("predicted minus actual"). The exercises compute both for a batch,
build the softmax Jacobian, check gradients with central differences and finally train a
softmax regression by full-batch gradient descent.

Every function is self-contained (NumPy and the exercises of this module only) because its
source is pasted into the notebook's solution cell.
"""

import numpy as np

__all__ = [
    "cross_entropy",
    "cross_entropy_grad",
    "softmax_jacobian",
    "numerical_gradient",
    "train_softmax_regression",
]


def cross_entropy(logits, labels):
    """Mean cross-entropy of a batch of logits against integer class labels.

    For each sample ``i`` the loss is ``logsumexp(z_i) - z_i[y_i]``, which equals
    ``-log softmax(z_i)[y_i]`` but never forms the probabilities, so it stays exact where
    the softmax underflows. The result is the mean over the batch.

    Parameters
    ----------
    logits : array_like, shape (N, K)
        One row of K logits per sample. Integer input is promoted to float64; float16/32/64
        keep their dtype.
    labels : array_like of int, shape (N,)
        The true class of every sample, an integer in ``[0, K)``. Floats are accepted only
        if they hold whole numbers (labels read from a text file).

    Returns
    -------
    numpy scalar
        The mean loss, in nats, with the dtype of the (promoted) logits.

    Raises
    ------
    ValueError
        If ``logits`` is not 2-D, ``labels`` is not 1-D of length N, the batch is empty,
        a label is not a whole number or lies outside ``[0, K)``, or the logits are not real.

    Notes
    -----
    With ``m`` the row maximum, ``lse(z) = m + log(1 + s)`` where ``s`` sums ``exp(z_j - m)``
    over every entry but one maximal one; ``log1p`` keeps the loss of a confident, correct
    prediction accurate (``lse([0, -40]) - 0`` is 4.25e-18, which ``log(sum)`` rounds to 0),
    and ``m - z_y`` is exact when the label is the argmax. The loss is never formed as
    ``lse(z) - z_y``, which would cancel two numbers of the size of the logits. A ``-inf``
    logit of a wrong class contributes nothing; a ``-inf`` logit of the true class gives an
    infinite loss; NaN propagates. float16 logits are computed in float32 (the sums of
    exponentials and the mean over the batch) and the loss is rounded once at the end.

    Examples
    --------
    >>> float(cross_entropy([[1000.0, 0.0]], [1]))
    1000.0
    >>> round(float(cross_entropy([[3.0, 1.0, -2.0, 0.0]], [1])), 4)
    2.1755
    >>> round(float(cross_entropy([[5.0, 2.0, 1.0]], [0])), 4)
    0.0659
    >>> bool(cross_entropy([[0.0, 0.0]], [0]) == np.log(2.0))
    True
    """
    z = np.asarray(logits)
    y = np.asarray(labels)
    if z.ndim != 2:
        raise ValueError(f"logits must be a 2-D array of shape (N, K), got shape {z.shape}")
    n, k = z.shape
    if y.shape != (n,):
        raise ValueError(f"labels must have shape ({n},) to match logits {z.shape}, got {y.shape}")
    if n == 0:
        raise ValueError("the batch is empty: the mean loss over no samples is undefined")
    if y.dtype.kind not in "iu":
        # Accept whole-number floats (labels loaded with np.loadtxt), nothing else.
        if y.dtype.kind != "f" or not np.all(np.isfinite(y) & (y == np.round(y))):
            raise ValueError(f"labels must be integer class indices, got {y.dtype} values")
    # Check the range before any cast: a float label of 1e20 has no integer to become.
    if np.any(y < 0) or np.any(y >= k):
        raise ValueError(f"labels must lie in [0, {k}) for K = {k} classes")
    y = y.astype(np.intp)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    elif z.dtype.kind != "f":
        raise ValueError(f"logits must be real numbers, got dtype {z.dtype}")
    dtype = z.dtype
    if dtype == np.float16:
        # float16 sums of exponentials overflow past 65,504 terms and round at every step:
        # compute in float32 and round once at the end.
        z = z.astype(np.float32)

    rows = np.arange(n)
    m = z.max(axis=1)
    with np.errstate(invalid="ignore"):  # an all -inf or NaN row gives NaN, as it should
        rest = np.exp(z - m[:, None])
    rest[rows, z.argmax(axis=1)] = 0  # leave out one maximal entry: its term is exactly 1
    with np.errstate(invalid="ignore"):
        per_sample = (m - z[rows, y]) + np.log1p(rest.sum(axis=1))
    return per_sample.mean().astype(dtype)


def cross_entropy_grad(logits, labels):
    """Gradient of :func:`cross_entropy` with respect to the logits.

    Parameters
    ----------
    logits : array_like, shape (N, K)
        One row of K logits per sample (integer input promoted to float64, float dtypes kept).
    labels : array_like of int, shape (N,)
        The true class of every sample, an integer in ``[0, K)``.

    Returns
    -------
    numpy.ndarray, shape (N, K)
        ``(softmax(logits) - onehot(labels)) / N``. Every row sums to 0: raising all logits
        of a sample by the same amount does not change the loss.

    Raises
    ------
    ValueError
        On the same invalid arguments as :func:`cross_entropy`.

    Notes
    -----
    The softmax subtracts each row's maximum first, so logits of any size are safe. The
    ``1/N`` comes from the mean over the batch: forgetting it makes the step size grow with
    the batch size. float16 logits are computed in float32 (the row sums of exponentials
    would overflow past 65,504 terms) and the gradient is rounded once at the end.

    Examples
    --------
    >>> g = cross_entropy_grad([[0.0, np.log(3.0)], [0.0, 0.0]], [1, 0])
    >>> g
    array([[ 0.125, -0.125],
           [-0.25 ,  0.25 ]])
    >>> g.sum(axis=1)
    array([0., 0.])
    """
    z = np.asarray(logits)
    y = np.asarray(labels)
    if z.ndim != 2:
        raise ValueError(f"logits must be a 2-D array of shape (N, K), got shape {z.shape}")
    n, k = z.shape
    if y.shape != (n,):
        raise ValueError(f"labels must have shape ({n},) to match logits {z.shape}, got {y.shape}")
    if n == 0:
        raise ValueError("the batch is empty: the mean loss over no samples is undefined")
    if y.dtype.kind not in "iu":
        if y.dtype.kind != "f" or not np.all(np.isfinite(y) & (y == np.round(y))):
            raise ValueError(f"labels must be integer class indices, got {y.dtype} values")
    if np.any(y < 0) or np.any(y >= k):
        raise ValueError(f"labels must lie in [0, {k}) for K = {k} classes")
    y = y.astype(np.intp)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    elif z.dtype.kind != "f":
        raise ValueError(f"logits must be real numbers, got dtype {z.dtype}")
    dtype = z.dtype
    if dtype == np.float16:
        z = z.astype(np.float32)  # the row sums accumulate in float32; rounded once below

    with np.errstate(invalid="ignore"):  # an all -inf or NaN row gives NaN, as it should
        p = np.exp(z - z.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
    p[np.arange(n), y] -= 1  # p is a new array: subtracting in place is safe
    return (p / z.dtype.type(n)).astype(dtype, copy=False)


def softmax_jacobian(z):
    """Jacobian of the softmax of one logit vector: ``diag(p) - p p^T``.

    Parameters
    ----------
    z : array_like, shape (K,)
        A single logit vector (integer input promoted to float64, float dtypes kept).

    Returns
    -------
    numpy.ndarray, shape (K, K)
        ``J[i, j] = d p_i / d z_j = p_i (delta_ij - p_j)`` with ``p = softmax(z)``. It is
        symmetric, and every row (and column) sums to 0 because the probabilities always
        sum to 1.

    Raises
    ------
    ValueError
        If ``z`` is not 1-D or not real.

    Notes
    -----
    An empty ``z`` gives a (0, 0) matrix; logits that are all ``-inf``, or hold NaN or
    ``+inf``, give NaN (the softmax is then undefined). float16 input is computed in float32
    and rounded once at the end.

    Examples
    --------
    >>> softmax_jacobian([0.0, 0.0])
    array([[ 0.25, -0.25],
           [-0.25,  0.25]])
    >>> J = softmax_jacobian([1.0, 2.0, 3.0])
    >>> bool(np.allclose(J, J.T)), bool(np.allclose(J.sum(axis=1), 0.0))
    (True, True)
    """
    z = np.asarray(z)
    if z.ndim != 1:
        raise ValueError(f"z must be a 1-D logit vector, got shape {z.shape}")
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    elif z.dtype.kind != "f":
        raise ValueError(f"z must hold real numbers, got dtype {z.dtype}")
    if z.size == 0:
        return np.zeros((0, 0), dtype=z.dtype)
    dtype = z.dtype
    if dtype == np.float16:
        z = z.astype(np.float32)  # the sum accumulates in float32; rounded once below
    with np.errstate(invalid="ignore"):  # all -inf or NaN logits give NaN, as they should
        p = np.exp(z - z.max())
        p /= p.sum()
    return (np.diag(p) - np.outer(p, p)).astype(dtype, copy=False)


def numerical_gradient(f, x, h=1e-5):
    """Gradient of a scalar function by central differences, one coordinate at a time.

    Parameters
    ----------
    f : callable
        ``f(x)`` returns a scalar for an array of the shape of ``x``.
    x : array_like
        The point, of any shape (a scalar, a vector, a weight matrix...). It is not modified:
        the perturbations are made on a float64 copy.
    h : float, optional
        The step, > 0. The default 1e-5 balances the O(h^2) truncation error of central
        differences against the rounding error of ``f``, about ``eps * |f| / h``.

    Returns
    -------
    numpy.ndarray
        ``(f(x + h e_i) - f(x - h e_i)) / (2 h)`` for every index ``i`` of ``x``, with the
        shape of ``x`` and its floating dtype (integer input gives float64).

    Raises
    ------
    ValueError
        If ``h`` is not a positive finite real number (bool, complex and arrays are
        rejected), ``x`` is not real, or ``f`` does not return a single number.

    Notes
    -----
    The function is evaluated at float64 points whatever the dtype of ``x``: in float16, a
    step of 1e-5 would vanish (``1 + 1e-5 == 1``) and every difference would be zero. The
    result is then cast back to the dtype of ``x``, as every function of the course does.

    Examples
    --------
    >>> numerical_gradient(lambda v: np.sum(v**3), np.array([1.0, 2.0]), h=0.1)
    array([ 3.01, 12.01])
    >>> g = numerical_gradient(lambda A: np.sum(A * A), np.ones((2, 3)))
    >>> g.shape, bool(np.allclose(g, 2.0))
    ((2, 3), True)
    """
    x = np.asarray(x)
    if x.dtype.kind not in "biuf":
        raise ValueError(f"x must hold real numbers, got dtype {x.dtype}")
    h_array = np.asarray(h)
    # A real scalar only: bool, complex, strings and arrays are no step size.
    if h_array.ndim != 0 or h_array.dtype.kind not in "iuf" or not 0 < h_array < np.inf:
        raise ValueError(f"the step h must be a positive finite number, got {h!r}")
    out_dtype = x.dtype if x.dtype.kind == "f" else np.dtype(np.float64)
    point = x.astype(np.float64, copy=True)  # a copy: the caller's x is never perturbed

    def value_at(where):
        value = np.asarray(f(where.copy()))  # a copy, so that f may keep or change its input
        if value.size != 1:
            raise ValueError(f"f must return a single number, got shape {value.shape}")
        return float(value.reshape(()))

    grad = np.empty(x.shape, dtype=np.float64)
    for index in np.ndindex(x.shape):
        original = point[index]
        point[index] = original + h
        f_plus = value_at(point)
        point[index] = original - h
        f_minus = value_at(point)
        point[index] = original  # restore exactly before moving to the next coordinate
        grad[index] = (f_plus - f_minus) / (2 * h)
    return grad.astype(out_dtype)


def train_softmax_regression(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    """Fit a softmax regression ``logits = X @ W + b`` by full-batch gradient descent.

    Every epoch computes the loss and its gradient on the whole training set, records the
    loss, then takes one step: ``W -= lr * (X^T G + weight_decay * W)`` and
    ``b -= lr * G.sum(axis=0)``, where ``G = cross_entropy_grad(X @ W + b, y)``.

    Parameters
    ----------
    X : array_like, shape (N, D)
        Features, one row per sample (integer input promoted to float64, float dtypes kept).
    y : array_like of int, shape (N,)
        Class labels in ``[0, K)``; the number of classes is ``K = max(y) + 1``. Whole-number
        floats are accepted.
    lr : float
        Learning rate (step size), > 0.
    epochs : int
        Number of gradient steps, >= 0.
    weight_decay : float, optional
        L2 penalty strength ``lambda >= 0`` on ``W`` (not on ``b``): the objective is
        ``mean cross-entropy + lambda / 2 * ||W||^2``, whose gradient adds ``lambda * W``.
    seed : int, optional
        Accepted so that the signature matches variants with a random initialisation or
        mini-batches. This version starts from zeros and uses the whole batch, so it is
        deterministic and the result does not depend on ``seed``.

    Returns
    -------
    W : numpy.ndarray, shape (D, K)
    b : numpy.ndarray, shape (K,)
        The trained parameters, in the dtype of ``X`` (integer ``X`` gives float64). The
        arithmetic may use a wider dtype and convert back at the end.
    losses : numpy.ndarray, shape (epochs,)
        ``losses[e]`` is the objective (mean cross-entropy plus the weight-decay term) of
        the parameters *before* step ``e``. The model starts from ``W = 0, b = 0``, which
        predicts the uniform distribution, so ``losses[0] == log K`` exactly.

    Raises
    ------
    ValueError
        If ``X`` is not 2-D, ``y`` is not 1-D of length N, there are no samples, a label is
        negative or not a whole number, ``lr`` is not a positive finite real number,
        ``epochs`` is not a non-negative integer (bool rejected) or ``weight_decay`` is not
        a finite real number ``>= 0``.

    Examples
    --------
    >>> X = np.array([[1.0], [2.0], [-3.0]])
    >>> W, b, losses = train_softmax_regression(X, [0, 0, 1], lr=3.0, epochs=1)
    >>> W, b
    (array([[ 3., -3.]]), array([ 0.5, -0.5]))
    >>> bool(np.isclose(losses[0], np.log(2.0)))
    True
    """
    X = np.asarray(X)
    y = np.asarray(y)
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D array of shape (N, D), got shape {X.shape}")
    n, d = X.shape
    if y.shape != (n,):
        raise ValueError(f"y must have shape ({n},) to match X {X.shape}, got {y.shape}")
    if n == 0:
        raise ValueError("there are no training samples")
    if y.dtype.kind not in "iu":
        if y.dtype.kind != "f" or not np.all(np.isfinite(y) & (y == np.round(y))):
            raise ValueError(f"labels must be integer class indices, got {y.dtype} values")
        y = y.astype(np.intp)
    if np.any(y < 0):
        raise ValueError("labels must be >= 0 (classes are numbered 0 .. K - 1)")
    lr_array = np.asarray(lr)
    if lr_array.ndim != 0 or lr_array.dtype.kind not in "iuf" or not 0 < lr_array < np.inf:
        raise ValueError(f"lr must be a positive finite number, got {lr!r}")
    if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)) or epochs < 0:
        raise ValueError(f"epochs must be a non-negative integer, got {epochs!r}")
    wd_array = np.asarray(weight_decay)
    if wd_array.ndim != 0 or wd_array.dtype.kind not in "iuf" or not 0 <= wd_array < np.inf:
        raise ValueError(f"weight_decay must be a finite number >= 0, got {weight_decay!r}")
    if X.dtype.kind in "biu":
        X = X.astype(np.float64)
    elif X.dtype.kind != "f":
        raise ValueError(f"X must hold real numbers, got dtype {X.dtype}")
    # Python floats do not promote float32/float16 arrays (a NumPy float64 scalar would).
    lr, weight_decay = float(lr), float(weight_decay)

    dtype = X.dtype
    if dtype == np.float16:
        # Dot products and sums over the batch would round (and overflow) in float16: train
        # in float32 and round the results once at the end.
        X = X.astype(np.float32)

    k = int(y.max()) + 1
    # Zeros: the loss is convex, so no symmetry needs breaking, and the untrained model
    # predicts the uniform distribution (loss log K), which the learner can check.
    W = np.zeros((d, k), dtype=X.dtype)
    b = np.zeros(k, dtype=X.dtype)
    losses = np.empty(int(epochs), dtype=X.dtype)
    for epoch in range(int(epochs)):
        logits = X @ W + b
        losses[epoch] = cross_entropy(logits, y) + weight_decay / 2 * np.sum(W * W)
        G = cross_entropy_grad(logits, y)
        W = W - lr * (X.T @ G + weight_decay * W)
        b = b - lr * G.sum(axis=0)
    return W.astype(dtype, copy=False), b.astype(dtype, copy=False), losses.astype(dtype)
