"""Mistakes that any exercise can make.

Mistakes that belong to one exercise (a missing max shift, a mask applied after the softmax)
are defined beside that exercise's checks; the ones here are about calling conventions that
every exercise shares: returning something, not modifying the input, keeping the dtype,
rejecting invalid arguments.
"""

from autograder.feedback import Mistake

NOT_IMPLEMENTED = Mistake(
    "not-implemented",
    "Replace `raise NotImplementedError()` with your code, then run the cell that defines "
    "the function again before this check.",
)
RAISED_ERROR = Mistake(
    "raised-error",
    "Your function raised an error on a valid input. Read the error above: it names the "
    "line and the operation that failed.",
    fix="make it run on this valid input",
)
MISSING_RETURN = Mistake(
    "missing-return",
    "Your function returned None: did you forget the `return` statement?",
    fix="add the missing `return`",
)
MODIFIED_INPUT = Mistake(
    "modified-input",
    "Your function changed the array it was given (for example `z -= z.max()`). Work on a "
    "new array instead (`z = z - z.max()`) so that the caller's data stays as it was.",
    fix="leave the input unchanged",
)
WRONG_SHAPE = Mistake(
    "wrong-shape",
    "The result must have the shape the exercise asks for. Check which axis you reduce over "
    "and whether you keep it (`keepdims=True`) where the result must broadcast.",
    fix="return the shape asked for",
)
WRONG_DTYPE = Mistake(
    "wrong-dtype",
    "Keep the input's floating dtype (float16/32/64 in, the same out) and promote integer "
    "input to float64, e.g. with `np.asarray(z)` then `z.astype(np.float64)` for integers. "
    "What usually breaks it: an integer helper array (`np.arange(K)` is int64, and int64 with "
    "float32 gives float64), a NumPy float64 scalar (`np.sqrt(d)`; a Python float such as "
    "`math.sqrt(d)` adapts to the array), or `np.empty_like` of integer input. Build helpers "
    "with `dtype=z.dtype`, or cast the result once with `.astype(z.dtype)`.",
    fix="keep the input's dtype",
)
NO_VALUE_ERROR = Mistake(
    "no-value-error",
    "An invalid argument must raise a `ValueError` with a clear message, never return a "
    "silent wrong answer. Validate the arguments at the top of the function.",
    fix="raise ValueError",
)
AXIS_OUT_OF_RANGE = Mistake(
    "axis-out-of-range",
    "An `axis` must lie in [-ndim, ndim): for a 2-D array, axis 2 and axis -3 are both out "
    "of range. Checking one side only and then taking `axis % z.ndim` turns -3 silently into "
    "axis 1. Check `-z.ndim <= axis < z.ndim` first, or let a NumPy reduction along `axis` "
    "(np.max(z, axis=axis)) raise its own error, a ValueError.",
    fix="raise ValueError",
)
NOT_ARRAY_LIKE = Mistake(
    "not-array-like",
    "Accept any array-like (a list, a tuple, a NumPy array): convert the input with "
    "`np.asarray` first.",
    fix="accept any array-like",
)
UNREADABLE_OUTPUT = Mistake(
    "unreadable-output",
    "The result could not be read as an array of numbers of the expected form. Return a "
    "NumPy array (or the exact type the exercise asks for).",
    fix="return the kind of value asked for",
)
WRONG_VALUES = Mistake(
    "wrong-values",
    "The numbers differ from the correct ones on this input; work the case out by hand and "
    "compare it with your function's output step by step.",
)

# Mistakes about axes and normalisation, shared by every softmax-like exercise.
GLOBAL_NORMALISATION = Mistake(
    "global-normalisation",
    "You normalised over the whole array. Sum along `axis` only, with `keepdims=True`, so "
    "that every row (every slice along `axis`) sums to 1 on its own.",
    fix="normalise along `axis` only",
)
WRONG_AXIS = Mistake(
    "wrong-axis",
    "You reduced along a different axis than the one asked for. Use the `axis` argument "
    "(default -1, the last axis) in every reduction: `max`, `sum`, `logsumexp`.",
    fix="work along `axis` in every step",
)
MISSING_KEEPDIMS = Mistake(
    "missing-keepdims",
    "A reduced array lost its axis and broadcast against the wrong one. Reduce with "
    "`keepdims=True` so that the result lines up with the input along `axis`.",
    fix="reduce with keepdims=True",
)
NO_MAX_SHIFT = Mistake(
    "no-max-shift",
    "exp overflows for large logits (exp(1000) is inf, and inf/inf is NaN). Subtract the "
    "maximum along `axis` before exponentiating: softmax does not change under a shift.",
    fix="subtract the max along `axis` first",
)
GLOBAL_MAX_SHIFT = Mistake(
    "global-max-shift",
    "You subtracted the maximum of the whole array. A row far below the global maximum then "
    "underflows to all zeros; subtract each row's own maximum (along `axis`, keepdims=True).",
    fix="subtract each slice's own max",
)

# Mistakes about what a function returns and how it treats a batch, found by the contract
# probes that every exercise shares (autograder.contract).
RETURNED_LIST = Mistake(
    "returned-list",
    "Return a NumPy array, not a Python list or tuple: a list loses the dtype (float32 comes "
    "back as float64) and cannot be used in array arithmetic. Build the result with NumPy "
    "operations, or convert it once with `np.asarray(result, dtype=...)`.",
    fix="return a NumPy array",
)
RETURNED_0D_ARRAY = Mistake(
    "returned-0d-array",
    "For one number, return a number: a 0-d array (what `np.where`, `np.asarray` or "
    "`np.array(x)` make of a scalar) is not a scalar. Use `result[()]` or `result.item()`, or "
    "a reduction such as `np.sum(...)`, which returns a NumPy scalar.",
    fix="return a number, not a 0-d array",
)
BATCH_NOT_INDEPENDENT = Mistake(
    "batch-not-independent",
    "Each row of a batch must give exactly what it gives on its own: a reduction over the "
    "whole array (a global `max`, `sum` or `mean` without `axis`) mixes the rows. Reduce "
    "along `axis` with `keepdims=True`.",
    fix="treat each row on its own",
)
FLOAT16_SUM = Mistake(
    "float16-sum-overflow",
    "float16 holds nothing above 65,504, so a float16 sum of many terms (65,520 ones, the "
    "logs of 8,000 probabilities) overflows to inf, and it rounds at every step. Compute "
    "float16 input in float32 (`z.astype(np.float32)`, or `dtype=np.float32` in the "
    "reduction) and round the result back to float16 once, at the end.",
    fix="compute float16 input in float32",
)

# Mistakes about precision, found by the contract probes on float64 and float16 input.
FLOAT64_IN_FLOAT32 = Mistake(
    "float64-computed-in-float32",
    "float64 input must be computed in float64: converting it to float32 (to save memory, "
    "or to treat every dtype like float16) and back keeps the dtype but loses half the "
    "digits (a relative error near 1e-8 instead of 1e-16). Widen only float16, to float32; "
    "compute float32 and float64 input in their own dtype.",
    fix="compute float64 input in float64",
)
INTEGER_WRAPAROUND = Mistake(
    "integer-wraparound",
    "Integer input is converted to float64 before any arithmetic: NumPy computes int8 and "
    "uint8 arrays in their own dtype, where a difference wraps around (uint8 0 - 255 is 1, "
    "int8 -128 - 127 is 1), so the maximum shift turns a large gap into a small one. Start "
    "with `z = as_float_array(z)` (or `np.asarray(z, dtype=float)` for integers).",
    fix="convert integer input to float64 first",
)
FLOAT16_DOUBLE_ROUNDING = Mistake(
    "float16-double-rounding",
    "float16 input is computed in float32 and rounded to float16 once, at the end. Rounding "
    "an intermediate result to float16 first (exp of float16 input is float16; an "
    "`.astype(np.float16)` mid-way) and rounding again at the end makes many results one "
    "float16 step off. Convert the input with `z.astype(np.float32)` before any arithmetic.",
    fix="round float16 once, at the end",
)
