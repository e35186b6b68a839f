"""Tests of the reference answers of notebook ``01_logits``.

Oracles: plain NumPy/SciPy formulas on float64 and 50-digit ``mpmath`` values; properties:
predictions are indices of a maximum (lowest on ties), ratios agree with the softmax,
``logits_from_probabilities`` inverts ``softmax`` and has zero mean.
"""

import mpmath
import numpy as np
import pytest
import scipy.special
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from solutions.logits import linear_logits, logits_from_probabilities, predict, probability_ratio

mpmath.mp.dps = 50

FINITE = st.floats(-50, 50, allow_nan=False, allow_infinity=False)


# --- linear_logits ----------------------------------------------------------------------


def test_linear_logits_worked_example():
    X = [[1.0, 0.0, 0.0], [0.0, 1.0, 1.0]]
    W = [[1.0, 0.0, -1.0, 2.0], [0.0, 1.0, 1.0, 0.0], [3.0, -2.0, 0.0, 1.0]]
    b = [0.5, -1.0, 0.0, 2.0]
    np.testing.assert_array_equal(
        linear_logits(X, W, b), [[1.5, -1.0, -1.0, 4.0], [3.5, -2.0, 1.0, 3.0]]
    )


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 6), st.integers(0, 5), st.integers(1, 6), st.integers(0, 2**32 - 1))
def test_linear_logits_is_a_sum_of_products(n, d, k, seed):
    rng = np.random.default_rng(seed)
    X, W, b = rng.normal(size=(n, d)), rng.normal(size=(d, k)), rng.normal(size=k)
    out = linear_logits(X, W, b)
    assert out.shape == (n, k) and out.dtype == np.float64
    # Independent oracle: an explicit sum over the features.
    expected = np.array(
        [[sum(X[i, f] * W[f, c] for f in range(d)) + b[c] for c in range(k)] for i in range(n)]
    ).reshape(n, k)
    np.testing.assert_allclose(out, expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_linear_logits_keeps_float_dtypes(dtype):
    rng = np.random.default_rng(0)
    X, W, b = (rng.normal(size=s).astype(dtype) for s in [(3, 2), (2, 4), (4,)])
    out = linear_logits(X, W, b)
    assert out.dtype == dtype
    exact = X.astype(np.float64) @ W.astype(np.float64) + b.astype(np.float64)
    np.testing.assert_allclose(
        out, exact, rtol=5 * np.finfo(dtype).eps, atol=5 * np.finfo(dtype).eps
    )


def test_linear_logits_promotes_integers_and_accepts_lists():
    out = linear_logits([[1, 2], [3, -1]], [[2, 0, 1], [1, -1, 0]], [1, 0, -2])
    assert out.dtype == np.float64
    np.testing.assert_array_equal(out, [[5.0, -2.0, -1.0], [6.0, 1.0, 1.0]])


def test_linear_logits_single_example_and_unchanged_inputs():
    X, W, b = np.array([1.0, 2.0]), np.eye(2), np.array([0.5, -0.5])
    copies = [a.copy() for a in (X, W, b)]
    np.testing.assert_array_equal(linear_logits(X, W, b), [1.5, 1.5])
    for a, c in zip((X, W, b), copies, strict=True):
        np.testing.assert_array_equal(a, c)


@pytest.mark.parametrize(
    "shapes",
    [
        ((2, 3), (2, 4), (4,)),
        ((2, 3), (3, 4), (3,)),
        ((2, 3), (3, 4), (1,)),
        ((2, 3), (3, 4), (2, 4)),
        ((2, 3), (3,), (1,)),
        ((), (3, 4), (4,)),
    ],
)
def test_linear_logits_rejects_incompatible_shapes(shapes):
    X, W, b = (np.zeros(s) for s in shapes)
    with pytest.raises(ValueError, match="shape"):
        linear_logits(X, W, b)


def test_linear_logits_rejects_non_numbers():
    with pytest.raises(ValueError, match="real numbers"):
        linear_logits(np.array([["a"]]), np.ones((1, 1)), np.ones(1))


# --- predict ----------------------------------------------------------------------------


def test_predict_worked_examples():
    z = [[0.1, 2.0, -1.0, 0.5], [3.0, 3.0, 1.0, 0.0], [-5.0, -2.0, -3.0, -4.0]]
    np.testing.assert_array_equal(predict(z), [1, 0, 1])
    assert predict([1000.0, 1001.0, 999.0]) == 1
    assert predict([-np.inf, -np.inf, -1e308]) == 2


@settings(max_examples=60, deadline=None)
@given(
    arrays(np.int8, array_shapes(min_dims=1, max_dims=3, max_side=5), elements=st.integers(-2, 2))
)
def test_predict_is_the_lowest_index_of_a_maximum(z):
    out = predict(z)
    assert np.asarray(out).dtype.kind == "i" and np.shape(out) == z.shape[:-1]
    for index in np.ndindex(z.shape[:-1]):
        row = z[index]
        winner = int(np.asarray(out)[index])
        assert row[winner] == row.max()
        assert np.all(row[:winner] < row.max())


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64, np.int64])
def test_predict_on_every_dtype_agrees_with_the_softmax(dtype):
    z = np.random.default_rng(3).normal(size=(6, 5)).astype(dtype) * 3
    np.testing.assert_array_equal(predict(z), np.argmax(scipy.special.softmax(z, axis=-1), axis=-1))


def test_predict_empty_batch_and_invalid_inputs():
    assert predict(np.zeros((0, 3))).shape == (0,)
    for bad in (np.zeros((2, 0)), 3.0, np.array(["a", "b"])):
        with pytest.raises(ValueError):
            predict(bad)


# --- probability_ratio ------------------------------------------------------------------


def test_probability_ratio_worked_examples():
    assert probability_ratio([2.0, 1.0, 0.0], 0, 1) == pytest.approx(np.e, rel=1e-15)
    assert probability_ratio([1000.0, 999.0], 0, 1) == pytest.approx(np.e, rel=1e-15)
    assert probability_ratio([0.0, -800.0, -801.0], 1, 2) == pytest.approx(np.e, rel=1e-15)
    assert probability_ratio([0.0, 5.0], 1, 1) == 1.0
    assert probability_ratio([0.0, 5.0], -1, 0) == pytest.approx(np.exp(5.0), rel=1e-15)


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.integers(2, 8), elements=FINITE), st.data())
def test_probability_ratio_is_the_ratio_of_softmax_probabilities(z, data):
    i = data.draw(st.integers(0, z.size - 1))
    j = data.draw(st.integers(0, z.size - 1))
    p = scipy.special.softmax(z)
    ratio = probability_ratio(z, i, j)
    exact = float(mpmath.exp(mpmath.mpf(float(z[i])) - mpmath.mpf(float(z[j]))))
    assert ratio == pytest.approx(exact, rel=2e-14)
    assert ratio == pytest.approx(p[i] / p[j], rel=1e-10)
    assert probability_ratio(z, i, j) * probability_ratio(z, j, i) == pytest.approx(1.0, rel=1e-14)


def test_probability_ratio_dtypes_and_batches():
    z = np.array([1.5, -0.5, 0.25], dtype=np.float32)
    assert probability_ratio(z, 0, 1).dtype == np.float32
    assert probability_ratio(z.astype(np.float16), 0, 1).dtype == np.float16
    assert probability_ratio([3, 1, 2], 0, 1).dtype == np.float64
    batch = np.array([[0.0, 1.0], [2.0, 0.0]])
    np.testing.assert_allclose(probability_ratio(batch, 1, 0), [np.e, np.exp(-2.0)], rtol=1e-15)


def test_probability_ratio_leaves_input_unchanged():
    z = np.array([1.0, 2.0])
    probability_ratio(z, 0, 1)
    np.testing.assert_array_equal(z, [1.0, 2.0])


@pytest.mark.parametrize("i, j", [(3, 0), (0, -4), (1.0, 0), (0, "1"), (True, 0)])
def test_probability_ratio_rejects_invalid_indices(i, j):
    with pytest.raises(ValueError):
        probability_ratio([1.0, 2.0, 3.0], i, j)


def test_probability_ratio_rejects_a_scalar():
    with pytest.raises(ValueError):
        probability_ratio(2.0, 0, 0)


# --- logits_from_probabilities ----------------------------------------------------------


def test_logits_from_probabilities_worked_example():
    ln2 = np.log(2.0)
    np.testing.assert_allclose(
        logits_from_probabilities([0.25, 0.25, 0.5]), [-ln2 / 3, -ln2 / 3, 2 * ln2 / 3], rtol=1e-15
    )
    np.testing.assert_array_equal(logits_from_probabilities([[1 / 3, 1 / 3, 1 / 3]]), [[0, 0, 0]])


@settings(max_examples=60, deadline=None)
@given(
    arrays(np.float64, array_shapes(min_dims=1, max_dims=3, max_side=5), elements=FINITE), st.data()
)
def test_logits_from_probabilities_inverts_softmax_up_to_a_shift(z, data):
    p = scipy.special.softmax(z, axis=-1)
    if np.any(p == 0):  # a probability that underflowed has no finite logit
        return
    out = logits_from_probabilities(p)
    assert out.shape == z.shape
    np.testing.assert_allclose(out.mean(axis=-1), 0.0, atol=1e-12 * (1 + np.abs(z).max()))
    np.testing.assert_allclose(scipy.special.softmax(out, axis=-1), p, rtol=1e-12)
    centred = z - z.mean(axis=-1, keepdims=True)
    np.testing.assert_allclose(out, centred, rtol=1e-9, atol=1e-11 * (1 + np.abs(z).max()))


def test_logits_from_probabilities_matches_mpmath_on_tiny_probabilities():
    p = np.array([1e-300, 1e-20, 0.5, 0.5])
    p[-1] -= p[:-1].sum() - 0.5  # rounds to 0.5 again: the sum is 1 to the last bit
    exact_logs = [mpmath.log(mpmath.mpf(float(v))) for v in p]
    mean = mpmath.fsum(exact_logs) / len(exact_logs)
    expected = [float(v - mean) for v in exact_logs]
    np.testing.assert_allclose(logits_from_probabilities(p), expected, rtol=1e-14)


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_logits_from_probabilities_keeps_float_dtypes(dtype):
    p = np.array([[0.125, 0.375, 0.5], [0.25, 0.25, 0.5]], dtype=dtype)
    out = logits_from_probabilities(p)
    assert out.dtype == dtype
    exact = np.log(p.astype(np.float64))
    exact -= exact.mean(axis=-1, keepdims=True)
    np.testing.assert_allclose(
        out, exact, rtol=4 * np.finfo(dtype).eps, atol=4 * np.finfo(dtype).eps
    )


def test_logits_from_probabilities_tolerates_rounding_and_promotes_integers():
    out = logits_from_probabilities([0.3, 0.6, 0.1])  # sums to 0.9999999999999999
    np.testing.assert_allclose(out[1] - out[0], np.log(2.0), rtol=1e-14)
    p32 = np.random.default_rng(0).dirichlet(np.ones(50), size=4).astype(np.float32)
    assert logits_from_probabilities(p32).dtype == np.float32
    ints = logits_from_probabilities(np.array([[1], [1]]))
    assert ints.dtype == np.float64
    np.testing.assert_array_equal(ints, [[0.0], [0.0]])


def test_logits_from_probabilities_leaves_input_unchanged():
    p = np.array([0.2, 0.8])
    logits_from_probabilities(p)
    np.testing.assert_array_equal(p, [0.2, 0.8])


@pytest.mark.parametrize(
    "p",
    [
        [0.2, 0.3],
        [0.5, 0.5, 0.0],
        [1.5, -0.5],
        [[0.2, 0.3], [0.8, 0.7]],
        [[0.5, 0.5], [0.6, 0.6]],
        [0.5, np.nan, 0.5],
        [np.inf, 0.5],
        [1.0 + 2e-6],
        [],
        0.5,
        ["a"],
    ],
)
def test_logits_from_probabilities_rejects_invalid_probabilities(p):
    with pytest.raises(ValueError):
        logits_from_probabilities(np.array(p))


# --- float16 is computed in float32 and rounded once ------------------------------------------


def test_float16_is_computed_in_float32_and_rounded_once():
    rng = np.random.default_rng(7)
    X = rng.normal(size=(6, 300)).astype(np.float16)
    W = rng.normal(size=(300, 4)).astype(np.float16)
    b = rng.normal(size=4).astype(np.float16)
    exact = X.astype(np.float64) @ W.astype(np.float64) + b.astype(np.float64)
    out = linear_logits(X, W, b)
    assert out.dtype == np.float16
    # One rounding (plus float32 noise) is at most about half an ulp of float16.
    ulp = np.spacing(np.abs(exact).astype(np.float16)).astype(np.float64)
    assert np.all(np.abs(out.astype(np.float64) - exact) <= 0.51 * ulp + 1e-6)

    z = np.array([1000.0, 999.5, -3.25, 7.0], np.float16)
    ratio = probability_ratio(z, 1, 0)
    assert ratio.dtype == np.float16 and ratio == np.float16(np.exp(-0.5))

    p = np.array([0.1, 0.2, 0.3, 0.4], np.float16)
    out = logits_from_probabilities(p)
    log_p = np.log(p.astype(np.float64))
    np.testing.assert_array_equal(out, (log_p - log_p.mean()).astype(np.float16))
