"""Checks that the course notebooks call, and the instructor's grading tools.

A test cell reads as one line::

    check_softmax(softmax)                                   # visible: properties, hand-checked cases
    check_softmax(softmax, reference=solutions_softmax)      # hidden: also compared with the reference

Each check module mirrors a notebook (``autograder.softmax`` for ``02_softmax``) and holds
no reference answers: visible checks test properties and small cases worked by hand, and the
hidden tests pass the reference implementation in from ``solutions``.
"""

from autograder.arrays import as_float_array as as_float_array  # re-exported for learners
from autograder.attention_and_masking import *  # noqa: F403
from autograder.beyond_softmax import *  # noqa: F403
from autograder.cross_entropy_gradient import *  # noqa: F403
from autograder.display import show_check_failures_briefly
from autograder.feedback import MISTAKES, CheckFailed, Mistake
from autograder.harness import CHECKS
from autograder.log_sum_exp import *  # noqa: F403
from autograder.logits import *  # noqa: F403
from autograder.shift_invariance import *  # noqa: F403
from autograder.softmax import *  # noqa: F403
from autograder.temperature import *  # noqa: F403
from autograder.uses_answer import uses_answer

show_check_failures_briefly()

__all__ = ["CHECKS", "MISTAKES", "CheckFailed", "Mistake", "uses_answer"] + [
    f"check_{name}" for name in CHECKS
]
