"""A Binder rehearsal: the course as a learner gets it from the README's Binder badge.

From a fresh ``git clone`` of the committed ``HEAD``, a new virtual environment is built from
``requirements.txt`` alone and ``postBuild`` is run in it (:mod:`tests.browser.binder`); that
environment's JupyterLab serves the clone, and Chromium opens the badge's deep link. The
first notebook must open on that environment's kernel (which loads the course's data), run
top to bottom with its widgets rendered and responding, and keep nbgrader's Validate button, while the instructor's tools
(formgrader, course and assignment lists, "create assignment") are offered nowhere, and
JupyterLab does not ask about Jupyter news or check for updates (postBuild says so), and its
file browser shows only what the repository tracks (nothing the build left behind). The
install time and the environment's size go to ``artifacts/binder_rehearsal.json``.

This builds a whole environment from the package index (about a minute here, ~650 MB), so
it takes a few minutes.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.browser.binder import binder_urlpath, build
from tests.browser.conftest import SCREENSHOTS, VIEWPORT
from tests.browser.lab_server import LAB_SETTINGS, serve_lab
from tests.browser.notebook_ui import (
    FAILED_CELL,
    VALIDATION_TITLE,
    assert_every_code_cell_ran,
    assert_every_slider_changes_output,
    assert_no_unexpected_errors,
    assert_widget_pictures_shown,
    assert_widgets_rendered,
    kernel_output,
    offered,
    open_notebook,
    run_all_cells,
    save_close_and_reopen,
    save_screenshot,
    shows_not_implemented,
    validate_notebook,
)
from tools.notebook_cells import ROOT

REPORT = ROOT / "artifacts" / "binder_rehearsal.json"

#: What the instructor's nbgrader plugins would add (labels as nbgrader 0.9.6 names them).
INSTRUCTOR_LABELS = (
    "Formgrader",
    "Formgrader (local)",
    "Assignment List",
    "Assignments",
    "Course List",
    "Courses",
    "Create assignment",
    "Create Assignment",
    "Nbgrader Create Assignment",
)
INSTRUCTOR_COMMANDS = (
    "nbgrader:open-formgrader",
    "nbgrader:open-formgrader-local",
    "nbgrader:open-assignment-list",
    "nbgrader:open-course-list",
    "nbgrader:open-create-assignment",
)
#: The instructor's server handlers, which postBuild disables (validation's stays).
INSTRUCTOR_HANDLERS = ("formgrader", "formgraders", "assignments", "courses")
#: The plugin that asks about Jupyter news and JupyterLab updates; postBuild answers for it.
NOTIFICATION = "@jupyterlab/apputils-extension:notification"

KERNEL_FACTS = """\
import json, sys, autograder, course_data, nbgrader
X, y = course_data.load_digits()
split = course_data.load_calibration_logits()
print(json.dumps({"prefix": sys.prefix, "autograder": autograder.__file__,
                  "course_data": course_data.__file__,
                  "data": [X.shape[0], split.test_logits.shape[0], len(course_data.load_text())]}))
"""


def write_report(measures: dict) -> None:
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(measures, indent=2) + "\n", encoding="utf-8")


def instructor_tools_offered(shown: dict) -> list[str]:
    """Where any of the instructor's tools shows up in what JupyterLab offers."""
    found = []
    for menu, items in shown["menus"].items():
        found += [f"menu {menu} → {item}" for item in items if item in INSTRUCTOR_LABELS]
    for where in ("palette", "launcher", "panels"):
        found += [f"{where}: {label}" for label in shown[where] if label in INSTRUCTOR_LABELS]
    found += [f"command {c}" for c in shown["commands"] if c in INSTRUCTOR_COMMANDS]
    return found


@pytest.mark.timeout(1800)
def test_binder_builds_and_opens_the_first_notebook_in_learner_mode(chromium, tmp_path):
    urlpath = binder_urlpath((ROOT / "README.md").read_text(encoding="utf-8"))
    assert urlpath.startswith("lab/tree/"), f"the Binder link opens {urlpath!r}, not a notebook"
    path = urlpath.removeprefix("lab/tree/")

    server = None
    context = chromium.new_context(viewport=VIEWPORT)
    context.set_default_timeout(60_000)
    page = context.new_page()
    try:
        built = build(ROOT, tmp_path)
        measures = built.measures()
        print(
            f"\nBinder rehearsal of {measures['commit'][:10]} (Python {measures['python']}): "
            f"pip install {measures['pip_install_seconds']:.1f} s, "
            f"venv {measures['venv_mb']} MB, postBuild {measures['postbuild_seconds']:.1f} s"
        )
        write_report(measures)
        assert (built.clone / path).is_file(), f"the Binder link opens {path}, not in the clone"

        start = time.monotonic()
        # The tests' own user settings silence the news question; here the learner's
        # environment must do it by itself.
        learner_settings = {
            plugin: values
            for plugin, values in LAB_SETTINGS.items()
            if plugin != NOTIFICATION.replace(":", "/")
        }
        server = serve_lab(
            tmp_path / "lab",
            built.clone,
            python=built.python,
            cwd=built.clone,
            env=built.env(),
            settings=learner_settings,
        )
        # The file browser shows the course and nothing the build left behind (no build/,
        # no *.egg-info): what the root lists is what git tracks there.
        tracked = subprocess.run(
            ["git", "ls-tree", "--name-only", "HEAD"],
            cwd=built.clone,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        listed = [item["name"] for item in server.api("GET", "contents")["content"]]
        assert set(listed) <= set(tracked), sorted(set(listed) - set(tracked))
        notification = server.lab_settings(NOTIFICATION)
        assert notification.get("fetchNews") == "false", notification
        assert notification.get("checkForUpdates") is False, notification
        open_notebook(page, server.url(urlpath), path)
        measures["lab_open_seconds"] = round(time.monotonic() - start, 1)

        # The kernel is the built environment's, with the course installed from the clone.
        facts = json.loads(kernel_output(page, path, KERNEL_FACTS).strip().splitlines()[-1])
        assert Path(facts["prefix"]).resolve() == built.venv.resolve(), facts
        assert Path(facts["autograder"]).resolve().is_relative_to(built.clone.resolve()), facts
        # The course's data loads on Binder's kernel, from the installed package.
        assert Path(facts["course_data"]).resolve().is_relative_to(built.clone.resolve()), facts
        assert facts["data"] == [1797, 797, 46490], facts

        start = time.monotonic()
        state = run_all_cells(page, path)
        measures["run_all_seconds"] = round(time.monotonic() - start, 1)
        assert_every_code_cell_ran(state, path)
        assert_no_unexpected_errors(state, path, student=True)
        assert_widgets_rendered(page, state, path)
        assert_every_slider_changes_output(page, path)

        # Learner mode: nbgrader's Validate stays, served by the course's extension, and works ...
        assert "autograder.lab | extension was successfully loaded" in server.log()
        start = time.monotonic()
        shown = validate_notebook(page, path)
        measures["validate_seconds"] = round(time.monotonic() - start, 1)
        assert shown.title == VALIDATION_TITLE, shown
        assert "validation-failed" in shown.classes, shown.text[:2000]
        assert shown.failed and FAILED_CELL in shown.text, shown.text[:2000]
        assert all(shows_not_implemented(cell["error"]) for cell in shown.failed), shown.failed

        # ... while the instructor's tools are offered nowhere, in the page or on the server.
        everything = offered(page)
        assert not instructor_tools_offered(everything), instructor_tools_offered(everything)
        statuses = {handler: server.status(handler) for handler in INSTRUCTOR_HANDLERS}
        assert all(status == 404 for status in statuses.values()), statuses
        # nbgrader's menu holds only instructor tools: in learner mode it is not there at all.
        assert "Nbgrader" not in everything["menus"], everything["menus"].get("Nbgrader")

        # Saved, closed and reopened on a new kernel: every widget still shows its view and
        # its last picture, from the widget state the notebook saved (postBuild turns it on).
        state = save_close_and_reopen(page, server.url(urlpath), path, server.shutdown_kernels)
        saved = server.api("GET", f"contents/{path}")["content"]["metadata"]
        assert "widgets" in saved, f"{path} was saved without its widgets' state"
        assert_widgets_rendered(page, state, path)
        assert_widget_pictures_shown(page, path)
        write_report(measures)
    finally:
        try:
            if server is not None:
                save_screenshot(page, SCREENSHOTS / "binder-rehearsal.png")
        finally:
            context.close()
            if server is not None:
                server.stop()
            # ~650 MB: not left behind in pytest's temporary folders.
            for folder in ("venv", "clone"):
                shutil.rmtree(tmp_path / folder, ignore_errors=True)
