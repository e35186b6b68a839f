"""A class graded on a real Dask scheduler and its workers earns the grades it earns one by one.

A small class of ``02_softmax`` (honest, blank, one wrong answer, a loop stopped at the time
limit, a file that is not a notebook) is graded three times, each in its own copy of the
course: one after another (``--workers 1``, no Dask); on a Dask scheduler with two worker
processes started here on loopback (``--scheduler``), while the test holds the gradebook
locked for longer than SQLite's wait; and on such a cluster again, killing the worker
process that is grading when the first student is done. Each time the gradebook holds the
same score for every student, and every student has an outcome.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from tests.test_hostile_submissions import ASSIGNMENT, CELL_TIMEOUT, cases, submit
from tools.grading_course import new_course

distributed = pytest.importorskip("dask.distributed")

STUDENTS = ["honest", "honest-chatty", "blank", "partly-wrong", "loops-forever", "not-a-notebook"]
LOCK_SECONDS = 8  # longer than SQLite's 5 s wait for a lock


@pytest.fixture(scope="module")
def made_class(tmp_path_factory):
    course = tmp_path_factory.mktemp("parallel") / "course"
    new_course(course, [ASSIGNMENT], CELL_TIMEOUT)
    table = cases(course)
    for student in STUDENTS:
        submit(course, student, table[student])
    return course, {student: table[student] for student in STUDENTS}


def copy_of(course: Path, name: str) -> Path:
    copy = course.parent / name
    shutil.copytree(course, copy)
    return copy


def grader(course: Path, *options: str) -> subprocess.Popen:
    env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"])
    return subprocess.Popen(
        [sys.executable, "-m", "autograder.grading.autograde", ASSIGNMENT, *options],
        cwd=course,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def first_student_line(run: subprocess.Popen) -> list[str]:
    """Read the grader's output up to its first student's line."""
    lines = []
    for line in run.stdout:
        lines.append(line)
        if "graded, " in line:
            return lines
    raise AssertionError("the grader ended before any student was graded")


def finish(run: subprocess.Popen, lines: list[str]) -> str:
    out, err = run.communicate(timeout=900)
    stdout = "".join(lines) + out
    assert run.returncode == 0, stdout[-3000:] + err[-3000:]
    return stdout


def results(course: Path) -> dict:
    """Every student's gradebook score (None when not graded) and outcome."""
    report = json.loads((course / "reports" / ASSIGNMENT / "autograde.json").read_text())
    outcomes = {o["student"]: o for o in report["outcomes"]}
    scores = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for student, outcome in outcomes.items():
            scores[student] = (
                float(gb.find_submission(ASSIGNMENT, student).score) if outcome["graded"] else None
            )
    return {"scores": scores, "outcomes": outcomes}


@pytest.fixture(scope="module")
def serial(made_class):
    course, _ = made_class
    course = copy_of(course, "serial")
    run = grader(course, "--workers", "1")
    stdout = finish(run, [])
    return results(course), stdout


@pytest.fixture(scope="module")
def cluster():
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as local,
        distributed.Client(local) as client,
    ):
        yield local, client


def test_one_by_one_each_student_earns_what_they_wrote(made_class, serial):
    _, table = made_class
    graded, stdout = serial
    assert set(graded["scores"]) == set(table), "every student has an outcome"
    for student, case in table.items():
        assert graded["outcomes"][student]["graded"] == case.graded, student
        assert graded["scores"][student] == (case.score if case.graded else None), student
    assert f"{len(table)}/{len(table)} graded, " in stdout and "done" in stdout


def test_on_a_scheduler_the_grades_are_the_same_though_the_gradebook_was_locked(
    made_class, serial, cluster
):
    course, table = made_class
    course = copy_of(course, "scheduler")
    local, client = cluster
    run = grader(course, "--scheduler", local.scheduler_address)
    lines = first_student_line(run)
    # Another writer holds the gradebook longer than SQLite waits: the workers' reads and
    # writes meanwhile fail with "database is locked", and their tasks grade again later.
    locker = sqlite3.connect(course / "gradebook.db", timeout=60, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    held_while = client.processing()
    time.sleep(LOCK_SECONDS)
    locker.execute("COMMIT")
    locker.close()
    stdout = finish(run, lines)
    assert any(held_while.values()), "a student was being graded while the gradebook was locked"
    graded = results(course)
    assert graded["scores"] == serial[0]["scores"]
    for student in table:
        assert graded["outcomes"][student]["graded"] == table[student].graded, student
        assert "locked" not in graded["outcomes"][student]["reason"]
    assert f"graded {sum(c.graded for c in table.values())} of {len(table)}" in stdout


def test_a_killed_worker_loses_no_student(made_class, serial, cluster):
    course, table = made_class
    course = copy_of(course, "killed")
    local, client = cluster
    run = grader(course, "--scheduler", local.scheduler_address)
    lines = first_student_line(run)
    pids = client.run(os.getpid)
    busy = [worker for worker, keys in client.processing().items() if keys]
    assert busy, "a worker is grading when the first student is done"
    os.kill(pids[busy[0]], signal.SIGKILL)
    stdout = finish(run, lines)
    graded = results(course)
    assert graded["scores"] == serial[0]["scores"], stdout
    assert all(graded["outcomes"][s]["graded"] == table[s].graded for s in table), (
        "every student has the outcome grading one by one gave"
    )
