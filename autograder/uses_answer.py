"""Let a notebook's later cells use the learner's answers before those answers exist.

Some cells after an exercise put the learner's own function to work (training a model with
it, sampling text with it). In a fresh student notebook that function still raises
``NotImplementedError``; a traceback there would read as a fault of the notebook, and the
course's tests require a blank student notebook to fail only in its graded test cells.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def uses_answer(*names: str) -> Iterator[None]:
    """Run a block that calls the learner's answers; if one is not written yet, say so.

    Parameters
    ----------
    *names : str
        The names of the exercises the block calls, for the message.

    Notes
    -----
    Only ``NotImplementedError`` (the stub of an unwritten answer) is caught, and the rest of
    the block is skipped. Any other error of the learner's code is shown as it is: it is
    something to fix.

    Examples
    --------
    >>> def train():
    ...     raise NotImplementedError()
    >>> with uses_answer("train"):
    ...     train()
    ...     print("not reached")
    This cell uses your `train`: write it in its exercise, run its check, then run this cell again.
    >>> with uses_answer("fit", "scale", "score"):
    ...     fit()
    Traceback (most recent call last):
    NameError: name 'fit' is not defined
    >>> def fit():
    ...     raise NotImplementedError()
    >>> with uses_answer("fit", "scale", "score"):
    ...     fit()
    This cell uses your `fit`, `scale` and `score`: write them in their exercises, run their checks, then run this cell again.
    >>> with uses_answer("train", "predict"):
    ...     print("written")
    written
    """
    try:
        yield
    except NotImplementedError:
        quoted = [f"`{name}`" for name in names] or ["answers"]
        listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
        print(
            f"This cell uses your {listed}: write them in their exercises, run their "
            "checks, then run this cell again."
            if len(names) > 1
            else f"This cell uses your {listed}: write it in its exercise, run its check, "
            "then run this cell again."
        )
