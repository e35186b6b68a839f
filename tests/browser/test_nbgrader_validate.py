"""nbgrader's Validate button, as a learner meets it in JupyterLab.

A learner opens a notebook and clicks "Validate" in its toolbar (nbgrader's lab extension,
``@jupyter/nbgrader:validate-assignment``); the server runs the whole notebook on a new
kernel and a dialog lists the graded checks that fail. On a blank student notebook that is
every graded check, each saying that its exercise is not written yet; on the source notebook,
whose answers are filled in, nbgrader reports success.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import screenshot_stem
from tests.browser.notebook_ui import (
    FAILED_CELL,
    NOT_IMPLEMENTED,
    VALIDATION_SUCCESS,
    VALIDATION_TITLE,
    shows_not_implemented,
    validate_notebook,
)
from tools.notebook_cells import ROOT, STUDENT, nbgrader_meta, read, source_notebooks

STUDENT_NOTEBOOKS = sorted(STUDENT.glob("*.ipynb"))


def served_path(notebook: Path) -> str:
    return notebook.relative_to(ROOT).as_posix()


def graded_checks(notebook: Path) -> list[str]:
    """The source of every graded test cell (an autograded check), in notebook order."""
    return [
        cell.source.strip()
        for cell in read(notebook).cells
        if cell.cell_type == "code"
        and nbgrader_meta(cell).get("grade")
        and not nbgrader_meta(cell).get("solution")
    ]


def open_for_validation(lab, path: str) -> None:
    lab.open(path)
    # Its own screenshots: not those of the test that runs and drags the same notebook.
    lab.name = f"validate-{screenshot_stem(path)}"


@pytest.mark.timeout(300)
@pytest.mark.parametrize("notebook", STUDENT_NOTEBOOKS, ids=served_path)
def test_validate_lists_every_check_of_a_blank_student_notebook(lab, notebook):
    path = served_path(notebook)
    expected = graded_checks(notebook)
    assert expected, f"{path} has no graded check"
    open_for_validation(lab, path)

    shown = validate_notebook(lab.page, path)

    assert shown.title == VALIDATION_TITLE, shown
    assert shown.error, f"{path}: a failed validation is not shown as an error dialog"
    assert "validation-failed" in shown.classes, f"{path}: {shown.classes}\n{shown.text[:2000]}"
    assert VALIDATION_SUCCESS not in shown.text, shown.text[:2000]
    assert shown.text.count(FAILED_CELL) == len(expected), shown.text[:4000]
    failed = [cell["source"].strip() for cell in shown.failed]
    assert failed == expected, f"{path}: failed cells listed {failed}, graded checks {expected}"
    for cell in shown.failed:
        # The learner reads the check's own message, naming what is missing.
        assert shows_not_implemented(cell["error"]), cell
        # The tag is for the instructor's report: the learner's dialog leaves it out.
        assert NOT_IMPLEMENTED not in cell["error"], cell
        assert "Traceback" not in cell["error"], cell
        # The dialog shows about 85 characters of a line: the message is wrapped to fit.
        assert max(map(len, cell["error"].splitlines())) <= 85, cell["error"]


@pytest.mark.timeout(300)
@pytest.mark.parametrize("notebook", source_notebooks(), ids=served_path)
def test_validate_reports_success_on_the_answered_source_notebook(lab, notebook):
    path = served_path(notebook)
    open_for_validation(lab, path)

    shown = validate_notebook(lab.page, path)

    assert shown.title == VALIDATION_TITLE, shown
    assert shown.succeeded, f"{path}: {shown.classes}\n{shown.text[:4000]}"
    assert VALIDATION_SUCCESS in shown.text
    assert not shown.failed and not shown.error, shown
