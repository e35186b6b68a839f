"""Held-out answers for notebook 05 (temperature): softmax_with_temperature, entropy,
sample_with_temperature, fit_temperature, expected_calibration_error."""

import math

import numpy as np

from tests.mistakes import right, wrong

# ===========================================================================
# softmax_with_temperature
# ===========================================================================


@right(
    "softmax_with_temperature"
)  # validate T (real scalar or 0-d array, not bool, finite, > 0), shift by the per-slice max BEFORE dividing by T, float64 arithmetic (longdouble kept), -inf-only slices -> zeros via np.where, rounded once to the input dtype
def swt_where(z, T, axis=-1):
    if isinstance(T, np.ndarray) and T.ndim == 0 and T.dtype.kind in "iuf":
        T = T[()]
    if isinstance(T, (bool, np.bool_)) or not isinstance(T, (int, float, np.integer, np.floating)):
        raise ValueError(f"T must be a single real number, got {T!r}")
    if not (np.isfinite(T) and T > 0):
        raise ValueError(f"T must be a finite number greater than 0, got {T!r}")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError(f"z must hold real numbers, got dtype {z.dtype}")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -z.ndim <= axis < z.ndim
    ):
        raise ValueError(f"axis must be an integer in range, got {axis!r}")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.longdouble if dtype == np.longdouble else np.float64
    x = z.astype(work)
    if x.shape[axis] == 0:
        return x.astype(dtype)
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        e = np.exp((x - np.where(m == -np.inf, 0, m)) / work(T))
        s = np.sum(e, axis=axis, keepdims=True)
        p = np.where(s == 0, 0, e / s)
    return p.astype(dtype)


@right(
    "softmax_with_temperature"
)  # row loop: move axis last, each row shifted by its own max then divided by T in float64; NaN/+inf rows -> NaN, -inf-only rows -> zeros; T checked with isinstance tests (0-d arrays unwrapped with .item())
def swt_rows(z, T, axis=-1):
    ok = (
        isinstance(T, (int, float, np.integer, np.floating)) and not isinstance(T, (bool, np.bool_))
    ) or (isinstance(T, np.ndarray) and T.shape == () and T.dtype.kind in "iuf")
    if not ok:
        raise ValueError("T must be a single real number")
    T = T.item() if isinstance(T, np.ndarray) else T
    if not (math.isfinite(float(T)) and T > 0):
        raise ValueError("T must be a finite number greater than 0")
    a = np.asarray(z)
    if not (
        np.issubdtype(a.dtype, np.integer) or np.issubdtype(a.dtype, np.floating) or a.dtype == bool
    ):
        raise ValueError("z must be real")
    if a.ndim == 0:
        raise ValueError("z must be at least 1-D")
    if (
        type(axis) is bool
        or not isinstance(axis, (int, np.integer))
        or not (-a.ndim <= axis < a.ndim)
    ):
        raise ValueError("axis out of range")
    dtype = a.dtype if np.issubdtype(a.dtype, np.floating) else np.dtype(np.float64)
    calc = np.dtype(np.longdouble) if dtype == np.longdouble else np.dtype(np.float64)
    moved = np.moveaxis(a.astype(calc), axis, -1)
    shape = moved.shape
    rows = moved.reshape(int(np.prod(shape[:-1])), shape[-1])
    out = np.zeros_like(rows)
    t = calc.type(T)
    for i in range(rows.shape[0]):
        row = rows[i]
        if row.size == 0:
            continue
        if np.isnan(row).any() or (row == np.inf).any():
            out[i] = np.nan
        elif (row == -np.inf).all():
            out[i] = 0
        else:
            with np.errstate(under="ignore", over="ignore"):
                e = np.exp((row - row.max()) / t)
            out[i] = e / e.sum()
    return np.moveaxis(out.reshape(shape), -1, axis).astype(dtype)


@right(
    "softmax_with_temperature"
)  # log-space: y = (z - m) / T, p = exp(y - log sum exp(y)) in float64 (no division of probabilities), -inf-only slices set to 0 explicitly, rounded once to the input dtype
def swt_logspace(z, T, axis=-1):
    if isinstance(T, np.ndarray):
        if T.ndim != 0 or T.dtype.kind not in "iuf":
            raise ValueError("T must be a single real number")
        T = T[()]
    if (
        isinstance(T, (bool, np.bool_))
        or not np.isscalar(T)
        or isinstance(T, (str, bytes, complex, np.complexfloating))
    ):
        raise ValueError("T must be a single real number")
    T = float(T) if not isinstance(T, np.longdouble) else T
    if not math.isfinite(T) or T <= 0:
        raise ValueError("T must be a finite number greater than 0")
    z = np.asarray(z)
    if not np.isrealobj(z) or z.dtype.kind not in "biuf":
        raise ValueError("z must be real")
    if z.ndim < 1:
        raise ValueError("z must be at least 1-D")
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
        raise ValueError("axis must be an integer")
    if axis < -z.ndim or axis >= z.ndim:
        raise ValueError("axis out of range")
    dt = z.dtype if z.dtype.kind == "f" else np.dtype("float64")
    cd = np.dtype(np.longdouble) if dt == np.longdouble else np.dtype(np.float64)
    x = z.astype(cd)
    if x.shape[axis] == 0:
        return x.astype(dt)
    with np.errstate(all="ignore"):
        m = x.max(axis=axis, keepdims=True)
        dead = m == -np.inf
        y = (x - np.where(dead, 0, m)) / cd.type(T)
        log_s = np.log(np.exp(y).sum(axis=axis, keepdims=True))
        p = np.where(dead, 0.0, np.exp(y - log_s))
    return p.astype(dt)


@wrong(
    "softmax_with_temperature", "temperature-multiplied"
)  # multiplies by T instead of dividing: softmax(z * T); softmax_with_temperature([0., ln 4], T=2.0) is [0.0588, 0.9412] instead of [0.3333, 0.6667]
def swt_times_T(z, T, axis=-1):
    if isinstance(T, np.ndarray) and T.ndim == 0 and T.dtype.kind in "iuf":
        T = T[()]
    if isinstance(T, (bool, np.bool_)) or not isinstance(T, (int, float, np.integer, np.floating)):
        raise ValueError(f"T must be a single real number, got {T!r}")
    if not (np.isfinite(T) and T > 0):
        raise ValueError(f"T must be a finite number greater than 0, got {T!r}")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -z.ndim <= axis < z.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.longdouble if dtype == np.longdouble else np.float64
    x = z.astype(work)
    if x.shape[axis] == 0:
        return x.astype(dtype)
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        e = np.exp((x - np.where(m == -np.inf, 0, m)) * work(T))
        s = np.sum(e, axis=axis, keepdims=True)
        p = np.where(s == 0, 0, e / s)
    return p.astype(dtype)


@wrong(
    "softmax_with_temperature", "temperature-divided-first"
)  # divides by T first and shifts afterwards: z / T overflows for a tiny T, softmax_with_temperature([1e306, 0.], 1e-3) is [nan, nan] instead of [1, 0]
def swt_divide_then_shift(z, T, axis=-1):
    if isinstance(T, np.ndarray) and T.ndim == 0 and T.dtype.kind in "iuf":
        T = T[()]
    if isinstance(T, (bool, np.bool_)) or not isinstance(T, (int, float, np.integer, np.floating)):
        raise ValueError(f"T must be a single real number, got {T!r}")
    if not (np.isfinite(T) and T > 0):
        raise ValueError(f"T must be a finite number greater than 0, got {T!r}")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -z.ndim <= axis < z.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.longdouble if dtype == np.longdouble else np.float64
    x = z.astype(work)
    if x.shape[axis] == 0:
        return x.astype(dtype)
    with np.errstate(all="ignore"):
        y = x / work(T)
        m = np.max(y, axis=axis, keepdims=True)
        e = np.exp(y - np.where(m == -np.inf, 0, m))
        s = np.sum(e, axis=axis, keepdims=True)
        p = np.where(s == 0, 0, e / s)
    return p.astype(dtype)


@wrong(
    "softmax_with_temperature", "temperature-divided-first"
)  # divides the raw float16 logits by T before converting to float64 and shifting: z / T overflows float16, softmax_with_temperature(np.float16([100, 0]), 1e-3) is [nan, nan] instead of [1, 0]
def swt_f16_divide_first(z, T, axis=-1):
    if isinstance(T, np.ndarray) and T.ndim == 0 and T.dtype.kind in "iuf":
        T = T[()]
    if isinstance(T, (bool, np.bool_)) or not isinstance(T, (int, float, np.integer, np.floating)):
        raise ValueError(f"T must be a single real number, got {T!r}")
    if not (np.isfinite(T) and T > 0):
        raise ValueError(f"T must be a finite number greater than 0, got {T!r}")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -z.ndim <= axis < z.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.longdouble if dtype == np.longdouble else np.float64
    with np.errstate(all="ignore"):
        scaled = z / T if z.dtype.kind == "f" else z.astype(work) / T
        x = scaled.astype(work)
        if x.shape[axis] == 0:
            return x.astype(dtype)
        m = np.max(x, axis=axis, keepdims=True)
        e = np.exp(x - np.where(m == -np.inf, 0, m))
        s = np.sum(e, axis=axis, keepdims=True)
        p = np.where(s == 0, 0, e / s)
    return p.astype(dtype)


@wrong(
    "softmax_with_temperature", "no-max-shift"
)  # no max shift at all: exp(z / T) overflows, softmax_with_temperature([1000., 1001., 999.], 1.0) is all NaN instead of [0.245, 0.665, 0.090]
def swt_noshift(z, T, axis=-1):
    if isinstance(T, np.ndarray) and T.ndim == 0 and T.dtype.kind in "iuf":
        T = T[()]
    if isinstance(T, (bool, np.bool_)) or not isinstance(T, (int, float, np.integer, np.floating)):
        raise ValueError(f"T must be a single real number, got {T!r}")
    if not (np.isfinite(T) and T > 0):
        raise ValueError(f"T must be a finite number greater than 0, got {T!r}")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -z.ndim <= axis < z.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.longdouble if dtype == np.longdouble else np.float64
    x = z.astype(work)
    if x.shape[axis] == 0:
        return x.astype(dtype)
    with np.errstate(all="ignore"):
        e = np.exp(x / work(T))
        s = np.sum(e, axis=axis, keepdims=True)
        p = np.where(s == 0, 0, e / s)
    return p.astype(dtype)


@wrong(
    "softmax_with_temperature", "no-value-error"
)  # no check of T's sign: softmax_with_temperature([1., 2., 3.], -1.0) returns the reversed distribution [0.665, 0.245, 0.090] instead of raising ValueError
def swt_no_sign_check(z, T, axis=-1):
    if isinstance(T, np.ndarray) and T.ndim == 0 and T.dtype.kind in "iuf":
        T = T[()]
    if isinstance(T, (bool, np.bool_)) or not isinstance(T, (int, float, np.integer, np.floating)):
        raise ValueError(f"T must be a single real number, got {T!r}")
    if not np.isfinite(T) or T == 0:
        raise ValueError(f"T must be a finite non-zero number, got {T!r}")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -z.ndim <= axis < z.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.longdouble if dtype == np.longdouble else np.float64
    x = z.astype(work)
    if x.shape[axis] == 0:
        return x.astype(dtype)
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        e = np.exp((x - np.where(m == -np.inf, 0, m)) / work(T))
        s = np.sum(e, axis=axis, keepdims=True)
        p = np.where(s == 0, 0, e / s)
    return p.astype(dtype)


@wrong(
    "softmax_with_temperature", "no-value-error"
)  # checks only T <= 0, not finiteness: softmax_with_temperature([1., 2., 3.], np.inf) returns the uniform [1/3, 1/3, 1/3] (and T=nan gives NaN) instead of raising ValueError
def swt_no_finite_check(z, T, axis=-1):
    if isinstance(T, np.ndarray) and T.ndim == 0 and T.dtype.kind in "iuf":
        T = T[()]
    if isinstance(T, (bool, np.bool_)) or not isinstance(T, (int, float, np.integer, np.floating)):
        raise ValueError(f"T must be a single real number, got {T!r}")
    if T <= 0:
        raise ValueError(f"T must be greater than 0, got {T!r}")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -z.ndim <= axis < z.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.longdouble if dtype == np.longdouble else np.float64
    x = z.astype(work)
    if x.shape[axis] == 0:
        return x.astype(dtype)
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        e = np.exp((x - np.where(m == -np.inf, 0, m)) / work(T))
        s = np.sum(e, axis=axis, keepdims=True)
        p = np.where(s == 0, 0, e / s)
    return p.astype(dtype)


@wrong(
    "softmax_with_temperature", "no-value-error"
)  # validates T with np.any / np.all on np.asarray(T), so an array T is accepted: softmax_with_temperature([1., 2., 3.], np.array([1.0])) returns probabilities instead of raising ValueError
def swt_array_T(z, T, axis=-1):
    t = np.asarray(T)
    if t.dtype.kind not in "iuf" or np.any(t <= 0) or not np.all(np.isfinite(t)):
        raise ValueError("T must be finite and greater than 0")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -z.ndim <= axis < z.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.longdouble if dtype == np.longdouble else np.float64
    x = z.astype(work)
    if x.shape[axis] == 0:
        return x.astype(dtype)
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        e = np.exp((x - np.where(m == -np.inf, 0, m)) / t.astype(work))
        s = np.sum(e, axis=axis, keepdims=True)
        p = np.where(s == 0, 0, e / s)
    return p.astype(dtype)


@wrong(
    "softmax_with_temperature", "temperature-float16-sum-overflow"
)  # computes in the input dtype (no float64 upcast), so in float16 a tiny T rounds to 0: softmax_with_temperature(np.float16([1, 0]), 1e-8) is [nan, nan] instead of [1, 0]
def swt_native_dtype(z, T, axis=-1):
    if isinstance(T, np.ndarray) and T.ndim == 0 and T.dtype.kind in "iuf":
        T = T[()]
    if isinstance(T, (bool, np.bool_)) or not isinstance(T, (int, float, np.integer, np.floating)):
        raise ValueError(f"T must be a single real number, got {T!r}")
    if not (np.isfinite(T) and T > 0):
        raise ValueError(f"T must be a finite number greater than 0, got {T!r}")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -z.ndim <= axis < z.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    x = z.astype(dtype)
    if x.shape[axis] == 0:
        return x
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        e = np.exp((x - np.where(m == -np.inf, 0, m)) / dtype.type(T))
        s = np.sum(e, axis=axis, keepdims=True)
        p = np.where(s == 0, 0, e / s)
    return p.astype(dtype)


@wrong(
    "softmax_with_temperature", "global-max-shift"
)  # shifts by the max of the whole array instead of each slice's: softmax_with_temperature([[0., 0.], [-1000., -1000.]], 1.0) gives row 2 = [0, 0] instead of [0.5, 0.5]
def swt_global_max(z, T, axis=-1):
    if isinstance(T, np.ndarray) and T.ndim == 0 and T.dtype.kind in "iuf":
        T = T[()]
    if isinstance(T, (bool, np.bool_)) or not isinstance(T, (int, float, np.integer, np.floating)):
        raise ValueError(f"T must be a single real number, got {T!r}")
    if not (np.isfinite(T) and T > 0):
        raise ValueError(f"T must be a finite number greater than 0, got {T!r}")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -z.ndim <= axis < z.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.longdouble if dtype == np.longdouble else np.float64
    x = z.astype(work)
    if x.size == 0:
        return x.astype(dtype)
    with np.errstate(all="ignore"):
        m = np.max(x)
        if m == -np.inf:
            m = work(0)
        e = np.exp((x - m) / work(T))
        s = np.sum(e, axis=axis, keepdims=True)
        p = np.where(s == 0, 0, e / s)
    return p.astype(dtype)


@wrong(
    "softmax_with_temperature", "wrong-dtype"
)  # computes in float64 but forgets to round back: float32 input returns float64 (softmax_with_temperature(np.float32([1, 2]), 0.5).dtype is float64)
def swt_returns_float64(z, T, axis=-1):
    if isinstance(T, np.ndarray) and T.ndim == 0 and T.dtype.kind in "iuf":
        T = T[()]
    if isinstance(T, (bool, np.bool_)) or not isinstance(T, (int, float, np.integer, np.floating)):
        raise ValueError(f"T must be a single real number, got {T!r}")
    if not (np.isfinite(T) and T > 0):
        raise ValueError(f"T must be a finite number greater than 0, got {T!r}")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -z.ndim <= axis < z.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.longdouble if dtype == np.longdouble else np.float64
    x = z.astype(work)
    if x.shape[axis] == 0:
        return x
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        e = np.exp((x - np.where(m == -np.inf, 0, m)) / work(T))
        s = np.sum(e, axis=axis, keepdims=True)
        return np.where(s == 0, 0, e / s)


@wrong(
    "softmax_with_temperature", "wrong-dtype"
)  # 'keeps the dtype' with .astype(z.dtype) of the original input, so integer logits give integer output: softmax_with_temperature([[0, 0], [0, 1]], 1.0, axis=0) is all 0 (int64)
def swt_int_output(z, T, axis=-1):
    if isinstance(T, np.ndarray) and T.ndim == 0 and T.dtype.kind in "iuf":
        T = T[()]
    if isinstance(T, (bool, np.bool_)) or not isinstance(T, (int, float, np.integer, np.floating)):
        raise ValueError(f"T must be a single real number, got {T!r}")
    if not (np.isfinite(T) and T > 0):
        raise ValueError(f"T must be a finite number greater than 0, got {T!r}")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -z.ndim <= axis < z.ndim
    ):
        raise ValueError("axis must be an integer in range")
    work = np.longdouble if z.dtype == np.longdouble else np.float64
    x = z.astype(work)
    if x.shape[axis] == 0:
        return x.astype(z.dtype)
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        e = np.exp((x - np.where(m == -np.inf, 0, m)) / work(T))
        s = np.sum(e, axis=axis, keepdims=True)
        p = np.where(s == 0, 0, e / s)
    return p.astype(z.dtype)


@wrong(
    "softmax_with_temperature", "missing-keepdims"
)  # normaliser summed without keepdims, so it divides by the wrong slice's sum: softmax_with_temperature([[0., 1.], [2., 5.]], 1.0) row 0 is [0.269, 0.953] instead of [0.269, 0.731]
def swt_nokeepdims(z, T, axis=-1):
    if isinstance(T, np.ndarray) and T.ndim == 0 and T.dtype.kind in "iuf":
        T = T[()]
    if isinstance(T, (bool, np.bool_)) or not isinstance(T, (int, float, np.integer, np.floating)):
        raise ValueError(f"T must be a single real number, got {T!r}")
    if not (np.isfinite(T) and T > 0):
        raise ValueError(f"T must be a finite number greater than 0, got {T!r}")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -z.ndim <= axis < z.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.longdouble if dtype == np.longdouble else np.float64
    x = z.astype(work)
    if x.shape[axis] == 0:
        return x.astype(dtype)
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        e = np.exp((x - np.where(m == -np.inf, 0, m)) / work(T))
        s = np.sum(e, axis=axis)
        p = np.where(s == 0, 0, e / s)
    return p.astype(dtype)


@wrong(
    "softmax_with_temperature", "wrong-values"
)  # follows the docstring's 'all -inf slice gives NaN' although the Settled details (which win) say zeros: softmax_with_temperature([[0., -inf], [-inf, -inf]], 1.0) row 2 is [nan, nan] instead of [0, 0]
def swt_allneginf_nan(z, T, axis=-1):
    if isinstance(T, np.ndarray) and T.ndim == 0 and T.dtype.kind in "iuf":
        T = T[()]
    if isinstance(T, (bool, np.bool_)) or not isinstance(T, (int, float, np.integer, np.floating)):
        raise ValueError(f"T must be a single real number, got {T!r}")
    if not (np.isfinite(T) and T > 0):
        raise ValueError(f"T must be a finite number greater than 0, got {T!r}")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -z.ndim <= axis < z.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.longdouble if dtype == np.longdouble else np.float64
    x = z.astype(work)
    if x.shape[axis] == 0:
        return x.astype(dtype)
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        e = np.exp((x - m) / work(T))
        p = e / np.sum(e, axis=axis, keepdims=True)
    return p.astype(dtype)


@wrong(
    "softmax_with_temperature", "modified-input"
)  # shifts in place (z -= max) on the caller's float array: z = np.array([1., 2., 3.]) becomes [-2, -1, 0]
def swt_inplace(z, T, axis=-1):
    if isinstance(T, np.ndarray) and T.ndim == 0 and T.dtype.kind in "iuf":
        T = T[()]
    if isinstance(T, (bool, np.bool_)) or not isinstance(T, (int, float, np.integer, np.floating)):
        raise ValueError(f"T must be a single real number, got {T!r}")
    if not (np.isfinite(T) and T > 0):
        raise ValueError(f"T must be a finite number greater than 0, got {T!r}")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -z.ndim <= axis < z.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = np.longdouble if dtype == np.longdouble else np.float64
    x = z if z.dtype == work else z.astype(work)
    if x.shape[axis] == 0:
        return x.astype(dtype)
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True)
        x -= np.where(m == -np.inf, 0, m)
        e = np.exp(x / work(T))
        s = np.sum(e, axis=axis, keepdims=True)
        p = np.where(s == 0, 0, e / s)
    return p.astype(dtype)


# ===========================================================================
# entropy
# ===========================================================================


@right(
    "entropy"
)  # range check with (p < 0) | (p > 1) (NaN passes and propagates), terms np.where(p == 0, 0, p log p), 0.0 - sum; float16 in float32 and rounded once
def entropy_where(p, axis=-1):
    p = np.asarray(p)
    if p.dtype.kind not in "biuf":
        raise ValueError(f"p must hold real numbers, got dtype {p.dtype}")
    if p.ndim == 0:
        raise ValueError("p must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -p.ndim <= axis < p.ndim
    ):
        raise ValueError(f"axis must be an integer in range, got {axis!r}")
    dtype = p.dtype if p.dtype.kind == "f" else np.dtype(np.float64)
    x = p.astype(np.float32 if dtype == np.float16 else dtype)
    if np.any((x < 0) | (x > 1)):
        raise ValueError("probabilities must lie in [0, 1]")
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(x == 0, 0, x * np.log(x))
    h = 0.0 - np.sum(terms, axis=axis)
    return np.asarray(h).astype(dtype)[()]


@right(
    "entropy"
)  # log of a masked copy: p * log(where(p > 0, p, 1)) makes 0 log 0 = 0 with no warning while NaN stays NaN (NaN * log 1 = NaN); float16 via float32
def entropy_masked_log(p, axis=-1):
    a = np.asarray(p)
    if not (
        np.issubdtype(a.dtype, np.integer) or np.issubdtype(a.dtype, np.floating) or a.dtype == bool
    ):
        raise ValueError("p must be real-valued")
    if a.ndim < 1:
        raise ValueError("p must be at least 1-D")
    if (
        type(axis) is bool
        or not isinstance(axis, (int, np.integer))
        or not (-a.ndim <= axis < a.ndim)
    ):
        raise ValueError("axis must be an integer in range")
    dtype = a.dtype if np.issubdtype(a.dtype, np.floating) else np.dtype(np.float64)
    calc = np.float32 if dtype == np.float16 else dtype
    x = a.astype(calc)
    bad = (x < 0) | (x > 1)
    if bad.any():
        raise ValueError("probabilities must lie in [0, 1]")
    safe = np.where(x > 0, x, 1)
    h = -np.sum(x * np.log(safe), axis=axis) + 0.0
    return np.asarray(h, dtype=calc).astype(dtype)[()]


@right(
    "entropy"
)  # row loop: move axis last, Python math.fsum of -p log p per row (0 skipped, NaN -> NaN), float64 arithmetic rounded once to the input dtype (longdouble rows in NumPy)
def entropy_rows(p, axis=-1):
    a = np.asarray(p)
    if a.dtype.kind not in "biuf":
        raise ValueError("p must be real")
    if a.ndim == 0:
        raise ValueError("p must have at least one dimension")
    if not isinstance(axis, (int, np.integer)) or isinstance(axis, (bool, np.bool_)):
        raise ValueError("axis must be an integer")
    if axis < -a.ndim or axis >= a.ndim:
        raise ValueError("axis out of range")
    dtype = a.dtype if a.dtype.kind == "f" else np.dtype(np.float64)
    a = a.astype(dtype)
    with np.errstate(invalid="ignore"):
        if np.any(a < 0) or np.any(a > 1):
            raise ValueError("probabilities must lie in [0, 1]")
    moved = np.moveaxis(a, axis, -1)
    batch = moved.shape[:-1]
    rows = moved.reshape(int(np.prod(batch)), moved.shape[-1])
    out = np.empty(rows.shape[0], dtype=dtype)
    for i, row in enumerate(rows):
        if dtype == np.longdouble:
            nz = row[row != 0]
            out[i] = 0.0 - np.sum(nz * np.log(nz))
            continue
        vals = [float(v) for v in row]
        if any(math.isnan(v) for v in vals):
            out[i] = math.nan
        else:
            out[i] = 0.0 - math.fsum(v * math.log(v) for v in vals if v != 0)
    return out.reshape(batch)[()]


@wrong(
    "entropy", "entropy-nan-at-zero"
)  # no 0 log 0 convention: -sum(p * log p) gives 0 * -inf = NaN, entropy([1., 0., 0.]) is nan instead of 0
def entropy_no_zero_rule(p, axis=-1):
    p = np.asarray(p)
    if p.dtype.kind not in "biuf":
        raise ValueError("p must hold real numbers")
    if p.ndim == 0:
        raise ValueError("p must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -p.ndim <= axis < p.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = p.dtype if p.dtype.kind == "f" else np.dtype(np.float64)
    x = p.astype(np.float32 if dtype == np.float16 else dtype)
    if np.any((x < 0) | (x > 1)):
        raise ValueError("probabilities must lie in [0, 1]")
    with np.errstate(divide="ignore", invalid="ignore"):
        h = 0.0 - np.sum(x * np.log(x), axis=axis)
    return np.asarray(h).astype(dtype)[()]


@wrong(
    "entropy", "entropy-nan-swallowed"
)  # np.where(p > 0, p log p, 0) also maps NaN to 0 (NaN > 0 is False): entropy([nan, 0.5]) is 0.3466 instead of nan
def entropy_nan_swallowed(p, axis=-1):
    p = np.asarray(p)
    if p.dtype.kind not in "biuf":
        raise ValueError("p must hold real numbers")
    if p.ndim == 0:
        raise ValueError("p must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -p.ndim <= axis < p.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = p.dtype if p.dtype.kind == "f" else np.dtype(np.float64)
    x = p.astype(np.float32 if dtype == np.float16 else dtype)
    if np.any((x < 0) | (x > 1)):
        raise ValueError("probabilities must lie in [0, 1]")
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(x > 0, x * np.log(x), 0)
    h = 0.0 - np.sum(terms, axis=axis)
    return np.asarray(h).astype(dtype)[()]


@wrong(
    "entropy", "wrong-values"
)  # adds a small epsilon inside the log to dodge log 0: a one-hot is no longer exactly 0, entropy([1., 0., 0.]) is -1e-12 instead of 0
def entropy_epsilon(p, axis=-1):
    p = np.asarray(p)
    if p.dtype.kind not in "biuf":
        raise ValueError("p must hold real numbers")
    if p.ndim == 0:
        raise ValueError("p must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -p.ndim <= axis < p.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = p.dtype if p.dtype.kind == "f" else np.dtype(np.float64)
    x = p.astype(np.float32 if dtype == np.float16 else dtype)
    if np.any((x < 0) | (x > 1)):
        raise ValueError("probabilities must lie in [0, 1]")
    h = 0.0 - np.sum(x * np.log(x + 1e-12), axis=axis)
    return np.asarray(h).astype(dtype)[()]


@wrong(
    "entropy", "entropy-not-in-nats"
)  # uses log2 (bits) instead of the natural log (nats): entropy([0.5, 0.5]) is 1.0 instead of ln 2
def entropy_bits(p, axis=-1):
    p = np.asarray(p)
    if p.dtype.kind not in "biuf":
        raise ValueError("p must hold real numbers")
    if p.ndim == 0:
        raise ValueError("p must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -p.ndim <= axis < p.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = p.dtype if p.dtype.kind == "f" else np.dtype(np.float64)
    x = p.astype(np.float32 if dtype == np.float16 else dtype)
    if np.any((x < 0) | (x > 1)):
        raise ValueError("probabilities must lie in [0, 1]")
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(x == 0, 0, x * np.log2(x))
    h = 0.0 - np.sum(terms, axis=axis)
    return np.asarray(h).astype(dtype)[()]


@wrong(
    "entropy", "entropy-missing-minus-sign"
)  # sign dropped: returns sum(p log p), entropy([0.5, 0.5]) is -0.693 instead of +0.693
def entropy_wrong_sign(p, axis=-1):
    p = np.asarray(p)
    if p.dtype.kind not in "biuf":
        raise ValueError("p must hold real numbers")
    if p.ndim == 0:
        raise ValueError("p must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -p.ndim <= axis < p.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = p.dtype if p.dtype.kind == "f" else np.dtype(np.float64)
    x = p.astype(np.float32 if dtype == np.float16 else dtype)
    if np.any((x < 0) | (x > 1)):
        raise ValueError("probabilities must lie in [0, 1]")
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(x == 0, 0, x * np.log(x))
    h = np.sum(terms, axis=axis) + 0.0
    return np.asarray(h).astype(dtype)[()]


@wrong(
    "entropy", "entropy-summed-over-everything"
)  # sums over the whole array (np.sum without axis): entropy([[0.25]*4, [0.5, 0.5, 0, 0]]) is the scalar 2.079 instead of [1.386, 0.693]
def entropy_whole_array(p, axis=-1):
    p = np.asarray(p)
    if p.dtype.kind not in "biuf":
        raise ValueError("p must hold real numbers")
    if p.ndim == 0:
        raise ValueError("p must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -p.ndim <= axis < p.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = p.dtype if p.dtype.kind == "f" else np.dtype(np.float64)
    x = p.astype(np.float32 if dtype == np.float16 else dtype)
    if np.any((x < 0) | (x > 1)):
        raise ValueError("probabilities must lie in [0, 1]")
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(x == 0, 0, x * np.log(x))
    h = 0.0 - np.sum(terms)
    return np.asarray(h).astype(dtype)[()]


@wrong(
    "entropy", "no-value-error"
)  # no range validation: entropy([0.5, -0.5, 1.0]) returns nan (log of a negative) instead of raising ValueError
def entropy_no_range_check(p, axis=-1):
    p = np.asarray(p)
    if p.dtype.kind not in "biuf":
        raise ValueError("p must hold real numbers")
    if p.ndim == 0:
        raise ValueError("p must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -p.ndim <= axis < p.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = p.dtype if p.dtype.kind == "f" else np.dtype(np.float64)
    x = p.astype(np.float32 if dtype == np.float16 else dtype)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(x == 0, 0, x * np.log(x))
    h = 0.0 - np.sum(terms, axis=axis)
    return np.asarray(h).astype(dtype)[()]


@wrong(
    "entropy", "raised-error"
)  # range check written as 'not all 0 <= p <= 1', which also rejects NaN: entropy([nan, 0.5]) raises ValueError instead of returning nan
def entropy_rejects_nan(p, axis=-1):
    p = np.asarray(p)
    if p.dtype.kind not in "biuf":
        raise ValueError("p must hold real numbers")
    if p.ndim == 0:
        raise ValueError("p must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -p.ndim <= axis < p.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = p.dtype if p.dtype.kind == "f" else np.dtype(np.float64)
    x = p.astype(np.float32 if dtype == np.float16 else dtype)
    if not np.all((x >= 0) & (x <= 1)):
        raise ValueError("probabilities must lie in [0, 1]")
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(x == 0, 0, x * np.log(x))
    h = 0.0 - np.sum(terms, axis=axis)
    return np.asarray(h).astype(dtype)[()]


@wrong(
    "entropy", "raised-error"
)  # insists that every slice sums to exactly 1: entropy([0.7, 0.2, 0.1]) (np.sum gives 0.9999999999999999) raises ValueError instead of returning 0.8018
def entropy_exact_sum(p, axis=-1):
    p = np.asarray(p)
    if p.dtype.kind not in "biuf":
        raise ValueError("p must hold real numbers")
    if p.ndim == 0:
        raise ValueError("p must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -p.ndim <= axis < p.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = p.dtype if p.dtype.kind == "f" else np.dtype(np.float64)
    x = p.astype(np.float32 if dtype == np.float16 else dtype)
    if np.any((x < 0) | (x > 1)):
        raise ValueError("probabilities must lie in [0, 1]")
    sums = np.sum(x, axis=axis)
    if x.shape[axis] > 0 and np.any(sums[~np.isnan(sums)] != 1):
        raise ValueError("each distribution must sum to 1")
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(x == 0, 0, x * np.log(x))
    h = 0.0 - np.sum(terms, axis=axis)
    return np.asarray(h).astype(dtype)[()]


@wrong(
    "entropy", "wrong-dtype"
)  # np.asarray(p, dtype=float): float32 input gives a float64 entropy (entropy(np.float32([0.5, 0.5])).dtype is float64)
def entropy_float64(p, axis=-1):
    p = np.asarray(p)
    if p.dtype.kind not in "biuf":
        raise ValueError("p must hold real numbers")
    if p.ndim == 0:
        raise ValueError("p must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -p.ndim <= axis < p.ndim
    ):
        raise ValueError("axis must be an integer in range")
    x = np.asarray(p, dtype=float)
    if np.any((x < 0) | (x > 1)):
        raise ValueError("probabilities must lie in [0, 1]")
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(x == 0, 0, x * np.log(x))
    return (0.0 - np.sum(terms, axis=axis))[()]


@wrong(
    "entropy", "modified-input"
)  # replaces zeros by ones in place to avoid log 0 (p[p == 0] = 1): the caller's array np.array([1., 0.]) becomes [1., 1.]
def entropy_inplace(p, axis=-1):
    p = np.asarray(p)
    if p.dtype.kind not in "biuf":
        raise ValueError("p must hold real numbers")
    if p.ndim == 0:
        raise ValueError("p must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -p.ndim <= axis < p.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = p.dtype if p.dtype.kind == "f" else np.dtype(np.float64)
    x = (
        p
        if p.dtype in (np.float32, np.float64, np.longdouble)
        else p.astype(np.float32 if dtype == np.float16 else dtype)
    )
    if np.any((x < 0) | (x > 1)):
        raise ValueError("probabilities must lie in [0, 1]")
    x[x == 0] = 1  # log 1 = 0, so the term vanishes
    h = 0.0 - np.sum(x * np.log(x), axis=axis)
    return np.asarray(h).astype(dtype)[()]


@wrong(
    "entropy", "wrong-dtype"
)  # casts the result back to p's own dtype, so integer input is not promoted: entropy([1, 0]) is int64 0 instead of float64 0.0
def entropy_int_result(p, axis=-1):
    p = np.asarray(p)
    if p.dtype.kind not in "biuf":
        raise ValueError("p must hold real numbers")
    if p.ndim == 0:
        raise ValueError("p must have at least one dimension")
    if (
        isinstance(axis, (bool, np.bool_))
        or not isinstance(axis, (int, np.integer))
        or not -p.ndim <= axis < p.ndim
    ):
        raise ValueError("axis must be an integer in range")
    dtype = p.dtype if p.dtype.kind == "f" else np.dtype(np.float64)
    x = p.astype(np.float32 if dtype == np.float16 else dtype)
    if np.any((x < 0) | (x > 1)):
        raise ValueError("probabilities must lie in [0, 1]")
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(x == 0, 0, x * np.log(x))
    h = 0.0 - np.sum(terms, axis=axis)
    return np.asarray(h).astype(p.dtype)[()]


# ===========================================================================
# sample_with_temperature
# ===========================================================================


@right(
    "sample_with_temperature"
)  # the contract's inverse transform: p = softmax((z - max) / T) in float64, c = cumsum(p) / its last entry, u = rng.random(size), np.searchsorted(c, u, side='right')
def sample_searchsorted(z, T, rng, size=None):
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng must be a numpy.random.Generator, got {rng!r}")
    if isinstance(T, np.ndarray) and T.ndim == 0 and T.dtype.kind in "iuf":
        T = T[()]
    if isinstance(T, (bool, np.bool_)) or not isinstance(T, (int, float, np.integer, np.floating)):
        raise ValueError(f"T must be a single real number, got {T!r}")
    if not (np.isfinite(T) and T > 0):
        raise ValueError(f"T must be a finite number greater than 0, got {T!r}")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim != 1 or z.size == 0:
        raise ValueError("z must be a non-empty 1-D array of real logits")
    x = z.astype(np.float64)
    if np.isnan(x).any() or (x == np.inf).any() or (x == -np.inf).all():
        raise ValueError("the logits must not be NaN or +inf, nor all -inf")
    with np.errstate(under="ignore"):
        e = np.exp((x - x.max()) / np.float64(T))
    p = e / e.sum()
    c = np.cumsum(p)
    c /= c[-1]
    u = rng.random(size)
    return np.searchsorted(c, u, side="right")


@right(
    "sample_with_temperature"
)  # rng.choice(len(z), size=size, p=p) with p the float64 softmax(z / T): the SPEC notes these are exactly the contract's draws (Generator.choice is itself cumsum/normalise + random + searchsorted right); choice's Python int for size=None is wrapped to numpy.intp; verified equal draw for draw against the reference and by a chi-square test
def sample_choice(z, T, rng, size=None):
    if not isinstance(rng, np.random.Generator):
        raise ValueError("rng must be a numpy.random.Generator")
    ok_T = (
        isinstance(T, (int, float, np.integer, np.floating)) and not isinstance(T, (bool, np.bool_))
    ) or (isinstance(T, np.ndarray) and T.shape == () and T.dtype.kind in "iuf")
    if not ok_T:
        raise ValueError("T must be a single real number")
    T = float(T)
    if not (math.isfinite(T) and T > 0):
        raise ValueError("T must be a finite number greater than 0")
    arr = np.asarray(z)
    if not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool) or np.iscomplexobj(arr):
        raise ValueError("z must be real")
    if arr.ndim != 1 or len(arr) == 0:
        raise ValueError("z must be a non-empty 1-D array")
    x = arr.astype(float)
    if np.any(np.isnan(x)) or np.any(np.isposinf(x)) or np.all(np.isneginf(x)):
        raise ValueError("logits must not be NaN or +inf, nor all -inf")
    with np.errstate(under="ignore"):
        w = np.exp((x - np.max(x)) / T)
    p = w / np.sum(w)
    draws = np.asarray(rng.choice(len(x), size=size, p=p), dtype=np.intp)
    return draws[()] if draws.ndim == 0 else draws  # choice gives a Python int for size=None


@right(
    "sample_with_temperature"
)  # explicit loop: one u per draw from u = rng.random(size), then walk the cumulative sums (normalised to end at 1) until c[k] > u; same draws as the reference
def sample_loop(z, T, rng, size=None):
    if type(rng) is not np.random.Generator and not isinstance(rng, np.random.Generator):
        raise ValueError("rng must be a numpy.random.Generator")
    if isinstance(T, np.ndarray):
        if T.shape != () or T.dtype.kind not in "iuf":
            raise ValueError("T must be a single real number")
        T = T.item()
    if isinstance(T, (bool, np.bool_)) or not isinstance(T, (int, float, np.integer, np.floating)):
        raise ValueError("T must be a single real number")
    if not (np.isfinite(T) and T > 0):
        raise ValueError("T must be a finite number greater than 0")
    a = np.asarray(z)
    if a.dtype.kind not in "biuf":
        raise ValueError("z must be real")
    if a.ndim != 1 or a.shape[0] < 1:
        raise ValueError("z must be a non-empty 1-D array")
    vals = [float(v) for v in a]
    if any(math.isnan(v) or v == math.inf for v in vals) or all(v == -math.inf for v in vals):
        raise ValueError("logits must not be NaN or +inf, nor all -inf")
    m = max(vals)
    w = [math.exp((v - m) / float(T)) for v in vals]
    total = float(np.sum(w))
    c = np.cumsum(np.array(w) / total)
    c = c / c[-1]
    u = rng.random(size)
    flat = np.atleast_1d(u).ravel()
    idx = np.empty(flat.shape, dtype=np.intp)
    for n, un in enumerate(flat):
        k = 0
        while c[k] <= un:
            k += 1
        idx[n] = k
    if np.ndim(u) == 0:
        return idx[0]
    return idx.reshape(np.shape(u))


@wrong(
    "sample_with_temperature", "sampling-ignores-rng"
)  # ignores the given Generator and draws with NumPy's global state (np.random.choice): with rng=np.random.default_rng(0), sample_with_temperature([1., 2., 3.], 1.0, rng, size=8) is not [2, 1, 0, 0, 2, 2, 2, 2]
def sample_global_random(z, T, rng, size=None):
    if not isinstance(rng, np.random.Generator):
        raise ValueError("rng must be a numpy.random.Generator")
    if isinstance(T, np.ndarray) and T.ndim == 0 and T.dtype.kind in "iuf":
        T = T[()]
    if isinstance(T, (bool, np.bool_)) or not isinstance(T, (int, float, np.integer, np.floating)):
        raise ValueError("T must be a single real number")
    if not (np.isfinite(T) and T > 0):
        raise ValueError("T must be a finite number greater than 0")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim != 1 or z.size == 0:
        raise ValueError("z must be a non-empty 1-D array of real logits")
    x = z.astype(np.float64)
    if np.isnan(x).any() or (x == np.inf).any() or (x == -np.inf).all():
        raise ValueError("the logits must not be NaN or +inf, nor all -inf")
    with np.errstate(under="ignore"):
        e = np.exp((x - x.max()) / np.float64(T))
    p = e / e.sum()
    return np.random.choice(len(x), size=size, p=p)


@wrong(
    "sample_with_temperature", "temperature-multiplied"
)  # multiplies by T instead of dividing: draws from softmax(z * T), almost uniform for a small T; sample_with_temperature([1., 2., 3.], 0.01, np.random.default_rng(0)) is 1 instead of 2 (the argmax)
def sample_times_T(z, T, rng, size=None):
    if not isinstance(rng, np.random.Generator):
        raise ValueError("rng must be a numpy.random.Generator")
    if isinstance(T, np.ndarray) and T.ndim == 0 and T.dtype.kind in "iuf":
        T = T[()]
    if isinstance(T, (bool, np.bool_)) or not isinstance(T, (int, float, np.integer, np.floating)):
        raise ValueError("T must be a single real number")
    if not (np.isfinite(T) and T > 0):
        raise ValueError("T must be a finite number greater than 0")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim != 1 or z.size == 0:
        raise ValueError("z must be a non-empty 1-D array of real logits")
    x = z.astype(np.float64)
    if np.isnan(x).any() or (x == np.inf).any() or (x == -np.inf).all():
        raise ValueError("the logits must not be NaN or +inf, nor all -inf")
    with np.errstate(under="ignore"):
        e = np.exp((x - x.max()) * np.float64(T))
    p = e / e.sum()
    c = np.cumsum(p)
    c /= c[-1]
    return np.searchsorted(c, rng.random(size), side="right")


# Not catalogued: a right sampler. The sampling method is not part of the contract (the
# reference's docstring says so since this round): any draw from `rng` with these
# probabilities is correct.
# Gumbel-max sampling with rng.gumbel: the right distribution but not the contract's inverse-transform draws, so a seed does not reproduce them: default_rng(0), [1., 2., 3.], T=1, size=8 is not [2, 1, 0, 0, 2, 2, 2, 2]
def sample_gumbel(z, T, rng, size=None):
    if not isinstance(rng, np.random.Generator):
        raise ValueError("rng must be a numpy.random.Generator")
    if isinstance(T, np.ndarray) and T.ndim == 0 and T.dtype.kind in "iuf":
        T = T[()]
    if isinstance(T, (bool, np.bool_)) or not isinstance(T, (int, float, np.integer, np.floating)):
        raise ValueError("T must be a single real number")
    if not (np.isfinite(T) and T > 0):
        raise ValueError("T must be a finite number greater than 0")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim != 1 or z.size == 0:
        raise ValueError("z must be a non-empty 1-D array of real logits")
    x = z.astype(np.float64)
    if np.isnan(x).any() or (x == np.inf).any() or (x == -np.inf).all():
        raise ValueError("the logits must not be NaN or +inf, nor all -inf")
    shape = () if size is None else (tuple(size) if np.iterable(size) else (int(size),))
    g = rng.gumbel(size=shape + (len(x),))
    with np.errstate(invalid="ignore"):
        idx = np.argmax(x / np.float64(T) + g, axis=-1)
    return idx if size is not None else np.intp(idx)


@wrong(
    "sample_with_temperature", "no-value-error"
)  # accepts a seed as rng via np.random.default_rng(rng): sample_with_temperature([1., 2.], 1.0, rng=0) returns a draw instead of raising ValueError
def sample_accepts_seed(z, T, rng, size=None):
    rng = np.random.default_rng(rng)
    if isinstance(T, np.ndarray) and T.ndim == 0 and T.dtype.kind in "iuf":
        T = T[()]
    if isinstance(T, (bool, np.bool_)) or not isinstance(T, (int, float, np.integer, np.floating)):
        raise ValueError("T must be a single real number")
    if not (np.isfinite(T) and T > 0):
        raise ValueError("T must be a finite number greater than 0")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim != 1 or z.size == 0:
        raise ValueError("z must be a non-empty 1-D array of real logits")
    x = z.astype(np.float64)
    if np.isnan(x).any() or (x == np.inf).any() or (x == -np.inf).all():
        raise ValueError("the logits must not be NaN or +inf, nor all -inf")
    with np.errstate(under="ignore"):
        e = np.exp((x - x.max()) / np.float64(T))
    p = e / e.sum()
    c = np.cumsum(p)
    c /= c[-1]
    return np.searchsorted(c, rng.random(size), side="right")


@wrong(
    "sample_with_temperature", "no-value-error"
)  # no check on T: sample_with_temperature([1., 2., 3.], -1.0, rng, size=4) draws from the reversed distribution (default_rng(0) gives [0, 0, 0, 0]) instead of raising ValueError
def sample_no_T_check(z, T, rng, size=None):
    if not isinstance(rng, np.random.Generator):
        raise ValueError("rng must be a numpy.random.Generator")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim != 1 or z.size == 0:
        raise ValueError("z must be a non-empty 1-D array of real logits")
    x = z.astype(np.float64)
    if np.isnan(x).any() or (x == np.inf).any() or (x == -np.inf).all():
        raise ValueError("the logits must not be NaN or +inf, nor all -inf")
    with np.errstate(all="ignore"):
        y = x / T
        e = np.exp(y - y.max())
    p = e / e.sum()
    c = np.cumsum(p)
    c /= c[-1]
    return np.searchsorted(c, rng.random(size), side="right")


@wrong(
    "sample_with_temperature", "no-value-error"
)  # no check on the logits: sample_with_temperature([1., nan], 1.0, rng) returns an index instead of raising ValueError
def sample_no_logit_check(z, T, rng, size=None):
    if not isinstance(rng, np.random.Generator):
        raise ValueError("rng must be a numpy.random.Generator")
    if isinstance(T, np.ndarray) and T.ndim == 0 and T.dtype.kind in "iuf":
        T = T[()]
    if isinstance(T, (bool, np.bool_)) or not isinstance(T, (int, float, np.integer, np.floating)):
        raise ValueError("T must be a single real number")
    if not (np.isfinite(T) and T > 0):
        raise ValueError("T must be a finite number greater than 0")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim != 1 or z.size == 0:
        raise ValueError("z must be a non-empty 1-D array of real logits")
    x = z.astype(np.float64)
    with np.errstate(all="ignore"):
        e = np.exp((x - x.max()) / np.float64(T))
        p = e / e.sum()
        c = np.cumsum(p)
        c /= c[-1]
    return np.searchsorted(c, rng.random(size), side="right")


@wrong(
    "sample_with_temperature", "no-max-shift"
)  # no max shift before exp: exp(1000) overflows, p is NaN and rng.choice raises; sample_with_temperature([1000., 0.], 1.0, rng, size=5) raises ValueError instead of [0, 0, 0, 0, 0]
def sample_noshift(z, T, rng, size=None):
    if not isinstance(rng, np.random.Generator):
        raise ValueError("rng must be a numpy.random.Generator")
    if isinstance(T, np.ndarray) and T.ndim == 0 and T.dtype.kind in "iuf":
        T = T[()]
    if isinstance(T, (bool, np.bool_)) or not isinstance(T, (int, float, np.integer, np.floating)):
        raise ValueError("T must be a single real number")
    if not (np.isfinite(T) and T > 0):
        raise ValueError("T must be a finite number greater than 0")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim != 1 or z.size == 0:
        raise ValueError("z must be a non-empty 1-D array of real logits")
    x = z.astype(np.float64)
    if np.isnan(x).any() or (x == np.inf).any() or (x == -np.inf).all():
        raise ValueError("the logits must not be NaN or +inf, nor all -inf")
    with np.errstate(all="ignore"):
        e = np.exp(x / np.float64(T))
        p = e / e.sum()
    return rng.choice(len(x), size=size, p=p)


@wrong(
    "sample_with_temperature", "wrong-shape"
)  # draws u = rng.random(size or 1), so size=None returns a length-1 array instead of one index: sample_with_temperature([1., 2., 3.], 1.0, rng) is array([2]), not np.int64(2)
def sample_size_none_array(z, T, rng, size=None):
    if not isinstance(rng, np.random.Generator):
        raise ValueError("rng must be a numpy.random.Generator")
    if isinstance(T, np.ndarray) and T.ndim == 0 and T.dtype.kind in "iuf":
        T = T[()]
    if isinstance(T, (bool, np.bool_)) or not isinstance(T, (int, float, np.integer, np.floating)):
        raise ValueError("T must be a single real number")
    if not (np.isfinite(T) and T > 0):
        raise ValueError("T must be a finite number greater than 0")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim != 1 or z.size == 0:
        raise ValueError("z must be a non-empty 1-D array of real logits")
    x = z.astype(np.float64)
    if np.isnan(x).any() or (x == np.inf).any() or (x == -np.inf).all():
        raise ValueError("the logits must not be NaN or +inf, nor all -inf")
    with np.errstate(under="ignore"):
        e = np.exp((x - x.max()) / np.float64(T))
    p = e / e.sum()
    c = np.cumsum(p)
    c /= c[-1]
    u = rng.random(size if size is not None else 1)
    return np.searchsorted(c, u, side="right")


@wrong(
    "sample_with_temperature", "not-array-like"
)  # array-likes not accepted (z.ndim / z.astype on the argument): sample_with_temperature([1., 2., 3.], 1.0, rng, size=8) raises AttributeError on a list
def sample_no_asarray(z, T, rng, size=None):
    if not isinstance(rng, np.random.Generator):
        raise ValueError("rng must be a numpy.random.Generator")
    if isinstance(T, np.ndarray) and T.ndim == 0 and T.dtype.kind in "iuf":
        T = T[()]
    if isinstance(T, (bool, np.bool_)) or not isinstance(T, (int, float, np.integer, np.floating)):
        raise ValueError("T must be a single real number")
    if not (np.isfinite(T) and T > 0):
        raise ValueError("T must be a finite number greater than 0")
    if z.dtype.kind not in "biuf" or z.ndim != 1 or z.size == 0:
        raise ValueError("z must be a non-empty 1-D array of real logits")
    x = z.astype(np.float64)
    if np.isnan(x).any() or (x == np.inf).any() or (x == -np.inf).all():
        raise ValueError("the logits must not be NaN or +inf, nor all -inf")
    with np.errstate(under="ignore"):
        e = np.exp((x - x.max()) / np.float64(T))
    p = e / e.sum()
    c = np.cumsum(p)
    c /= c[-1]
    return np.searchsorted(c, rng.random(size), side="right")


# Not catalogued: a Python int is as good an index as numpy.intp (the docstring says so).
# returns a Python int for size=None (int(np.searchsorted(...))) instead of a numpy.intp: type(sample_with_temperature([1., 2., 3.], 0.01, rng)) is int
def sample_python_int(z, T, rng, size=None):
    if not isinstance(rng, np.random.Generator):
        raise ValueError("rng must be a numpy.random.Generator")
    if isinstance(T, np.ndarray) and T.ndim == 0 and T.dtype.kind in "iuf":
        T = T[()]
    if isinstance(T, (bool, np.bool_)) or not isinstance(T, (int, float, np.integer, np.floating)):
        raise ValueError("T must be a single real number")
    if not (np.isfinite(T) and T > 0):
        raise ValueError("T must be a finite number greater than 0")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim != 1 or z.size == 0:
        raise ValueError("z must be a non-empty 1-D array of real logits")
    x = z.astype(np.float64)
    if np.isnan(x).any() or (x == np.inf).any() or (x == -np.inf).all():
        raise ValueError("the logits must not be NaN or +inf, nor all -inf")
    with np.errstate(under="ignore"):
        e = np.exp((x - x.max()) / np.float64(T))
    p = e / e.sum()
    c = np.cumsum(p)
    c /= c[-1]
    idx = np.searchsorted(c, rng.random(size), side="right")
    return int(idx) if size is None else idx


# ===========================================================================
# fit_temperature
# ===========================================================================


@right(
    "fit_temperature"
)  # safeguarded Newton on b = 1/T from b = 1: g(b) = mean(E_p z - z_y), g'(b) = mean Var_p z, a bracket (lo, hi) narrowed by the sign of g, bisection (or doubling) when Newton leaves it; rows shifted by their max; float64; whole-number float labels accepted
def fit_newton(logits, labels):
    z = np.asarray(logits)
    if z.dtype.kind not in "iuf" or z.ndim != 2:
        raise ValueError("logits must be a 2-D array (N, K) of real numbers")
    n, k = z.shape
    if n < 1 or k < 2:
        raise ValueError("need at least one sample and two classes")
    z = z.astype(np.float64)
    if not np.all(np.isfinite(z)):
        raise ValueError("logits must all be finite")
    y = np.asarray(labels)
    if y.shape != (n,) or y.dtype.kind not in "iuf":
        raise ValueError("labels must be N integers")
    if y.dtype.kind == "f":
        if not (np.all(np.isfinite(y)) and np.all(y == np.floor(y))):
            raise ValueError("labels must be whole numbers")
    if np.any(y < 0) or np.any(y >= k):
        raise ValueError(f"labels must lie in 0..{k - 1}")
    y = y.astype(np.intp)
    zs = z - z.max(axis=1, keepdims=True)
    zy = zs[np.arange(n), y]
    if np.mean(zs.mean(axis=1) - zy) >= 0:
        raise ValueError(
            "the logits are no better than uniform: no finite temperature minimises the NLL"
        )
    if np.all(zy == 0):
        raise ValueError(
            "every label is the largest logit of its row: no finite temperature minimises the NLL"
        )

    def g_h(b):
        with np.errstate(under="ignore"):
            e = np.exp(b * zs)
        p = e / e.sum(axis=1, keepdims=True)
        mean = (p * zs).sum(axis=1)
        var = (p * (zs - mean[:, None]) ** 2).sum(axis=1)
        return float(np.mean(mean - zy)), float(np.mean(var))

    lo, hi, b = 0.0, math.inf, 1.0
    for _ in range(500):
        g, h = g_h(b)
        if g == 0:
            break
        if g < 0:
            lo = b
        else:
            hi = b
        nb = b - g / h if h > 0 else math.nan
        if not (lo < nb < hi) or not math.isfinite(nb):
            nb = 2 * b if math.isinf(hi) else 0.5 * (lo + hi)
        if abs(nb - b) <= 1e-15 * b or (math.isfinite(hi) and hi - lo <= 4e-16 * hi):
            b = nb
            break
        b = nb
    return float(1.0 / b)


@right(
    "fit_temperature"
)  # bisection on b = 1/T: double hi until g(hi) > 0 (g increasing, g(0) < 0 checked first), then halve the bracket until the floats meet; per-row max shift; whole-number float labels accepted
def fit_bisection(logits, labels):
    z = np.asarray(logits)
    if (
        not (np.issubdtype(z.dtype, np.integer) or np.issubdtype(z.dtype, np.floating))
        or z.ndim != 2
    ):
        raise ValueError("logits must be a 2-D array of real numbers")
    if z.shape[0] < 1 or z.shape[1] < 2:
        raise ValueError("need N >= 1 and K >= 2")
    z = z.astype(float)
    if not np.isfinite(z).all():
        raise ValueError("logits must be finite")
    n, k = z.shape
    lab = np.asarray(labels)
    if lab.ndim != 1 or lab.shape[0] != n:
        raise ValueError("labels must have shape (N,)")
    if np.issubdtype(lab.dtype, np.integer):
        yi = lab.astype(np.int64)
    elif (
        np.issubdtype(lab.dtype, np.floating)
        and np.isfinite(lab).all()
        and (lab == np.round(lab)).all()
    ):
        yi = lab.astype(np.int64)
    else:
        raise ValueError("labels must be integers (or whole-number floats)")
    if (yi < 0).any() or (yi >= k).any():
        raise ValueError("labels out of range")
    zs = z - z.max(axis=1, keepdims=True)
    zy = zs[np.arange(n), yi]

    def g(b):
        with np.errstate(under="ignore"):
            w = np.exp(b * zs)
        return float(np.mean((w * zs).sum(axis=1) / w.sum(axis=1) - zy))

    if g(0.0) >= 0:
        raise ValueError("logits no better than uniform: the NLL keeps decreasing as T -> infinity")
    if (zy == 0).all():
        raise ValueError("every label is a row maximum: the NLL keeps decreasing as T -> 0")
    lo, hi = 0.0, 1.0
    while g(hi) < 0:
        lo, hi = hi, hi * 2
    for _ in range(2000):
        mid = 0.5 * (lo + hi)
        if mid <= lo or mid >= hi:
            break
        gm = g(mid)
        if gm < 0:
            lo = mid
        elif gm > 0:
            hi = mid
        else:
            lo = hi = mid
            break
    return float(1.0 / (0.5 * (lo + hi)))


@right(
    "fit_temperature"
)  # Illinois (modified regula falsi) on g(b) = 0 in b = 1/T over a bracket found by doubling, with plain Python loops over the rows for g; whole-number float labels accepted
def fit_illinois(logits, labels):
    arr = np.asarray(logits)
    if arr.dtype.kind not in "iuf" or arr.ndim != 2 or arr.shape[0] < 1 or arr.shape[1] < 2:
        raise ValueError("logits must be (N, K) real with N >= 1, K >= 2")
    if not np.isfinite(arr.astype(float)).all():
        raise ValueError("logits must be finite")
    n, k = arr.shape
    lab = np.asarray(labels)
    if lab.shape != (n,) or lab.dtype.kind not in "iuf":
        raise ValueError("labels must be N integers")
    if lab.dtype.kind == "f" and not all(
        math.isfinite(v) and float(v).is_integer() for v in lab.tolist()
    ):
        raise ValueError("labels must be whole numbers")
    ys = [int(v) for v in lab.tolist()]
    if any(v < 0 or v >= k for v in ys):
        raise ValueError("labels out of range")
    rows = []
    for r, yv in zip(arr.astype(float).tolist(), ys):
        m = max(r)
        rows.append(([v - m for v in r], r[yv] - m))
    g0 = sum(sum(r) / k - ry for r, ry in rows) / n
    if g0 >= 0:
        raise ValueError("no better than uniform: T -> infinity")
    if all(ry == 0 for _, ry in rows):
        raise ValueError("every label is a row maximum: T -> 0")

    def g(b):
        tot = 0.0
        for r, ry in rows:
            w = [math.exp(b * v) for v in r]
            s = math.fsum(w)
            tot += math.fsum(wi * v for wi, v in zip(w, r)) / s - ry
        return tot / n

    a, ga = 0.0, g0
    c = 1.0
    gc = g(c)
    while gc < 0:
        a, ga = c, gc
        c *= 2
        gc = g(c)
    if gc == 0:
        return float(1.0 / c)
    side = 0
    for _ in range(300):
        x = (a * gc - c * ga) / (gc - ga)
        if not (a < x < c):
            x = 0.5 * (a + c)
        gx = g(x)
        if gx == 0 or c - a <= 2e-16 * c:
            break
        if gx < 0:
            a, ga = x, gx
            if side == -1:
                gc *= 0.5
            side = -1
        else:
            c, gc = x, gx
            if side == 1:
                ga *= 0.5
            side = 1
    return float(1.0 / x)


@wrong(
    "fit_temperature", "fit-temperature-not-minimum"
)  # grid search over T in np.geomspace(0.01, 100, 400) instead of solving: approximate and bounded, fit_temperature([[2 ln 3, 0]] * 4, [0, 0, 0, 1]) is 2.0219 instead of 2.0 (and 100 instead of 2000 for logits x 1000)
def fit_grid(logits, labels):
    z = np.asarray(logits)
    if z.dtype.kind not in "iuf" or z.ndim != 2:
        raise ValueError("logits must be a 2-D array (N, K) of real numbers")
    n, k = z.shape
    if n < 1 or k < 2:
        raise ValueError("need at least one sample and two classes")
    z = z.astype(np.float64)
    if not np.all(np.isfinite(z)):
        raise ValueError("logits must all be finite")
    y = np.asarray(labels)
    if y.shape != (n,) or y.dtype.kind not in "iuf":
        raise ValueError("labels must be N integers")
    if y.dtype.kind == "f" and not (np.all(np.isfinite(y)) and np.all(y == np.floor(y))):
        raise ValueError("labels must be whole numbers")
    if np.any(y < 0) or np.any(y >= k):
        raise ValueError("labels out of range")
    y = y.astype(np.intp)
    zs = z - z.max(axis=1, keepdims=True)
    zy = zs[np.arange(n), y]
    if np.mean(zs.mean(axis=1) - zy) >= 0:
        raise ValueError("no better than uniform")
    if np.all(zy == 0):
        raise ValueError("every label is the largest logit")
    best_T, best_nll = None, np.inf
    for T in np.geomspace(0.01, 100, 400):
        with np.errstate(under="ignore"):
            nll = np.mean(np.log(np.exp(zs / T).sum(axis=1)) - zy / T)
        if nll < best_nll:
            best_T, best_nll = float(T), nll
    return best_T


@wrong(
    "fit_temperature", "fit-temperature-returned-beta"
)  # solves for b = 1/T correctly but returns b instead of T: fit_temperature([[2 ln 3, 0]] * 4, [0, 0, 0, 1]) is 0.5 instead of 2.0
def fit_returns_beta(logits, labels):
    z = np.asarray(logits)
    if z.dtype.kind not in "iuf" or z.ndim != 2:
        raise ValueError("logits must be a 2-D array (N, K) of real numbers")
    n, k = z.shape
    if n < 1 or k < 2:
        raise ValueError("need at least one sample and two classes")
    z = z.astype(np.float64)
    if not np.all(np.isfinite(z)):
        raise ValueError("logits must all be finite")
    y = np.asarray(labels)
    if y.shape != (n,) or y.dtype.kind not in "iuf":
        raise ValueError("labels must be N integers")
    if y.dtype.kind == "f" and not (np.all(np.isfinite(y)) and np.all(y == np.floor(y))):
        raise ValueError("labels must be whole numbers")
    if np.any(y < 0) or np.any(y >= k):
        raise ValueError("labels out of range")
    y = y.astype(np.intp)
    zs = z - z.max(axis=1, keepdims=True)
    zy = zs[np.arange(n), y]
    if np.mean(zs.mean(axis=1) - zy) >= 0:
        raise ValueError("no better than uniform")
    if np.all(zy == 0):
        raise ValueError("every label is the largest logit")

    def g(b):
        with np.errstate(under="ignore"):
            w = np.exp(b * zs)
        return float(np.mean((w * zs).sum(axis=1) / w.sum(axis=1) - zy))

    lo, hi = 0.0, 1.0
    while g(hi) < 0:
        lo, hi = hi, 2 * hi
    for _ in range(2000):
        mid = 0.5 * (lo + hi)
        if mid <= lo or mid >= hi:
            break
        if g(mid) < 0:
            lo = mid
        else:
            hi = mid
    return float(0.5 * (lo + hi))


@wrong(
    "fit_temperature", "no-value-error"
)  # no check for the T -> 0 case: when every label is its row's largest logit it returns a tiny T instead of raising; fit_temperature([[1., 0.], [0., 1.]], [0, 1]) returns 0.00134
def fit_no_t0_check(logits, labels):
    z = np.asarray(logits)
    if z.dtype.kind not in "iuf" or z.ndim != 2:
        raise ValueError("logits must be a 2-D array (N, K) of real numbers")
    n, k = z.shape
    if n < 1 or k < 2:
        raise ValueError("need at least one sample and two classes")
    z = z.astype(np.float64)
    if not np.all(np.isfinite(z)):
        raise ValueError("logits must all be finite")
    y = np.asarray(labels)
    if y.shape != (n,) or y.dtype.kind not in "iuf":
        raise ValueError("labels must be N integers")
    if y.dtype.kind == "f" and not (np.all(np.isfinite(y)) and np.all(y == np.floor(y))):
        raise ValueError("labels must be whole numbers")
    if np.any(y < 0) or np.any(y >= k):
        raise ValueError("labels out of range")
    y = y.astype(np.intp)
    zs = z - z.max(axis=1, keepdims=True)
    zy = zs[np.arange(n), y]
    if np.mean(zs.mean(axis=1) - zy) >= 0:
        raise ValueError("no better than uniform")

    def g(b):
        with np.errstate(under="ignore"):
            w = np.exp(b * zs)
        return float(np.mean((w * zs).sum(axis=1) / w.sum(axis=1) - zy))

    lo, hi = 0.0, 1.0
    for _ in range(60):  # g stays < 0 forever when every label is a row maximum
        if g(hi) >= 0:
            break
        lo, hi = hi, 2 * hi
    for _ in range(2000):
        mid = 0.5 * (lo + hi)
        if mid <= lo or mid >= hi:
            break
        if g(mid) < 0:
            lo = mid
        else:
            hi = mid
    return float(1.0 / (0.5 * (lo + hi)))


@wrong(
    "fit_temperature", "fit-temperature-scaled-logits"
)  # no check for the T -> infinity case (g(0) >= 0): fit_temperature([[1., 1.], [0., 0.]], [0, 1]) returns 1.0 (Newton's start, g = 0 there) instead of raising ValueError
def fit_no_tinf_check(logits, labels):
    z = np.asarray(logits)
    if z.dtype.kind not in "iuf" or z.ndim != 2:
        raise ValueError("logits must be a 2-D array (N, K) of real numbers")
    n, k = z.shape
    if n < 1 or k < 2:
        raise ValueError("need at least one sample and two classes")
    z = z.astype(np.float64)
    if not np.all(np.isfinite(z)):
        raise ValueError("logits must all be finite")
    y = np.asarray(labels)
    if y.shape != (n,) or y.dtype.kind not in "iuf":
        raise ValueError("labels must be N integers")
    if y.dtype.kind == "f" and not (np.all(np.isfinite(y)) and np.all(y == np.floor(y))):
        raise ValueError("labels must be whole numbers")
    if np.any(y < 0) or np.any(y >= k):
        raise ValueError("labels out of range")
    y = y.astype(np.intp)
    zs = z - z.max(axis=1, keepdims=True)
    zy = zs[np.arange(n), y]
    if np.all(zy == 0) and np.any(zs != 0):
        raise ValueError("every label is the largest logit")
    b = 1.0
    for _ in range(100):
        with np.errstate(under="ignore"):
            e = np.exp(b * zs)
        p = e / e.sum(axis=1, keepdims=True)
        mean = (p * zs).sum(axis=1)
        g = float(np.mean(mean - zy))
        h = float(np.mean((p * (zs - mean[:, None]) ** 2).sum(axis=1)))
        if g == 0 or h == 0:
            break
        nb = b - g / h
        if nb <= 0:
            nb = b / 2
        if abs(nb - b) <= 1e-15 * b:
            b = nb
            break
        b = nb
    return float(1.0 / b)


@wrong(
    "fit_temperature", "no-value-error"
)  # labels not range-checked, so -1 silently indexes the last class: fit_temperature([[2 ln 3, 0]] * 4, [0, 0, 0, -1]) returns 2.0 instead of raising ValueError
def fit_no_label_range(logits, labels):
    z = np.asarray(logits)
    if z.dtype.kind not in "iuf" or z.ndim != 2:
        raise ValueError("logits must be a 2-D array (N, K) of real numbers")
    n, k = z.shape
    if n < 1 or k < 2:
        raise ValueError("need at least one sample and two classes")
    z = z.astype(np.float64)
    if not np.all(np.isfinite(z)):
        raise ValueError("logits must all be finite")
    y = np.asarray(labels)
    if y.shape != (n,) or y.dtype.kind not in "iuf":
        raise ValueError("labels must be N integers")
    if y.dtype.kind == "f" and not (np.all(np.isfinite(y)) and np.all(y == np.floor(y))):
        raise ValueError("labels must be whole numbers")
    y = y.astype(np.intp)
    zs = z - z.max(axis=1, keepdims=True)
    zy = zs[np.arange(n), y]
    if np.mean(zs.mean(axis=1) - zy) >= 0:
        raise ValueError("no better than uniform")
    if np.all(zy == 0):
        raise ValueError("every label is the largest logit")

    def g(b):
        with np.errstate(under="ignore"):
            w = np.exp(b * zs)
        return float(np.mean((w * zs).sum(axis=1) / w.sum(axis=1) - zy))

    lo, hi = 0.0, 1.0
    while g(hi) < 0:
        lo, hi = hi, 2 * hi
    for _ in range(2000):
        mid = 0.5 * (lo + hi)
        if mid <= lo or mid >= hi:
            break
        if g(mid) < 0:
            lo = mid
        else:
            hi = mid
    return float(1.0 / (0.5 * (lo + hi)))


@wrong(
    "fit_temperature", "no-value-error"
)  # labels converted with .astype(int), which truncates fractions: fit_temperature([[2 ln 3, 0]] * 4, [0, 0, 0, 1.5]) returns 2.0 instead of raising ValueError
def fit_truncates_labels(logits, labels):
    z = np.asarray(logits)
    if z.dtype.kind not in "iuf" or z.ndim != 2:
        raise ValueError("logits must be a 2-D array (N, K) of real numbers")
    n, k = z.shape
    if n < 1 or k < 2:
        raise ValueError("need at least one sample and two classes")
    z = z.astype(np.float64)
    if not np.all(np.isfinite(z)):
        raise ValueError("logits must all be finite")
    y0 = np.asarray(labels)
    if y0.shape != (n,) or y0.dtype.kind not in "iuf" or not np.all(np.isfinite(y0)):
        raise ValueError("labels must be N numbers")
    y = y0.astype(int)
    if np.any(y < 0) or np.any(y >= k):
        raise ValueError("labels out of range")
    zs = z - z.max(axis=1, keepdims=True)
    zy = zs[np.arange(n), y]
    if np.mean(zs.mean(axis=1) - zy) >= 0:
        raise ValueError("no better than uniform")
    if np.all(zy == 0):
        raise ValueError("every label is the largest logit")

    def g(b):
        with np.errstate(under="ignore"):
            w = np.exp(b * zs)
        return float(np.mean((w * zs).sum(axis=1) / w.sum(axis=1) - zy))

    lo, hi = 0.0, 1.0
    while g(hi) < 0:
        lo, hi = hi, 2 * hi
    for _ in range(2000):
        mid = 0.5 * (lo + hi)
        if mid <= lo or mid >= hi:
            break
        if g(mid) < 0:
            lo = mid
        else:
            hi = mid
    return float(1.0 / (0.5 * (lo + hi)))


@wrong(
    "fit_temperature", "raised-error"
)  # requires an integer label dtype, so valid whole-number float labels are rejected: fit_temperature([[2 ln 3, 0]] * 4, [0., 0., 0., 1.]) raises ValueError instead of returning 2.0
def fit_rejects_float_labels(logits, labels):
    z = np.asarray(logits)
    if z.dtype.kind not in "iuf" or z.ndim != 2:
        raise ValueError("logits must be a 2-D array (N, K) of real numbers")
    n, k = z.shape
    if n < 1 or k < 2:
        raise ValueError("need at least one sample and two classes")
    z = z.astype(np.float64)
    if not np.all(np.isfinite(z)):
        raise ValueError("logits must all be finite")
    y = np.asarray(labels)
    if y.shape != (n,) or y.dtype.kind not in "iu":
        raise ValueError("labels must be N integers")
    if np.any(y < 0) or np.any(y >= k):
        raise ValueError("labels out of range")
    y = y.astype(np.intp)
    zs = z - z.max(axis=1, keepdims=True)
    zy = zs[np.arange(n), y]
    if np.mean(zs.mean(axis=1) - zy) >= 0:
        raise ValueError("no better than uniform")
    if np.all(zy == 0):
        raise ValueError("every label is the largest logit")

    def g(b):
        with np.errstate(under="ignore"):
            w = np.exp(b * zs)
        return float(np.mean((w * zs).sum(axis=1) / w.sum(axis=1) - zy))

    lo, hi = 0.0, 1.0
    while g(hi) < 0:
        lo, hi = hi, 2 * hi
    for _ in range(2000):
        mid = 0.5 * (lo + hi)
        if mid <= lo or mid >= hi:
            break
        if g(mid) < 0:
            lo = mid
        else:
            hi = mid
    return float(1.0 / (0.5 * (lo + hi)))


@wrong(
    "fit_temperature", "fit-temperature-overflow"
)  # no per-row max shift: exp(b * z) overflows for large logits, fit_temperature of the doc example x 1000 ([[2000 ln 3, 0]] * 4, [0, 0, 0, 1]) is nan instead of 2000
def fit_noshift(logits, labels):
    z = np.asarray(logits)
    if z.dtype.kind not in "iuf" or z.ndim != 2:
        raise ValueError("logits must be a 2-D array (N, K) of real numbers")
    n, k = z.shape
    if n < 1 or k < 2:
        raise ValueError("need at least one sample and two classes")
    z = z.astype(np.float64)
    if not np.all(np.isfinite(z)):
        raise ValueError("logits must all be finite")
    y = np.asarray(labels)
    if y.shape != (n,) or y.dtype.kind not in "iuf":
        raise ValueError("labels must be N integers")
    if y.dtype.kind == "f" and not (np.all(np.isfinite(y)) and np.all(y == np.floor(y))):
        raise ValueError("labels must be whole numbers")
    if np.any(y < 0) or np.any(y >= k):
        raise ValueError("labels out of range")
    y = y.astype(np.intp)
    zy = z[np.arange(n), y]
    if np.mean(z.mean(axis=1) - zy) >= 0:
        raise ValueError("no better than uniform")
    if np.all(zy == z.max(axis=1)):
        raise ValueError("every label is the largest logit")

    def g(b):
        with np.errstate(all="ignore"):
            w = np.exp(b * z)
            return float(np.mean((w * z).sum(axis=1) / w.sum(axis=1) - zy))

    lo, hi = 0.0, 1.0
    while g(hi) < 0:
        lo, hi = hi, 2 * hi
    for _ in range(2000):
        mid = 0.5 * (lo + hi)
        if mid <= lo or mid >= hi:
            break
        gm = g(mid)
        if gm < 0:
            lo = mid
        elif gm >= 0:
            hi = mid
        else:  # NaN
            return float("nan")
    return float(1.0 / (0.5 * (lo + hi)))


@wrong(
    "fit_temperature", "no-value-error"
)  # logits not checked for finiteness: fit_temperature([[1., inf], [0., 1.]], [0, 1]) returns a number (nan) instead of raising ValueError
def fit_no_finite_check(logits, labels):
    z = np.asarray(logits)
    if z.dtype.kind not in "iuf" or z.ndim != 2:
        raise ValueError("logits must be a 2-D array (N, K) of real numbers")
    n, k = z.shape
    if n < 1 or k < 2:
        raise ValueError("need at least one sample and two classes")
    z = z.astype(np.float64)
    y = np.asarray(labels)
    if y.shape != (n,) or y.dtype.kind not in "iuf":
        raise ValueError("labels must be N integers")
    if y.dtype.kind == "f" and not (np.all(np.isfinite(y)) and np.all(y == np.floor(y))):
        raise ValueError("labels must be whole numbers")
    if np.any(y < 0) or np.any(y >= k):
        raise ValueError("labels out of range")
    y = y.astype(np.intp)
    with np.errstate(all="ignore"):
        zs = z - z.max(axis=1, keepdims=True)
        zy = zs[np.arange(n), y]
        if np.mean(zs.mean(axis=1) - zy) >= 0:
            raise ValueError("no better than uniform")
        if np.all(zy == 0):
            raise ValueError("every label is the largest logit")

    def g(b):
        with np.errstate(all="ignore"):
            w = np.exp(b * zs)
            return float(np.mean((w * zs).sum(axis=1) / w.sum(axis=1) - zy))

    lo, hi = 0.0, 1.0
    for _ in range(1100):
        gh = g(hi)
        if not gh < 0:
            break
        lo, hi = hi, 2 * hi
    for _ in range(2000):
        mid = 0.5 * (lo + hi)
        if mid <= lo or mid >= hi:
            break
        gm = g(mid)
        if gm < 0:
            lo = mid
        elif gm >= 0:
            hi = mid
        else:
            return float("nan")
    return float(1.0 / (0.5 * (lo + hi)))


@wrong(
    "fit_temperature", "fit-temperature-not-minimum"
)  # plain gradient descent on T with a fixed step and 200 iterations, stopped before convergence: fit_temperature([[2 ln 3, 0]] * 4, [0, 0, 0, 1]) is 1.99895 instead of 2.0
def fit_gradient_descent(logits, labels):
    z = np.asarray(logits)
    if z.dtype.kind not in "iuf" or z.ndim != 2:
        raise ValueError("logits must be a 2-D array (N, K) of real numbers")
    n, k = z.shape
    if n < 1 or k < 2:
        raise ValueError("need at least one sample and two classes")
    z = z.astype(np.float64)
    if not np.all(np.isfinite(z)):
        raise ValueError("logits must all be finite")
    y = np.asarray(labels)
    if y.shape != (n,) or y.dtype.kind not in "iuf":
        raise ValueError("labels must be N integers")
    if y.dtype.kind == "f" and not (np.all(np.isfinite(y)) and np.all(y == np.floor(y))):
        raise ValueError("labels must be whole numbers")
    if np.any(y < 0) or np.any(y >= k):
        raise ValueError("labels out of range")
    y = y.astype(np.intp)
    zs = z - z.max(axis=1, keepdims=True)
    zy = zs[np.arange(n), y]
    if np.mean(zs.mean(axis=1) - zy) >= 0:
        raise ValueError("no better than uniform")
    if np.all(zy == 0):
        raise ValueError("every label is the largest logit")
    T = 1.0
    for _ in range(200):
        with np.errstate(under="ignore"):
            w = np.exp(zs / T)
        p = w / w.sum(axis=1, keepdims=True)
        # d/dT mean NLL = mean(zy - E_p z) / T**2
        grad = float(np.mean(zy - (p * zs).sum(axis=1))) / T**2
        T = max(T - 0.5 * grad, 1e-3)
    return float(T)


@wrong(
    "fit_temperature", "fit-temperature-not-minimum"
)  # wrong objective: picks T so that the mean confidence equals the accuracy (not the NLL minimiser); agrees on the doc example but fit_temperature([[5., 0., 0.], [0., 1., 0.]], [0, 2]) is 4.328 instead of 1.6954
def fit_match_confidence(logits, labels):
    z = np.asarray(logits)
    if z.dtype.kind not in "iuf" or z.ndim != 2:
        raise ValueError("logits must be a 2-D array (N, K) of real numbers")
    n, k = z.shape
    if n < 1 or k < 2:
        raise ValueError("need at least one sample and two classes")
    z = z.astype(np.float64)
    if not np.all(np.isfinite(z)):
        raise ValueError("logits must all be finite")
    y = np.asarray(labels)
    if y.shape != (n,) or y.dtype.kind not in "iuf":
        raise ValueError("labels must be N integers")
    if y.dtype.kind == "f" and not (np.all(np.isfinite(y)) and np.all(y == np.floor(y))):
        raise ValueError("labels must be whole numbers")
    if np.any(y < 0) or np.any(y >= k):
        raise ValueError("labels out of range")
    y = y.astype(np.intp)
    zs = z - z.max(axis=1, keepdims=True)
    zy = zs[np.arange(n), y]
    if np.mean(zs.mean(axis=1) - zy) >= 0:
        raise ValueError("no better than uniform")
    if np.all(zy == 0):
        raise ValueError("every label is the largest logit")
    acc = float(np.mean(np.argmax(z, axis=1) == y))

    def conf_minus_acc(b):
        with np.errstate(under="ignore"):
            w = np.exp(b * zs)
        return float(np.mean(w.max(axis=1) / w.sum(axis=1))) - acc

    lo, hi = 0.0, 1.0
    for _ in range(200):
        if conf_minus_acc(hi) >= 0:
            break
        lo, hi = hi, 2 * hi
    else:
        raise ValueError("the confidence cannot reach the accuracy")
    if conf_minus_acc(lo) > 0:
        raise ValueError("the confidence is always above the accuracy")
    for _ in range(2000):
        mid = 0.5 * (lo + hi)
        if mid <= lo or mid >= hi:
            break
        if conf_minus_acc(mid) < 0:
            lo = mid
        else:
            hi = mid
    return float(1.0 / (0.5 * (lo + hi)))


# ===========================================================================
# expected_calibration_error
# ===========================================================================


@right(
    "expected_calibration_error"
)  # bins (lo, hi] via np.searchsorted(edges, conf, side='left') - 1 clipped to [0, n_bins-1], per-bin sums with np.bincount: ECE = sum_b |sum_{i in b} (correct_i - conf_i)| / N; row sums within sqrt(eps) of 1; whole-number float labels accepted
def ece_searchsorted(probs, labels, n_bins=15):
    if (
        isinstance(n_bins, (bool, np.bool_))
        or not isinstance(n_bins, (int, np.integer))
        or n_bins < 1
    ):
        raise ValueError(f"n_bins must be a positive integer, got {n_bins!r}")
    p = np.asarray(probs)
    if p.dtype.kind not in "iuf" or p.ndim != 2:
        raise ValueError("probs must be a 2-D array (N, K) of real numbers")
    n, k = p.shape
    if n < 1 or k < 1:
        raise ValueError("need at least one sample and one class")
    y = np.asarray(labels)
    if y.shape != (n,) or y.dtype.kind not in "iuf":
        raise ValueError("labels must be N integers")
    if y.dtype.kind == "f" and not (np.all(np.isfinite(y)) and np.all(y == np.floor(y))):
        raise ValueError("labels must be whole numbers")
    if np.any(y < 0) or np.any(y >= k):
        raise ValueError(f"labels must lie in 0..{k - 1}")
    dt = p.dtype if p.dtype.kind == "f" else np.dtype(np.float64)
    p64 = p.astype(np.float64)
    if not np.all((p64 >= 0) & (p64 <= 1)):
        raise ValueError("probs must lie in [0, 1]")
    if np.any(np.abs(p64.sum(axis=1) - 1) > math.sqrt(float(np.finfo(dt).eps))):
        raise ValueError("every row of probs must sum to 1")
    pred = np.argmax(p64, axis=1)
    conf = p64[np.arange(n), pred]
    correct = (pred == y.astype(np.int64)).astype(np.float64)
    edges = np.linspace(0.0, 1.0, int(n_bins) + 1)
    idx = np.clip(np.searchsorted(edges, conf, side="left") - 1, 0, int(n_bins) - 1)
    gap = np.bincount(idx, weights=correct - conf, minlength=int(n_bins))
    return float(np.sum(np.abs(gap)) / n)


@right(
    "expected_calibration_error"
)  # np.digitize(conf, edges, right=True) - 1 (clipped) and a loop over the non-empty bins with (n_b / N) * |acc_b - conf_b|; whole-number float labels accepted
def ece_digitize(probs, labels, n_bins=15):
    if type(n_bins) is bool or not isinstance(n_bins, (int, np.integer)):
        raise ValueError("n_bins must be an integer")
    if n_bins <= 0:
        raise ValueError("n_bins must be positive")
    P = np.asarray(probs)
    if (
        not (np.issubdtype(P.dtype, np.integer) or np.issubdtype(P.dtype, np.floating))
        or P.ndim != 2
    ):
        raise ValueError("probs must be (N, K) real")
    N, K = P.shape
    if N == 0 or K == 0:
        raise ValueError("empty probs")
    lab = np.asarray(labels)
    if lab.ndim != 1 or len(lab) != N:
        raise ValueError("labels must have shape (N,)")
    if np.issubdtype(lab.dtype, np.integer):
        lab = lab.astype(np.int64)
    elif (
        np.issubdtype(lab.dtype, np.floating)
        and np.isfinite(lab).all()
        and np.all(np.mod(lab, 1) == 0)
    ):
        lab = lab.astype(np.int64)
    else:
        raise ValueError("labels must be integers")
    if lab.min() < 0 or lab.max() >= K:
        raise ValueError("labels out of range")
    eps = np.finfo(P.dtype if np.issubdtype(P.dtype, np.floating) else np.float64).eps
    P = P.astype(float)
    if np.isnan(P).any() or (P < 0).any() or (P > 1).any():
        raise ValueError("probs must lie in [0, 1]")
    if (np.abs(P.sum(axis=1) - 1.0) > np.sqrt(eps)).any():
        raise ValueError("rows must sum to 1")
    pred = P.argmax(axis=1)
    conf = P.max(axis=1)
    hit = pred == lab
    edges = np.linspace(0, 1, n_bins + 1)
    which = np.clip(np.digitize(conf, edges, right=True) - 1, 0, n_bins - 1)
    ece = 0.0
    for b in np.unique(which):
        sel = which == b
        ece += sel.sum() / N * abs(hit[sel].mean() - conf[sel].mean())
    return float(ece)


@right(
    "expected_calibration_error"
)  # plain loop over samples: each confidence put in the first bin b with lo_b < c <= hi_b (edges from np.linspace, the first bin also takes c = 0), then math.fsum per bin; whole-number float labels accepted
def ece_loop(probs, labels, n_bins=15):
    if isinstance(n_bins, bool) or not isinstance(n_bins, (int, np.integer)) or int(n_bins) <= 0:
        raise ValueError("n_bins must be a positive integer")
    nb = int(n_bins)
    arr = np.asarray(probs)
    if arr.dtype.kind not in "iuf" or arr.ndim != 2 or arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ValueError("probs must be a non-empty (N, K) array of real numbers")
    n, k = arr.shape
    lab = np.asarray(labels)
    if lab.shape != (n,) or lab.dtype.kind not in "iuf":
        raise ValueError("labels must be N integers")
    labs = []
    for v in lab.tolist():
        if isinstance(v, float) and not (math.isfinite(v) and v.is_integer()):
            raise ValueError("labels must be whole numbers")
        if not 0 <= v < k:
            raise ValueError("labels out of range")
        labs.append(int(v))
    tol = math.sqrt(float(np.finfo(arr.dtype if arr.dtype.kind == "f" else np.float64).eps))
    rows = arr.astype(float).tolist()
    for r in rows:
        if any(not (0.0 <= v <= 1.0) for v in r):
            raise ValueError("probs must lie in [0, 1]")
        if abs(math.fsum(r) - 1.0) > tol:
            raise ValueError("rows must sum to 1")
    edges = np.linspace(0.0, 1.0, nb + 1).tolist()
    hits = [[] for _ in range(nb)]
    confs = [[] for _ in range(nb)]
    for r, yv in zip(rows, labs):
        pred = max(range(k), key=lambda j: (r[j], -j))
        c = r[pred]
        b = 0
        # first bin whose upper edge is >= c: (lo, hi]
        lo_i, hi_i = 0, nb
        while lo_i < hi_i:
            mid = (lo_i + hi_i) // 2
            if edges[mid + 1] >= c:
                hi_i = mid
            else:
                lo_i = mid + 1
        b = min(lo_i, nb - 1)
        hits[b].append(1.0 if pred == yv else 0.0)
        confs[b].append(c)
    total = 0.0
    for h, c in zip(hits, confs):
        if h:
            total += len(h) / n * abs(math.fsum(h) / len(h) - math.fsum(c) / len(c))
    return float(total)


@wrong(
    "expected_calibration_error", "ece-left-closed-bins"
)  # bins closed on the wrong side, [lo, hi) via np.digitize(conf, edges) - 1 (1.0 clipped into the last bin): ECE([[0.5, 0.5], [0.6, 0.4]], [0, 1], n_bins=2) is 0.05 instead of 0.55
def ece_left_closed(probs, labels, n_bins=15):
    if (
        isinstance(n_bins, (bool, np.bool_))
        or not isinstance(n_bins, (int, np.integer))
        or n_bins < 1
    ):
        raise ValueError("n_bins must be a positive integer")
    p = np.asarray(probs)
    if p.dtype.kind not in "iuf" or p.ndim != 2:
        raise ValueError("probs must be a 2-D array (N, K) of real numbers")
    n, k = p.shape
    if n < 1 or k < 1:
        raise ValueError("need at least one sample and one class")
    y = np.asarray(labels)
    if y.shape != (n,) or y.dtype.kind not in "iuf":
        raise ValueError("labels must be N integers")
    if y.dtype.kind == "f" and not (np.all(np.isfinite(y)) and np.all(y == np.floor(y))):
        raise ValueError("labels must be whole numbers")
    if np.any(y < 0) or np.any(y >= k):
        raise ValueError("labels out of range")
    dt = p.dtype if p.dtype.kind == "f" else np.dtype(np.float64)
    p64 = p.astype(np.float64)
    if not np.all((p64 >= 0) & (p64 <= 1)):
        raise ValueError("probs must lie in [0, 1]")
    if np.any(np.abs(p64.sum(axis=1) - 1) > math.sqrt(float(np.finfo(dt).eps))):
        raise ValueError("every row of probs must sum to 1")
    pred = np.argmax(p64, axis=1)
    conf = p64[np.arange(n), pred]
    correct = (pred == y.astype(np.int64)).astype(np.float64)
    edges = np.linspace(0.0, 1.0, int(n_bins) + 1)
    idx = np.clip(np.digitize(conf, edges) - 1, 0, int(n_bins) - 1)
    ece = 0.0
    for b in range(int(n_bins)):
        sel = idx == b
        if sel.any():
            ece += sel.sum() / n * abs(correct[sel].mean() - conf[sel].mean())
    return float(ece)


@wrong(
    "expected_calibration_error", "ece-left-closed-bins"
)  # np.histogram for the per-bin counts and sums: its bins are [lo, hi) (last one closed), not (lo, hi]: ECE([[0.5, 0.5], [0.6, 0.4]], [0, 1], n_bins=2) is 0.05 instead of 0.55
def ece_histogram(probs, labels, n_bins=15):
    if (
        isinstance(n_bins, (bool, np.bool_))
        or not isinstance(n_bins, (int, np.integer))
        or n_bins < 1
    ):
        raise ValueError("n_bins must be a positive integer")
    p = np.asarray(probs)
    if p.dtype.kind not in "iuf" or p.ndim != 2:
        raise ValueError("probs must be a 2-D array (N, K) of real numbers")
    n, k = p.shape
    if n < 1 or k < 1:
        raise ValueError("need at least one sample and one class")
    y = np.asarray(labels)
    if y.shape != (n,) or y.dtype.kind not in "iuf":
        raise ValueError("labels must be N integers")
    if y.dtype.kind == "f" and not (np.all(np.isfinite(y)) and np.all(y == np.floor(y))):
        raise ValueError("labels must be whole numbers")
    if np.any(y < 0) or np.any(y >= k):
        raise ValueError("labels out of range")
    dt = p.dtype if p.dtype.kind == "f" else np.dtype(np.float64)
    p64 = p.astype(np.float64)
    if not np.all((p64 >= 0) & (p64 <= 1)):
        raise ValueError("probs must lie in [0, 1]")
    if np.any(np.abs(p64.sum(axis=1) - 1) > math.sqrt(float(np.finfo(dt).eps))):
        raise ValueError("every row of probs must sum to 1")
    pred = np.argmax(p64, axis=1)
    conf = p64[np.arange(n), pred]
    correct = (pred == y.astype(np.int64)).astype(np.float64)
    edges = np.linspace(0.0, 1.0, int(n_bins) + 1)
    counts, _ = np.histogram(conf, bins=edges)
    conf_sum, _ = np.histogram(conf, bins=edges, weights=conf)
    acc_sum, _ = np.histogram(conf, bins=edges, weights=correct)
    nz = counts > 0
    return float(
        np.sum(counts[nz] / n * np.abs(acc_sum[nz] / counts[nz] - conf_sum[nz] / counts[nz]))
    )


@wrong(
    "expected_calibration_error", "ece-unweighted-bins"
)  # plain (unweighted) mean of |acc_b - conf_b| over the non-empty bins instead of weighting by n_b / N: ECE([[1, 0], [0.7, 0.3], [0.6, 0.4]], [1, 0, 0], n_bins=4) is 0.675 instead of 0.5667
def ece_unweighted(probs, labels, n_bins=15):
    if (
        isinstance(n_bins, (bool, np.bool_))
        or not isinstance(n_bins, (int, np.integer))
        or n_bins < 1
    ):
        raise ValueError("n_bins must be a positive integer")
    p = np.asarray(probs)
    if p.dtype.kind not in "iuf" or p.ndim != 2:
        raise ValueError("probs must be a 2-D array (N, K) of real numbers")
    n, k = p.shape
    if n < 1 or k < 1:
        raise ValueError("need at least one sample and one class")
    y = np.asarray(labels)
    if y.shape != (n,) or y.dtype.kind not in "iuf":
        raise ValueError("labels must be N integers")
    if y.dtype.kind == "f" and not (np.all(np.isfinite(y)) and np.all(y == np.floor(y))):
        raise ValueError("labels must be whole numbers")
    if np.any(y < 0) or np.any(y >= k):
        raise ValueError("labels out of range")
    dt = p.dtype if p.dtype.kind == "f" else np.dtype(np.float64)
    p64 = p.astype(np.float64)
    if not np.all((p64 >= 0) & (p64 <= 1)):
        raise ValueError("probs must lie in [0, 1]")
    if np.any(np.abs(p64.sum(axis=1) - 1) > math.sqrt(float(np.finfo(dt).eps))):
        raise ValueError("every row of probs must sum to 1")
    pred = np.argmax(p64, axis=1)
    conf = p64[np.arange(n), pred]
    correct = (pred == y.astype(np.int64)).astype(np.float64)
    edges = np.linspace(0.0, 1.0, int(n_bins) + 1)
    idx = np.clip(np.searchsorted(edges, conf, side="left") - 1, 0, int(n_bins) - 1)
    gaps = [
        abs(correct[idx == b].mean() - conf[idx == b].mean())
        for b in range(int(n_bins))
        if np.any(idx == b)
    ]
    return float(np.mean(gaps))


@wrong(
    "expected_calibration_error", "ece-squared-gap"
)  # squares the gaps (an RMS-style calibration error) instead of |acc_b - conf_b|: ECE([[0.9, 0.1], [0.1, 0.9]], [0, 0]) is 0.16 instead of 0.4
def ece_squared(probs, labels, n_bins=15):
    if (
        isinstance(n_bins, (bool, np.bool_))
        or not isinstance(n_bins, (int, np.integer))
        or n_bins < 1
    ):
        raise ValueError("n_bins must be a positive integer")
    p = np.asarray(probs)
    if p.dtype.kind not in "iuf" or p.ndim != 2:
        raise ValueError("probs must be a 2-D array (N, K) of real numbers")
    n, k = p.shape
    if n < 1 or k < 1:
        raise ValueError("need at least one sample and one class")
    y = np.asarray(labels)
    if y.shape != (n,) or y.dtype.kind not in "iuf":
        raise ValueError("labels must be N integers")
    if y.dtype.kind == "f" and not (np.all(np.isfinite(y)) and np.all(y == np.floor(y))):
        raise ValueError("labels must be whole numbers")
    if np.any(y < 0) or np.any(y >= k):
        raise ValueError("labels out of range")
    dt = p.dtype if p.dtype.kind == "f" else np.dtype(np.float64)
    p64 = p.astype(np.float64)
    if not np.all((p64 >= 0) & (p64 <= 1)):
        raise ValueError("probs must lie in [0, 1]")
    if np.any(np.abs(p64.sum(axis=1) - 1) > math.sqrt(float(np.finfo(dt).eps))):
        raise ValueError("every row of probs must sum to 1")
    pred = np.argmax(p64, axis=1)
    conf = p64[np.arange(n), pred]
    correct = (pred == y.astype(np.int64)).astype(np.float64)
    edges = np.linspace(0.0, 1.0, int(n_bins) + 1)
    idx = np.clip(np.searchsorted(edges, conf, side="left") - 1, 0, int(n_bins) - 1)
    ece = 0.0
    for b in range(int(n_bins)):
        sel = idx == b
        if sel.any():
            ece += sel.sum() / n * (correct[sel].mean() - conf[sel].mean()) ** 2
    return float(ece)


@wrong(
    "expected_calibration_error", "ece-true-class-confidence"
)  # uses the probability of the TRUE class as the confidence instead of the top-label probability: ECE([[0.9, 0.1], [0.1, 0.9]], [0, 0]) is 0.1 instead of 0.4
def ece_true_class_conf(probs, labels, n_bins=15):
    if (
        isinstance(n_bins, (bool, np.bool_))
        or not isinstance(n_bins, (int, np.integer))
        or n_bins < 1
    ):
        raise ValueError("n_bins must be a positive integer")
    p = np.asarray(probs)
    if p.dtype.kind not in "iuf" or p.ndim != 2:
        raise ValueError("probs must be a 2-D array (N, K) of real numbers")
    n, k = p.shape
    if n < 1 or k < 1:
        raise ValueError("need at least one sample and one class")
    y = np.asarray(labels)
    if y.shape != (n,) or y.dtype.kind not in "iuf":
        raise ValueError("labels must be N integers")
    if y.dtype.kind == "f" and not (np.all(np.isfinite(y)) and np.all(y == np.floor(y))):
        raise ValueError("labels must be whole numbers")
    if np.any(y < 0) or np.any(y >= k):
        raise ValueError("labels out of range")
    dt = p.dtype if p.dtype.kind == "f" else np.dtype(np.float64)
    p64 = p.astype(np.float64)
    if not np.all((p64 >= 0) & (p64 <= 1)):
        raise ValueError("probs must lie in [0, 1]")
    if np.any(np.abs(p64.sum(axis=1) - 1) > math.sqrt(float(np.finfo(dt).eps))):
        raise ValueError("every row of probs must sum to 1")
    yi = y.astype(np.int64)
    pred = np.argmax(p64, axis=1)
    conf = p64[np.arange(n), yi]
    correct = (pred == yi).astype(np.float64)
    edges = np.linspace(0.0, 1.0, int(n_bins) + 1)
    idx = np.clip(np.searchsorted(edges, conf, side="left") - 1, 0, int(n_bins) - 1)
    gap = np.bincount(idx, weights=correct - conf, minlength=int(n_bins))
    return float(np.sum(np.abs(gap)) / n)


@wrong(
    "expected_calibration_error", "no-value-error"
)  # n_bins converted with int(n_bins), so float and bool counts are accepted: ECE([[0.5, 0.5], [0.75, 0.25]], [0, 0], n_bins=2.0) returns 0.375 instead of raising ValueError
def ece_int_cast_n_bins(probs, labels, n_bins=15):
    n_bins = int(n_bins)
    if n_bins < 1:
        raise ValueError("n_bins must be a positive integer")
    p = np.asarray(probs)
    if p.dtype.kind not in "iuf" or p.ndim != 2:
        raise ValueError("probs must be a 2-D array (N, K) of real numbers")
    n, k = p.shape
    if n < 1 or k < 1:
        raise ValueError("need at least one sample and one class")
    y = np.asarray(labels)
    if y.shape != (n,) or y.dtype.kind not in "iuf":
        raise ValueError("labels must be N integers")
    if y.dtype.kind == "f" and not (np.all(np.isfinite(y)) and np.all(y == np.floor(y))):
        raise ValueError("labels must be whole numbers")
    if np.any(y < 0) or np.any(y >= k):
        raise ValueError("labels out of range")
    dt = p.dtype if p.dtype.kind == "f" else np.dtype(np.float64)
    p64 = p.astype(np.float64)
    if not np.all((p64 >= 0) & (p64 <= 1)):
        raise ValueError("probs must lie in [0, 1]")
    if np.any(np.abs(p64.sum(axis=1) - 1) > math.sqrt(float(np.finfo(dt).eps))):
        raise ValueError("every row of probs must sum to 1")
    pred = np.argmax(p64, axis=1)
    conf = p64[np.arange(n), pred]
    correct = (pred == y.astype(np.int64)).astype(np.float64)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    idx = np.clip(np.searchsorted(edges, conf, side="left") - 1, 0, n_bins - 1)
    gap = np.bincount(idx, weights=correct - conf, minlength=n_bins)
    return float(np.sum(np.abs(gap)) / n)


@wrong(
    "expected_calibration_error", "no-value-error"
)  # no check that n_bins is positive: ECE([[0.5, 0.5]], [0], n_bins=0) returns 0.0 instead of raising ValueError
def ece_no_positive_check(probs, labels, n_bins=15):
    if isinstance(n_bins, (bool, np.bool_)) or not isinstance(n_bins, (int, np.integer)):
        raise ValueError("n_bins must be an integer")
    p = np.asarray(probs)
    if p.dtype.kind not in "iuf" or p.ndim != 2:
        raise ValueError("probs must be a 2-D array (N, K) of real numbers")
    n, k = p.shape
    if n < 1 or k < 1:
        raise ValueError("need at least one sample and one class")
    y = np.asarray(labels)
    if y.shape != (n,) or y.dtype.kind not in "iuf":
        raise ValueError("labels must be N integers")
    if y.dtype.kind == "f" and not (np.all(np.isfinite(y)) and np.all(y == np.floor(y))):
        raise ValueError("labels must be whole numbers")
    if np.any(y < 0) or np.any(y >= k):
        raise ValueError("labels out of range")
    dt = p.dtype if p.dtype.kind == "f" else np.dtype(np.float64)
    p64 = p.astype(np.float64)
    if not np.all((p64 >= 0) & (p64 <= 1)):
        raise ValueError("probs must lie in [0, 1]")
    if np.any(np.abs(p64.sum(axis=1) - 1) > math.sqrt(float(np.finfo(dt).eps))):
        raise ValueError("every row of probs must sum to 1")
    pred = np.argmax(p64, axis=1)
    conf = p64[np.arange(n), pred]
    correct = (pred == y.astype(np.int64)).astype(np.float64)
    edges = np.linspace(0.0, 1.0, max(int(n_bins), 0) + 1)
    ece = 0.0
    for b in range(int(n_bins)):
        lo, hi = edges[b], edges[b + 1]
        sel = ((conf > lo) | ((b == 0) & (conf == 0))) & (conf <= hi)
        if sel.any():
            ece += sel.sum() / n * abs(correct[sel].mean() - conf[sel].mean())
    return float(ece)


@wrong(
    "expected_calibration_error", "no-value-error"
)  # labels not range-checked: ECE([[0.5, 0.5], [0.75, 0.25]], [0, 5]) returns 0.625 (label 5 just counts as wrong) instead of raising ValueError
def ece_no_label_range(probs, labels, n_bins=15):
    if (
        isinstance(n_bins, (bool, np.bool_))
        or not isinstance(n_bins, (int, np.integer))
        or n_bins < 1
    ):
        raise ValueError("n_bins must be a positive integer")
    p = np.asarray(probs)
    if p.dtype.kind not in "iuf" or p.ndim != 2:
        raise ValueError("probs must be a 2-D array (N, K) of real numbers")
    n, k = p.shape
    if n < 1 or k < 1:
        raise ValueError("need at least one sample and one class")
    y = np.asarray(labels)
    if y.shape != (n,) or y.dtype.kind not in "iuf":
        raise ValueError("labels must be N integers")
    if y.dtype.kind == "f" and not (np.all(np.isfinite(y)) and np.all(y == np.floor(y))):
        raise ValueError("labels must be whole numbers")
    dt = p.dtype if p.dtype.kind == "f" else np.dtype(np.float64)
    p64 = p.astype(np.float64)
    if not np.all((p64 >= 0) & (p64 <= 1)):
        raise ValueError("probs must lie in [0, 1]")
    if np.any(np.abs(p64.sum(axis=1) - 1) > math.sqrt(float(np.finfo(dt).eps))):
        raise ValueError("every row of probs must sum to 1")
    pred = np.argmax(p64, axis=1)
    conf = p64[np.arange(n), pred]
    correct = (pred == y.astype(np.int64)).astype(np.float64)
    edges = np.linspace(0.0, 1.0, int(n_bins) + 1)
    idx = np.clip(np.searchsorted(edges, conf, side="left") - 1, 0, int(n_bins) - 1)
    gap = np.bincount(idx, weights=correct - conf, minlength=int(n_bins))
    return float(np.sum(np.abs(gap)) / n)


@wrong(
    "expected_calibration_error", "no-value-error"
)  # rows of probs not validated, so logits pass silently: ECE([[2.0, -1.0]], [0]) returns 1.0 instead of raising ValueError
def ece_no_prob_check(probs, labels, n_bins=15):
    if (
        isinstance(n_bins, (bool, np.bool_))
        or not isinstance(n_bins, (int, np.integer))
        or n_bins < 1
    ):
        raise ValueError("n_bins must be a positive integer")
    p = np.asarray(probs)
    if p.dtype.kind not in "iuf" or p.ndim != 2:
        raise ValueError("probs must be a 2-D array (N, K) of real numbers")
    n, k = p.shape
    if n < 1 or k < 1:
        raise ValueError("need at least one sample and one class")
    y = np.asarray(labels)
    if y.shape != (n,) or y.dtype.kind not in "iuf":
        raise ValueError("labels must be N integers")
    if y.dtype.kind == "f" and not (np.all(np.isfinite(y)) and np.all(y == np.floor(y))):
        raise ValueError("labels must be whole numbers")
    if np.any(y < 0) or np.any(y >= k):
        raise ValueError("labels out of range")
    p64 = p.astype(np.float64)
    pred = np.argmax(p64, axis=1)
    conf = p64[np.arange(n), pred]
    correct = (pred == y.astype(np.int64)).astype(np.float64)
    edges = np.linspace(0.0, 1.0, int(n_bins) + 1)
    idx = np.clip(np.searchsorted(edges, conf, side="left") - 1, 0, int(n_bins) - 1)
    gap = np.bincount(idx, weights=correct - conf, minlength=int(n_bins))
    return float(np.sum(np.abs(gap)) / n)


@wrong(
    "expected_calibration_error", "raised-error"
)  # requires an integer label dtype, so valid whole-number float labels are rejected: ECE([[0.5, 0.5], [0.75, 0.25]], [0., 0.], n_bins=2) raises ValueError instead of returning 0.375
def ece_rejects_float_labels(probs, labels, n_bins=15):
    if (
        isinstance(n_bins, (bool, np.bool_))
        or not isinstance(n_bins, (int, np.integer))
        or n_bins < 1
    ):
        raise ValueError("n_bins must be a positive integer")
    p = np.asarray(probs)
    if p.dtype.kind not in "iuf" or p.ndim != 2:
        raise ValueError("probs must be a 2-D array (N, K) of real numbers")
    n, k = p.shape
    if n < 1 or k < 1:
        raise ValueError("need at least one sample and one class")
    y = np.asarray(labels)
    if y.shape != (n,) or y.dtype.kind not in "iu":
        raise ValueError("labels must be N integers")
    if np.any(y < 0) or np.any(y >= k):
        raise ValueError("labels out of range")
    dt = p.dtype if p.dtype.kind == "f" else np.dtype(np.float64)
    p64 = p.astype(np.float64)
    if not np.all((p64 >= 0) & (p64 <= 1)):
        raise ValueError("probs must lie in [0, 1]")
    if np.any(np.abs(p64.sum(axis=1) - 1) > math.sqrt(float(np.finfo(dt).eps))):
        raise ValueError("every row of probs must sum to 1")
    pred = np.argmax(p64, axis=1)
    conf = p64[np.arange(n), pred]
    correct = (pred == y.astype(np.int64)).astype(np.float64)
    edges = np.linspace(0.0, 1.0, int(n_bins) + 1)
    idx = np.clip(np.searchsorted(edges, conf, side="left") - 1, 0, int(n_bins) - 1)
    gap = np.bincount(idx, weights=correct - conf, minlength=int(n_bins))
    return float(np.sum(np.abs(gap)) / n)


@wrong(
    "expected_calibration_error", "wrong-values"
)  # no binning at all: mean over samples of |correct_i - conf_i|; the calibrated doc example ECE([[0.75, 0.25]] * 4, [0, 0, 0, 1]) is 0.375 instead of 0.0
def ece_per_sample(probs, labels, n_bins=15):
    if (
        isinstance(n_bins, (bool, np.bool_))
        or not isinstance(n_bins, (int, np.integer))
        or n_bins < 1
    ):
        raise ValueError("n_bins must be a positive integer")
    p = np.asarray(probs)
    if p.dtype.kind not in "iuf" or p.ndim != 2:
        raise ValueError("probs must be a 2-D array (N, K) of real numbers")
    n, k = p.shape
    if n < 1 or k < 1:
        raise ValueError("need at least one sample and one class")
    y = np.asarray(labels)
    if y.shape != (n,) or y.dtype.kind not in "iuf":
        raise ValueError("labels must be N integers")
    if y.dtype.kind == "f" and not (np.all(np.isfinite(y)) and np.all(y == np.floor(y))):
        raise ValueError("labels must be whole numbers")
    if np.any(y < 0) or np.any(y >= k):
        raise ValueError("labels out of range")
    dt = p.dtype if p.dtype.kind == "f" else np.dtype(np.float64)
    p64 = p.astype(np.float64)
    if not np.all((p64 >= 0) & (p64 <= 1)):
        raise ValueError("probs must lie in [0, 1]")
    if np.any(np.abs(p64.sum(axis=1) - 1) > math.sqrt(float(np.finfo(dt).eps))):
        raise ValueError("every row of probs must sum to 1")
    pred = np.argmax(p64, axis=1)
    conf = p64[np.arange(n), pred]
    correct = (pred == y.astype(np.int64)).astype(np.float64)
    return float(np.mean(np.abs(correct - conf)))
