"""Known-wrong answers to the exercises of notebook 06, *Cross-entropy gradient*.

Each function is what a learner might plausibly write; its decorator names the mistake the
checks must report. They are self-contained (NumPy and math only) and keep the exercise's
signature, so that they can be pasted into a notebook in place of the answer.
"""

import numpy as np

from tests.mistakes import wrong
from tests.mistakes.round3.cross_entropy_gradient import ce_ok, ng_ok2
from tests.mistakes.round4.cross_entropy_gradient import train_ok

# --- cross_entropy ------------------------------------------------------------------------


@wrong("cross_entropy", "no-max-shift")
def ce_naive_logsumexp(logits, labels):
    """Computed log(sum(exp(z))) without subtracting the row maximum."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    lse = np.log(np.sum(np.exp(z), axis=1))
    return np.mean(lse - z[np.arange(len(y)), y])


@wrong("cross_entropy", "no-max-shift")
def ce_log_of_naive_softmax(logits, labels):
    """Took -log of an unshifted softmax."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    p = np.exp(z) / np.sum(np.exp(z), axis=1, keepdims=True)
    return -np.mean(np.log(p[np.arange(len(y)), y]))


@wrong("cross_entropy", "ce-log-of-softmax")
def ce_log_of_stable_softmax(logits, labels):
    """Took -log of a stable softmax, which underflows to 0 for extreme logits."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    return -np.mean(np.log(p[np.arange(len(y)), y]))


@wrong("cross_entropy", "ce-log-of-softmax")
def ce_clipped_log_softmax(logits, labels):
    """Clipped the probabilities at 1e-12 before the log to avoid log(0)."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = np.clip(e / e.sum(axis=1, keepdims=True), 1e-12, 1.0)
    return -np.mean(np.log(p[np.arange(len(y)), y]))


@wrong("cross_entropy", "global-max-shift")
def ce_global_max_shift(logits, labels):
    """Subtracted the maximum of the whole batch instead of each row's own."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    m = z.max()
    lse = m + np.log(np.sum(np.exp(z - m), axis=1))
    return np.mean(lse - z[np.arange(len(y)), y])


@wrong("cross_entropy", "ce-sum-not-mean")
def ce_sum_over_batch(logits, labels):
    """Summed the per-sample losses instead of averaging them."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    m = z.max(axis=1, keepdims=True)
    lse = (m + np.log(np.sum(np.exp(z - m), axis=1, keepdims=True)))[:, 0]
    return np.sum(lse - z[np.arange(len(y)), y])


@wrong("cross_entropy", "ce-mean-over-all-entries")
def ce_mean_over_all_entries(logits, labels):
    """Averaged onehot * -log_softmax over all N x K entries."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    m = z.max(axis=1, keepdims=True)
    log_p = z - m - np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))
    onehot = np.eye(z.shape[1])[y]
    return np.mean(-onehot * log_p)


@wrong("cross_entropy", "ce-sign-flipped")
def ce_sign_flipped(logits, labels):
    """Returned z_y - logsumexp(z), the log-likelihood instead of its negative."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    m = z.max(axis=1)
    lse = m + np.log(np.sum(np.exp(z - m[:, None]), axis=1))
    return np.mean(z[np.arange(len(y)), y] - lse)


@wrong("cross_entropy", "ce-label-off-by-one")
def ce_labels_one_based(logits, labels):
    """Treated the labels as 1-based and indexed with labels - 1."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    m = z.max(axis=1)
    lse = m + np.log(np.sum(np.exp(z - m[:, None]), axis=1))
    return np.mean(lse - z[np.arange(len(y)), y - 1])


@wrong("cross_entropy", "ce-labels-used-as-one-hot")
def ce_labels_as_weights(logits, labels):
    """Multiplied the log-probabilities by the labels as if they were one-hot rows."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    m = z.max(axis=1, keepdims=True)
    log_p = z - m - np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))
    return -np.mean(np.sum(y * log_p, axis=1))


@wrong("cross_entropy", "ce-label-indexing")
def ce_column_indexing(logits, labels):
    """Indexed z[:, labels], which picks every label's column for every sample."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    m = z.max(axis=1, keepdims=True)
    lse = m + np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))
    return np.mean(lse - z[:, y])


@wrong("cross_entropy", "ce-not-averaged")
def ce_per_sample(logits, labels):
    """Returned the vector of per-sample losses instead of their mean."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    m = z.max(axis=1)
    lse = m + np.log(np.sum(np.exp(z - m[:, None]), axis=1))
    return lse - z[np.arange(len(y)), y]


@wrong("cross_entropy", "missing-return")
def ce_missing_return(logits, labels):
    """Computed the loss but forgot to return it."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    m = z.max(axis=1)
    lse = m + np.log(np.sum(np.exp(z - m[:, None]), axis=1))
    loss = np.mean(lse - z[np.arange(len(y)), y])  # noqa: F841


@wrong("cross_entropy", "wrong-dtype")
def ce_always_float64(logits, labels):
    """Converted the logits to float64, so float32 logits give a float64 loss."""
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels).astype(np.intp)
    m = z.max(axis=1)
    lse = m + np.log(np.sum(np.exp(z - m[:, None]), axis=1))
    return np.mean(lse - z[np.arange(len(y)), y])


@wrong("cross_entropy", "no-value-error")
def ce_no_label_check(logits, labels):
    """Did not validate the labels: -1 silently picks the last class."""
    z = np.asarray(logits)
    if z.dtype.kind != "f":
        z = z.astype(np.float64)
    y = np.asarray(labels).astype(np.intp)
    m = z.max(axis=1)
    lse = m + np.log(np.sum(np.exp(z - m[:, None]), axis=1))
    return np.mean(lse - z[np.arange(len(y)), y])


@wrong("cross_entropy", "not-array-like")
def ce_assumes_arrays(logits, labels):
    """Called array methods on the arguments without converting them with np.asarray."""
    z = logits if logits.dtype.kind == "f" else logits.astype(np.float64)
    y = labels
    if y.shape != (z.shape[0],) or y.dtype.kind not in "iuf" or np.any(y != np.round(y)):
        raise ValueError("labels must be class indices, one per row of logits")
    if y.min() < 0 or y.max() >= z.shape[1]:
        raise ValueError("labels must lie in [0, K)")
    y = y.astype(np.intp)
    m = z.max(axis=1)
    lse = m + np.log(np.sum(np.exp(z - m[:, None]), axis=1))
    return np.mean(lse - z[np.arange(len(y)), y])


@wrong("cross_entropy", "missing-keepdims")
def ce_max_without_keepdims(logits, labels):
    """Subtracted z.max(axis=1) without keepdims, so the maxima line up with the columns."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    m = z.max(axis=1)
    lse = m + np.log(np.sum(np.exp(z - m), axis=1))
    return np.mean(lse - z[np.arange(len(y)), y])


@wrong("cross_entropy", "ce-label-indexing")
def ce_take_flat(logits, labels):
    """Picked the true logits with np.take(z, labels), which indexes the flattened array."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    m = z.max(axis=1)
    lse = m + np.log(np.sum(np.exp(z - m[:, None]), axis=1))
    return np.mean(lse - np.take(z, y))


@wrong("cross_entropy", "ce-mean-over-all-entries")
def ce_divides_by_classes(logits, labels):
    """Averaged over the number of classes K instead of the batch size N."""
    z = np.asarray(logits)
    z = z if z.dtype.kind == "f" else z.astype(np.float64)
    y = np.asarray(labels)
    m = z.max(axis=1)
    lse = m + np.log(np.sum(np.exp(z - m[:, None]), axis=1))
    return np.sum(lse - z[np.arange(len(y)), y]) / z.shape[1]


@wrong("cross_entropy", "global-normalisation")
def ce_global_softmax(logits, labels):
    """Took -log of a softmax normalised over the whole batch (scipy's default axis=None)."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    e = np.exp(z - z.max())
    p = e / e.sum()
    return -np.mean(np.log(p[np.arange(len(y)), y]))


@wrong("cross_entropy", "ce-missing-true-logit")
def ce_forgot_true_logit(logits, labels):
    """Returned the mean log-sum-exp and forgot to subtract the true class's logit."""
    z = np.asarray(logits, dtype=float)
    m = z.max(axis=1)
    return np.mean(m + np.log(np.sum(np.exp(z - m[:, None]), axis=1)))


# --- cross_entropy_grad -------------------------------------------------------------------


@wrong("cross_entropy_grad", "ce-grad-sign-flipped")
def grad_sign_flipped(logits, labels):
    """Computed onehot - softmax instead of softmax - onehot."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    return (np.eye(z.shape[1])[y] - p) / len(y)


@wrong("cross_entropy_grad", "ce-grad-missing-1-over-n")
def grad_missing_mean(logits, labels):
    """Forgot the 1/N of the batch mean."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    return p - np.eye(z.shape[1])[y]


@wrong("cross_entropy_grad", "ce-grad-wrong-scale")
def grad_divides_by_n_times_k(logits, labels):
    """Divided by N * K (the size of the array) instead of N."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    return (p - np.eye(z.shape[1])[y]) / z.size


@wrong("cross_entropy_grad", "ce-grad-missing-onehot")
def grad_forgot_onehot(logits, labels):
    """Returned softmax / N and forgot to subtract the one-hot labels."""
    z = np.asarray(logits, dtype=float)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True) / z.shape[0]


@wrong("cross_entropy_grad", "ce-grad-wrong-onehot")
def grad_onehot_columns(logits, labels):
    """Built the one-hot matrix with onehot[:, labels] = 1, which fills whole columns."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    onehot = np.zeros_like(p)
    onehot[:, y] = 1
    return (p - onehot) / len(y)


@wrong("cross_entropy_grad", "ce-grad-wrong-onehot")
def grad_onehot_rows(logits, labels):
    """Built the one-hot matrix with onehot[labels] = 1, which fills whole rows."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    onehot = np.zeros_like(p)
    onehot[y] = 1
    return (p - onehot) / len(y)


@wrong("cross_entropy_grad", "ce-label-off-by-one")
def grad_labels_one_based(logits, labels):
    """Put each 1 of the one-hot matrix at labels - 1."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(y)), y - 1] -= 1
    return p / len(y)


@wrong("cross_entropy_grad", "no-max-shift")
def grad_no_max_shift(logits, labels):
    """Used a softmax without subtracting the row maximum."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    return (p - np.eye(z.shape[1])[y]) / len(y)


@wrong("cross_entropy_grad", "global-max-shift")
def grad_global_max_shift(logits, labels):
    """Subtracted the maximum of the whole batch instead of each row's own."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    e = np.exp(z - z.max())
    p = e / e.sum(axis=1, keepdims=True)
    return (p - np.eye(z.shape[1])[y]) / len(y)


@wrong("cross_entropy_grad", "global-normalisation")
def grad_global_normalisation(logits, labels):
    """Normalised the softmax over the whole batch instead of each row."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum()
    return (p - np.eye(z.shape[1])[y]) / len(y)


@wrong("cross_entropy_grad", "wrong-axis")
def grad_softmax_axis0(logits, labels):
    """Normalised the softmax down the columns (axis 0)."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    e = np.exp(z - z.max(axis=0, keepdims=True))
    p = e / e.sum(axis=0, keepdims=True)
    return (p - np.eye(z.shape[1])[y]) / len(y)


@wrong("cross_entropy_grad", "wrong-dtype")
def grad_always_float64(logits, labels):
    """Built the gradient from float64 arrays, so float32 logits give float64."""
    z = np.asarray(logits)
    y = np.asarray(labels).astype(np.intp)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    onehot = np.zeros(z.shape)
    onehot[np.arange(len(y)), y] = 1.0
    return (p - onehot) / len(y)


@wrong("cross_entropy_grad", "no-value-error")
def grad_no_label_check(logits, labels):
    """Did not validate the labels: label K raises IndexError, -1 picks the last class."""
    z = np.asarray(logits)
    if z.dtype.kind != "f":
        z = z.astype(np.float64)
    y = np.asarray(labels).astype(np.intp)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(y)), y] -= 1
    return p / len(y)


@wrong("cross_entropy_grad", "modified-input")
def grad_in_place(logits, labels):
    """Shifted the caller's logits in place (z -= max) to save memory."""
    z = np.asarray(logits)
    y = np.asarray(labels)
    z -= z.max(axis=1, keepdims=True)
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    p[np.arange(len(y)), y] -= 1
    return p / len(y)


@wrong("cross_entropy_grad", "missing-keepdims")
def grad_sum_without_keepdims(logits, labels):
    """Divided by e.sum(axis=1) without keepdims, so each column gets another row's sum."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1)
    return (p - np.eye(z.shape[1])[y]) / len(y)


@wrong("cross_entropy_grad", "ce-grad-wrong-onehot")
def grad_onehot_transposed(logits, labels):
    """Built the one-hot matrix as np.eye(K)[:, labels], its transpose."""
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    return (p - np.eye(z.shape[1])[:, y]) / len(y)


@wrong("cross_entropy_grad", "ce-grad-wrong-scale")
def grad_divides_by_classes(logits, labels):
    """Divided by the number of classes K instead of the batch size N."""
    z = np.asarray(logits)
    z = z if z.dtype.kind == "f" else z.astype(np.float64)
    y = np.asarray(labels)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(y)), y] -= 1
    return p / z.shape[1]


# --- softmax_jacobian ---------------------------------------------------------------------


@wrong("softmax_jacobian", "jacobian-missing-diag")
def jac_missing_diag(z):
    """Returned -p p^T without the diag(p) term."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max())
    p = e / e.sum()
    return -np.outer(p, p)


@wrong("softmax_jacobian", "jacobian-outer-sign")
def jac_outer_sign(z):
    """Added the outer product instead of subtracting it."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max())
    p = e / e.sum()
    return np.diag(p) + np.outer(p, p)


@wrong("softmax_jacobian", "jacobian-sign-flipped")
def jac_sign_flipped(z):
    """Computed p p^T - diag(p)."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max())
    p = e / e.sum()
    return np.outer(p, p) - np.diag(p)


@wrong("softmax_jacobian", "jacobian-outer-product")
def jac_inner_product(z):
    """Wrote p @ p.T, which for a 1-D p is a number, not the outer product."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max())
    p = e / e.sum()
    return np.diag(p) - p @ p.T


@wrong("softmax_jacobian", "jacobian-outer-product")
def jac_elementwise_square(z):
    """Subtracted p * p, which broadcasts into the wrong matrix."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max())
    p = e / e.sum()
    return np.diag(p) - p * p


@wrong("softmax_jacobian", "jacobian-missing-off-diagonal")
def jac_only_diagonal(z):
    """Kept only the diagonal p_i (1 - p_i)."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max())
    p = e / e.sum()
    return np.diag(p * (1 - p))


@wrong("softmax_jacobian", "jacobian-kronecker-delta")
def jac_delta_forgotten(z):
    """Used p_i (1 - p_j) in every entry, forgetting that the 1 is Kronecker's delta."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max())
    p = e / e.sum()
    return np.outer(p, 1 - p)


@wrong("softmax_jacobian", "jacobian-used-logits")
def jac_used_logits(z):
    """Built diag(z) - z z^T from the logits instead of the probabilities."""
    z = np.asarray(z, dtype=float)
    return np.diag(z) - np.outer(z, z)


@wrong("softmax_jacobian", "no-max-shift")
def jac_no_max_shift(z):
    """Computed the softmax without subtracting the maximum."""
    z = np.asarray(z, dtype=float)
    p = np.exp(z) / np.exp(z).sum()
    return np.diag(p) - np.outer(p, p)


@wrong("softmax_jacobian", "wrong-values")
def jac_unnormalised(z):
    """Used exp(z - max) without dividing by the sum."""
    z = np.asarray(z, dtype=float)
    p = np.exp(z - z.max())
    return np.diag(p) - np.outer(p, p)


@wrong("softmax_jacobian", "wrong-dtype")
def jac_eye_promotes(z):
    """Built diag(p) as np.eye(K) * p, which turns float32 into float64."""
    z = np.asarray(z)
    if z.ndim != 1:
        raise ValueError("z must be 1-D")
    if z.dtype.kind != "f":
        z = z.astype(np.float64)
    e = np.exp(z - z.max())
    p = e / e.sum()
    return np.eye(z.size) * p - np.outer(p, p)


@wrong("softmax_jacobian", "no-value-error")
def jac_flattens_input(z):
    """Flattened any input instead of rejecting a non-vector z."""
    z = np.ravel(np.asarray(z))
    if z.dtype.kind != "f":
        z = z.astype(np.float64)
    e = np.exp(z - z.max())
    p = e / e.sum()
    return np.diag(p) - np.outer(p, p)


# --- numerical_gradient -------------------------------------------------------------------


@wrong("numerical_gradient", "numerical-gradient-one-sided")
def ng_forward_difference(f, x, h=1e-5):
    """Used the forward difference (f(x + h) - f(x)) / h."""
    x = np.asarray(x, dtype=float)
    grad = np.zeros_like(x)
    base = f(x.copy())
    for i in np.ndindex(x.shape):
        step = x.copy()
        step[i] += h
        grad[i] = (f(step) - base) / h
    return grad


@wrong("numerical_gradient", "numerical-gradient-one-sided")
def ng_backward_difference(f, x, h=1e-5):
    """Used the backward difference (f(x) - f(x - h)) / h."""
    x = np.asarray(x, dtype=float)
    grad = np.zeros_like(x)
    base = f(x.copy())
    for i in np.ndindex(x.shape):
        step = x.copy()
        step[i] -= h
        grad[i] = (base - f(step)) / h
    return grad


@wrong("numerical_gradient", "numerical-gradient-divides-by-h")
def ng_divides_by_h(f, x, h=1e-5):
    """Divided the central difference by h instead of 2h."""
    x = np.asarray(x, dtype=float)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[i] += h
        minus[i] -= h
        grad[i] = (f(plus) - f(minus)) / h
    return grad


@wrong("numerical_gradient", "numerical-gradient-operator-precedence")
def ng_precedence(f, x, h=1e-5):
    """Wrote / 2 * h, which multiplies by h instead of dividing."""
    x = np.asarray(x, dtype=float)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[i] += h
        minus[i] -= h
        grad[i] = (f(plus) - f(minus)) / 2 * h
    return grad


@wrong("numerical_gradient", "numerical-gradient-ignores-h")
def ng_hard_coded_step(f, x, h=1e-5):
    """Used a fixed step of 1e-5 whatever h is passed."""
    x = np.asarray(x, dtype=float)
    step = 1e-5
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[i] += step
        minus[i] -= step
        grad[i] = (f(plus) - f(minus)) / (2 * step)
    return grad


@wrong("numerical_gradient", "modified-input")
def ng_perturbs_without_restoring(f, x, h=1e-5):
    """Perturbed x itself and never put the entries back."""
    grad = np.zeros_like(x, dtype=float)
    for i in np.ndindex(x.shape):
        x[i] += h
        f_plus = f(x)
        x[i] -= 2 * h
        f_minus = f(x)
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


@wrong("numerical_gradient", "numerical-gradient-perturbs-x")
def ng_perturbs_and_restores(f, x, h=1e-5):
    """Perturbed the caller's x in place, restoring each entry afterwards."""
    grad = np.zeros_like(x, dtype=float)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        f_plus = f(x)
        x[i] = old - h
        f_minus = f(x)
        x[i] = old
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


@wrong("numerical_gradient", "numerical-gradient-only-1d")
def ng_only_vectors(f, x, h=1e-5):
    """Looped over range(len(x)) with a unit vector of length len(x)."""
    x = np.asarray(x, dtype=float)
    grad = np.zeros(len(x))
    for i in range(len(x)):
        e = np.zeros(len(x))
        e[i] = h
        grad[i] = (f(x + e) - f(x - e)) / (2 * h)
    return grad


@wrong("numerical_gradient", "numerical-gradient-only-1d")
def ng_row_perturbation(f, x, h=1e-5):
    """Indexed x[i] for i in range(len(x)), which perturbs whole rows of a matrix."""
    x = np.asarray(x, dtype=float)
    grad = np.zeros_like(x)
    for i in range(len(x)):
        plus, minus = x.copy(), x.copy()
        plus[i] += h
        minus[i] -= h
        grad[i] = (f(plus) - f(minus)) / (2 * h)
    return grad


@wrong("numerical_gradient", "numerical-gradient-only-1d")
def ng_fails_on_scalars(f, x, h=1e-5):
    """Used x.shape[0] as the number of entries, which a 0-d x does not have."""
    x = np.asarray(x, dtype=float)
    flat = x.reshape(x.shape[0], -1)
    grad = np.zeros_like(flat)
    for i in range(flat.shape[0]):
        for j in range(flat.shape[1]):
            plus, minus = flat.copy(), flat.copy()
            plus[i, j] += h
            minus[i, j] -= h
            grad[i, j] = (f(plus.reshape(x.shape)) - f(minus.reshape(x.shape))) / (2 * h)
    return grad.reshape(x.shape)


@wrong("numerical_gradient", "wrong-shape")
def ng_returns_flat(f, x, h=1e-5):
    """Returned the gradient flattened instead of in x's shape."""
    x = np.asarray(x, dtype=float)
    grad = []
    for i in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[i] += h
        minus[i] -= h
        grad.append((f(plus) - f(minus)) / (2 * h))
    return np.array(grad)


@wrong("numerical_gradient", "numerical-gradient-integer-x")
def ng_integer_copy(f, x, h=1e-5):
    """Copied x without converting it to float, so integer entries cannot move by h."""
    x = np.asarray(x)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[i] += h
        minus[i] -= h
        grad[i] = (f(plus) - f(minus)) / (2 * h)
    return grad


@wrong("numerical_gradient", "wrong-dtype")
def ng_always_float64(f, x, h=1e-5):
    """Returned float64 whatever the dtype of x."""
    x = np.asarray(x, dtype=np.float64)
    if h <= 0:
        raise ValueError("h must be positive")
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[i] += h
        minus[i] -= h
        grad[i] = (f(plus) - f(minus)) / (2 * h)
    return grad


@wrong("numerical_gradient", "no-value-error")
def ng_no_step_check(f, x, h=1e-5):
    """Did not reject h = 0, which silently gives NaN."""
    x = np.asarray(x)
    out_dtype = x.dtype if x.dtype.kind == "f" else np.float64
    x = x.astype(np.float64)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[i] += h
        minus[i] -= h
        grad[i] = np.float64(f(plus) - f(minus)) / (2 * h)
    return grad.astype(out_dtype)


@wrong("numerical_gradient", "missing-return")
def ng_missing_return(f, x, h=1e-5):
    """Filled the gradient but forgot to return it."""
    x = np.asarray(x, dtype=float)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[i] += h
        minus[i] -= h
        grad[i] = (f(plus) - f(minus)) / (2 * h)


@wrong("numerical_gradient", "wrong-values")
def ng_skips_last_entry(f, x, h=1e-5):
    """Looped over range(x.size - 1), leaving the last slope at 0."""
    x = np.asarray(x, dtype=float)
    grad = np.zeros_like(x)
    for i in range(x.size - 1):
        plus, minus = x.copy(), x.copy()
        plus.flat[i] += h
        minus.flat[i] -= h
        grad.flat[i] = (f(plus) - f(minus)) / (2 * h)
    return grad


# --- train_softmax_regression -------------------------------------------------------------


@wrong("train_softmax_regression", "train-gradient-ascent")
def train_gradient_ascent(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    """Added the gradient to the parameters instead of subtracting it."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    n, k = len(y), int(y.max()) + 1
    W, b, losses = np.zeros((X.shape[1], k)), np.zeros(k), []
    for _ in range(epochs):
        z = X @ W + b
        e = np.exp(z - z.max(axis=1, keepdims=True))
        p = e / e.sum(axis=1, keepdims=True)
        losses.append(
            np.mean(np.log(e.sum(axis=1)) + z.max(axis=1) - z[np.arange(n), y])
            + weight_decay / 2 * np.sum(W**2)
        )
        G = (p - np.eye(k)[y]) / n
        W = W + lr * (X.T @ G + weight_decay * W)
        b = b + lr * G.sum(axis=0)
    return W, b, np.array(losses)


@wrong("train_softmax_regression", "train-gradient-missing-1-over-n")
def train_missing_mean(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    """Used softmax - onehot as the gradient, without dividing by N."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    n, k = len(y), int(y.max()) + 1
    W, b, losses = np.zeros((X.shape[1], k)), np.zeros(k), []
    for _ in range(epochs):
        z = X @ W + b
        e = np.exp(z - z.max(axis=1, keepdims=True))
        p = e / e.sum(axis=1, keepdims=True)
        losses.append(
            np.mean(np.log(e.sum(axis=1)) + z.max(axis=1) - z[np.arange(n), y])
            + weight_decay / 2 * np.sum(W**2)
        )
        G = p - np.eye(k)[y]
        W = W - lr * (X.T @ G + weight_decay * W)
        b = b - lr * G.sum(axis=0)
    return W, b, np.array(losses)


@wrong("train_softmax_regression", "train-bias-not-updated")
def train_no_bias_update(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    """Updated W but left b at zero."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    n, k = len(y), int(y.max()) + 1
    W, b, losses = np.zeros((X.shape[1], k)), np.zeros(k), []
    for _ in range(epochs):
        z = X @ W + b
        e = np.exp(z - z.max(axis=1, keepdims=True))
        p = e / e.sum(axis=1, keepdims=True)
        losses.append(
            np.mean(np.log(e.sum(axis=1)) + z.max(axis=1) - z[np.arange(n), y])
            + weight_decay / 2 * np.sum(W**2)
        )
        W = W - lr * (X.T @ ((p - np.eye(k)[y]) / n) + weight_decay * W)
    return W, b, np.array(losses)


@wrong("train_softmax_regression", "train-weight-decay-sign")
def train_weight_decay_sign(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    """Subtracted weight_decay * W from the gradient, so the weights grow."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    n, k = len(y), int(y.max()) + 1
    W, b, losses = np.zeros((X.shape[1], k)), np.zeros(k), []
    for _ in range(epochs):
        z = X @ W + b
        e = np.exp(z - z.max(axis=1, keepdims=True))
        p = e / e.sum(axis=1, keepdims=True)
        losses.append(
            np.mean(np.log(e.sum(axis=1)) + z.max(axis=1) - z[np.arange(n), y])
            + weight_decay / 2 * np.sum(W**2)
        )
        G = (p - np.eye(k)[y]) / n
        W = W - lr * (X.T @ G - weight_decay * W)
        b = b - lr * G.sum(axis=0)
    return W, b, np.array(losses)


@wrong("train_softmax_regression", "train-weight-decay-ignored")
def train_ignores_weight_decay(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    """Accepted weight_decay but never used it."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    n, k = len(y), int(y.max()) + 1
    W, b, losses = np.zeros((X.shape[1], k)), np.zeros(k), []
    for _ in range(epochs):
        z = X @ W + b
        e = np.exp(z - z.max(axis=1, keepdims=True))
        p = e / e.sum(axis=1, keepdims=True)
        losses.append(np.mean(np.log(e.sum(axis=1)) + z.max(axis=1) - z[np.arange(n), y]))
        G = (p - np.eye(k)[y]) / n
        W = W - lr * X.T @ G
        b = b - lr * G.sum(axis=0)
    return W, b, np.array(losses)


@wrong("train_softmax_regression", "train-not-deterministic")
def train_unseeded_init(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    """Initialised W with np.random.randn, ignoring the seed."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    n, k = len(y), int(y.max()) + 1
    W, b, losses = 0.01 * np.random.randn(X.shape[1], k), np.zeros(k), []  # noqa: NPY002
    for _ in range(epochs):
        z = X @ W + b
        e = np.exp(z - z.max(axis=1, keepdims=True))
        p = e / e.sum(axis=1, keepdims=True)
        losses.append(
            np.mean(np.log(e.sum(axis=1)) + z.max(axis=1) - z[np.arange(n), y])
            + weight_decay / 2 * np.sum(W**2)
        )
        G = (p - np.eye(k)[y]) / n
        W = W - lr * (X.T @ G + weight_decay * W)
        b = b - lr * G.sum(axis=0)
    return W, b, np.array(losses)


@wrong("train_softmax_regression", "train-first-loss-not-log-k")
def train_seeded_normal_init(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    """Started from a seeded random W instead of zeros, as the docstring asks."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    n, k = len(y), int(y.max()) + 1
    rng = np.random.default_rng(seed)
    W, b, losses = 0.1 * rng.normal(size=(X.shape[1], k)), np.zeros(k), []
    for _ in range(epochs):
        z = X @ W + b
        e = np.exp(z - z.max(axis=1, keepdims=True))
        p = e / e.sum(axis=1, keepdims=True)
        losses.append(
            np.mean(np.log(e.sum(axis=1)) + z.max(axis=1) - z[np.arange(n), y])
            + weight_decay / 2 * np.sum(W**2)
        )
        G = (p - np.eye(k)[y]) / n
        W = W - lr * (X.T @ G + weight_decay * W)
        b = b - lr * G.sum(axis=0)
    return W, b, np.array(losses)


@wrong("train_softmax_regression", "train-first-loss-not-log-k")
def train_loss_after_update(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    """Recorded the loss after each update instead of before it."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    n, k = len(y), int(y.max()) + 1
    W, b, losses = np.zeros((X.shape[1], k)), np.zeros(k), []
    for _ in range(epochs):
        z = X @ W + b
        e = np.exp(z - z.max(axis=1, keepdims=True))
        p = e / e.sum(axis=1, keepdims=True)
        G = (p - np.eye(k)[y]) / n
        W = W - lr * (X.T @ G + weight_decay * W)
        b = b - lr * G.sum(axis=0)
        z = X @ W + b
        m = z.max(axis=1)
        lse = m + np.log(np.sum(np.exp(z - m[:, None]), axis=1))
        losses.append(np.mean(lse - z[np.arange(n), y]) + weight_decay / 2 * np.sum(W**2))
    return W, b, np.array(losses)


@wrong("train_softmax_regression", "train-loss-sum-not-mean")
def train_records_summed_loss(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    """Recorded the summed loss over the samples instead of the mean."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    n, k = len(y), int(y.max()) + 1
    W, b, losses = np.zeros((X.shape[1], k)), np.zeros(k), []
    for _ in range(epochs):
        z = X @ W + b
        e = np.exp(z - z.max(axis=1, keepdims=True))
        p = e / e.sum(axis=1, keepdims=True)
        losses.append(
            np.sum(np.log(e.sum(axis=1)) + z.max(axis=1) - z[np.arange(n), y])
            + weight_decay / 2 * np.sum(W**2)
        )
        G = (p - np.eye(k)[y]) / n
        W = W - lr * (X.T @ G + weight_decay * W)
        b = b - lr * G.sum(axis=0)
    return W, b, np.array(losses)


@wrong("train_softmax_regression", "train-losses-without-penalty")
def train_losses_without_penalty(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    """Recorded only the cross-entropy, leaving out the weight-decay term."""
    X = np.asarray(X)
    X = X if X.dtype.kind == "f" else X.astype(np.float64)
    y = np.asarray(y)
    if y.shape != (X.shape[0],) or y.dtype.kind not in "iu" or y.min() < 0:
        raise ValueError("y must hold one class index >= 0 per row of X")
    n, k = len(y), int(y.max()) + 1
    W, b, losses = np.zeros((X.shape[1], k), X.dtype), np.zeros(k, X.dtype), []
    for _ in range(epochs):
        z = X @ W + b
        m = z.max(axis=1)
        lse = m + np.log(np.sum(np.exp(z - m[:, None]), axis=1))
        losses.append(np.mean(lse - z[np.arange(n), y]))
        e = np.exp(z - m[:, None])
        G = (e / e.sum(axis=1, keepdims=True) - np.eye(k)[y]) / n
        W = W - lr * (X.T @ G + weight_decay * W)
        b = b - lr * G.sum(axis=0)
    return W, b, np.array(losses)


@wrong("train_softmax_regression", "train-weight-decay-on-bias")
def train_decays_bias(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    """Applied weight decay to the bias as well as to W."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    n, k = len(y), int(y.max()) + 1
    W, b, losses = np.zeros((X.shape[1], k)), np.zeros(k), []
    for _ in range(epochs):
        z = X @ W + b
        e = np.exp(z - z.max(axis=1, keepdims=True))
        p = e / e.sum(axis=1, keepdims=True)
        penalty = weight_decay / 2 * (np.sum(W**2) + np.sum(b**2))
        losses.append(np.mean(np.log(e.sum(axis=1)) + z.max(axis=1) - z[np.arange(n), y]) + penalty)
        G = (p - np.eye(k)[y]) / n
        W = W - lr * (X.T @ G + weight_decay * W)
        b = b - lr * (G.sum(axis=0) + weight_decay * b)
    return W, b, np.array(losses)


@wrong("train_softmax_regression", "train-number-of-classes")
def train_counts_unique_labels(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    """Took the number of classes as len(np.unique(y))."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    n, k = len(y), len(np.unique(y))
    W, b, losses = np.zeros((X.shape[1], k)), np.zeros(k), []
    for _ in range(epochs):
        z = X @ W + b
        e = np.exp(z - z.max(axis=1, keepdims=True))
        p = e / e.sum(axis=1, keepdims=True)
        losses.append(
            np.mean(np.log(e.sum(axis=1)) + z.max(axis=1) - z[np.arange(n), y])
            + weight_decay / 2 * np.sum(W**2)
        )
        G = (p - np.eye(k)[y]) / n
        W = W - lr * (X.T @ G + weight_decay * W)
        b = b - lr * G.sum(axis=0)
    return W, b, np.array(losses)


@wrong("train_softmax_regression", "no-max-shift")
def train_naive_softmax(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    """Used exp(z) / sum(exp(z)) without the max shift inside the loop."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    n, k = len(y), int(y.max()) + 1
    W, b, losses = np.zeros((X.shape[1], k)), np.zeros(k), []
    for _ in range(epochs):
        z = X @ W + b
        e = np.exp(z)
        p = e / e.sum(axis=1, keepdims=True)
        losses.append(
            np.mean(np.log(e.sum(axis=1)) - z[np.arange(n), y]) + weight_decay / 2 * np.sum(W**2)
        )
        G = (p - np.eye(k)[y]) / n
        W = W - lr * (X.T @ G + weight_decay * W)
        b = b - lr * G.sum(axis=0)
    return W, b, np.array(losses)


@wrong("train_softmax_regression", "wrong-dtype")
def train_float64_parameters(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    """Created W and b as float64 zeros, so float32 features give float64 parameters."""
    X = np.asarray(X)
    y = np.asarray(y)
    n, k = len(y), int(y.max()) + 1
    W, b, losses = np.zeros((X.shape[1], k)), np.zeros(k), []
    for _ in range(epochs):
        z = X @ W + b
        m = z.max(axis=1)
        lse = m + np.log(np.sum(np.exp(z - m[:, None]), axis=1))
        losses.append(np.mean(lse - z[np.arange(n), y]) + weight_decay / 2 * np.sum(W**2))
        e = np.exp(z - m[:, None])
        G = (e / e.sum(axis=1, keepdims=True) - np.eye(k)[y]) / n
        W = W - lr * (X.T @ G + weight_decay * W)
        b = b - lr * G.sum(axis=0)
    return W, b, np.array(losses)


@wrong("train_softmax_regression", "no-value-error")
def train_no_label_check(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    """Did not validate y: a label of -1 silently trains the last class."""
    X = np.asarray(X)
    X = X if X.dtype.kind == "f" else X.astype(np.float64)
    y = np.asarray(y).astype(int)
    n, k = len(y), int(y.max()) + 1
    W, b, losses = np.zeros((X.shape[1], k), X.dtype), np.zeros(k, X.dtype), []
    for _ in range(epochs):
        z = X @ W + b
        m = z.max(axis=1)
        lse = m + np.log(np.sum(np.exp(z - m[:, None]), axis=1))
        losses.append(np.mean(lse - z[np.arange(n), y]) + weight_decay / 2 * np.sum(W**2))
        e = np.exp(z - m[:, None])
        G = (e / e.sum(axis=1, keepdims=True) - np.eye(k, dtype=X.dtype)[y]) / n
        W = W - lr * (X.T @ G + weight_decay * W)
        b = b - lr * G.sum(axis=0)
    return W, b, np.array(losses)


@wrong("train_softmax_regression", "unreadable-output")
def train_returns_dict(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    """Returned a dict of results instead of the tuple (W, b, losses)."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    n, k = len(y), int(y.max()) + 1
    W, b, losses = np.zeros((X.shape[1], k)), np.zeros(k), []
    for _ in range(epochs):
        z = X @ W + b
        e = np.exp(z - z.max(axis=1, keepdims=True))
        p = e / e.sum(axis=1, keepdims=True)
        losses.append(np.mean(np.log(e.sum(axis=1)) + z.max(axis=1) - z[np.arange(n), y]))
        G = (p - np.eye(k)[y]) / n
        W = W - lr * X.T @ G
        b = b - lr * G.sum(axis=0)
    return {"W": W, "b": b, "losses": losses}


@wrong("train_softmax_regression", "wrong-shape")
def train_one_epoch_too_many(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    """Looped over range(epochs + 1), recording one loss too many."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    n, k = len(y), int(y.max()) + 1
    W, b, losses = np.zeros((X.shape[1], k)), np.zeros(k), []
    for _ in range(epochs + 1):
        z = X @ W + b
        e = np.exp(z - z.max(axis=1, keepdims=True))
        p = e / e.sum(axis=1, keepdims=True)
        losses.append(np.mean(np.log(e.sum(axis=1)) + z.max(axis=1) - z[np.arange(n), y]))
        G = (p - np.eye(k)[y]) / n
        W = W - lr * (X.T @ G + weight_decay * W)
        b = b - lr * G.sum(axis=0)
    return W, b, np.array(losses)


@wrong("train_softmax_regression", "train-divided-by-n-twice")
def train_bias_mean_gradient(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    """Updated b with G.mean(axis=0), dividing by N a second time."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    n, k = len(y), int(y.max()) + 1
    W, b, losses = np.zeros((X.shape[1], k)), np.zeros(k), []
    for _ in range(epochs):
        z = X @ W + b
        e = np.exp(z - z.max(axis=1, keepdims=True))
        p = e / e.sum(axis=1, keepdims=True)
        losses.append(np.mean(np.log(e.sum(axis=1)) + z.max(axis=1) - z[np.arange(n), y]))
        G = (p - np.eye(k)[y]) / n
        W = W - lr * (X.T @ G + weight_decay * W)
        b = b - lr * G.mean(axis=0)
    return W, b, np.array(losses)


@wrong("train_softmax_regression", "train-weight-decay-without-lr")
def train_decay_without_lr(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    """Shrank W by (1 - weight_decay) each epoch, without the learning rate."""
    X = np.asarray(X)
    X = X if X.dtype.kind == "f" else X.astype(np.float64)
    y = np.asarray(y)
    n, k = len(y), int(y.max()) + 1
    W, b, losses = np.zeros((X.shape[1], k), X.dtype), np.zeros(k, X.dtype), []
    for _ in range(epochs):
        z = X @ W + b
        m = z.max(axis=1)
        lse = m + np.log(np.sum(np.exp(z - m[:, None]), axis=1))
        losses.append(np.mean(lse - z[np.arange(n), y]) + weight_decay / 2 * np.sum(W**2))
        e = np.exp(z - m[:, None])
        G = (e / e.sum(axis=1, keepdims=True) - np.eye(k, dtype=X.dtype)[y]) / n
        W = (1 - weight_decay) * W - lr * (X.T @ G)
        b = b - lr * G.sum(axis=0)
    return W, b, np.array(losses)


# --- more wrong answers, one per gap the checks had ---------------------------------------


@wrong("cross_entropy", "ce-max-not-added-back")
def ce_max_not_added_back(logits, labels):
    """Subtracted the row maximum inside the exponentials and never added it back."""
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels)
    m = z.max(axis=1, keepdims=True)
    lse = np.log(np.sum(np.exp(z - m), axis=1))
    return np.mean(lse - z[np.arange(len(y)), y])


@wrong("cross_entropy_grad", "raised-error")
def grad_onehot_width_from_labels(logits, labels):
    """Built the one-hot matrix with max(labels) + 1 columns instead of K."""
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels)
    p = np.exp(z - z.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    return (p - np.eye(y.max() + 1)[y]) / len(y)


@wrong("numerical_gradient", "numerical-gradient-default-step")
def ng_changed_default_step(f, x, h=1e-4):
    """Central differences done right, but with the default step changed to 1e-4."""
    x = np.asarray(x)
    if not h > 0:
        raise ValueError("h must be positive")
    point = x.astype(np.float64)
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        old = point[i]
        point[i] = old + h
        up = f(point.copy())
        point[i] = old - h
        down = f(point.copy())
        point[i] = old
        grad[i] = (up - down) / (2 * h)
    return grad.astype(x.dtype if x.dtype.kind == "f" else np.float64)


@wrong("numerical_gradient", "numerical-gradient-not-restored")
def ng_coordinates_not_restored(f, x, h=1e-5):
    """Stepped to x + h, then x - h, and moved on without putting the coordinate back."""
    x = np.asarray(x)
    if not h > 0:
        raise ValueError("h must be positive")
    point = x.astype(np.float64)
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        point[i] += h
        up = f(point.copy())
        point[i] -= 2 * h
        down = f(point.copy())
        grad[i] = (up - down) / (2 * h)
    return grad.astype(x.dtype if x.dtype.kind == "f" else np.float64)


@wrong("numerical_gradient", "numerical-gradient-all-coordinates-at-once")
def ng_perturbs_all_coordinates(f, x, h=1e-5):
    """Added h to the whole array instead of one coordinate at a time."""
    x = np.asarray(x, dtype=np.float64)
    if not h > 0:
        raise ValueError("h must be positive")
    return np.full(x.shape, (f(x + h) - f(x - h)) / (2 * h))


@wrong("numerical_gradient", "numerical-gradient-low-precision")
def ng_perturbs_in_x_dtype(f, x, h=1e-5):
    """Perturbed a copy of x in x's own dtype: in float32 x + h rounds, the slopes are off."""
    x = np.asarray(x)
    if not h > 0:
        raise ValueError("h must be positive")
    point = x.astype(x.dtype if x.dtype.kind == "f" else np.float64)
    grad = np.zeros(x.shape, dtype=point.dtype)
    for i in np.ndindex(x.shape):
        old = point[i]
        point[i] = old + h
        up = f(point.copy())
        point[i] = old - h
        down = f(point.copy())
        point[i] = old
        grad[i] = (up - down) / (2 * h)
    return grad


@wrong("numerical_gradient", "wrong-dtype")
def ng_float16_gives_float32(f, x, h=1e-5):
    """Returned float32 for float16 input ("float16 is too coarse for a gradient")."""
    x = np.asarray(x)
    if not h > 0:
        raise ValueError("h must be positive")
    point = x.astype(np.float64)
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        old = point[i]
        point[i] = old + h
        up = f(point.copy())
        point[i] = old - h
        down = f(point.copy())
        point[i] = old
        grad[i] = (up - down) / (2 * h)
    if x.dtype == np.float16:
        return grad.astype(np.float32)
    return grad.astype(x.dtype if x.dtype.kind == "f" else np.float64)


@wrong("numerical_gradient", "no-value-error")
def ng_only_rejects_zero_step(f, x, h=1e-5):
    """Rejected h == 0 only: a negative step is accepted silently."""
    x = np.asarray(x)
    if h == 0:
        raise ValueError("h must not be 0")
    point = x.astype(np.float64)
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        old = point[i]
        point[i] = old + h
        up = f(point.copy())
        point[i] = old - h
        down = f(point.copy())
        point[i] = old
        grad[i] = (up - down) / (2 * h)
    return grad.astype(x.dtype if x.dtype.kind == "f" else np.float64)


@wrong("train_softmax_regression", "train-divided-by-n-twice")
def train_gradient_divided_by_n_twice(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    """Divided X.T @ G and G.sum(axis=0) by N, although G already holds the 1/N."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    n, k = len(y), int(y.max()) + 1
    W, b, losses = np.zeros((X.shape[1], k)), np.zeros(k), []
    for _ in range(epochs):
        z = X @ W + b
        m = z.max(axis=1, keepdims=True)
        e = np.exp(z - m)
        losses.append(
            np.mean(m[:, 0] + np.log(e.sum(axis=1)) - z[np.arange(n), y])
            + weight_decay / 2 * np.sum(W**2)
        )
        G = (e / e.sum(axis=1, keepdims=True) - np.eye(k)[y]) / n
        W = W - lr * (X.T @ G / n + weight_decay * W)
        b = b - lr * G.sum(axis=0) / n
    return W, b, np.array(losses)


@wrong("train_softmax_regression", "no-value-error")
def train_no_learning_rate_check(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    """Validated X and y but not lr: lr = 0 silently returns an untrained model."""
    X = np.asarray(X)
    y = np.asarray(y)
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError("X must be (N, D) and y (N,)")
    if y.dtype.kind not in "iuf" or np.any(y != np.round(y)) or np.any(y < 0):
        raise ValueError("labels must be whole numbers >= 0")
    y = y.astype(np.intp)
    X = X if X.dtype.kind == "f" else X.astype(np.float64)
    n, k = len(y), int(y.max()) + 1
    W, b = np.zeros((X.shape[1], k), X.dtype), np.zeros(k, X.dtype)
    losses = np.zeros(epochs, X.dtype)
    for epoch in range(epochs):
        z = X @ W + b
        m = z.max(axis=1, keepdims=True)
        e = np.exp(z - m)
        losses[epoch] = np.mean(m[:, 0] + np.log(e.sum(axis=1)) - z[np.arange(n), y]) + (
            weight_decay / 2 * np.sum(W**2)
        )
        G = (e / e.sum(axis=1, keepdims=True) - np.eye(k, dtype=X.dtype)[y]) / n
        W = W - float(lr) * (X.T @ G + float(weight_decay) * W)
        b = b - float(lr) * G.sum(axis=0)
    return W, b, losses


# --- wrong answers to the whole stated contract: labels, edges, errors, return types ------
# Each one is right except for its one mistake.


@wrong("cross_entropy", "ce-float-labels-refused")
def ce_refuses_float_labels(logits, labels):
    """Accepted integer labels only, so labels loaded as [1.0, 0.0] raise ValueError."""
    z = np.asarray(logits)
    y = np.asarray(labels)
    if z.ndim != 2 or y.shape != (z.shape[0],) or z.shape[0] == 0:
        raise ValueError("logits must be (N, K) with N > 0, labels (N,)")
    if z.dtype.kind not in "biuf":
        raise ValueError("logits must be real numbers")
    if y.dtype.kind not in "iu" or np.any((y < 0) | (y >= z.shape[1])):
        raise ValueError("labels must be integer class indices in [0, K)")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    z = z.astype(np.float32 if dtype == np.float16 else dtype)
    m = z.max(axis=1, keepdims=True)
    lse = (m + np.log(np.sum(np.exp(z - m), axis=1, keepdims=True)))[:, 0]
    return np.mean(lse - z[np.arange(len(y)), y]).astype(dtype)


@wrong("cross_entropy", "no-value-error")
def ce_truncates_fractional_labels(logits, labels):
    """Converted the labels with astype(int), so a label of 0.5 silently becomes class 0."""
    z = np.asarray(logits)
    y = np.asarray(labels).astype(int)
    if z.ndim != 2 or y.shape != (z.shape[0],) or z.shape[0] == 0:
        raise ValueError("logits must be (N, K) with N > 0, labels (N,)")
    if z.dtype.kind not in "biuf":
        raise ValueError("logits must be real numbers")
    if np.any((y < 0) | (y >= z.shape[1])):
        raise ValueError("labels must lie in [0, K)")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    z = z.astype(np.float32 if dtype == np.float16 else dtype)
    m = z.max(axis=1, keepdims=True)
    lse = (m + np.log(np.sum(np.exp(z - m), axis=1, keepdims=True)))[:, 0]
    return np.mean(lse - z[np.arange(len(y)), y]).astype(dtype)


@wrong("cross_entropy", "no-value-error")
def ce_accepts_complex_logits(logits, labels):
    """Validated the labels but not the logits: complex logits give a complex 'loss'."""
    z = np.asarray(logits)
    y = np.asarray(labels)
    if z.ndim != 2 or y.shape != (z.shape[0],) or z.shape[0] == 0:
        raise ValueError("logits must be (N, K) with N > 0, labels (N,)")
    if y.dtype.kind not in "iuf" or np.any(y != np.round(y)) or np.any((y < 0) | (y >= z.shape[1])):
        raise ValueError("labels must be class indices in [0, K)")
    y = y.astype(np.intp)
    if z.dtype.kind in "biu":
        z = z.astype(np.float64)
    dtype = z.dtype
    z = z.astype(np.float32) if dtype == np.float16 else z
    m = z.max(axis=1, keepdims=True)
    lse = (m + np.log(np.sum(np.exp(z - m), axis=1, keepdims=True)))[:, 0]
    return np.mean(lse - z[np.arange(len(y)), y]).astype(dtype)


@wrong("cross_entropy", "returned-0d-array")
def ce_returns_0d_array(logits, labels):
    """Wrapped the mean in np.asarray(..., dtype=...) to keep the dtype: a 0-d array."""
    z = np.asarray(logits)
    y = np.asarray(labels)
    if z.ndim != 2 or y.shape != (z.shape[0],) or z.shape[0] == 0:
        raise ValueError("logits must be (N, K) with N > 0, labels (N,)")
    if z.dtype.kind not in "biuf":
        raise ValueError("logits must be real numbers")
    if y.dtype.kind not in "iuf" or np.any(y != np.round(y)) or np.any((y < 0) | (y >= z.shape[1])):
        raise ValueError("labels must be class indices in [0, K)")
    y = y.astype(np.intp)
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    z = z.astype(np.float32 if dtype == np.float16 else dtype)
    m = z.max(axis=1, keepdims=True)
    lse = (m + np.log(np.sum(np.exp(z - m), axis=1, keepdims=True)))[:, 0]
    return np.asarray(np.mean(lse - z[np.arange(len(y)), y]), dtype=dtype)


@wrong("cross_entropy", "wrong-dtype")
def ce_returns_python_float(logits, labels):
    """Returned float(loss), a Python float: float32 logits give a float64 number."""
    z = np.asarray(logits)
    y = np.asarray(labels)
    if z.ndim != 2 or y.shape != (z.shape[0],) or z.shape[0] == 0:
        raise ValueError("logits must be (N, K) with N > 0, labels (N,)")
    if z.dtype.kind not in "biuf":
        raise ValueError("logits must be real numbers")
    if y.dtype.kind not in "iuf" or np.any(y != np.round(y)) or np.any((y < 0) | (y >= z.shape[1])):
        raise ValueError("labels must be class indices in [0, K)")
    y = y.astype(np.intp)
    z = z.astype(np.float64)
    m = z.max(axis=1, keepdims=True)
    lse = (m + np.log(np.sum(np.exp(z - m), axis=1, keepdims=True)))[:, 0]
    return float(np.mean(lse - z[np.arange(len(y)), y]))


@wrong("cross_entropy", "ce-float16-sums")
def ce_float16_sums(logits, labels):
    """Kept float16 logits in float16 throughout: the sum of 65,520 exponentials overflows."""
    z = np.asarray(logits)
    y = np.asarray(labels)
    if z.ndim != 2 or y.shape != (z.shape[0],) or z.shape[0] == 0:
        raise ValueError("logits must be (N, K) with N > 0, labels (N,)")
    if z.dtype.kind not in "biuf":
        raise ValueError("logits must be real numbers")
    if y.dtype.kind not in "iuf" or np.any(y != np.round(y)) or np.any((y < 0) | (y >= z.shape[1])):
        raise ValueError("labels must be class indices in [0, K)")
    y = y.astype(np.intp)
    z = z if z.dtype.kind == "f" else z.astype(np.float64)
    m = z.max(axis=1, keepdims=True)
    lse = (m + np.log(np.sum(np.exp(z - m), axis=1, keepdims=True)))[:, 0]
    return np.mean(lse - z[np.arange(len(y)), y])


@wrong("cross_entropy", "ce-float16-sums")
def ce_float16_batch_sum(logits, labels):
    """Computed each loss in float32 but summed the float16 losses and divided by N."""
    z = np.asarray(logits)
    y = np.asarray(labels)
    if z.ndim != 2 or y.shape != (z.shape[0],) or z.shape[0] == 0:
        raise ValueError("logits must be (N, K) with N > 0, labels (N,)")
    if z.dtype.kind not in "biuf":
        raise ValueError("logits must be real numbers")
    if y.dtype.kind not in "iuf" or np.any(y != np.round(y)) or np.any((y < 0) | (y >= z.shape[1])):
        raise ValueError("labels must be class indices in [0, K)")
    y = y.astype(np.intp)
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    z = z.astype(np.float32 if dtype == np.float16 else dtype)
    m = z.max(axis=1, keepdims=True)
    lse = (m + np.log(np.sum(np.exp(z - m), axis=1, keepdims=True)))[:, 0]
    per_sample = (lse - z[np.arange(len(y)), y]).astype(dtype)
    return per_sample.sum() / dtype.type(len(y))


@wrong("cross_entropy", "ce-nan-not-propagated")
def ce_nansum(logits, labels):
    """Used np.nanmax and np.nansum 'to be robust': a NaN logit no longer gives NaN."""
    z = np.asarray(logits)
    y = np.asarray(labels)
    if z.ndim != 2 or y.shape != (z.shape[0],) or z.shape[0] == 0:
        raise ValueError("logits must be (N, K) with N > 0, labels (N,)")
    if z.dtype.kind not in "biuf":
        raise ValueError("logits must be real numbers")
    if y.dtype.kind not in "iuf" or np.any(y != np.round(y)) or np.any((y < 0) | (y >= z.shape[1])):
        raise ValueError("labels must be class indices in [0, K)")
    y = y.astype(np.intp)
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    z = z.astype(np.float32 if dtype == np.float16 else dtype)
    m = np.nanmax(z, axis=1, keepdims=True)
    lse = (m + np.log(np.nansum(np.exp(z - m), axis=1, keepdims=True)))[:, 0]
    return np.mean(lse - z[np.arange(len(y)), y]).astype(dtype)


@wrong("cross_entropy", "no-value-error")
def ce_empty_batch_gives_nan(logits, labels):
    """Validated everything but the batch size: an empty batch silently gives NaN."""
    z = np.asarray(logits)
    y = np.asarray(labels)
    if z.ndim != 2 or y.shape != (z.shape[0],):
        raise ValueError("logits must be (N, K), labels (N,)")
    if z.dtype.kind not in "biuf":
        raise ValueError("logits must be real numbers")
    if y.dtype.kind not in "iuf" or np.any(y != np.round(y)) or np.any((y < 0) | (y >= z.shape[1])):
        raise ValueError("labels must be class indices in [0, K)")
    y = y.astype(np.intp)
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    z = z.astype(np.float32 if dtype == np.float16 else dtype)
    m = z.max(axis=1, keepdims=True, initial=-np.inf)
    lse = (m + np.log(np.sum(np.exp(z - m), axis=1, keepdims=True)))[:, 0]
    return np.mean(lse - z[np.arange(len(y)), y]).astype(dtype)


@wrong("cross_entropy_grad", "ce-float-labels-refused")
def grad_refuses_float_labels(logits, labels):
    """Accepted integer labels only, so labels loaded as [1.0, 0.0] raise ValueError."""
    z = np.asarray(logits)
    y = np.asarray(labels)
    if z.ndim != 2 or y.shape != (z.shape[0],) or z.shape[0] == 0:
        raise ValueError("logits must be (N, K) with N > 0, labels (N,)")
    if z.dtype.kind not in "biuf":
        raise ValueError("logits must be real numbers")
    if y.dtype.kind not in "iu" or np.any((y < 0) | (y >= z.shape[1])):
        raise ValueError("labels must be integer class indices in [0, K)")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    z = z.astype(np.float32 if dtype == np.float16 else dtype)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(y)), y] -= 1
    return (p / len(y)).astype(dtype)


@wrong("cross_entropy_grad", "no-value-error")
def grad_truncates_fractional_labels(logits, labels):
    """Converted the labels with astype(int), so a label of 0.5 silently becomes class 0."""
    z = np.asarray(logits)
    y = np.asarray(labels).astype(int)
    if z.ndim != 2 or y.shape != (z.shape[0],) or z.shape[0] == 0:
        raise ValueError("logits must be (N, K) with N > 0, labels (N,)")
    if z.dtype.kind not in "biuf":
        raise ValueError("logits must be real numbers")
    if np.any((y < 0) | (y >= z.shape[1])):
        raise ValueError("labels must lie in [0, K)")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    z = z.astype(np.float32 if dtype == np.float16 else dtype)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(y)), y] -= 1
    return (p / len(y)).astype(dtype)


@wrong("cross_entropy_grad", "no-value-error")
def grad_accepts_complex_logits(logits, labels):
    """Validated the labels but not the logits: complex logits give a complex gradient."""
    z = np.asarray(logits)
    y = np.asarray(labels)
    if z.ndim != 2 or y.shape != (z.shape[0],) or z.shape[0] == 0:
        raise ValueError("logits must be (N, K) with N > 0, labels (N,)")
    if y.dtype.kind not in "iuf" or np.any(y != np.round(y)) or np.any((y < 0) | (y >= z.shape[1])):
        raise ValueError("labels must be class indices in [0, K)")
    y = y.astype(np.intp)
    z = z.astype(np.float64) if z.dtype.kind in "biu" else z
    dtype = z.dtype
    z = z.astype(np.float32) if dtype == np.float16 else z
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(y)), y] -= 1
    return (p / len(y)).astype(dtype)


# The reference's docstring says an empty batch raises (the mean loss over no samples is
# undefined, and so is its gradient); returning an empty gradient breaks that.
@wrong("cross_entropy_grad", "no-value-error")
def grad_empty_batch_allowed(logits, labels):
    """Validated everything but the batch size: an empty batch gives an empty gradient."""
    z = np.asarray(logits)
    y = np.asarray(labels)
    if z.ndim != 2 or y.shape != (z.shape[0],):
        raise ValueError("logits must be (N, K), labels (N,)")
    if z.dtype.kind not in "biuf":
        raise ValueError("logits must be real numbers")
    if y.dtype.kind not in "iuf" or np.any(y != np.round(y)) or np.any((y < 0) | (y >= z.shape[1])):
        raise ValueError("labels must be class indices in [0, K)")
    y = y.astype(np.intp)
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    z = z.astype(np.float32 if dtype == np.float16 else dtype)
    e = np.exp(z - z.max(axis=1, keepdims=True, initial=-np.inf))
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(y)), y] -= 1
    return (p / max(len(y), 1)).astype(dtype)


@wrong("cross_entropy_grad", "ce-float16-sums")
def grad_float16_sums(logits, labels):
    """Kept float16 logits in float16: the row sum of 65,520 exponentials overflows to inf."""
    z = np.asarray(logits)
    y = np.asarray(labels)
    if z.ndim != 2 or y.shape != (z.shape[0],) or z.shape[0] == 0:
        raise ValueError("logits must be (N, K) with N > 0, labels (N,)")
    if z.dtype.kind not in "biuf":
        raise ValueError("logits must be real numbers")
    if y.dtype.kind not in "iuf" or np.any(y != np.round(y)) or np.any((y < 0) | (y >= z.shape[1])):
        raise ValueError("labels must be class indices in [0, K)")
    y = y.astype(np.intp)
    z = z if z.dtype.kind == "f" else z.astype(np.float64)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(y)), y] -= 1
    return p / z.dtype.type(len(y))


@wrong("cross_entropy_grad", "ce-nan-not-propagated")
def grad_nansum(logits, labels):
    """Normalised with np.nansum: a NaN logit leaves the rest of its row finite."""
    z = np.asarray(logits)
    y = np.asarray(labels)
    if z.ndim != 2 or y.shape != (z.shape[0],) or z.shape[0] == 0:
        raise ValueError("logits must be (N, K) with N > 0, labels (N,)")
    if z.dtype.kind not in "biuf":
        raise ValueError("logits must be real numbers")
    if y.dtype.kind not in "iuf" or np.any(y != np.round(y)) or np.any((y < 0) | (y >= z.shape[1])):
        raise ValueError("labels must be class indices in [0, K)")
    y = y.astype(np.intp)
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    z = z.astype(np.float32 if dtype == np.float16 else dtype)
    e = np.exp(z - np.nanmax(z, axis=1, keepdims=True))
    p = e / np.nansum(e, axis=1, keepdims=True)
    p[np.arange(len(y)), y] -= 1
    return (p / len(y)).astype(dtype)


@wrong("softmax_jacobian", "raised-error")
def jac_empty_raises(z):
    """Took z.max() without a case for an empty z, which has no maximum."""
    z = np.asarray(z)
    if z.ndim != 1 or z.dtype.kind not in "biuf":
        raise ValueError("z must be a 1-D array of real numbers")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    z = z.astype(np.float32 if dtype == np.float16 else dtype)
    e = np.exp(z - z.max())
    p = e / e.sum()
    return (np.diag(p) - np.outer(p, p)).astype(dtype)


@wrong("softmax_jacobian", "ce-nan-not-propagated")
def jac_nansum(z):
    """Normalised with np.nansum: a NaN logit leaves the other entries finite."""
    z = np.asarray(z)
    if z.ndim != 1 or z.dtype.kind not in "biuf":
        raise ValueError("z must be a 1-D array of real numbers")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    if z.size == 0:
        return np.zeros((0, 0), dtype)
    z = z.astype(np.float32 if dtype == np.float16 else dtype)
    e = np.exp(z - np.nanmax(z))
    p = e / np.nansum(e)
    return (np.diag(p) - np.outer(p, p)).astype(dtype)


@wrong("softmax_jacobian", "returned-list")
def jac_nested_lists(z):
    """Built J entry by entry with a nested list comprehension and returned the lists."""
    z = np.asarray(z)
    if z.ndim != 1 or z.dtype.kind not in "biuf":
        raise ValueError("z must be a 1-D array of real numbers")
    z = z.astype(np.float64)
    if z.size == 0:
        return []
    e = np.exp(z - z.max())
    p = e / e.sum()
    k = len(p)
    return [[p[i] * ((1.0 if i == j else 0.0) - p[j]) for j in range(k)] for i in range(k)]


@wrong("softmax_jacobian", "wrong-dtype")
def jac_float16_left_in_float32(z):
    """Computed float16 input in float32, as asked, but never rounded the result back."""
    z = np.asarray(z)
    if z.ndim != 1 or z.dtype.kind not in "biuf":
        raise ValueError("z must be a 1-D array of real numbers")
    z = z.astype(np.float32) if z.dtype == np.float16 else z
    z = z if z.dtype.kind == "f" else z.astype(np.float64)
    if z.size == 0:
        return np.zeros((0, 0), z.dtype)
    e = np.exp(z - z.max())
    p = e / e.sum()
    return np.diag(p) - np.outer(p, p)


@wrong("softmax_jacobian", "no-value-error")
def jac_accepts_scalar(z):
    """Turned a single number into a vector with np.atleast_1d instead of rejecting it."""
    z = np.atleast_1d(np.asarray(z))
    if z.ndim != 1 or z.dtype.kind not in "biuf":
        raise ValueError("z must be a 1-D array of real numbers")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    if z.size == 0:
        return np.zeros((0, 0), dtype)
    z = z.astype(np.float32 if dtype == np.float16 else dtype)
    e = np.exp(z - z.max())
    p = e / e.sum()
    return (np.diag(p) - np.outer(p, p)).astype(dtype)


@wrong("softmax_jacobian", "no-value-error")
def jac_accepts_complex(z):
    """Checked the shape but not the dtype: complex logits give a complex matrix."""
    z = np.asarray(z)
    if z.ndim != 1:
        raise ValueError("z must be a 1-D array")
    z = z.astype(np.float64) if z.dtype.kind in "biu" else z
    dtype = z.dtype
    if z.size == 0:
        return np.zeros((0, 0), dtype)
    z = z.astype(np.float32) if dtype == np.float16 else z
    e = np.exp(z - z.max())
    p = e / e.sum()
    return (np.diag(p) - np.outer(p, p)).astype(dtype)


@wrong("numerical_gradient", "no-value-error")
def ng_jacobian_for_vector_f(f, x, h=1e-5):
    """'Generalised' to a vector-valued f: returns a Jacobian instead of rejecting it."""
    x = np.asarray(x)
    if x.dtype.kind not in "biuf":
        raise ValueError("x must hold real numbers")
    if isinstance(h, bool) or np.ndim(h) != 0 or not np.isrealobj(h) or not 0 < h < np.inf:
        raise ValueError("h must be a positive finite number")
    point = x.astype(np.float64)
    out_shape = np.shape(f(point.copy()))
    grad = np.zeros(x.shape + out_shape)
    for i in np.ndindex(x.shape):
        old = point[i]
        point[i] = old + h
        up = np.asarray(f(point.copy()), dtype=np.float64)
        point[i] = old - h
        down = np.asarray(f(point.copy()), dtype=np.float64)
        point[i] = old
        grad[i] = (up - down) / (2 * h)
    return grad.astype(x.dtype if x.dtype.kind == "f" else np.float64)


@wrong("numerical_gradient", "no-value-error")
def ng_float_of_f(f, x, h=1e-5):
    """Read f's value with float(), which raises TypeError (not ValueError) for an array."""
    x = np.asarray(x)
    if x.dtype.kind not in "biuf":
        raise ValueError("x must hold real numbers")
    if isinstance(h, bool) or np.ndim(h) != 0 or not np.isrealobj(h) or not 0 < h < np.inf:
        raise ValueError("h must be a positive finite number")
    point = x.astype(np.float64)
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        old = point[i]
        point[i] = old + h
        up = float(f(point.copy()))
        point[i] = old - h
        down = float(f(point.copy()))
        point[i] = old
        grad[i] = (up - down) / (2 * h)
    return grad.astype(x.dtype if x.dtype.kind == "f" else np.float64)


@wrong("numerical_gradient", "no-value-error")
def ng_accepts_bool_step(f, x, h=1e-5):
    """Checked h > 0 and finite, but True passes both: a bool step of 1 is accepted."""
    x = np.asarray(x)
    if x.dtype.kind not in "biuf":
        raise ValueError("x must hold real numbers")
    if np.ndim(h) != 0 or not np.isrealobj(h) or not 0 < h < np.inf:
        raise ValueError("h must be a positive finite number")
    point = x.astype(np.float64)
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        old = point[i]
        point[i] = old + h
        up = np.asarray(f(point.copy()))
        point[i] = old - h
        down = np.asarray(f(point.copy()))
        point[i] = old
        if up.size != 1 or down.size != 1:
            raise ValueError("f must return a single number")
        grad[i] = (up.item() - down.item()) / (2 * h)
    return grad.astype(x.dtype if x.dtype.kind == "f" else np.float64)


@wrong("numerical_gradient", "no-value-error")
def ng_accepts_infinite_step(f, x, h=1e-5):
    """Checked that h is a positive number, not that it is finite: h = inf gives NaN."""
    x = np.asarray(x)
    if x.dtype.kind not in "biuf":
        raise ValueError("x must hold real numbers")
    if isinstance(h, bool) or np.ndim(h) != 0 or not np.isrealobj(h) or not h > 0:
        raise ValueError("h must be a positive number")
    point = x.astype(np.float64)
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        old = point[i]
        point[i] = old + h
        up = np.asarray(f(point.copy()))
        point[i] = old - h
        down = np.asarray(f(point.copy()))
        point[i] = old
        if up.size != 1 or down.size != 1:
            raise ValueError("f must return a single number")
        grad[i] = (up.item() - down.item()) / (2 * h)
    return grad.astype(x.dtype if x.dtype.kind == "f" else np.float64)


@wrong("numerical_gradient", "no-value-error")
def ng_drops_imaginary_part(f, x, h=1e-5):
    """Converted x with x.astype(np.float64), which silently drops an imaginary part."""
    x = np.asarray(x)
    if isinstance(h, bool) or np.ndim(h) != 0 or not np.isrealobj(h) or not 0 < h < np.inf:
        raise ValueError("h must be a positive finite number")
    out_dtype = x.dtype if x.dtype.kind == "f" else np.dtype(np.float64)
    point = x.astype(np.float64)
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        old = point[i]
        point[i] = old + h
        up = np.asarray(f(point.copy()))
        point[i] = old - h
        down = np.asarray(f(point.copy()))
        point[i] = old
        if up.size != 1 or down.size != 1:
            raise ValueError("f must return a single number")
        grad[i] = (up.item() - down.item()) / (2 * h)
    return grad.astype(out_dtype)


@wrong("train_softmax_regression", "ce-float-labels-refused")
def train_refuses_float_labels(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    """Accepted integer labels only, so y loaded as [0.0, 2.0, ...] raises ValueError."""
    X = np.asarray(X)
    y = np.asarray(y)
    if X.ndim != 2 or y.shape != (X.shape[0],) or X.shape[0] == 0:
        raise ValueError("X must be (N, D) with N > 0 and y (N,)")
    if y.dtype.kind not in "iu" or np.any(y < 0):
        raise ValueError("labels must be integers >= 0")
    if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)) or epochs < 0:
        raise ValueError("epochs must be an integer >= 0")
    if not (np.isfinite(lr) and lr > 0 and np.isfinite(weight_decay) and weight_decay >= 0):
        raise ValueError("lr must be > 0 and weight_decay >= 0, both finite")
    dtype = X.dtype if X.dtype.kind == "f" else np.dtype(np.float64)
    X = X.astype(np.float32 if dtype == np.float16 else dtype)
    n, k = len(y), int(y.max()) + 1
    W, b = np.zeros((X.shape[1], k), X.dtype), np.zeros(k, X.dtype)
    losses = np.zeros(epochs, X.dtype)
    onehot = np.eye(k, dtype=X.dtype)[y]
    for epoch in range(epochs):
        z = X @ W + b
        m = z.max(axis=1, keepdims=True)
        e = np.exp(z - m)
        lse = m[:, 0] + np.log(e.sum(axis=1))
        losses[epoch] = np.mean(lse - z[np.arange(n), y]) + weight_decay / 2 * np.sum(W**2)
        G = (e / e.sum(axis=1, keepdims=True) - onehot) / n
        W = W - lr * (X.T @ G + weight_decay * W)
        b = b - lr * G.sum(axis=0)
    return W.astype(dtype), b.astype(dtype), losses.astype(dtype)


@wrong("train_softmax_regression", "returned-list")
def train_losses_as_list(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    """Appended each epoch's loss to a list and returned the list, not an array."""
    X = np.asarray(X)
    y = np.asarray(y)
    if X.ndim != 2 or y.shape != (X.shape[0],) or X.shape[0] == 0:
        raise ValueError("X must be (N, D) with N > 0 and y (N,)")
    if y.dtype.kind not in "iuf" or np.any(y != np.round(y)) or np.any(y < 0):
        raise ValueError("labels must be whole numbers >= 0")
    if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)) or epochs < 0:
        raise ValueError("epochs must be an integer >= 0")
    if not (np.isfinite(lr) and lr > 0 and np.isfinite(weight_decay) and weight_decay >= 0):
        raise ValueError("lr must be > 0 and weight_decay >= 0, both finite")
    y = y.astype(np.intp)
    dtype = X.dtype if X.dtype.kind == "f" else np.dtype(np.float64)
    X = X.astype(np.float32 if dtype == np.float16 else dtype)
    n, k = len(y), int(y.max()) + 1
    W, b, losses = np.zeros((X.shape[1], k), X.dtype), np.zeros(k, X.dtype), []
    onehot = np.eye(k, dtype=X.dtype)[y]
    for _ in range(epochs):
        z = X @ W + b
        m = z.max(axis=1, keepdims=True)
        e = np.exp(z - m)
        lse = m[:, 0] + np.log(e.sum(axis=1))
        losses.append(float(np.mean(lse - z[np.arange(n), y]) + weight_decay / 2 * np.sum(W**2)))
        G = (e / e.sum(axis=1, keepdims=True) - onehot) / n
        W = W - lr * (X.T @ G + weight_decay * W)
        b = b - lr * G.sum(axis=0)
    return W.astype(dtype), b.astype(dtype), losses


@wrong("train_softmax_regression", "no-value-error")
def train_accepts_bool_epochs(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    """Checked isinstance(epochs, int), which True passes: epochs=True trains one epoch."""
    X = np.asarray(X)
    y = np.asarray(y)
    if X.ndim != 2 or y.shape != (X.shape[0],) or X.shape[0] == 0:
        raise ValueError("X must be (N, D) with N > 0 and y (N,)")
    if y.dtype.kind not in "iuf" or np.any(y != np.round(y)) or np.any(y < 0):
        raise ValueError("labels must be whole numbers >= 0")
    if not isinstance(epochs, int) or epochs < 0:
        raise ValueError("epochs must be an integer >= 0")
    if not (np.isfinite(lr) and lr > 0 and np.isfinite(weight_decay) and weight_decay >= 0):
        raise ValueError("lr must be > 0 and weight_decay >= 0, both finite")
    y = y.astype(np.intp)
    dtype = X.dtype if X.dtype.kind == "f" else np.dtype(np.float64)
    X = X.astype(np.float32 if dtype == np.float16 else dtype)
    n, k = len(y), int(y.max()) + 1
    W, b = np.zeros((X.shape[1], k), X.dtype), np.zeros(k, X.dtype)
    losses = np.zeros(epochs, X.dtype)
    onehot = np.eye(k, dtype=X.dtype)[y]
    for epoch in range(epochs):
        z = X @ W + b
        m = z.max(axis=1, keepdims=True)
        e = np.exp(z - m)
        lse = m[:, 0] + np.log(e.sum(axis=1))
        losses[epoch] = np.mean(lse - z[np.arange(n), y]) + weight_decay / 2 * np.sum(W**2)
        G = (e / e.sum(axis=1, keepdims=True) - onehot) / n
        W = W - lr * (X.T @ G + weight_decay * W)
        b = b - lr * G.sum(axis=0)
    return W.astype(dtype), b.astype(dtype), losses.astype(dtype)


@wrong("train_softmax_regression", "no-value-error")
def train_no_epochs_check(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    """Did not validate epochs: epochs = -1 silently returns the untrained model."""
    X = np.asarray(X)
    y = np.asarray(y)
    if X.ndim != 2 or y.shape != (X.shape[0],) or X.shape[0] == 0:
        raise ValueError("X must be (N, D) with N > 0 and y (N,)")
    if y.dtype.kind not in "iuf" or np.any(y != np.round(y)) or np.any(y < 0):
        raise ValueError("labels must be whole numbers >= 0")
    if not (np.isfinite(lr) and lr > 0 and np.isfinite(weight_decay) and weight_decay >= 0):
        raise ValueError("lr must be > 0 and weight_decay >= 0, both finite")
    y = y.astype(np.intp)
    dtype = X.dtype if X.dtype.kind == "f" else np.dtype(np.float64)
    X = X.astype(np.float32 if dtype == np.float16 else dtype)
    n, k = len(y), int(y.max()) + 1
    W, b, losses = np.zeros((X.shape[1], k), X.dtype), np.zeros(k, X.dtype), []
    onehot = np.eye(k, dtype=X.dtype)[y]
    for _ in range(int(epochs)):
        z = X @ W + b
        m = z.max(axis=1, keepdims=True)
        e = np.exp(z - m)
        lse = m[:, 0] + np.log(e.sum(axis=1))
        losses.append(np.mean(lse - z[np.arange(n), y]) + weight_decay / 2 * np.sum(W**2))
        G = (e / e.sum(axis=1, keepdims=True) - onehot) / n
        W = W - lr * (X.T @ G + weight_decay * W)
        b = b - lr * G.sum(axis=0)
    return W.astype(dtype), b.astype(dtype), np.array(losses, dtype=dtype)


@wrong("cross_entropy", "float16-double-rounding")
def ce_float16_rows_rounded_then_averaged(logits, labels):
    """Rounded each row's loss to float16, then averaged: two roundings, not one."""
    z, y = np.asarray(logits), np.asarray(labels)
    if z.dtype != np.float16 or z.ndim != 2 or len(z) == 0:
        return ce_ok(logits, labels)
    ce_ok(logits, labels)  # its argument checks
    rows = np.array([ce_ok(z[i : i + 1], y[i : i + 1]) for i in range(len(z))])  # float16
    return np.mean(rows, dtype=np.float32).astype(np.float16)


@wrong("numerical_gradient", "raised-error")
def ng_float_step_only(f, x, h=1e-5):
    """Accepted only a Python float step: an integer or a NumPy float is a number too."""
    if type(h) is not float:
        raise ValueError("h must be a float")
    return ng_ok2(f, x, h=h)


@wrong("train_softmax_regression", "raised-error")
def train_python_int_epochs_only(X, y, *, lr, epochs, weight_decay=0.0, seed=0):
    """Accepted only a Python int for epochs: np.int64(100) is an integer too."""
    if type(epochs) is not int:
        raise ValueError("epochs must be an int")
    return train_ok(X, y, lr=lr, epochs=epochs, weight_decay=weight_decay, seed=seed)
