"""When an exercise calls an earlier one that is wrong, its failure names the earlier one.

A learner's ``soft_argmax`` may call the ``softmax`` they wrote in Exercise 1 (the notebook
invites it). If that ``softmax`` is wrong, ``soft_argmax`` fails too, and the message must
send the learner to ``softmax`` rather than blame ``soft_argmax``. The functions here are
defined the way a notebook defines them: in one namespace, so that ``soft_argmax`` finds
``softmax`` among its globals.
"""

import textwrap

import numpy as np
import pytest

from autograder import CHECKS, CheckFailed

SOFT_ARGMAX_CALLING_SOFTMAX = """
def soft_argmax(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("logits must be real numbers")
    if not -z.ndim <= axis < z.ndim or z.shape[axis] == 0:
        raise ValueError("axis out of range, or no class along it")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    # float16 is computed in float32 (positions past 65,504 do not exist in float16).
    z = z.astype(np.float32 if dtype == np.float16 else dtype)
    p = softmax(z - np.max(z, axis=axis, keepdims=True), axis=axis)
    shape = [1] * z.ndim
    shape[axis] = z.shape[axis]
    positions = np.arange(z.shape[axis], dtype=p.dtype).reshape(shape)
    return np.sum(positions * p, axis=axis).astype(dtype)
"""

SOFTMAXES = {
    "right": """
def softmax(z, axis=-1):
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("logits must be real numbers")
    dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
    work = z.astype(np.float32 if dtype == np.float16 else dtype)
    e = np.exp(work)
    total = np.sum(e, axis=axis, keepdims=True)
    # A slice holding +inf has no distribution: NaN in every entry, as the exercise says.
    return np.where(np.isfinite(total), e / total, np.nan).astype(dtype)
""",
    # Normalised over the whole array: every soft argmax of a batch comes out wrong.
    "global-normalisation": """
def softmax(z, axis=-1):
    e = np.exp(np.asarray(z, dtype=float))
    return e / e.sum()
""",
    # Ignores `axis`: soft_argmax along axis 0 gets rows normalised instead of columns.
    "wrong-axis": """
def softmax(z, axis=-1):
    e = np.exp(np.asarray(z, dtype=float))
    return e / e.sum(axis=-1, keepdims=True)
""",
}


def notebook(softmax_source):
    """The learner's two answers, defined in one namespace as notebook cells define them."""
    namespace = {"np": np}
    exec(textwrap.dedent(softmax_source), namespace)
    exec(textwrap.dedent(SOFT_ARGMAX_CALLING_SOFTMAX), namespace)
    return namespace


@pytest.mark.parametrize("wrong", ["global-normalisation", "wrong-axis"])
def test_a_wrong_softmax_is_named_by_the_soft_argmax_check(wrong):
    namespace = notebook(SOFTMAXES[wrong])
    with pytest.raises(CheckFailed) as softmax_failure:
        CHECKS["softmax"](namespace["softmax"])
    with pytest.raises(CheckFailed) as failure:
        CHECKS["soft_argmax"](namespace["soft_argmax"])
    message = str(failure.value)
    # The first words (all that nbgrader's Validate dialog shows) send the learner there.
    assert message.startswith("`soft_argmax`: fix `softmax` first"), message
    assert failure.value.tag == softmax_failure.value.tag == wrong


@pytest.mark.parametrize("hidden", [False, True])
def test_the_hidden_checks_name_it_too(hidden):
    from solutions.softmax import soft_argmax as reference

    namespace = notebook(SOFTMAXES["global-normalisation"])
    with pytest.raises(CheckFailed) as failure:
        CHECKS["soft_argmax"](namespace["soft_argmax"], reference=reference if hidden else None)
    assert "fix `softmax` first" in str(failure.value)


def test_a_right_softmax_lets_soft_argmax_pass(capsys):
    namespace = notebook(SOFTMAXES["right"])
    CHECKS["softmax"](namespace["softmax"])
    CHECKS["soft_argmax"](namespace["soft_argmax"])
    assert "✓ `soft_argmax` passed" in capsys.readouterr().out


def test_a_wrong_soft_argmax_is_blamed_on_itself_when_softmax_is_right():
    namespace = notebook(SOFTMAXES["right"])
    # Positions counted from 1: soft_argmax's own mistake, with a right softmax.
    source = SOFT_ARGMAX_CALLING_SOFTMAX.replace(
        "np.arange(z.shape[axis], dtype=p.dtype)", "np.arange(1, z.shape[axis] + 1, dtype=p.dtype)"
    )
    exec(textwrap.dedent(source), namespace)
    with pytest.raises(CheckFailed) as failure:
        CHECKS["soft_argmax"](namespace["soft_argmax"])
    assert "fix `softmax` first" not in str(failure.value)
    assert failure.value.tag == "soft-argmax-indices-from-one"


BASELINE_SOFTMAX_CALLING_STABLE_SOFTMAX = """
def baseline_softmax(d, axis=-1):
    d = np.asarray(d)
    if d.dtype.kind not in "biuf" or d.ndim == 0:
        raise ValueError("d must be an array of real numbers")
    if not isinstance(axis, int) or not -d.ndim <= axis < d.ndim:
        raise ValueError("axis out of range")
    d = d.astype(np.float64) if d.dtype.kind in "biu" else d
    shape = list(d.shape)
    shape[axis] = 1
    return stable_softmax(np.concatenate([d, np.zeros(shape, d.dtype)], axis=axis), axis=axis)
"""

# One max for the whole batch: a row 1000 below the others comes out as 0 / 0.
STABLE_SOFTMAX_GLOBAL_MAX = """
def stable_softmax(z, axis=-1):
    z = np.asarray(z)
    z = z.astype(np.float64) if z.dtype.kind in "biu" else z
    e = np.exp(z - np.max(z))
    return e / e.sum(axis=axis, keepdims=True)
"""


def test_a_wrong_stable_softmax_is_named_by_the_baseline_softmax_check():
    namespace = {"np": np}
    exec(textwrap.dedent(STABLE_SOFTMAX_GLOBAL_MAX), namespace)
    exec(textwrap.dedent(BASELINE_SOFTMAX_CALLING_STABLE_SOFTMAX), namespace)
    with pytest.raises(CheckFailed) as failure:
        CHECKS["baseline_softmax"](namespace["baseline_softmax"])
    assert str(failure.value).startswith("`baseline_softmax`: fix `stable_softmax` first")
    assert failure.value.tag == "global-max-shift"


def test_an_imported_function_of_an_exercise_name_is_not_the_learners():
    # `from scipy.special import logsumexp` in notebook 06: scipy's logsumexp fails the
    # course's logsumexp check (it has no float16 rule of its own, for one), but it is not
    # the learner's exercise, so the message must speak of cross_entropy itself.
    namespace = {"np": np, "__name__": "__main__"}
    exec(
        textwrap.dedent(
            """
            from scipy.special import logsumexp

            def cross_entropy(logits, labels):
                z = np.asarray(logits, dtype=float)
                y = np.asarray(labels)
                return np.mean(logsumexp(z, axis=1) - z[np.arange(len(y)), y])
            """
        ),
        namespace,
    )
    with pytest.raises(CheckFailed) as failure:
        CHECKS["cross_entropy"](namespace["cross_entropy"])
    assert "fix `logsumexp` first" not in str(failure.value), str(failure.value)
