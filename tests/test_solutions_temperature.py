"""Tests of the reference answers of notebook ``05_temperature``.

Oracles: ``scipy.special`` (softmax, entr), ``scipy.stats`` (chi-square tests of the
sampler), ``scipy.optimize.minimize_scalar`` (the fitted temperature), high-precision
``mpmath`` (softmax at a temperature, entropy, the NLL's derivative) and a plain loop over
the bins (ECE). Properties are checked with hypothesis, and every rule of the contract
(dtypes, untouched inputs, ``ValueError`` cases, ``-inf``/NaN/empty edges) has its test.
"""

import math

import mpmath
import numpy as np
import pytest
import scipy.optimize
import scipy.special
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from solutions.temperature import (
    entropy,
    expected_calibration_error,
    fit_temperature,
    sample_with_temperature,
    softmax_with_temperature,
)

mpmath.mp.dps = 50
FAST = settings(max_examples=40, deadline=None)

finite_logits = arrays(
    np.float64,
    array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=6),
    elements=st.floats(-50, 50, allow_nan=False),
)
temperatures = st.floats(0.05, 20.0)


def mp_softmax(z, T):
    """softmax(z / T) of a 1-D array with 50 significant digits."""
    e = [mpmath.exp(mpmath.mpf(float(v)) / mpmath.mpf(T)) for v in z]
    total = mpmath.fsum(e)
    return [x / total for x in e]


# --- softmax_with_temperature ------------------------------------------------------------


def test_hand_worked_temperatures():
    # z = 2 ln w at T = 2 gives w / sum(w).
    out = softmax_with_temperature(2 * np.log([1.0, 2.0, 3.0, 4.0]), 2.0)
    np.testing.assert_allclose(out, [0.1, 0.2, 0.3, 0.4], rtol=1e-14)
    np.testing.assert_allclose(softmax_with_temperature([0.0, np.log(2.0)], 0.5), [0.2, 0.8])


@FAST
@given(finite_logits, temperatures, st.integers(0, 2))
def test_softmax_with_temperature_matches_scipy(z, T, axis_pick):
    axis = axis_pick % z.ndim
    out = softmax_with_temperature(z, T, axis=axis)
    np.testing.assert_allclose(
        out, scipy.special.softmax(z / T, axis=axis), rtol=1e-12, atol=1e-300
    )
    np.testing.assert_allclose(out.sum(axis=axis), 1.0, rtol=1e-13)
    assert np.all(out >= 0.0)


@FAST
@given(finite_logits, temperatures, st.floats(-1e3, 1e3))
def test_shift_invariance_and_argmax_kept(z, T, c):
    out = softmax_with_temperature(z, T)
    np.testing.assert_allclose(softmax_with_temperature(z + c, T), out, rtol=1e-9, atol=1e-12)
    top = np.argmax(z, axis=-1)
    assert np.all(
        np.take_along_axis(out, top[..., None], -1)[..., 0] >= out.max(axis=-1) * (1 - 1e-15)
    )


@FAST
@given(
    arrays(np.float64, st.integers(2, 8), elements=st.floats(-10, 10)),
    st.floats(0.05, 5.0),
    st.floats(1.01, 10.0),
)
def test_entropy_rises_with_temperature(z, T, factor):
    low = entropy(softmax_with_temperature(z, T))
    high = entropy(softmax_with_temperature(z, T * factor))
    assert high >= low - 1e-12
    assert high <= math.log(len(z)) + 1e-12


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("T", [1e-3, 0.3, 1.0, 7.0, 1e3])
def test_softmax_with_temperature_against_mpmath(seed, T):
    z = np.random.default_rng(seed).normal(size=7) * 5
    out = softmax_with_temperature(z, T)
    exact = np.array([float(v) for v in mp_softmax(z, T)])
    normal = exact > np.finfo(np.float64).tiny
    # Rounding z / T costs |z / T| * eps relative in exp: allow that, nothing more.
    bound = 8 * np.finfo(np.float64).eps * (1 + np.max(np.abs(z - z.max())) / T)
    np.testing.assert_allclose(out[normal], exact[normal], rtol=bound)
    assert np.all(out[~normal] <= np.finfo(np.float64).tiny)


def test_limits_of_temperature():
    z = np.array([1.0, 3.0, 2.0])
    np.testing.assert_array_equal(softmax_with_temperature(z, 1e-3), [0.0, 1.0, 0.0])
    np.testing.assert_allclose(softmax_with_temperature(z, 1e8), np.full(3, 1 / 3), rtol=1e-7)
    np.testing.assert_allclose(softmax_with_temperature(z, 1.0), scipy.special.softmax(z))


def test_small_temperature_is_stable():
    z = np.random.default_rng(0).uniform(-10, 10, size=(4, 10))
    for T in (1e-3, 1e-8, 1e-300):
        out = softmax_with_temperature(z, T)
        assert np.all(np.isfinite(out))
        np.testing.assert_array_equal(out.argmax(axis=-1), z.argmax(axis=-1))
        np.testing.assert_allclose(out.max(axis=-1), 1.0)
    # In float16, z / T = 1e5 would overflow; the answer does not.
    out16 = softmax_with_temperature(np.array([100.0, 99.0, 0.0], dtype=np.float16), 1e-3)
    assert out16.dtype == np.float16
    np.testing.assert_array_equal(out16, [1.0, 0.0, 0.0])
    big = softmax_with_temperature(np.array([1e308, -1e308]), 0.5)
    np.testing.assert_array_equal(big, [1.0, 0.0])


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_softmax_with_temperature_keeps_float_dtype(dtype):
    z = np.array([[0.5, -1.0, 2.0], [3.0, 3.0, 0.0]], dtype=dtype)
    out = softmax_with_temperature(z, 0.7)
    assert out.dtype == dtype
    eps = np.finfo(dtype).eps
    np.testing.assert_allclose(
        out, scipy.special.softmax(z.astype(np.float64) / 0.7, axis=-1), rtol=4 * eps
    )


def test_softmax_with_temperature_promotes_integers_and_accepts_lists():
    out = softmax_with_temperature(np.array([[1, 2], [0, 0]]), 2)
    assert out.dtype == np.float64
    np.testing.assert_allclose(out[1], [0.5, 0.5])
    assert softmax_with_temperature([True, False], 1.0).dtype == np.float64
    np.testing.assert_allclose(
        softmax_with_temperature([1.0, 2.0], np.float32(2.0)), scipy.special.softmax([0.5, 1.0])
    )
    # a NumPy float64 T does not promote float32 logits
    assert (
        softmax_with_temperature(np.ones(3, dtype=np.float32), np.float64(2.0)).dtype == np.float32
    )


def test_softmax_with_temperature_leaves_input_unchanged():
    z = np.array([[1.0, 2.0, 3.0], [-1.0, 0.0, 5.0]])
    before = z.copy()
    softmax_with_temperature(z, 0.5)
    softmax_with_temperature(z, 2.0, axis=0)
    np.testing.assert_array_equal(z, before)


def test_softmax_with_temperature_edges():
    out = softmax_with_temperature([-np.inf, 0.0, np.log(3.0)], 1.0)
    np.testing.assert_allclose(out, [0.0, 0.25, 0.75])
    assert out[0] == 0.0
    # An all -inf slice (every class excluded) gets zeros, as in stable_softmax.
    out = softmax_with_temperature([[-np.inf, -np.inf], [0.0, 1.0]], 0.5)
    np.testing.assert_array_equal(out[0], [0.0, 0.0])
    np.testing.assert_allclose(out[1].sum(), 1.0)
    out16 = softmax_with_temperature(np.full((2, 3), -np.inf, np.float16), 2.0, axis=0)
    assert out16.dtype == np.float16 and np.all(out16 == 0)
    with np.errstate(invalid="ignore"):
        assert np.all(np.isnan(softmax_with_temperature([np.nan, 1.0], 1.0)))
        assert np.all(np.isnan(softmax_with_temperature([np.inf, 1.0], 1.0)))
    assert softmax_with_temperature(np.zeros((0, 3)), 2.0).shape == (0, 3)
    assert softmax_with_temperature(np.zeros((3, 0)), 2.0).shape == (3, 0)
    out = softmax_with_temperature(np.arange(6.0).reshape(2, 3), 1.0, axis=0)
    np.testing.assert_allclose(out.sum(axis=0), 1.0)


@pytest.mark.parametrize(
    "T", [0, 0.0, -1.0, -1e-300, math.inf, -math.inf, math.nan, "2", [1.0, 2.0], True, 1j, None]
)
def test_softmax_with_temperature_rejects_bad_T(T):
    with pytest.raises(ValueError):
        softmax_with_temperature([1.0, 2.0], T)


def test_softmax_with_temperature_rejects_bad_z_and_axis():
    with pytest.raises(ValueError):
        softmax_with_temperature(np.array([1 + 1j, 2]), 1.0)
    with pytest.raises(ValueError):
        softmax_with_temperature(["a", "b"], 1.0)
    with pytest.raises(ValueError):
        softmax_with_temperature(np.ones((2, 3)), 1.0, axis=2)
    with pytest.raises(ValueError):
        softmax_with_temperature(3.0, 1.0)


# --- entropy -----------------------------------------------------------------------------

distributions = arrays(
    np.float64,
    array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=6),
    elements=st.floats(0, 1),
)


@FAST
@given(distributions, st.integers(0, 2))
def test_entropy_matches_scipy(p, axis_pick):
    axis = axis_pick % p.ndim
    h = entropy(p, axis=axis)
    np.testing.assert_allclose(h, scipy.special.entr(p).sum(axis=axis), rtol=1e-12, atol=1e-300)
    assert np.all(h >= 0.0)


@FAST
@given(arrays(np.float64, st.integers(1, 10), elements=st.floats(1e-3, 1.0)))
def test_entropy_of_distributions_is_bounded_and_matches_scipy_stats(w):
    p = w / w.sum()
    h = entropy(p)
    np.testing.assert_allclose(h, scipy.stats.entropy(p), rtol=1e-10, atol=1e-15)
    assert -1e-15 <= h <= math.log(len(p)) + 1e-12


@pytest.mark.parametrize("seed", range(4))
def test_entropy_against_mpmath(seed):
    rng = np.random.default_rng(seed)
    p = rng.dirichlet(np.full(8, 0.3))
    p[rng.integers(0, 8)] = 0.0
    exact = -mpmath.fsum(
        mpmath.mpf(float(x)) * mpmath.log(mpmath.mpf(float(x))) for x in p if x > 0
    )
    assert abs(float(entropy(p)) - float(exact)) <= 4 * np.finfo(np.float64).eps * float(exact)


def test_entropy_hand_worked_and_zero_log_zero():
    assert entropy([0.25] * 4) == pytest.approx(math.log(4.0), rel=1e-15)
    assert entropy([0.5, 0.25, 0.25]) == pytest.approx(1.5 * math.log(2.0), rel=1e-15)
    assert entropy([0.5, 0.5, 0.0]) == pytest.approx(math.log(2.0), rel=1e-15)
    one_hot = entropy([0.0, 1.0, 0.0])
    assert one_hot == 0.0 and math.copysign(1.0, one_hot) == 1.0  # +0.0, not NaN or -0.0
    rows = entropy(np.eye(3))
    np.testing.assert_array_equal(rows, np.zeros(3))
    assert entropy([1e-300, 1.0 - 1e-300]) == pytest.approx(1e-300 * 690.7755, rel=1e-6)


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_entropy_keeps_float_dtype(dtype):
    p = np.array([[0.5, 0.5], [0.25, 0.75]], dtype=dtype)
    h = entropy(p)
    assert h.dtype == dtype
    np.testing.assert_allclose(
        h, scipy.special.entr(p.astype(np.float64)).sum(-1), rtol=2 * np.finfo(dtype).eps
    )
    assert entropy(np.array([0.5, 0.5], dtype=dtype)).dtype == dtype


def test_entropy_promotes_integers_axis_and_edges():
    assert entropy(np.array([[0, 1], [1, 0]])).dtype == np.float64
    np.testing.assert_array_equal(entropy(np.array([[0, 1], [1, 0]])), [0.0, 0.0])
    P = np.array([[0.5, 0.125], [0.5, 0.875]])
    np.testing.assert_allclose(entropy(P, axis=0), entropy(P.T))
    assert entropy(np.zeros((0, 3))).shape == (0,)
    np.testing.assert_array_equal(entropy(np.zeros((2, 0))), [0.0, 0.0])
    assert np.isnan(entropy([np.nan, 0.5]))
    p = np.array([0.5, 0.5, 0.0])
    entropy(p)
    np.testing.assert_array_equal(p, [0.5, 0.5, 0.0])


@pytest.mark.parametrize("p", [[0.5, -0.5, 1.0], [1.5, -0.5], [2.0], ["a"], [1j]])
def test_entropy_rejects_non_probabilities(p):
    with pytest.raises(ValueError):
        entropy(p)


def test_entropy_rejects_bad_axis_and_scalars():
    with pytest.raises(ValueError):
        entropy(np.ones((2, 2)) / 2, axis=3)
    with pytest.raises(ValueError):
        entropy(0.5)


# --- sample_with_temperature -------------------------------------------------------------


@pytest.mark.parametrize("size", [None, 1, 17, (3, 4), (2, 0)])
def test_sampling_equals_rng_choice_for_a_seed(size):
    z, T = np.array([0.3, -1.0, 2.0, 0.0, 1.0]), 1.7
    ours = sample_with_temperature(z, T, np.random.default_rng(42), size=size)
    p = scipy.special.softmax(z / T)
    theirs = np.random.default_rng(42).choice(len(z), size=size, p=p)
    np.testing.assert_array_equal(ours, theirs)
    assert np.shape(ours) == (() if size is None else np.shape(np.empty(size)))
    assert np.asarray(ours).dtype.kind == "i"


@pytest.mark.parametrize(("z", "T"), [([1.0, 2.0, 3.0, 4.0], 0.5), ([0.0, -2.0, 1.0], 3.0)])
def test_sampling_frequencies_follow_softmax(z, T):
    n = 200_000
    draws = sample_with_temperature(z, T, np.random.default_rng(7), size=n)
    counts = np.bincount(draws, minlength=len(z))
    p = scipy.special.softmax(np.asarray(z) / T)
    assert scipy.stats.chisquare(counts, n * p).pvalue > 1e-4
    # and clearly not the distribution at T = 1
    wrong = scipy.special.softmax(np.asarray(z))
    assert scipy.stats.chisquare(counts, n * wrong).pvalue < 1e-12


def test_sampling_reproducible_and_driven_by_rng():
    z = [0.0, 1.0, 2.0]
    a = sample_with_temperature(z, 1.0, np.random.default_rng(3), size=100)
    b = sample_with_temperature(z, 1.0, np.random.default_rng(3), size=100)
    c = sample_with_temperature(z, 1.0, np.random.default_rng(4), size=100)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    rng = np.random.default_rng(5)
    first = sample_with_temperature(z, 1.0, rng, size=50)
    second = sample_with_temperature(z, 1.0, rng, size=50)
    assert not np.array_equal(first, second)  # the generator advances
    state = np.random.get_state()  # noqa: NPY002 - the global state must stay untouched
    sample_with_temperature(z, 1.0, np.random.default_rng(0), size=10)
    assert np.random.get_state()[1].tolist() == state[1].tolist()  # noqa: NPY002


def test_sampling_edges():
    draws = sample_with_temperature(
        [-np.inf, 0.0, -np.inf, 1.0], 1.0, np.random.default_rng(1), size=5000
    )
    assert set(np.unique(draws)) == {1, 3}
    z = np.random.default_rng(2).normal(size=40) * 5
    tiny = sample_with_temperature(z, 1e-9, np.random.default_rng(3), size=200)
    np.testing.assert_array_equal(tiny, np.full(200, np.argmax(z)))
    assert int(sample_with_temperature([5.0], 2.0, np.random.default_rng(0))) == 0
    ints = sample_with_temperature(np.array([1, 2, 3]), 2, np.random.default_rng(0), size=5)
    assert ints.shape == (5,)
    z = np.array([1.0, 2.0])
    sample_with_temperature(z, 1.0, np.random.default_rng(0), size=3)
    np.testing.assert_array_equal(z, [1.0, 2.0])


@pytest.mark.parametrize("rng", [None, 0, np.random.RandomState(0), np.random.default_rng])
def test_sampling_requires_a_generator(rng):
    with pytest.raises(ValueError):
        sample_with_temperature([1.0, 2.0], 1.0, rng)


@pytest.mark.parametrize(
    ("z", "T"),
    [
        ([1.0, 2.0], 0.0),
        ([1.0, 2.0], -1.0),
        ([1.0, 2.0], math.nan),
        ([1.0, 2.0], math.inf),
        ([[1.0, 2.0]], 1.0),
        ([], 1.0),
        (5.0, 1.0),
        ([np.nan, 1.0], 1.0),
        ([np.inf, 1.0], 1.0),
        ([-np.inf, -np.inf], 1.0),
    ],
)
def test_sampling_rejects_bad_arguments(z, T):
    with pytest.raises(ValueError), np.errstate(invalid="ignore"):
        sample_with_temperature(z, T, np.random.default_rng(0))


# --- fit_temperature ---------------------------------------------------------------------


def mean_nll(logits, labels, T):
    """The mean NLL of softmax(logits / T), via SciPy's logsumexp."""
    s = np.asarray(logits, dtype=np.float64) / T
    return float(np.mean(scipy.special.logsumexp(s, axis=1) - s[np.arange(len(labels)), labels]))


def synthetic(seed, n, k, scale, T0):
    """Logits and labels drawn from softmax(logits / T0) (Gumbel-max)."""
    rng = np.random.default_rng(seed)
    logits = rng.normal(size=(n, k)) * scale
    labels = np.argmax(logits / T0 + rng.gumbel(size=(n, k)), axis=1)
    return logits, labels


def test_fit_temperature_hand_worked():
    logits = np.array([[2 * math.log(3.0), 0.0]] * 4)
    assert fit_temperature(logits, [0, 0, 0, 1]) == pytest.approx(2.0, rel=1e-13)
    assert fit_temperature(logits / 4, [0, 0, 0, 1]) == pytest.approx(0.5, rel=1e-13)
    c = 2 * math.log(6.0)
    three = np.array([[c, 0, 0], [0, c, 0], [0, 0, c], [0, c, 0]])
    assert fit_temperature(three, [0, 1, 2, 0]) == pytest.approx(2.0, rel=1e-13)
    assert isinstance(fit_temperature(three, [0, 1, 2, 0]), float)


@pytest.mark.parametrize(
    ("seed", "scale", "T0"), [(0, 3.0, 2.5), (1, 2.0, 0.4), (2, 10.0, 20.0), (3, 1.0, 1.0)]
)
def test_fit_temperature_matches_minimize_scalar(seed, scale, T0):
    logits, labels = synthetic(seed, 500, 6, scale, T0)
    T = fit_temperature(logits, labels)
    res = scipy.optimize.minimize_scalar(
        lambda u: mean_nll(logits, labels, math.exp(u)), bracket=(-3.0, 3.0), tol=1e-12
    )
    assert T == pytest.approx(math.exp(res.x), rel=1e-6)
    assert mean_nll(logits, labels, T) <= res.fun + 1e-13
    for factor in (0.999, 1.001):
        assert mean_nll(logits, labels, T) < mean_nll(logits, labels, T * factor)


def test_fit_temperature_derivative_is_zero_in_mpmath():
    logits, labels = synthetic(4, 60, 4, 3.0, 1.7)
    b = mpmath.mpf(1) / mpmath.mpf(fit_temperature(logits, labels))
    g = mpmath.mpf(0)
    for row, y in zip(logits, labels, strict=True):
        e = [mpmath.exp(b * mpmath.mpf(float(v))) for v in row]
        g += mpmath.fsum(
            ei * mpmath.mpf(float(v)) for ei, v in zip(e, row, strict=True)
        ) / mpmath.fsum(e)
        g -= mpmath.mpf(float(row[y]))
    assert abs(float(g / len(labels))) < 1e-13


def test_fit_temperature_recovers_the_temperature_of_the_data():
    for T0 in (0.5, 3.0):
        logits, labels = synthetic(5, 20_000, 10, 3.0, T0)
        assert fit_temperature(logits, labels) == pytest.approx(T0, rel=0.05)


@FAST
@given(st.floats(1e-3, 1e3), st.integers(0, 10**6))
def test_fit_temperature_scales_with_the_logits(a, seed):
    logits, labels = synthetic(seed, 40, 3, 2.0, 1.5)
    try:
        T = fit_temperature(logits, labels)
    except ValueError:  # a degenerate draw (e.g. every label the top logit)
        return
    assert fit_temperature(a * logits, labels) == pytest.approx(a * T, rel=1e-9)
    shift = np.random.default_rng(seed).normal(size=(40, 1)) * 100
    assert fit_temperature(logits + shift, labels) == pytest.approx(T, rel=1e-9)
    order = np.random.default_rng(seed).permutation(40)
    assert fit_temperature(logits[order], labels[order]) == pytest.approx(T, rel=1e-9)
    cols = np.random.default_rng(seed + 1).permutation(3)
    relabel = np.argsort(cols)
    assert fit_temperature(logits[:, cols], relabel[labels]) == pytest.approx(T, rel=1e-9)


def test_fit_temperature_inputs():
    logits, labels = synthetic(6, 100, 5, 3.0, 2.0)
    T = fit_temperature(logits, labels)
    assert fit_temperature(logits.astype(np.float32), labels) == pytest.approx(
        fit_temperature(logits.astype(np.float32).astype(np.float64), labels), rel=1e-12
    )
    assert fit_temperature(logits.tolist(), labels.tolist()) == T
    assert fit_temperature(logits, labels.astype(np.uint8)) == T
    assert isinstance(
        fit_temperature(np.array([[2, 0], [2, 0], [0, 1], [1, 0]]), [0, 1, 1, 0]), float
    )
    before = logits.copy()
    fit_temperature(logits, labels)
    np.testing.assert_array_equal(logits, before)
    # a large confident row that overflows exp(z / T) in a naive NLL
    hand = np.array([[2 * math.log(3.0), 0.0]] * 4 + [[2000.0, 0.0]])
    assert fit_temperature(hand, [0, 0, 0, 1, 0]) == pytest.approx(2.0, rel=1e-12)


@pytest.mark.parametrize(
    ("logits", "labels"),
    [
        ([[3.0, 0.0], [0.0, 2.0]], [0, 1]),  # every label is the top logit: T -> 0
        ([[1.0, 1.0], [2.0, 2.0]], [0, 1]),  # ties with the label: still T -> 0
        ([[1.0, 1.0, 1.0]] * 3, [0, 1, 2]),  # equal logits: no T is better
        ([[0.0, 3.0], [3.0, 0.0]], [0, 1]),  # always wrong: T -> infinity
        ([[1.0, 0.0]] * 2, [0, 2]),
        ([[1.0, 0.0]] * 2, [0, -1]),
        ([[2.0, 0.0], [1.0, 0.0], [0.0, 1.0]], [0.0, 0.5, 0.0]),  # not whole numbers
        ([[2.0, 0.0], [1.0, 0.0], [0.0, 1.0]], [True, False, True]),  # bools are not labels
        ([[1.0, 0.0]] * 2, [0]),
        ([1.0, 0.0], [0]),
        ([[1.0], [2.0]], [0, 0]),
        (np.zeros((0, 3)), np.zeros(0, dtype=int)),
        ([[np.inf, 0.0], [0.0, 1.0]], [1, 0]),
        ([[np.nan, 0.0], [0.0, 1.0]], [1, 0]),
    ],
)
def test_fit_temperature_rejects(logits, labels):
    with pytest.raises(ValueError):
        fit_temperature(logits, labels)


# --- expected_calibration_error ----------------------------------------------------------


def ece_by_loop(probs, labels, n_bins):
    """ECE written as the definition reads: a loop over the bins (lo, hi]."""
    probs = np.asarray(probs, dtype=np.float64)
    conf = probs.max(axis=1)
    right = probs.argmax(axis=1) == np.asarray(labels)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    total = 0.0
    for i in range(n_bins):
        inside = (conf > edges[i]) & (conf <= edges[i + 1])
        if i == 0:
            inside |= conf == 0.0
        if inside.any():
            total += inside.mean() * abs(right[inside].mean() - conf[inside].mean())
    return total


def test_ece_hand_worked():
    assert expected_calibration_error([[0.9, 0.1], [0.1, 0.9]], [0, 0]) == pytest.approx(0.4)
    assert expected_calibration_error([[0.75, 0.25]] * 4, [0, 0, 0, 1]) == pytest.approx(
        0.0, abs=1e-15
    )
    probs = [[0.9, 0.1], [0.65, 0.35], [0.65, 0.35], [0.65, 0.35]]
    assert expected_calibration_error(probs, [0, 0, 1, 1]) == pytest.approx(0.2625, rel=1e-14)
    three = [[0.45, 0.35, 0.2], [0.7, 0.2, 0.1], [0.05, 0.9, 0.05]]
    assert expected_calibration_error(three, [0, 1, 1], n_bins=2) == pytest.approx(1.15 / 3)
    edges = [[0.5, 0.5], [0.75, 0.25], [0.6875, 0.3125]]
    assert expected_calibration_error(edges, [0, 1, 0], n_bins=4) == pytest.approx(
        0.3125, rel=1e-14
    )
    assert isinstance(expected_calibration_error(edges, [0, 1, 0]), float)


@FAST
@given(
    st.integers(0, 10**6),
    st.integers(1, 60),
    st.integers(1, 6),
    st.integers(1, 25),
    st.floats(0.05, 3.0),
)
def test_ece_matches_the_loop(seed, n, k, n_bins, alpha):
    rng = np.random.default_rng(seed)
    probs = rng.dirichlet(np.full(k, alpha), size=n)
    labels = rng.integers(0, k, size=n)
    ece = expected_calibration_error(probs, labels, n_bins=n_bins)
    assert ece == pytest.approx(ece_by_loop(probs, labels, n_bins), rel=1e-12, abs=1e-15)
    assert 0.0 <= ece <= 1.0
    order = rng.permutation(n)
    assert expected_calibration_error(probs[order], labels[order], n_bins) == pytest.approx(
        ece, abs=1e-15
    )


def test_ece_with_one_bin_is_accuracy_minus_confidence():
    rng = np.random.default_rng(8)
    probs = rng.dirichlet(np.ones(4), size=100)
    labels = rng.integers(0, 4, size=100)
    acc = np.mean(probs.argmax(1) == labels)
    assert expected_calibration_error(probs, labels, n_bins=1) == pytest.approx(
        abs(acc - probs.max(1).mean())
    )


def test_ece_of_a_calibrated_model_is_small_and_of_a_miscalibrated_one_is_not():
    rng = np.random.default_rng(9)
    probs = rng.dirichlet(np.full(5, 0.5), size=50_000)
    # labels drawn from the predicted probabilities: calibrated by construction
    labels = (rng.random((50_000, 1)) > probs.cumsum(axis=1)).sum(axis=1)
    assert expected_calibration_error(probs, labels) < 0.01
    # sharpen the same probabilities (T = 0.5): now overconfident
    sharp = probs**2 / (probs**2).sum(axis=1, keepdims=True)
    assert expected_calibration_error(sharp, labels) > 0.05


def test_ece_bin_edges():
    # With 8 bins every k/8 is exact: a confidence on an edge belongs to the bin it closes.
    for c in np.arange(5, 9) / 8:
        probs = np.array([[c, 1 - c], [c - 1 / 16, 1 - c + 1 / 16]])
        labels = np.array([0, 1])
        # right and wrong in the same bin (k-1/8, k/8]: |0.5 - mean confidence|
        expected = abs(0.5 - (2 * c - 1 / 16) / 2)
        assert expected_calibration_error(probs, labels, n_bins=8) == pytest.approx(expected)
    # confidence 1 is in the last bin; the top-label confidence of K classes is >= 1 / K
    assert expected_calibration_error([[1.0, 0.0], [0.0, 1.0]], [0, 1], n_bins=3) == 0.0
    assert expected_calibration_error([[1.0, 0.0]], [1], n_bins=3) == 1.0
    assert expected_calibration_error([[1.0]], [0]) == 0.0


def test_ece_inputs_and_ties():
    # a tie predicts the lowest index: here wrong
    assert expected_calibration_error([[0.4, 0.4, 0.2]], [1]) == pytest.approx(0.4)
    rng = np.random.default_rng(10)
    probs = rng.dirichlet(np.ones(3), size=30)
    labels = rng.integers(0, 3, size=30)
    ece = expected_calibration_error(probs, labels)
    assert expected_calibration_error(probs.astype(np.float32), labels) == pytest.approx(
        ece, abs=1e-6
    )
    assert expected_calibration_error(probs.tolist(), labels.tolist()) == ece
    assert expected_calibration_error(np.eye(3, dtype=int), [0, 1, 1]) == pytest.approx(1 / 3)
    assert expected_calibration_error(probs, labels, n_bins=np.int64(15)) == ece
    before = probs.copy()
    expected_calibration_error(probs, labels)
    np.testing.assert_array_equal(probs, before)


@pytest.mark.parametrize(
    ("probs", "labels", "n_bins"),
    [
        ([[0.9, 0.1]], [2], 15),
        ([[0.9, 0.1]], [-1], 15),
        ([[0.9, 0.1]], [0.5], 15),
        ([[0.9, 0.1]], [1.0 + 1e-9], 15),
        ([[0.9, 0.1]], [True], 15),
        ([[0.9, 0.1]], [np.nan], 15),
        ([[0.9, 0.1]], [2.0], 15),
        ([[0.9, 0.1]], [0, 1], 15),
        ([0.9, 0.1], [0], 15),
        ([[0.9, 0.1]], [0], 0),
        ([[0.9, 0.1]], [0], -2),
        ([[0.9, 0.1]], [0], 2.5),
        ([[0.9, 0.1]], [0], True),
        ([[2.0, -1.0]], [0], 15),  # logits, not probabilities
        ([[0.9, 0.3]], [0], 15),  # does not sum to 1
        ([[np.nan, 0.5]], [0], 15),
        (np.zeros((0, 2)), np.zeros(0, dtype=int), 15),
    ],
)
def test_ece_rejects(probs, labels, n_bins):
    with pytest.raises(ValueError):
        expected_calibration_error(probs, labels, n_bins=n_bins)


def test_whole_number_float_labels_are_accepted():
    # Labels read with np.loadtxt are floats; COURSE.md accepts them when they are whole.
    logits = [[2 * np.log(3.0), 0.0]] * 4
    assert fit_temperature(logits, [0.0, 0.0, 0.0, 1.0]) == fit_temperature(logits, [0, 0, 0, 1])
    probs = [[0.9, 0.1], [0.1, 0.9]]
    assert expected_calibration_error(probs, np.array([0.0, 0.0], np.float32)) == 0.4


def test_sample_with_temperature_rejects_all_neg_inf_and_bad_sizes():
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError):
        sample_with_temperature([-np.inf, -np.inf], 1.0, rng)
    for size in (2.0, True, (2, 1.5), -1, "3"):
        with pytest.raises(ValueError):
            sample_with_temperature([1.0, 2.0], 1.0, rng, size=size)
    assert sample_with_temperature([1.0, 2.0], 1.0, rng, size=np.int8(3)).shape == (3,)
    assert sample_with_temperature([1.0, 2.0], 1.0, rng, size=[2, np.int64(2)]).shape == (2, 2)
