"""The reference answers of ``03_shift_invariance`` keep their contract.

``stable_softmax`` is checked against SciPy and against 50-digit mpmath values on random and
adversarial logits, for its properties (sums to 1, shift invariance) and for every edge rule
of COURSE.md. ``baseline_softmax`` is checked against SciPy's softmax of the logits with the
baseline's 0 appended and against mpmath, for its properties (sums to 1, the sigmoid for
K = 2, log ratios to the baseline) and its edges. ``overflow_threshold`` is checked through
its definition, exactly.
"""

import math
import warnings

import mpmath
import numpy as np
import pytest
import scipy.special
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from solutions.shift_invariance import baseline_softmax, overflow_threshold, stable_softmax
from solutions.softmax import sigmoid

mpmath.mp.dps = 50


def mp_softmax(z):
    """Softmax of a 1-D float array, to 50 digits, from the exact values of its entries."""
    exps = [mpmath.exp(mpmath.mpf(float(x))) for x in z]
    total = mpmath.fsum(exps)
    return np.array([float(e / total) for e in exps])


finite_logits = arrays(
    np.float64,
    array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=5),
    elements=st.floats(-1e4, 1e4, allow_nan=False),
)


# --- stable_softmax -------------------------------------------------------------------------


def test_worked_example_of_the_notebook():
    out = stable_softmax([1000.0, 1001.0, 999.0])
    np.testing.assert_allclose(out, [0.2447, 0.6652, 0.0900], atol=5e-5)
    np.testing.assert_allclose(out, mp_softmax(np.array([1.0, 2.0, 0.0])), rtol=1e-15)


def test_float32_underflow_example_where_the_naive_formula_fails():
    z = np.array([-101.0, -102.0], dtype=np.float32)
    out = stable_softmax(z)
    assert out.dtype == np.float32
    np.testing.assert_allclose(out, [0.731, 0.269], atol=5e-4)
    np.testing.assert_allclose(out, [1 / (1 + math.exp(-1)), 1 / (1 + math.exp(1))], rtol=1e-6)
    with np.errstate(under="ignore"):
        naive = np.exp(z) / np.exp(z).sum()  # the trap the notebook shows
    assert abs(float(naive[0]) - 0.714) < 5e-3


@settings(max_examples=60, deadline=None)
@given(finite_logits, st.integers(0, 2))
def test_slices_sum_to_one_and_probabilities_are_finite(z, axis_choice):
    axis = -1 - (axis_choice % z.ndim)
    p = stable_softmax(z, axis=axis)
    assert p.shape == z.shape and p.dtype == z.dtype
    assert np.all(np.isfinite(p)) and np.all(p >= 0) and np.all(p <= 1)
    np.testing.assert_allclose(p.sum(axis=axis), 1.0, rtol=1e-12)


@settings(max_examples=60, deadline=None)
@given(
    arrays(np.float64, st.integers(1, 8), elements=st.floats(-50, 50)),
    st.floats(-1000, 1000),
)
def test_shift_invariance(z, c):
    np.testing.assert_allclose(stable_softmax(z + c), stable_softmax(z), rtol=1e-9, atol=1e-300)


@settings(max_examples=40, deadline=None)
@given(finite_logits)
def test_agrees_with_scipy(z):
    np.testing.assert_allclose(
        stable_softmax(z), scipy.special.softmax(z, axis=-1), rtol=1e-12, atol=1e-300
    )
    np.testing.assert_allclose(
        stable_softmax(z, axis=0), scipy.special.softmax(z, axis=0), rtol=1e-12, atol=1e-300
    )


@pytest.mark.parametrize(
    "z",
    [
        np.random.default_rng(0).normal(size=7) * 10,
        np.random.default_rng(1).normal(size=12) * 3,
        np.array([1e4, 1e4 - 1, 1e4 - 30, -1e4]),
        np.array([-1e4, -1e4 - 0.5, -1e4 - 700]),
        np.array([0.0, -700.0, -740.0]),
        np.array([5.0, 5.0, 5.0, 5.0 - 1e-12]),
        np.array([1e-300, -1e-300, 0.0]),
    ],
)
def test_agrees_with_mpmath(z):
    np.testing.assert_allclose(stable_softmax(z), mp_softmax(z), rtol=1e-14, atol=1e-320)


def test_float32_accuracy_against_mpmath():
    z = (np.random.default_rng(2).normal(size=20) * 8).astype(np.float32)
    out = stable_softmax(z)
    assert out.dtype == np.float32
    np.testing.assert_allclose(out, mp_softmax(z), rtol=2e-6, atol=1e-44)


def test_finite_for_huge_logits():
    for z in ([1e4, -1e4, 0.0], [1e300, -1e300, 0.0], [1.7e308, -1.7e308, 1e308]):
        out = stable_softmax(np.array(z))
        np.testing.assert_array_equal(out, [1.0, 0.0, 0.0])
    with np.errstate(over="ignore", invalid="ignore"):
        naive = np.exp([1000.0, 1001.0, 1002.0]) / np.exp([1000.0, 1001.0, 1002.0]).sum()
    assert np.isnan(naive).all()  # the overflow trap the exercise is about


def test_float16_beyond_its_overflow_threshold():
    z = np.array([20.0, 10.0, 0.0], dtype=np.float16)
    out = stable_softmax(z)
    assert out.dtype == np.float16
    np.testing.assert_allclose(out, mp_softmax(z), rtol=2e-3, atol=1e-7)


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_float_dtypes_are_kept(dtype):
    assert stable_softmax(np.zeros((2, 3), dtype=dtype)).dtype == dtype


@pytest.mark.parametrize("z", [[1, 2, 3], np.array([[1, 2], [3, 4]], np.int32), [True, False]])
def test_integers_and_booleans_are_promoted_to_float64(z):
    out = stable_softmax(z)
    assert out.dtype == np.float64
    np.testing.assert_allclose(out, scipy.special.softmax(np.asarray(z, float), axis=-1))


def test_input_is_not_modified():
    z = np.array([[3.0, 1.0, -np.inf], [0.0, 0.0, 0.0]])
    before = z.copy()
    stable_softmax(z)
    stable_softmax(z, axis=0)
    np.testing.assert_array_equal(z, before)


def test_neg_inf_entries_get_probability_zero():
    out = stable_softmax([[-np.inf, 0.0, math.log(2.0)], [-np.inf, -np.inf, -np.inf]])
    np.testing.assert_allclose(out, [[0.0, 1 / 3, 2 / 3], [0.0, 0.0, 0.0]], rtol=1e-15)
    assert out[0, 0] == 0.0


def test_nan_makes_its_slice_nan_only():
    out = stable_softmax([[np.nan, 0.0, 1.0], [0.0, 0.0, 0.0]])
    assert np.isnan(out[0]).all()
    np.testing.assert_allclose(out[1], 1 / 3)


def test_pos_inf_makes_its_slice_nan():
    assert np.isnan(stable_softmax([np.inf, 0.0])).all()


def test_empty_axes():
    assert stable_softmax(np.zeros((3, 0))).shape == (3, 0)
    assert stable_softmax(np.zeros((0, 4))).shape == (0, 4)


def test_every_axis_of_a_3d_array():
    z = np.random.default_rng(3).normal(size=(2, 3, 4)) * 5
    for axis in (0, 1, 2, -1, -2, -3):
        np.testing.assert_allclose(
            stable_softmax(z, axis=axis), scipy.special.softmax(z, axis=axis), rtol=1e-13
        )


@pytest.mark.parametrize(
    "z, axis",
    [
        (3.0, -1),
        (np.array([1.0 + 1j, 2.0]), -1),
        (np.zeros((2, 3)), 2),
        (np.zeros((2, 3)), -3),
        (np.zeros((2, 3)), 1.0),
        (np.zeros((2, 3)), True),
        (np.array(["a", "b"]), -1),
    ],
)
def test_invalid_arguments_raise_value_error(z, axis):
    with pytest.raises(ValueError):
        stable_softmax(z, axis=axis)


@pytest.mark.parametrize("shape, axis", [((65520,), -1), ((70000, 2), 0)])
def test_float16_sums_accumulate_in_float32(shape, axis):
    # A float16 sum of 65,520 ones is inf (its largest number is 65504): every probability
    # would be 0. Computed in float32 and rounded once, each is 1 / n.
    out = stable_softmax(np.zeros(shape, np.float16), axis=axis)
    assert out.dtype == np.float16
    assert np.all(out == np.float16(1.0 / shape[0]))


# --- baseline_softmax -----------------------------------------------------------------------


def padded(d, axis=-1):
    """d with the baseline's logit 0 appended along ``axis``: the K logits."""
    d = np.asarray(d)
    shape = list(d.shape)
    shape[axis] = 1
    return np.concatenate([d, np.zeros(shape, d.dtype)], axis=axis)


def test_hand_worked_values():
    # Weights e^{ln 2} : e^{ln 3} : e^0 = 2 : 3 : 1, the baseline last.
    np.testing.assert_allclose(
        baseline_softmax([math.log(2.0), math.log(3.0)]), [2 / 6, 3 / 6, 1 / 6], rtol=1e-15
    )
    np.testing.assert_array_equal(baseline_softmax([0.0]), [0.5, 0.5])
    np.testing.assert_allclose(
        baseline_softmax([[-math.log(2.0), math.log(2.0)]]), [[1 / 7, 4 / 7, 2 / 7]], rtol=1e-15
    )


@settings(max_examples=60, deadline=None)
@given(finite_logits, st.integers(0, 2))
def test_equals_stable_softmax_of_the_padded_logits_and_sums_to_one(d, axis_choice):
    axis = -1 - (axis_choice % d.ndim)
    p = baseline_softmax(d, axis=axis)
    want_shape = list(d.shape)
    want_shape[axis] += 1
    assert p.shape == tuple(want_shape) and p.dtype == d.dtype
    assert np.all(np.isfinite(p)) and np.all(p >= 0) and np.all(p <= 1)
    np.testing.assert_allclose(p.sum(axis=axis), 1.0, rtol=1e-12)
    np.testing.assert_allclose(p, stable_softmax(padded(d, axis), axis=axis), rtol=1e-14, atol=0)


@settings(max_examples=40, deadline=None)
@given(finite_logits)
def test_agrees_with_scipy_on_the_padded_logits(d):
    for axis in (-1, 0):
        np.testing.assert_allclose(
            baseline_softmax(d, axis=axis),
            scipy.special.softmax(padded(d, axis).astype(np.float64), axis=axis),
            rtol=1e-12,
            atol=1e-300,
        )


@pytest.mark.parametrize(
    "d",
    [
        np.array([1000.0, 1001.0]),
        np.array([-1000.0, -1000.0]),
        np.array([1e4, -1e4]),
        np.array([-700.0, -745.0, 0.5]),
        np.array([3.0, -2.5, 0.25, 7.0]),
    ],
)
def test_baseline_agrees_with_mpmath(d):
    np.testing.assert_allclose(baseline_softmax(d), mp_softmax(padded(d)), rtol=1e-14, atol=1e-320)


@settings(max_examples=60, deadline=None)
@given(st.floats(-1e4, 1e4))
def test_two_classes_are_the_sigmoid(x):
    p = baseline_softmax([x])
    np.testing.assert_allclose(p[0], sigmoid(x), rtol=1e-14, atol=1e-300)
    np.testing.assert_allclose(p[1], sigmoid(-x), rtol=1e-14, atol=1e-300)


@settings(max_examples=60, deadline=None)
@given(
    arrays(np.float64, st.integers(1, 6), elements=st.floats(-30, 30)),
    st.floats(-30, 30),
)
def test_log_ratios_to_the_baseline_are_the_logits(d, c):
    # log(p_k / p_baseline) = d_k; adding c to every d_k multiplies each class's weight
    # relative to the baseline by e^c, and leaves the ratios between the classes alone.
    p, q = baseline_softmax(d), baseline_softmax(d + c)
    np.testing.assert_allclose(np.log(p[:-1] / p[-1]), d, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose((q[:-1] / q[-1]) / (p[:-1] / p[-1]), math.exp(c), rtol=1e-11, atol=0)
    np.testing.assert_allclose(q[:-1] / q[:-1].sum(), p[:-1] / p[:-1].sum(), rtol=1e-11)
    # Shift invariance of the K logits: the same as shifting [d, 0] by c.
    np.testing.assert_allclose(q, stable_softmax(padded(d) + np.append(np.full(d.shape, c), 0)))


def test_baseline_along_every_axis_of_a_3d_array():
    d = np.random.default_rng(5).normal(size=(2, 3, 4)) * 5
    for axis in (0, 1, 2, -1, -2, -3):
        out = baseline_softmax(d, axis=axis)
        np.testing.assert_allclose(
            out, scipy.special.softmax(padded(d, axis), axis=axis), rtol=1e-13
        )
        # The baseline's probability is the last entry along `axis`.
        last = np.take(out, -1, axis=axis)
        total = 1 + np.exp(d).sum(axis=axis)
        np.testing.assert_allclose(last, 1 / total, rtol=1e-13)


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
@pytest.mark.parametrize("d", [[1000.0, 1001.0], [-1000.0, -1000.0], [1e4, -1e4]])
def test_stable_without_warnings_in_every_float_dtype(dtype, d):
    z = np.array(d, dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # Underflow to 0 is the right answer (exp(-1001)); overflow and 0/0 must not happen.
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            out = baseline_softmax(z)
    assert out.dtype == dtype
    np.testing.assert_allclose(
        out, mp_softmax(padded(z)), rtol=2e-3 if dtype == np.float16 else 1e-6, atol=1e-7
    )


def test_shifting_by_max_of_d_alone_would_overflow():
    # Why the shift includes the baseline's 0: with m = max(d) = -1000, exp(0 - m) is inf.
    d = np.array([-1000.0, -1000.0])
    m = d.max()
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(padded(d) - m)
        assert np.isnan(e / e.sum()).any()
    np.testing.assert_array_equal(baseline_softmax(d), [0.0, 0.0, 1.0])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_float_accuracy_against_mpmath(dtype):
    d = (np.random.default_rng(6).normal(size=20) * 8).astype(dtype)
    out = baseline_softmax(d)
    assert out.dtype == dtype
    rtol = 2e-6 if dtype == np.float32 else 1e-14
    np.testing.assert_allclose(out, mp_softmax(padded(d)), rtol=rtol, atol=1e-44)


@pytest.mark.parametrize("d", [[1, 2], np.array([[1, 2], [3, 4]], np.int8), [True, False]])
def test_baseline_integers_and_booleans_are_promoted_to_float64(d):
    out = baseline_softmax(d)
    assert out.dtype == np.float64
    want = scipy.special.softmax(padded(np.asarray(d, float)), axis=-1)
    np.testing.assert_allclose(out, want, rtol=1e-14)


def test_float16_is_computed_in_float32_and_rounded_once():
    # 65,519 zeros and the baseline: 65,520 equal logits. A float16 sum of their
    # exponentials is inf (above 65,504); in float32 each probability is 1 / 65520.
    out = baseline_softmax(np.zeros(65_519, np.float16))
    assert out.shape == (65_520,) and out.dtype == np.float16
    assert np.all(out == np.float16(1.0 / 65_520))


def test_baseline_input_is_not_modified():
    d = np.array([[3.0, -np.inf], [0.0, np.nan]])
    before = d.copy()
    baseline_softmax(d)
    baseline_softmax(d, axis=0)
    np.testing.assert_array_equal(d, before)


def test_edges():
    out = baseline_softmax([[0.0, -np.inf, math.log(3.0)], [-np.inf, -np.inf, -np.inf]])
    np.testing.assert_allclose(out, [[0.2, 0.0, 0.6, 0.2], [0.0, 0.0, 0.0, 1.0]], rtol=1e-15)
    assert out[0, 1] == 0.0 and out[1, 3] == 1.0
    out = baseline_softmax([[np.nan, 0.0], [np.inf, 0.0], [-np.inf, np.inf], [0.0, 0.0]])
    assert np.isnan(out[:3]).all()
    np.testing.assert_allclose(out[3], 1 / 3)


@pytest.mark.parametrize(
    "shape, axis, expected",
    [((0,), -1, (1,)), ((3, 0), -1, (3, 1)), ((0, 2), 0, (1, 2)), ((2, 0, 3), 1, (2, 1, 3))],
)
def test_an_empty_axis_leaves_only_the_baseline(shape, axis, expected):
    for dtype in (np.float16, np.float64):
        out = baseline_softmax(np.zeros(shape, dtype), axis=axis)
        assert out.shape == expected and out.dtype == dtype
        np.testing.assert_array_equal(out, 1.0)


def test_an_empty_batch():
    assert baseline_softmax(np.zeros((0, 4))).shape == (0, 5)


@pytest.mark.parametrize(
    "d, axis",
    [
        (3.0, -1),
        (np.array([1.0 + 1j, 2.0]), -1),
        (np.array(["a", "b"]), -1),
        (np.array([{}, None], dtype=object), -1),
        (np.zeros((2, 3)), 2),
        (np.zeros((2, 3)), -3),
        (np.zeros((2, 3)), 1.0),
        (np.zeros((2, 3)), True),
    ],
)
def test_baseline_invalid_arguments_raise_value_error(d, axis):
    with pytest.raises(ValueError):
        baseline_softmax(d, axis=axis)


# --- overflow_threshold ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "dtype, approx",
    [(np.float16, 11.09), (np.float32, 88.72), (np.float64, 709.78), (np.longdouble, None)],
)
def test_threshold_is_the_largest_number_with_finite_exp(dtype, approx):
    x = overflow_threshold(dtype)
    assert isinstance(x, np.floating) and x.dtype == np.dtype(dtype)
    with np.errstate(over="ignore"):
        assert np.isfinite(np.exp(x))
        assert np.isinf(np.exp(np.nextafter(x, dtype(np.inf))))
    if approx is not None:
        assert abs(float(x) - approx) < 0.01


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_threshold_sits_at_the_log_of_the_rounding_boundary(dtype):
    # exp(x) rounds to a finite number iff exp(x) < max + ulp(max) / 2 (round to nearest).
    info = np.finfo(dtype)
    boundary = mpmath.mpf(float(info.max)) * (1 + mpmath.mpf(2) ** -(info.nmant + 1))
    x = overflow_threshold(dtype)
    above = np.nextafter(x, dtype(np.inf))
    assert mpmath.mpf(float(x)) < mpmath.log(boundary) <= mpmath.mpf(float(above))


def test_exact_values():
    assert overflow_threshold(np.float16) == np.float16(11.0859375)
    assert overflow_threshold(np.float32) == np.float32(88.72283172607422)
    assert overflow_threshold(np.float64) == 709.782712893384


def test_rounding_the_float64_logarithm_would_overflow():
    # Why the answer is not simply the logarithm rounded to the dtype.
    for dtype in (np.float16, np.float32):
        rounded = dtype(math.log(float(np.finfo(dtype).max)))
        with np.errstate(over="ignore"):
            assert np.isinf(np.exp(rounded))
        assert overflow_threshold(dtype) < rounded


@pytest.mark.parametrize("spelling", [np.float32, np.dtype(np.float32), "float32", "f4"])
def test_every_spelling_of_a_dtype(spelling):
    assert overflow_threshold(spelling) == overflow_threshold(np.float32)
    assert overflow_threshold(float) == overflow_threshold(np.float64)


@pytest.mark.parametrize(
    "dtype", [np.int64, "int8", np.uint16, np.bool_, np.complex128, object, "not a dtype"]
)
def test_non_float_dtypes_raise_value_error(dtype):
    with pytest.raises(ValueError):
        overflow_threshold(dtype)
