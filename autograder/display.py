"""Show a failed check as its message alone, not as a traceback through the checks' code.

In a notebook, a :class:`~autograder.feedback.CheckFailed` would otherwise print a traceback
through ``autograder``'s internals above the message that matters. IPython lets a package
handle its own exception types: this handler prints just ``CheckFailed: <message>``. The cell
still ends in an error, so nbgrader still counts the test as failed.

The message is wrapped at :data:`WIDTH` characters: nbgrader's Validate dialog cuts every line
of a failure at 87 characters (its ``Validator.width`` of 90 less "..."), so a message on one
long line would lose everything after its first few words.
"""

from __future__ import annotations

import re
import textwrap

from autograder.feedback import CheckFailed

#: Widest line of a failure as shown: nbgrader's validator indents by 4 and cuts at 87.
WIDTH = 82


#: The ``[mistake: tag]`` a message ends with: for the instructor's class report, which reads
#: it from the error's value; the learner's display leaves it out.
_TAG = re.compile(r"\s*\[mistake: [\w-]+\]")


def brief_lines(name: str, message: str) -> list[str]:
    """The lines of a failure as a learner sees them, none wider than :data:`WIDTH`.

    The ``[mistake: tag]`` at the end is left out: it counts mistakes across a class (the
    error's value keeps it), and means nothing to the learner.

    Examples
    --------
    >>> lines = brief_lines("CheckFailed", "`softmax`: normalise along `axis`: " + "x " * 60)
    >>> lines[0]
    'CheckFailed: `softmax`: normalise along `axis`: x x x x x x x x x x x x x x x x x'
    >>> max(map(len, lines)) <= WIDTH
    True
    >>> brief_lines("CheckFailed", "`f`: wrong.\\nHint: Fix it. [mistake: wrong-values]")
    ['CheckFailed: `f`: wrong.', 'Hint: Fix it.']
    """
    lines = []
    for paragraph in _TAG.sub("", f"{name}: {message}").split("\n"):
        lines += textwrap.wrap(
            paragraph,
            WIDTH,
            subsequent_indent="  ",
            break_long_words=False,
            break_on_hyphens=False,
        ) or [""]
    return lines


def _brief_traceback(shell, etype, value, tb, tb_offset=None):
    lines = brief_lines(etype.__name__, str(value))
    lines[0] = lines[0].replace(etype.__name__, f"\x1b[0;31m{etype.__name__}\x1b[0m", 1)
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
