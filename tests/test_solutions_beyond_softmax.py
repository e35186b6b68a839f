"""Tests of the reference answers of notebook ``08_beyond_softmax``.

Oracles: closed forms worked by hand (two classes, a support of three), high-precision
``mpmath`` bisection on the threshold (sparsemax and 1.5-entmax), the optimality conditions
of the projection, ``scipy.special`` (softmax, logsumexp) and ``scipy.stats`` (chi-square
tests of the samplers' frequencies). Properties are checked with hypothesis, and every rule
of the contract (dtypes, untouched inputs, ``ValueError`` cases, ``-inf``/NaN/empty edges,
the generator alone deciding the draws) has its test.
"""

import math

import mpmath
import numpy as np
import pytest
import scipy.special
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from solutions.beyond_softmax import entmax15, gumbel_max_sample, gumbel_softmax, sparsemax

mpmath.mp.dps = 50
FAST = settings(max_examples=40, deadline=None)
EULER_GAMMA = 0.5772156649015329
SPARSE = [sparsemax, entmax15]

finite_logits = arrays(
    np.float64,
    array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=6),
    elements=st.floats(-20, 20, allow_nan=False),
)
rows = arrays(np.float64, st.integers(1, 12), elements=st.floats(-5, 5, allow_nan=False))


def mp_threshold(z, power):
    """The tau with sum(max(x - tau, 0) ** power) = 1 for x = z (power 1) or z / 2 (power 2),
    by 200 bisection steps in 50-digit arithmetic; returns (x, tau) as mpf."""
    x = [mpmath.mpf(float(v)) / (1 if power == 1 else 2) for v in z]
    lo, hi = max(x) - 1, max(x)  # the sum is >= 1 at lo and 0 at hi
    for _ in range(200):
        mid = (lo + hi) / 2
        if mpmath.fsum(max(v - mid, 0) ** power for v in x) > 1:
            lo = mid
        else:
            hi = mid
    return x, (lo + hi) / 2


def mp_sparse(z, power):
    x, tau = mp_threshold(z, power)
    return np.array([float(max(v - tau, 0) ** power) for v in x])


def entmax_two(t):
    """entmax15([t, 0]) for |t| < 2, by hand: a - b = t / 2 and a^2 + b^2 = 1."""
    root = math.sqrt(8.0 - t * t)
    return np.array([((root + t) / 4) ** 2, ((root - t) / 4) ** 2])


# --- published and hand-worked values ----------------------------------------------------


def test_published_sparsemax_values():
    np.testing.assert_allclose(sparsemax([-2.0, 0.0, 0.5]), [0.0, 0.25, 0.75], atol=1e-15)
    np.testing.assert_array_equal(sparsemax([1.0, 2.0, 3.0]), [0.0, 0.0, 1.0])


def test_published_entmax_values():
    # COURSE.md rounds them to 4 and 6 digits; the exact values are the two-class closed
    # form on the last two logits (the first is more than 2 below the max: exactly 0).
    a = entmax15([-2.0, 0.0, 0.5])
    np.testing.assert_allclose(a, [0.0, 0.3260, 0.6740], atol=5e-5)
    np.testing.assert_allclose(a[1:], entmax_two(-0.5), rtol=1e-14)
    b = entmax15([1.0, 2.0, 3.0])
    np.testing.assert_allclose(b, [0.0, 0.169281, 0.830719], atol=5e-7)
    np.testing.assert_allclose(b[1:], [(4 - math.sqrt(7)) / 8, (4 + math.sqrt(7)) / 8], rtol=1e-14)
    assert a[0] == 0.0 and b[0] == 0.0


def test_hand_worked_supports():
    # sparsemax: sorted [3, 2.5, 1], support 2, tau = (5.5 - 1) / 2.
    np.testing.assert_allclose(sparsemax([3.0, 1.0, 2.5]), [0.75, 0.0, 0.25], rtol=1e-15)
    np.testing.assert_allclose(sparsemax([-1.5, 0.0, 0.4]), [0.0, 0.3, 0.7], rtol=1e-14)
    # entmax: x - tau = [1/3, 2/3, 2/3], squares [1/9, 4/9, 4/9].
    np.testing.assert_allclose(entmax15([2 / 3, 0.0, 2 / 3]), [4 / 9, 1 / 9, 4 / 9], rtol=1e-14)
    # x - tau = [0.6, 0.8] on the support; -1.5 is below tau: squares [0, 0.36, 0.64].
    np.testing.assert_allclose(entmax15([-1.5, 0.0, 0.4]), [0.0, 0.36, 0.64], rtol=1e-14)
    for f in SPARSE:
        np.testing.assert_array_equal(f(np.zeros(4)), np.full(4, 0.25))


@pytest.mark.parametrize("t", [-3.0, -1.0, -0.999, -0.3, 0.0, 0.5, 0.9999, 1.0, 2.5])
def test_sparsemax_of_two_classes_is_a_clipped_line(t):
    # p_1 - p_2 = t while both are positive; otherwise one-hot. Exactly clip((t + 1) / 2).
    first = min(max((t + 1) / 2, 0.0), 1.0)
    # (to the rounding of numbers of size 1: p is a difference of two of them)
    np.testing.assert_allclose(sparsemax([t, 0.0]), [first, 1 - first], rtol=0, atol=4e-16)


@pytest.mark.parametrize("t", [-1.999, -1.2, -0.5, 0.0, 0.3, 1.0, 1.9])
def test_entmax_of_two_classes_closed_form(t):
    np.testing.assert_allclose(entmax15([t, 0.0]), entmax_two(t), rtol=1e-13)
    np.testing.assert_array_equal(entmax15([2.0, 0.0]), [1.0, 0.0])
    np.testing.assert_array_equal(entmax15([-7.0, 0.0]), [0.0, 1.0])


# --- properties --------------------------------------------------------------------------


@FAST
@given(finite_logits, st.integers(0, 2))
@pytest.mark.parametrize("f", SPARSE)
def test_on_the_simplex_along_axis(f, z, axis_pick):
    axis = axis_pick % z.ndim
    p = f(z, axis=axis)
    assert p.shape == z.shape and p.dtype == np.float64
    assert np.all(p >= 0.0) and np.all(p <= 1.0)
    np.testing.assert_allclose(p.sum(axis=axis), 1.0, rtol=1e-13)
    # the same along the last axis after moving it there
    np.testing.assert_array_equal(np.moveaxis(f(np.moveaxis(z, axis, -1)), -1, axis), p)


@FAST
@given(rows, st.floats(-1e3, 1e3))
@pytest.mark.parametrize("f", SPARSE)
def test_shift_invariant_and_order_kept(f, z, c):
    p = f(z)
    np.testing.assert_allclose(f(z + c), p, atol=1e-11)
    order = np.argsort(z)
    assert np.all(np.diff(p[order]) >= 0.0)  # larger logit, at least as large a probability
    assert p[np.argmax(z)] == p.max()  # (a lead of 1e-138 may round away: ties are fine)
    for i in range(len(z)):
        same = z == z[i]
        assert np.all(p[same] == p[i])  # ties share exactly


@FAST
@given(rows)
def test_exact_zeros_below_the_threshold(z):
    p = sparsemax(z)
    m = z.max()
    assert np.all(p[z <= m - 1.0] == 0.0)
    q = entmax15(z)
    assert np.all(q[z <= m - 2.0] == 0.0)
    # The support is where z (or z / 2) lies above tau, which the values themselves give:
    # for sparsemax tau = z_i - p_i on the support, for entmax tau = z_i / 2 - sqrt(p_i).
    on = p > 0
    tau = np.mean(z[on] - p[on])
    np.testing.assert_allclose(z[on] - p[on], tau, atol=1e-12)
    assert np.all(z[~on] <= tau + 1e-12)
    on = q > 0
    tau = np.mean(z[on] / 2 - np.sqrt(q[on]))
    np.testing.assert_allclose(z[on] / 2 - np.sqrt(q[on]), tau, atol=1e-12)
    assert np.all(z[~on] / 2 <= tau + 1e-12)


@FAST
@given(rows)
def test_sparsemax_is_the_closest_point_of_the_simplex(z):
    # Against random points of the simplex and against the vertices: none is closer to z.
    p = sparsemax(z)
    others = np.random.default_rng(0).dirichlet(np.ones(len(z)), size=200)
    others = np.vstack([others, np.eye(len(z))])
    assert np.sum((p - z) ** 2) <= np.min(np.sum((others - z) ** 2, axis=1)) + 1e-12


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize(("f", "power"), [(sparsemax, 1), (entmax15, 2)])
def test_against_mpmath_bisection(f, power, seed):
    rng = np.random.default_rng(seed)
    k = [3, 10, 50, 400][seed % 4]
    z = rng.normal(size=k) * [0.3, 1.0, 3.0, 0.05][seed // 2]
    np.testing.assert_allclose(f(z), mp_sparse(z, power), rtol=0, atol=1e-12)


@pytest.mark.parametrize("f", SPARSE)
def test_one_hot_as_the_scale_grows(f):
    z = np.array([0.3, -1.2, 0.9, 0.85, 0.0])
    spread = [np.count_nonzero(f(c * z)) for c in (0.1, 1.0, 5.0, 40.0, 1e3)]
    assert spread == sorted(spread, reverse=True) and spread[0] == 5
    # The gap between the two largest is 0.05: past a lead of 1 (sparsemax) or 2 (entmax)
    # in c * z, the top class takes everything, exactly.
    np.testing.assert_array_equal(f(40.0 * z), [0, 0, 1, 0, 0])
    np.testing.assert_array_equal(f(1e300 * z), [0, 0, 1, 0, 0])


def test_entmax_lies_between_softmax_and_sparsemax():
    z = np.array([1.0, 0.6, 0.2, -0.4, -1.5])
    support = [np.count_nonzero(f(z)) for f in (sparsemax, entmax15)]
    assert support == [2, 4]
    assert np.all(scipy.special.softmax(z) > 0)


# --- dtypes, inputs, edges, errors --------------------------------------------------------


@pytest.mark.parametrize("f", SPARSE)
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_float_dtype_kept(f, dtype):
    z = np.array([[0.5, -1.0, 2.0, 1.9], [3.0, 3.0, 0.0, 2.5]], dtype=dtype)
    p = f(z)
    assert p.dtype == dtype
    np.testing.assert_allclose(p, f(z.astype(np.float64)), atol=2 * np.finfo(dtype).eps)


@pytest.mark.parametrize("f", SPARSE)
def test_integers_lists_and_inputs_untouched(f):
    assert f(np.array([[1, 2], [0, 0]])).dtype == np.float64
    assert f([True, False]).dtype == np.float64
    assert f(np.array([1, 2], dtype=np.int8)).dtype == np.float64
    # int8 differences do not wrap around: -128 and 127 are 255 apart.
    np.testing.assert_array_equal(f(np.array([-128, 127], dtype=np.int8)), [0.0, 1.0])
    np.testing.assert_array_equal(f([[0.0, 0.0], [1.0, 1.0]]), f(np.array([[0.0, 0.0]] * 2)))
    z = np.array([[1.0, 2.0, 3.0], [-1.0, 0.0, 5.0]])
    before = z.copy()
    f(z)
    f(z, axis=0)
    np.testing.assert_array_equal(z, before)


@pytest.mark.parametrize("f", SPARSE)
def test_edges(f):
    out = f([-np.inf, 0.0, 0.0])
    assert out[0] == 0.0  # exactly; entmax's 0.5 is sqrt(0.5) ** 2, rounded
    np.testing.assert_allclose(out, [0.0, 0.5, 0.5], rtol=0, atol=4e-16)
    out = f([[-np.inf, -np.inf], [0.0, 1e-3]])
    np.testing.assert_array_equal(out[0], [0.0, 0.0])  # every class excluded: zeros
    np.testing.assert_allclose(out[1].sum(), 1.0)
    with np.errstate(invalid="ignore"):
        nan = f([[np.nan, 1.0], [0.0, 0.0]])
        assert np.all(np.isnan(nan[0]))
        np.testing.assert_allclose(nan[1], [0.5, 0.5], rtol=0, atol=4e-16)
        assert np.all(np.isnan(f([np.inf, 1.0])))
        assert np.all(np.isnan(f([np.inf, -np.inf])))
    assert f(np.zeros((0, 3))).shape == (0, 3)
    assert f(np.zeros((3, 0))).shape == (3, 0)
    assert f(np.zeros((3, 0), dtype=np.float32)).dtype == np.float32
    np.testing.assert_array_equal(f([7.5]), [1.0])
    np.testing.assert_array_equal(f(np.array([[-3.0], [np.inf]])), [[1.0], [np.nan]])
    np.testing.assert_array_equal(f([1e308, -1e308]), [1.0, 0.0])
    np.testing.assert_allclose(f([-1e308, -1e308]), [0.5, 0.5], rtol=0, atol=4e-16)
    np.testing.assert_allclose(f([1e300, 1e300, 0.0]), [0.5, 0.5, 0.0], rtol=0, atol=4e-16)
    np.testing.assert_array_equal(f(np.full(3, -np.inf, dtype=np.float16)), np.zeros(3))


@pytest.mark.parametrize("f", SPARSE)
def test_long_float16_row(f):
    # 65,520 ranks: float16 ends at 65,504, so the ranks k are not float16.
    out = f(np.zeros(65520, dtype=np.float16))
    assert out.dtype == np.float16
    np.testing.assert_allclose(out.astype(np.float64), 1 / 65520, rtol=1e-3)


@pytest.mark.parametrize("f", SPARSE)
def test_float16_rounded_once(f):
    z = (4.0 * np.sin(1.7 * np.arange(1.0, 1025.0))).reshape(64, 16).astype(np.float16)
    once = f(z.astype(np.float64)).astype(np.float16)
    np.testing.assert_array_equal(f(z), once)


@pytest.mark.parametrize("f", SPARSE)
@pytest.mark.parametrize(
    ("z", "axis"),
    [
        (np.array([1 + 1j, 2]), -1),
        (["a", "b"], -1),
        (np.ones((2, 3)), 2),
        (np.ones((2, 3)), -3),
        (np.ones((2, 3)), 1.0),
        (np.ones((2, 3)), True),
        (3.0, -1),
    ],
)
def test_rejects_bad_input(f, z, axis):
    with pytest.raises(ValueError):
        f(z, axis=axis)


# --- gumbel_max_sample ---------------------------------------------------------------------


@pytest.mark.parametrize("z", [[1.0, 2.0, 3.0, 4.0], [0.0, -2.0, 1.0], np.log([3, 1, 4, 2])])
def test_gumbel_max_frequencies_follow_softmax(z):
    n = 200_000
    draws = gumbel_max_sample(z, np.random.default_rng(7), size=n)
    counts = np.bincount(draws, minlength=len(z))
    p = scipy.special.softmax(z)
    assert scipy.stats.chisquare(counts, n * p).pvalue > 1e-4
    # and clearly not softmax(2 z), the draws of noise at half its scale
    wrong = scipy.special.softmax(2 * np.asarray(z))
    assert scipy.stats.chisquare(counts, n * wrong).pvalue < 1e-12


def test_gumbel_max_is_the_argmax_of_noisy_logits():
    # The documented noise: rng.gumbel(size=size + (K,)). Its maximum is Gumbel around
    # logsumexp(z): mean logsumexp(z) + Euler's gamma, standard deviation pi / sqrt(6).
    z = np.array([0.5, -1.0, 2.0, 0.0, 1.5])
    n = 100_000
    draws = gumbel_max_sample(z, np.random.default_rng(3), size=n)
    noisy = z + np.random.default_rng(3).gumbel(size=(n, len(z)))
    np.testing.assert_array_equal(draws, np.argmax(noisy, axis=1))
    top = noisy.max(axis=1)
    se = math.pi / math.sqrt(6) / math.sqrt(n)
    assert abs(top.mean() - (scipy.special.logsumexp(z) + EULER_GAMMA)) < 5 * se
    assert abs(top.std() - math.pi / math.sqrt(6)) < 0.02


def test_gumbel_max_raising_a_logit_moves_draws_only_to_it():
    z = np.array([0.2, 1.0, -0.5, 0.7])
    before = gumbel_max_sample(z, np.random.default_rng(11), size=5000)
    raised = z.copy()
    raised[2] += 1.0
    after = gumbel_max_sample(raised, np.random.default_rng(11), size=5000)
    changed = before != after
    assert changed.any() and np.all(after[changed] == 2) and np.all(after[before == 2] == 2)


def test_gumbel_max_reproducible_and_driven_by_rng():
    z = [0.0, 1.0, 2.0]
    a = gumbel_max_sample(z, np.random.default_rng(3), size=100)
    b = gumbel_max_sample(z, np.random.default_rng(3), size=100)
    c = gumbel_max_sample(z, np.random.default_rng(4), size=100)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    rng = np.random.default_rng(5)
    assert not np.array_equal(gumbel_max_sample(z, rng, size=50), gumbel_max_sample(z, rng, 50))
    state = np.random.get_state()  # noqa: NPY002 - the global state must stay untouched
    gumbel_max_sample(z, np.random.default_rng(0), size=10)
    assert np.random.get_state()[1].tolist() == state[1].tolist()  # noqa: NPY002


@pytest.mark.parametrize("size", [None, 0, 1, 17, (3, 4), [2, 3], (2, 0), np.int64(5)])
def test_gumbel_max_shapes(size):
    out = gumbel_max_sample([0.3, -1.0, 2.0], np.random.default_rng(0), size=size)
    expected = () if size is None else np.shape(np.empty(tuple(np.atleast_1d(size))))
    assert np.shape(out) == expected
    assert np.asarray(out).dtype.kind == "i"


def test_gumbel_max_edges():
    draws = gumbel_max_sample([-np.inf, 0.0, -np.inf, 1.0], np.random.default_rng(1), size=5000)
    assert set(np.unique(draws)) == {1, 3}
    np.testing.assert_array_equal(gumbel_max_sample([5.0], np.random.default_rng(0), 4), 0)
    np.testing.assert_array_equal(
        gumbel_max_sample(np.array([0, 120, 0]), np.random.default_rng(0), size=6), 1
    )
    z16 = np.array([1.0, 30.0, 2.0], dtype=np.float16)
    np.testing.assert_array_equal(gumbel_max_sample(z16, np.random.default_rng(0), 5), 1)
    z = np.array([1.0, 2.0])
    gumbel_max_sample(z, np.random.default_rng(0), size=3)
    np.testing.assert_array_equal(z, [1.0, 2.0])


@pytest.mark.parametrize(
    ("z", "rng", "size"),
    [
        ([1.0, 2.0], None, None),
        ([1.0, 2.0], 0, None),
        ([1.0, 2.0], np.random.RandomState(0), None),  # noqa: NPY002 - a legacy generator
        ([1.0, 2.0], np.random.default_rng, None),
        ([[1.0, 2.0]], np.random.default_rng(0), None),
        ([], np.random.default_rng(0), None),
        (5.0, np.random.default_rng(0), None),
        ([np.nan, 1.0], np.random.default_rng(0), None),
        ([np.inf, 1.0], np.random.default_rng(0), None),
        ([-np.inf, -np.inf], np.random.default_rng(0), None),
        ([1 + 1j, 1.0], np.random.default_rng(0), None),
        ([1.0, 2.0], np.random.default_rng(0), -1),
        ([1.0, 2.0], np.random.default_rng(0), 2.0),
        ([1.0, 2.0], np.random.default_rng(0), True),
        ([1.0, 2.0], np.random.default_rng(0), (2, -1)),
    ],
)
def test_gumbel_max_rejects_bad_arguments(z, rng, size):
    with pytest.raises(ValueError):
        gumbel_max_sample(z, rng, size=size)


# --- gumbel_softmax ------------------------------------------------------------------------


def test_gumbel_softmax_is_softmax_of_noisy_logits():
    z = np.array([[0.5, -1.0, 2.0], [0.0, 0.0, 0.0]])
    for T in (0.1, 1.0, 7.0):
        out = gumbel_softmax(z, T, np.random.default_rng(9))
        g = np.random.default_rng(9).gumbel(size=z.shape)
        np.testing.assert_allclose(out, scipy.special.softmax((z + g) / T, axis=-1), rtol=1e-13)


@pytest.mark.parametrize("T", [1e-3, 0.5, 1.0, 10.0])
def test_gumbel_softmax_argmax_is_a_gumbel_max_draw(T):
    # Same seed, same noise layout: the argmax of each row is the Gumbel-max draw, for any T.
    z = np.log([3.0, 1.0, 4.0, 2.0])
    n = 20_000
    soft = gumbel_softmax(np.tile(z, (n, 1)), T, np.random.default_rng(4))
    hard = gumbel_max_sample(z, np.random.default_rng(4), size=n)
    np.testing.assert_array_equal(np.argmax(soft, axis=1), hard)
    counts = np.bincount(hard, minlength=4)
    assert scipy.stats.chisquare(counts, n * np.array([0.3, 0.1, 0.4, 0.2])).pvalue > 1e-4


def test_gumbel_softmax_one_hot_as_T_goes_to_0_and_flat_as_T_grows():
    z = np.random.default_rng(1).normal(size=(50, 6))
    spread = []
    for T in (1e-4, 1e-2, 1.0, 1e2, 1e6):
        out = gumbel_softmax(z, T, np.random.default_rng(2))
        np.testing.assert_allclose(out.sum(axis=1), 1.0, rtol=1e-13)
        spread.append(float(np.mean(out.max(axis=1))))
    assert spread == sorted(spread, reverse=True)
    small = gumbel_softmax(z, 1e-6, np.random.default_rng(2))
    np.testing.assert_array_equal(small, np.eye(6)[np.argmax(small, axis=1)])
    np.testing.assert_allclose(gumbel_softmax(z, 1e8, np.random.default_rng(2)), 1 / 6, rtol=1e-6)


def test_gumbel_softmax_rows_get_their_own_noise():
    out = gumbel_softmax(np.zeros((100, 5)), 1.0, np.random.default_rng(0))
    assert len(np.unique(out.round(12), axis=0)) == 100
    assert len(np.unique(np.argmax(out, axis=1))) == 5


def test_gumbel_softmax_reproducible_and_driven_by_rng():
    z = np.array([0.0, 1.0, 2.0])
    a = gumbel_softmax(z, 0.5, np.random.default_rng(3))
    np.testing.assert_array_equal(a, gumbel_softmax(z, 0.5, np.random.default_rng(3)))
    assert not np.array_equal(a, gumbel_softmax(z, 0.5, np.random.default_rng(4)))
    state = np.random.get_state()  # noqa: NPY002 - the global state must stay untouched
    gumbel_softmax(z, 0.5, np.random.default_rng(0))
    assert np.random.get_state()[1].tolist() == state[1].tolist()  # noqa: NPY002


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_gumbel_softmax_dtypes(dtype):
    z = np.array([[0.5, -1.0, 2.0], [3.0, 3.0, 0.0]], dtype=dtype)
    out = gumbel_softmax(z, 0.7, np.random.default_rng(5))
    assert out.dtype == dtype
    wide = gumbel_softmax(z.astype(np.float64), 0.7, np.random.default_rng(5))
    np.testing.assert_allclose(out, wide, atol=np.finfo(dtype).eps)
    assert gumbel_softmax(np.array([1, 2]), 2, np.random.default_rng(0)).dtype == np.float64


def test_gumbel_softmax_edges():
    rng = np.random.default_rng
    np.testing.assert_array_equal(gumbel_softmax([-np.inf, 0.0], 1.0, rng(0)), [0.0, 1.0])
    out = gumbel_softmax([[-np.inf, -np.inf], [0.0, -np.inf]], 0.5, rng(0))
    np.testing.assert_array_equal(out, [[0.0, 0.0], [1.0, 0.0]])
    with np.errstate(invalid="ignore"):
        out = gumbel_softmax([[np.nan, 0.0], [np.inf, 0.0], [0.0, 0.0]], 1.0, rng(0))
        assert np.all(np.isnan(out[:2])) and np.all(np.isfinite(out[2]))
    assert gumbel_softmax(np.zeros((0, 3)), 1.0, rng(0)).shape == (0, 3)
    assert gumbel_softmax(np.zeros((3, 0)), 1.0, rng(0)).shape == (3, 0)
    np.testing.assert_array_equal(gumbel_softmax([[4.0], [-2.0]], 0.1, rng(0)), [[1.0], [1.0]])
    # Large logits and a tiny T: the max is subtracted before dividing.
    out = gumbel_softmax([1000.0, 1001.0, 1e306], 1e-3, rng(0))
    np.testing.assert_array_equal(out, [0.0, 0.0, 1.0])
    z16 = np.array([1.0, 2.0, 60.0], dtype=np.float16)
    np.testing.assert_array_equal(gumbel_softmax(z16, 1e-5, rng(0)), [0.0, 0.0, 1.0])
    z = np.array([1.0, 2.0])
    gumbel_softmax(z, 1.0, rng(0))
    np.testing.assert_array_equal(z, [1.0, 2.0])


@pytest.mark.parametrize(
    ("z", "T", "rng"),
    [
        ([1.0, 2.0], 0.0, np.random.default_rng(0)),
        ([1.0, 2.0], -1.0, np.random.default_rng(0)),
        ([1.0, 2.0], math.inf, np.random.default_rng(0)),
        ([1.0, 2.0], math.nan, np.random.default_rng(0)),
        ([1.0, 2.0], [1.0, 2.0], np.random.default_rng(0)),
        ([1.0, 2.0], True, np.random.default_rng(0)),
        ([1.0, 2.0], "1", np.random.default_rng(0)),
        ([1.0, 2.0], 1.0, None),
        ([1.0, 2.0], 1.0, 0),
        ([1.0, 2.0], 1.0, np.random.RandomState(0)),  # noqa: NPY002 - a legacy generator
        (3.0, 1.0, np.random.default_rng(0)),
        ([1 + 1j, 2.0], 1.0, np.random.default_rng(0)),
        (["a"], 1.0, np.random.default_rng(0)),
    ],
)
def test_gumbel_softmax_rejects_bad_arguments(z, T, rng):
    with pytest.raises(ValueError):
        gumbel_softmax(z, T, rng)
