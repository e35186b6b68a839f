"""Which mistakes did the class make? A tally from nbgrader's autograded notebooks.

Every failed check ends its message with ``[mistake: <tag>]``; nbgrader keeps that message in
the autograded notebooks. This reads them and counts, for each exercise, how many students
made each mistake::

    python -m autograder.grading.class_report 01_logits                 # in the course directory
    python -m autograder.grading.class_report 01_logits --csv mistakes.csv

A failure without a tag (a cell that timed out, a crash outside the checks) is counted as
``unrecognised``, so that nothing a student hit goes unseen.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import nbformat

from autograder.feedback import MISTAKES

TAG = re.compile(r"\[mistake: ([\w-]+)\]")
UNRECOGNISED = "unrecognised"


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
    found = []
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type != "code" or not meta.get("grade"):
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                match = TAG.search(output.get("evalue", ""))
                exercise = meta["grade_id"].removeprefix("test_")
                found.append(Failure(student, exercise, match.group(1) if match else UNRECOGNISED))
                break
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
            hint = MISTAKES[tag].hint if tag in MISTAKES else "see the student's notebook"
            lines.append(f"{exercise:<28} {tag:<28} {n:>4}/{n_students:<3}  {hint[:70]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Count the mistakes a class made in one assignment."
    )
    parser.add_argument("assignment")
    parser.add_argument("--course-dir", type=Path, default=Path("."))
    parser.add_argument("--csv", type=Path, help="also write exercise,mistake,students rows here")
    args = parser.parse_args(argv)
    import autograder  # noqa: F401  (registers every mistake, so that hints can be shown)

    students = {
        p.parent.parent.name
        for p in (args.course_dir / "autograded").glob(f"*/{args.assignment}/*.ipynb")
    }
    if not students:
        print(
            f"no autograded submissions of {args.assignment} under {args.course_dir}/autograded",
            file=sys.stderr,
        )
        return 1
    counts = tally(class_failures(args.course_dir, args.assignment))
    # Hints hold symbols such as "√": a terminal that cannot show them gets a stand-in
    # instead of a UnicodeEncodeError halfway through the table.
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")
    print(render(counts, len(students)))
    if args.csv:
        with args.csv.open("w", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["exercise", "mistake", "students"])
            for exercise in sorted(counts):
                for tag, n in ranked(counts[exercise]):
                    writer.writerow([exercise, tag, n])
    return 0


if __name__ == "__main__":
    sys.exit(main())
