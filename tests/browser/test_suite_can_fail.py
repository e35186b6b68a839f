"""The browser checks can fail: notebooks broken on purpose are caught, for the right reason.

Two copies of the first notebook with a widget are broken in the served folder (never in the
repository) and driven exactly like the real ones:

- *frozen*: every ``.observe(callback, ...)`` gets a callback that does nothing, so the
  sliders move but the picture and the numbers never change;
- *crashed*: every widget cell raises before building its widget, and a last cell displays
  a widget whose view does not exist in the browser.

The same helpers that pass the real notebooks must raise ``AssertionError`` on these, each
with the message naming what is wrong. The toggle check (the course's notebooks use only
checkboxes) is tried on a made-up notebook with every kind of control, and the error check on
notebook states made up in Python (no browser needed).
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from tests.browser.notebook_ui import (
    NOT_IMPLEMENTED,
    assert_every_slider_changes_output,
    assert_no_unexpected_errors,
    assert_toggles_change_output,
    assert_widgets_rendered,
    cell_on_page,
    run_all_cells,
)
from tools.notebook_cells import read, source_notebooks, write

OBSERVE = re.compile(r"\.observe\(\s*[\w.]+")


def first_widget_notebook() -> Path:
    """The first source notebook with a widget callback to break."""
    for path in source_notebooks():
        if any(OBSERVE.search(cell.source) for cell in read(path).cells):
            return path
    pytest.fail("no source notebook has a widget with an .observe(...) callback")


def broken_copy(lab, kind: str, patch) -> str:
    """Write ``broken/<kind>-<notebook>.ipynb`` in the served folder, patched by ``patch``."""
    source = first_widget_notebook()
    nb = read(source)
    patched = patch(nb)
    assert patched, f"the {kind} patch found nothing to break in {source.name}"
    target = lab.server.root / "broken" / f"{kind}-{source.name}"
    target.parent.mkdir(exist_ok=True)
    write(nb, target)
    return target.relative_to(lab.server.root).as_posix()


def freeze_callbacks(nb) -> int:
    """Replace every widget callback by one that does nothing; return how many."""
    count = 0
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source, n = OBSERVE.subn(".observe(lambda change: None", cell.source)
            count += n
    return count


def crash_widgets(nb) -> int:
    """Make every widget cell raise, and add a widget the browser cannot show."""
    count = 0
    for cell in nb.cells:
        if cell.cell_type == "code" and OBSERVE.search(cell.source):
            cell.source = 'raise RuntimeError("widget broken on purpose")\n' + cell.source
            count += 1
    nb.cells.append(
        nbformat.v4.new_code_cell(
            "import ipywidgets, traitlets\n\n\n"
            "class Unviewable(ipywidgets.DOMWidget):\n"
            '    _view_module = traitlets.Unicode("@jupyter-widgets/controls").tag(sync=True)\n'
            '    _view_name = traitlets.Unicode("NoSuchView").tag(sync=True)\n\n\n'
            "Unviewable()"
        )
    )
    return count


@pytest.mark.timeout(300)
def test_a_widget_whose_output_never_changes_fails(lab):
    path = broken_copy(lab, "frozen", freeze_callbacks)
    lab.open(path)
    state = run_all_cells(lab.page, path)
    # Everything else about it is fine: the checks below pass ...
    assert_no_unexpected_errors(state, path, student=False)
    assert_widgets_rendered(lab.page, state, path)
    # ... but the sliders move without changing anything.
    with pytest.raises(AssertionError, match="the widget's output did not change"):
        assert_every_slider_changes_output(lab.page, path, timeout=4)


@pytest.mark.timeout(300)
def test_a_widget_that_does_not_render_fails(lab):
    path = broken_copy(lab, "crashed", crash_widgets)
    lab.open(path)
    state = run_all_cells(lab.page, path)
    with pytest.raises(AssertionError) as rendered:
        assert_widgets_rendered(lab.page, state, path, timeout=10)
    message = str(rendered.value)
    assert "no slider" in message, message
    assert "error widget" in message or "Error displaying widget" in message, message
    with pytest.raises(AssertionError, match="RuntimeError: widget broken on purpose"):
        assert_no_unexpected_errors(state, path, student=False)


CONTROLS = """\
import ipywidgets as w

shown = w.HTML()
controls = [
    w.Checkbox(description="check"),
    w.ToggleButton(description="toggle"),
    w.ToggleButtons(options=["x", "y"]),
    w.Dropdown(options=["a", "b", "c"]),
    w.RadioButtons(options=["r", "s"]),
    w.FloatSlider(description="slide"),
]


def show(change=None):
    shown.value = " | ".join(f"{type(c).__name__} = {c.value}" for c in controls)


for control in controls:
    control.observe(show, names="value")
show()
w.VBox([*controls, shown])"""

UNWIRED = 'w.VBox([w.Checkbox(description="unwired"), w.HTML("nothing changes here")])'


@pytest.mark.timeout(300)
def test_the_toggle_check_on_every_kind_of_control(lab):
    """The helper is tried on every kind of on/off and choice control, not only checkboxes."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [nbformat.v4.new_code_cell(CONTROLS), nbformat.v4.new_code_cell(UNWIRED)]
    target = lab.server.root / "made-up" / "controls.ipynb"
    target.parent.mkdir(exist_ok=True)
    nbformat.write(nb, target)
    path = target.relative_to(lab.server.root).as_posix()
    lab.open(path)
    state = run_all_cells(lab.page, path)
    assert_widgets_rendered(lab.page, state, path)

    changed = assert_toggles_change_output(lab.page, path, within=cell_on_page(lab.page, 0))
    kinds = ["checkbox 0", "toggle 0", "toggle-buttons 0", "dropdown 0", "radio 0"]
    assert changed == {kind: ["text"] for kind in kinds}
    with pytest.raises(AssertionError, match="checkbox 0: the widget's output did not change"):
        assert_toggles_change_output(lab.page, path, timeout=3, within=cell_on_page(lab.page, 1))


# --------------------------------------------------------------------------------------------
# The error check on made-up notebook states (what `notebook_state` returns)


def made_up_state(*cells) -> dict:
    """A notebook state with code cells given as (nbgrader metadata, error value or None)."""
    return {
        "cells": [
            {
                "type": "code",
                "executionCount": i + 1,
                "running": False,
                "nbgrader": meta,
                "outputs": []
                if evalue is None
                else [{"output_type": "error", "ename": "CheckFailed", "evalue": evalue}],
            }
            for i, (meta, evalue) in enumerate(cells)
        ]
    }


TEST = {"grade": True, "solution": False, "grade_id": "test_softmax", "points": 2}
ANSWER = {"grade": False, "solution": True, "grade_id": "softmax"}
NOT_WRITTEN = f"`softmax` is not written yet {NOT_IMPLEMENTED}"


def test_the_error_check_accepts_what_a_student_notebook_should_show():
    state = made_up_state(({}, None), (ANSWER, None), (TEST, NOT_WRITTEN))
    assert_no_unexpected_errors(state, "made-up", student=True)


@pytest.mark.parametrize(
    ("cells", "student", "message"),
    [
        ([({}, "boom")], False, "cell 0 shows an error: CheckFailed: boom"),
        ([(TEST, NOT_WRITTEN)], False, r"cell 0 \(test_softmax\) shows an error"),
        ([({}, "boom"), (TEST, NOT_WRITTEN)], True, "cell 0 shows an error"),
        ([(TEST, "softmax() takes 0 arguments")], True, "fails, but not with"),
        ([(ANSWER, NOT_WRITTEN), (TEST, NOT_WRITTEN)], True, r"cell 0 \(softmax\) shows"),
        ([(TEST, None)], True, r"graded test cells \[0\] pass or stay silent"),
    ],
    ids=[
        "source-error",
        "source-test-fails",
        "student-error-outside-tests",
        "student-test-fails-otherwise",
        "student-answer-cell-error",
        "student-test-silent",
    ],
)
def test_the_error_check_catches_unexpected_errors(cells, student, message):
    with pytest.raises(AssertionError, match=message):
        assert_no_unexpected_errors(made_up_state(*cells), "made-up", student=student)
