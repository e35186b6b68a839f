"""A throwaway nbgrader course directory made from this repository, for tests and benchmarks."""

from __future__ import annotations

import shutil
from pathlib import Path

from tools.nbgrader_cli import nbgrader
from tools.notebook_cells import ROOT


def new_course(course: Path, assignments, cell_timeout: int) -> Path:
    """Make ``course`` a course directory holding ``assignments``, released.

    It gets each assignment's ``source/`` folder, the reference answers that the grading
    kernels import (``solutions/``), the course's ``nbgrader_config.py`` with a cell time
    limit of ``cell_timeout`` seconds (the course's own is 60), and ``release/`` from
    nbgrader's ``generate_assignment``.
    """
    for assignment in assignments:
        shutil.copytree(ROOT / "source" / assignment, course / "source" / assignment)
    shutil.copytree(
        ROOT / "solutions", course / "solutions", ignore=shutil.ignore_patterns("__pycache__")
    )
    config = (ROOT / "nbgrader_config.py").read_text()
    (course / "nbgrader_config.py").write_text(config + f"\nc.Execute.timeout = {cell_timeout}\n")
    for assignment in assignments:
        nbgrader("generate_assignment", assignment, "--force", cwd=course)
    return course
