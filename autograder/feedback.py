"""How a failed check speaks to the learner.

A check that fails raises :class:`CheckFailed`. Its message says *what* is wrong in the
learner's terms (a row that does not sum to 1, a NaN at a given index) and, when the check
can tell, *why*: the :class:`Mistake` that most likely produced it. The mistake's tag is
printed too, so that an instructor's report can count mistakes across a class.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CheckFailed", "Mistake", "MISTAKES", "fail"]

#: Every mistake any check can name, by tag. Filled as check modules define their mistakes.
MISTAKES: dict[str, Mistake] = {}


@dataclass(frozen=True)
class Mistake:
    """A classic mistake that a check can recognise.

    Parameters
    ----------
    tag : str
        Short, stable identifier (``"wrong-axis"``); instructors' reports count by it.
    hint : str
        One or two sentences to the learner: what they probably did and how to fix it.
    fix : str, optional
        What to change, in a few imperative words ("normalise along `axis`"). A failure's
        message starts with it, because nbgrader's Validate dialog shows only the first
        85 or so characters of each failure.

    Examples
    --------
    >>> m = Mistake("example-mistake", "Exponentiate before you normalise.")
    >>> m.tag
    'example-mistake'
    """

    tag: str
    hint: str
    fix: str = ""

    def __post_init__(self):
        known = MISTAKES.get(self.tag)
        if known is not None and known != self:
            raise ValueError(f"two different mistakes share the tag {self.tag!r}")
        MISTAKES[self.tag] = self


class CheckFailed(AssertionError):
    """A learner's answer failed a check.

    Parameters
    ----------
    problem : str
        What the check observed, in the learner's terms.
    mistake : Mistake, optional
        The mistake the observation most likely comes from.
    exercise : str, optional
        Name of the exercise (the function the learner writes).
    fix : str, optional
        What to change, put first; by default the mistake's own ``fix``.

    Examples
    --------
    >>> err = CheckFailed("row 1 sums to 2.0", Mistake("example-sum", "Normalise each row."))
    >>> print(err)
    row 1 sums to 2.0
    Hint: Normalise each row. [mistake: example-sum]
    >>> rows = Mistake("example-rows", "Normalise each row.", fix="normalise each row")
    >>> print(CheckFailed("row 1 sums to 2.0", rows, "softmax"))
    `softmax`: normalise each row: row 1 sums to 2.0
    Hint: Normalise each row. [mistake: example-rows]
    """

    def __init__(
        self,
        problem: str,
        mistake: Mistake | None = None,
        exercise: str | None = None,
        fix: str | None = None,
    ):
        self.problem = problem
        self.mistake = mistake
        self.exercise = exercise
        self.fix = fix
        super().__init__(self._render())

    def _render(self) -> str:
        problem = self.problem
        fix = self.fix
        if fix is None:
            fix = "" if self.mistake is None else self.mistake.fix
        if fix and not problem.lower().startswith(fix.lower()):
            problem = f"{fix}: {problem}"
        head = f"`{self.exercise}`: {problem}" if self.exercise else problem
        if self.mistake is None:
            return head
        return f"{head}\nHint: {self.mistake.hint} [mistake: {self.mistake.tag}]"

    def for_exercise(self, exercise: str) -> CheckFailed:
        """Return the same failure, labelled with the exercise it belongs to."""
        return CheckFailed(self.problem, self.mistake, exercise, self.fix)

    @property
    def tag(self) -> str | None:
        """The mistake's tag, or ``None`` when the check could not name one."""
        return None if self.mistake is None else self.mistake.tag


def fail(problem: str, mistake: Mistake | None = None, fix: str | None = None) -> CheckFailed:
    """Build the failure to raise: ``raise fail("row 2 sums to 1.37", WRONG_AXIS)``.

    ``fix`` (what to change, put first) replaces the mistake's own for this failure.

    Examples
    --------
    >>> isinstance(fail("returned None"), AssertionError)
    True
    """
    return CheckFailed(problem, mistake, fix=fix)
