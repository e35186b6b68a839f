"""Held-out answers (set B) for notebook 06 cross-entropy gradient."""

import numpy as np

from tests.mistakes import right, wrong


def _f(x, name="z"):
    a = np.asarray(x)
    if a.dtype.kind not in "biuf":
        raise ValueError(f"{name} must hold real numbers")
    if a.dtype.kind in "biu":
        a = a.astype(np.float64)
    return a


def _work(dt):
    return np.dtype(np.float32) if dt == np.float16 else dt


def _labels(labels, N, K, slip=None):
    y = np.asarray(labels)
    if y.dtype.kind == "b" or (y.dtype.kind not in "iuf" and y.size):
        raise ValueError("labels must be integers")
    if y.ndim != 1 or y.shape[0] != N:
        raise ValueError("labels must have shape (N,)")
    if y.dtype.kind == "f":
        if not np.all(np.isfinite(y)) or np.any(y != np.floor(y)):
            raise ValueError("labels must be whole numbers")
    if slip == "neg_label":
        if np.any(y >= K):
            raise ValueError("label out of range")
    elif slip == "off_by_one":
        if np.any(y < 0) or np.any(y > K):
            raise ValueError("label out of range")
    elif np.any(y < 0) or np.any(y >= K):
        raise ValueError("label out of range")
    if slip == "float_label_index":
        return y
    return y.astype(np.intp)


def _prep(logits, labels, slip=None):
    Z = _f(logits, "logits")
    if Z.ndim != 2:
        raise ValueError("logits must be 2-D (N, K)")
    N, K = Z.shape
    if N == 0 and slip != "empty_nan":
        raise ValueError("the batch is empty")
    y = _labels(labels, N, K, slip)
    return Z, y


# ---------------------------------------------------------------- cross_entropy
def _ce(logits, labels, slip=None):
    Z, y = _prep(logits, labels, slip)
    dt = Z.dtype
    w = Z if slip == "f16" else Z.astype(_work(dt))
    N, K = w.shape
    r = np.arange(N)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        m = np.max(w, axis=1, initial=-np.inf) if K == 0 else np.max(w, axis=1)
        e = np.exp(w - m[:, None])
        if slip == "tie_all":
            e = np.where(w == m[:, None], 0, e)
        else:
            k = np.argmax(w, axis=1)
            e[r, k] = 0
        s = e.sum(axis=1)
        if slip == "no_log1p":
            loss = (m - w[r, y]) + np.log(1 + s)
        elif slip == "lse_minus_zy":
            loss = (m + np.log1p(s)) - w[r, y]
        else:
            loss = (m - w[r, y]) + np.log1p(s)
        out = np.mean(loss)
    if slip == "python_float":
        return float(out)
    return np.asarray(out).astype(dt)[()]


@right("cross_entropy")  # (m - z_y) + log1p(sum over all but one max), float16 in float32
def ce_ok(logits, labels):
    return _ce(logits, labels)


@right(
    "cross_entropy"
)  # row by row with np.delete of the argmax entry and a running float accumulation
def ce_ok2(logits, labels):
    Z = np.asarray(logits)
    if Z.dtype.kind not in "biuf":
        raise ValueError("logits must be real")
    Z = Z.astype(np.float64) if Z.dtype.kind != "f" else Z
    if Z.ndim != 2 or Z.shape[0] == 0:
        raise ValueError("logits must be a non-empty (N, K) batch")
    N, K = Z.shape
    y = np.asarray(labels)
    if y.dtype == bool or y.ndim != 1 or len(y) != N or (y.dtype.kind not in "iuf"):
        raise ValueError("labels must be N integers")
    if y.dtype.kind == "f" and not np.all(np.mod(y, 1) == 0):
        raise ValueError("labels must be whole numbers")
    if not np.all((0 <= y) & (y < K)):
        raise ValueError("labels must lie in [0, K)")
    y = y.astype(int)
    work = np.float32 if Z.dtype == np.float16 else Z.dtype
    losses = np.empty(N, dtype=work)
    with np.errstate(invalid="ignore", over="ignore"):
        for i in range(N):
            row = Z[i].astype(work)
            k = int(np.argmax(row))
            m = row[k]
            rest = np.delete(row, k) - m
            losses[i] = (m - row[y[i]]) + np.log1p(np.exp(rest).sum(dtype=work))
    return losses.mean(dtype=work).astype(Z.dtype)


@wrong(
    "cross_entropy", "lse-lost-small-terms"
)  # log(1 + s) instead of log1p(s): [[0, -40]] with [0] gives 0 instead of 4.25e-18
def ce_w1(logits, labels):
    return _ce(logits, labels, slip="no_log1p")


@wrong(
    "cross_entropy", "log-softmax-lost-digits"
)  # forms lse(z) - z_y, cancelling two big numbers: float32 [[1e8, 1e8]] with [0] gives 0 instead of ln 2
def ce_w2(logits, labels):
    return _ce(logits, labels, slip="lse_minus_zy")


@wrong(
    "cross_entropy", "wrong-values"
)  # leaves every tied maximum out of the sum, not just one: [[0, 0]] with [0] gives 0 instead of ln 2
def ce_w3(logits, labels):
    return _ce(logits, labels, slip="tie_all")


@wrong(
    "cross_entropy", "float16-sum-overflow"
)  # float16 computed in float16: zeros of shape (1, 70000) in float16 with [0] give inf instead of log(70000) ~ 11.16
def ce_w4(logits, labels):
    return _ce(logits, labels, slip="f16")


@wrong(
    "cross_entropy", "no-value-error"
)  # checks labels < K only, so -1 indexes the last class: [[1, 2]] with [-1] gives 0.313 instead of ValueError
def ce_w5(logits, labels):
    return _ce(logits, labels, slip="neg_label")


@wrong(
    "cross_entropy", "wrong-dtype"
)  # returns float(mean): float32 [[1, 2]] with [0] gives a Python float, not a float32 NumPy scalar
def ce_w6(logits, labels):
    return _ce(logits, labels, slip="python_float")


@wrong(
    "cross_entropy", "no-value-error"
)  # no empty-batch check: zeros((0, 3)) with [] gives NaN instead of ValueError
def ce_w7(logits, labels):
    return _ce(logits, labels, slip="empty_nan")


# ---------------------------------------------------------------- cross_entropy_grad
def _grad(logits, labels, slip=None):
    if slip == "inplace":
        Z0 = logits
    Z, y = _prep(logits, labels, slip)
    dt = Z.dtype
    N, K = Z.shape
    if (
        slip == "inplace"
        and isinstance(Z0, np.ndarray)
        and Z0.dtype == Z.dtype
        and Z.dtype != np.float16
    ):
        w = Z
    else:
        w = Z if slip == "f16" else Z.astype(_work(dt))
    with np.errstate(invalid="ignore", over="ignore"):
        if slip == "no_shift":
            e = np.exp(w)
        elif slip == "inplace":
            w -= np.max(w, axis=1, keepdims=True)
            e = np.exp(w)
        else:
            e = np.exp(w - np.max(w, axis=1, keepdims=True))
        p = e / e.sum(axis=1, keepdims=True)
    if slip == "eye_f64":
        onehot = np.eye(K)[y]
        return (p - onehot) / N
    if slip in ("float_label_index", "off_by_one"):
        onehot = np.eye(K, dtype=p.dtype)[y]
        g = p - onehot
    else:
        g = p.copy()
        g[np.arange(N), y] -= 1
    if slip != "no_div_N":
        g = g / N
    return g.astype(dt)


@right("cross_entropy_grad")  # stable softmax minus one at the labels, divided by N
def ceg_ok(logits, labels):
    return _grad(logits, labels)


@right(
    "cross_entropy_grad"
)  # one-hot built with np.equal against arange, exp(log_softmax) in the work dtype
def ceg_ok2(logits, labels):
    Z = np.asarray(logits)
    if Z.dtype.kind not in "biuf":
        raise ValueError("logits must be real")
    if Z.dtype.kind != "f":
        Z = Z.astype(np.float64)
    if Z.ndim != 2 or Z.shape[0] == 0:
        raise ValueError("logits must be a non-empty (N, K) batch")
    N, K = Z.shape
    y = np.asarray(labels)
    if y.dtype == bool or y.ndim != 1 or len(y) != N or y.dtype.kind not in "iuf":
        raise ValueError("labels must be N integers")
    if y.dtype.kind == "f" and not np.all(np.mod(y, 1) == 0):
        raise ValueError("labels must be whole numbers")
    if not np.all((0 <= y) & (y < K)):
        raise ValueError("labels must lie in [0, K)")
    work = np.dtype(np.float32 if Z.dtype == np.float16 else Z.dtype).type
    A = Z.astype(work)
    m = A.max(axis=1, keepdims=True)
    e = np.exp(A - m)
    P = e / e.sum(axis=1, keepdims=True)
    Y = (np.arange(K)[None, :] == y.astype(int)[:, None]).astype(work)
    return ((P - Y) / work(N)).astype(Z.dtype)


@wrong(
    "cross_entropy_grad", "ce-grad-missing-1-over-n"
)  # forgets the 1/N of the mean: [[0, ln 3], [0, 0]] with [1, 0] gives [[0.25,-0.25],[-0.5,0.5]] instead of half that
def ceg_w1(logits, labels):
    return _grad(logits, labels, slip="no_div_N")


@wrong(
    "cross_entropy_grad", "ce-float16-sums"
)  # float16 computed in float16: zeros (1, 70000) float16 with [0] give p = 0 (sum overflows), grad[0, 1] = 0 instead of ~1.43e-5
def ceg_w2(logits, labels):
    return _grad(logits, labels, slip="f16")


@wrong(
    "cross_entropy_grad", "no-max-shift"
)  # softmax without subtracting the row max: [[1000, 0]] with [0] gives NaN instead of [[0, 0]]
def ceg_w3(logits, labels):
    return _grad(logits, labels, slip="no_shift")


@wrong(
    "cross_entropy_grad", "ce-float-labels-refused"
)  # validates whole-number float labels but indexes np.eye with the float array: [[0, 0]] with [1.0] raises IndexError instead of [[0.5, -0.5]]
def ceg_w4(logits, labels):
    return _grad(logits, labels, slip="float_label_index")


@wrong(
    "cross_entropy_grad", "no-value-error"
)  # range check labels > K instead of >= K: [[0, 0]] with [2] raises IndexError, not ValueError
def ceg_w5(logits, labels):
    return _grad(logits, labels, slip="off_by_one")


@wrong(
    "cross_entropy_grad", "modified-input"
)  # subtracts the row max in place (w -= max): a float64 array [[1., 2.]] passed in is modified to [[-1., 0.]]
def ceg_w6(logits, labels):
    return _grad(logits, labels, slip="inplace")


@wrong(
    "cross_entropy_grad", "wrong-dtype"
)  # one-hot from np.eye(K) is float64, so float32 logits [[1, 2]] with [0] give a float64 gradient
def ceg_w7(logits, labels):
    return _grad(logits, labels, slip="eye_f64")


# ---------------------------------------------------------------- softmax_jacobian
def _jac(z, slip=None):
    z = _f(z)
    if z.ndim != 1 and slip != "no_ndim":
        raise ValueError("z must be 1-D")
    dt = z.dtype
    w = z.astype(_work(dt))
    if w.size == 0 and slip != "empty_max":
        return np.zeros((0, 0), dtype=dt)
    with np.errstate(invalid="ignore", over="ignore"):
        m = np.max(w, axis=-1, keepdims=True)
        if slip == "stable_zero":
            m = np.where(np.isneginf(m), 0, m)
        elif slip == "isfinite_standin":
            m = np.where(np.isfinite(m), m, 0)
        e = np.exp(w) if slip == "no_shift" else np.exp(w - m)
        s = e.sum(axis=-1, keepdims=True)
        if slip == "stable_zero":
            p = np.where(s == 0, 0, e / np.where(s == 0, 1, s))
        else:
            p = e / s
        J = np.diag(p) - np.outer(p, p)
    if slip == "f16_out32":
        return J
    return J.astype(dt)


@right("softmax_jacobian")  # diag(p) - outer(p, p)
def jac_ok(z):
    return _jac(z)


@right("softmax_jacobian")  # p[:, None] * (I - p[None, :]) with p from exp(z - logsumexp)
def jac_ok2(z):
    a = np.asarray(z)
    if a.dtype.kind not in "biuf":
        raise ValueError("z must be real")
    if a.ndim != 1:
        raise ValueError("z must be a single 1-D logit vector")
    out_dt = a.dtype if a.dtype.kind == "f" else np.dtype(np.float64)
    a = a.astype(np.float32 if out_dt == np.float16 else out_dt)
    K = a.shape[0]
    if K == 0:
        return np.empty((0, 0), dtype=out_dt)
    with np.errstate(invalid="ignore", over="ignore"):
        m = a.max()
        e = np.exp(a - m)
        p = e / e.sum()
        J = p[:, None] * (np.eye(K, dtype=a.dtype) - p[None, :])
    return J.astype(out_dt)


@wrong(
    "softmax_jacobian", "wrong-dtype"
)  # computes float16 in float32 but forgets to round back: float16 [0, 0] returns float32
def jac_w1(z):
    return _jac(z, slip="f16_out32")


@wrong(
    "softmax_jacobian", "no-value-error"
)  # no 1-D check: [[1, 2, 3]] returns a (3, 3) matrix instead of ValueError
def jac_w2(z):
    return _jac(z, slip="no_ndim")


@wrong(
    "softmax_jacobian", "raised-error"
)  # no empty-input branch: np.max of [] raises instead of returning a (0, 0) matrix
def jac_w3(z):
    return _jac(z, slip="empty_max")


# Hidden only: the Jacobian of an all -inf or +inf row is stated only by the reference's Notes.
@wrong(
    "softmax_jacobian", "wrong-values", visible=False
)  # reuses stable_softmax's all -inf -> zeros rule: [-inf, -inf] gives a zero matrix instead of NaN
def jac_w4(z):
    return _jac(z, slip="stable_zero")


@wrong(
    "softmax_jacobian", "no-max-shift"
)  # softmax without the max shift: [1000, 0] gives NaN instead of zeros
def jac_w5(z):
    return _jac(z, slip="no_shift")


# Hidden only: the Jacobian of an all -inf or +inf row is stated only by the reference's Notes.
@wrong(
    "softmax_jacobian", "wrong-values", visible=False
)  # max stand-in uses isfinite, so a +inf max is replaced by 0: [inf, 0] gives a matrix with finite entries instead of all NaN
def jac_w6(z):
    return _jac(z, slip="isfinite_standin")


# ---------------------------------------------------------------- numerical_gradient
def _check_h(h, slip=None):
    if isinstance(h, (bool, np.bool_)) or not isinstance(h, (int, float, np.integer, np.floating)):
        raise ValueError("h must be a real number")
    if slip == "h_nonzero":
        if h == 0 or not np.isfinite(h):
            raise ValueError("h must be nonzero and finite")
    elif not (np.isfinite(h) and h > 0):
        raise ValueError("h must be a positive finite number")


def _scalar(v):
    a = np.asarray(v)
    if a.dtype.kind not in "biuf" or a.size != 1:
        raise ValueError("f must return a single real number")
    return float(a.reshape(()))


def _ngrad(f, x, h=1e-5, slip=None):
    _check_h(h, slip)
    if slip == "int_copy":
        xa = np.array(x)
        if xa.dtype.kind not in "biuf":
            raise ValueError("x must be real")
        dt = np.dtype(np.float64) if xa.dtype.kind != "f" else xa.dtype
        xf = xa
    elif slip == "inplace_restore":
        xa = np.asarray(x, dtype=float) if np.asarray(x).dtype.kind in "biuf" else None
        if xa is None:
            raise ValueError("x must be real")
        dt = np.asarray(x).dtype if np.asarray(x).dtype.kind == "f" else np.dtype(np.float64)
        xf = xa
    else:
        xa = _f(x, "x")
        dt = xa.dtype
        xf = xa.astype(dt if slip == "dtype_step" else np.float64, copy=True)
    if slip == "atleast1d":
        xf = np.atleast_1d(xf)
    g = np.zeros(xf.shape, dtype=np.float64)
    for idx in np.ndindex(xf.shape):
        old = xf[idx]
        if slip == "inplace_restore":
            xf[idx] += h
            fp = _scalar(f(xf))
            xf[idx] -= 2 * h
            fm = _scalar(f(xf))
            xf[idx] += h
            g[idx] = (fp - fm) / (2 * h)
            continue
        xf[idx] = old + h
        fp = _scalar(f(xf))
        if slip == "forward":
            xf[idx] = old
            fm = _scalar(f(xf))
            g[idx] = (fp - fm) / h
        else:
            xf[idx] = old - h
            fm = _scalar(f(xf))
            g[idx] = (fp - fm) / (2 * h)
        xf[idx] = old
    if slip == "out_f64":
        return g
    return g.astype(dt)


@right(
    "numerical_gradient"
)  # central differences on a float64 copy, restoring each coordinate exactly
def ng_ok(f, x, h=1e-5):
    return _ngrad(f, x, h)


@right("numerical_gradient")  # flat loop with basis perturbation arrays x + h e_i and x - h e_i
def ng_ok2(f, x, h=1e-5):
    if (
        isinstance(h, (bool, np.bool_))
        or not isinstance(h, (int, float, np.integer, np.floating))
        or not np.isfinite(h)
        or h <= 0
    ):
        raise ValueError("h must be a positive finite real number")
    xa = np.asarray(x)
    if xa.dtype.kind not in "biuf":
        raise ValueError("x must hold real numbers")
    out_dt = xa.dtype if xa.dtype.kind == "f" else np.dtype(np.float64)
    base = xa.astype(np.float64)
    flat = np.empty(base.size)
    for i in range(base.size):
        e = np.zeros(base.shape)
        e.flat[i] = h
        vals = []
        for pt in (base + e, base - e):
            r = np.asarray(f(pt))
            if r.size != 1 or r.dtype.kind not in "biuf":
                raise ValueError("f must return a single number")
            vals.append(float(r.reshape(())))
        flat[i] = (vals[0] - vals[1]) / (2 * h)
    return flat.reshape(base.shape).astype(out_dt)


@wrong(
    "numerical_gradient", "numerical-gradient-one-sided"
)  # forward differences (f(x+h)-f(x))/h: sum(v**3) at [1, 2] with h=0.1 gives [3.31, 12.61] instead of [3.01, 12.01]
def ng_w1(f, x, h=1e-5):
    return _ngrad(f, x, h, slip="forward")


@wrong(
    "numerical_gradient", "numerical-gradient-low-precision"
)  # perturbs a copy in x's own dtype: float16 x=[1.0], f=sum(v**2) gives 0 (1 + 1e-5 == 1 in float16) instead of 2
def ng_w2(f, x, h=1e-5):
    return _ngrad(f, x, h, slip="dtype_step")


@wrong(
    "numerical_gradient", "modified-input"
)  # perturbs the caller's float64 array in place (+h, -2h, +h): rounding leaves x changed, e.g. x=[0.1, 0.7, 1/3] is not restored bit-for-bit
def ng_w3(f, x, h=1e-5):
    return _ngrad(f, x, h, slip="inplace_restore")


@wrong(
    "numerical_gradient", "numerical-gradient-integer-x"
)  # np.array(x) copy keeps an integer dtype, x[i] += h truncates: int [1, 2] with sum(v**2) gives [0, 0] instead of [2, 4]
def ng_w4(f, x, h=1e-5):
    return _ngrad(f, x, h, slip="int_copy")


@wrong(
    "numerical_gradient", "no-value-error"
)  # h checked only for being nonzero: h=-1e-5 accepted instead of ValueError
def ng_w5(f, x, h=1e-5):
    return _ngrad(f, x, h, slip="h_nonzero")


@wrong(
    "numerical_gradient", "wrong-dtype"
)  # never casts back: float32 x=[1, 2] with sum(v**2) returns float64
def ng_w6(f, x, h=1e-5):
    return _ngrad(f, x, h, slip="out_f64")


@wrong(
    "numerical_gradient", "numerical-gradient-only-1d"
)  # np.atleast_1d on x: scalar x=3.0 with f=v**2 returns shape (1,) instead of shape ()
def ng_w7(f, x, h=1e-5):
    return _ngrad(f, x, h, slip="atleast1d")


# ---------------------------------------------------------------- train_softmax_regression
def _train(X, y, *, lr, epochs, weight_decay=0.0, seed=0, slip=None):
    X = _f(X, "X")
    if X.ndim != 2 or X.shape[0] == 0:
        raise ValueError("X must be a non-empty (N, D) array")
    N, D = X.shape
    ya = np.asarray(y)
    if ya.dtype.kind == "b" or ya.dtype.kind not in "iuf" or ya.ndim != 1 or ya.shape[0] != N:
        raise ValueError("y must be N integer labels")
    if ya.dtype.kind == "f" and (not np.all(np.isfinite(ya)) or np.any(ya != np.floor(ya))):
        raise ValueError("labels must be whole numbers")
    if np.any(ya < 0):
        raise ValueError("labels must be >= 0")
    ya = ya.astype(np.intp)
    if (
        isinstance(lr, (bool, np.bool_))
        or not isinstance(lr, (int, float, np.integer, np.floating))
        or not np.isfinite(lr)
    ):
        raise ValueError("lr must be a positive finite real number")
    if (lr < 0) if slip == "lr_zero" else (lr <= 0):
        raise ValueError("lr must be a positive finite real number")
    if (
        (slip != "epochs_bool" and isinstance(epochs, (bool, np.bool_)))
        or not isinstance(epochs, (int, np.integer))
        or epochs < 0
    ):
        raise ValueError("epochs must be a non-negative integer")
    if (
        isinstance(weight_decay, (bool, np.bool_))
        or not isinstance(weight_decay, (int, float, np.integer, np.floating))
        or not np.isfinite(weight_decay)
        or weight_decay < 0
    ):
        raise ValueError("weight_decay must be a finite number >= 0")
    dt = X.dtype
    wdt = np.float64 if slip == "f64_out" else _work(dt)
    Xw = X.astype(wdt)
    K = len(np.unique(ya)) if slip == "K_unique" else int(ya.max()) + 1
    W = np.zeros((D, K), dtype=wdt)
    b = np.zeros(K, dtype=wdt)
    losses = []
    lam = weight_decay
    for _ in range(int(epochs)):
        Z = Xw @ W + b
        if slip != "loss_after":
            loss = _ce(Z, ya) + (0 if slip == "loss_no_wd" else lam / 2 * np.sum(W * W))
            losses.append(loss)
        G = _grad(Z, ya)
        W = W - lr * (Xw.T @ G + lam * W)
        if slip == "wd_on_b":
            b = b - lr * (G.sum(axis=0) + lam * b)
        else:
            b = b - lr * G.sum(axis=0)
        if slip == "loss_after":
            losses.append(_ce(Xw @ W + b, ya) + lam / 2 * np.sum(W * W))
    if slip == "f64_out":
        return W, b, np.array(losses)
    return W.astype(dt), b.astype(dt), np.array(losses, dtype=wdt).astype(dt)


@right(
    "train_softmax_regression"
)  # gradient descent with the cross_entropy / cross_entropy_grad helpers
def tr_ok(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    return _train(X, y, lr=lr, epochs=epochs, weight_decay=weight_decay, seed=seed)


@right(
    "train_softmax_regression"
)  # self-contained: one-hot matrix, log-softmax loss, explicit gradient formulas
def tr_ok2(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    Xa = np.asarray(X)
    if Xa.dtype.kind not in "biuf" or Xa.ndim != 2 or Xa.shape[0] == 0:
        raise ValueError("X must be a non-empty real (N, D) array")
    out_dt = Xa.dtype if Xa.dtype.kind == "f" else np.dtype(np.float64)
    work = np.float32 if out_dt == np.float16 else out_dt
    Xa = Xa.astype(work)
    N, D = Xa.shape
    ya = np.asarray(y)
    if ya.dtype == bool or ya.dtype.kind not in "iuf" or ya.shape != (N,):
        raise ValueError("y must have shape (N,) and hold integers")
    if ya.dtype.kind == "f" and not np.all(np.mod(ya, 1) == 0):
        raise ValueError("labels must be whole numbers")
    if (ya < 0).any():
        raise ValueError("negative label")
    ya = ya.astype(int)
    for name, v, strict in (("lr", lr, True), ("weight_decay", weight_decay, False)):
        if (
            isinstance(v, (bool, np.bool_))
            or not np.isscalar(v)
            or not isinstance(v, (int, float, np.integer, np.floating))
        ):
            raise ValueError(f"{name} must be a real number")
        if not np.isfinite(v) or (v <= 0 if strict else v < 0):
            raise ValueError(f"{name} out of range")
    if (
        isinstance(epochs, (bool, np.bool_))
        or not isinstance(epochs, (int, np.integer))
        or epochs < 0
    ):
        raise ValueError("epochs must be a non-negative integer")
    K = int(ya.max()) + 1
    Y = np.zeros((N, K), dtype=work)
    Y[np.arange(N), ya] = 1
    W = np.zeros((D, K), dtype=work)
    b = np.zeros(K, dtype=work)
    hist = np.empty(int(epochs), dtype=work)
    for e in range(int(epochs)):
        Z = Xa @ W + b
        m = Z.max(axis=1, keepdims=True)
        ex = np.exp(Z - m)
        k = Z.argmax(axis=1)
        ex2 = ex.copy()
        ex2[np.arange(N), k] = 0
        logZ = np.log1p(ex2.sum(axis=1))
        nll = (m[:, 0] - Z[np.arange(N), ya]) + logZ
        hist[e] = nll.mean() + weight_decay / 2 * (W**2).sum()
        P = ex / ex.sum(axis=1, keepdims=True)
        G = (P - Y) / N
        gW = Xa.T @ G + weight_decay * W
        gb = G.sum(axis=0)
        W = W - lr * gW
        b = b - lr * gb
    return W.astype(out_dt), b.astype(out_dt), hist.astype(out_dt)


@wrong(
    "train_softmax_regression", "train-weight-decay-on-bias"
)  # applies weight decay to b too: X=[[1],[2],[-3]], y=[0,0,1], lr=0.5, epochs=3, weight_decay=0.5 gives a different b than the reference
def tr_w1(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    return _train(X, y, lr=lr, epochs=epochs, weight_decay=weight_decay, seed=seed, slip="wd_on_b")


@wrong(
    "train_softmax_regression", "train-first-loss-not-log-k"
)  # records the loss after each step: losses[0] for X=[[1],[2],[-3]], y=[0,0,1], lr=3, epochs=1 is not log 2
def tr_w2(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    return _train(
        X, y, lr=lr, epochs=epochs, weight_decay=weight_decay, seed=seed, slip="loss_after"
    )


@wrong(
    "train_softmax_regression", "train-losses-without-penalty"
)  # losses omit the lambda/2 ||W||^2 term: X=[[1],[2],[-3]], y=[0,0,1], lr=0.5, epochs=3, weight_decay=0.5 gives smaller losses[1:]
def tr_w3(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    return _train(
        X, y, lr=lr, epochs=epochs, weight_decay=weight_decay, seed=seed, slip="loss_no_wd"
    )


@wrong(
    "train_softmax_regression", "train-number-of-classes"
)  # K = number of distinct labels instead of max(y)+1: y=[0, 2, 2] raises instead of returning W of shape (D, 3)
def tr_w4(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    return _train(X, y, lr=lr, epochs=epochs, weight_decay=weight_decay, seed=seed, slip="K_unique")


@wrong(
    "train_softmax_regression", "wrong-dtype"
)  # trains in float64 and returns float64: float32 X gives float64 W and b
def tr_w5(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    return _train(X, y, lr=lr, epochs=epochs, weight_decay=weight_decay, seed=seed, slip="f64_out")


@wrong(
    "train_softmax_regression", "no-value-error"
)  # epochs check isinstance(epochs, int) accepts bool: epochs=True trains one step instead of ValueError
def tr_w6(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    return _train(
        X, y, lr=lr, epochs=epochs, weight_decay=weight_decay, seed=seed, slip="epochs_bool"
    )


@wrong(
    "train_softmax_regression", "no-value-error"
)  # lr checked with lr < 0: lr=0 accepted instead of ValueError
def tr_w7(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    return _train(X, y, lr=lr, epochs=epochs, weight_decay=weight_decay, seed=seed, slip="lr_zero")
