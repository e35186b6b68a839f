"""The notebooks are code: clean, in step with ``solutions/`` and nbgrader, and they run.

- no outputs or execution counts are committed;
- every answer cell equals the reference in ``solutions/``, every exercise of an authored
  notebook has its answer cell and its graded test cell;
- an answer cell's docstring keeps only the summary, Parameters, Returns and Raises: the
  reference's Notes and Examples would give the algorithm away;
- ``notebooks/`` is exactly what nbgrader's ``generate_assignment`` makes of ``source/``;
- every source notebook runs top to bottom on a fresh kernel with every check passing
  (nbgrader ``validate`` agrees), and every student notebook runs with only its test cells
  failing, each saying the exercise is not implemented yet (``validate --invert`` agrees).
"""

from __future__ import annotations

import functools
import importlib
import re
from pathlib import Path

import nbclient
import pytest

from autograder.course import ASSIGNMENTS, MODULE_OF
from tools.generate_student_notebooks import differences, generate
from tools.nbgrader_cli import nbgrader
from tools.notebook_cells import (
    ROOT,
    STUDENT,
    exercise_cells,
    nbgrader_meta,
    read,
    render_solution,
    source_notebooks,
)
from tools.sync_solutions import stale_cells

SOURCES = source_notebooks()
STUDENTS = sorted(STUDENT.glob("*.ipynb"))
ALL = SOURCES + STUDENTS


def name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def execute(path: Path, allow_errors: bool):
    """Run a notebook on a fresh kernel, in its own folder, and return it with outputs."""
    nb = read(path)
    client = nbclient.NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        allow_errors=allow_errors,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    return nb


def errors_of(cell) -> list[dict]:
    return [out for out in cell.get("outputs", []) if out.output_type == "error"]


def test_the_course_has_notebooks():
    assert SOURCES, "no source notebooks found"
    assert [p.stem for p in STUDENTS] == [p.parent.name for p in SOURCES]


@pytest.mark.parametrize("path", ALL, ids=name)
def test_no_outputs_or_execution_counts_committed(path):
    for index, cell in enumerate(read(path).cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"cell {index} of {name(path)} has stored outputs"
            assert cell.execution_count is None, (
                f"cell {index} of {name(path)} has an execution count"
            )


@pytest.mark.parametrize("path", SOURCES, ids=name)
def test_answer_cells_are_the_reference_solutions(path):
    stale = stale_cells(path, fix=False)
    assert not stale, f"run `python -m tools.sync_solutions`: {stale} differ from solutions/"


@pytest.mark.parametrize("path", SOURCES, ids=name)
def test_every_exercise_has_an_answer_cell_and_a_graded_test(path):
    nb = read(path)
    _, exercises = ASSIGNMENTS[path.parent.name]
    answers = [exercise for exercise, _ in exercise_cells(nb)]
    tests = {nbgrader_meta(c)["grade_id"]: c for c in nb.cells if nbgrader_meta(c).get("grade")}
    assert answers == list(exercises)
    for exercise in exercises:
        test = tests.get(f"test_{exercise}")
        assert test is not None, f"no graded test cell test_{exercise}"
        assert nbgrader_meta(test)["points"] > 0
        assert f"check_{exercise}({exercise})" in test.source
        assert "### BEGIN HIDDEN TESTS" in test.source and "reference=" in test.source
        # A failing check must not stop "Run All": the learner still gets every widget below.
        assert "raises-exception" in test.metadata.get("tags", [])


def section_titles(text: str) -> list[str]:
    """The numpydoc section titles in ``text``: a word underlined with as many dashes."""
    return [
        title
        for title, rule in re.findall(r"^ *(\w[\w ]*)\n *(-+) *$", text, flags=re.MULTILINE)
        if len(rule) == len(title)
    ]


def test_a_rendered_answer_cell_keeps_only_the_learners_sections():
    def half(x):
        """Half of x.

        Parameters
        ----------
        x : float

        Returns
        -------
        float

        Raises
        ------
        ValueError
            Never.

        Notes
        -----
        Divide by two.

        Examples
        --------
        >>> half(2.0)
        1.0
        """
        return x / 2

    cell = render_solution(half)
    assert section_titles(cell) == ["Parameters", "Returns", "Raises"]
    assert "Divide by two" not in cell and ">>>" not in cell
    lines = cell.splitlines()
    begin = lines.index("    ### BEGIN SOLUTION")
    # The docstring ends right after Raises, closing quotes on their own line.
    assert lines[begin - 2].strip() == "Never." and lines[begin - 1].strip() == '"""'


@pytest.mark.parametrize("exercise", sorted(MODULE_OF), ids=str)
def test_answer_cells_show_no_notes_or_examples(exercise):
    module = importlib.import_module(f"solutions.{MODULE_OF[exercise]}")
    cell = render_solution(getattr(module, exercise))
    docstring = cell.split("### BEGIN SOLUTION")[0]
    titles = section_titles(docstring)
    assert "Notes" not in titles and "Examples" not in titles, titles
    assert ">>>" not in docstring
    assert set(titles) <= {"Parameters", "Returns", "Raises"}, titles


def test_student_notebooks_are_what_source_generates(tmp_path):
    generate(tmp_path)
    stale = differences(tmp_path)
    assert not stale, f"run `python -m tools.generate_student_notebooks`: {stale} are out of date"


def text_outputs(nb) -> list[str]:
    """What a notebook printed, cell by cell (figures and widgets aside)."""
    # One string per cell: how printed text is split into output chunks depends on timing.
    return [
        "".join(
            out.get("text", "") + str(out.get("data", {}).get("text/plain", ""))
            for out in cell.get("outputs", [])
        )
        for cell in nb.cells
    ]


@functools.cache
def executed_source(path: Path):
    return execute(path, allow_errors=False)


@pytest.mark.parametrize("path", SOURCES, ids=name)
def test_source_notebook_runs_with_every_check_passing(path):
    nb = executed_source(path)
    for exercise in ASSIGNMENTS[path.parent.name][1]:
        test = next(c for c in nb.cells if nbgrader_meta(c).get("grade_id") == f"test_{exercise}")
        text = "".join(out.get("text", "") for out in test.outputs)
        assert f"`{exercise}` passed all checks, hidden ones included" in text


@pytest.mark.parametrize("path", SOURCES, ids=name)
def test_source_notebook_is_deterministic(path):
    # Widgets' model ids are random by design; everything a learner reads must not be.
    strip = lambda texts: [t for t in texts if "model_id" not in t]  # noqa: E731
    assert strip(text_outputs(execute(path, allow_errors=False))) == strip(
        text_outputs(executed_source(path))
    )


@pytest.mark.parametrize("path", STUDENTS, ids=name)
def test_student_notebook_fails_only_where_the_learner_must_write(path):
    nb = execute(path, allow_errors=True)
    failing = []
    for index, cell in enumerate(nb.cells):
        for error in errors_of(cell):
            meta = nbgrader_meta(cell)
            assert meta.get("grade"), (
                f"cell {index} fails without the learner's answer: {error.ename}"
            )
            assert "[mistake: not-implemented]" in error.evalue, error.evalue
            failing.append(meta["grade_id"])
    assert failing == [f"test_{e}" for e in ASSIGNMENTS[path.stem][1]]


@pytest.mark.parametrize("path", SOURCES, ids=name)
def test_nbgrader_validate_passes_the_source_notebook(path):
    result = nbgrader("validate", str(path), cwd=ROOT)
    assert "Success! Your notebook passes all the tests." in result.stdout, (
        result.stdout + result.stderr
    )


@pytest.mark.parametrize("path", STUDENTS, ids=name)
def test_nbgrader_validate_fails_every_test_of_the_blank_student_notebook(path):
    result = nbgrader("validate", "--invert", str(path), cwd=ROOT)
    assert "Success! The notebook does not pass any tests." in result.stdout, (
        result.stdout + result.stderr
    )
