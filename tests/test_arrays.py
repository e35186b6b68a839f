"""``as_float_array``: the course's input convention, which learners may call in one line."""

import numpy as np
import pytest

import autograder
from autograder.arrays import as_float_array


def test_it_is_exported_for_learners():
    assert autograder.as_float_array is as_float_array


@pytest.mark.parametrize(
    "x, shape",
    [([1, 2, 3], (3,)), ([[0, 1], [2, 3]], (2, 2)), ((1, 2), (2,)), (7, ()), ([], (0,))],
)
def test_integers_and_lists_become_float64_of_the_same_shape(x, shape):
    out = as_float_array(x)
    assert isinstance(out, np.ndarray)
    assert out.dtype == np.float64 and out.shape == shape
    assert np.array_equal(out, np.asarray(x, dtype=np.float64))


@pytest.mark.parametrize("dtype", [np.int8, np.int32, np.int64, np.uint8, np.uint64, np.bool_])
def test_integer_and_boolean_arrays_become_float64(dtype):
    x = np.array([0, 1, 1], dtype=dtype)
    out = as_float_array(x)
    assert out.dtype == np.float64
    assert np.array_equal(out, [0.0, 1.0, 1.0])


def test_python_scalars_become_0d_float64_arrays():
    for x in (True, 3, 2.5):
        out = as_float_array(x)
        assert isinstance(out, np.ndarray) and out.shape == () and out.dtype == np.float64
        assert out == float(x)


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_floats_keep_their_dtype_and_are_not_copied(dtype):
    x = np.array([[-1.5, 0.0], [np.inf, np.nan]], dtype=dtype)
    out = as_float_array(x)
    assert out is x  # no copy of the caller's array
    assert out.dtype == dtype


def test_numpy_float_scalars_keep_their_dtype():
    assert as_float_array(np.float32(1.5)).dtype == np.float32
    assert as_float_array(np.float16(1.5)).dtype == np.float16


def test_views_and_non_contiguous_arrays_are_passed_through():
    base = np.arange(12.0).reshape(3, 4)
    view = base[:, ::2].T
    assert as_float_array(view) is view


def test_the_input_is_never_modified():
    x = np.array([3, 1, 2])
    before = x.copy()
    out = as_float_array(x)
    out[0] = 100.0  # a converted array is a new array: writing to it leaves x alone
    assert np.array_equal(x, before) and x.dtype == before.dtype
    y = [1, 2, 3]
    as_float_array(y)
    assert y == [1, 2, 3]


@pytest.mark.parametrize(
    "x",
    [
        [1 + 2j, 3],
        np.array([1.0, 2.0], dtype=np.complex64),
        ["1", "2"],
        "abc",
        [object(), 1],
        np.array([1, None], dtype=object),
        np.array(["2024-01-01"], dtype="datetime64[D]"),
        np.array([1], dtype="timedelta64[s]"),
        [[1, 2], [3]],
        {1: 2},
    ],
    ids=[
        "complex list",
        "complex64",
        "strings",
        "a string",
        "objects",
        "object array",
        "dates",
        "durations",
        "ragged",
        "a dict",
    ],
)
def test_non_real_input_raises_a_value_error(x):
    with pytest.raises(ValueError, match="z "):
        as_float_array(x)


def test_the_error_names_the_argument_and_the_dtype():
    with pytest.raises(ValueError, match=r"^logits must hold real numbers, got .*complex128"):
        as_float_array([1j], name="logits")
    with pytest.raises(ValueError, match=r"^X cannot be read as an array of numbers"):
        as_float_array([[1, 2], [3]], name="X")
