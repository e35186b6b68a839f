"""The class report's page opens in a real browser and shows its plots; its CSV has a row
per student."""

from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path

from nbgrader.api import Gradebook

from autograder.grading import class_report
from tests.browser.conftest import SCREENSHOTS

ASSIGNMENT = "02_softmax"
EXERCISES = ("softmax", "sigmoid", "soft_argmax")
#: student -> points per exercise (2 each); None: not graded.
CLASS = {"ada": (2, 2, 2), "bo": (2, 0, 2), "cy": (0, 0, 0), "dee": None}


def make_course(course):
    """A gradebook with the class's grades, and the grading command's outcomes."""
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        gb.update_or_create_assignment(ASSIGNMENT)
        gb.add_notebook(ASSIGNMENT, ASSIGNMENT)
        for exercise in EXERCISES:
            gb.add_grade_cell(
                f"test_{exercise}", ASSIGNMENT, ASSIGNMENT, max_score=2, cell_type="code"
            )
        for student, points in CLASS.items():
            gb.add_student(student)
            if points is None:
                continue
            gb.add_submission(ASSIGNMENT, student)
            for exercise, score in zip(EXERCISES, points, strict=True):
                gb.find_grade(
                    f"test_{exercise}", ASSIGNMENT, ASSIGNMENT, student
                ).auto_score = score
            gb.db.commit()
    outcomes = [
        {
            "student": s,
            "graded": p is not None,
            "reason": "" if p else "the file is not a notebook",
            "not_run": {},
            "timed_out": [],
            "missing": [],
            "tests_restored": [],
            "cells_not_run": 0,
        }
        for s, p in CLASS.items()
    ]
    folder = course / "reports" / ASSIGNMENT
    folder.mkdir(parents=True)
    (folder / "autograde.json").write_text(json.dumps({"outcomes": outcomes}))


def test_the_page_shows_its_plots_and_every_student(chromium, tmp_path, monkeypatch):
    # The gradebook is made by nbgrader, which starts `alembic` by name.
    scripts = str(Path(sys.executable).parent)
    monkeypatch.setenv("PATH", scripts + os.pathsep + os.environ["PATH"])
    make_course(tmp_path)
    assert class_report.main([ASSIGNMENT, "--course-dir", str(tmp_path), "--html"]) == 0
    page_file = tmp_path / "reports" / ASSIGNMENT / "class_report.html"
    with (tmp_path / "reports" / ASSIGNMENT / "class_report.csv").open() as f:
        rows = {r["student"]: r for r in csv.DictReader(f)}
    assert set(rows) == set(CLASS)
    assert [rows["bo"][e] for e in EXERCISES] == ["2", "0", "2"] and rows["bo"]["score"] == "4/6"
    assert rows["dee"]["graded"] == "no" and "not a notebook" in rows["dee"]["notes"]

    context = chromium.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    try:
        page.goto(page_file.as_uri())
        for image in ("#scores", "#mistakes"):
            width = page.eval_on_selector(image, "img => img.complete && img.naturalWidth")
            assert width and width > 200, f"{image} did not render"
        table = page.inner_text("table")
        assert all(student in table for student in CLASS)
        assert "4 students, 3 graded, 1 not graded" in page.inner_text("body")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "class-report.png"), full_page=True)
    finally:
        context.close()
