"""Held-out answers (round D) for notebook 06_cross_entropy_gradient."""

import numbers

import numpy as np

from tests.mistakes import right, wrong


def _as_float(a, name="logits"):
    a = np.asarray(a)
    if a.dtype.kind not in "biuf":
        raise ValueError(f"{name} must hold real numbers, got dtype {a.dtype}")
    if a.dtype.kind in "biu":
        a = a.astype(np.float64)
    return a


def _labels(labels, N, K, *, allow_negative=False):
    y = np.asarray(labels)
    if y.dtype.kind == "b":
        raise ValueError("labels must be integer class indices, got bool values")
    if y.dtype.kind == "f":
        if not np.all(np.isfinite(y)) or np.any(y != np.round(y)):
            raise ValueError("labels must be whole numbers")
        y = y.astype(np.int64)
    elif y.dtype.kind not in "iu":
        raise ValueError("labels must be integers")
    if y.ndim != 1 or y.shape[0] != N:
        raise ValueError(f"labels must have shape ({N},), got {y.shape}")
    lo = -K if allow_negative else 0
    if np.any(y < lo) or np.any(y >= K):
        raise ValueError(f"labels must lie in [0, {K})")
    return y.astype(np.intp)


def _prep(logits, labels, allow_negative=False):
    z = _as_float(logits)
    if z.ndim != 2:
        raise ValueError("logits must be 2-D (N, K)")
    N, K = z.shape
    if N == 0:
        raise ValueError("the batch is empty")
    y = _labels(labels, N, K, allow_negative=allow_negative)
    return z, y


# ---------------------------------------------------------------- cross_entropy


def _ce(logits, labels, *, slip=None):
    z, y = _prep(logits, labels, allow_negative=(slip == "neg_labels"))
    out_dtype = z.dtype
    w = z.astype(np.float32) if (z.dtype == np.float16 and slip != "f16") else z
    N, K = w.shape
    rows = np.arange(N)
    k = np.argmax(w, axis=1)
    m = w[rows, k]
    with np.errstate(invalid="ignore", over="ignore"):
        e = np.exp(w - m[:, None])
        if slip == "log_sum":
            lse_shift = np.log(np.sum(e, axis=1))
        else:
            e[rows, k] = 0
            lse_shift = np.log1p(np.sum(e, axis=1))
        zy = w[rows, y]
        if slip == "lse_minus_zy":
            loss = (m + lse_shift) - zy
        else:
            loss = (m - zy) + lse_shift
        # a NaN anywhere in the row propagates (argmax picked the NaN then)
        loss = np.where(np.any(np.isnan(w), axis=1), np.nan, loss)
    return np.mean(loss).astype(out_dtype)[()]


@right("cross_entropy")  # (m - z_y) + log1p(sum of the other exps), float16 in float32
def ce_ok(logits, labels):
    return _ce(logits, labels)


@wrong(
    "cross_entropy", "lse-lost-small-terms"
)  # log(sum exp) instead of log1p: cross_entropy([[0, -40]], [0]) is 0.0 instead of 4.248e-18
def ce_logsum(logits, labels):
    return _ce(logits, labels, slip="log_sum")


@wrong(
    "cross_entropy", "log-softmax-lost-digits"
)  # forms lse(z) - z_y (cancellation): cross_entropy([[1e17, 1e17]], [0]) is 0 instead of ln 2
def ce_cancel(logits, labels):
    return _ce(logits, labels, slip="lse_minus_zy")


@wrong(
    "cross_entropy", "float16-sum-overflow"
)  # float16 summed in float16: logits = float16 zeros of shape (1, 70000), labels [0] give inf instead of ln 70000
def ce_f16(logits, labels):
    return _ce(logits, labels, slip="f16")


@wrong(
    "cross_entropy", "no-value-error"
)  # range check is -K <= y < K (Python indexing): cross_entropy([[1.0, 2.0]], [-1]) returns 0.313 instead of ValueError
def ce_neglabels(logits, labels):
    return _ce(logits, labels, slip="neg_labels")


# ---------------------------------------------------------------- cross_entropy_grad


def _ceg(logits, labels, *, slip=None):
    z, y = _prep(logits, labels, allow_negative=(slip == "neg_labels"))
    out_dtype = z.dtype
    N = z.shape[0]
    if slip == "inplace":
        w = z
        w -= w.max(axis=1, keepdims=True)
    else:
        w = z.astype(np.float32) if (z.dtype == np.float16 and slip != "f16") else z
        with np.errstate(invalid="ignore"):
            w = w - w.max(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", over="ignore"):
        e = np.exp(w)
        p = e / e.sum(axis=1, keepdims=True)
    g = p.copy()
    g[np.arange(N), y] -= 1
    if slip != "no_N":
        g = g / N
    return g.astype(out_dtype)


@right("cross_entropy_grad")  # (stable softmax - onehot) / N, float16 in float32
def ceg_ok(logits, labels):
    return _ceg(logits, labels)


@wrong(
    "cross_entropy_grad", "modified-input"
)  # shifts the caller's array in place (w -= max): a float64 logits array [[1.0, 2.0]] is modified to [[-1, 0]]
def ceg_inplace(logits, labels):
    return _ceg(logits, labels, slip="inplace")


@wrong(
    "cross_entropy_grad", "no-value-error"
)  # negative labels index from the end: cross_entropy_grad([[1.0, 2.0]], [-1]) returns a gradient instead of ValueError
def ceg_neg(logits, labels):
    return _ceg(logits, labels, slip="neg_labels")


@wrong(
    "cross_entropy_grad", "ce-float16-sums"
)  # float16 softmax summed in float16: float16 zeros (1, 70000), labels [0] give p = 0 instead of 1/70000
def ceg_f16(logits, labels):
    return _ceg(logits, labels, slip="f16")


@wrong(
    "cross_entropy_grad", "ce-grad-missing-1-over-n"
)  # forgets the 1/N of the mean: [[0, ln 3], [0, 0]], labels [1, 0] gives [[0.25, -0.25], [-0.5, 0.5]] instead of half that
def ceg_noN(logits, labels):
    return _ceg(logits, labels, slip="no_N")


# ---------------------------------------------------------------- softmax_jacobian


def _jac(z, *, slip=None):
    z = _as_float(z, "z")
    if slip != "no_ndim" and z.ndim != 1:
        raise ValueError("z must be 1-D")
    out_dtype = z.dtype
    w = z.astype(np.float32) if z.dtype == np.float16 else z
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        if slip == "no_shift":
            e = np.exp(w)
        else:
            m = np.max(w, axis=-1, keepdims=True) if w.shape[-1] else 0
            if slip == "standin":
                m = np.where(np.isneginf(m), 0, m)
            e = np.exp(w - m)
        s = e.sum(axis=-1, keepdims=True)
        p = e / s
        if slip == "standin":
            p = np.where(s == 0, 0.0, p)
        if slip == "no_ndim":
            p = p.ravel()
        if slip == "eye":
            J = np.eye(p.shape[0]) * p - np.outer(p, p)
        else:
            J = np.diag(p) - np.outer(p, p)
    if slip == "eye":
        return J
    return J.astype(out_dtype)


@right("softmax_jacobian")  # diag(p) - p p^T with a max-shifted softmax
def jac_ok(z):
    return _jac(z)


# Hidden only: the Jacobian of an all -inf row is stated only by the reference's Notes.
@wrong(
    "softmax_jacobian", "wrong-values", visible=False
)  # uses stable_softmax's all -inf convention: [-inf, -inf] gives a zero matrix instead of NaN
def jac_standin(z):
    return _jac(z, slip="standin")


@wrong(
    "softmax_jacobian", "no-value-error"
)  # no 1-D check (flattens): [[0.0, 0.0]] returns a 2x2 matrix instead of ValueError
def jac_ndim(z):
    return _jac(z, slip="no_ndim")


@wrong(
    "softmax_jacobian", "no-max-shift"
)  # softmax without max shift: [1000.0, 1001.0] overflows to NaN
def jac_noshift(z):
    return _jac(z, slip="no_shift")


@wrong(
    "softmax_jacobian", "wrong-dtype"
)  # np.eye(K) * p is float64: float32 z [0, 0] gives a float64 matrix instead of float32
def jac_eye(z):
    return _jac(z, slip="eye")


# ---------------------------------------------------------------- numerical_gradient


def _numgrad(f, x, h=1e-5, *, slip=None):
    if slip == "h_nonzero":
        if (
            isinstance(h, (bool, np.bool_))
            or not isinstance(h, (numbers.Real, np.floating, np.integer))
            or h == 0
            or not np.isfinite(h)
        ):
            raise ValueError("h must be a nonzero finite real number")
    else:
        if (
            isinstance(h, (bool, np.bool_))
            or not isinstance(h, (numbers.Real, np.floating, np.integer))
            or not (h > 0)
            or not np.isfinite(h)
        ):
            raise ValueError("h must be a positive finite real number")
    h = float(h)
    xa = _as_float(x, "x")
    out_dtype = xa.dtype
    if slip == "alias":
        xw = xa  # "copy"
    elif slip == "own_dtype":
        xw = xa.copy()
    else:
        xw = xa.astype(np.float64)  # always a new array
    g = np.zeros(xw.shape, dtype=np.float64)

    def call(v):
        r = np.asarray(f(v))
        if r.size != 1 or r.dtype.kind not in "biuf":
            raise ValueError("f must return a single real number")
        return float(r.reshape(()))

    for idx in np.ndindex(xw.shape):
        old = xw[idx]
        xw[idx] = old + h
        fp = call(xw)
        if slip == "forward":
            xw[idx] = old
            fm = call(xw)
            g[idx] = (fp - fm) / h
        else:
            xw[idx] = old - h
            fm = call(xw)
            g[idx] = (fp - fm) / (2 * h)
        if slip != "alias":
            xw[idx] = old
        else:
            pass  # forgets to restore
    return g.astype(out_dtype)


@right("numerical_gradient")  # central differences on a float64 copy, cast back to x's dtype
def ng_ok(f, x, h=1e-5):
    return _numgrad(f, x, h)


@wrong(
    "numerical_gradient", "numerical-gradient-low-precision"
)  # perturbs in x's own dtype: float16 x = [1, 2] with f = sum(v**2) gives [0, 0] (1 + 1e-5 == 1) instead of [2, 4]
def ng_owndtype(f, x, h=1e-5):
    return _numgrad(f, x, h, slip="own_dtype")


@wrong(
    "numerical_gradient", "modified-input"
)  # works on np.asarray(x) (an alias) and never restores: float64 x = [1.0, 2.0] is left as [0.99999, 1.99999]
def ng_alias(f, x, h=1e-5):
    return _numgrad(f, x, h, slip="alias")


@wrong(
    "numerical_gradient", "no-value-error"
)  # checks only h != 0: h = -1e-5 is accepted instead of ValueError
def ng_hneg(f, x, h=1e-5):
    return _numgrad(f, x, h, slip="h_nonzero")


@wrong(
    "numerical_gradient", "numerical-gradient-one-sided"
)  # forward differences (f(x+h) - f(x)) / h: f = sum(v**3), x = [1, 2], h = 0.1 gives [3.31, 12.61] instead of [3.01, 12.01]
def ng_forward(f, x, h=1e-5):
    return _numgrad(f, x, h, slip="forward")


# ---------------------------------------------------------------- train_softmax_regression


def _train(X, y, *, lr, epochs, weight_decay=0.0, seed=0, slip=None):
    X = _as_float(X, "X")
    if X.ndim != 2:
        raise ValueError("X must be 2-D")
    N, D = X.shape
    if N == 0:
        raise ValueError("there are no samples")
    yy = np.asarray(y)
    if yy.dtype.kind == "b":
        raise ValueError("labels must be integers")
    if yy.dtype.kind == "f":
        if not np.all(np.isfinite(yy)) or np.any(yy != np.round(yy)):
            raise ValueError("labels must be whole numbers")
    elif yy.dtype.kind not in "iu":
        raise ValueError("labels must be integers")
    if yy.ndim != 1 or yy.shape[0] != N:
        raise ValueError("y must be 1-D of length N")
    if np.any(yy < 0):
        raise ValueError("labels must be non-negative")
    yy = yy.astype(np.intp)
    for name, v, lo_ok in (("lr", lr, False), ("weight_decay", weight_decay, True)):
        if (
            isinstance(v, (bool, np.bool_))
            or not isinstance(v, (numbers.Real, np.floating, np.integer))
            or not np.isfinite(v)
            or (v < 0 if lo_ok else v <= 0)
        ):
            raise ValueError(f"{name} is invalid: {v!r}")
    if (
        isinstance(epochs, (bool, np.bool_))
        or not isinstance(epochs, (int, np.integer))
        or epochs < 0
    ):
        raise ValueError("epochs must be a non-negative integer")
    lr = float(lr)
    wd = float(weight_decay)
    if slip == "K_unique":
        K = len(np.unique(yy))
    else:
        K = int(yy.max()) + 1
    out_dtype = X.dtype
    Xw = X.astype(np.float32) if X.dtype == np.float16 else X
    wt = Xw.dtype
    W = np.zeros((D, K), dtype=wt)
    b = np.zeros(K, dtype=wt)
    losses = np.zeros(int(epochs), dtype=wt)
    rows = np.arange(N)
    for e in range(int(epochs)):
        Z = Xw @ W + b
        m = Z.max(axis=1, keepdims=True)
        E = np.exp(Z - m)
        S = E.sum(axis=1, keepdims=True)
        lse = m[:, 0] + np.log(S[:, 0])
        ce = np.mean(lse - Z[rows, yy])
        obj = ce if slip == "no_wd_loss" else ce + wd / 2 * np.sum(W * W)
        G = E / S
        G[rows, yy] -= 1
        G /= N
        W = W - lr * (Xw.T @ G + wd * W)
        if slip == "decay_b":
            b = b - lr * (G.sum(axis=0) + wd * b)
        else:
            b = b - lr * G.sum(axis=0)
        if slip == "after_step":
            Z2 = Xw @ W + b
            m2 = Z2.max(axis=1, keepdims=True)
            lse2 = m2[:, 0] + np.log(np.exp(Z2 - m2).sum(axis=1))
            obj = np.mean(lse2 - Z2[rows, yy]) + wd / 2 * np.sum(W * W)
        losses[e] = obj
    return W.astype(out_dtype), b.astype(out_dtype), losses.astype(out_dtype)


@right("train_softmax_regression")  # full-batch GD from zeros, loss recorded before each step
def train_ok(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    return _train(X, y, lr=lr, epochs=epochs, weight_decay=weight_decay, seed=seed)


@wrong(
    "train_softmax_regression", "train-weight-decay-on-bias"
)  # weight decay also applied to b: X=[[1],[2],[-3]], y=[0,0,1], lr=1, epochs=2, weight_decay=0.5 gives a different b
def train_decay_b(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    return _train(X, y, lr=lr, epochs=epochs, weight_decay=weight_decay, seed=seed, slip="decay_b")


@wrong(
    "train_softmax_regression", "train-first-loss-not-log-k"
)  # records the loss after the step: X=[[1],[2],[-3]], y=[0,0,1], lr=1, epochs=1 gives losses[0] < log 2
def train_after(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    return _train(
        X, y, lr=lr, epochs=epochs, weight_decay=weight_decay, seed=seed, slip="after_step"
    )


@wrong(
    "train_softmax_regression", "train-number-of-classes"
)  # K = number of distinct labels: X=[[1],[2]], y=[0,2] gives W of shape (1, 2) instead of (1, 3)
def train_Kunique(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    return _train(X, y, lr=lr, epochs=epochs, weight_decay=weight_decay, seed=seed, slip="K_unique")


@wrong(
    "train_softmax_regression", "train-losses-without-penalty"
)  # losses leave out the weight-decay term: X=[[1],[2],[-3]], y=[0,0,1], lr=1, epochs=2, weight_decay=0.5 gives a smaller losses[1]
def train_nowdloss(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    return _train(
        X, y, lr=lr, epochs=epochs, weight_decay=weight_decay, seed=seed, slip="no_wd_loss"
    )
