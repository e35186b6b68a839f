"""Benchmark: grading a class one by one with nbgrader, and side by side on Dask workers.

A synthetic class of ``01_logits`` is made in a scratch folder, the same every time: its
students take turns being honest, wrong (a catalogued mistake in one exercise), blank,
looping (one answer never returns, stopped at the cell time limit) and broken (one answer
is not valid Python). Two fresh copies of the course grade it, one with nbgrader's own
``nbgrader autograde 01_logits`` and one with ``python -m autograder.grading.autograde
01_logits`` (one Dask worker per core); the gradebooks' scores are compared::

    python -m benchmarks.class_grading --students 20
    python -m benchmarks.class_grading --students 40 --cell-timeout 60 --workers 4

The last line says ``serial S s, parallel P s, speed-up X, identical grades: yes|no``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook

from autograder.course import ASSIGNMENTS
from tests.mistakes import load_catalogue
from tools.grading_course import new_course
from tools.nbgrader_cli import nbgrader
from tools.notebook_cells import ROOT, exercise_cells, function_source, read

ASSIGNMENT = "01_logits"
STUB = "# YOUR CODE HERE\nraise NotImplementedError()"
KINDS = ("honest", "wrong", "blank", "looping", "broken")


def answers(kind: str, n: int) -> dict[str, str]:
    """The answer cells of the ``n``-th student of a kind (exercises left out get the stub)."""
    exercises = ASSIGNMENTS[ASSIGNMENT][1]
    reference = {
        e: c.source
        for e, c in exercise_cells(read(ROOT / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"))
    }
    target = exercises[n % len(exercises)]  # the exercise this student gets wrong, in turn
    if kind == "honest":
        return reference
    if kind == "blank":
        return {}
    if kind == "looping":
        return {**reference, target: "while True:\n    pass"}
    if kind == "broken":
        return {**reference, target: f"def {target}(:\n    return"}
    wrong = [m for m in load_catalogue() if m.exercise in exercises and m.visible]
    mistake = wrong[n % len(wrong)]
    return {**reference, mistake.exercise: function_source(mistake.function, name=mistake.exercise)}


def make_class(course: Path, students: int, cell_timeout: int) -> None:
    """A course directory with ``students`` submissions of the assignment."""
    new_course(course, [ASSIGNMENT], cell_timeout)
    released = course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    for i in range(students):
        kind = KINDS[i % len(KINDS)]
        nb = nbformat.read(released, as_version=4)
        given = answers(kind, i // len(KINDS))
        for exercise, cell in exercise_cells(nb):
            cell.source = given.get(exercise, STUB)
        target = course / "submitted" / f"{kind}-{i:03d}" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
        target.parent.mkdir(parents=True)
        nbformat.write(nb, target)


def scores(course: Path) -> dict[str, float]:
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return {s.student.id: float(s.score) for s in gb.find_assignment(ASSIGNMENT).submissions}


def timed(command, **kwargs) -> float:
    start = time.perf_counter()
    command(**kwargs)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--cell-timeout", type=int, default=10, help="seconds (course: 60)")
    parser.add_argument("--workers", type=int, default=None, help="default: one per core")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        made = Path(scratch) / "made"
        make_class(made, args.students, args.cell_timeout)
        serial_course, parallel_course = Path(scratch) / "serial", Path(scratch) / "parallel"
        shutil.copytree(made, serial_course)
        shutil.copytree(made, parallel_course)

        def serial():
            nbgrader("autograde", ASSIGNMENT, cwd=serial_course, check=False, timeout=36_000)

        def parallel():
            env = dict(os.environ)
            env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
            workers = ["--workers", str(args.workers)] if args.workers else []
            subprocess.run(
                [sys.executable, "-m", "autograder.grading.autograde", ASSIGNMENT, *workers],
                cwd=parallel_course,
                env=env,
                check=True,
                stdout=sys.stderr,  # the progress lines, apart from the result
            )

        serial_seconds, parallel_seconds = timed(serial), timed(parallel)
        first, second = scores(serial_course), scores(parallel_course)
        same = first == second and len(first) == args.students
    print(
        f"serial {serial_seconds:.0f} s, parallel {parallel_seconds:.0f} s, "
        f"speed-up {serial_seconds / parallel_seconds:.2f}, identical grades: "
        f"{'yes' if same else 'no'}"
    )


if __name__ == "__main__":
    main()
