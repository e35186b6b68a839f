"""What a learner's function prints or logs during the checks costs nothing and floods nothing.

nbgrader marks a graded cell that writes to stderr as failed, so a correct function that logs
a warning would lose its points; and a debugging print would be repeated once per probe.
"""

import functools
import importlib
import logging
import sys
import warnings

import pytest

from autograder.course import ASSIGNMENTS, MODULE_OF
from autograder.harness import CHECKS


def chatty(reference):
    """The reference, printing, writing to stderr, logging and warning on every call."""

    @functools.wraps(reference)
    def answer(*args, **kwargs):
        print("computing")
        print("on stderr", file=sys.stderr)
        logging.warning("a log record")
        logging.getLogger("learner").error("another one")
        warnings.warn("a warning", stacklevel=1)
        return reference(*args, **kwargs)

    return answer


EXERCISES = [e for _, (_, exercises) in ASSIGNMENTS.items() for e in exercises]


@pytest.mark.parametrize("exercise", EXERCISES)
def test_a_chatty_correct_answer_passes_and_writes_nothing_but_the_verdict(exercise, capfd, caplog):
    reference = getattr(importlib.import_module(f"solutions.{MODULE_OF[exercise]}"), exercise)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        CHECKS[exercise](chatty(reference), reference=reference)  # the hidden tests too
    assert [str(w.message) for w in caught if str(w.message) == "a warning"] == []
    out, err = capfd.readouterr()
    assert err == ""
    assert "computing" not in out and "passed" in out
    assert caplog.records == []
    # Logging works again after the check.
    assert logging.root.manager.disable == logging.NOTSET
