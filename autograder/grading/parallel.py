"""Grade a class on Dask workers: this machine's cores, or a cluster's.

Each task grades one student with :func:`~autograder.grading.autograde.grade_submission`, in
a worker process that loads the course's nbgrader configuration once. Every worker writes
nbgrader's SQLite gradebook; SQLite lets one writer in at a time and makes the others wait
up to 5 s, so a task that still finds the gradebook locked grades the submission again a
little later (``LOCKED_ATTEMPTS`` times in all). A worker that dies has its task given to
another worker by the scheduler (up to its ``allowed-failures``, 3 by default); a task that
fails all the same gives the student an outcome that is not graded and says why.

On a cluster (``--scheduler tcp://host:8786``) the workers must see the course directory at
the same path, on a filesystem they share, and have the grading environment installed.
"""

from __future__ import annotations

import os
import random
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from autograder.grading.autograde import (
    Outcome,
    course_config,
    grade_submission,
    use_this_environment,
)

LOCKED = "database is locked"
LOCKED_ATTEMPTS = 6  # with waits of about 1, 2, 4, 8, 16 s between them
TASK_RETRIES = 1  # a task that raises (the grader's own failure) is run once more

_configs: dict[str, object] = {}  # course directory -> its nbgrader configuration, per process


def local_cores() -> int:
    """How many cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _prepared(course: str):
    """Make this worker process ready to grade in ``course`` (once) and return its
    configuration: nbgrader runs from the course directory, whose ``solutions/`` the
    sandboxed kernels import, and starts ``alembic`` and the kernels by name."""
    if course not in _configs:
        use_this_environment()
        os.chdir(course)
        if course not in sys.path:
            sys.path.insert(0, course)
        _configs[course] = course_config(Path(course))
    return _configs[course]


def grade_on_worker(course: str, assignment: str, student: str) -> Outcome:
    """One task: grade one student's submission, again a little later while the gradebook
    is locked by another worker's write."""
    config = _prepared(course)
    outcome = None
    for attempt in range(LOCKED_ATTEMPTS):
        if attempt:
            time.sleep(2 ** (attempt - 1) * random.uniform(0.75, 1.25))
        try:
            outcome = grade_submission(Path(course), assignment, student, config)
        except Exception as error:
            if LOCKED not in str(error):
                raise
            outcome = Outcome(student, graded=False, reason=f"the gradebook stayed locked: {error}")
            continue
        if outcome.graded or LOCKED not in outcome.reason:
            return outcome
    return outcome


def duration(seconds: float) -> str:
    """A duration in words, to the second.

    Examples
    --------
    >>> duration(42.4), duration(110), duration(3725)
    ('42 s', '1 min 50 s', '1 h 2 min')
    """
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min"


def progress(done: int, total: int, elapsed: float) -> str:
    """How far grading has come: count, rate and the time left at that rate.

    Examples
    --------
    >>> progress(12, 100, 15.0)
    '12/100 graded, 0.8/s, ETA 1 min 50 s'
    >>> progress(3, 3, 90.0)
    '3/3 graded, 0.033/s, done'
    """
    rate = done / elapsed if elapsed > 0 else 0.0
    left = "done" if done >= total else f"ETA {duration((total - done) / rate)}" if rate else ""
    return f"{done}/{total} graded, {rate:.2g}/s, {left}".rstrip(", ")


def grade_in_parallel(
    course: Path,
    assignment: str,
    students: list[str],
    workers: int | None = None,
    scheduler: str | None = None,
) -> Iterator[tuple[Outcome, bool]]:
    """Grade ``students`` on Dask workers and yield ``(outcome, grader_failed)`` for each, in
    the order they finish.

    Parameters
    ----------
    course : pathlib.Path
        The course directory; on a cluster, at the same path on every worker.
    assignment : str
        The assignment, as in ``source/<assignment>/``.
    students : list of str
        Who to grade.
    workers : int, optional
        Worker processes to start on this machine (one thread each); all cores by default.
        Ignored when ``scheduler`` is given.
    scheduler : str, optional
        The address of a running Dask scheduler, e.g. ``tcp://host:8786``.
    """
    from dask.distributed import Client, LocalCluster, as_completed

    if scheduler:
        cluster, client = None, Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=workers or local_cores(),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
        client = Client(cluster)
    try:
        futures = {
            client.submit(
                grade_on_worker,
                str(course),
                assignment,
                student,
                key=f"grade-{assignment}-{student}",
                pure=False,
                retries=TASK_RETRIES,
            ): student
            for student in students
        }
        for future in as_completed(futures):
            student = futures[future]
            try:
                yield future.result(), False
            except Exception as error:  # noqa: BLE001 (reported for this student, class goes on)
                reason = f"grader error on a worker: {type(error).__name__}: {error}"
                yield Outcome(student, graded=False, reason=reason[:300]), True
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def with_progress(
    outcomes: Iterator[tuple[Outcome, bool]],
    total: int,
    clock: Callable[[], float] = time.monotonic,
) -> Iterator[tuple[Outcome, bool, str]]:
    """Each finished outcome with the progress line after it."""
    start, done = clock(), 0
    for outcome, failed in outcomes:
        done += 1
        yield outcome, failed, progress(done, total, clock() - start)
