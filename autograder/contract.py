"""The rules an exercise states, declared once and checked by one runner.

Every exercise of the course shares conventions (COURSE.md): it accepts array-likes, leaves its
inputs untouched, promotes integer input to float64 and keeps float16/32/64, works along
``axis`` on any batch shape, raises ``ValueError`` on invalid arguments, and gives stated
answers on named edge cases (an all -inf row, NaN, an empty batch). Rather than probing these
by hand in every check module, an exercise declares them in a :class:`Contract`, and
:func:`check_contract` runs the same probes for all of them.

The probes need no reference answer. They compare the learner's function *with itself*
(a list against an array, float32 against float64, ``axis=0`` on a transposed input against
the default axis, one row against the whole batch) or with answers written by hand in the
contract (:class:`Edge`), so they run in the visible checks. Given the reference (hidden
tests), every probe's output is also compared with the reference's.

Examples
--------
>>> import numpy as np
>>> def double(z, axis=-1):
...     z = np.asarray(z)
...     if z.dtype.kind not in "biuf":
...         raise ValueError("real numbers only")
...     if not -z.ndim <= axis < z.ndim:
...         raise ValueError("axis out of range")
...     return z * (2.0 if z.dtype.kind in "biu" else z.dtype.type(2))
>>> contract = Contract(
...     "double",
...     sample=np.array([[1.0, 2.0], [3.0, 4.0]]),
...     axis=True,
...     batch=True,
...     errors=(Invalid("complex input", (np.array([1j]),)),),
...     edges=(Edge("an empty batch", (np.zeros((0, 2)),), expected=np.zeros((0, 2))),),
...     precision_sample=np.array([[0.1, 0.7]]),  # doubles of 1, 2, 3, 4 are float32 numbers
... )
>>> for verified in check_contract(double, contract):
...     print(verified)
lists
batches
`axis`
dtypes (int → float64, floats kept)
ValueError (complex input, axis 2 of a 2-D array, axis -3 of a 2-D array)
edges (an empty batch)
bool and int8 input
float64 precision
inputs untouched
>>> del CONTRACTS["double"]  # an example, not an exercise of the course
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from autograder.feedback import CheckFailed, Mistake, fail
from autograder.harness import call, contrast, describe, expect_close, expect_raises
from autograder.mistakes import (
    AXIS_OUT_OF_RANGE,
    BATCH_NOT_INDEPENDENT,
    FLOAT16_DOUBLE_ROUNDING,
    FLOAT16_SUM,
    FLOAT64_IN_FLOAT32,
    INTEGER_WRAPAROUND,
    NO_VALUE_ERROR,
    NOT_ARRAY_LIKE,
    RAISED_ERROR,
    RETURNED_0D_ARRAY,
    RETURNED_LIST,
    UNREADABLE_OUTPUT,
    WRONG_AXIS,
    WRONG_DTYPE,
    WRONG_VALUES,
)

__all__ = [
    "CONTRACTS",
    "GENERAL_LOGITS",
    "Contract",
    "Edge",
    "Invalid",
    "check_contract",
    "wrapping",
]


def _fail(problem: str, mistake: Mistake) -> CheckFailed:
    """A failure whose problem already starts with what to change (the probes' own words)."""
    return fail(problem, mistake, fix="")


def wrapping(shape: tuple[int, ...]) -> np.ndarray:
    """Whole numbers from -128 to 127 of the given shape, with both ends in it: a
    ``wrap_sample`` (int8 arithmetic on them wraps around, and uint8 on them + 128).

    >>> wrapping((2, 3))
    array([[-128,  127,    0],
           [   5, -100,  120]])
    """
    return np.resize(np.array([-128, 127, 0, 5, -100, 120, 64, -1]), shape)


#: Every exercise's contract, by exercise name.
CONTRACTS: dict[str, Contract] = {}

#: Float dtypes a float-keeping function must return unchanged, with the tolerance to which
#: its result must agree with its own float64 result (relative to the largest magnitude).
_FLOATS = ((np.float32, 1e-4), (np.float16, 2e-2))


#: 64 rows of 16 logits of general values in [-4, 4] (none a float32 number, none special):
#: rounding to float16 twice moves many of their softmax probabilities by a float16 step.
GENERAL_LOGITS = 4.0 * np.sin(1.7 * np.arange(1.0, 1025.0)).reshape(64, 16)


@dataclass(frozen=True)
class Edge:
    """A named edge case whose answer is worked out by hand.

    Parameters
    ----------
    what : str
        The case in the learner's words (``"an all -inf row"``); it is listed on a ✓.
    args, kwargs
        The call. Arrays are copied before the learner's function sees them.
    expected : array_like, scalar or tuple of them
        The answer. NaN and ±inf must match exactly; finite values to ``rtol``/``atol``.
        A tuple means the function returns a tuple (each element compared).
    dtype : numpy dtype, optional
        The dtype the result must have (every element of a tuple result).
    mistake : Mistake
        What a wrong answer here most likely comes from.
    hidden : bool
        Probe it only in the hidden tests: for an edge the reference's docstring documents
        but the exercise's text does not state (a ✓ tests only what the text states).
    refused : Mistake, optional
        What refusing this valid input (raising on it) most likely comes from, e.g. a
        reduction that raises on an empty axis; by default ``raised-error``.
    """

    what: str
    args: tuple
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    expected: Any = None
    dtype: Any = None
    rtol: float = 1e-6
    atol: float = 1e-12
    mistake: Mistake = WRONG_VALUES
    hidden: bool = False
    refused: Mistake | None = None


@dataclass(frozen=True)
class Invalid:
    """An invalid call that must raise ``ValueError``; ``what`` says why it is invalid.

    ``hidden=True`` probes it only in the hidden tests (see :class:`Edge`). ``exception``
    widens what counts: ``(ValueError, TypeError)`` where NumPy's own ``TypeError`` (a
    float ``axis``) is as good an answer. ``mistake`` is what answering it most likely
    comes from.
    """

    what: str
    args: tuple
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    hidden: bool = False
    exception: type[BaseException] | tuple[type[BaseException], ...] = ValueError
    mistake: Mistake = NO_VALUE_ERROR


@dataclass(frozen=True)
class Contract:
    """What an exercise's text promises about its function, beyond the values themselves.

    Parameters
    ----------
    exercise : str
        The function's name.
    sample : numpy.ndarray
        A valid 2-D main input ``z`` (batch rows along axis 0; the axis the function works
        along last) with moderate values. The probes derive every other input from it.
    call : callable, optional
        ``call(z) -> (args, kwargs)``: a valid call with main input ``z``. Default ``((z,), {})``.
    returns : {"array", "scalar", "arrays"}
        ``"array"``: a NumPy array (a reduction of a 1-D input may be a NumPy scalar, not a
        0-d array); ``"scalar"``: one number (a Python or NumPy scalar, not a 0-d array);
        ``"arrays"``: a tuple of NumPy arrays.
    reduces : bool
        Whether the function removes the ``axis`` it works along (``soft_argmax``,
        ``logsumexp``) rather than keeping the input's shape (``softmax``).
    dtype : {"float", None}
        ``"float"``: integer input gives float64, float16/32/64 input keeps its dtype (every
        floating output of the result). ``None``: no dtype rule is stated.
    integer_sample : numpy.ndarray, optional
        The main input used for the integer dtype probe (default: ``sample`` rounded).
    long_row : numpy.ndarray, optional
        A valid main input with one very long row (tens of thousands of entries). In
        float16 the function must give what it gives in float64, to float16's precision:
        float16 sums overflow past 65,504, so they must be accumulated in float32.
    axis : bool
        Whether the function takes ``axis`` (default -1) and must honour it on any batch shape.
    batch : bool
        Whether each slice along the leading axis is computed on its own, so that
        ``f(z)[i] == f(z[i])``; ``batch_mistake`` is the mistake a failure names.
    lists : bool
        Whether the main input may be a Python list.
    errors : tuple of Invalid
        Calls the text says must raise ``ValueError``.
    edges : tuple of Edge
        The edge cases the text names, with their answers.
    precision_sample : numpy.ndarray, optional
        A valid main input whose float64 results are not all float32 numbers (default:
        ``sample``). In float64 the function must not return only float32 numbers: that
        is float64 input computed in float32 and converted back.
    reference_rtol : float
        The relative tolerance of the hidden comparison with the reference on float64 and
        integer input (default 1e-9). A minimiser found from function values (a fitted
        temperature) is determined only to about the square root of float64's epsilon.
    wrap_sample : numpy.ndarray, optional
        A valid main input of whole numbers from -128 to 127 whose largest and smallest
        entries differ by more than 127 (e.g. ``[[-128, 127, 0]]``). Given as int8 it must
        give what the same numbers give in float64, and so must ``wrap_sample + 128`` as
        uint8 (0 to 255): arithmetic in int8 or uint8 wraps around.
    float16_sample : numpy.ndarray, optional
        A valid main input with many entries of general values. When given, the function's
        float16 result on it must be its own float32 result on the same numbers rounded once
        to float16 (up to a rare one-step tie): float16 input is computed in float32 and
        rounded once, at the end.
    values : str
        What the exercise's own checks verify about the values, for the line printed on a ✓.
    """

    exercise: str
    sample: np.ndarray
    call: Callable[[Any], tuple[tuple, dict]] = lambda z: ((z,), {})
    returns: str = "array"
    reduces: bool = False
    dtype: str | None = "float"
    integer_sample: np.ndarray | None = None
    long_row: np.ndarray | None = None
    axis: bool = False
    batch: bool = False
    batch_mistake: Mistake = BATCH_NOT_INDEPENDENT
    lists: bool = True
    errors: tuple[Invalid, ...] = ()
    edges: tuple[Edge, ...] = ()
    precision_sample: np.ndarray | None = None
    reference_rtol: float = 1e-9
    wrap_sample: np.ndarray | None = None
    float16_sample: np.ndarray | None = None
    values: str = "hand-worked values"

    def __post_init__(self):
        CONTRACTS[self.exercise] = self


def _outputs(result: Any) -> list[Any]:
    """The result as a list of outputs (one unless the function returns a tuple)."""
    return list(result) if isinstance(result, tuple) else [result]


def _shown(name: str, args: tuple, kwargs: Mapping) -> str:
    parts = [describe(a) for a in args] + [f"{k}={describe(v)}" for k, v in kwargs.items()]
    return f"{name}({', '.join(parts)})"


def _run(fn: Callable, contract: Contract, z: Any, **extra: Any) -> tuple[Any, str]:
    """Call ``fn`` on main input ``z`` the contract's way; return the result and the call shown."""
    __tracebackhide__ = True
    args, kwargs = contract.call(z)
    kwargs = {**kwargs, **extra}
    return call(fn, *args, **kwargs), _shown(contract.exercise, args, kwargs)


def _expect_type(result: Any, contract: Contract, shown: str, *, reduced_1d: bool = False) -> None:
    """Fail unless ``result`` has the kind of value the contract promises."""
    __tracebackhide__ = True
    if result is None:
        return  # `to_array` in the value checks reports a missing return
    kind = contract.returns
    if kind == "arrays":
        if not isinstance(result, tuple):
            raise _fail(
                f"return a tuple of NumPy arrays: {shown} returned {type(result).__name__}.",
                UNREADABLE_OUTPUT,
            )
        for part in result:
            if not isinstance(part, np.ndarray):
                raise _fail(
                    f"return NumPy arrays in the tuple: {shown} returned a "
                    f"{type(part).__name__} in it.",
                    RETURNED_LIST if isinstance(part, (list, tuple)) else UNREADABLE_OUTPUT,
                )
        return
    if isinstance(result, (list, tuple)):
        raise _fail(
            f"return a NumPy array, not a Python {type(result).__name__}: {shown} returned "
            f"{describe(result)}.",
            RETURNED_LIST,
        )
    scalar = kind == "scalar" or reduced_1d
    if scalar and isinstance(result, np.ndarray) and result.ndim == 0:
        raise _fail(
            f"return a number, not a 0-d array: {shown} returned {result!r}. "
            "Take it out with `.item()` or index it (`result[()]`).",
            RETURNED_0D_ARRAY,
        )
    if kind == "array" and not scalar and not isinstance(result, np.ndarray):
        raise _fail(
            f"return a NumPy array: {shown} returned {type(result).__name__} {describe(result)}.",
            UNREADABLE_OUTPUT,
        )


def _as_float(value: Any) -> np.ndarray:
    return np.asarray(value, dtype=np.float64)


def _agree(a: Any, b: Any, rtol: float, atol: float, *, floor: float = 1.0) -> bool:
    """Whether two results agree output by output (shapes, NaN and inf included).

    The absolute tolerance is ``atol`` times the largest finite magnitude of ``b``, or times
    ``floor`` when that is larger: with the default floor of 1, results of order 1 or less
    are compared to ``atol`` absolutely (rounding noise near 0 is not an error), while a
    floor near 0 makes small results count relatively.
    """
    a, b = _outputs(a), _outputs(b)
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        try:
            x, y = _as_float(x), _as_float(y)
        except (TypeError, ValueError):
            return False
        if x.shape != y.shape:
            return False
        with np.errstate(all="ignore"):
            scale = atol * max(floor, float(np.max(np.abs(y[np.isfinite(y)]), initial=0.0)))
            if not np.allclose(x, y, rtol=rtol, atol=scale, equal_nan=True):
                return False
    return True


def _probe_lists(fn, contract, z, base, base_shown) -> None:
    __tracebackhide__ = True
    try:
        result, shown = _run(fn, contract, z.tolist())
    except Exception as failure:
        text = str(getattr(failure, "problem", failure))
        raise _fail(
            f"accept a Python list: {text} The input was a list; convert it with np.asarray.",
            NOT_ARRAY_LIKE,
        ) from None
    if not _agree(result, base, 1e-12, 1e-12):
        raise _fail(
            f"accept a Python list: {shown} (a list) and {base_shown} (an array) differ.",
            NOT_ARRAY_LIKE,
        )


def _probe_dtypes(fn, contract, z, base) -> list[str]:
    """Integer input gives float64; float16/32/64 keep their dtype, with sensible values."""
    __tracebackhide__ = True
    ints = (
        contract.integer_sample
        if contract.integer_sample is not None
        else np.round(z).astype(np.int64)
    )
    result, shown = _run(fn, contract, ints)
    _expect_type(result, contract, shown)
    _expect_float_dtype(result, np.float64, f"{shown} (integer input)")

    for dtype, rtol in _FLOATS:
        result, shown = _run(fn, contract, z.astype(dtype))
        _expect_type(result, contract, shown)
        _expect_float_dtype(result, dtype, f"{shown} ({np.dtype(dtype).name} input)")
        if not _agree(result, base, rtol, rtol):
            raise _fail(
                f"compute in the input's dtype without losing accuracy: {shown} in "
                f"{np.dtype(dtype).name} is far from the same call in float64.",
                WRONG_VALUES,
            )
    verified = ["dtypes (int → float64, floats kept)"]
    return verified


def _expect_float_dtype(result: Any, dtype: Any, shown: str) -> None:
    """Fail unless every output of ``result`` is of ``dtype``, saying what usually causes it."""
    __tracebackhide__ = True
    want = np.dtype(dtype)
    for out in _outputs(result):
        got = np.asarray(out).dtype
        if got == want or got.kind not in "biuf":
            continue
        if got.kind in "biu":
            why = (
                "integer input must become float64 before any arithmetic "
                "(np.empty_like or np.zeros_like of an integer array stays integer)"
            )
        elif want == np.float16 and got == np.float32:
            why = (
                "computing float16 input in float32 is right, but round the result to "
                "float16 once, at the end (result.astype(np.float16))"
            )
        elif got.itemsize > want.itemsize:
            why = (
                "something in the computation is float64: an integer array such as "
                "np.arange(K), a NumPy scalar such as np.sqrt(d), or dtype=float; "
                "build helpers with dtype=z.dtype or cast the result once"
            )
        else:
            why = "computing in a wider dtype is fine, but round back once at the end"
        raise _fail(f"return {want.name}: {shown} returned {got.name}; {why}.", WRONG_DTYPE)


def _probe_small_integers(fn, contract, z) -> None:
    """Booleans and int8 are real numbers too (the course's conventions): float64 out.

    NumPy computes ``exp`` of int8 in float16 and refuses ``-`` on booleans, so an answer
    must convert them first. Run after the edges: such a slip often comes with another.
    """
    __tracebackhide__ = True
    ints = (
        contract.integer_sample
        if contract.integer_sample is not None
        else np.round(z).astype(np.int64)
    )
    small = [ints.astype(np.bool_)]
    if ints.size and np.all((ints >= -128) & (ints <= 127)):
        small.append(ints.astype(np.int8))
    for other in small:
        result, shown = _run(fn, contract, other)
        _expect_type(result, contract, shown)
        _expect_float_dtype(result, np.float64, f"{shown} ({other.dtype.name} input)")


def _probe_wraparound(fn, contract) -> None:
    """int8 and uint8 input give what the same whole numbers give in float64."""
    __tracebackhide__ = True
    values = np.asarray(contract.wrap_sample, dtype=np.int64)
    for small in (values.astype(np.int8), (values + 128).astype(np.uint8)):
        wide, _ = _run(fn, contract, small.astype(np.float64))
        result, shown = _run(fn, contract, small)
        if not _agree(result, wide, 1e-12, 1e-12):
            raise _fail(
                f"convert integer input to float64 first: {shown} ({small.dtype.name} input) "
                "is not what the same numbers give in float64.",
                INTEGER_WRAPAROUND,
            )


def _probe_long_row(fn, contract) -> None:
    """A long float16 row gives what it gives in float64, to float16's precision."""
    __tracebackhide__ = True
    long = np.asarray(contract.long_row)
    wide, _ = _run(fn, contract, long.astype(np.float64))
    result, shown = _run(fn, contract, long.astype(np.float16))
    # Relative to the results themselves (probabilities of 1/70,000 must not be 0), down to
    # float16's smallest subnormal, below which float64 rounding noise does not count.
    tiny = float(np.finfo(np.float16).smallest_subnormal)
    if not _agree(result, wide, 2e-2, 2e-2, floor=tiny / 2e-2):
        raise fail(
            f"{shown} (a row of {long.shape[-1]:,} float16 numbers) is far from the same call "
            "in float64.",
            FLOAT16_SUM,
        )


def _float_values(result: Any) -> np.ndarray:
    """Every finite value of every floating output of ``result``, flattened, in float64."""
    parts = [np.asarray(out) for out in _outputs(result)]
    parts = [p.astype(np.float64).ravel() for p in parts if p.dtype.kind == "f"]
    values = np.concatenate(parts) if parts else np.zeros(0)
    return values[np.isfinite(values)]


def _probe_float64_precision(fn, contract) -> None:
    """float64 input is computed in float64: its results are not all float32 numbers.

    A float64 result carries 53 significant bits; one computed in float32 and converted back
    carries 24, so every value of it is a float32 number. A correct result of general inputs
    is almost never one (``tests/test_contract.py`` proves it for every reference).
    """
    __tracebackhide__ = True
    z = np.asarray(
        contract.sample if contract.precision_sample is None else contract.precision_sample,
        dtype=np.float64,
    )
    result, shown = _run(fn, contract, z.copy())
    values = _float_values(result)
    values = values[values != 0]
    with np.errstate(all="ignore"):
        narrow = values.astype(np.float32).astype(np.float64) == values
    if values.size and narrow.all():
        raise fail(
            f"{shown} (float64 input) returned only float32 numbers (e.g. "
            f"{values[0]!r} = float32 {np.float32(values[0])!r}): it was computed in float32 "
            "and converted back.",
            FLOAT64_IN_FLOAT32,
        )


def _probe_float16_rounding(fn, contract) -> None:
    """float16 input is computed in float32 and rounded once: f(z16) == f(float32(z16)) → float16.

    Both calls are the learner's own. A correct answer rounds its float32 (or float64) result
    once, so it differs from its float32 result rounded to float16 only where that result lies
    within float32 rounding of a float16 tie: at most one float16 step, and rarely. Rounding an
    intermediate to float16 first moves a large share of the results by a step or more.
    """
    __tracebackhide__ = True
    z16 = np.asarray(contract.float16_sample).astype(np.float16)
    result, shown = _run(fn, contract, z16)
    wide, _ = _run(fn, contract, z16.astype(np.float32))
    pairs = list(zip(_outputs(result), _outputs(wide), strict=False))
    if sum(np.size(got) for got, _ in pairs) < 32 and z16.ndim >= 2 and len(z16) >= 4:
        # A reduction to one number (a mean loss) is one rounding: too few to tell rounding
        # once from twice. Call it on batches of two rows instead, one number each.
        pairs = []
        for start in range(0, len(z16) - 1, 2):
            part, shown = _run(fn, contract, z16[start : start + 2])
            wide_part, _ = _run(fn, contract, z16[start : start + 2].astype(np.float32))
            pairs += list(zip(_outputs(part), _outputs(wide_part), strict=False))
        shown += f" and on the other {len(z16) // 2 - 1} pairs of rows of the same batch"
    off = total = 0
    first = None  # (got, want) at the first result off by a step, preferring a far one
    for got, want in pairs:
        got, want = np.asarray(got), np.asarray(want)
        if got.dtype != np.float16 or got.shape != want.shape:
            continue  # the dtype and shape probes speak of these
        want = want.astype(np.float16)
        same = (got == want) | (np.isnan(got) & np.isnan(want))
        # Steps between float16 numbers of one sign: the difference of their bit patterns.
        steps = np.abs(got.view(np.int16).astype(np.int64) - want.view(np.int16).astype(np.int64))
        total += got.size
        off += int((~same).sum())
        far = ~same & (steps > 1)
        for mask, is_far in ((far, True), (~same, False)):
            if mask.any() and (first is None or (is_far and not first[2])):
                index = tuple(int(i) for i in np.argwhere(mask)[0])
                first = (got[index], want[index], is_far)
    if first is not None and (first[2] or off > max(1, total // 50)):
        raise fail(
            f"{shown} (float16 input) holds {str(first[0])} where the same call on the same numbers "
            f"in float32, rounded to float16 once, gives {str(first[1])}: {off} of {total} results "
            "are off by a float16 step or more, so something was rounded to float16 before "
            "the end.",
            FLOAT16_DOUBLE_ROUNDING,
        )


def _probe_axis(fn, contract, z) -> None:
    """``f(moveaxis(z3, -1, a), axis=a)`` must be ``f(z3)`` with the axis moved the same way."""
    __tracebackhide__ = True
    z3 = np.stack([z, z[::-1] * 0.5 + 0.25])  # (2, N, K): classes along the last axis
    base, _ = _run(fn, contract, z3)
    for axis in (0, 1, -2):
        moved = np.ascontiguousarray(np.moveaxis(z3, -1, axis))
        result, shown = _run(fn, contract, moved, axis=axis)
        expected = [
            out if contract.reduces else np.moveaxis(np.asarray(out), -1, axis)
            for out in _outputs(base)
        ]
        if not _agree(result, tuple(expected) if len(expected) > 1 else expected[0], 1e-9, 1e-12):
            raise _fail(
                f"work along `axis` in every step: {shown} on a (2, 3, K) input with its classes "
                f"moved to axis {axis} is not the default-axis result moved the same way.",
                WRONG_AXIS,
            )


def _probe_batch(fn, contract, z, base, base_shown) -> None:
    """Each row of a batch gives what it gives on its own."""
    __tracebackhide__ = True
    rows = [_outputs(base)]
    for i in range(z.shape[0]):
        result, shown = _run(fn, contract, z[i].copy())
        whole = tuple(np.asarray(out)[i] for out in rows[0])
        if not _agree(result, whole if len(whole) > 1 else whole[0], 1e-9, 1e-12):
            raise _fail(
                f"treat each row on its own: {shown} (row {i} alone) differs from row {i} "
                f"of {base_shown}.",
                contract.batch_mistake,
            )


def _probe_edge(fn, contract, edge: Edge) -> None:
    __tracebackhide__ = True
    args, kwargs = copy.deepcopy((edge.args, dict(edge.kwargs)))
    try:
        result = call(fn, *args, **kwargs)
    except CheckFailed as failure:
        if failure.tag != RAISED_ERROR.tag:
            raise
        # An edge is valid input: say so first (an empty batch refused, float16 refused, ...).
        raise _fail(
            f"accept {edge.what}: {failure.problem}", edge.refused or RAISED_ERROR
        ) from None
    shown = f"{_shown(contract.exercise, args, kwargs)} ({edge.what})"
    reduced_1d = not isinstance(result, tuple) and np.ndim(result) == 0  # tuples: ragged
    _expect_type(result, contract, shown, reduced_1d=reduced_1d)
    expected = edge.expected if isinstance(edge.expected, tuple) else (edge.expected,)
    outputs = _outputs(result)
    if len(outputs) != len(expected):
        raise _fail(
            f"return {len(expected)} values: {shown} returned {len(outputs)}.", WRONG_VALUES
        )
    for out, want in zip(outputs, expected, strict=True):
        if edge.dtype is not None:
            _expect_float_dtype(out, edge.dtype, shown)
        want = np.asarray(want)
        got = np.asarray(out)
        if got.shape != want.shape:
            raise _fail(
                f"handle {edge.what}: {shown} has shape {got.shape}, but it should have "
                f"shape {want.shape}.",
                edge.mistake,
            )
        if want.dtype == bool:
            if not np.array_equal(got, want):
                raise _fail(f"handle {edge.what}: {shown} returned {describe(got)}.", edge.mistake)
            continue
        try:
            expect_close(got, want, shown, edge.mistake, rtol=edge.rtol, atol=edge.atol)
        except AssertionError as failure:
            # A float64 result of float32 numbers names its own mistake, whatever the edge.
            if failure.mistake is FLOAT64_IN_FLOAT32:
                raise fail(failure.problem, FLOAT64_IN_FLOAT32) from None
            # A named mistake's fix goes first (what to change), then the edge.
            raise fail(f"handle {edge.what}: {failure.problem}", edge.mistake) from None


def _compare_with_reference(fn, reference, contract) -> None:
    """Hidden: every probe's input, through the learner's function and the reference."""
    __tracebackhide__ = True
    z = contract.sample
    ints = contract.integer_sample
    inputs = [(z, {}), (np.round(z).astype(np.int64) if ints is None else ints, {})]
    inputs += [(z.astype(dtype), {}) for dtype, _ in _FLOATS]
    if contract.axis:
        z3 = np.stack([z, z[::-1] * 0.5 + 0.25])
        inputs += [(np.ascontiguousarray(np.moveaxis(z3, -1, a)), {"axis": a}) for a in (0, 1)]
    tolerance = {np.dtype(np.float16): 1e-3, np.dtype(np.float32): 1e-6}
    for main, extra in inputs:
        args, kwargs = contract.call(main)
        kwargs = {**kwargs, **extra}
        want = reference(*copy.deepcopy(args), **copy.deepcopy(kwargs))
        got = call(fn, *args, **kwargs)
        rtol = max(tolerance.get(np.asarray(main).dtype, 0.0), contract.reference_rtol)
        if not _agree(got, want, rtol, rtol):
            shown = _shown(contract.exercise, args, kwargs)
            raise _fail(
                f"{shown} differs from the reference answer{_first_difference(got, want, rtol)}.",
                WRONG_VALUES,
            )


def _first_difference(got: Any, want: Any, rtol: float) -> str:
    """': at index i it holds a where b is correct', for the first element that differs."""
    for x, y in zip(_outputs(got), _outputs(want), strict=False):
        try:
            x, y = np.asarray(x), _as_float(y)
            wide = x.astype(np.float64)
        except (TypeError, ValueError):
            return ""
        if wide.shape != y.shape:
            return ""
        with np.errstate(all="ignore"):
            scale = rtol * max(1.0, float(np.max(np.abs(y[np.isfinite(y)]), initial=0.0)))
            bad = ~np.isclose(wide, y, rtol=rtol, atol=scale, equal_nan=True)
        if bad.any():
            index = tuple(int(i) for i in np.argwhere(bad)[0])
            where = f" at index {index}" if index else ""
            return f":{where} " + contrast(wide[index], y[index], x.dtype, reveal=True)
    return ""


def _axis_out_of_range(contract: Contract) -> list[Invalid]:
    """``axis = ndim`` and ``axis = -ndim - 1`` on the sample, each unless the contract has it.

    Both sides: a range check of one side followed by ``axis % ndim`` turns -3 on a 2-D
    array silently into axis 1.
    """
    z = np.asarray(contract.sample)
    args, kwargs = contract.call(z)
    declared = {(np.ndim(i.args[0]), i.kwargs.get("axis")) for i in contract.errors if i.args}
    return [
        Invalid(
            f"axis {axis} of a {z.ndim}-D array",
            args,
            {**kwargs, "axis": axis},
            mistake=AXIS_OUT_OF_RANGE,
        )
        for axis in (z.ndim, -z.ndim - 1)
        if (z.ndim, axis) not in declared
    ]


def _errors_verified(errors: list[Invalid]) -> list[str]:
    """'ValueError (a, b)', and 'TypeError or ValueError (c)' where either is accepted."""
    groups: dict[str, list[str]] = {}
    for invalid in errors:
        kinds = invalid.exception if isinstance(invalid.exception, tuple) else (invalid.exception,)
        name = " or ".join(sorted(kind.__name__ for kind in kinds))
        groups.setdefault(name, []).append(invalid.what)
    return [f"{name} ({', '.join(whats)})" for name, whats in groups.items()]


def check_contract(
    fn: Callable, contract: Contract, reference: Callable | None = None
) -> list[str]:
    """Run every probe of ``contract`` on the learner's ``fn``; return what was verified.

    Raises
    ------
    autograder.feedback.CheckFailed
        At the first broken rule, with a message whose first words say what to change.
    """
    __tracebackhide__ = True
    z = np.asarray(contract.sample)
    verified = []
    base, base_shown = _run(fn, contract, z.copy())
    _expect_type(base, contract, base_shown)
    if contract.lists:
        _probe_lists(fn, contract, z, base, base_shown)
        verified.append("lists")
    if contract.batch:
        _probe_batch(fn, contract, z, base, base_shown)
        verified.append("batches")
    if contract.axis:
        _probe_axis(fn, contract, z)
        verified.append("`axis`")
    if contract.dtype == "float":
        verified += _probe_dtypes(fn, contract, z, base)
    errors = [i for i in contract.errors if reference is not None or not i.hidden]
    if contract.axis:
        errors += _axis_out_of_range(contract)
    for invalid in errors:
        expect_raises(
            fn,
            invalid.args,
            dict(invalid.kwargs),
            why=invalid.what,
            exception=invalid.exception,
            mistake=invalid.mistake,
        )
    if errors:
        verified += _errors_verified(errors)
    edges = [e for e in contract.edges if reference is not None or not e.hidden]
    for edge in edges:
        _probe_edge(fn, contract, edge)
    if edges:
        verified.append("edges (" + ", ".join(e.what for e in edges) + ")")
    if contract.dtype == "float":
        _probe_small_integers(fn, contract, z)
        verified.append("bool and int8 input")
    if contract.wrap_sample is not None:
        _probe_wraparound(fn, contract)
        verified.append("int8 and uint8 without wrap-around")
    if contract.long_row is not None:
        # Last: a float16 slip often comes with another mistake, which should be named first.
        _probe_long_row(fn, contract)
        verified.append("a long float16 row")
    if contract.dtype == "float":
        # After every other probe: a float32 or float16 slip is named only when nothing else is.
        _probe_float64_precision(fn, contract)
        verified.append("float64 precision")
    if contract.float16_sample is not None:
        _probe_float16_rounding(fn, contract)
        verified.append("float16 rounded once")
    if reference is not None:
        _compare_with_reference(fn, reference, contract)
    verified.append("inputs untouched")
    return verified
