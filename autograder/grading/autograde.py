"""Grade a whole class in one command, whatever its submissions do.

::

    python -m autograder.grading.autograde 02_softmax            # in the course directory
    python -m autograder.grading.autograde 02_softmax --student ada --student bo
    python -m autograder.grading.autograde 02_softmax --workers 1        # one at a time
    python -m autograder.grading.autograde 02_softmax --scheduler tcp://host:8786

Submissions are graded side by side, one per core, by Dask worker processes
(:mod:`autograder.grading.parallel`), or on the workers of a running Dask scheduler;
``--workers 1`` grades them one after another in this process.

Each submission in ``submitted/<student>/<assignment>/`` goes through nbgrader's own
``autograde`` (its gradebook stays the system of record: feedback, export and formgrader work
as usual), configured by the course's ``nbgrader_config.py``: the submission is rebuilt from
the source notebook around the student's answers (:mod:`autograder.grading.rebuild`) and run in
a sandboxed kernel. One submission that cannot be graded (a file that is not a notebook, say)
is reported with its reason and the class goes on.

The outcome of every submission is printed and saved as ``reports/<assignment>/autograde.json``,
which :mod:`autograder.grading.class_report` reads. The exit status says whether the *class*
was graded: 0 when every submission has an outcome (graded, or not graded with a reason), 1
when some submission has none (the grader itself failed), 2 when nothing could be graded (no
such assignment, no submission).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.apps import NbGraderAPI
from traitlets.config.loader import PyFileConfigLoader

from autograder.grading.execute import TIMEOUT_ERROR
from autograder.grading.rebuild import integrity_folder


@dataclass
class Outcome:
    """What grading one student's submission of one assignment came to."""

    student: str
    graded: bool
    reason: str = ""  # why it was not graded, in words
    score: float = 0.0
    max_score: float = 0.0
    seconds: float = 0.0
    not_run: dict[str, str] = field(default_factory=dict)  # exercise -> what the screen found
    missing: list[str] = field(default_factory=list)  # exercises with no answer found
    timed_out: list[str] = field(default_factory=list)  # graded cells stopped at the time limit
    tests_restored: list[str] = field(default_factory=list)  # edited or deleted test cells
    cells_not_run: int = 0  # cells the student added or changed outside the answers


def use_this_environment() -> None:
    """Put this interpreter's scripts first on ``PATH``: nbgrader starts helper programs
    (``alembic`` for the gradebook) by name, as if the environment were activated."""
    scripts = str(Path(sys.executable).parent)
    if os.environ.get("PATH", "").split(os.pathsep)[0] != scripts:
        os.environ["PATH"] = scripts + os.pathsep + os.environ.get("PATH", "")


def course_config(course: Path):
    """The course's nbgrader configuration, with the course directory as its root."""
    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    config.CourseDirectory.root = str(course)
    return config


def submitted_students(course: Path, assignment: str) -> list[str]:
    """Every student with a folder ``submitted/<student>/<assignment>/``, sorted."""
    return sorted(
        p.parent.name for p in (course / "submitted").glob(f"*/{assignment}") if p.is_dir()
    )


EXCEPTION_LINE = re.compile(r"^\s*((?:[\w.]+\.)?(\w+(?:Error|Exception)))(?::\s*(.*))?$")
PLAIN_WORDS = {
    "NotJSONError": "the file is not a notebook (not JSON)",
    "JSONDecodeError": "the file is not a notebook (not JSON)",
    "NBFormatError": "the file is not a valid notebook",
    "ValidationError": "the file is not a valid notebook",
    "DeadKernelError": "the kernel died while running the notebook",
}


def _reason(result: dict) -> str:
    """Why nbgrader could not grade a submission, in words: the innermost exception its log
    reports (nbgrader's own "see the above traceback" comes last and says nothing)."""
    lines = (result.get("log") or "").splitlines() + (result.get("error") or "").splitlines()
    for line in lines:
        match = EXCEPTION_LINE.match(line)
        if match and match.group(2) != "NbGraderException":
            name, detail = match.group(2), (match.group(3) or "").strip()
            words = PLAIN_WORDS.get(name, name)
            return f"{words}: {detail}"[:300] if detail else words
    errors = [line for line in lines if line.startswith("[ERROR]")]
    return (errors[0] if errors else "nbgrader failed without saying why")[:300]


def timed_out_exercises(nb) -> list[str]:
    """The exercises whose answer cell or test cell was stopped at the time limit."""
    found = []
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade_id") and any(
            o.get("ename") == TIMEOUT_ERROR for o in cell.get("outputs", [])
        ):
            exercise = meta["grade_id"].removeprefix("test_")
            if exercise not in found:
                found.append(exercise)
    return found


def _details(course: Path, assignment: str, outcome: Outcome) -> None:
    """Fill ``outcome`` from the autograded notebooks and their integrity records."""
    folder = course / "autograded" / outcome.student / assignment
    for record_file in sorted(integrity_folder(course, assignment, outcome.student).glob("*.json")):
        try:
            record = json.loads(record_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # written by the grader; unreadable only if damaged
            continue
        for name, answer in record["answers"].items():
            if answer["findings"]:
                first = answer["findings"][0]
                outcome.not_run[name] = (
                    f"line {first['line']}: {first['message']} [{first['rule']}]"
                )
            elif answer["found"] == "missing":
                outcome.missing.append(name)
        outcome.tests_restored += record["tests_edited"] + record["tests_missing"]
        outcome.cells_not_run += record["cells_not_run"]
    for notebook in sorted(folder.glob("*.ipynb")):
        try:
            nb = nbformat.read(notebook, as_version=4)
        except Exception:  # noqa: BLE001 (an unreadable result is reported by the score)
            continue
        for exercise in timed_out_exercises(nb):
            if exercise not in outcome.timed_out:
                outcome.timed_out.append(exercise)


def not_plain_files(folder: Path) -> str:
    """What, in a submitted folder, is not a plain file or folder (a symbolic link, a
    device, a pipe), in words; ``""`` if nothing.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> (folder / "a.ipynb").write_text("{}") and not_plain_files(folder)
    ''
    >>> (folder / "leak.txt").symlink_to("/etc/hostname")
    >>> not_plain_files(folder)
    'a symbolic link, leak.txt'
    """
    if folder.is_symlink():
        return "a symbolic link in place of its folder"
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            if path.is_symlink():
                return f"a symbolic link, {path.relative_to(folder)}"
            if not (path.is_dir() or path.is_file()):
                return f"a special file, {path.relative_to(folder)}"
    return ""


def printable(text: str) -> str:
    """``text`` with control characters shown as escapes, so that a student's file or cell
    cannot move the cursor or hide lines on the instructor's terminal.

    Examples
    --------
    >>> print(printable("ok" + chr(27) + "[2K hidden"))
    ok\\x1b[2K hidden
    """
    return "".join(c if c.isprintable() or c == "\n" else repr(c)[1:-1] for c in str(text))


def grade_submission(course: Path, assignment: str, student: str, config=None) -> Outcome:
    """Autograde one student's submission with nbgrader and say what came of it.

    Never raises for anything the submission does: a submission nbgrader cannot grade gives
    ``Outcome(graded=False, reason=...)``.
    """
    course = Path(course).resolve()
    odd = not_plain_files(course / "submitted" / student / assignment)
    if odd:
        # nbgrader would copy what a link points to (any file the grader may read: the
        # gradebook, the reference answers) into the autograded folder and the feedback.
        return Outcome(student, graded=False, reason=f"the submission holds {odd}: not graded")
    api = NbGraderAPI(config=config or course_config(course))
    start = time.perf_counter()
    result = api.autograde(assignment, student, force=True, create=True)
    outcome = Outcome(student, graded=bool(result.get("success")))
    outcome.seconds = round(time.perf_counter() - start, 2)
    if not outcome.graded:
        outcome.reason = _reason(result)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        try:
            submission = gb.find_submission(assignment, student)
            outcome.score, outcome.max_score = float(submission.score), float(submission.max_score)
        except MissingEntry:
            outcome.graded = False
            outcome.reason = outcome.reason or "no submission recorded in the gradebook"
    _details(course, assignment, outcome)
    return outcome


def summary(outcomes: list[Outcome]) -> str:
    """A few lines for the instructor: how many were graded, and every exception by name."""
    graded = [o for o in outcomes if o.graded]
    lines = [f"graded {len(graded)} of {len(outcomes)} submissions"]
    for o in outcomes:
        notes = []
        if not o.graded:
            notes.append(f"NOT GRADED: {o.reason}")
        notes += [f"answer {name} not run ({why})" for name, why in o.not_run.items()]
        if o.timed_out:
            notes.append("stopped at the time limit: " + ", ".join(o.timed_out))
        if o.tests_restored:
            notes.append("test cells edited or deleted, restored: " + ", ".join(o.tests_restored))
        if o.cells_not_run:
            notes.append(f"{o.cells_not_run} added or changed cells outside the answers not run")
        if notes:
            lines.append(printable(f"  {o.student}: " + "; ".join(notes)))
    return "\n".join(lines)


def save(course: Path, assignment: str, outcomes: list[Outcome]) -> Path:
    """Write the outcomes to ``reports/<assignment>/autograde.json`` and return its path."""
    path = course / "reports" / assignment / "autograde.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"assignment": assignment, "outcomes": [asdict(o) for o in outcomes]}
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    return path


def graded_one_by_one(course: Path, assignment: str, students: list[str]):
    """Grade ``students`` in this process, one after another, and yield
    ``(outcome, grader_failed)`` for each."""
    config = course_config(course)
    for student in students:
        try:
            yield grade_submission(course, assignment, student, config), False
        except Exception as error:  # noqa: BLE001 (the grader's own failure: report, go on)
            yield Outcome(student, graded=False, reason=f"grader error: {error!r}"), True


def graded(course: Path, assignment: str, students: list[str], args):
    """Grade ``students`` as the command line asks and yield ``(outcome, grader_failed,
    progress line)`` for each as it finishes."""
    from autograder.grading import parallel  # imports Dask only when it is used

    if args.workers == 1 and not args.scheduler:
        outcomes = graded_one_by_one(course, assignment, students)
    else:
        outcomes = parallel.grade_in_parallel(
            course, assignment, students, workers=args.workers, scheduler=args.scheduler
        )
    return parallel.with_progress(outcomes, len(students))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("assignment")
    parser.add_argument("--student", action="append", help="grade only these (repeatable)")
    parser.add_argument("--course", type=Path, default=Path.cwd(), help="the course directory")
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="worker processes on this machine (default: one per core; 1: no Dask)",
    )
    parser.add_argument(
        "--scheduler",
        help="address of a running Dask scheduler (tcp://host:8786); its workers must see "
        "the course directory at the same path",
    )
    args = parser.parse_args(argv)
    if args.workers is not None and args.workers < 1:
        parser.error("--workers must be at least 1")
    course = args.course.resolve()
    if hasattr(sys.stdout, "reconfigure"):  # a student's name must not crash a cp1252 console
        sys.stdout.reconfigure(errors="replace")
    if not (course / "source" / args.assignment).is_dir():
        print(f"no assignment {args.assignment!r} in {course / 'source'}", file=sys.stderr)
        return 2
    students = args.student or submitted_students(course, args.assignment)
    if not students:
        print(f"no submissions of {args.assignment} in {course / 'submitted'}", file=sys.stderr)
        return 2
    use_this_environment()
    # nbgrader's gradebook code trips a harmless SQLAlchemy warning for every submission,
    # which would bury the outcomes the instructor is here to read.
    warnings.filterwarnings("ignore", message=r".*not in session.*")
    # nbgrader works from the course directory, whose `solutions/` the sandboxed kernels
    # import (the learner's environment does not install it).
    os.chdir(course)
    if str(course) not in sys.path:
        sys.path.insert(0, str(course))
    # Gradebook() creates and migrates the database: done here once, not by every worker.
    Gradebook(f"sqlite:///{course / 'gradebook.db'}").close()
    outcomes, failed = [], []
    for outcome, grader_failed, done in graded(course, args.assignment, students, args):
        outcomes.append(outcome)
        if grader_failed:
            failed.append(outcome.student)
        state = f"{outcome.score:g}/{outcome.max_score:g}" if outcome.graded else "not graded"
        print(
            printable(f"{outcome.student}: {state}  ({outcome.seconds:.1f} s)  [{done}]"),
            flush=True,
        )
    order = {student: i for i, student in enumerate(students)}
    outcomes.sort(key=lambda o: order[o.student])
    print(summary(outcomes))
    print(f"outcomes saved to {save(course, args.assignment, outcomes)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
