"""Known-wrong answers to notebook ``01_logits``."""

import math

import numpy as np

from tests.mistakes import wrong

# --- linear_logits ----------------------------------------------------------------------


@wrong("linear_logits", "linear-logits-missing-bias")
def linear_logits_no_bias(X, W, b):
    """Forgot to add the bias."""
    return np.asarray(X) @ np.asarray(W)


@wrong("linear_logits", "linear-logits-bias-subtracted")
def linear_logits_minus_bias(X, W, b):
    """Subtracted the bias instead of adding it."""
    return np.asarray(X) @ np.asarray(W) - np.asarray(b)


@wrong("linear_logits", "linear-logits-wrong-product")
def linear_logits_w_times_x(X, W, b):
    """Multiplied in the wrong order, W @ X."""
    return np.asarray(W) @ np.asarray(X) + np.asarray(b)


@wrong("linear_logits", "linear-logits-wrong-product")
def linear_logits_elementwise(X, W, b):
    """Used the elementwise product X * W instead of the matrix product."""
    return np.asarray(X) * np.asarray(W) + np.asarray(b)


@wrong("linear_logits", "linear-logits-wrong-product")
def linear_logits_x_transposed(X, W, b):
    """Transposed X, thinking of examples as columns."""
    return np.asarray(X).T @ np.asarray(W) + np.asarray(b)


@wrong("linear_logits", "linear-logits-transposed")
def linear_logits_transposed_output(X, W, b):
    """Computed W^T X^T + b as a column vector: logits of shape (K, N)."""
    X, W, b = np.asarray(X), np.asarray(W), np.asarray(b)
    return W.T @ X.T + b[:, None]


@wrong("linear_logits", "linear-logits-bias-broadcast")
def linear_logits_bias_as_column(X, W, b):
    """Added b as a column (K, 1), which broadcasts to a (K, K) or wrong-shaped result."""
    return np.asarray(X) @ np.asarray(W) + np.asarray(b)[:, None]


@wrong("linear_logits", "not-array-like")
def linear_logits_lists_fail(X, W, b):
    """Relied on array attributes (.ndim, .shape, .astype), which Python lists do not have."""
    if W.ndim != 2 or X.shape[-1] != W.shape[0] or b.shape != (W.shape[1],):
        raise ValueError("X, W and b do not fit together")
    dtype = np.result_type(X, W, b)
    dtype = dtype if dtype.kind == "f" else np.dtype(np.float64)
    return X.astype(dtype) @ W.astype(dtype) + b.astype(dtype)


@wrong("linear_logits", "no-value-error")
def linear_logits_no_bias_check(X, W, b):
    """Trusted broadcasting: a bias of shape (1,) is silently added to every class."""
    X, W, b = (np.asarray(a) * 1.0 for a in (X, W, b))
    return X @ W + b


@wrong("linear_logits", "wrong-dtype")
def linear_logits_keeps_int(X, W, b):
    """Validated the shapes but left integer input as integers."""
    X, W, b = np.asarray(X), np.asarray(W), np.asarray(b)
    if X.shape[-1] != W.shape[0] or b.shape != (W.shape[1],):
        raise ValueError("incompatible shapes")
    return X @ W + b


@wrong("linear_logits", "wrong-dtype")
def linear_logits_always_float64(X, W, b):
    """Converted everything to float64, so float32 in gives float64 out."""
    X, W, b = (np.asarray(a, dtype=np.float64) for a in (X, W, b))
    if X.shape[-1] != W.shape[0] or b.shape != (W.shape[1],):
        raise ValueError("incompatible shapes")
    return X @ W + b


# --- predict ----------------------------------------------------------------------------


@wrong("predict", "predict-returned-max-value")
def predict_max_value(logits):
    """Returned the largest logit instead of its index."""
    return np.max(np.asarray(logits), axis=-1)


@wrong("predict", "predict-wrong-axis")
def predict_axis_zero(logits):
    """Took the argmax over axis 0 (over the batch)."""
    return np.argmax(np.asarray(logits), axis=0)


@wrong("predict", "predict-wrong-axis")
def predict_axis_one(logits):
    """Hard-coded axis=1, right only for a 2-D batch."""
    return np.argmax(np.asarray(logits), axis=1)


@wrong("predict", "predict-flattened-argmax")
def predict_no_axis(logits):
    """Called np.argmax without axis, which flattens the batch."""
    return np.argmax(np.asarray(logits))


@wrong("predict", "predict-argmin")
def predict_argmin(logits):
    """Picked the class with the smallest logit."""
    return np.argmin(np.asarray(logits), axis=-1)


@wrong("predict", "predict-tie-break")
def predict_last_of_ties(logits):
    """Broke ties towards the highest index (>= in a loop)."""
    z = np.asarray(logits)
    k = z.shape[-1]
    return k - 1 - np.argmax(z[..., ::-1], axis=-1)


@wrong("predict", "predict-one-hot")
def predict_one_hot(logits):
    """Returned a one-hot mask of the largest logit instead of its index."""
    z = np.asarray(logits)
    return (z == z.max(axis=-1, keepdims=True)).astype(int)


@wrong("predict", "predict-not-integer")
def predict_float_indices(logits):
    """Returned the indices as floats."""
    return np.argmax(np.asarray(logits), axis=-1).astype(float)


@wrong("predict", "predict-softmax-overflow")
def predict_via_naive_softmax(logits):
    """Applied an unshifted softmax first; exp overflows to NaN for large logits."""
    e = np.exp(np.asarray(logits, dtype=float))
    return np.argmax(e / e.sum(axis=-1, keepdims=True), axis=-1)


@wrong("predict", "not-array-like")
def predict_array_method(logits):
    """Used the array method .argmax, which a Python list does not have."""
    return logits.argmax(axis=-1)


@wrong("predict", "predict-not-integer")
def predict_row_loop(logits):
    """Looped over rows with list.index(max(row)); an empty batch gives a float array."""
    z = np.asarray(logits)
    flat = z.reshape(-1, z.shape[-1])
    return np.array([list(row).index(max(row)) for row in flat]).reshape(z.shape[:-1])


# --- probability_ratio ------------------------------------------------------------------


@wrong("probability_ratio", "probability-ratio-divided-logits")
def probability_ratio_of_logits(z, i, j):
    """Divided the logits, z_i / z_j."""
    z = np.asarray(z, dtype=float)
    return z[i] / z[j]


@wrong("probability_ratio", "probability-ratio-inverted")
def probability_ratio_inverted(z, i, j):
    """Computed exp(z_j - z_i), i.e. p_j / p_i."""
    z = np.asarray(z)
    return np.exp(z[j] - z[i])


@wrong("probability_ratio", "probability-ratio-missing-exp")
def probability_ratio_log(z, i, j):
    """Returned the logit difference, the log of the ratio."""
    z = np.asarray(z)
    return z[i] - z[j]


@wrong("probability_ratio", "probability-ratio-wrong-base")
def probability_ratio_base_two(z, i, j):
    """Used 2 ** (z_i - z_j)."""
    z = np.asarray(z)
    return 2.0 ** (z[i] - z[j])


@wrong("probability_ratio", "probability-ratio-wrong-base")
def probability_ratio_base_ten(z, i, j):
    """Used 10 ** (z_i - z_j)."""
    z = np.asarray(z)
    return 10.0 ** (z[i] - z[j])


@wrong("probability_ratio", "probability-ratio-overflow")
def probability_ratio_separate_exps(z, i, j):
    """exp(z_i) / exp(z_j): both overflow for large logits."""
    z = np.asarray(z)
    return np.exp(z[i]) / np.exp(z[j])


@wrong("probability_ratio", "probability-ratio-overflow")
def probability_ratio_naive_softmax(z, i, j):
    """Formed an unshifted softmax and divided two of its entries."""
    e = np.exp(np.asarray(z))
    p = e / e.sum()
    return p[i] / p[j]


@wrong("probability_ratio", "probability-ratio-via-softmax-underflow")
def probability_ratio_stable_softmax(z, i, j):
    """Formed a (stable) softmax first; tiny probabilities underflow to 0 / 0."""
    z = np.asarray(z)
    e = np.exp(z - z.max())
    p = e / e.sum()
    return p[i] / p[j]


@wrong("probability_ratio", "probability-ratio-wrong-indices")
def probability_ratio_one_based(z, i, j):
    """Counted classes from 1 and read z[i - 1], z[j - 1]."""
    z = np.asarray(z)
    return np.exp(z[i - 1] - z[j - 1])


@wrong("probability_ratio", "wrong-shape")
def probability_ratio_all_classes(z, i, j):
    """Returned the ratio of every class to class j."""
    z = np.asarray(z)
    return np.exp(z - z[j])


@wrong("probability_ratio", "probability-ratio-not-vectorised")
def probability_ratio_math_exp(z, i, j):
    """Used math.exp, which takes one number: a batch of logits raises TypeError."""
    return math.exp(z[i] - z[j])


@wrong("probability_ratio", "no-value-error")
def probability_ratio_wraps_indices(z, i, j):
    """Wrapped indices modulo K, so an out-of-range class silently picks another one."""
    z = np.asarray(z)
    z = z if z.dtype.kind == "f" else z.astype(np.float64)
    k = z.shape[-1]
    return np.exp(z[..., i % k] - z[..., j % k])


# --- logits_from_probabilities ----------------------------------------------------------


@wrong("logits_from_probabilities", "inverse-softmax-not-centred")
def logits_from_probabilities_log_only(p):
    """Returned log p without centring it."""
    p = np.asarray(p)
    if np.any(p <= 0) or not np.allclose(p.sum(axis=-1), 1):
        raise ValueError("p must be positive and sum to 1")
    return np.log(p)


@wrong("logits_from_probabilities", "inverse-softmax-not-centred")
def logits_from_probabilities_minus_max(p):
    """Shifted log p by its maximum instead of its mean."""
    p = np.asarray(p)
    if np.any(p <= 0) or not np.allclose(p.sum(axis=-1), 1):
        raise ValueError("p must be positive and sum to 1")
    z = np.log(p)
    return z - z.max(axis=-1, keepdims=True)


@wrong("logits_from_probabilities", "inverse-softmax-centred-over-whole-array")
def logits_from_probabilities_global_mean(p):
    """Subtracted the mean of the whole array."""
    p = np.asarray(p)
    if np.any(p <= 0) or not np.allclose(p.sum(axis=-1), 1):
        raise ValueError("p must be positive and sum to 1")
    z = np.log(p)
    return z - z.mean()


@wrong("logits_from_probabilities", "missing-keepdims")
def logits_from_probabilities_no_keepdims(p):
    """Took the mean without keepdims, so it broadcasts against the wrong axis."""
    p = np.asarray(p)
    if np.any(p <= 0) or not np.allclose(p.sum(axis=-1), 1):
        raise ValueError("p must be positive and sum to 1")
    z = np.log(p)
    return z - z.mean(axis=-1)


@wrong("logits_from_probabilities", "inverse-softmax-wrong-axis")
def logits_from_probabilities_axis_zero(p):
    """Centred along axis 0 instead of the last axis."""
    p = np.asarray(p)
    if np.any(p <= 0) or not np.allclose(p.sum(axis=-1), 1):
        raise ValueError("p must be positive and sum to 1")
    z = np.log(p)
    return z - z.mean(axis=0, keepdims=True)


@wrong("logits_from_probabilities", "inverse-softmax-wrong-log-base")
def logits_from_probabilities_log10(p):
    """Used np.log10."""
    p = np.asarray(p)
    if np.any(p <= 0) or not np.allclose(p.sum(axis=-1), 1):
        raise ValueError("p must be positive and sum to 1")
    z = np.log10(p)
    return z - z.mean(axis=-1, keepdims=True)


@wrong("logits_from_probabilities", "inverse-softmax-wrong-log-base")
def logits_from_probabilities_log2(p):
    """Used np.log2."""
    p = np.asarray(p)
    if np.any(p <= 0) or not np.allclose(p.sum(axis=-1), 1):
        raise ValueError("p must be positive and sum to 1")
    z = np.log2(p)
    return z - z.mean(axis=-1, keepdims=True)


@wrong("logits_from_probabilities", "inverse-softmax-sign-flipped")
def logits_from_probabilities_negative_log(p):
    """Returned -log p (centred), as in a loss."""
    p = np.asarray(p)
    if np.any(p <= 0) or not np.allclose(p.sum(axis=-1), 1):
        raise ValueError("p must be positive and sum to 1")
    z = -np.log(p)
    return z - z.mean(axis=-1, keepdims=True)


@wrong("logits_from_probabilities", "inverse-softmax-binary-logit")
def logits_from_probabilities_binary_logit(p):
    """Used the two-class logit log(p / (1 - p)) for every class."""
    p = np.asarray(p)
    if np.any(p <= 0) or not np.allclose(p.sum(axis=-1), 1):
        raise ValueError("p must be positive and sum to 1")
    z = np.log(p / (1 - p))
    return z - z.mean(axis=-1, keepdims=True)


@wrong("logits_from_probabilities", "inverse-softmax-added-epsilon")
def logits_from_probabilities_epsilon(p):
    """Added 1e-12 inside the log 'for safety', which distorts tiny probabilities."""
    p = np.asarray(p)
    if np.any(p <= 0) or not np.allclose(p.sum(axis=-1), 1):
        raise ValueError("p must be positive and sum to 1")
    z = np.log(p + 1e-12)
    return z - z.mean(axis=-1, keepdims=True)


@wrong("logits_from_probabilities", "no-value-error")
def logits_from_probabilities_no_validation(p):
    """Did not validate p at all."""
    z = np.log(np.asarray(p))
    return z - z.mean(axis=-1, keepdims=True)


@wrong("logits_from_probabilities", "no-value-error")
def logits_from_probabilities_sum_check_only(p):
    """Checked the sums but not that every probability is positive."""
    p = np.asarray(p)
    tol = max(1e-6, np.sqrt(np.finfo(p.dtype).eps)) if p.dtype.kind == "f" else 1e-6
    if np.any(np.abs(p.sum(axis=-1) - 1) > tol):
        raise ValueError("p must sum to 1")
    z = np.log(p)
    return z - z.mean(axis=-1, keepdims=True)


@wrong("logits_from_probabilities", "inverse-softmax-rejects-valid-probabilities")
def logits_from_probabilities_checks_columns(p):
    """Checked that p sums to 1 along axis 0 instead of along the last axis."""
    p = np.asarray(p)
    if np.any(p <= 0) or not np.allclose(p.sum(axis=0), 1):
        raise ValueError("p must be positive and sum to 1")
    z = np.log(p)
    return z - z.mean(axis=-1, keepdims=True)


@wrong("logits_from_probabilities", "no-value-error")
def logits_from_probabilities_average_sum(p):
    """Checked that the rows sum to 1 on average, so a row of 0.5 and one of 1.5 pass."""
    p = np.asarray(p)
    tol = max(1e-6, np.sqrt(np.finfo(p.dtype).eps)) if p.dtype.kind == "f" else 1e-6
    if np.any(p <= 0) or abs(np.mean(p.sum(axis=-1)) - 1) > tol:
        raise ValueError("p must be positive and sum to 1")
    z = np.log(p)
    return z - z.mean(axis=-1, keepdims=True)


@wrong("logits_from_probabilities", "no-value-error")
def logits_from_probabilities_nan_passes(p):
    """Validated with p <= 0 and |sum - 1| > tol, both False for NaN, so NaN gets through."""
    p = np.asarray(p)
    tol = max(1e-6, np.sqrt(np.finfo(p.dtype).eps)) if p.dtype.kind == "f" else 1e-6
    if np.any(p <= 0) or np.any(np.abs(p.sum(axis=-1) - 1) > tol):
        raise ValueError("p must be positive and sum to 1")
    z = np.log(p)
    return z - z.mean(axis=-1, keepdims=True)


@wrong("logits_from_probabilities", "inverse-softmax-rejects-valid-probabilities")
def logits_from_probabilities_exact_sum(p):
    """Required the sum to be exactly 1, rejecting 0.3 + 0.6 + 0.1."""
    p = np.asarray(p)
    if np.any(p <= 0) or np.any(p.sum(axis=-1) != 1):
        raise ValueError("p must be positive and sum to 1")
    z = np.log(p)
    return z - z.mean(axis=-1, keepdims=True)


@wrong("logits_from_probabilities", "inverse-softmax-rejects-valid-probabilities")
def logits_from_probabilities_total_sum(p):
    """Checked that the whole array sums to 1, which a batch of several rows does not."""
    p = np.asarray(p)
    if np.any(p <= 0) or not np.isclose(p.sum(), 1):
        raise ValueError("p must be positive and sum to 1")
    z = np.log(p)
    return z - z.mean(axis=-1, keepdims=True)


@wrong("logits_from_probabilities", "modified-input")
def logits_from_probabilities_in_place(p):
    """Took the log in place, overwriting the caller's probabilities."""
    if np.any(p <= 0) or not np.allclose(np.sum(p, axis=-1), 1):
        raise ValueError("p must be positive and sum to 1")
    np.log(p, out=p)
    p -= p.mean(axis=-1, keepdims=True)
    return p


@wrong("logits_from_probabilities", "wrong-dtype")
def logits_from_probabilities_float64(p):
    """Validated p in its own dtype, then took the log in float64: float32 in, float64 out."""
    p = np.asarray(p)
    tol = max(1e-6, np.sqrt(np.finfo(p.dtype).eps)) if p.dtype.kind == "f" else 1e-6
    if np.any(~(p > 0)) or np.any(np.abs(p.sum(axis=-1) - 1) > tol):
        raise ValueError("p must be positive and sum to 1")
    z = np.log(p.astype(np.float64))
    return z - z.mean(axis=-1, keepdims=True)


# --- found by red-teaming the checks: contract edges the first checks did not probe ---------


@wrong("linear_logits", "wrong-dtype")
def linear_logits_dtype_of_x(X, W, b):
    """Cast W and b to X's dtype, so float32 features with float64 weights give float32."""
    X, W, b = np.asarray(X), np.asarray(W), np.asarray(b)
    if W.ndim != 2 or X.shape[-1] != W.shape[0] or b.shape != (W.shape[1],):
        raise ValueError("X, W and b do not fit together")
    dtype = X.dtype if X.dtype.kind == "f" else np.dtype(np.float64)
    return X.astype(dtype) @ W.astype(dtype) + b.astype(dtype)


@wrong("linear_logits", "wrong-shape")
def linear_logits_atleast_2d(X, W, b):
    """Made X 2-D with np.atleast_2d, so a single example (D,) gives (1, K), not (K,)."""
    X, W, b = np.atleast_2d(np.asarray(X)), np.asarray(W), np.asarray(b)
    if W.ndim != 2 or X.shape[-1] != W.shape[0] or b.shape != (W.shape[1],):
        raise ValueError("X, W and b do not fit together")
    dtype = np.result_type(X, W, b)
    dtype = dtype if dtype.kind == "f" else np.dtype(np.float64)
    return X.astype(dtype) @ W.astype(dtype) + b.astype(dtype)


@wrong("linear_logits", "raised-error")
def linear_logits_einsum_batch_only(X, W, b):
    """einsum('nd,dk->nk'): right for an (N, D) batch, an error for one example (D,)."""
    X, W, b = np.asarray(X), np.asarray(W), np.asarray(b)
    if W.ndim != 2 or X.shape[-1] != W.shape[0] or b.shape != (W.shape[1],):
        raise ValueError("X, W and b do not fit together")
    dtype = np.result_type(X, W, b)
    dtype = dtype if dtype.kind == "f" else np.dtype(np.float64)
    return np.einsum("nd,dk->nk", X.astype(dtype), W.astype(dtype)) + b.astype(dtype)


@wrong("linear_logits", "no-value-error")
def linear_logits_w_ndim_unchecked(X, W, b):
    """Never checked that W is 2-D: a 1-D W with a bias of shape (1,) gives a silent answer."""
    X, W, b = np.asarray(X), np.asarray(W), np.asarray(b)
    k = W.shape[1] if W.ndim == 2 else 1
    if X.shape[-1] != W.shape[0] or b.shape != (k,):
        raise ValueError("X, W and b do not fit together")
    dtype = np.result_type(X, W, b)
    dtype = dtype if dtype.kind == "f" else np.dtype(np.float64)
    return (X @ W + b).astype(dtype)


@wrong("linear_logits", "no-value-error")
def linear_logits_bias_size_check(X, W, b):
    """Checked b.size == K instead of b.shape == (K,): a (1, K) bias slips through."""
    X, W, b = np.asarray(X), np.asarray(W), np.asarray(b)
    if W.ndim != 2 or X.shape[-1] != W.shape[0] or b.size != W.shape[1]:
        raise ValueError("X, W and b do not fit together")
    dtype = np.result_type(X, W, b)
    dtype = dtype if dtype.kind == "f" else np.dtype(np.float64)
    return (X @ W + b).astype(dtype)


@wrong("linear_logits", "returned-list")
def linear_logits_returns_list(X, W, b):
    """Returned the logits as a nested Python list (tolist)."""
    X, W, b = np.asarray(X), np.asarray(W), np.asarray(b)
    if W.ndim != 2 or X.shape[-1] != W.shape[0] or b.shape != (W.shape[1],):
        raise ValueError("X, W and b do not fit together")
    return (X @ W + b * 1.0).tolist()


@wrong("predict", "predict-lost-precision")
def predict_argmax_of_softmax(logits):
    """Took the argmax of a (stable) softmax: logits 1e-20 apart get equal probabilities."""
    z = np.asarray(logits, dtype=np.float64)
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError("logits need a class axis with at least one class")
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return np.argmax(e / e.sum(axis=-1, keepdims=True), axis=-1)


@wrong("predict", "predict-lost-precision")
def predict_float16_logits(logits):
    """Converted the logits to float16 to save memory: close logits become ties."""
    z = np.asarray(logits).astype(np.float16)
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError("logits need a class axis with at least one class")
    return np.argmax(z, axis=-1)


@wrong("predict", "no-value-error")
def predict_atleast_1d(logits):
    """np.atleast_1d turned a scalar into one class, so predict(2.5) answers 0."""
    return np.argmax(np.atleast_1d(np.asarray(logits)), axis=-1)


@wrong("predict", "no-value-error")
def predict_empty_classes_zero(logits):
    """Answered class 0 for logits with no class (K = 0) instead of raising."""
    z = np.asarray(logits)
    if z.ndim == 0:
        raise ValueError("a scalar has no class axis")
    if z.shape[-1] == 0:
        return np.zeros(z.shape[:-1], dtype=np.intp)
    return np.argmax(z, axis=-1)


@wrong("predict", "returned-list")
def predict_returns_list(logits):
    """Returned the predictions as a Python list (tolist)."""
    z = np.asarray(logits)
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError("logits need a class axis with at least one class")
    return np.argmax(z, axis=-1).tolist()


@wrong("predict", "predict-lost-precision")
def predict_integer_logits(logits):
    """Cast the logits to int first ('classes are integers'), which truncates 0.9 and 0.1 to 0."""
    z = np.asarray(logits)
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError("logits need a class axis with at least one class")
    return np.argmax(z.astype(int), axis=-1)


@wrong("predict", "predict-counted-from-one")
def predict_one_based(logits):
    """Numbered the classes from 1, as in the notebook's prose, by adding 1."""
    z = np.asarray(logits)
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError("logits need a class axis with at least one class")
    return np.argmax(z, axis=-1) + 1


@wrong("predict", "wrong-shape")
def predict_transposed_batch(logits):
    """np.argmax(z.T, axis=0): right for (N, K), but .T reverses every axis of a 3-D batch."""
    z = np.asarray(logits)
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError("logits need a class axis with at least one class")
    return np.argmax(z.T, axis=0)


@wrong("probability_ratio", "probability-ratio-indexed-examples")
def probability_ratio_rows_of_batch(z, i, j):
    """Wrote z[i] - z[j], which on a batch picks examples i and j, not classes."""
    z = np.asarray(z)
    z = z if z.dtype.kind == "f" else z.astype(np.float64)
    k = z.shape[-1]
    if not (-k <= i < k and -k <= j < k):
        raise ValueError("class index out of range")
    return np.exp(z[i] - z[j])


@wrong("probability_ratio", "no-value-error")
def probability_ratio_int_cast_indices(z, i, j):
    """Converted i and j with int(), so probability_ratio(z, 1.7, 0) silently uses class 1."""
    z = np.asarray(z)
    z = z if z.dtype.kind == "f" else z.astype(np.float64)
    if z.ndim == 0:
        raise ValueError("z needs a class axis")
    i, j = int(i), int(j)
    k = z.shape[-1]
    if not (-k <= i < k and -k <= j < k):
        raise ValueError("class index out of range")
    return np.exp(z[..., i] - z[..., j])


@wrong("probability_ratio", "no-value-error")
def probability_ratio_scalar_z(z, i, j):
    """np.atleast_1d made a scalar z a single class, so the ratio silently comes out as 1."""
    z = np.atleast_1d(np.asarray(z))
    z = z if z.dtype.kind == "f" else z.astype(np.float64)
    return np.exp(z[..., i] - z[..., j])


@wrong("probability_ratio", "wrong-dtype")
def probability_ratio_no_promotion(z, i, j):
    """Did not promote integers: uint8 logits subtract with wrap-around, exp gives float16."""
    z = np.asarray(z)
    return np.exp(z[..., i] - z[..., j])


@wrong("probability_ratio", "probability-ratio-inverted")
def probability_ratio_absolute_difference(z, i, j):
    """exp(|z_i - z_j|), as if a ratio were always at least 1."""
    z = np.asarray(z)
    z = z if z.dtype.kind == "f" else z.astype(np.float64)
    return np.exp(np.abs(z[..., i] - z[..., j]))


@wrong("logits_from_probabilities", "no-value-error")
def logits_from_probabilities_scalar_p(p):
    """np.atleast_1d let a scalar p = 1.0 through as one class, giving [0.]."""
    p = np.atleast_1d(np.asarray(p))
    p = p if p.dtype.kind == "f" else p.astype(np.float64)
    tol = max(1e-6, np.sqrt(np.finfo(p.dtype).eps)) if p.dtype.kind == "f" else 1e-6
    if np.any(~(p > 0)) or np.any(np.abs(p.sum(axis=-1) - 1) > tol):
        raise ValueError("p must be positive and sum to 1")
    z = np.log(p)
    return z - z.mean(axis=-1, keepdims=True)


@wrong("logits_from_probabilities", "no-value-error")
def logits_from_probabilities_loose_tolerance(p):
    """Allowed sums off by 0.05 in every dtype, so p = [0.5, 0.499] is accepted."""
    p = np.asarray(p)
    p = p if p.dtype.kind == "f" else p.astype(np.float64)
    if np.any(~(p > 0)) or np.any(np.abs(p.sum(axis=-1) - 1) > 0.05):
        raise ValueError("p must be positive and sum to 1")
    z = np.log(p)
    return z - z.mean(axis=-1, keepdims=True)


@wrong("logits_from_probabilities", "inverse-softmax-rejects-valid-probabilities")
def logits_from_probabilities_float64_tolerance(p):
    """Used a tolerance of 1e-9 whatever the dtype, which rejects valid float32 input."""
    p = np.asarray(p)
    p = p if p.dtype.kind == "f" else p.astype(np.float64)
    if np.any(~(p > 0)) or np.any(np.abs(p.sum(axis=-1, dtype=np.float64) - 1) > 1e-9):
        raise ValueError("p must be positive and sum to 1")
    z = np.log(p)
    return z - z.mean(axis=-1, keepdims=True)


@wrong("logits_from_probabilities", "inverse-softmax-low-precision")
def logits_from_probabilities_float32_logs(p):
    """Took the logs in float32 'to be fast', losing half the digits of float64 input."""
    p = np.asarray(p)
    p = p if p.dtype.kind == "f" else p.astype(np.float64)
    if np.any(~(p > 0)) or not np.allclose(p.sum(axis=-1), 1, rtol=0, atol=1e-6):
        raise ValueError("p must be positive and sum to 1")
    z = np.log(p.astype(np.float32))
    return (z - z.mean(axis=-1, keepdims=True)).astype(p.dtype)


# --- kinds of miss found on fresh answers (issue 6): valid input refused, edges, return types --


@wrong("linear_logits", "raised-error")
def linear_logits_requires_2d_x(X, W, b):
    """Insisted on X.ndim == 2, so a batch (..., D) of examples is refused (valid per the text)."""
    X, W, b = np.asarray(X), np.asarray(W), np.asarray(b)
    if any(a.dtype.kind not in "biuf" for a in (X, W, b)):
        raise ValueError("X, W and b must hold real numbers")
    if X.ndim not in (1, 2) or W.ndim != 2 or X.shape[-1] != W.shape[0]:
        raise ValueError("X must be (N, D) or (D,), W (D, K)")
    if b.shape != (W.shape[1],):
        raise ValueError("b must have shape (K,)")
    dtype = np.result_type(X, W, b)
    dtype = dtype if dtype.kind == "f" else np.dtype(np.float64)
    return X.astype(dtype) @ W.astype(dtype) + b.astype(dtype)


# The exercise text does not list non-real input among its errors: only the hidden tests
# (the reference's docstring) ask for a ValueError here.
@wrong("linear_logits", "no-value-error")
def linear_logits_accepts_complex(X, W, b):
    """Validated the shapes but not that the numbers are real: complex X gives complex logits."""
    X, W, b = np.asarray(X), np.asarray(W), np.asarray(b)
    if W.ndim != 2 or X.shape[-1] != W.shape[0] or b.shape != (W.shape[1],):
        raise ValueError("X, W and b do not fit together")
    dtype = np.result_type(X, W, b)
    dtype = dtype if dtype.kind in "fc" else np.dtype(np.float64)
    return X.astype(dtype) @ W.astype(dtype) + b.astype(dtype)


@wrong("predict", "predict-ignored-nan")
def predict_nanargmax(logits):
    """Used np.nanargmax 'to be safe': a NaN logit is skipped instead of winning."""
    z = np.asarray(logits)
    if z.dtype.kind not in "biuf":
        raise ValueError("real numbers only")
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError("logits need a class axis with at least one class")
    return np.nanargmax(z, axis=-1)


@wrong("predict", "predict-ignored-nan")
def predict_first_of_max_mask(logits):
    """Took the first True of z == max(z): a NaN row has no True, so it answers class 0."""
    z = np.asarray(logits)
    if z.dtype.kind not in "biuf":
        raise ValueError("real numbers only")
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError("logits need a class axis with at least one class")
    return np.argmax(z == z.max(axis=-1, keepdims=True), axis=-1)


@wrong("predict", "returned-0d-array")
def predict_apply_along_axis(logits):
    """np.apply_along_axis(np.argmax, -1, z): one example gives a 0-d array, not an integer."""
    z = np.asarray(logits)
    if z.dtype.kind not in "biuf":
        raise ValueError("real numbers only")
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError("logits need a class axis with at least one class")
    if z.size == 0:
        return np.zeros(z.shape[:-1], dtype=np.intp)
    return np.apply_along_axis(np.argmax, -1, z)


@wrong("predict", "raised-error")
def predict_rejects_empty_batch(logits):
    """Checked z.size == 0 to reject 'no logits', which also refuses a valid empty batch."""
    z = np.asarray(logits)
    if z.dtype.kind not in "biuf":
        raise ValueError("real numbers only")
    if z.ndim == 0 or z.size == 0:
        raise ValueError("no logits")
    return np.argmax(z, axis=-1)


# Not in the exercise text (only the reference's docstring): a hidden-only rule.
@wrong("predict", "no-value-error")
def predict_accepts_complex(logits):
    """Never checked that the logits are real: complex logits get an argmax of sorts."""
    z = np.asarray(logits)
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError("logits need a class axis with at least one class")
    return np.argmax(z, axis=-1)


@wrong("probability_ratio", "no-value-error")
def probability_ratio_index_error(z, i, j):
    """Let NumPy raise IndexError for a class out of range; the text asks for ValueError."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("real numbers only")
    z = z if z.dtype.kind == "f" else z.astype(np.float64)
    if z.ndim == 0:
        raise ValueError("z needs a class axis")
    for index in (i, j):
        if isinstance(index, bool) or not isinstance(index, (int, np.integer)):
            raise ValueError("class indices must be integers")
    return np.exp(z[..., i] - z[..., j])


@wrong("probability_ratio", "raised-error")
def probability_ratio_no_negative_indices(z, i, j):
    """Required 0 <= i < K, refusing Python's negative indices, which the text allows."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("real numbers only")
    z = z if z.dtype.kind == "f" else z.astype(np.float64)
    if z.ndim == 0:
        raise ValueError("z needs a class axis")
    k = z.shape[-1]
    for index in (i, j):
        if isinstance(index, bool) or not isinstance(index, (int, np.integer)):
            raise ValueError("class indices must be integers")
        if not 0 <= index < k:
            raise ValueError("class index out of range")
    return np.exp(z[..., i] - z[..., j])


@wrong("probability_ratio", "no-value-error")
def probability_ratio_bool_is_int(z, i, j):
    """Checked isinstance(i, int), which True passes (bool is a subclass of int)."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("real numbers only")
    z = z if z.dtype.kind == "f" else z.astype(np.float64)
    if z.ndim == 0:
        raise ValueError("z needs a class axis")
    k = z.shape[-1]
    for index in (i, j):
        if not isinstance(index, (int, np.integer)) or not -k <= index < k:
            raise ValueError("class indices must be integers in range")
    return np.exp(z[..., i] - z[..., j])


@wrong("probability_ratio", "returned-0d-array")
def probability_ratio_squeezed(z, i, j):
    """Made z 2-D with atleast_2d, then squeezed: one example gives a 0-d array, not a number."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("real numbers only")
    z = z if z.dtype.kind == "f" else z.astype(np.float64)
    if z.ndim == 0:
        raise ValueError("z needs a class axis")
    k = z.shape[-1]
    for index in (i, j):
        if isinstance(index, bool) or not isinstance(index, (int, np.integer)):
            raise ValueError("class indices must be integers")
        if not -k <= index < k:
            raise ValueError("class index out of range")
    batch = np.atleast_2d(z)
    ratios = np.exp(batch[..., i] - batch[..., j])
    return ratios.reshape(z.shape[:-1]) if z.ndim > 1 else ratios.squeeze()


@wrong("logits_from_probabilities", "raised-error")
def logits_from_probabilities_min_check(p):
    """Validated with p.min() <= 0, which raises on an empty batch instead of returning one."""
    p = np.asarray(p)
    if p.dtype.kind not in "biuf":
        raise ValueError("real numbers only")
    p = p if p.dtype.kind == "f" else p.astype(np.float64)
    if p.ndim == 0:
        raise ValueError("p needs a class axis")
    tol = max(1e-6, np.sqrt(np.finfo(p.dtype).eps))
    if np.isnan(p).any() or p.min() <= 0 or np.any(np.abs(p.sum(axis=-1) - 1) > tol):
        raise ValueError("p must be positive and sum to 1")
    z = np.log(p)
    return z - z.mean(axis=-1, keepdims=True)


@wrong("logits_from_probabilities", "inverse-softmax-rejects-valid-probabilities")
def logits_from_probabilities_float32_tolerance_for_float16(p):
    """Allowed float32's rounding (3.5e-4) for every non-float64 dtype, too tight for float16."""
    p = np.asarray(p)
    if p.dtype.kind not in "biuf":
        raise ValueError("real numbers only")
    p = p if p.dtype.kind == "f" else p.astype(np.float64)
    if p.ndim == 0:
        raise ValueError("p needs a class axis")
    tol = 1e-6 if p.dtype == np.float64 else 3.5e-4
    if np.any(~(p > 0)) or np.any(np.abs(p.sum(axis=-1, dtype=np.float64) - 1) > tol):
        raise ValueError("p must be positive and sum to 1")
    z = np.log(p)
    return z - z.mean(axis=-1, keepdims=True)


# Not in the exercise text (only the reference's docstring): a hidden-only rule.
@wrong("logits_from_probabilities", "no-value-error")
def logits_from_probabilities_accepts_complex(p):
    """Validated p.real only, so complex probabilities with a zero imaginary part pass."""
    p = np.asarray(p)
    if p.ndim == 0:
        raise ValueError("p needs a class axis")
    tol = max(1e-6, np.sqrt(np.finfo(p.real.dtype).eps)) if p.dtype.kind in "fc" else 1e-6
    if np.any(~(p.real > 0)) or np.any(np.abs(p.sum(axis=-1).real - 1) > tol):
        raise ValueError("p must be positive and sum to 1")
    z = np.log(p)
    return z - z.mean(axis=-1, keepdims=True)


@wrong("linear_logits", "integer-arithmetic")
def linear_logits_cast_at_end(X, W, b):
    """Validated everything, then computed in the inputs' own type and cast at the end."""
    X, W, b = (np.asarray(a) for a in (X, W, b))
    for name, a in (("X", X), ("W", W), ("b", b)):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name} must hold real numbers")
    if W.ndim != 2 or X.ndim == 0 or X.shape[-1] != W.shape[0] or b.shape != (W.shape[1],):
        raise ValueError("X (..., D), W (D, K) and b (K,) do not fit")
    dtype = np.result_type(X, W, b)
    dtype = dtype if dtype.kind == "f" else np.dtype(np.float64)
    return (X @ W + b).astype(dtype)  # uint8: 200 * 2 + 100 * 3 wraps around first
