"""The contract probes can fail: each one rejects a function that breaks its rule, by name.

The probes run for every exercise (``autograder.contract``); here they run on a toy exercise,
``double(z, axis=-1)`` (twice ``z``, per row), so that each rule is broken once on purpose.
"""

from __future__ import annotations

import numpy as np
import pytest

from autograder.contract import CONTRACTS, Contract, Edge, Invalid, check_contract
from autograder.feedback import CheckFailed


def double(z, axis=-1):
    """The correct toy answer: 2 z, dtypes kept, integers promoted, complex refused."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("real numbers only")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError(f"axis {axis} is out of range for {z.ndim} dimensions")
    z = z.astype(np.float64) if z.dtype.kind in "biu" else z
    return z * z.dtype.type(2)


def double_sum(z, axis=-1):
    """The correct toy reduction: 2 Σ z along ``axis``."""
    z = np.asarray(z)
    if z.dtype.kind not in "biuf":
        raise ValueError("real numbers only")
    z = z.astype(np.float64) if z.dtype.kind in "biu" else z
    return np.sum(z * z.dtype.type(2), axis=axis)


#: General values (none a float32 number): what the toy contracts' precision probes run on.
GENERAL = np.array([[0.1, 0.7, 1.3, 2.9], [3.7, 4.1, 5.3, 6.1]]) + 1 / 3


@pytest.fixture
def contract():
    made = Contract(
        "double",
        sample=np.array([[1.0, 2.25, 3.0], [4.0, 5.0, 6.5]]),
        axis=True,
        batch=True,
        errors=(Invalid("complex input", (np.array([1j]),)),),
        edges=(
            Edge("an empty batch", (np.zeros((0, 2)),), expected=np.zeros((0, 2))),
            Edge("NaN", (np.array([np.nan, 1.0]),), expected=[np.nan, 2.0]),
        ),
        precision_sample=GENERAL[:2, :3],  # doubles of the sample are float32 numbers
        float16_sample=GENERAL,
    )
    yield made
    del CONTRACTS["double"]


@pytest.fixture
def reduction():
    made = Contract(
        "double_sum",
        sample=np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.5]]),
        reduces=True,
        axis=True,
        batch=True,
        edges=(Edge("one row", (np.array([1.0, 2.0]),), expected=6.0),),
        precision_sample=GENERAL[:2, :3],
    )
    yield made
    del CONTRACTS["double_sum"]


def tag_of(fn, contract, reference=None):
    with pytest.raises(CheckFailed) as failure:
        check_contract(fn, contract, reference)
    return failure.value.tag


def test_the_correct_answer_passes_and_says_what_was_verified(contract, reduction):
    verified = check_contract(double, contract, reference=double)
    assert verified[:4] == ["lists", "batches", "`axis`", "dtypes (int → float64, floats kept)"]
    assert verified[4].startswith("ValueError (complex input, ") and "inputs untouched" in verified
    assert check_contract(double_sum, reduction, reference=double_sum)[-1] == "inputs untouched"


def test_a_list_that_is_refused_is_named(contract):
    def needs_array(z, axis=-1):
        return double(z) if isinstance(z, np.ndarray) else z.shape

    assert tag_of(needs_array, contract) == "not-array-like"


def test_a_list_returned_instead_of_an_array_is_named(contract):
    assert tag_of(lambda z, axis=-1: double(z).tolist(), contract) == "returned-list"


def test_a_0d_array_where_a_number_is_meant_is_named(reduction):
    assert tag_of(lambda z, axis=-1: np.asarray(double_sum(z, axis)), reduction) == (
        "returned-0d-array"
    )


def test_rows_that_depend_on_each_other_are_named(contract):
    def global_shift(z, axis=-1):
        z = double(z)
        return z - z.min() + np.min(z, axis=axis, keepdims=True)

    assert tag_of(global_shift, contract) == "batch-not-independent"


def test_an_ignored_axis_is_named():
    contract = Contract(
        "centred",
        sample=np.array([[1.0, 2.25, 3.0], [4.0, 5.0, 6.5]]),
        axis=True,
        precision_sample=GENERAL,
    )

    def last_axis_only(z, axis=-1):
        z = double(z)
        return z - np.min(z, axis=-1, keepdims=True)

    def per_row(z, axis=-1):
        z = double(z)
        return z - np.min(z, axis=axis, keepdims=True)

    try:
        assert tag_of(last_axis_only, contract) == "wrong-axis"
        check_contract(per_row, contract)
    finally:
        del CONTRACTS["centred"]


@pytest.mark.parametrize(
    "wrong",
    [
        lambda z, axis=-1: double(z).astype(np.float64),  # float32 in, float64 out
        lambda z, axis=-1: np.asarray(z) * 2,  # integers stay integers
        lambda z, axis=-1: double(z) * np.sqrt(np.float64(1.0)),  # a float64 NumPy scalar
    ],
)
def test_a_dtype_that_is_not_kept_is_named(contract, wrong):
    assert tag_of(wrong, contract) == "wrong-dtype"


def test_float16_values_must_be_right_too(contract):
    def coarse(z, axis=-1):
        out = double(z)
        return out.round() if out.dtype == np.float16 else out

    assert tag_of(coarse, contract) == "wrong-values"


def test_a_missing_value_error_is_named(contract):
    assert tag_of(lambda z, axis=-1: np.real(np.asarray(z)) * 2.0, contract) == "no-value-error"


def test_an_edge_answered_wrongly_is_named(contract):
    def swallows_nan(z, axis=-1):
        return np.nan_to_num(double(z, axis))

    assert tag_of(swallows_nan, contract) == "wrong-values"


def test_a_modified_input_is_named(contract):
    def in_place(z, axis=-1):
        if isinstance(z, np.ndarray) and z.dtype.kind == "f":
            z *= 2
            return z
        return double(z)

    assert tag_of(in_place, contract) == "modified-input"


def test_hidden_only_rules_wait_for_the_reference():
    made = Contract(
        "double",
        sample=np.array([[1.0, 2.0]]),
        errors=(Invalid("complex input", (np.array([1j]),), hidden=True),),
        precision_sample=GENERAL,
    )
    try:
        lax = lambda z, axis=-1: double(np.real(np.asarray(z)))  # noqa: E731
        assert not any("ValueError" in v for v in check_contract(lax, made))
        with pytest.raises(CheckFailed):
            check_contract(lax, made, reference=double)
    finally:
        del CONTRACTS["double"]


def test_the_reference_comparison_can_fail(contract):
    assert tag_of(lambda z, axis=-1: double(z, axis) * 1.5, contract, reference=double) == (
        "wrong-values"
    )


def test_an_axis_out_of_range_must_raise_on_both_sides(contract):
    def wraps_negative(z, axis=-1):
        z = np.asarray(z)
        if axis >= z.ndim:
            raise ValueError("axis out of range")
        return double(z, axis % z.ndim)

    def wraps_positive(z, axis=-1):
        z = np.asarray(z)
        if axis < -z.ndim:
            raise ValueError("axis out of range")
        return double(z, axis % z.ndim)

    assert tag_of(wraps_negative, contract) == "axis-out-of-range"
    assert tag_of(wraps_positive, contract) == "axis-out-of-range"
    verified = check_contract(double, contract)
    assert "ValueError (complex input, axis 2 of a 2-D array, axis -3 of a 2-D array)" in verified


@pytest.mark.parametrize("exercise", sorted(n for n, c in CONTRACTS.items() if c.axis))
def test_every_reference_refuses_an_axis_out_of_range(exercise):
    """What the probe asks of every learner, the reference does: ValueError on both sides."""
    import importlib

    from autograder.course import MODULE_OF

    contract = CONTRACTS[exercise]
    reference = getattr(importlib.import_module(f"solutions.{MODULE_OF[exercise]}"), exercise)
    z = np.asarray(contract.sample)
    args, kwargs = contract.call(z)
    for axis in (z.ndim, -z.ndim - 1):
        with pytest.raises(ValueError):
            reference(*args, **{**kwargs, "axis": axis})


def test_a_float16_sum_that_overflows_is_named():
    made = Contract(
        "share",
        sample=np.array([[1.0, 2.0, 5.0]]),
        long_row=np.ones((1, 70_000)),
        precision_sample=GENERAL,
    )

    def share(z, axis=-1, wide=True):
        z = np.asarray(z)
        dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
        work = z.astype(np.float32 if wide and dtype == np.float16 else dtype)
        return (work / np.sum(work, axis=axis, keepdims=True)).astype(dtype)

    try:
        assert "a long float16 row" in check_contract(share, made)
        assert tag_of(lambda z, axis=-1: share(z, axis, wide=False), made) == (
            "float16-sum-overflow"
        )
    finally:
        del CONTRACTS["share"]


def test_every_exercise_declares_its_contract():
    from autograder.harness import CHECKS

    assert set(CHECKS) <= set(CONTRACTS), sorted(set(CHECKS) - set(CONTRACTS))


def test_every_mistake_says_first_what_to_change():
    """nbgrader's Validate dialog shows ~85 characters of a line: the fix must fit in front."""
    import autograder  # noqa: F401  (registers every exercise's mistakes)
    from autograder.feedback import MISTAKES

    # Not implemented yet, and values wrong in a way no check could name: nothing to add.
    unnamed = {"not-implemented", "wrong-values"}
    # ("example-" tags come from the docstring examples of autograder.feedback.)
    missing = sorted(
        tag
        for tag, m in MISTAKES.items()
        if not m.fix and tag not in unnamed and not tag.startswith("example-")
    )
    assert not missing, missing
    assert max(len(m.fix) for m in MISTAKES.values()) <= 50


def test_float64_computed_in_float32_is_named(contract):
    def narrow(z, axis=-1):
        z = np.asarray(z)
        double(z, axis=axis)  # refuses what is not real, and an axis out of range
        dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
        return double(z.astype(np.float32)).astype(dtype)

    assert "float64 precision" in check_contract(double, contract)
    assert tag_of(narrow, contract) == "float64-computed-in-float32"


def test_float16_rounded_twice_is_named(contract):
    def softmax(z, axis=-1, once=True):
        z = np.asarray(z)
        dtype = z.dtype if z.dtype.kind == "f" else np.dtype(np.float64)
        work = z.astype(np.float32) if once and dtype == np.float16 else z.astype(dtype)
        e = np.exp(work - np.max(work, axis=axis, keepdims=True))
        if dtype == np.float16:
            e = e.astype(np.float32)  # summed in float32 either way: no overflow
        return (e / np.sum(e, axis=axis, keepdims=True)).astype(dtype)

    del CONTRACTS["double"]
    made = Contract("softmax_toy", sample=GENERAL, axis=True, float16_sample=GENERAL * 3)
    try:
        assert "float16 rounded once" in check_contract(softmax, made)
        twice = lambda z, axis=-1: softmax(z, axis, once=False)  # noqa: E731
        assert tag_of(twice, made) == "float16-double-rounding"
    finally:
        del CONTRACTS["softmax_toy"]
        CONTRACTS["double"] = contract


def test_the_precision_probes_cannot_reject_a_reference():
    """Every reference's float64 results on its precision sample include a number far from
    float32 (so an answer a few float64 steps away is no float32 number either), and its
    float16 results are its float32 results rounded once."""
    import importlib

    import autograder  # noqa: F401  (registers every exercise's contract)
    from autograder.contract import _float_values, _probe_float16_rounding, _run
    from autograder.course import MODULE_OF

    for name, contract in CONTRACTS.items():
        if name not in MODULE_OF or contract.dtype != "float":
            continue
        reference = getattr(importlib.import_module(f"solutions.{MODULE_OF[name]}"), name)
        z = contract.sample if contract.precision_sample is None else contract.precision_sample
        values = _float_values(_run(reference, contract, np.asarray(z, np.float64))[0])
        gap = np.abs(values - values.astype(np.float32).astype(np.float64))
        assert np.any(gap > 1e3 * np.spacing(np.abs(values))), name
        if contract.float16_sample is not None:
            _probe_float16_rounding(reference, contract)
