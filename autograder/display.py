"""Show a failed check as its message alone, not as a traceback through the checks' code.

In a notebook, a :class:`~autograder.feedback.CheckFailed` would otherwise print a traceback
through ``autograder``'s internals above the message that matters. IPython lets a package
handle its own exception types: this handler prints just ``CheckFailed: <message>``. The cell
still ends in an error, so nbgrader still counts the test as failed.
"""

from __future__ import annotations

from autograder.feedback import CheckFailed


def _brief_traceback(shell, etype, value, tb, tb_offset=None):
    lines = [f"\x1b[0;31m{etype.__name__}\x1b[0m: {value}"]
    shell._showtraceback(etype, value, lines)
    return lines


def show_check_failures_briefly() -> bool:
    """Install the handler in the running IPython shell; return whether there was one.

    Examples
    --------
    >>> show_check_failures_briefly()  # outside IPython: nothing to do
    False
    """
    try:
        from IPython import get_ipython
    except ImportError:  # the checks also run without IPython (plain Python, pytest)
        return False
    shell = get_ipython()
    if shell is None:
        return False
    shell.set_custom_exc((CheckFailed,), _brief_traceback)
    return True
