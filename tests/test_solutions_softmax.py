"""Tests of the reference answers of notebook ``02_softmax``: ``softmax``, ``sigmoid`` and
``soft_argmax``.

Oracles: ``scipy.special.softmax`` / ``expit`` and 50-digit ``mpmath`` values; properties:
sums to 1, shift invariance, order preserved, softmax([a, b])[0] == sigmoid(a - b); the soft
argmax lies in [0, K-1], gives (K-1)/2 for equal logits and tends to the argmax index.
"""

import warnings

import mpmath
import numpy as np
import pytest
import scipy.special
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from solutions.softmax import sigmoid, soft_argmax, softmax

mpmath.mp.dps = 50

FINITE = st.floats(-50, 50, allow_nan=False, allow_infinity=False)


def mp_softmax(row):
    """Softmax of a 1-D sequence with 50 significant digits."""
    exps = [mpmath.exp(mpmath.mpf(float(v))) for v in row]
    total = mpmath.fsum(exps)
    return np.array([float(e / total) for e in exps])


def mp_soft_argmax(row):
    """Soft argmax of a 1-D sequence with 50 significant digits."""
    exps = [mpmath.exp(mpmath.mpf(float(v))) for v in row]
    return float(mpmath.fsum(k * e for k, e in enumerate(exps)) / mpmath.fsum(exps))


def mp_sigmoid(x):
    return float(1 / (1 + mpmath.exp(-mpmath.mpf(float(x)))))


# --- softmax ----------------------------------------------------------------------------


def test_worked_examples_of_the_notebook():
    np.testing.assert_allclose(softmax([1.0, 3.0, 2.0]), [0.090, 0.665, 0.245], atol=5e-4)
    np.testing.assert_allclose(softmax([2.0, 1.0, 0.1]), [0.659, 0.242, 0.099], atol=5e-4)
    np.testing.assert_allclose(softmax([1.0, 2.0, 8.0]), [0.001, 0.002, 0.997], atol=5e-4)
    np.testing.assert_array_equal(softmax(np.zeros(4)), np.full(4, 0.25))
    np.testing.assert_allclose(softmax(np.log([1.0, 2.0, 3.0])), [1 / 6, 2 / 6, 3 / 6], rtol=1e-15)


@settings(max_examples=60, deadline=None)
@given(
    arrays(np.float64, array_shapes(min_dims=1, max_dims=3, max_side=5), elements=FINITE), st.data()
)
def test_softmax_properties_on_any_shape_and_axis(z, data):
    axis = data.draw(st.integers(-z.ndim, z.ndim - 1))
    p = softmax(z, axis=axis)
    assert p.shape == z.shape and p.dtype == np.float64
    assert np.all(p > 0) and np.all(p <= 1)
    np.testing.assert_allclose(p.sum(axis=axis), 1.0, rtol=1e-12)
    # Shift invariance: adding a constant per slice changes nothing.
    shift = data.draw(st.floats(-100, 100))
    np.testing.assert_allclose(softmax(z + shift, axis=axis), p, rtol=1e-9, atol=1e-300)
    # Order preserved along the axis (equal logits give equal probabilities).
    order_z = np.argsort(z, axis=axis, kind="stable")
    sorted_p = np.take_along_axis(p, order_z, axis=axis)
    assert np.all(np.diff(sorted_p, axis=axis) >= -1e-15)
    np.testing.assert_allclose(p, scipy.special.softmax(z, axis=axis), rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize("seed", range(5))
def test_softmax_matches_mpmath(seed):
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(4, 6)) * 10 ** rng.uniform(-1, 2.5)
    p = softmax(z)
    expected = np.array([mp_softmax(row) for row in z])
    np.testing.assert_allclose(p, expected, rtol=1e-13, atol=1e-300)


def test_softmax_adversarial_values_match_mpmath():
    for row in ([1000.0, 1001.0, 999.0], [-1000.0, -1001.0, -999.0], [0.0, -740.0], [1e-300, 0.0]):
        np.testing.assert_allclose(softmax(row), mp_softmax(row), rtol=1e-13, atol=1e-320)


def test_softmax_large_logits_are_stable_even_though_not_required():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        p = softmax([1000.0, 1001.0, 999.0])
    np.testing.assert_allclose(p, [0.2447, 0.6652, 0.0900], atol=1e-4)


@pytest.mark.parametrize("axis", [0, 1, 2, -1, -2, -3])
def test_softmax_along_every_axis_of_a_3d_array(axis):
    z = np.random.default_rng(1).normal(size=(2, 3, 4))
    p = softmax(z, axis=axis)
    np.testing.assert_allclose(p.sum(axis=axis), 1.0, rtol=1e-14)
    moved = np.moveaxis(z, axis, -1)
    np.testing.assert_allclose(np.moveaxis(p, axis, -1), softmax(moved), rtol=1e-15)


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_softmax_keeps_float_dtypes(dtype):
    z = np.array([[1.0, 3.0, 2.0], [0.0, -1.0, 0.5]], dtype=dtype)
    p = softmax(z)
    assert p.dtype == dtype
    tol = {np.float16: 1e-3, np.float32: 1e-6, np.float64: 1e-15}[dtype]
    np.testing.assert_allclose(p, scipy.special.softmax(z.astype(np.float64), axis=-1), rtol=tol)


def test_float16_softmax_is_correctly_rounded_on_a_case():
    z = np.array([0.1, 0.2, 0.3, 5.0], dtype=np.float16)
    exact = mp_softmax(z.astype(np.float64))
    np.testing.assert_array_equal(softmax(z), exact.astype(np.float16))


@pytest.mark.parametrize("z", [[1, 3, 2], [[0, 0], [1, -1]], [True, False]])
def test_softmax_promotes_integers_and_accepts_lists(z):
    p = softmax(z)
    assert p.dtype == np.float64
    np.testing.assert_allclose(p, scipy.special.softmax(np.asarray(z, float), axis=-1), rtol=1e-15)


def test_softmax_leaves_its_input_unchanged():
    z = np.array([[3.0, 1.0], [2.0, 5.0]])
    before = z.copy()
    softmax(z)
    softmax(z, axis=0)
    np.testing.assert_array_equal(z, before)


def test_softmax_infinite_and_nan_entries():
    p = softmax([[0.0, -np.inf, 1.0], [-np.inf, 2.0, -np.inf], [1.0, np.nan, 2.0]])
    np.testing.assert_allclose(p[0], [1 / (1 + np.e), 0.0, np.e / (1 + np.e)], rtol=1e-15)
    np.testing.assert_array_equal(p[1], [0.0, 1.0, 0.0])
    assert np.all(np.isnan(p[2]))
    with np.errstate(invalid="ignore"):
        assert np.all(np.isnan(softmax([-np.inf, -np.inf])))
        assert np.all(np.isnan(softmax([np.inf, 0.0])))
        assert np.all(np.isnan(softmax([[np.nan, 0.0], [1.0, 2.0]])[0]))


def test_softmax_empty_inputs():
    assert softmax(np.zeros((0, 3))).shape == (0, 3)
    assert softmax(np.zeros((3, 0))).shape == (3, 0)
    assert softmax([]).shape == (0,)


def test_softmax_single_class_is_certain():
    np.testing.assert_array_equal(softmax(np.array([[3.0], [-7.0]])), [[1.0], [1.0]])


@pytest.mark.parametrize(
    "bad", [{"z": np.zeros((2, 3)), "axis": 2}, {"z": np.zeros(3), "axis": -2}]
)
def test_softmax_rejects_an_axis_out_of_range(bad):
    with pytest.raises(ValueError):
        softmax(bad["z"], axis=bad["axis"])


@pytest.mark.parametrize("z", [np.array(["a", "b"]), np.array([1 + 1j, 0j])])
def test_softmax_rejects_non_real_input(z):
    with pytest.raises(ValueError, match="real"):
        softmax(z)


# --- sigmoid ----------------------------------------------------------------------------


def test_sigmoid_worked_values():
    assert sigmoid(0.0) == 0.5
    np.testing.assert_allclose(sigmoid(np.log([1 / 3, 3.0])), [0.25, 0.75], rtol=1e-15)
    assert np.ndim(sigmoid(1.5)) == 0


@settings(max_examples=80, deadline=None)
@given(st.floats(-745, 745, allow_nan=False))
def test_sigmoid_matches_mpmath_everywhere(x):
    assert sigmoid(x) == pytest.approx(mp_sigmoid(x), rel=4e-16, abs=1e-320)


def test_sigmoid_is_at_least_as_accurate_as_scipy():
    x = np.concatenate([np.linspace(-745, 745, 2001), [-40.0, -37.5, 36.0, 1e-10, -1e-10]])
    exact = np.array([mp_sigmoid(v) for v in x])
    ours = np.abs(sigmoid(x) - exact) / np.maximum(exact, 1e-320)
    scipys = np.abs(scipy.special.expit(x) - exact) / np.maximum(exact, 1e-320)
    assert np.all(ours <= np.maximum(scipys, 2.3e-16))
    assert float(sigmoid(-40.0)) == pytest.approx(4.248354255291589e-18, rel=1e-15)


def test_sigmoid_has_no_floating_point_warnings_and_exact_limits():
    x = np.array([-1e308, -1000.0, -745.2, 745.2, 1000.0, 1e308, -np.inf, np.inf])
    with warnings.catch_warnings(), np.errstate(all="raise", under="ignore"):
        warnings.simplefilter("error")
        s = sigmoid(x)
    np.testing.assert_array_equal(s, [0, 0, 0, 1, 1, 1, 0, 1])
    assert np.isnan(sigmoid(np.nan))


@settings(max_examples=60, deadline=None)
@given(FINITE, FINITE)
def test_sigmoid_is_the_two_class_softmax(a, b):
    assert softmax([a, b])[0] == pytest.approx(sigmoid(a - b), rel=1e-12, abs=1e-300)
    assert sigmoid(a) + sigmoid(-a) == pytest.approx(1.0, rel=1e-15)


def test_sigmoid_is_increasing_and_bounded():
    x = np.linspace(-30, 30, 1001)
    s = sigmoid(x)
    assert np.all(np.diff(s) >= 0) and np.all((s > 0) & (s < 1))


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_sigmoid_keeps_float_dtypes(dtype):
    x = np.array([-100.0, -3.0, 0.0, 2.5, 100.0], dtype=dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = sigmoid(x)
    assert s.dtype == dtype
    # Within one rounding step of the exact value rounded to the dtype.
    expected = scipy.special.expit(x.astype(np.float64)).astype(dtype)
    np.testing.assert_allclose(s, expected, rtol=float(np.finfo(dtype).eps), atol=0)


def test_sigmoid_promotes_integers_accepts_lists_and_keeps_shapes():
    s = sigmoid([[-2, 0], [3, 800]])
    assert s.dtype == np.float64 and s.shape == (2, 2)
    np.testing.assert_allclose(s, scipy.special.expit(np.array([[-2.0, 0], [3, 800]])), rtol=1e-15)
    assert sigmoid(np.zeros((0, 2))).shape == (0, 2)


def test_sigmoid_leaves_its_input_unchanged():
    x = np.array([-5.0, 0.0, 5.0])
    sigmoid(x)
    np.testing.assert_array_equal(x, [-5.0, 0.0, 5.0])


def test_sigmoid_rejects_non_real_input():
    with pytest.raises(ValueError, match="real"):
        sigmoid(np.array(["x"]))


# --- soft_argmax ------------------------------------------------------------------------


def test_soft_argmax_hand_worked_values():
    assert soft_argmax([0.0, 0.0, 0.0, 0.0]) == 1.5
    assert soft_argmax([0.0, np.log(3.0)]) == pytest.approx(0.75, rel=1e-15)
    # Logits ln a give probabilities a / sum(a): rows 1,2,3 -> 8/6; 1,1,1 -> 1; 4,1,1 -> 3/6.
    z = np.log([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0], [4.0, 1.0, 1.0]])
    np.testing.assert_allclose(soft_argmax(z), [4 / 3, 1.0, 0.5], rtol=1e-15)
    np.testing.assert_allclose(soft_argmax(z.T, axis=0), [4 / 3, 1.0, 0.5], rtol=1e-15)
    assert soft_argmax([3.0, 0.0, 0.0, 0.0, 3.0]) == pytest.approx(2.0, rel=1e-15)


@pytest.mark.parametrize("k", [1, 2, 5, 10, 101])
def test_equal_logits_give_the_middle_position(k):
    assert soft_argmax(np.full(k, -3.7)) == pytest.approx((k - 1) / 2, rel=1e-14, abs=0)


def test_scaling_the_logits_up_approaches_the_argmax_index():
    scores = np.array([1.0, 2.5, 0.5, 2.0, -1.0])
    gaps = [abs(soft_argmax(c * scores) - 1.0) for c in (1.0, 3.0, 10.0, 30.0, 100.0)]
    assert all(b < a for a, b in zip(gaps, gaps[1:], strict=False))
    assert gaps[-1] < 1e-15
    rng = np.random.default_rng(7)
    z = rng.normal(size=(20, 6))
    np.testing.assert_allclose(soft_argmax(1e4 * z), np.argmax(z, axis=-1), rtol=0, atol=1e-100)


@pytest.mark.parametrize("i", [0, 3, 6])
def test_a_dominant_class_gives_its_index(i):
    z = np.zeros(7)
    z[i] = 40.0
    assert soft_argmax(z) == pytest.approx(i, abs=1e-15)


@settings(max_examples=60, deadline=None)
@given(
    arrays(np.float64, array_shapes(min_dims=1, max_dims=3, max_side=5), elements=FINITE), st.data()
)
def test_soft_argmax_properties_on_any_shape_and_axis(z, data):
    axis = data.draw(st.integers(-z.ndim, z.ndim - 1))
    k = z.shape[axis]
    out = soft_argmax(z, axis=axis)
    assert np.shape(out) == np.delete(z, 0, axis=axis).sum(axis=axis).shape
    assert np.asarray(out).dtype == np.float64
    assert np.all(out >= 0) and np.all(out <= k - 1)
    # Shift invariance: the same constant added to every logit changes nothing.
    shift = data.draw(st.floats(-100, 100))
    np.testing.assert_allclose(soft_argmax(z + shift, axis=axis), out, rtol=1e-9, atol=1e-9)
    # The definition, with SciPy's softmax: positions 0..K-1 weighted by the probabilities.
    p = np.moveaxis(scipy.special.softmax(z, axis=axis), axis, -1)
    np.testing.assert_allclose(out, p @ np.arange(k), rtol=1e-12, atol=1e-12)
    # Reversing the classes mirrors the result: k -> K-1-k.
    mirrored = soft_argmax(np.flip(z, axis=axis), axis=axis)
    np.testing.assert_allclose(mirrored, (k - 1) - out, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_soft_argmax_matches_mpmath(seed):
    rng = np.random.default_rng(100 + seed)
    z = rng.normal(size=(4, 7)) * 10 ** rng.uniform(-1, 2.5)
    expected = np.array([mp_soft_argmax(row) for row in z])
    np.testing.assert_allclose(soft_argmax(z), expected, rtol=1e-13, atol=1e-300)


def test_soft_argmax_of_extreme_logits_matches_mpmath_without_warnings():
    rows = [
        [1000.0, 1001.0, 999.0],
        [-1000.0, -1001.0, -999.0],
        [1e300, -1e300, 0.0],
        [0.0, -740.0, -745.0],
        [1e4, 1e4 + 1.0, 1e4 - 30.0],
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = soft_argmax(np.array(rows))
    np.testing.assert_allclose(out, [mp_soft_argmax(row) for row in rows], rtol=1e-13, atol=1e-300)
    # One row near +1000 and one near -1000 in the same batch: each slice has its own shift.
    batch = np.array([[1000.0, 1001.0, 999.0], [-1000.0, -999.0, -1001.0]])
    np.testing.assert_allclose(soft_argmax(batch), [mp_soft_argmax(r) for r in batch], rtol=1e-13)


@pytest.mark.parametrize("axis", [0, 1, 2, -1, -2, -3])
def test_soft_argmax_along_every_axis_of_a_3d_array(axis):
    z = np.random.default_rng(3).normal(size=(2, 3, 4)) * 2
    out = soft_argmax(z, axis=axis)
    moved = np.moveaxis(z, axis, -1)
    assert out.shape == moved.shape[:-1]
    expected = np.array([mp_soft_argmax(row) for row in moved.reshape(-1, moved.shape[-1])])
    np.testing.assert_allclose(out, expected.reshape(out.shape), rtol=1e-13)


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_soft_argmax_keeps_float_dtypes(dtype):
    z = np.array([[1.0, 3.0, 2.0, -1.0], [0.0, -1.0, 0.5, 0.25], [10.0, 12.0, 11.0, 9.0]])
    out = soft_argmax(z.astype(dtype))
    assert out.dtype == dtype
    exact = np.array([mp_soft_argmax(row) for row in z.astype(dtype)])
    # Within a rounding step or two of the exact value (float16 computed in float32 inside;
    # its logits 10..12 would overflow exp in float16 without the shift).
    np.testing.assert_allclose(out, exact, rtol=2 * float(np.finfo(dtype).eps), atol=0)
    assert soft_argmax(z[0].astype(dtype)).dtype == dtype


@pytest.mark.parametrize("z", [[1, 3, 2], [[0, 0], [1, -1]], [True, False, True], (2, 2)])
def test_soft_argmax_promotes_integers_and_accepts_lists(z):
    out = soft_argmax(z)
    assert np.asarray(out).dtype == np.float64
    np.testing.assert_allclose(out, soft_argmax(np.asarray(z, dtype=float)), rtol=1e-15)


def test_soft_argmax_of_a_1d_input_is_a_scalar():
    out = soft_argmax([1.0, 2.0, 0.5])
    assert isinstance(out, np.float64) and np.ndim(out) == 0


def test_soft_argmax_leaves_its_input_unchanged():
    z = np.array([[3.0, 1.0, 7.0], [2.0, 5.0, -1.0]])
    before = z.copy()
    soft_argmax(z)
    soft_argmax(z, axis=0)
    np.testing.assert_array_equal(z, before)


def test_soft_argmax_single_class_and_empty_batch():
    np.testing.assert_array_equal(soft_argmax(np.array([[3.0], [-7.0]])), [0.0, 0.0])
    # An empty batch of 3-class rows is fine (no rows, no results); an empty class axis is not.
    out = soft_argmax(np.zeros((0, 3)))
    assert out.shape == (0,) and out.dtype == np.float64
    assert soft_argmax(np.zeros((2, 0, 3)), axis=-1).shape == (2, 0)


def test_soft_argmax_infinite_and_nan_entries():
    # A -inf logit is a class with probability 0: it neither counts nor shifts the others.
    z = np.array([[0.0, -np.inf, np.log(3.0)], [-np.inf, 0.0, -np.inf], [1.0, np.nan, 2.0]])
    out = soft_argmax(z)
    np.testing.assert_allclose(out[:2], [1.5, 1.0], rtol=1e-15)
    assert np.isnan(out[2])
    # Slices without a distribution give NaN, quietly (no floating-point warning).
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        assert np.isnan(soft_argmax([-np.inf, -np.inf]))
        assert np.isnan(soft_argmax([np.inf, 1000.0]))
        assert np.isnan(soft_argmax(np.array([np.nan, 0.0], dtype=np.float32)))


@pytest.mark.parametrize(
    ("z", "axis"),
    [
        ([], -1),
        (np.zeros((2, 0)), -1),
        (np.zeros((0, 3)), 0),
        (np.zeros((2, 3)), 2),
        (np.zeros(3), -2),
        (5.0, -1),
        (np.zeros(3), 0.5),
    ],
)
def test_soft_argmax_rejects_an_empty_or_invalid_axis(z, axis):
    with pytest.raises(ValueError, match="axis"):
        soft_argmax(z, axis=axis)


@pytest.mark.parametrize("z", [np.array(["a", "b"]), np.array([1 + 1j, 0j])])
def test_soft_argmax_rejects_non_real_input(z):
    with pytest.raises(ValueError, match="real"):
        soft_argmax(z)


# --- arguments and float16 ------------------------------------------------------------------


@pytest.mark.parametrize("axis", [1.0, True, "0", None])
def test_softmax_rejects_a_non_integer_axis(axis):
    with pytest.raises(ValueError):
        softmax([[1.0, 2.0]], axis=axis)


def test_float16_softmax_and_sigmoid_round_once():
    n = 70000  # a float16 sum of n ones is inf
    assert np.all(softmax(np.zeros(n, np.float16)) == np.float16(1 / n))
    assert np.all(softmax(np.zeros((n, 2), np.float16), axis=0) == np.float16(1 / n))
    x = np.linspace(-12, 12, 2001).astype(np.float16)
    exact = 1 / (1 + np.exp(-x.astype(np.float64)))
    out = sigmoid(x)
    assert out.dtype == np.float16
    np.testing.assert_array_equal(out, exact.astype(np.float16))
