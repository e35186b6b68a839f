"""Every notebook, student and source version, run in a real JupyterLab and dragged.

For each notebook: open it, Run → Run All Cells (going on below a cell that stops the run),
then check that every code cell ran, that no cell shows an unexpected error, that every
widget rendered, and that moving each slider (and flipping each toggle, checkbox or
dropdown) changes what its widget shows. New notebooks are picked up automatically.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.notebook_ui import (
    assert_every_code_cell_ran,
    assert_every_slider_changes_output,
    assert_no_unexpected_errors,
    assert_toggles_change_output,
    assert_widgets_rendered,
    notebook_state,
    run_all_cells,
)
from tools.notebook_cells import ROOT, STUDENT, source_notebooks

NOTEBOOKS = sorted(STUDENT.glob("*.ipynb")) + source_notebooks()


def served_path(notebook: Path) -> str:
    """The notebook's path in the served copy (the same as in the repository)."""
    return notebook.relative_to(ROOT).as_posix()


@pytest.mark.timeout(300)
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=served_path)
def test_notebook_runs_and_its_widgets_respond(lab, notebook):
    path = served_path(notebook)
    student = notebook.parent == STUDENT
    lab.open(path)

    state = run_all_cells(lab.page, path)
    assert_every_code_cell_ran(state, path)
    assert_no_unexpected_errors(state, path, student=student)
    assert_widgets_rendered(lab.page, state, path)

    assert_every_slider_changes_output(lab.page, path)
    assert_toggles_change_output(lab.page, path)

    # Dragging broke nothing: still no error anywhere, every widget still there.
    state = notebook_state(lab.page, path)
    assert_no_unexpected_errors(state, path, student=student)
    assert_widgets_rendered(lab.page, state, path)
