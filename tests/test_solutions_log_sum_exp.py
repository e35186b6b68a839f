"""The reference answers of ``04_log_sum_exp`` keep their contract.

``logsumexp`` is compared with 50-digit mpmath values on random and adversarial inputs with
an error bound that follows its rounding analysis (so tiny terms next to the maximum must be
kept, which the plain shifted formula does not), with SciPy, and checked for its properties
(equivariance, bounds, gradient = softmax). ``log_softmax`` and ``smooth_max`` are checked the
same way, and every edge rule of COURSE.md is tested.
"""

import math

import mpmath
import numpy as np
import pytest
import scipy.special
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from solutions.log_sum_exp import log_softmax, logsumexp, smooth_max
from solutions.shift_invariance import stable_softmax

mpmath.mp.dps = 50


def mp_lse(z):
    """log sum exp of a 1-D float array, to 50 digits, as an mpf."""
    return mpmath.log(mpmath.fsum(mpmath.exp(mpmath.mpf(float(x))) for x in z))


def lse_error_bound(z, eps):
    """A few rounding errors of each step of m + log1p(sum of exp(z_j - m) over the others).

    Each exp(z_j - m) carries a relative error of about eps * (|z_j - m| + 1), the sum
    about eps * K more; through log1p(s) they become an absolute error of s / (1 + s) times
    that; log1p and the final addition add eps * |their result|.
    """
    z = [mpmath.mpf(float(x)) for x in z]
    m = max(z)
    rest = [mpmath.exp(x - m) for x in z]
    rest.remove(max(rest))
    s = mpmath.fsum(rest)
    spread = max(abs(x - m) for x in z) + len(z)
    exact = m + mpmath.log1p(s)
    return 4 * eps * float(abs(exact) + mpmath.log1p(s) + s / (1 + s) * spread)


finite_values = arrays(
    np.float64,
    array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=5),
    elements=st.floats(-1e4, 1e4, allow_nan=False),
)


# --- logsumexp ------------------------------------------------------------------------------


def test_tiny_term_next_to_the_maximum():
    out = logsumexp([0.0, -40.0])
    assert abs(out - 4.248354255291589e-18) <= 2 * np.spacing(4.248354255291589e-18)
    assert float(out) == pytest.approx(float(mp_lse([0.0, -40.0])), rel=1e-15)
    # The plain shifted formula loses it completely: the reason for log1p.
    assert 0.0 + np.log(np.sum(np.exp(np.array([0.0, -40.0])))) == 0.0


def test_tied_maxima_each_count():
    assert logsumexp([5.0, 5.0]) == pytest.approx(5.0 + math.log(2.0), rel=1e-15)
    assert logsumexp([0.0, 0.0, 0.0, -40.0]) == pytest.approx(
        float(mp_lse([0.0, 0.0, 0.0, -40.0])), rel=1e-15
    )


ADVERSARIAL = [
    np.array([0.0, -40.0]),
    np.array([0.0, -36.0, -50.0, -700.0]),
    np.array([-45.0, 0.0, -38.0, -38.0]),
    np.array([5.0, 5.0, 5.0 - 40.0]),
    np.array([1e4, 1e4 - 30.0, -1e4]),
    np.array([-1000.0, -1040.0]),
    np.array([-math.log(2.0), -math.log(2.0)]),  # lse close to 0 by cancellation
    np.array([1e-20, -1e-20]),
    np.array([1e300, 1e300]),
    np.array([-745.0, -746.0, -800.0]),
]


@pytest.mark.parametrize(
    "z", ADVERSARIAL + [np.random.default_rng(i).normal(size=9) * 12 for i in range(6)]
)
def test_float64_against_mpmath(z):
    exact = mp_lse(z)
    error = abs(mpmath.mpf(float(logsumexp(z))) - exact)
    assert error <= lse_error_bound(z, np.finfo(np.float64).eps) + 1e-320


@pytest.mark.parametrize(
    "z",
    [np.array([0.0, -20.0]), np.array([3.0, -14.0, 3.0])]
    + [np.random.default_rng(10 + i).normal(size=9) * 8 for i in range(4)],
)
def test_float32_keeps_float32_and_its_accuracy(z):
    z = z.astype(np.float32)
    out = logsumexp(z)
    assert out.dtype == np.float32
    error = abs(mpmath.mpf(float(out)) - mp_lse(z))
    assert error <= lse_error_bound(z, np.finfo(np.float32).eps)


def test_float16_keeps_float16():
    z = np.array([[1.0, 2.0, 3.0], [11.0, 11.0, 0.0]], dtype=np.float16)
    out = logsumexp(z)
    assert out.dtype == np.float16
    expected = [float(mp_lse(row)) for row in z]
    np.testing.assert_allclose(out, expected, rtol=2e-3)


@settings(max_examples=60, deadline=None)
@given(finite_values, st.integers(0, 2), st.booleans())
def test_agrees_with_scipy(z, axis_choice, keepdims):
    axis = axis_choice % z.ndim
    out = logsumexp(z, axis=axis, keepdims=keepdims)
    expected = scipy.special.logsumexp(z, axis=axis, keepdims=keepdims)
    assert np.shape(out) == np.shape(expected)
    np.testing.assert_allclose(out, expected, rtol=1e-13, atol=1e-13 * (1 + np.abs(z).max()))


@settings(max_examples=60, deadline=None)
@given(
    arrays(np.float64, st.integers(1, 8), elements=st.floats(-100, 100)),
    st.floats(-1000, 1000),
)
def test_equivariance_and_bounds(z, c):
    lse = logsumexp(z)
    assert logsumexp(z + c) == pytest.approx(lse + c, rel=1e-12, abs=1e-10)
    assert z.max() <= lse <= z.max() + math.log(z.size) + 1e-12


def test_gradient_is_the_softmax():
    z = np.random.default_rng(7).normal(size=6) * 3
    h = 1e-6
    grad = [(logsumexp(z + h * e) - logsumexp(z - h * e)) / (2 * h) for e in np.eye(6)]
    np.testing.assert_allclose(grad, stable_softmax(z), rtol=1e-7, atol=1e-10)


def test_keepdims_and_axes():
    z = np.random.default_rng(8).normal(size=(2, 3, 4))
    for axis in (0, 1, 2, -1, -2, -3):
        kept = logsumexp(z, axis=axis, keepdims=True)
        dropped = logsumexp(z, axis=axis)
        assert kept.shape == tuple(1 if i == axis % 3 else n for i, n in enumerate(z.shape))
        np.testing.assert_array_equal(np.squeeze(kept, axis=axis), dropped)
        np.testing.assert_allclose(dropped, scipy.special.logsumexp(z, axis=axis), rtol=1e-14)


def test_one_dimensional_input_gives_a_numpy_scalar():
    out = logsumexp([1.0, 2.0])
    assert isinstance(out, np.float64)
    assert logsumexp([1.0, 2.0], keepdims=True).shape == (1,)


def test_edge_cases():
    inf, nan = np.inf, np.nan
    assert logsumexp([-inf, -inf]) == -inf
    assert logsumexp([-inf, 0.0]) == 0.0
    assert logsumexp([inf, 0.0]) == inf
    assert logsumexp([inf, -inf]) == inf
    assert logsumexp([inf, inf]) == inf
    assert np.isnan(logsumexp([nan, 0.0]))
    assert np.isnan(logsumexp([nan, inf]))
    assert np.isnan(logsumexp([-inf, nan]))
    assert logsumexp(np.zeros(0)) == -inf
    np.testing.assert_array_equal(logsumexp(np.zeros((2, 0))), [-inf, -inf])
    assert logsumexp(np.zeros((2, 0), np.float32), keepdims=True).dtype == np.float32
    assert logsumexp(np.zeros((0, 3))).shape == (0,)
    batch = np.array([[-inf, -inf], [0.0, 0.0], [inf, 1.0], [nan, 1.0]])
    np.testing.assert_array_equal(logsumexp(batch), [-inf, math.log(2.0), inf, nan])


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_float_dtypes_are_kept(dtype):
    assert logsumexp(np.zeros((2, 3), dtype=dtype)).dtype == dtype


def test_integers_are_promoted():
    out = logsumexp(np.array([[1, 2, 3]], np.int16))
    assert out.dtype == np.float64
    assert out[0] == pytest.approx(float(mp_lse([1, 2, 3])), rel=1e-15)


def test_input_is_not_modified():
    z = np.array([[3.0, 1.0, -np.inf], [np.inf, 0.0, 0.0]])
    before = z.copy()
    logsumexp(z)
    log_softmax(z)
    smooth_max(z, 0.5)
    np.testing.assert_array_equal(z, before)


@pytest.mark.parametrize(
    "z, axis",
    [
        (3.0, -1),
        (np.array([1.0 + 1j, 2.0]), -1),
        (np.zeros((2, 3)), 2),
        (np.zeros((2, 3)), (0, 1)),
        (np.zeros((2, 3)), True),
        (np.zeros((2, 3)), 1.0),
    ],
)
def test_invalid_arguments_raise_value_error(z, axis):
    for fn in (logsumexp, log_softmax):
        with pytest.raises(ValueError):
            fn(z, axis=axis)
    with pytest.raises(ValueError):
        smooth_max(z, 1.0, axis=axis)


# --- log_softmax ----------------------------------------------------------------------------


def test_log_softmax_where_softmax_underflows():
    np.testing.assert_array_equal(log_softmax([0.0, -1000.0]), [0.0, -1000.0])
    with np.errstate(divide="ignore"):
        assert np.log(stable_softmax([0.0, -1000.0]))[1] == -np.inf  # the trap


@pytest.mark.parametrize(
    "z", ADVERSARIAL + [np.random.default_rng(20 + i).normal(size=7) * 20 for i in range(4)]
)
def test_log_softmax_against_mpmath(z):
    exact = mp_lse(z)
    out = log_softmax(z)
    bound = lse_error_bound(z, np.finfo(np.float64).eps)
    for x, got in zip(z, out, strict=True):
        expected = mpmath.mpf(float(x)) - exact
        assert abs(mpmath.mpf(float(got)) - expected) <= bound + 4 * 2.2e-16 * abs(expected)


@settings(max_examples=60, deadline=None)
@given(finite_values, st.integers(0, 2))
def test_log_softmax_properties(z, axis_choice):
    axis = axis_choice % z.ndim
    out = log_softmax(z, axis=axis)
    assert out.shape == z.shape and np.all(out <= 0)
    np.testing.assert_allclose(np.exp(out).sum(axis=axis), 1.0, rtol=1e-12)
    np.testing.assert_allclose(
        out,
        scipy.special.log_softmax(z, axis=axis),
        rtol=1e-12,
        atol=1e-13 * (1 + np.abs(z).max()),
    )
    np.testing.assert_allclose(np.exp(out), stable_softmax(z, axis=axis), rtol=1e-9, atol=1e-300)


def test_log_softmax_edge_cases():
    out = log_softmax([[-np.inf, 0.0, 0.0], [-np.inf, -np.inf, -np.inf], [np.nan, 0.0, 1.0]])
    np.testing.assert_allclose(out[0], [-np.inf, -math.log(2.0), -math.log(2.0)], rtol=1e-15)
    np.testing.assert_array_equal(out[1], [-np.inf] * 3)
    np.testing.assert_array_equal(np.exp(out[1]), stable_softmax([-np.inf] * 3))
    assert np.isnan(out[2]).all()
    assert log_softmax(np.zeros((3, 0))).shape == (3, 0)
    assert log_softmax(np.zeros((0, 3))).shape == (0, 3)


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_log_softmax_keeps_float_dtypes(dtype):
    z = np.array([[1.0, 2.0, -30.0]], dtype=dtype)
    out = log_softmax(z)
    assert out.dtype == dtype
    expected = [float(mpmath.mpf(float(x)) - mp_lse(z[0])) for x in z[0]]
    eps = np.finfo(dtype).eps  # z - lse cancels: absolute error of a few ulps of lse
    np.testing.assert_allclose(out[0], expected, rtol=4 * eps, atol=4 * eps * 3)
    assert log_softmax([1, 2]).dtype == np.float64


def test_log_softmax_keeps_the_digits_next_to_large_logits():
    # z - logsumexp(z) cancels two numbers of the size of z and returns [0, 0] here.
    half = np.array([-math.log(2.0)] * 2, dtype=np.float32)
    np.testing.assert_array_equal(log_softmax(np.array([1e8, 1e8], np.float32)), half)
    np.testing.assert_allclose(log_softmax([1e300, 1e300]), [-math.log(2.0)] * 2, rtol=1e-15)
    z = np.arange(10, dtype=np.float32) + np.float32(1e6)
    out = log_softmax(z)
    expected = [float(mpmath.mpf(float(x)) - mp_lse(z)) for x in z]
    eps32 = np.finfo(np.float32).eps
    np.testing.assert_allclose(out, expected, rtol=4 * eps32, atol=4 * eps32)
    np.testing.assert_allclose(out, scipy.special.log_softmax(z), rtol=4 * eps32, atol=4 * eps32)


def test_log_softmax_keeps_the_log1p_refinement():
    assert log_softmax([0.0, -40.0])[0] == -4.248354255291589e-18
    np.testing.assert_allclose(log_softmax([0.0, -40.0, -40.0])[0], -2 * 4.248354255291589e-18)


def test_log_softmax_pos_inf_slice_as_scipy():
    with np.errstate(invalid="ignore"):
        expected = scipy.special.log_softmax([np.inf, 0.0, 1.0])
    np.testing.assert_array_equal(log_softmax([np.inf, 0.0, 1.0]), expected)


def test_float16_reductions_accumulate_in_float32():
    # 65,520 terms of exp(0) = 1: a float16 sum overflows to inf (its largest number is 65504).
    z = np.zeros(70000, np.float16)
    assert logsumexp(z) == np.float16(math.log(70000))
    out = log_softmax(z)
    assert out.dtype == np.float16 and np.all(out == np.float16(-math.log(70000)))
    assert smooth_max(z, 1.0) == np.float16(math.log(70000))
    # Along a non-contiguous axis too.
    assert np.all(logsumexp(np.zeros((70000, 2), np.float16), axis=0) == np.float16(11.16))


def test_smooth_max_float16_rounds_once():
    # t = 0.1 rounds to 0.09998 in float16; in float32 the result is the float16 nearest
    # to the exact 0.1 * ln 2.
    assert smooth_max(np.zeros(2, np.float16), 0.1) == np.float16(0.1 * math.log(2.0))


# --- smooth_max -----------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    arrays(np.float64, st.integers(1, 8), elements=st.floats(-100, 100)),
    st.floats(1e-3, 100),
)
def test_smooth_max_bounds(z, t):
    out = smooth_max(z, t)
    assert z.max() <= out <= z.max() + t * math.log(z.size) * (1 + 1e-12) + 1e-12


def test_smooth_max_tends_to_the_max_and_grows_with_t():
    z = np.array([3.0, 1.0, -2.0, 3.0 - 1e-3])
    values = [smooth_max(z, t) for t in (1e-6, 1e-3, 0.1, 1.0, 10.0)]
    assert values[0] == pytest.approx(3.0, abs=1e-5)
    assert np.all(np.diff(values) >= 0)
    assert smooth_max([1.0, 2.0, 3.0], 1e-300) == 3.0


@pytest.mark.parametrize("t", [0.05, 0.5, 1.0, 7.0])
def test_smooth_max_against_mpmath(t):
    z = np.random.default_rng(int(t * 100)).normal(size=8) * 5
    exact = t * mpmath.log(mpmath.fsum(mpmath.exp(mpmath.mpf(float(x)) / t) for x in z))
    assert float(smooth_max(z, t)) == pytest.approx(float(exact), rel=1e-14, abs=1e-14)


def test_smooth_max_at_t_one_is_logsumexp():
    z = np.random.default_rng(9).normal(size=(3, 4)) * 4
    np.testing.assert_allclose(smooth_max(z, 1.0), logsumexp(z), rtol=1e-15)
    np.testing.assert_allclose(smooth_max(z, 2.0, axis=0), 2 * logsumexp(z / 2, axis=0))


def test_smooth_max_small_t_in_float16_does_not_overflow():
    z = np.array([100.0, 99.0], dtype=np.float16)
    with np.errstate(over="ignore"):
        assert np.isinf(z / np.float16(1e-3)).any()  # the naive t * lse(z / t) would overflow
    out = smooth_max(z, 1e-3)
    assert out.dtype == np.float16 and out == np.float16(100.0)


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_smooth_max_keeps_float_dtypes(dtype):
    assert smooth_max(np.zeros((2, 3), dtype=dtype), 0.5).dtype == dtype
    assert smooth_max([1, 2], 2).dtype == np.float64


def test_smooth_max_edge_cases():
    inf, nan = np.inf, np.nan
    out = smooth_max(np.array([[-inf, -inf], [inf, 0.0], [nan, 1.0], [-inf, 2.0]]), 0.5)
    np.testing.assert_array_equal(out, [-inf, inf, nan, 2.0])
    np.testing.assert_array_equal(smooth_max(np.zeros((2, 0)), 1.0), [-inf, -inf])


@pytest.mark.parametrize("t", [0.0, -1.0, np.inf, -np.inf, np.nan, np.array([1.0, 2.0]), "1"])
def test_smooth_max_rejects_invalid_t(t):
    with pytest.raises(ValueError):
        smooth_max([1.0, 2.0], t)


def test_smooth_max_of_one_value_is_that_value_even_when_t_overflows_the_dtype():
    # 1e300 is inf in float32; t * logsumexp([0]) would be inf * 0 = NaN.
    out = smooth_max(np.array([2.0], dtype=np.float32), 1e300)
    assert out == np.float32(2.0) and out.dtype == np.float32
