"""Known-wrong answers to notebook ``08_beyond_softmax``, and correct ones in other styles.

Most entries share a learner-style implementation with one slip (``_sparse``, ``_sampler``,
``_relaxed``); the first entry of each exercise is written out whole, because the nbgrader
pipeline test pastes it into a notebook on its own.
"""

from __future__ import annotations

import math

import numpy as np

from tests.mistakes import right, wrong

# --- the first wrong answer of each exercise, self-contained --------------------------------


@wrong("sparsemax", "sparse-is-softmax")
def sparsemax_softmax(z, axis=-1):
    """Returned softmax: no entry is ever exactly 0."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("z must be a real array")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    x = z.astype(np.float64)
    m = np.max(x, axis=axis, keepdims=True)
    e = np.exp(x - m)
    return (e / e.sum(axis=axis, keepdims=True)).astype(dtype)


@wrong("entmax15", "entmax-is-sparsemax")
def entmax_returns_sparsemax(z, axis=-1):
    """Returned sparsemax: the clipped differences are not squared."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("z must be a real array")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    x = np.moveaxis(z.astype(np.float64), axis, -1)
    x = x - x.max(axis=-1, keepdims=True)
    s = -np.sort(-x, axis=-1)
    k = np.arange(1, x.shape[-1] + 1)
    c = np.cumsum(s, axis=-1)
    size = np.sum(1 + k * s > c, axis=-1, keepdims=True)
    tau = (np.take_along_axis(c, size - 1, axis=-1) - 1) / size
    return np.moveaxis(np.maximum(x - tau, 0), -1, axis).astype(dtype)


@wrong("gumbel_max_sample", "gumbel-wrong-noise")
def gumbel_max_exponential_noise(z, rng, size=None):
    """Noise -log(u): exponential, not Gumbel."""
    if not isinstance(rng, np.random.Generator):
        raise ValueError("rng must be a Generator")
    z = np.asarray(z, dtype=float)
    if z.ndim != 1 or len(z) == 0 or np.any(np.isnan(z)) or np.any(z == np.inf):
        raise ValueError("z must be finite or -inf logits")
    if np.all(z == -np.inf):
        raise ValueError("all logits are -inf")
    shape = () if size is None else tuple(np.atleast_1d(size))
    u = rng.uniform(np.finfo(float).tiny, 1.0, size=shape + z.shape)
    return np.argmax(z - np.log(u), axis=-1)


@wrong("gumbel_softmax", "gumbel-softmax-temperature-before-noise")
def gumbel_softmax_temperature_first(z, T, rng):
    """softmax(z / T + g): the noise is added after dividing by T."""
    if not isinstance(rng, np.random.Generator):
        raise ValueError("rng must be a Generator")
    if isinstance(T, bool) or not isinstance(T, (int, float, np.integer, np.floating)):
        raise ValueError("T must be a number")
    if not (math.isfinite(T) and T > 0):
        raise ValueError("T must be positive and finite")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("z must be a real array")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    y = z.astype(np.float64) / T + rng.gumbel(size=z.shape)
    m = np.max(y, axis=-1, keepdims=True, initial=-np.inf)
    m = np.where(m == -np.inf, 0.0, m)
    e = np.exp(y - m)
    total = e.sum(axis=-1, keepdims=True)
    return (e / np.where(total == 0, 1.0, total)).astype(dtype)


# --- sparsemax and entmax15: a learner's implementation with one slip -----------------------


def _real(z, axis):
    """Validate like the exercise asks; return float64 logits with the classes last."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("z must hold real numbers")
    if z.ndim == 0:
        raise ValueError("z must have at least one dimension")
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise ValueError("axis must be an integer")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError("axis out of range")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    return np.moveaxis(z.astype(np.float64), axis, -1), dtype


def _sparse(z, axis=-1, *, alpha=2.0, slip=""):
    """sparsemax (alpha = 2) or 1.5-entmax (alpha = 1.5) by sorting, per slice; ``slip``
    names the mistakes made, joined by "+"."""
    slips = set(slip.split("+"))
    x, dtype = _real(z, axis)
    if x.shape[-1] == 0:
        return np.zeros(np.shape(z), dtype=dtype)
    with np.errstate(all="ignore"):
        if "nan_dropped" in slips:
            x = np.where(np.isnan(x), -np.inf, x)
        m = np.max(x, axis=-1, keepdims=True)
        bad = np.isnan(m) | (m == np.inf)
        none = m == -np.inf
        if "all_inf_nan" in slips:
            none = np.zeros_like(none)
        if "inf_unhandled" in slips:
            bad = np.isnan(m)
        shift = np.where(bad | none, 0.0, m)
        if "no_shift" in slips:
            shift = 0.0
        x = x - shift
        if "float16" in slips and dtype == np.float16:
            x = x.astype(np.float16)  # computed in float16 from here on
        if alpha == 1.5 and "not_halved" not in slips:
            x = x / 2
        x = np.maximum(x, -1e6)
        if "unsorted" in slips:
            s = x
        elif "ascending" in slips:
            s = np.sort(x, axis=-1)
        else:
            s = -np.sort(-x, axis=-1)
        if "global" in slips:  # every logit of the array in one sorted row
            x = x - np.max(x)
            s = -np.sort(-x.reshape(1, -1), axis=-1)
        n = s.shape[-1]
        k = np.arange(1, n + 1, dtype=np.float64)
        if "zero_based" in slips:
            k = k - 1
        c = np.cumsum(s, axis=-1)
        if "within_one" in slips:  # "a logit 1 below the max gets 0", read as a rule for the rest
            size = np.sum(s > -1, axis=-1, keepdims=True)
            tau = (np.take_along_axis(c, size - 1, axis=-1) - 1) / size
        elif alpha == 2.0 or "sparsemax_threshold" in slips:
            size = np.sum(1 + k * s > c, axis=-1, keepdims=True)
            if "support_plus_one" in slips:
                size = np.minimum(size + 1, n)
            if "all_classes" in slips:
                size = np.full_like(size, n)
            size = np.maximum(size, 1)
            tau = (np.take_along_axis(c, size - 1, axis=-1) - 1) / size
        else:
            mean = c / k
            ss = k * (np.cumsum(s * s, axis=-1) / k - mean**2)
            taus = mean - np.sqrt(np.maximum((1 - ss) / k, 0))
            size = np.maximum(np.sum(taus <= s, axis=-1, keepdims=True), 1)
            if "sparsemax_support" in slips:
                size = np.maximum(np.sum(1 + k * s > c, axis=-1, keepdims=True), 1)
            tau = np.take_along_axis(taus, size - 1, axis=-1)
        if "bisection_20" in slips:
            lo, hi = np.max(x, axis=-1, keepdims=True) - 1, np.max(x, axis=-1, keepdims=True)
            for _ in range(20):
                mid = (lo + hi) / 2
                big = np.sum(np.maximum(x - mid, 0) ** 2, axis=-1, keepdims=True) > 1
                lo, hi = np.where(big, mid, lo), np.where(big, hi, mid)
            tau = (lo + hi) / 2
        if "global" in slips:
            tau = tau.reshape(())
        p = x - tau if "no_clip" in slips else np.maximum(x - tau, 0)
        if "epsilon" in slips:
            p = np.maximum(p, 1e-15)
        if alpha == 1.5 and "not_squared" not in slips:
            p = p**2
        if "renormalise" in slips:
            p = p / p.sum(axis=-1, keepdims=True)
        p = np.where(none, 0.0, np.where(bad, np.nan, p))
    return np.moveaxis(p, -1, axis).astype(dtype)


@wrong("sparsemax", "sparse-not-clipped")
def sparsemax_without_clip(z, axis=-1):
    """p = z - tau with the right tau, not clipped at 0."""
    return _sparse(z, axis, slip="no_clip")


@wrong("sparsemax", "sparse-wrong-support")
def sparsemax_support_one_too_many(z, axis=-1):
    """tau from the first k where 1 + k z_(k) > c_k fails (k* + 1)."""
    return _sparse(z, axis, slip="support_plus_one")


@wrong("sparsemax", "sparse-wrong-support")
def sparsemax_threshold_from_all_classes(z, axis=-1):
    """tau = (sum(z) - 1) / K, then clipped: no search for the support."""
    return _sparse(z, axis, slip="all_classes")


@wrong("sparsemax", "sparse-wrong-support")
def sparsemax_sorted_increasing(z, axis=-1):
    """np.sort without reversing it: increasing order."""
    return _sparse(z, axis, slip="ascending")


@wrong("sparsemax", "sparse-wrong-support")
def sparsemax_zero_based_ranks(z, axis=-1):
    """Ranks k from np.arange(K): 0-based in 1 + k z_(k) > c_k."""
    return _sparse(z, axis, slip="zero_based")


@wrong("sparsemax", "sparse-wrong-support")
def sparsemax_support_within_one_of_max(z, axis=-1):
    """The support taken as the logits less than 1 below the maximum."""
    return _sparse(z, axis, slip="within_one")


@wrong("sparsemax", "sparse-no-max-shift")
def sparsemax_without_max_shift(z, axis=-1):
    """No shift by the maximum: [1e308, -1e308] loses the leader in the running sums."""
    return _sparse(z, axis, slip="no_shift")


@wrong("sparsemax", "sparse-not-sorted")
def sparsemax_unsorted_sums(z, axis=-1):
    """Running sums over the logits in their own order."""
    return _sparse(z, axis, slip="unsorted")


@wrong("sparsemax", "sparsemax-renormalised")
def sparsemax_renormalised(z, axis=-1):
    """tau from every class, clipped, then divided by the sum."""
    return _sparse(z, axis, slip="all_classes+renormalise")


@wrong("sparsemax", "sparse-global-threshold")
def sparsemax_global_threshold(z, axis=-1):
    """One threshold from all the logits of the array (global instead of per row)."""
    return _sparse(z, axis, slip="global")


@wrong("sparsemax", "sparse-not-exact-zero")
def sparsemax_floored_at_epsilon(z, axis=-1):
    """Clipped at 1e-15 instead of 0 (to keep logs finite later)."""
    return _sparse(z, axis, slip="epsilon")


@wrong("sparsemax", "sparse-all-inf-row")
def sparsemax_all_inf_row_nan(z, axis=-1):
    """A row of only -inf shifted by its max: -inf - (-inf) is NaN."""
    return _sparse(z, axis, slip="all_inf_nan")


@wrong("sparsemax", "sparse-nan-swallowed")
def sparsemax_nan_as_minus_inf(z, axis=-1):
    """NaN replaced by -inf: a NaN logit silently gets probability 0."""
    return _sparse(z, axis, slip="nan_dropped")


@wrong("sparsemax", "sparse-inf-logit")
def sparsemax_inf_unhandled(z, axis=-1):
    """+inf not treated: its slice comes out half NaN, half numbers."""
    return _sparse(z, axis, slip="inf_unhandled")


@wrong("sparsemax", "wrong-axis")
def sparsemax_last_axis_only(z, axis=-1):
    """Checked `axis`, then worked along the last axis anyway."""
    _real(z, axis)
    return _sparse(z, -1)


@wrong("entmax15", "sparse-is-softmax")
def entmax_softmax(z, axis=-1):
    """Returned softmax(z / 2)."""
    x, dtype = _real(z, axis)
    e = np.exp((x - x.max(axis=-1, keepdims=True)) / 2)
    return np.moveaxis(e / e.sum(axis=-1, keepdims=True), -1, axis).astype(dtype)


@wrong("entmax15", "entmax-not-halved")
def entmax_of_z_not_z_half(z, axis=-1):
    """max(z - tau, 0) ** 2: z where z / 2 is meant."""
    return _sparse(z, axis, alpha=1.5, slip="not_halved")


@wrong("entmax15", "entmax-not-squared")
def entmax_not_squared(z, axis=-1):
    """The right tau, but max(z / 2 - tau, 0) not squared."""
    return _sparse(z, axis, alpha=1.5, slip="not_squared")


@wrong("entmax15", "entmax-sparsemax-threshold")
def entmax_with_sparsemax_threshold(z, axis=-1):
    """sparsemax's tau of z / 2, then squared: the squares do not sum to 1."""
    return _sparse(z, axis, alpha=1.5, slip="sparsemax_threshold")


@wrong("entmax15", "entmax-sparsemax-support")
def entmax_with_sparsemax_support(z, axis=-1):
    """1.5-entmax's tau_k, but the support from sparsemax's test 1 + k x_(k) > c_k on z / 2."""
    return _sparse(z, axis, alpha=1.5, slip="sparsemax_support")


@wrong("entmax15", "entmax-imprecise-threshold")
def entmax_bisection_20_steps(z, axis=-1):
    """Bisection on tau with 20 halvings: tau to about 1e-6."""
    return _sparse(z, axis, alpha=1.5, slip="bisection_20")


@wrong("entmax15", "entmax-no-max-shift")
def entmax_without_max_shift(z, axis=-1):
    """No shift by the max: squares of large logits cancel."""
    return _sparse(z, axis, alpha=1.5, slip="no_shift")


@wrong("entmax15", "sparse-not-sorted")
def entmax_unsorted(z, axis=-1):
    """Running means over the logits in their own order."""
    return _sparse(z, axis, alpha=1.5, slip="unsorted")


@wrong("entmax15", "sparse-global-threshold")
def entmax_global_threshold(z, axis=-1):
    """One tau from all the logits of the array."""
    return _sparse(z, axis, alpha=1.5, slip="global")


@wrong("entmax15", "sparse-not-clipped")
def entmax_square_without_clip(z, axis=-1):
    """(z / 2 - tau) ** 2 without clipping: entries below tau come back positive."""
    return _sparse(z, axis, alpha=1.5, slip="no_clip")


@wrong("entmax15", "sparse-all-inf-row")
def entmax_all_inf_row_nan(z, axis=-1):
    """A row of only -inf gives NaN."""
    return _sparse(z, axis, alpha=1.5, slip="all_inf_nan")


@wrong("entmax15", "float16-double-rounding")
def entmax_in_float16(z, axis=-1):
    """float16 input computed in float16 after the shift."""
    return _sparse(z, axis, alpha=1.5, slip="float16")


# --- gumbel_max_sample: a learner's sampler with one slip -----------------------------------


def _checked(z, rng, size):
    if not isinstance(rng, np.random.Generator):
        raise ValueError("rng must be a numpy Generator")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim != 1 or len(z) == 0:
        raise ValueError("z must be a non-empty 1-D array of real logits")
    z = z.astype(np.float64)
    if np.any(np.isnan(z)) or np.any(z == np.inf) or np.all(z == -np.inf):
        raise ValueError("logits must not be NaN or +inf, nor all -inf")
    if size is None:
        return z, ()
    dims = tuple(size) if isinstance(size, (tuple, list)) else (size,)
    for d in dims:
        if isinstance(d, bool) or not isinstance(d, (int, np.integer)) or d < 0:
            raise ValueError("size must be non-negative integers")
    return z, tuple(int(d) for d in dims)


def _gumbel(rng, shape):
    """Standard Gumbel noise from uniforms kept away from 0."""
    u = rng.random(shape)
    while np.any(u == 0.0):
        u = np.where(u == 0.0, rng.random(shape), u)
    return -np.log(-np.log(u))


def _sampler(z, rng, size=None, *, slip=""):
    z, shape = _checked(z, rng, size)
    full = shape + z.shape
    if slip == "np_random":
        u = np.random.random(full)  # noqa: NPY002 - the slip
        g = -np.log(-np.log(np.where(u == 0, 1e-300, u)))
    elif slip == "same_noise":
        index = np.argmax(z + _gumbel(rng, z.shape))
        return np.full(shape, index) if shape else index
    elif slip == "log_zero":
        g = -np.log(-np.log(rng.random(full)))
    elif slip == "one_minus_u":
        g = -np.log(-np.log(1.0 - rng.random(full)))
    elif slip == "exponential":
        g = -np.log(rng.standard_exponential(full))
    elif slip == "gaussian":
        g = rng.normal(size=full)
    elif slip == "sign":
        g = -_gumbel(rng, full)
    else:
        g = _gumbel(rng, full)
    if slip == "half_noise":
        g = g / 2
    if slip == "no_noise":
        g = 0 * g
    if slip == "inverse_cdf":
        p = np.exp(z - z.max())
        cdf = np.cumsum(p / p.sum())
        return np.searchsorted(cdf / cdf[-1], rng.random(shape), side="right")
    y = z + g
    index = np.argmin(y, axis=-1) if slip == "argmin" else np.argmax(y, axis=-1)
    return index + 1 if slip == "one_based" else index


@wrong("gumbel_max_sample", "gumbel-ignores-rng")
def gumbel_max_global_random(z, rng, size=None):
    """np.random.random instead of the given generator."""
    return _sampler(z, rng, size, slip="np_random")


@wrong("gumbel_max_sample", "gumbel-argmin")
def gumbel_max_argmin(z, rng, size=None):
    """argmin of z + g."""
    return _sampler(z, rng, size, slip="argmin")


@wrong("gumbel_max_sample", "gumbel-same-noise")
def gumbel_max_one_noise_for_all_draws(z, rng, size=None):
    """One noise vector of K values, broadcast over every draw."""
    return _sampler(z, rng, size, slip="same_noise")


@wrong("gumbel_max_sample", "gumbel-log-of-zero")
def gumbel_max_log_of_zero(z, rng, size=None):
    """-log(-log u) with u = rng.random(): u = 0.0 gives -inf noise."""
    return _sampler(z, rng, size, slip="log_zero")


@wrong("gumbel_max_sample", "gumbel-log-of-zero")
def gumbel_max_one_minus_u(z, rng, size=None):
    """-log(-log(1 - u)): u = 0.0 gives +inf noise."""
    return _sampler(z, rng, size, slip="one_minus_u")


@wrong("gumbel_max_sample", "gumbel-log-of-zero")
def gumbel_max_log_of_exponential(z, rng, size=None):
    """g = -log(E) with E = rng.standard_exponential(), which can be exactly 0."""
    return _sampler(z, rng, size, slip="exponential")


@wrong("gumbel_max_sample", "gumbel-not-argmax-of-noise")
def gumbel_max_inverse_cdf(z, rng, size=None):
    """The inverse CDF of softmax(z): right frequencies, but not the Gumbel-max trick."""
    return _sampler(z, rng, size, slip="inverse_cdf")


@wrong("gumbel_max_sample", "gumbel-not-argmax-of-noise")
def gumbel_max_rng_choice(z, rng, size=None):
    """rng.choice with p = softmax(z): right frequencies, no Gumbel noise at all."""
    z, shape = _checked(z, rng, size)
    p = np.exp(z - z.max())
    return rng.choice(len(z), size=None if size is None else shape, p=p / p.sum())


@wrong("gumbel_max_sample", "gumbel-noise-scale")
def gumbel_max_half_noise(z, rng, size=None):
    """g / 2: the draws follow softmax(2 z)."""
    return _sampler(z, rng, size, slip="half_noise")


@wrong("gumbel_max_sample", "gumbel-no-noise")
def gumbel_max_without_noise(z, rng, size=None):
    """The noise multiplied away: always the largest logit."""
    return _sampler(z, rng, size, slip="no_noise")


@wrong("gumbel_max_sample", "gumbel-wrong-frequencies")
def gumbel_max_gaussian_noise(z, rng, size=None):
    """Normal noise instead of Gumbel."""
    return _sampler(z, rng, size, slip="gaussian")


@wrong("gumbel_max_sample", "gumbel-wrong-frequencies")
def gumbel_max_noise_sign(z, rng, size=None):
    """z - g: log(-log u) instead of -log(-log u)."""
    return _sampler(z, rng, size, slip="sign")


@wrong("gumbel_max_sample", "sampling-index-out-of-range")
def gumbel_max_one_based(z, rng, size=None):
    """Indices 1..K."""
    return _sampler(z, rng, size, slip="one_based")


@right("gumbel_max_sample")
def gumbel_max_with_rng_gumbel(z, rng, size=None):
    """rng.gumbel, one row of K noises per draw, in a loop over the draws."""
    z, shape = _checked(z, rng, size)
    draws = np.empty(int(np.prod(shape)), dtype=np.int64)
    for i in range(draws.size):
        draws[i] = np.argmax(z + rng.gumbel(size=len(z)))
    return draws.reshape(shape) if shape else draws[0]


@right("gumbel_max_sample")
def gumbel_max_with_uniforms_away_from_zero(z, rng, size=None):
    """-log(-log u) with u uniform on [tiny, 1): never log(0)."""
    z, shape = _checked(z, rng, size)
    u = rng.uniform(np.finfo(np.float64).tiny, 1.0, size=shape + z.shape)
    return np.argmax(z - np.log(-np.log(u)), axis=-1)


# --- gumbel_softmax: a learner's relaxed sample with one slip -------------------------------


def _relaxed(z, T, rng, *, slip=""):
    if not isinstance(rng, np.random.Generator):
        raise ValueError("rng must be a numpy Generator")
    t = np.asarray(T)
    if t.ndim != 0 or t.dtype.kind not in "iuf" or not (np.isfinite(t) and t > 0):
        raise ValueError("T must be a positive finite number")
    t = float(t)
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("z must be a real array")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    x = z.astype(np.float64)
    if slip == "np_random":
        g = np.random.gumbel(size=z.shape)  # noqa: NPY002 - the slip
    elif slip == "same_noise":
        g = rng.gumbel(size=z.shape[-1:])
    elif slip == "log_zero":
        g = -np.log(-np.log(rng.random(z.shape)))
    elif slip == "noise_in_dtype":  # float32 uniforms for float32 logits
        u_dtype = np.float32 if dtype == np.float32 else np.float64
        u = rng.random(z.shape, dtype=u_dtype).astype(np.float64)
        g = -np.log(-np.log(np.maximum(u, np.finfo(np.float64).tiny)))
    elif slip == "exp_noise":
        g = -np.log(rng.uniform(np.finfo(float).tiny, 1.0, size=z.shape))
    else:
        g = rng.gumbel(size=z.shape)
    if slip == "no_noise":
        g = 0 * g
    y = x + g
    with np.errstate(all="ignore"):
        m = np.max(y, axis=-1, keepdims=True, initial=-np.inf)
        m = np.where(m == -np.inf, 0.0, m)
        if slip == "all_inf_nan":
            m = np.max(y, axis=-1, keepdims=True, initial=-np.inf)
        if slip == "no_shift":
            m = 0.0
        if slip == "shift_by_z":
            m = np.max(x, axis=-1, keepdims=True)
        e = np.exp((y - m) * t if slip == "T_multiplied" else (y - m) / t)
        if slip == "float16_sum" and dtype == np.float16:
            e = e.astype(np.float16)
        total = e.sum(axis=None if slip == "global" else -1, keepdims=True)
        p = e / np.where(total == 0, 1.0, total)
    if slip == "hard":
        p = (p == p.max(axis=-1, keepdims=True)).astype(np.float64)
    return p.astype(dtype)


@wrong("gumbel_softmax", "gumbel-wrong-noise")
def gumbel_softmax_exponential_noise(z, T, rng):
    """Noise -log u."""
    return _relaxed(z, T, rng, slip="exp_noise")


@wrong("gumbel_softmax", "gumbel-softmax-noise-dtype")
def gumbel_softmax_noise_in_the_dtype(z, T, rng):
    """float32 uniforms for float32 logits: the same seed gives another sample."""
    return _relaxed(z, T, rng, slip="noise_in_dtype")


@wrong("gumbel_softmax", "gumbel-softmax-shift-by-z")
def gumbel_softmax_shift_by_max_of_z(z, T, rng):
    """Shifted by max(z), not max(z + g): at small T the noise overflows the exponentials."""
    return _relaxed(z, T, rng, slip="shift_by_z")


@wrong("gumbel_softmax", "gumbel-ignores-rng")
def gumbel_softmax_global_random(z, T, rng):
    """np.random.gumbel instead of the given generator."""
    return _relaxed(z, T, rng, slip="np_random")


@wrong("gumbel_softmax", "gumbel-same-noise")
def gumbel_softmax_one_noise_for_all_rows(z, T, rng):
    """Noise of shape (K,), the same for every row of a batch."""
    return _relaxed(z, T, rng, slip="same_noise")


@wrong("gumbel_softmax", "gumbel-log-of-zero")
def gumbel_softmax_log_of_zero(z, T, rng):
    """-log(-log u) with u = rng.random(), which can be 0.0."""
    return _relaxed(z, T, rng, slip="log_zero")


@wrong("gumbel_softmax", "no-max-shift")
def gumbel_softmax_without_max_shift(z, T, rng):
    """exp((z + g) / T) without subtracting the max: overflows for a small T."""
    return _relaxed(z, T, rng, slip="no_shift")


@wrong("gumbel_softmax", "temperature-multiplied")
def gumbel_softmax_temperature_multiplied(z, T, rng):
    """(z + g) * T."""
    return _relaxed(z, T, rng, slip="T_multiplied")


@wrong("gumbel_softmax", "gumbel-softmax-hard")
def gumbel_softmax_one_hot(z, T, rng):
    """Returned the one-hot argmax of the sample (the forward pass of straight-through)."""
    return _relaxed(z, T, rng, slip="hard")


@wrong("gumbel_softmax", "gumbel-softmax-no-noise")
def gumbel_softmax_without_noise(z, T, rng):
    """softmax(z / T): the noise multiplied away."""
    return _relaxed(z, T, rng, slip="no_noise")


@wrong("gumbel_softmax", "gumbel-softmax-not-normalised")
def gumbel_softmax_global_normalisation(z, T, rng):
    """Normalised over the whole array, not each row."""
    return _relaxed(z, T, rng, slip="global")


@wrong("gumbel_softmax", "float16-double-rounding")
def gumbel_softmax_float16_exponentials(z, T, rng):
    """Exponentials rounded to float16 before they are summed and divided."""
    return _relaxed(z, T, rng, slip="float16_sum")


@wrong("gumbel_softmax", "wrong-values")
def gumbel_softmax_all_inf_row_nan(z, T, rng):
    """A row of only -inf shifted by its max: NaN instead of zeros."""
    return _relaxed(z, T, rng, slip="all_inf_nan")


@right("gumbel_softmax")
def gumbel_softmax_with_uniforms(z, T, rng):
    """-log(-log u) with u on [tiny, 1), float16 computed in float32."""
    if not isinstance(rng, np.random.Generator):
        raise ValueError("rng must be a numpy Generator")
    t = np.asarray(T)
    if t.ndim != 0 or t.dtype.kind not in "iuf" or not (np.isfinite(t) and t > 0):
        raise ValueError("T must be a positive finite number")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("z must be a real array")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    u = rng.uniform(np.finfo(np.float64).tiny, 1.0, size=z.shape)
    y = z.astype(np.float32 if dtype == np.float16 else dtype) - np.log(-np.log(u)).astype(
        np.float32 if dtype == np.float16 else dtype
    )
    with np.errstate(invalid="ignore"):
        m = np.max(y, axis=-1, keepdims=True, initial=-np.inf)
        e = np.exp((y - np.where(m == -np.inf, 0, m)) / float(t))
    total = np.sum(e, axis=-1, keepdims=True)
    return (e / np.where(total == 0, 1, total)).astype(dtype)


@right("gumbel_softmax")
def gumbel_softmax_via_log_sum_exp(z, T, rng):
    """exp of (y - logsumexp(y)) with y = (z + g) / T, row by row in Python."""
    if not isinstance(rng, np.random.Generator):
        raise ValueError("rng must be a numpy Generator")
    if isinstance(T, (bool, np.bool_)) or not isinstance(T, (int, float, np.integer, np.floating)):
        raise ValueError("T must be a real number")
    if not (math.isfinite(T) and T > 0):
        raise ValueError("T must be positive and finite")
    z = np.asarray(z)
    if z.dtype.kind not in "biuf" or z.ndim == 0:
        raise ValueError("z must be a real array")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    y = z.astype(np.float64) + rng.gumbel(size=z.shape)
    y = y.reshape(int(np.prod(z.shape[:-1])), z.shape[-1])
    out = np.zeros(y.shape)
    for i, row in enumerate(y):
        if np.any(np.isnan(row)) or np.any(row == np.inf):
            out[i] = np.nan
        elif row.size and np.max(row) > -np.inf:
            m = np.max(row)
            lse = m + math.log(math.fsum(math.exp((v - m) / T) for v in row))
            out[i] = np.exp((row - m) / T - (lse - m))
    return out.reshape(z.shape).astype(dtype)


# --- correct sparsemax and entmax15 in other styles -----------------------------------------


def _bisection(z, axis, power):
    """tau by 200 halvings of [max - 1, max] on the shifted logits (z / 2 for entmax)."""
    x, dtype = _real(z, axis)
    if x.shape[-1] == 0:
        return np.zeros(np.shape(z), dtype=dtype)
    with np.errstate(all="ignore"):
        m = np.max(x, axis=-1, keepdims=True)
        bad, none = np.isnan(m) | (m == np.inf), m == -np.inf
        x = np.maximum(x - np.where(bad | none, 0, m), -4.0) / (2 if power == 2 else 1)
        lo, hi = np.full(m.shape, -1.0), np.zeros(m.shape)
        for _ in range(200):
            mid = (lo + hi) / 2
            big = np.sum(np.maximum(x - mid, 0) ** power, axis=-1, keepdims=True) > 1
            lo, hi = np.where(big, mid, lo), np.where(big, hi, mid)
        # The support is now known exactly; tau from it in closed form, to full precision.
        on = x > (lo + hi) / 2
        k = np.sum(on, axis=-1, keepdims=True)
        total = np.sum(np.where(on, x, 0), axis=-1, keepdims=True)
        if power == 1:
            tau = (total - 1) / k
        else:
            mean = total / k
            ss = np.sum(np.where(on, (x - mean) ** 2, 0), axis=-1, keepdims=True)
            tau = mean - np.sqrt(np.maximum((1 - ss) / k, 0))
        p = np.maximum(x - tau, 0) ** power
        p = np.where(none, 0.0, np.where(bad, np.nan, p))
    return np.moveaxis(p, -1, axis).astype(dtype)


@right("sparsemax")
def sparsemax_by_bisection(z, axis=-1):
    """Bisection on tau for the support, then tau exactly from it."""
    return _bisection(z, axis, 1)


@right("sparsemax")
def sparsemax_row_by_row(z, axis=-1):
    """Python's sorted() per row, the largest k with 1 + k z_(k) > c_k."""
    x, dtype = _real(z, axis)
    flat = x.reshape(int(np.prod(x.shape[:-1])), x.shape[-1])
    out = np.zeros(flat.shape)
    for i, row in enumerate(flat):
        if row.size == 0:
            continue
        if np.any(np.isnan(row)) or np.any(row == np.inf):
            out[i] = np.nan
            continue
        if np.all(row == -np.inf):
            continue
        row = row - row.max()
        total, k_star, c_star = 0.0, 1, 0.0
        for k, v in enumerate(sorted(row.tolist(), reverse=True), start=1):
            total += v
            if 1 + k * v > total:
                k_star, c_star = k, total
        out[i] = np.maximum(row - (c_star - 1) / k_star, 0)
    return np.moveaxis(out.reshape(x.shape), -1, axis).astype(dtype)


@right("entmax15")
def entmax_by_bisection(z, axis=-1):
    """Bisection on tau for the support, then tau exactly from it."""
    return _bisection(z, axis, 2)


@right("entmax15")
def entmax_row_by_row(z, axis=-1):
    """Algorithm 2 of Peters et al. per row, with math.sqrt and Python floats."""
    x, dtype = _real(z, axis)
    flat = x.reshape(int(np.prod(x.shape[:-1])), x.shape[-1])
    out = np.zeros(flat.shape)
    for i, row in enumerate(flat):
        if row.size == 0:
            continue
        if np.any(np.isnan(row)) or np.any(row == np.inf):
            out[i] = np.nan
            continue
        if np.all(row == -np.inf):
            continue
        half = np.maximum((row - row.max()) / 2, -2.0)
        tau, total, squares = half.max() - 1, 0.0, 0.0
        for k, v in enumerate(sorted(half.tolist(), reverse=True), start=1):
            total += v
            squares += v * v
            mean = total / k
            t = mean - math.sqrt(max((1 - (squares - k * mean * mean)) / k, 0.0))
            if t <= v:
                tau = t
        out[i] = np.maximum(half - tau, 0) ** 2
    return np.moveaxis(out.reshape(x.shape), -1, axis).astype(dtype)


# Computed in float32 whatever the input: close to the answer, but not to float64 accuracy.


@wrong("sparsemax", "float64-computed-in-float32")
def sparsemax_in_float32(z, axis=-1):
    """Cast every input to float32 first ("compute in float32"), then back to its dtype."""
    x, dtype = _real(z, 0)  # (validation only)
    del x
    narrow = np.asarray(z).astype(np.float32)
    return _sparse(narrow, axis).astype(np.float32).astype(dtype)


@wrong("entmax15", "float64-computed-in-float32")
def entmax15_in_float32(z, axis=-1):
    """Cast every input to float32 first, then back to its dtype."""
    x, dtype = _real(z, 0)
    del x
    narrow = np.asarray(z).astype(np.float32)
    return _sparse(narrow, axis, alpha=1.5).astype(np.float32).astype(dtype)


@wrong("gumbel_softmax", "float64-computed-in-float32")
def gumbel_softmax_in_float32(z, T, rng):
    """Cast the logits to float32 first, then back to their dtype."""
    dtype = np.asarray(z).dtype if np.asarray(z).dtype.kind == "f" else np.dtype(np.float64)
    narrow = np.asarray(z)
    if narrow.dtype.kind in "biuf" and narrow.ndim:
        narrow = narrow.astype(np.float32)
    return _relaxed(narrow, T, rng).astype(np.float32).astype(dtype)
