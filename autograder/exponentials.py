"""Watch the exponentials an answer takes, to see *how* it computed, not only what.

Online softmax and tiled attention give the same numbers as a two-pass softmax; what sets
them apart is the process: when a single pass exponentiates the first block, it knows only
the maximum of that block. :func:`exponentials` calls a learner's function and records the
argument of every exponential it takes, in natural-log units, whichever of the usual routes
it uses:

* ``np.exp``, ``np.exp2``, ``np.expm1``, ``np.power`` / ``np.float_power`` with base e,
  ``np.e ** x`` and ``math.exp``, ``math.expm1``, ``math.pow(math.e, x)``, ``math.e ** x``;
* ``np.logaddexp(a, b)`` (it exponentiates ``-|a - b|``) and ``np.logaddexp.reduce(x)``
  (``x - max(x)``);
* SciPy's ``special.softmax``, ``special.log_softmax`` and ``special.logsumexp`` (each
  exponentiates ``x - max(x)``) and ``special.exp2``, ``exp10``, ``expm1``, when SciPy is
  already imported.

It does so by swapping, for the duration of one call, the names in the function's global
namespace (and in its default arguments and closure) that refer to ``numpy``, ``math``,
``scipy``, ``scipy.special`` or to one of those functions for stand-ins that record and then
do exactly what the original does. Nothing
else changes: the learner may convert, slice, loop and reduce as they like. Exponentials
taken another way (a literal ``2.718 ** x``, another library) are not seen: a caller that
sees nothing must accept, since it cannot tell.
"""

from __future__ import annotations

import math
import sys
import types

import numpy as np

from autograder.harness import call

__all__ = ["exponentials"]


class _Spied(types.ModuleType):
    """A stand-in for a module: some attributes replaced, the rest read from the module."""

    def __init__(self, module, replaced: dict):
        super().__init__(module.__name__)
        self._module = module
        self.__dict__.update(replaced)

    def __getattr__(self, name):
        return getattr(self._module, name)


class _Recorder:
    """Where the arguments go: each call's argument, flattened to float64."""

    def __init__(self):
        self.seen: list[np.ndarray] = []

    def note(self, x, scale: float = 1.0) -> None:
        try:
            values = np.array(x, dtype=np.float64).ravel()
        except (TypeError, ValueError):
            return
        self.seen.append(values * scale if scale != 1.0 else values)

    def note_shifted(self, x, axis=None) -> None:
        """Record ``x - max(x)`` along ``axis``: what a stable softmax or lse exponentiates."""
        try:
            x = np.array(x, dtype=np.float64)
            top = np.max(x, axis=axis, keepdims=True, initial=-np.inf)
        except (TypeError, ValueError, np.exceptions.AxisError):
            return
        with np.errstate(invalid="ignore"):
            self.note(x - np.where(np.isfinite(top), top, 0.0))


def _is_e(base) -> bool:
    try:
        return bool(np.all(np.asarray(base, dtype=np.float64) == math.e))
    except (TypeError, ValueError):
        return False


class _RecordingE(float):
    """Euler's number, which records the exponent it is raised to."""

    recorder: _Recorder

    def __pow__(self, x, *modulo):
        self.recorder.note(x)
        return (
            float(self).__pow__(x, *modulo)
            if not isinstance(x, np.ndarray)
            else np.power(float(self), x)
        )


class _LogAddExp:
    """``np.logaddexp`` that records what it exponentiates, for calls and ``.reduce``."""

    def __init__(self, recorder: _Recorder):
        self._recorder = recorder

    def __call__(self, a, b, *args, **kwargs):
        try:
            gap = -np.abs(np.subtract(a, b, dtype=np.float64))
        except (TypeError, ValueError):
            gap = None
        if gap is not None:
            self._recorder.note(np.where(np.isnan(gap), 0.0, gap))
        return np.logaddexp(a, b, *args, **kwargs)

    def reduce(self, x, axis=0, *args, **kwargs):
        self._recorder.note_shifted(x, axis=axis)
        return np.logaddexp.reduce(x, axis, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(np.logaddexp, name)


def _stand_ins(recorder: _Recorder) -> dict[int, object]:
    """Recording stand-ins, keyed by the ``id`` of the object each replaces."""
    note = recorder.note

    def np_exp(x, *args, **kwargs):
        note(x)
        return np.exp(x, *args, **kwargs)

    def np_exp2(x, *args, **kwargs):
        note(x, scale=math.log(2.0))
        return np.exp2(x, *args, **kwargs)

    def np_expm1(x, *args, **kwargs):
        note(x)
        return np.expm1(x, *args, **kwargs)

    def np_power(base, x, *args, **kwargs):
        if _is_e(base):
            note(x)
        return np.power(base, x, *args, **kwargs)

    def np_float_power(base, x, *args, **kwargs):
        if _is_e(base):
            note(x)
        return np.float_power(base, x, *args, **kwargs)

    def math_exp(x):
        note(x)
        return math.exp(x)

    def math_expm1(x):
        note(x)
        return math.expm1(x)

    def math_pow(base, x):
        if _is_e(base):
            note(x)
        return math.pow(base, x)

    e = _RecordingE(math.e)
    e.recorder = recorder
    logaddexp = _LogAddExp(recorder)
    numpy_functions = {
        "exp": np_exp,
        "exp2": np_exp2,
        "expm1": np_expm1,
        "power": np_power,
        "float_power": np_float_power,
        "logaddexp": logaddexp,
        "e": e,
    }
    math_functions = {"exp": math_exp, "expm1": math_expm1, "pow": math_pow, "e": e}
    stand_ins: dict[int, object] = {
        id(np): _Spied(np, numpy_functions),
        id(math): _Spied(math, math_functions),
    }
    for module, functions in ((np, numpy_functions), (math, math_functions)):
        for name, stand_in in functions.items():
            stand_ins[id(getattr(module, name))] = stand_in

    special = sys.modules.get("scipy.special")
    if special is not None:  # only if the learner's kernel has imported it already

        def shifted(original):
            def stand_in(x, *args, axis=None, **kwargs):
                recorder.note_shifted(x, axis=axis)
                return original(x, *args, axis=axis, **kwargs)

            return stand_in

        def scaled(original, scale):
            def stand_in(x, *args, **kwargs):
                note(x, scale=scale)
                return original(x, *args, **kwargs)

            return stand_in

        special_functions = {
            name: shifted(getattr(special, name))
            for name in ("softmax", "log_softmax", "logsumexp")
        }
        special_functions.update(
            exp2=scaled(special.exp2, math.log(2.0)),
            exp10=scaled(special.exp10, math.log(10.0)),
            expm1=scaled(special.expm1, 1.0),
        )
        spied_special = _Spied(special, special_functions)
        stand_ins[id(special)] = spied_special
        stand_ins[id(sys.modules["scipy"])] = _Spied(
            sys.modules["scipy"], {"special": spied_special}
        )
        for name, stand_in in special_functions.items():
            stand_ins[id(getattr(special, name))] = stand_in
    return stand_ins


def exponentials(fn, args: tuple) -> tuple[object, list[np.ndarray]]:
    """Call ``fn(*args)`` and record the argument of every exponential it takes.

    Parameters
    ----------
    fn : callable
        The learner's function. Names in ``fn.__globals__`` (shared by helpers defined beside
        it) that refer to ``numpy``, ``math``, ``scipy``, ``scipy.special`` or to one of the
        exponential routes listed in the module docstring are swapped for recording
        stand-ins during the call, and put back afterwards, even if the call fails.
    args : tuple
        The positional arguments. The call goes through :func:`autograder.harness.call`, so
        an exception becomes a check failure that names it.

    Returns
    -------
    result : object
        What ``fn`` returned.
    seen : list of ndarray of float64
        One flat array per exponential call, in call order: its argument in natural-log
        units (``exp2(x)`` is recorded as ``x · ln 2``).

    Examples
    --------
    >>> def softmax_two_pass(z):
    ...     e = np.exp2((z - z.max()) / np.log(2))
    ...     return e / e.sum()
    >>> _, seen = exponentials(softmax_two_pass, (np.array([0.0, 1.0]),))
    >>> np.round(seen[0], 12)
    array([-1.,  0.])
    """
    __tracebackhide__ = True
    recorder = _Recorder()
    stand_ins = _stand_ins(recorder)
    namespace = getattr(fn, "__globals__", {})
    swapped = {k: v for k, v in namespace.items() if id(v) in stand_ins}
    # Defaults (``def f(z, exp=np.exp)``) and closure cells hold references of their own.
    defaults = getattr(fn, "__defaults__", None)
    kwdefaults = getattr(fn, "__kwdefaults__", None)
    cells = [c for c in getattr(fn, "__closure__", None) or () if _filled(c)]
    cells = [(c, c.cell_contents) for c in cells if id(c.cell_contents) in stand_ins]
    try:
        namespace.update({k: stand_ins[id(v)] for k, v in swapped.items()})
        if defaults:
            fn.__defaults__ = tuple(stand_ins.get(id(v), v) for v in defaults)
        if kwdefaults:
            fn.__kwdefaults__ = {k: stand_ins.get(id(v), v) for k, v in kwdefaults.items()}
        for cell, value in cells:
            cell.cell_contents = stand_ins[id(value)]
        result = call(fn, *args)
    finally:
        namespace.update(swapped)
        if defaults:
            fn.__defaults__ = defaults
        if kwdefaults:
            fn.__kwdefaults__ = kwdefaults
        for cell, value in cells:
            cell.cell_contents = value
    return result, recorder.seen


def _filled(cell) -> bool:
    try:
        cell.cell_contents  # noqa: B018 (an empty cell raises ValueError)
    except ValueError:
        return False
    return True
