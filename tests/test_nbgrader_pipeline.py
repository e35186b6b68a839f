"""nbgrader's real pipeline, end to end, in a throwaway course directory.

For every authored assignment: ``generate_assignment``; a class of submissions (the reference
answers, a blank notebook, one known-wrong answer per exercise from the mistake catalogue, and
students who break things on purpose); ``autograde`` of the whole class in one command, into
the real SQLite gradebook; ``generate_feedback``; ``export``; and the class mistake report.
"""

from __future__ import annotations

import ast
import contextlib
import csv
import importlib
import io
import shutil
import types

import nbformat
import pytest
from nbgrader.api import Gradebook

from autograder.course import ASSIGNMENTS, MODULE_OF
from autograder.feedback import CheckFailed
from autograder.grading.class_report import class_failures, tally
from autograder.grading.widget_pictures import WIDGET_VIEW
from autograder.harness import CHECKS
from tests.mistakes import load_catalogue
from tools.nbgrader_cli import nbgrader
from tools.notebook_cells import (
    ROOT,
    exercise_cells,
    function_source,
    nbgrader_meta,
    read,
    source_notebooks,
)

AUTHORED = [path.parent.name for path in source_notebooks()]
CATALOGUE = load_catalogue()
CELL_TIMEOUT = 10  # seconds; the course's own limit is longer, a test need not wait for it


def first_wrong_answer(exercise):
    """The first wrong answer to ``exercise`` in its notebook's own catalogue module that the
    visible checks also reject. (Other modules' entries may call helpers of their module,
    which a submitted notebook holding only the function would not have.)"""
    module = f"tests.mistakes.{MODULE_OF[exercise]}"
    return next(
        e
        for e in CATALOGUE
        if e.exercise == exercise and e.visible and e.function.__module__ == module
    )


def callers_of(exercise):
    """``exercise`` and the exercises whose answers call it, directly or not (``log_softmax``
    calls ``logsumexp`` in the notebook as in ``solutions``): all of them lose their points
    when its answer is never defined (a cell that loops forever)."""
    module, exercises = ASSIGNMENTS[next(a for a in ASSIGNMENTS if exercise in ASSIGNMENTS[a][1])]
    tree = ast.parse((ROOT / "solutions" / f"{module}.py").read_text())
    calls = {
        node.name: {
            c.func.id
            for c in ast.walk(node)
            if isinstance(c, ast.Call) and isinstance(c.func, ast.Name)
        }
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name in exercises
    }
    callers, grew = {exercise}, True
    while grew:
        more = {name for name, called in calls.items() if called & callers} - callers
        callers |= more
        grew = bool(more)
    return callers


def affected_by(exercise):
    """The exercises the catalogue's first wrong answer to ``exercise`` costs: itself, and those
    of its callers that fail their own checks, hidden ones included, with the wrong answer in
    its place. A caller may survive: ``smooth_max`` hands ``logsumexp`` values already shifted
    to at most 0, where a ``logsumexp`` without the max shift is still right."""
    module = next(m for m, exercises in ASSIGNMENTS.values() if exercise in exercises)
    callers = callers_of(exercise)
    # Run each caller's check as the autograder would: the reference answers, with the wrong
    # answer to `exercise` in their namespace (as in the submitted notebook).
    solutions = importlib.import_module(f"solutions.{module}")
    namespace = {**vars(solutions), exercise: first_wrong_answer(exercise).function}
    for name in callers - {exercise}:
        reference = getattr(solutions, name)
        namespace[name] = types.FunctionType(
            reference.__code__, namespace, name, reference.__defaults__, reference.__closure__
        )
    affected = {exercise}
    for name in callers - {exercise}:
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                CHECKS[name](namespace[name], reference=getattr(solutions, name))
        except CheckFailed:
            affected.add(name)
    return affected


def points_of(assignment):
    nb = read(ROOT / "source" / assignment / f"{assignment}.ipynb")
    return {
        nbgrader_meta(c)["grade_id"].removeprefix("test_"): nbgrader_meta(c)["points"]
        for c in nb.cells
        if nbgrader_meta(c).get("grade")
    }


def submit(course, student, assignment, answers=None, edit=None, raw=None):
    """Put a submission in ``submitted/<student>/<assignment>/``, as nbgrader's collect would.

    ``answers`` maps exercise -> the code of its answer cell; ``edit`` may change the notebook
    further; ``raw`` replaces the file's bytes altogether (a corrupt upload).
    """
    released = course / "release" / assignment / f"{assignment}.ipynb"
    target = course / "submitted" / student / assignment / f"{assignment}.ipynb"
    target.parent.mkdir(parents=True)
    if raw is not None:
        target.write_bytes(raw)
        return
    nb = nbformat.read(released, as_version=4)
    for exercise, cell in exercise_cells(nb):
        if answers and exercise in answers:
            cell.source = answers[exercise]
    if edit:
        edit(nb)
    nbformat.write(nb, target)


def reference_answers(assignment):
    source = read(ROOT / "source" / assignment / f"{assignment}.ipynb")
    return {exercise: cell.source for exercise, cell in exercise_cells(source)}


def blank_out_test_cells(nb):
    """A student who 'fixes' the failing checks by deleting them."""
    for cell in nb.cells:
        if nbgrader_meta(cell).get("grade"):
            cell.source = "pass"


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course directory with every authored assignment generated, submitted and graded."""
    root = tmp_path_factory.mktemp("course")
    for assignment in AUTHORED:
        shutil.copytree(ROOT / "source" / assignment, root / "source" / assignment)
    # The grading kernels import the reference answers from the course directory.
    shutil.copytree(ROOT / "solutions", root / "solutions")
    config = (ROOT / "nbgrader_config.py").read_text()
    (root / "nbgrader_config.py").write_text(config + f"\nc.Execute.timeout = {CELL_TIMEOUT}\n")

    for assignment in AUTHORED:
        nbgrader("generate_assignment", assignment, "--force", cwd=root)
        reference = reference_answers(assignment)
        exercises = ASSIGNMENTS[assignment][1]
        first = exercises[0]
        submit(root, "reference", assignment, reference)
        submit(root, "blank", assignment)
        for exercise in exercises:
            wrong = function_source(first_wrong_answer(exercise).function, name=exercise)
            submit(root, f"wrong-{exercise}", assignment, {**reference, exercise: wrong})
        submit(root, "looper", assignment, {**reference, first: "while True:\n    pass"})
        submit(root, "quitter", assignment, {**reference, first: "import os\n\nos._exit(1)"})
        submit(
            root,
            "tamperer",
            assignment,
            {**reference, first: function_source(first_wrong_answer(first).function, name=first)},
            edit=blank_out_test_cells,
        )
        submit(root, "corrupt", assignment, raw=b'{"cells": [ not json')
        result = nbgrader("autograde", assignment, cwd=root, check=False)
        (root / f"autograde-{assignment}.log").write_text(result.stdout + result.stderr)
        nbgrader("generate_feedback", assignment, cwd=root, check=False)
    nbgrader("export", cwd=root)
    return root


def score(course, assignment, student):
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return float(gb.find_submission(assignment, student).score)


@pytest.mark.parametrize("assignment", AUTHORED)
def test_the_reference_scores_full_marks(course, assignment):
    assert score(course, assignment, "reference") == sum(points_of(assignment).values())


@pytest.mark.parametrize("assignment", AUTHORED)
def test_a_blank_notebook_scores_zero(course, assignment):
    assert score(course, assignment, "blank") == 0


@pytest.mark.parametrize(
    "assignment,exercise", [(a, e) for a in AUTHORED for e in ASSIGNMENTS[a][1]]
)
def test_a_wrong_answer_loses_exactly_the_points_it_affects(course, assignment, exercise):
    points = points_of(assignment)
    lost = sum(points[name] for name in affected_by(exercise))
    assert score(course, assignment, f"wrong-{exercise}") == sum(points.values()) - lost


@pytest.mark.parametrize("student", ["looper", "quitter", "tamperer"])
@pytest.mark.parametrize("assignment", AUTHORED)
def test_a_hostile_submission_loses_only_what_it_broke(course, assignment, student):
    points = points_of(assignment)
    # The looper never defines its first answer, and the quitter's is not run (it would
    # end its kernel); the tamperer's is the first wrong one, its blanked tests restored.
    first = ASSIGNMENTS[assignment][1][0]
    broken = affected_by(first) if student == "tamperer" else callers_of(first)
    lost = sum(points[name] for name in broken)
    assert score(course, assignment, student) == sum(points.values()) - lost


@pytest.mark.parametrize("student", ["corrupt"])
@pytest.mark.parametrize("assignment", AUTHORED)
def test_a_crashing_submission_does_not_stop_the_class(course, assignment, student):
    # A file that is not a notebook fails that submission alone: nbgrader logs it by name,
    # scores nothing for it, and grades everyone else.
    log = (course / f"autograde-{assignment}.log").read_text()
    assert f"error processing assignment '{assignment}' for student '{student}'" in log
    assert score(course, assignment, student) == 0
    assert score(course, assignment, "reference") == sum(points_of(assignment).values())
    # Nothing is lost: the submitted file stays where it was, for the instructor to look at.
    assert (course / "submitted" / student / assignment / f"{assignment}.ipynb").exists()


@pytest.mark.parametrize("assignment", AUTHORED)
def test_feedback_names_the_mistake_and_hides_the_hidden_tests(course, assignment):
    for exercise in ASSIGNMENTS[assignment][1]:
        html = (
            course / "feedback" / f"wrong-{exercise}" / assignment / f"{assignment}.html"
        ).read_text()
        assert f"[mistake: {first_wrong_answer(exercise).tag}]" in html
        for secret in ("BEGIN HIDDEN TESTS", "reference=", "from solutions"):
            assert secret not in html, f"feedback of wrong-{exercise} reveals {secret!r}"


@pytest.mark.parametrize("assignment", AUTHORED)
def test_feedback_shows_every_widgets_last_picture(course, assignment):
    autograded = nbformat.read(
        course / "autograded" / "reference" / assignment / f"{assignment}.ipynb", as_version=4
    )
    widget_outputs = [
        output
        for cell in autograded.cells
        for output in cell.get("outputs", [])
        if WIDGET_VIEW in output.get("data", {})
    ]
    assert widget_outputs, f"{assignment} has no widget"
    html = (course / "feedback" / "reference" / assignment / f"{assignment}.html").read_text()
    # Every widget became its picture: no placeholder left, a PNG for each (and the figures).
    assert WIDGET_VIEW not in html
    figures = sum(
        "image/png" in output.get("data", {})
        for cell in autograded.cells
        for output in cell.get("outputs", [])
    )
    assert html.count('src="data:image/png;base64,') >= figures + len(widget_outputs)


def test_export_writes_every_grade_to_csv(course):
    with open(course / "grades.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    graded = {(r["assignment"], r["student_id"]): float(r["raw_score"]) for r in rows}
    for assignment in AUTHORED:
        total = sum(points_of(assignment).values())
        assert graded[(assignment, "reference")] == total
        assert graded[(assignment, "blank")] == 0


@pytest.mark.parametrize("assignment", AUTHORED)
def test_the_class_report_counts_each_catalogued_mistake(course, assignment):
    counts = tally(class_failures(course, assignment))
    for exercise in ASSIGNMENTS[assignment][1]:
        assert counts[exercise][first_wrong_answer(exercise).tag] >= 1
        assert counts[exercise]["not-implemented"] >= 1  # the blank notebook
