"""The class report as a page an instructor opens, and as CSV for a spreadsheet.

::

    python -m autograder.grading.class_report 02_softmax --html   # reports/02_softmax/class_report.html and .csv

The page is one self-contained HTML file (its pictures are embedded PNGs; no script, no
network): the scores of the class per exercise, the mistakes most students made, and the
class list with every student's score or why there is none. The CSV has one row per student:
the score, each exercise's points, whether they were graded, and the notes.

Scores per exercise come from nbgrader's gradebook (each test cell's grade); mistakes and
notes from :mod:`autograder.grading.class_report`.
"""

from __future__ import annotations

import base64
import csv
import html
import io
from collections import Counter
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # drawn to files, never to a screen
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402


def exercise_scores(course: Path, assignment: str) -> dict[str, dict[str, tuple[float, float]]]:
    """Student -> exercise -> (points, max points), from the gradebook's test-cell grades.

    Students without a graded submission are absent.
    """
    from nbgrader.api import Gradebook, MissingEntry

    database = course / "gradebook.db"
    scores: dict[str, dict[str, tuple[float, float]]] = {}
    if not database.exists():
        return scores
    with Gradebook(f"sqlite:///{database}") as gb:
        try:
            submissions = gb.find_assignment(assignment).submissions
        except MissingEntry:
            return scores
        for submission in submissions:
            row = {}
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    if grade.cell.cell_type == "code" and grade.name.startswith("test_"):
                        row[grade.name.removeprefix("test_")] = (
                            float(grade.score),
                            float(grade.max_score),
                        )
            scores[submission.student.id] = row
    return scores


def _png(fig) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def score_figure(scores, exercises: list[str]) -> str:
    """One bar chart per exercise: how many students earned each number of points (PNG,
    base64)."""
    fig, axes = plt.subplots(
        1,
        len(exercises),
        figsize=(2.6 * len(exercises), 2.8),
        squeeze=False,
        sharey=True,
        layout="constrained",
    )
    for ax, exercise in zip(axes[0], exercises, strict=True):
        earned = Counter(row[exercise][0] for row in scores.values() if exercise in row)
        top = max((row[exercise][1] for row in scores.values() if exercise in row), default=1)
        points = sorted(set(earned) | {0.0, top})
        ax.bar([f"{p:g}" for p in points], [earned.get(p, 0) for p in points], color="tab:blue")
        ax.set_title(exercise, fontsize=9)
        ax.set_xlabel("points")
    axes[0][0].set_ylabel("students")
    axes[0][0].yaxis.set_major_locator(MaxNLocator(integer=True))
    fig.suptitle("Points per exercise", fontsize=10)
    return _png(fig)


def mistake_figure(counts: dict[str, Counter], n_students: int, most: int = 15) -> str:
    """The most frequent mistakes, as the share of students who made each (PNG, base64)."""
    ranked = sorted(
        ((n, f"{exercise}: {tag}") for exercise, c in counts.items() for tag, n in c.items()),
        key=lambda item: (-item[0], item[1]),
    )[:most]
    fig, ax = plt.subplots(figsize=(7.5, 0.35 * max(len(ranked), 1) + 1.0), layout="constrained")
    if ranked:
        labels = [label for _, label in reversed(ranked)]
        shares = [100 * n / max(n_students, 1) for n, _ in reversed(ranked)]
        ax.barh(labels, shares, color="tab:orange")
        ax.set_xlabel(f"% of the {n_students} graded students")
        ax.set_xlim(0, 100)
    else:
        ax.text(0.5, 0.5, "no failed check", ha="center", va="center")
        ax.set_axis_off()
    ax.set_title("Mistakes the class made (each student counted once per mistake)", fontsize=10)
    return _png(fig)


def write_csv(path: Path, rows, scores, exercises: list[str]) -> None:
    """One row per student: status, score, each exercise's points, notes."""
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["student", "graded", "score", *exercises, "notes"])
        for row in rows:
            points = scores.get(row.student, {})
            writer.writerow(
                [
                    row.student,
                    "yes" if row.score != "not graded" else "no",
                    row.score,
                    *(f"{points[e][0]:g}" if e in points else "" for e in exercises),
                    row.notes,
                ]
            )


def write_page(path: Path, assignment: str, rows, scores, counts, exercises) -> None:
    """The self-contained HTML page of the class report."""
    graded = sum(r.score != "not graded" for r in rows)
    escape = html.escape
    table = "\n".join(
        f"<tr><td>{escape(r.student)}</td><td>{escape(r.score)}</td><td>{escape(r.notes)}</td></tr>"
        for r in rows
    )
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>Class report: {escape(assignment)}</title>
<style>body{{font-family:sans-serif;max-width:1100px;margin:2em auto}}
td,th{{padding:2px 10px;text-align:left;vertical-align:top}} tr:nth-child(even){{background:#f3f3f3}}</style>
</head><body>
<h1>Class report: {escape(assignment)}</h1>
<p>{len(rows)} students, {graded} graded, {len(rows) - graded} not graded.</p>
<h2>Points per exercise</h2>
<img id="scores" alt="points per exercise" src="data:image/png;base64,{score_figure(scores, exercises)}">
<h2>Mistakes</h2>
<img id="mistakes" alt="mistakes the class made" src="data:image/png;base64,{mistake_figure(counts, graded)}">
<h2>Every student</h2>
<table><tr><th>student</th><th>score</th><th>notes</th></tr>
{table}
</table></body></html>
"""
    path.write_text(page, encoding="utf-8")
