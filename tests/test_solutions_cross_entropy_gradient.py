"""Tests of the reference answers of notebook 06 (``solutions.cross_entropy_gradient``).

Oracles: SciPy's ``logsumexp`` and ``softmax``, mpmath at 50 digits, analytic gradients and
the module's own ``numerical_gradient``. Properties: the loss is shift invariant and never
negative, gradient rows sum to 0, the Jacobian is symmetric with rows summing to 0, training
lowers the loss. The shipped digits data set is checked, and a softmax regression trained on
it must generalise.
"""

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.special import logsumexp
from scipy.special import softmax as scipy_softmax

from course_data import load_digits
from solutions.cross_entropy_gradient import (
    cross_entropy,
    cross_entropy_grad,
    numerical_gradient,
    softmax_jacobian,
    train_softmax_regression,
)

mpmath.mp.dps = 50


def mp_cross_entropy(z, y):
    """Mean cross-entropy at 50 significant digits."""
    losses = [
        mpmath.log(mpmath.fsum(mpmath.exp(mpmath.mpf(float(v))) for v in row))
        - mpmath.mpf(float(row[label]))
        for row, label in zip(z, y, strict=True)
    ]
    return float(mpmath.fsum(losses) / len(losses))


def mp_softmax(z):
    exps = [mpmath.exp(mpmath.mpf(float(v))) for v in z]
    total = mpmath.fsum(exps)
    return [e / total for e in exps]


def batches(max_n=6, max_k=6, scale=30.0):
    """Hypothesis strategy: (logits (N, K), labels (N,)) with finite logits."""

    @st.composite
    def build(draw):
        n = draw(st.integers(1, max_n))
        k = draw(st.integers(1, max_k))
        z = draw(arrays(np.float64, (n, k), elements=st.floats(-scale, scale, allow_nan=False)))
        y = draw(arrays(np.int64, (n,), elements=st.integers(0, k - 1)))
        return z, y

    return build()


def relative_error(a, b):
    """Norm-wise relative error, the usual measure of a gradient check."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-300)


# --- cross_entropy ------------------------------------------------------------------------


def test_cross_entropy_worked_examples():
    assert cross_entropy([[1000.0, 0.0]], [1]) == 1000.0
    assert cross_entropy([[3.0, 1.0, -2.0, 0.0]], [1]) == pytest.approx(
        np.log(np.exp(3) + np.e + np.exp(-2) + 1) - 1, rel=1e-15
    )
    assert cross_entropy([[5.0, 2.0, 1.0]], [0]) == pytest.approx(
        np.log1p(np.exp(-3) + np.exp(-4)), rel=1e-15
    )
    assert cross_entropy(np.zeros((4, 10)), [0, 3, 9, 5]) == pytest.approx(np.log(10), rel=1e-15)


@settings(max_examples=60, deadline=None)
@given(batches())
def test_cross_entropy_matches_scipy_logsumexp(batch):
    z, y = batch
    expected = np.mean(logsumexp(z, axis=1) - z[np.arange(len(y)), y])
    assert cross_entropy(z, y) == pytest.approx(expected, rel=1e-12, abs=1e-12)


@pytest.mark.parametrize(
    "z, y",
    [
        ([[0.0, -40.0]], [0]),  # confident and right: 4.25e-18, which log(sum) rounds to 0
        ([[0.0, -40.0], [-40.0, 0.0]], [0, 1]),
        ([[1000.0, 0.0]], [1]),
        ([[1e4, -1e4, 3.0]], [2]),
        ([[-1000.0, -1000.5, -999.0]], [0]),
        ([[1e-8, 0.0, -1e-8]], [1]),
    ],
)
def test_cross_entropy_is_accurate_on_adversarial_inputs(z, y):
    assert cross_entropy(z, y) == pytest.approx(mp_cross_entropy(z, y), rel=1e-14, abs=0)


def test_cross_entropy_random_inputs_against_mpmath():
    rng = np.random.default_rng(6)
    for scale in (1.0, 30.0, 1e3):
        z = rng.normal(size=(5, 7)) * scale
        y = rng.integers(0, 7, size=5)
        assert cross_entropy(z, y) == pytest.approx(mp_cross_entropy(z, y), rel=1e-13)


@settings(max_examples=40, deadline=None)
@given(batches(), st.floats(-1e3, 1e3))
def test_cross_entropy_is_shift_invariant_and_non_negative(batch, shift):
    z, y = batch
    loss = cross_entropy(z, y)
    assert loss >= 0
    assert cross_entropy(z + shift, y) == pytest.approx(loss, rel=1e-9, abs=1e-9)


def test_cross_entropy_of_one_class_is_zero():
    assert cross_entropy([[3.0], [-2.0]], [0, 0]) == 0.0


def test_cross_entropy_non_finite_logits():
    z = np.array([[0.0, -np.inf, np.log(3.0)]])
    assert cross_entropy(z, [2]) == pytest.approx(np.log(4 / 3))  # -inf: probability 0
    assert cross_entropy(z, [1]) == np.inf  # the true class is impossible
    assert np.isnan(cross_entropy([[0.0, np.nan]], [0]))
    assert np.isnan(cross_entropy([[-np.inf, -np.inf]], [0]))


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_cross_entropy_keeps_the_float_dtype(dtype):
    z = np.array([[1.0, 2.0, 0.5], [0.0, -1.0, 3.0]], dtype=dtype)
    loss = cross_entropy(z, [1, 2])
    assert np.asarray(loss).dtype == dtype
    tolerance = {np.float16: 2e-3, np.float32: 1e-6, np.float64: 1e-15}[dtype]
    expected = cross_entropy(z.astype(np.float64), [1, 2])
    assert float(loss) == pytest.approx(expected, rel=tolerance)


def test_cross_entropy_promotes_integers_and_accepts_lists():
    loss = cross_entropy(np.array([[1, 2], [3, 0]]), np.array([0, 0], dtype=np.uint8))
    assert np.asarray(loss).dtype == np.float64
    assert loss == pytest.approx(cross_entropy([[1.0, 2.0], [3.0, 0.0]], [0, 0]))
    assert cross_entropy([[1.0, 2.0]], [1.0]) == cross_entropy([[1.0, 2.0]], [1])  # whole floats


def test_cross_entropy_does_not_modify_its_inputs():
    z, y = np.array([[1000.0, 0.0], [2.0, 3.0]]), np.array([1, 0])
    cross_entropy(z, y)
    cross_entropy_grad(z, y)
    np.testing.assert_array_equal(z, [[1000.0, 0.0], [2.0, 3.0]])
    np.testing.assert_array_equal(y, [1, 0])


INVALID_LABELS = [
    (np.zeros((2, 3)), [0, 3], "lie in"),  # label == K
    (np.zeros((2, 3)), [0, -1], "lie in"),  # would silently pick the last class
    (np.zeros((2, 3)), [0.0, 1.5], "integer"),
    (np.zeros((2, 3)), [0.0, np.nan], "integer"),
    (np.zeros((2, 3)), [0.0, 1e20], "lie in"),  # whole, but no class: no cast to garbage
    (np.zeros((2, 3)), [True, False], "integer"),
    (np.zeros((2, 3)), [0, 1, 2], "shape"),
    (np.zeros((2, 3)), np.eye(3)[[0, 1]], "shape"),  # one-hot rows instead of indices
    (np.zeros(3), [0], "2-D"),
    (np.zeros((0, 3)), np.zeros(0, dtype=int), "empty"),
    (np.zeros((2, 3), dtype=complex), [0, 1], "real"),
]


@pytest.mark.parametrize("function", [cross_entropy, cross_entropy_grad])
@pytest.mark.parametrize("z, y, message", INVALID_LABELS)
def test_invalid_arguments_raise_value_error(function, z, y, message):
    with pytest.raises(ValueError, match=message):
        function(z, y)


# --- cross_entropy_grad -------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(batches())
def test_gradient_is_softmax_minus_onehot_over_n(batch):
    z, y = batch
    n, k = z.shape
    expected = (scipy_softmax(z, axis=1) - np.eye(k)[y]) / n
    g = cross_entropy_grad(z, y)
    np.testing.assert_allclose(g, expected, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(g.sum(axis=1), 0.0, atol=1e-15)


@pytest.mark.parametrize("n, k, scale", [(1, 2, 1.0), (4, 3, 3.0), (8, 10, 5.0), (3, 6, 20.0)])
def test_gradient_check_against_central_differences(n, k, scale):
    rng = np.random.default_rng(n * 100 + k)
    z = rng.normal(size=(n, k)) * scale
    y = rng.integers(0, k, size=n)
    numeric = numerical_gradient(lambda v: cross_entropy(v, y), z)
    assert relative_error(cross_entropy_grad(z, y), numeric) < 1e-7


def test_gradient_of_extreme_and_non_finite_logits():
    g = cross_entropy_grad([[1000.0, 0.0], [0.0, 1000.0]], [1, 1])
    np.testing.assert_array_equal(g, [[0.5, -0.5], [0.0, 0.0]])
    g = cross_entropy_grad([[0.0, -np.inf, np.log(3.0)]], [1])
    np.testing.assert_allclose(g, [[0.25, -1.0, 0.75]])
    assert np.all(np.isnan(cross_entropy_grad([[0.0, np.nan]], [0])))


def test_gradient_row_is_mpmath_softmax_minus_onehot():
    z = np.array([[30.0, -12.5, 0.1, 7.0]])
    p = mp_softmax(z[0])
    expected = [float(p[j] - (1 if j == 2 else 0)) for j in range(4)]
    np.testing.assert_allclose(cross_entropy_grad(z, [2])[0], expected, rtol=1e-14, atol=1e-300)


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_gradient_keeps_the_float_dtype(dtype):
    z = np.array([[1.0, 2.0, 0.5], [0.0, -1.0, 3.0]], dtype=dtype)
    g = cross_entropy_grad(z, [1, 2])
    assert g.dtype == dtype
    rtol = {np.float16: 5e-3, np.float32: 1e-6, np.float64: 1e-15}[dtype]
    np.testing.assert_allclose(
        g, cross_entropy_grad(z.astype(np.float64), [1, 2]), rtol=rtol, atol=rtol / 10
    )
    assert cross_entropy_grad([[1, 2]], [0]).dtype == np.float64


# --- softmax_jacobian ---------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.integers(1, 8), elements=st.floats(-50, 50, allow_nan=False)))
def test_jacobian_is_symmetric_with_rows_summing_to_zero(z):
    J = softmax_jacobian(z)
    p = scipy_softmax(z)
    assert J.shape == (z.size, z.size)
    np.testing.assert_array_equal(J, J.T)
    np.testing.assert_allclose(J.sum(axis=1), 0.0, atol=1e-15)
    np.testing.assert_allclose(J, np.diag(p) - np.outer(p, p), rtol=1e-12, atol=1e-15)
    # J v = p * (v - p . v): the Jacobian-vector product of backpropagation.
    v = np.arange(z.size, dtype=float)
    np.testing.assert_allclose(J @ v, p * (v - p @ v), rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_jacobian_against_numerical_jacobian(seed):
    rng = np.random.default_rng(seed)
    z = rng.normal(size=5) * 2

    def component(j):
        return lambda v: scipy_softmax(v)[j]

    numeric = np.array([numerical_gradient(component(j), z) for j in range(z.size)])
    assert relative_error(softmax_jacobian(z), numeric) < 1e-8


def test_jacobian_against_mpmath_for_extreme_logits():
    z = np.array([1000.0, 1001.0, 999.0, -5.0])
    p = mp_softmax(z)
    expected = [[float((p[i] if i == j else 0) - p[i] * p[j]) for j in range(4)] for i in range(4)]
    np.testing.assert_allclose(softmax_jacobian(z), expected, rtol=1e-13, atol=1e-300)


def test_jacobian_edge_cases():
    np.testing.assert_array_equal(softmax_jacobian([7.0]), [[0.0]])
    np.testing.assert_allclose(softmax_jacobian([0.0, 0.0]), [[0.25, -0.25], [-0.25, 0.25]])
    J = softmax_jacobian([0.0, -np.inf, np.log(3.0)])
    np.testing.assert_allclose(J[1], 0.0)
    np.testing.assert_allclose(J[:, 1], 0.0)
    assert np.all(np.isnan(softmax_jacobian([0.0, np.nan])))
    assert softmax_jacobian(np.zeros(0)).shape == (0, 0)


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_jacobian_keeps_the_float_dtype(dtype):
    z = np.array([0.5, -1.0, 2.0], dtype=dtype)
    assert softmax_jacobian(z).dtype == dtype
    assert softmax_jacobian([1, 2, 3]).dtype == np.float64


@pytest.mark.parametrize("z", [np.zeros((2, 3)), np.array(1.0), np.array([1j, 2j])])
def test_jacobian_rejects_anything_but_a_real_vector(z):
    with pytest.raises(ValueError):
        softmax_jacobian(z)


def test_jacobian_does_not_modify_its_input():
    z = np.array([1000.0, 1.0, 2.0])
    softmax_jacobian(z)
    np.testing.assert_array_equal(z, [1000.0, 1.0, 2.0])


# --- numerical_gradient -------------------------------------------------------------------


def test_central_difference_of_a_cubic_is_exactly_3x2_plus_h2():
    x = np.array([1.0, 2.0, -1.0])
    np.testing.assert_allclose(
        numerical_gradient(lambda v: np.sum(v**3), x, h=0.1), 3 * x**2 + 0.01, rtol=1e-12
    )
    # Error O(h^2) at the default step: far below what a forward difference (O(h)) reaches.
    g = numerical_gradient(lambda v: np.sum(np.exp(v)), x)
    assert np.max(np.abs(g / np.exp(x) - 1)) < 1e-9


@settings(max_examples=30, deadline=None)
@given(
    arrays(
        np.float64,
        st.sampled_from([(), (3,), (2, 3), (2, 1, 2)]),
        elements=st.floats(-3, 3, allow_nan=False),
    )
)
def test_numerical_gradient_of_a_quadratic_form_any_shape(x):
    A = np.arange(1.0, x.size * x.size + 1).reshape(x.size, x.size) / x.size**2
    c = np.linspace(-1.0, 1.0, x.size)

    def f(v):
        flat = np.ravel(v)
        return flat @ A @ flat + c @ flat

    g = numerical_gradient(f, x)
    assert g.shape == x.shape
    expected = ((A + A.T) @ np.ravel(x) + c).reshape(x.shape)
    np.testing.assert_allclose(g, expected, rtol=1e-7, atol=1e-8)


def test_numerical_gradient_leaves_x_alone_and_hands_f_copies():
    x = np.array([[0.5, 1.0], [-2.0, 3.0]])
    seen = []

    def f(v):
        assert not np.shares_memory(v, x)
        assert v.shape == x.shape
        seen.append(v)
        v[0, 0] = 99.0  # an unruly f changing its argument must not disturb the result
        return np.sum(v[1:] ** 2)

    g = numerical_gradient(f, x)
    np.testing.assert_array_equal(x, [[0.5, 1.0], [-2.0, 3.0]])
    np.testing.assert_allclose(g, [[0.0, 0.0], [-4.0, 6.0]], atol=1e-8)
    assert len(seen) == 2 * x.size


def test_numerical_gradient_dtypes():
    g = numerical_gradient(lambda v: np.sum(v**3), np.array([1, 2, -1]), h=0.1)
    assert g.dtype == np.float64
    np.testing.assert_allclose(g, [3.01, 12.01, 3.01])
    for dtype in (np.float16, np.float32):
        g = numerical_gradient(lambda v: np.sum(v**2), np.array([0.5, -1.5], dtype=dtype))
        assert g.dtype == dtype
        np.testing.assert_allclose(g, [1.0, -3.0], rtol=1e-3)
    np.testing.assert_allclose(numerical_gradient(lambda v: v[0] * v[1], [2.0, 3.0]), [3.0, 2.0])


@pytest.mark.parametrize("h", [0.0, -1e-5, np.inf, np.nan, True, 1e-5 + 0j, "1e-5", [1e-5]])
def test_numerical_gradient_rejects_bad_steps(h):
    with pytest.raises(ValueError, match="step"):
        numerical_gradient(np.sum, np.ones(2), h=h)


def test_numerical_gradient_rejects_non_scalar_functions():
    with pytest.raises(ValueError, match="single number"):
        numerical_gradient(lambda v: v * 2, np.ones(2))


# --- train_softmax_regression -------------------------------------------------------------


def blobs(seed=0, per_class=30):
    rng = np.random.default_rng(seed)
    centres = np.array([[2.0, 0.0], [-1.0, 1.7], [-1.0, -1.7]])
    y = np.repeat(np.arange(3), per_class)
    return centres[y] + 0.5 * rng.normal(size=(y.size, 2)), y


def test_training_one_step_by_hand():
    W, b, losses = train_softmax_regression([[1.0], [2.0], [-3.0]], [0, 0, 1], lr=3.0, epochs=1)
    np.testing.assert_allclose(W, [[3.0, -3.0]])
    np.testing.assert_allclose(b, [0.5, -0.5])
    np.testing.assert_allclose(losses, [np.log(2.0)], rtol=1e-15)


def test_training_lowers_the_loss_and_separates_the_blobs():
    X, y = blobs()
    W, b, losses = train_softmax_regression(X, y, lr=0.3, epochs=60)
    assert W.shape == (2, 3) and b.shape == (3,) and losses.shape == (60,)
    assert losses[0] == pytest.approx(np.log(3.0), rel=1e-15)
    assert np.all(np.diff(losses) < 0)
    assert np.mean(np.argmax(X @ W + b, axis=1) == y) == 1.0


def test_training_follows_the_gradient_of_its_objective():
    X, y = blobs(seed=1)
    wd, lr = 0.05, 0.2
    W1, b1, _ = train_softmax_regression(X, y, lr=lr, epochs=1, weight_decay=wd)
    W2, b2, losses = train_softmax_regression(X, y, lr=lr, epochs=2, weight_decay=wd)
    # losses[1] is the objective of the parameters after the first step ...
    expected = cross_entropy(X @ W1 + b1, y) + wd / 2 * np.sum(W1**2)
    assert losses[1] == pytest.approx(expected, rel=1e-14)

    # ... and the second step is -lr times its numerical gradient.
    def objective(theta):
        W, b = theta[:-1], theta[-1]
        return cross_entropy(X @ W + b, y) + wd / 2 * np.sum(W**2)

    theta = np.vstack([W1, b1])
    step = -lr * numerical_gradient(objective, theta)
    assert relative_error(np.vstack([W2, b2]) - theta, step) < 1e-7


def test_weight_decay_shrinks_the_weights():
    X, y = blobs()
    norms = [
        np.linalg.norm(train_softmax_regression(X, y, lr=0.3, epochs=50, weight_decay=wd)[0])
        for wd in (0.0, 0.01, 0.1)
    ]
    assert norms[0] > norms[1] > norms[2]


def test_training_is_deterministic_and_seed_free():
    X, y = blobs()
    runs = [train_softmax_regression(X, y, lr=0.3, epochs=10, seed=s) for s in (0, 0, 7)]
    for run in runs[1:]:
        for a, b in zip(runs[0], run, strict=True):
            np.testing.assert_array_equal(a, b)


def test_training_edge_cases_and_dtypes():
    X, y = blobs()
    W, b, losses = train_softmax_regression(X, y, lr=0.3, epochs=0)
    assert not W.any() and not b.any() and losses.shape == (0,)
    W, b, losses = train_softmax_regression(X[y != 1], y[y != 1], lr=0.3, epochs=3)
    assert W.shape == (2, 3)  # K = max(y) + 1 even with class 1 absent
    W, b, losses = train_softmax_regression(X.astype(np.float32), y, lr=0.3, epochs=3)
    assert W.dtype == b.dtype == losses.dtype == np.float32
    W, b, _ = train_softmax_regression(np.round(X).astype(int), y.astype(float), lr=0.3, epochs=3)
    assert W.dtype == np.float64
    X_before = X.copy()
    train_softmax_regression(X, y, lr=0.3, epochs=3)
    np.testing.assert_array_equal(X, X_before)


@pytest.mark.parametrize(
    "X, y, kwargs",
    [
        (np.ones((3, 2)), [0, 1], {}),
        (np.ones(3), [0, 1, 1], {}),
        (np.ones((3, 2)), [0, -1, 1], {}),
        (np.ones((3, 2)), [0, 0.5, 1], {}),
        (np.ones((0, 2)), [], {}),
        (np.ones((3, 2)), [0, 1, 1], {"lr": 0.0}),
        (np.ones((3, 2)), [0, 1, 1], {"epochs": -1}),
        (np.ones((3, 2)), [0, 1, 1], {"epochs": 2.5}),
        (np.ones((3, 2)), [0, 1, 1], {"weight_decay": -0.1}),
        (np.ones((3, 2)), [0, 1, 1], {"lr": True}),
        (np.ones((3, 2)), [0, 1, 1], {"lr": 0.1 + 0j}),
        (np.ones((3, 2)), [0, 1, 1], {"lr": "0.1"}),
        (np.ones((3, 2)), [0, 1, 1], {"lr": [0.1]}),
        (np.ones((3, 2)), [0, 1, 1], {"epochs": True}),
        (np.ones((3, 2)), [0, 1, 1], {"weight_decay": np.inf}),
        (np.ones((3, 2)), [0, 1, 1], {"weight_decay": "0"}),
    ],
)
def test_training_rejects_invalid_arguments(X, y, kwargs):
    arguments = {"lr": 0.1, "epochs": 2, **kwargs}
    with pytest.raises(ValueError):
        train_softmax_regression(X, y, **arguments)


# --- the digits data set (its file is checked in tests/test_course_data.py) ---------------


def test_softmax_regression_learns_the_digits():
    X, y = load_digits()
    order = np.random.default_rng(0).permutation(len(y))
    train, held_out = order[:1397], order[1397:]
    W, b, losses = train_softmax_regression(X[train], y[train], lr=1.0, epochs=200)
    assert losses[0] == pytest.approx(np.log(10), rel=1e-12)  # 2.302585...: untrained model
    assert np.all(np.diff(losses) < 0)
    accuracy = np.mean(np.argmax(X[held_out] @ W + b, axis=1) == y[held_out])
    assert accuracy > 0.90


# --- float16 accumulates in float32 -------------------------------------------------------


def test_float16_rows_longer_than_float16_can_count():
    # 70,000 equal logits: a float16 sum of their exponentials overflows to inf (its largest
    # number is 65504), which made the loss inf and every probability of the gradient 0.
    z = np.zeros((2, 70000), np.float16)
    y = [0, 5]
    loss = cross_entropy(z, y)
    assert loss.dtype == np.float16 and loss == np.float16(np.log(70000))
    g = cross_entropy_grad(z, y)
    assert g.dtype == np.float16
    assert g[0, 1] == np.float16(1 / 70000 / 2) and g[0, 0] == np.float16((1 / 70000 - 1) / 2)
    J = softmax_jacobian(np.zeros(70000, np.float16)[:300])
    assert J.dtype == np.float16 and J[0, 1] == np.float16(-1 / 300**2)


def test_float16_training_rounds_once():
    X, y = blobs()
    W16, b16, losses16 = train_softmax_regression(X.astype(np.float16), y, lr=0.3, epochs=5)
    W32, b32, losses32 = train_softmax_regression(
        X.astype(np.float16).astype(np.float32), y, lr=0.3, epochs=5
    )
    assert W16.dtype == b16.dtype == losses16.dtype == np.float16
    np.testing.assert_array_equal(W16, W32.astype(np.float16))
    np.testing.assert_array_equal(losses16, losses32.astype(np.float16))
