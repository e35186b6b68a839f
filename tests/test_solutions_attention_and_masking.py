"""Tests of the reference answers of ``07_attention_and_masking``.

Oracles: a high-precision attention and masked softmax written with ``mpmath`` (50 digits),
``scipy.special.softmax`` where the mask allows everything, and a plain float64 loop over
queries. Properties: weights are a distribution over the allowed keys (or all zero), masked
weights are exactly 0, the output is a convex combination of the value rows, causal outputs
do not depend on the future, padded keys do not matter, the scores are scaled by 1/√d_k,
the online softmax equals the stable softmax for every block size, and tiled attention
equals full attention without ever holding the full score matrix.
"""

import contextlib
import math
import tracemalloc
import warnings

import mpmath
import numpy as np
import pytest
import scipy.special
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from solutions.attention_and_masking import (
    causal_mask,
    masked_softmax,
    online_softmax,
    padding_mask,
    scaled_dot_product_attention,
    tiled_attention,
)

mpmath.mp.dps = 50
SETTINGS = settings(max_examples=40, deadline=None)
FLOATS = st.floats(-50, 50, allow_nan=False, allow_infinity=False, width=64)


# --------------------------------------------------------------------------------------
# Oracles
# --------------------------------------------------------------------------------------


def mp_masked_softmax_row(scores, allowed):
    """Softmax of one row over its allowed entries, with 50 significant digits."""
    keep = [j for j, ok in enumerate(allowed) if ok and scores[j] != -np.inf]
    out = [mpmath.mpf(0)] * len(scores)
    if not keep:
        return out
    top = max(mpmath.mpf(float(scores[j])) for j in keep)
    exps = {j: mpmath.exp(mpmath.mpf(float(scores[j])) - top) for j in keep}
    total = mpmath.fsum(exps.values())
    for j in keep:
        out[j] = exps[j] / total
    return out


def mp_masked_softmax(scores, mask, axis=-1):
    scores = np.asarray(scores, dtype=np.float64)
    allowed = np.broadcast_to(mask, scores.shape)
    s, a = np.moveaxis(scores, axis, -1), np.moveaxis(allowed, axis, -1)
    out = np.zeros(s.shape)
    for index in np.ndindex(*s.shape[:-1]):
        out[index] = [float(x) for x in mp_masked_softmax_row(s[index], a[index])]
    return np.moveaxis(out, -1, axis)


def mp_attention(Q, K, V, mask=None):
    """Attention with the scores, the softmax and the weighted sum in 50-digit arithmetic."""
    Q, K, V = (np.asarray(a, dtype=np.float64) for a in (Q, K, V))
    batch = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    n_q, n_k, d_k, d_v = Q.shape[-2], K.shape[-2], Q.shape[-1], V.shape[-1]
    Q, K, V = (np.broadcast_to(a, batch + a.shape[-2:]) for a in (Q, K, V))
    allowed = (
        np.ones(batch + (n_q, n_k), bool)
        if mask is None
        else np.broadcast_to(mask, batch + (n_q, n_k))
    )
    root = mpmath.sqrt(d_k)
    out, weights = np.zeros(batch + (n_q, d_v)), np.zeros(batch + (n_q, n_k))
    for b in np.ndindex(*batch):
        for i in range(n_q):
            scores = [
                mpmath.fsum(
                    mpmath.mpf(float(Q[b][i, t])) * mpmath.mpf(float(K[b][j, t]))
                    for t in range(d_k)
                )
                / root
                for j in range(n_k)
            ]
            keep = [j for j in range(n_k) if allowed[b][i, j]]
            w = [mpmath.mpf(0)] * n_k
            if keep:
                top = max(scores[j] for j in keep)
                total = mpmath.fsum(mpmath.exp(scores[j] - top) for j in keep)
                for j in keep:
                    w[j] = mpmath.exp(scores[j] - top) / total
            weights[b][i] = [float(x) for x in w]
            out[b][i] = [
                float(mpmath.fsum(w[j] * mpmath.mpf(float(V[b][j, c])) for j in range(n_k)))
                for c in range(d_v)
            ]
    return out, weights


def random_mask(rng, shape, p=0.6):
    """A random mask whose first row is fully masked (when there are rows to spare)."""
    mask = rng.random(shape) < p
    if shape[-2] > 1:
        mask[..., 0, :] = False
    return mask


@contextlib.contextmanager
def no_warnings():
    """A context in which any warning (overflow, invalid value) fails the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


# --------------------------------------------------------------------------------------
# scaled_dot_product_attention
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "batch, n_q, n_k, d_k, d_v",
    [((), 3, 5, 4, 2), ((), 1, 1, 1, 1), ((2,), 4, 3, 2, 3), ((2, 2), 2, 4, 3, 2)],
)
@pytest.mark.parametrize("masked", [False, True])
def test_attention_matches_high_precision_oracle(batch, n_q, n_k, d_k, d_v, masked):
    rng = np.random.default_rng(n_q * 10 + n_k)
    Q, K = rng.normal(size=batch + (n_q, d_k)) * 2, rng.normal(size=batch + (n_k, d_k)) * 2
    V = rng.normal(size=batch + (n_k, d_v))
    mask = random_mask(rng, batch + (n_q, n_k)) if masked else None
    out, weights = scaled_dot_product_attention(Q, K, V, mask)
    expected_out, expected_weights = mp_attention(Q, K, V, mask)
    np.testing.assert_allclose(weights, expected_weights, rtol=1e-13, atol=1e-300)
    np.testing.assert_allclose(out, expected_out, rtol=1e-12, atol=1e-14)


def test_attention_with_extreme_scores_matches_oracle():
    rng = np.random.default_rng(1)
    Q, K, V = rng.normal(size=(3, 4)) * 100, rng.normal(size=(5, 4)) * 100, rng.normal(size=(5, 2))
    mask = random_mask(rng, (3, 5), p=0.8)
    with no_warnings():
        out, weights = scaled_dot_product_attention(Q, K, V, mask)
    assert np.abs(Q @ K.T).max() / 2 > 1e4  # really extreme
    expected_out, expected_weights = mp_attention(Q, K, V, mask)
    # Scores of ~1e4 carry float64 rounding of ~1e-12 into the exponent.
    np.testing.assert_allclose(weights, expected_weights, rtol=1e-9, atol=1e-300)
    np.testing.assert_allclose(out, expected_out, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("d_k", [1, 4, 16, 64])
def test_attention_divides_scores_by_sqrt_dk(d_k):
    """The log ratio of two weights is the difference of Q·K / √d_k, for every d_k."""
    rng = np.random.default_rng(d_k)
    Q, K = rng.normal(size=(3, d_k)), rng.normal(size=(4, d_k))
    _, weights = scaled_dot_product_attention(Q, K, np.eye(4))
    scores = Q @ K.T / math.sqrt(d_k)
    np.testing.assert_allclose(
        np.log(weights[:, 1:] / weights[:, :1]),
        scores[:, 1:] - scores[:, :1],
        rtol=1e-10,
        atol=1e-12,
    )


@pytest.mark.parametrize("d_k", [16, 256])
def test_scaled_scores_of_random_vectors_have_unit_variance(d_k):
    """Why √d_k: scores read back from the weights have variance ≈ 1 whatever d_k is."""
    rng = np.random.default_rng(0)
    Q, K = rng.normal(size=(64, d_k)), rng.normal(size=(64, d_k))
    _, weights = scaled_dot_product_attention(Q, K, np.eye(64))
    log_w = np.log(weights)
    scores = log_w - log_w.mean(axis=-1, keepdims=True)  # a row's scores, up to a shift
    assert 0.9 < scores.std() < 1.1


def test_attention_hand_worked_case():
    Q = [[2 * math.log(3.0), 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]]
    K = [[1.0, 0, 0, 0], [0, 0, 0, 0], [0, 1.0, 0, 0]]
    V = [[5.0, 0.0], [0.0, 5.0], [-5.0, -5.0]]
    out, weights = scaled_dot_product_attention(Q, K, V)
    np.testing.assert_allclose(weights, [[0.6, 0.2, 0.2], [1 / 3, 1 / 3, 1 / 3]], rtol=1e-14)
    np.testing.assert_allclose(out, [[2.0, 0.0], [0.0, 0.0]], atol=1e-14)


@SETTINGS
@given(st.data())
def test_attention_properties(data):
    n_q, n_k, d_k, d_v = (data.draw(st.integers(1, 5)) for _ in range(4))
    Q = data.draw(arrays(np.float64, (n_q, d_k), elements=FLOATS))
    K = data.draw(arrays(np.float64, (n_k, d_k), elements=FLOATS))
    V = data.draw(arrays(np.float64, (n_k, d_v), elements=FLOATS))
    mask = data.draw(arrays(np.bool_, (n_q, n_k)))
    with no_warnings():
        out, weights = scaled_dot_product_attention(Q, K, V, mask)
    assert out.shape == (n_q, d_v) and weights.shape == (n_q, n_k)
    assert np.all(weights[~mask] == 0.0)  # exactly 0, not tiny
    assert np.all((weights >= 0) & (weights <= 1))
    sums = weights.sum(axis=-1)
    has_key = mask.any(axis=-1)
    np.testing.assert_allclose(sums[has_key], 1.0, rtol=1e-12)
    assert np.all(sums[~has_key] == 0.0) and np.all(out[~has_key] == 0.0)
    np.testing.assert_allclose(out, weights @ V, rtol=1e-12, atol=1e-12)
    # A convex combination of the allowed value rows stays within their range.
    for i in np.flatnonzero(has_key):
        rows = V[mask[i]]
        assert np.all(out[i] >= rows.min(axis=0) - 1e-9) and np.all(
            out[i] <= rows.max(axis=0) + 1e-9
        )


def test_causal_output_does_not_depend_on_future_keys():
    rng = np.random.default_rng(2)
    n = 6
    Q, K, V = rng.normal(size=(n, 3)), rng.normal(size=(n, 3)), rng.normal(size=(n, 2))
    out, weights = scaled_dot_product_attention(Q, K, V, causal_mask(n))
    for i in range(n):
        K2, V2 = K.copy(), V.copy()
        K2[i + 1 :] = rng.normal(size=K2[i + 1 :].shape) * 10  # rewrite the future
        V2[i + 1 :] = rng.normal(size=V2[i + 1 :].shape) * 10
        out2, _ = scaled_dot_product_attention(Q, K2, V2, causal_mask(n))
        np.testing.assert_array_equal(out2[: i + 1], out[: i + 1])
    assert np.all(np.triu(weights, k=1) == 0.0)
    assert weights[0, 0] == 1.0  # the first position only sees itself


def test_padded_keys_do_not_matter():
    rng = np.random.default_rng(3)
    lengths, n = np.array([4, 2, 6]), 6
    Q, K, V = rng.normal(size=(3, 5, 4)), rng.normal(size=(3, n, 4)), rng.normal(size=(3, n, 2))
    key_mask = padding_mask(lengths, n)[:, None, :]  # (B, 1, n): broadcast over queries
    out, weights = scaled_dot_product_attention(Q, K, V, key_mask)
    for b, length in enumerate(lengths):
        alone, _ = scaled_dot_product_attention(Q[b], K[b, :length], V[b, :length])
        np.testing.assert_allclose(out[b], alone, rtol=1e-13, atol=1e-15)
        assert np.all(weights[b, :, length:] == 0.0)
    # The broadcast mask gives the same as the explicit full-shape one.
    full = np.broadcast_to(key_mask, (3, 5, n)).copy()
    np.testing.assert_array_equal(scaled_dot_product_attention(Q, K, V, full)[0], out)


def test_fully_masked_queries_get_zero_without_nan_or_warning():
    Q, K, V = np.ones((2, 3)), np.ones((4, 3)), np.arange(8.0).reshape(4, 2)
    mask = np.array([[False] * 4, [True, False, False, False]])
    with no_warnings():
        out, weights = scaled_dot_product_attention(Q, K, V, mask)
    np.testing.assert_array_equal(weights, [[0, 0, 0, 0], [1, 0, 0, 0]])
    np.testing.assert_array_equal(out, [[0, 0], [0, 1]])


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_attention_keeps_float_dtypes(dtype):
    rng = np.random.default_rng(4)
    Q, K, V = rng.normal(size=(3, 4)), rng.normal(size=(5, 4)), rng.normal(size=(5, 2))
    mask = random_mask(rng, (3, 5))
    out, weights = scaled_dot_product_attention(
        Q.astype(dtype), K.astype(dtype), V.astype(dtype), mask
    )
    assert out.dtype == dtype and weights.dtype == dtype
    exact_out, exact_weights = scaled_dot_product_attention(
        Q.astype(dtype).astype(np.float64),
        K.astype(dtype).astype(np.float64),
        V.astype(dtype).astype(np.float64),
        mask,
    )
    tol = np.finfo(dtype).eps * 8
    np.testing.assert_allclose(weights, exact_weights, rtol=tol, atol=tol)
    np.testing.assert_allclose(out, exact_out, rtol=tol, atol=tol * 4)


def test_attention_promotes_integers_and_accepts_lists():
    out, weights = scaled_dot_product_attention([[1, 0]], [[1, 0], [0, 1]], [[2, 0], [0, 2]])
    assert out.dtype == np.float64 and weights.dtype == np.float64
    p = 1 / (1 + math.exp(-1 / math.sqrt(2)))
    np.testing.assert_allclose(weights, [[p, 1 - p]], rtol=1e-15)


def test_attention_leaves_inputs_unchanged():
    rng = np.random.default_rng(5)
    arrays_in = [
        rng.normal(size=(2, 3)),
        rng.normal(size=(4, 3)),
        rng.normal(size=(4, 2)),
        random_mask(rng, (2, 4)),
    ]
    copies = [a.copy() for a in arrays_in]
    scaled_dot_product_attention(*arrays_in)
    for before, after in zip(copies, arrays_in, strict=True):
        np.testing.assert_array_equal(before, after)


def test_attention_empty_sizes():
    out, weights = scaled_dot_product_attention(np.ones((0, 3)), np.ones((4, 3)), np.ones((4, 2)))
    assert out.shape == (0, 2) and weights.shape == (0, 4)
    with no_warnings():
        out, weights = scaled_dot_product_attention(
            np.ones((2, 3)), np.ones((0, 3)), np.ones((0, 2))
        )
    np.testing.assert_array_equal(out, np.zeros((2, 2)))  # no key at all: zero output
    assert weights.shape == (2, 0)


@pytest.mark.parametrize(
    "Q, K, V, mask",
    [
        (np.ones((2, 3)), np.ones((4, 3)), np.ones((4, 2)), np.ones((2, 4))),  # float mask
        (np.ones((2, 3)), np.ones((4, 3)), np.ones((4, 2)), np.ones((2, 4), dtype=int)),
        (np.ones((2, 3)), np.ones((4, 3)), np.ones((4, 2)), np.ones((3, 4), dtype=bool)),
        (np.ones((2, 3)), np.ones((4, 3)), np.ones((4, 2)), np.ones((5, 2, 4), dtype=bool)),
        (np.ones((2, 3)), np.ones((4, 5)), np.ones((4, 2)), None),  # d_k differs
        (np.ones((2, 3)), np.ones((4, 3)), np.ones((3, 2)), None),  # n_k differs
        (np.ones(3), np.ones((4, 3)), np.ones((4, 2)), None),  # Q is 1-D
        (np.ones((2, 0)), np.ones((4, 0)), np.ones((4, 2)), None),  # d_k = 0
        (np.ones((2, 2, 3)), np.ones((3, 4, 3)), np.ones((4, 2)), None),  # batches differ
        (np.ones((2, 3), dtype=complex), np.ones((4, 3)), np.ones((4, 2)), None),
    ],
)
def test_attention_rejects_invalid_arguments(Q, K, V, mask):
    with pytest.raises(ValueError):
        scaled_dot_product_attention(Q, K, V, mask)


# --------------------------------------------------------------------------------------
# causal_mask and padding_mask
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [0, 1, 2, 5, 9])
def test_causal_mask(n):
    mask = causal_mask(n)
    assert mask.dtype == np.bool_ and mask.shape == (n, n)
    for i in range(n):
        for j in range(n):
            assert mask[i, j] == (j <= i)
    np.testing.assert_array_equal(mask.sum(axis=1), np.arange(1, n + 1))


def test_causal_mask_accepts_numpy_integers():
    np.testing.assert_array_equal(causal_mask(np.int64(3)), causal_mask(3))


@pytest.mark.parametrize("n", [-1, 2.5, True, "3", None])
def test_causal_mask_rejects_invalid_n(n):
    with pytest.raises(ValueError):
        causal_mask(n)


def test_padding_mask():
    mask = padding_mask([2, 0, 4], 4)
    assert mask.dtype == np.bool_
    np.testing.assert_array_equal(mask, [[True, True, False, False], [False] * 4, [True] * 4])


@SETTINGS
@given(st.integers(0, 12), st.data())
def test_padding_mask_counts_and_prefixes(n, data):
    lengths = data.draw(st.lists(st.integers(0, n), max_size=6))
    mask = padding_mask(np.array(lengths, dtype=np.int64), n)
    assert mask.shape == (len(lengths), n) and mask.dtype == np.bool_
    np.testing.assert_array_equal(mask.sum(axis=1), lengths)
    # Real tokens first, then padding: each row is non-increasing.
    assert np.all(mask[:, 1:] <= mask[:, :-1])


@pytest.mark.parametrize("lengths", [(1, 3), [1, 3], np.array([1, 3], dtype=np.int32)])
def test_padding_mask_accepts_array_likes(lengths):
    np.testing.assert_array_equal(
        padding_mask(lengths, 3), [[True, False, False], [True, True, True]]
    )


def test_padding_mask_empty_batch_and_width():
    assert padding_mask([], 3).shape == (0, 3)
    assert padding_mask(np.array([0, 0]), 0).shape == (2, 0)


@pytest.mark.parametrize(
    "lengths, n",
    [([5], 4), ([-1, 2], 4), ([[1, 2]], 4), ([1.5], 4), ([1], -1), ([1], 2.0), ([True], 2)],
)
def test_padding_mask_rejects_invalid_arguments(lengths, n):
    with pytest.raises(ValueError):
        padding_mask(lengths, n)


# --------------------------------------------------------------------------------------
# masked_softmax
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("shape, axis", [((6,), -1), ((3, 5), -1), ((3, 5), 0), ((2, 3, 4), 1)])
def test_masked_softmax_matches_high_precision_oracle(shape, axis):
    rng = np.random.default_rng(len(shape) + axis)
    scores = rng.normal(size=shape) * 5
    mask = rng.random(shape) < 0.6
    np.testing.assert_allclose(
        masked_softmax(scores, mask, axis=axis),
        mp_masked_softmax(scores, mask, axis),
        rtol=1e-14,
        atol=1e-300,
    )


@SETTINGS
@given(st.data())
def test_masked_softmax_properties(data):
    shape = data.draw(array_shapes(min_dims=1, max_dims=3, max_side=5))
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    scores = data.draw(arrays(np.float64, shape, elements=st.floats(-1e4, 1e4, width=64)))
    mask = data.draw(arrays(np.bool_, shape))
    with no_warnings():
        p = masked_softmax(scores, mask, axis=axis)
    assert p.shape == scores.shape and p.dtype == np.float64
    assert np.all(p[~mask] == 0.0)
    assert np.all((p >= 0) & (p <= 1))
    sums = p.sum(axis=axis)
    has_allowed = mask.any(axis=axis)
    np.testing.assert_allclose(sums[has_allowed], 1.0, rtol=1e-12)
    assert np.all(sums[~has_allowed] == 0.0)
    # Shift invariance: adding a constant to every score changes nothing.
    np.testing.assert_allclose(
        masked_softmax(scores + 123.0, mask, axis=axis), p, rtol=1e-9, atol=1e-300
    )


@SETTINGS
@given(arrays(np.float64, st.integers(1, 8), elements=FLOATS), st.data())
def test_masked_softmax_is_scipy_softmax_of_the_allowed_entries(scores, data):
    mask = data.draw(arrays(np.bool_, scores.shape))
    p = masked_softmax(scores, mask)
    if mask.any():
        np.testing.assert_allclose(p[mask], scipy.special.softmax(scores[mask]), rtol=1e-13)
    np.testing.assert_allclose(
        masked_softmax(scores, np.ones_like(mask)), scipy.special.softmax(scores), rtol=1e-13
    )


def test_masked_softmax_hand_worked_and_fully_masked_rows():
    scores = np.log([[1.0, 2.0, 3.0, 4.0], [1.0, 1.0, 1.0, 1.0]])
    mask = np.array([[True, True, True, False], [False] * 4])
    with no_warnings():
        p = masked_softmax(scores, mask)
    np.testing.assert_allclose(p, [[1 / 6, 2 / 6, 3 / 6, 0], [0, 0, 0, 0]], rtol=1e-15)


def test_masked_softmax_masked_scores_cannot_win():
    """A masked score far above the rest, or allowed scores below -1e9, change nothing."""
    p = masked_softmax([0.0, 1000.0, math.log(3.0)], [True, False, True])
    np.testing.assert_allclose(p, [0.25, 0.0, 0.75], rtol=1e-15)
    p = masked_softmax([-3e9, -3e9 + math.log(3.0), 5.0], [True, True, False])
    np.testing.assert_allclose(p, [0.25, 0.75, 0.0], rtol=1e-6)


def test_masked_softmax_minus_inf_and_nan():
    with no_warnings():
        p = masked_softmax(
            [[-np.inf, 0.0, math.log(3.0)], [-np.inf, -np.inf, 2.0]],
            [[True] * 3, [True, True, False]],
        )
    np.testing.assert_allclose(p, [[0.0, 0.25, 0.75], [0.0, 0.0, 0.0]], rtol=1e-15)
    p = masked_softmax([[np.nan, 1.0], [np.nan, 1.0]], [[True, True], [False, True]])
    assert np.isnan(p[0]).all()  # NaN in an allowed entry propagates to its row
    np.testing.assert_array_equal(p[1], [0.0, 1.0])  # a masked NaN is simply left out


def test_masked_softmax_broadcast_mask_and_none():
    rng = np.random.default_rng(6)
    scores = rng.normal(size=(3, 4))
    key_mask = np.array([True, False, True, True])
    np.testing.assert_array_equal(
        masked_softmax(scores, key_mask), masked_softmax(scores, np.tile(key_mask, (3, 1)))
    )
    np.testing.assert_allclose(
        masked_softmax(scores, None), scipy.special.softmax(scores, axis=-1), rtol=1e-14
    )


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_masked_softmax_keeps_float_dtypes(dtype):
    rng = np.random.default_rng(7)
    scores, mask = (rng.normal(size=(4, 6)) * 3).astype(dtype), rng.random((4, 6)) < 0.6
    p = masked_softmax(scores, mask)
    assert p.dtype == dtype
    exact = mp_masked_softmax(scores.astype(np.float64), mask)
    np.testing.assert_allclose(p, exact, rtol=np.finfo(dtype).eps * 4, atol=np.finfo(dtype).tiny)


def test_masked_softmax_promotes_integers_and_leaves_inputs_unchanged():
    scores, mask = np.array([[1, 2, 3]]), np.array([[True, True, False]])
    before = scores.copy(), mask.copy()
    p = masked_softmax(scores, mask)
    assert p.dtype == np.float64
    np.testing.assert_allclose(p, [[1 / (1 + math.e), math.e / (1 + math.e), 0.0]], rtol=1e-15)
    np.testing.assert_array_equal(scores, before[0])
    np.testing.assert_array_equal(mask, before[1])
    assert masked_softmax(np.zeros((0, 3)), np.zeros((0, 3), bool)).shape == (0, 3)


@pytest.mark.parametrize(
    "scores, mask, axis",
    [
        (np.ones(3), np.array([1, 1, 0]), -1),
        (np.ones(3), np.array([True, False]), -1),
        (np.ones(3), np.ones((2, 3), dtype=bool), -1),  # would enlarge the result
        (np.ones((2, 3)), np.ones((2, 3), dtype=bool), 2),
        (np.ones(3, dtype=complex), np.ones(3, dtype=bool), -1),
        (np.ones((2, 3)), None, 1.0),
        (np.ones((2, 3)), None, True),
        (np.array(1.0), None, -1),
    ],
)
def test_masked_softmax_rejects_invalid_arguments(scores, mask, axis):
    with pytest.raises(ValueError):
        masked_softmax(scores, mask, axis=axis)


# --------------------------------------------------------------------------------------
# online_softmax
# --------------------------------------------------------------------------------------


@SETTINGS
@given(
    arrays(
        np.float64,
        array_shapes(min_dims=1, max_dims=3, max_side=9),
        elements=st.floats(-1e4, 1e4, width=64),
    ),
    st.integers(1, 12),
)
def test_online_softmax_equals_stable_softmax(z, block_size):
    with no_warnings():
        p = online_softmax(z, block_size)
    np.testing.assert_allclose(p, scipy.special.softmax(z, axis=-1), rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize("n", [1, 7, 8, 9, 24])
@pytest.mark.parametrize("block_size", [1, 2, 3, 8, 100])
def test_online_softmax_block_boundaries_against_oracle(n, block_size):
    """Lengths just below, at and above a multiple of the block size, values growing."""
    z = np.linspace(-30.0, 40.0, n) + np.sin(np.arange(n))  # the max changes block by block
    expected = mp_masked_softmax(z, np.ones(n, bool))
    np.testing.assert_allclose(online_softmax(z, block_size), expected, rtol=1e-14, atol=1e-300)


@pytest.mark.parametrize(
    "z", [[1e4, -1e4, 0.0], [-1e4, 0.0, 1e4, 1e4 - 1.0], np.linspace(-1e4, 1e4, 17)]
)
def test_online_softmax_extreme_values(z):
    with no_warnings():
        for block_size in (1, 2, 5):
            p = online_softmax(z, block_size)
            np.testing.assert_allclose(
                p, mp_masked_softmax(z, np.ones(len(z), bool)), rtol=1e-13, atol=1e-300
            )


def test_online_softmax_hand_worked():
    np.testing.assert_allclose(
        online_softmax(np.log([1.0, 2.0, 3.0, 4.0]), 1), [0.1, 0.2, 0.3, 0.4], rtol=1e-15
    )
    v = np.array([3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0])
    np.testing.assert_allclose(online_softmax(np.log(v), 3), v / 25, rtol=1e-15)


def test_online_softmax_minus_inf_like_masked_softmax():
    z = np.array(
        [[-np.inf, -np.inf, 0.0, math.log(3.0)], [-np.inf] * 4, [1.0, -np.inf, 1.0, -np.inf]]
    )
    with no_warnings():
        for block_size in (1, 2, 3, 4, 9):
            p = online_softmax(z, block_size)
            np.testing.assert_allclose(p, masked_softmax(z, np.ones(z.shape, bool)), rtol=1e-15)
            np.testing.assert_array_equal(p[1], 0.0)  # all -inf: zeros, as a fully masked row


def test_online_softmax_nan_propagates_and_empty_axis():
    assert np.isnan(online_softmax([1.0, np.nan, 2.0], 1)).all()
    assert online_softmax(np.zeros((3, 0)), 2).shape == (3, 0)


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_online_softmax_keeps_float_dtypes(dtype):
    z = (np.random.default_rng(8).normal(size=(3, 20)) * 4).astype(dtype)
    p = online_softmax(z, 3)
    assert p.dtype == dtype
    np.testing.assert_allclose(
        p,
        scipy.special.softmax(z.astype(np.float64), axis=-1),
        # exp(z - m) inherits the rounding of z - m: |z - m| (up to ~25 here) ulps.
        rtol=np.finfo(dtype).eps * 32,
        atol=np.finfo(dtype).smallest_subnormal,  # float16 results below 6e-5 are subnormal
    )


def test_online_softmax_promotes_integers_and_leaves_input_unchanged():
    z = np.array([0, 1, 2, 3])
    p = online_softmax(z, 3)
    assert p.dtype == np.float64
    np.testing.assert_allclose(p, scipy.special.softmax(z.astype(float)), rtol=1e-15)
    np.testing.assert_array_equal(z, [0, 1, 2, 3])


@pytest.mark.parametrize(
    "z, block_size", [([1.0], 0), ([1.0], -2), ([1.0], 2.5), ([1.0], True), (1.0, 1), ([1j], 1)]
)
def test_online_softmax_rejects_invalid_arguments(z, block_size):
    with pytest.raises(ValueError):
        online_softmax(z, block_size)


# --------------------------------------------------------------------------------------
# tiled_attention
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("block_size", [1, 2, 3, 6, 7, 8, 50])
@pytest.mark.parametrize("mask_kind", ["none", "random", "causal", "padding", "nothing"])
def test_tiled_equals_full_attention(block_size, mask_kind):
    rng = np.random.default_rng(block_size)
    B, n, d_k, d_v = 2, 7, 4, 3
    Q, K, V = (
        rng.normal(size=(B, n, d_k)),
        rng.normal(size=(B, n, d_k)),
        rng.normal(size=(B, n, d_v)),
    )
    mask = {
        "none": None,
        "random": random_mask(rng, (B, n, n)),
        "causal": causal_mask(n),
        "padding": padding_mask([5, 0], n)[:, None, :],
        "nothing": np.zeros((n, n), dtype=bool),
    }[mask_kind]
    with no_warnings():
        out = tiled_attention(Q, K, V, block_size, mask)
    expected, _ = scaled_dot_product_attention(Q, K, V, mask)
    np.testing.assert_allclose(out, expected, rtol=1e-13, atol=1e-14)


@SETTINGS
@given(st.data())
def test_tiled_equals_full_attention_on_random_cases(data):
    n_q, n_k, d_k, d_v = (data.draw(st.integers(1, 6)) for _ in range(4))
    elements = st.floats(-30, 30, width=64)
    Q = data.draw(arrays(np.float64, (n_q, d_k), elements=elements))
    K = data.draw(arrays(np.float64, (n_k, d_k), elements=elements))
    V = data.draw(arrays(np.float64, (n_k, d_v), elements=elements))
    mask = data.draw(arrays(np.bool_, (n_q, n_k)))
    block_size = data.draw(st.integers(1, n_k + 2))
    with no_warnings():
        out = tiled_attention(Q, K, V, block_size, mask)
    expected, _ = scaled_dot_product_attention(Q, K, V, mask)
    np.testing.assert_allclose(out, expected, rtol=1e-11, atol=1e-11)


def test_tiled_attention_with_extreme_and_growing_scores():
    rng = np.random.default_rng(9)
    Q = np.ones((3, 1))
    K = np.sort(rng.normal(size=(20, 1)), axis=0) * 3000  # the max grows block by block
    V = rng.normal(size=(20, 2))
    mask = random_mask(rng, (3, 20), p=0.7)
    expected_out, _ = mp_attention(Q, K, V, mask)
    for block_size in (1, 3, 20):
        with no_warnings():
            out = tiled_attention(Q, K, V, block_size, mask)
        np.testing.assert_allclose(out, expected_out, rtol=1e-10, atol=1e-13)


def test_tiled_attention_never_holds_the_score_matrix():
    rng = np.random.default_rng(10)
    n, d, block_size = 2048, 16, 64
    Q, K, V = rng.normal(size=(n, d)), rng.normal(size=(n, d)), rng.normal(size=(n, d))
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        out = tiled_attention(Q, K, V, block_size)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    full_scores = n * n * 8  # 32 MiB
    assert peak < full_scores / 8, f"peak {peak / 2**20:.1f} MiB"  # a few (n, 64) blocks
    np.testing.assert_allclose(
        out[:64], scaled_dot_product_attention(Q[:64], K, V)[0], rtol=1e-12, atol=1e-14
    )


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_tiled_attention_keeps_float_dtypes(dtype):
    rng = np.random.default_rng(11)
    Q, K, V = (rng.normal(size=(4, 3)).astype(dtype) for _ in range(3))
    mask = random_mask(rng, (4, 4))
    out = tiled_attention(Q, K, V, 3, mask)
    assert out.dtype == dtype
    expected, _ = scaled_dot_product_attention(Q, K, V, mask)
    np.testing.assert_allclose(
        out, expected, rtol=np.finfo(dtype).eps * 8, atol=np.finfo(dtype).eps * 8
    )


def test_tiled_attention_integers_lists_empty_and_unchanged_inputs():
    Q, K, V = np.array([[1, 0]]), np.array([[1, 0], [0, 1]]), np.array([[2, 0], [0, 2]])
    out = tiled_attention(Q.tolist(), K.tolist(), V.tolist(), 1)
    assert out.dtype == np.float64
    np.testing.assert_allclose(out, scaled_dot_product_attention(Q, K, V)[0], rtol=1e-15)
    np.testing.assert_array_equal(K, [[1, 0], [0, 1]])
    np.testing.assert_array_equal(
        tiled_attention(np.ones((2, 3)), np.ones((0, 3)), np.ones((0, 2)), 4), 0.0
    )


@pytest.mark.parametrize(
    "args, mask",
    [
        ((np.ones((2, 3)), np.ones((4, 3)), np.ones((4, 2)), 0), None),
        ((np.ones((2, 3)), np.ones((4, 3)), np.ones((4, 2)), -1), None),
        ((np.ones((2, 3)), np.ones((4, 3)), np.ones((4, 2)), 1.5), None),
        ((np.ones((2, 3)), np.ones((4, 3)), np.ones((4, 2)), 2), np.ones((2, 4))),
        ((np.ones((2, 3)), np.ones((4, 3)), np.ones((4, 2)), 2), np.ones((2, 5), dtype=bool)),
        ((np.ones((2, 3)), np.ones((4, 5)), np.ones((4, 2)), 2), None),
        ((np.ones((2, 3)), np.ones((4, 3)), np.ones((3, 2)), 2), None),
    ],
)
def test_tiled_attention_rejects_invalid_arguments(args, mask):
    with pytest.raises(ValueError):
        tiled_attention(*args, mask=mask)


# --------------------------------------------------------------------------------------
# masked keys never leak their values; float16 accumulates in float32
# --------------------------------------------------------------------------------------


def both_attentions(Q, K, V, mask):
    """The outputs of the full and the tiled attention (block sizes 1 and 2), no warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        full = scaled_dot_product_attention(Q, K, V, mask=mask)[0]
        tiled = [tiled_attention(Q, K, V, b, mask=mask) for b in (1, 2)]
    return [full, *tiled]


def test_masked_non_finite_values_never_reach_the_output():
    Q, K = [[1.0, 0.0]], [[1.0, 0.0], [0.0, 1.0]]
    V = np.array([[1.0, 2.0], [np.nan, np.inf]])
    for out in both_attentions(Q, K, V, [[True, False]]):
        np.testing.assert_array_equal(out, [[1.0, 2.0]])
    # No allowed key: a zero output, even though V holds inf.
    for out in both_attentions(Q, K, np.array([[1.0, np.inf], [2.0, 3.0]]), [[False, False]]):
        np.testing.assert_array_equal(out, [[0.0, 0.0]])


def test_allowed_non_finite_values_do_reach_the_output():
    Q = np.zeros((4, 2))
    K = np.zeros((3, 2))
    V = np.array([[1.0, np.inf, -np.inf, 0.0], [2.0, 0.0, np.inf, np.nan], [3.0, 1.0, 0.0, 0.0]])
    mask = np.array(
        [[True, True, True], [True, False, True], [False, False, True], [False, False, False]]
    )
    expected = [
        [2.0, np.inf, np.nan, np.nan],  # +inf meets -inf: NaN
        [2.0, np.inf, -np.inf, 0.0],
        [3.0, 1.0, 0.0, 0.0],
        [0.0, 0.0, 0.0, 0.0],
    ]
    for out in both_attentions(Q, K, V, mask):
        np.testing.assert_allclose(out, expected, rtol=1e-15)


def test_nan_score_stays_nan_next_to_infinite_values():
    Q = np.array([[np.nan, 0.0], [1.0, 0.0]])
    K = np.eye(2)
    V = np.array([[np.inf, 1.0], [-np.inf, 2.0]])
    with np.errstate(invalid="ignore"):
        for out in both_attentions(Q, K, V, [[True, False], [True, False]]):
            assert np.isnan(out[0]).all()
            np.testing.assert_array_equal(out[1], [np.inf, 1.0])


def test_masked_values_with_batches_and_causal_mask():
    rng = np.random.default_rng(3)
    Q, K, V = rng.normal(size=(2, 5, 4)), rng.normal(size=(2, 5, 4)), rng.normal(size=(2, 5, 3))
    mask = causal_mask(5)
    poisoned = V.copy()
    poisoned[:, 3:, :] = [np.nan, np.inf, -np.inf]  # keys 3 and 4: only queries 3, 4 see them
    clean = scaled_dot_product_attention(Q, K, V, mask=mask)[0]
    for out in both_attentions(Q, K, poisoned, mask):
        np.testing.assert_allclose(out[:, :3], clean[:, :3], rtol=1e-12)
        assert np.isnan(out[:, 3:, 0]).all()
        assert np.all(out[:, 3:, 1] == np.inf) and np.all(out[:, 3:, 2] == -np.inf)


def test_float16_attention_sums_in_float32():
    # 70,000 keys of equal score: every weight is 1 / 70000, which a float16 sum of
    # exponentials (inf past 65504) would turn into 0.
    n = 70000
    Q, K = np.zeros((1, 2), np.float16), np.zeros((n, 2), np.float16)
    V = np.ones((n, 1), np.float16)
    V[::2] = 3.0
    output, weights = scaled_dot_product_attention(Q, K, V)
    assert weights.dtype == np.float16 and np.all(weights == np.float16(1 / n))
    assert output.dtype == np.float16 and output[0, 0] == np.float16(2.0)
    assert tiled_attention(Q, K, V, 4096)[0, 0] == np.float16(2.0)
    probs = masked_softmax(np.zeros(n, np.float16), None)
    assert np.all(probs == np.float16(1 / n))
    assert np.all(online_softmax(np.zeros(n, np.float16), 1000) == np.float16(1 / n))
