"""The checks reject every known-wrong answer, and name its mistake; they pass the reference.

This is the proof that the course's checks can fail: every entry of the mistake catalogue
(``tests/mistakes``) is run through its exercise's checks, hidden ones included, and the
failure must carry the tag the entry was catalogued with.
"""

import importlib

import pytest

from autograder import CHECKS, MISTAKES, CheckFailed
from autograder.course import ASSIGNMENTS, MODULE_OF
from tests.mistakes import load_catalogue, load_right_answers

CATALOGUE = load_catalogue()
RIGHT = load_right_answers()
EXERCISES = list(MODULE_OF)


def reference_of(exercise):
    return getattr(importlib.import_module(f"solutions.{MODULE_OF[exercise]}"), exercise)


@pytest.mark.parametrize("exercise", EXERCISES)
def test_every_exercise_has_a_check(exercise):
    assert exercise in CHECKS, f"no check registered for {exercise}"


@pytest.mark.parametrize("exercise", EXERCISES)
def test_reference_passes_visible_checks(exercise, capsys):
    CHECKS[exercise](reference_of(exercise))
    assert f"`{exercise}` passed" in capsys.readouterr().out


@pytest.mark.parametrize("exercise", EXERCISES)
def test_reference_passes_hidden_checks(exercise, capsys):
    reference = reference_of(exercise)
    CHECKS[exercise](reference, reference=reference)
    assert "hidden ones included" in capsys.readouterr().out


@pytest.mark.parametrize("exercise", EXERCISES)
def test_an_unimplemented_exercise_says_so(exercise):
    def stub(*args, **kwargs):
        raise NotImplementedError()

    stub.__name__ = exercise
    with pytest.raises(CheckFailed) as failure:
        CHECKS[exercise](stub)
    assert failure.value.tag == "not-implemented"


@pytest.mark.parametrize("exercise", EXERCISES)
def test_catalogue_covers_every_exercise(exercise):
    entries = [entry for entry in CATALOGUE if entry.exercise == exercise]
    assert len(entries) >= 3, f"{exercise} has only {len(entries)} catalogued mistakes"


def test_catalogue_tags_are_known_mistakes():
    unknown = {entry.tag for entry in CATALOGUE} - set(MISTAKES)
    assert not unknown, f"catalogue names mistakes no check defines: {sorted(unknown)}"


@pytest.mark.parametrize("entry", CATALOGUE, ids=lambda entry: entry.id)
def test_hidden_checks_reject_and_name_the_mistake(entry):
    with pytest.raises(CheckFailed) as failure:
        CHECKS[entry.exercise](entry.function, reference=reference_of(entry.exercise))
    assert failure.value.tag == entry.tag, str(failure.value)
    assert MISTAKES[entry.tag].hint in str(failure.value)


@pytest.mark.parametrize("entry", [e for e in CATALOGUE if e.visible], ids=lambda entry: entry.id)
def test_visible_checks_reject_and_name_the_mistake(entry):
    with pytest.raises(CheckFailed) as failure:
        CHECKS[entry.exercise](entry.function)
    assert failure.value.tag == entry.tag, str(failure.value)


def test_assignments_are_numbered_in_order():
    assert [name[:2] for name in ASSIGNMENTS] == [f"{i:02d}" for i in range(1, 9)]


@pytest.mark.parametrize(
    "exercise, function", RIGHT, ids=[f"{e}:{f.__name__}:{i}" for i, (e, f) in enumerate(RIGHT)]
)
def test_correct_answers_in_other_styles_pass_every_check(exercise, function, capsys):
    CHECKS[exercise](function)
    CHECKS[exercise](function, reference=reference_of(exercise))
    assert "hidden ones included" in capsys.readouterr().out


def test_every_exercise_has_correct_alternatives():
    covered = {exercise for exercise, _ in RIGHT}
    assert covered == set(EXERCISES), sorted(set(EXERCISES) - covered)
