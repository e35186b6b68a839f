"""The mistake catalogue: known-wrong answers to every exercise, one module per notebook.

Each wrong answer is a function decorated with :func:`wrong`, which records the exercise it
answers and the tag of the mistake that the exercise's checks must name when they reject
it. ``tests/test_mistake_catalogue.py`` runs every entry through the checks.

``tests/mistakes/round2/``, ``round3/`` and ``round4/`` hold held-out rounds that joined the catalogue: answers written
from the contract alone by someone who had seen neither the checks nor this catalogue, wrong
ones (:func:`wrong`) and correct ones in other styles (:func:`right`), which every check
must accept. An exercise added after those rounds keeps its correct alternatives beside its
wrong answers, in its notebook's module.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass

from autograder.course import ASSIGNMENTS


@dataclass(frozen=True)
class WrongAnswer:
    """A known-wrong implementation of one exercise."""

    exercise: str
    tag: str
    function: Callable
    visible: bool

    @property
    def id(self) -> str:
        return f"{self.exercise}:{self.function.__name__}"


CATALOGUE: list[WrongAnswer] = []

#: Correct answers written in other styles than the reference's: (exercise, function).
RIGHT: list[tuple[str, Callable]] = []


def wrong(exercise: str, tag: str, *, visible: bool = True) -> Callable[[Callable], Callable]:
    """Record the decorated function as a wrong answer to ``exercise``.

    Parameters
    ----------
    exercise : str
        The exercise's function name, e.g. ``"softmax"``.
    tag : str
        The tag of the mistake the checks must name (``autograder.MISTAKES``).
    visible : bool
        Whether the visible checks alone must already reject it. Mistakes that only the
        hidden tests can catch (a dtype, a far-out edge case) set ``visible=False``.
    """

    def record(function: Callable) -> Callable:
        CATALOGUE.append(WrongAnswer(exercise, tag, function, visible))
        return function

    return record


def right(exercise: str) -> Callable[[Callable], Callable]:
    """Record the decorated function as a correct answer to ``exercise``: no check may reject it."""

    def record(function: Callable) -> Callable:
        RIGHT.append((exercise, function))
        return function

    return record


#: Catalogue modules of one kind of mistake across several notebooks.
ACROSS_NOTEBOOKS = ("wraparound",)


def load_catalogue() -> list[WrongAnswer]:
    """Import every notebook's catalogue modules and return all wrong answers."""
    for module in ACROSS_NOTEBOOKS:
        importlib.import_module(f"tests.mistakes.{module}")
    for module, _ in ASSIGNMENTS.values():
        importlib.import_module(f"tests.mistakes.{module}")
        for held_out in ("round2", "round3", "round4"):
            if importlib.util.find_spec(f"tests.mistakes.{held_out}.{module}") is not None:
                importlib.import_module(f"tests.mistakes.{held_out}.{module}")
    return list(CATALOGUE)


def load_right_answers() -> list[tuple[str, Callable]]:
    """Every correct alternative answer of the catalogue, as ``(exercise, function)``."""
    load_catalogue()
    return list(RIGHT)
