"""Who was graded, and which mistakes did the class make? From nbgrader's gradebook and
autograded notebooks::

    python -m autograder.grading.class_report 01_logits                 # in the course directory
    python -m autograder.grading.class_report 01_logits --csv mistakes.csv
    python -m autograder.grading.class_report 01_logits --html   # a page with plots, and CSV

The report has two parts.

- **Every student** who submitted, was graded or is in the gradebook, in order of name: the
  score, or why there is none (from ``reports/<assignment>/autograde.json``, written by
  ``python -m autograder.grading.autograde``), and what the grader did about the submission
  (answers not run and why, cells stopped at the time limit, test cells restored).
- **Mistakes per exercise.** Every failed check ends its message with ``[mistake: <tag>]``,
  which nbgrader keeps in the autograded notebooks; each student is counted once per exercise
  and tag. A failure without a tag is named for what happened where that is known
  (``answer-not-run``, ``timed-out``, ``stderr-in-test``), else counted as ``unrecognised``,
  so that nothing a student hit goes unseen.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import nbformat

from autograder.feedback import MISTAKES
from autograder.grading.autograde import printable, timed_out_exercises
from autograder.grading.rebuild import integrity_folder

TAG = re.compile(r"\[mistake: ([\w-]+)\]")
UNRECOGNISED = "unrecognised"
NOT_RUN = "answer-not-run"  # the grader's screen kept the answer from running
TIMED_OUT = "timed-out"  # the cell ran past its time limit
STDERR = "stderr-in-test"  # nbgrader scores a test cell that wrote to stderr as failed
GRADER_HINTS = {
    NOT_RUN: "The grader did not run this answer: it reaches into the grading (class list).",
    TIMED_OUT: "The answer or its test ran past the cell's time limit and was stopped.",
    STDERR: "The test cell wrote to stderr, which nbgrader scores as a failure.",
}


@dataclass(frozen=True)
class Failure:
    """One failed graded cell of one student's notebook."""

    student: str
    exercise: str
    tag: str


def failures_in(notebook: Path, student: str) -> list[Failure]:
    """The failed graded cells of an autograded notebook, with the mistake each one names.

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook()
    >>> cell = nbformat.v4.new_code_cell("check_softmax(softmax)")
    >>> cell.metadata["nbgrader"] = {"grade": True, "grade_id": "test_softmax"}
    >>> cell.outputs = [nbformat.v4.new_output("error", ename="CheckFailed",
    ...     evalue="... [mistake: wrong-axis]", traceback=[])]
    >>> nb.cells.append(cell)
    >>> import tempfile; path = Path(tempfile.mkdtemp()) / "nb.ipynb"; nbformat.write(nb, path)
    >>> failures_in(path, "ada")
    [Failure(student='ada', exercise='softmax', tag='wrong-axis')]
    """
    try:
        nb = nbformat.read(notebook, as_version=4)
    except Exception:  # an unreadable notebook is a failure of every exercise we cannot see
        return [Failure(student, notebook.stem, UNRECOGNISED)]
    assignment = notebook.parent.name
    course = notebook.parent.parent.parent.parent
    record = integrity_folder(course, assignment, student) / f"{notebook.stem}.json"
    not_run = set()
    try:
        answers = json.loads(record.read_text(encoding="utf-8")).get("answers", {})
        not_run = {name for name, answer in answers.items() if answer.get("findings")}
    except (OSError, ValueError):  # graded before records were kept, or by plain nbgrader
        pass
    timed_out = set(timed_out_exercises(nb))
    found = []
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type != "code" or not meta.get("grade"):
            continue
        exercise = meta["grade_id"].removeprefix("test_")
        tag = None
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                match = TAG.search(output.get("evalue", ""))
                tag = match.group(1) if match else UNRECOGNISED
                if output.get("ename") == "CellTimeoutError":
                    tag = TIMED_OUT
                break
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                tag = STDERR
        if tag == UNRECOGNISED and exercise in not_run:
            tag = NOT_RUN
        if tag and exercise in timed_out:  # its answer looped, so it was never defined
            tag = TIMED_OUT
        if tag:
            found.append(Failure(student, exercise, tag))
    return found


def class_failures(course_dir: Path, assignment: str) -> list[Failure]:
    """Every failure of every student in ``autograded/<student>/<assignment>/``."""
    failures = []
    for notebook in sorted((course_dir / "autograded").glob(f"*/{assignment}/*.ipynb")):
        failures += failures_in(notebook, notebook.parent.parent.name)
    return failures


def tally(failures: list[Failure]) -> dict[str, Counter]:
    """Exercise -> Counter of mistake tags (each student counted once per exercise and tag)."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for failure in set(failures):
        counts[failure.exercise][failure.tag] += 1
    return dict(counts)


def ranked(counter: Counter) -> list[tuple[str, int]]:
    """Mistake tags, most frequent first and ties by name, so every run lists them alike."""
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def render(counts: dict[str, Counter], n_students: int) -> str:
    """A plain-text table, most frequent mistakes first."""
    lines = [f"{'exercise':<28} {'mistake':<28} {'students':>8}  hint"]
    for exercise in sorted(counts):
        for tag, n in ranked(counts[exercise]):
            hint = (
                MISTAKES[tag].hint
                if tag in MISTAKES
                else GRADER_HINTS.get(tag, "see the student's notebook")
            )
            lines.append(f"{exercise:<28} {tag:<28} {n:>4}/{n_students:<3}  {hint[:70]}")
    return "\n".join(lines)


@dataclass(frozen=True)
class StudentRow:
    """One line of the class list: a student, their score or why there is none, and notes."""

    student: str
    score: str
    notes: str


def class_list(course_dir: Path, assignment: str) -> list[StudentRow]:
    """Every student with a submission, an autograded notebook or a gradebook entry for
    ``assignment``, sorted by name, with their score or the reason there is none."""
    outcomes = {}
    saved = course_dir / "reports" / assignment / "autograde.json"
    if saved.exists():
        data = json.loads(saved.read_text(encoding="utf-8"))
        outcomes = {o["student"]: o for o in data["outcomes"]}
    scores = {}
    database = course_dir / "gradebook.db"
    if database.exists():
        from nbgrader.api import Gradebook, MissingEntry

        with Gradebook(f"sqlite:///{database}") as gb:
            try:
                for submission in gb.find_assignment(assignment).submissions:
                    scores[submission.student.id] = (submission.score, submission.max_score)
            except MissingEntry:
                pass
    students = set(outcomes) | set(scores)
    students |= {p.parent.name for p in (course_dir / "submitted").glob(f"*/{assignment}")}
    students |= {p.parent.name for p in (course_dir / "autograded").glob(f"*/{assignment}")}
    rows = []
    for student in sorted(students):
        outcome = outcomes.get(student)
        notes = []
        if outcome and not outcome["graded"]:
            score = "not graded"
            notes.append(outcome["reason"])
        elif student in scores:
            score = f"{scores[student][0]:g}/{scores[student][1]:g}"
        else:
            score = "not graded"
            notes.append("not autograded yet")
        if outcome:
            notes += [f"answer {n} not run: {why}" for n, why in sorted(outcome["not_run"].items())]
            if outcome["timed_out"]:
                notes.append("stopped at the time limit: " + ", ".join(outcome["timed_out"]))
            if outcome["missing"]:
                notes.append("no answer found: " + ", ".join(outcome["missing"]))
            if outcome["tests_restored"]:
                notes.append("test cells restored: " + ", ".join(outcome["tests_restored"]))
            if outcome["cells_not_run"]:
                notes.append(f"{outcome['cells_not_run']} added or changed cells not run")
        rows.append(StudentRow(student, score, "; ".join(notes)))
    return rows


def render_class_list(rows: list[StudentRow]) -> str:
    """A plain-text table of :func:`class_list`."""
    width = max([len("student")] + [len(r.student) for r in rows])
    lines = [f"{'student':<{width}}  {'score':<10}  notes"]
    lines += [printable(f"{r.student:<{width}}  {r.score:<10}  {r.notes}".rstrip()) for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Count the mistakes a class made in one assignment."
    )
    parser.add_argument("assignment")
    parser.add_argument("--course-dir", type=Path, default=Path("."))
    parser.add_argument("--csv", type=Path, help="also write exercise,mistake,students rows here")
    parser.add_argument(
        "--html",
        action="store_true",
        help="also write reports/<assignment>/class_report.html (plots) and class_report.csv",
    )
    args = parser.parse_args(argv)
    import autograder  # noqa: F401  (registers every mistake, so that hints can be shown)

    rows = class_list(args.course_dir, args.assignment)
    students = {
        p.parent.parent.name
        for p in (args.course_dir / "autograded").glob(f"*/{args.assignment}/*.ipynb")
    }
    if not rows:
        print(
            f"no submissions of {args.assignment} under {args.course_dir}",
            file=sys.stderr,
        )
        return 1
    counts = tally(class_failures(args.course_dir, args.assignment))
    # Hints hold symbols such as "√": a terminal that cannot show them gets a stand-in
    # instead of a UnicodeEncodeError halfway through the table.
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")
    graded = sum(r.score != "not graded" for r in rows)
    print(
        f"{args.assignment}: {len(rows)} students, {graded} graded, {len(rows) - graded} not graded"
    )
    print(render_class_list(rows))
    print()
    print(render(counts, max(len(students), 1)))
    if args.csv:
        with args.csv.open("w", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["exercise", "mistake", "students"])
            for exercise in sorted(counts):
                for tag, n in ranked(counts[exercise]):
                    writer.writerow([exercise, tag, n])
    if args.html:
        from autograder.course import ASSIGNMENTS
        from autograder.grading import report_page

        scores = report_page.exercise_scores(args.course_dir, args.assignment)
        exercises = list(ASSIGNMENTS.get(args.assignment, ((), ()))[1]) or sorted(
            {e for row in scores.values() for e in row}
        )
        folder = args.course_dir / "reports" / args.assignment
        folder.mkdir(parents=True, exist_ok=True)
        page, table = folder / "class_report.html", folder / "class_report.csv"
        report_page.write_page(page, args.assignment, rows, scores, counts, exercises)
        report_page.write_csv(table, rows, scores, exercises)
        print(f"\nwritten: {page} and {table}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
