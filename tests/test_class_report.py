"""The class report lists mistakes in the same order on every run and prints on any terminal."""

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import nbformat

from autograder.grading.class_report import ranked, render

ROOT = Path(__file__).resolve().parents[1]


def test_ties_are_listed_by_name_whatever_the_order_they_were_counted_in():
    forwards = Counter({"b-mistake": 2, "a-mistake": 2, "c-mistake": 5})
    backwards = Counter(dict(reversed(list(forwards.items()))))
    assert (
        ranked(forwards)
        == ranked(backwards)
        == [
            ("c-mistake", 5),
            ("a-mistake", 2),
            ("b-mistake", 2),
        ]
    )
    assert render({"softmax": forwards}, 9) == render({"softmax": backwards}, 9)


def test_it_prints_on_a_terminal_that_cannot_show_the_hints_symbols(tmp_path):
    # One autograded notebook whose failed check names a mistake with "√" in its hint.
    failed = nbformat.v4.new_code_cell(
        "check_scaled_dot_product_attention(scaled_dot_product_attention)",
        metadata={
            "nbgrader": {
                "grade": True,
                "grade_id": "test_scaled_dot_product_attention",
                "points": 3,
            }
        },
    )
    failed.outputs = [
        nbformat.v4.new_output(
            "error",
            ename="CheckFailed",
            evalue="`scaled_dot_product_attention`: divide by sqrt(d_k) [mistake: attention-no-scaling]",
            traceback=[],
        )
    ]
    folder = tmp_path / "autograded" / "student" / "07_attention_and_masking"
    folder.mkdir(parents=True)
    nbformat.write(nbformat.v4.new_notebook(cells=[failed]), folder / "07.ipynb")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "autograder.grading.class_report",
            "07_attention_and_masking",
            "--course-dir",
            str(tmp_path),
        ],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii", "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr.decode()
    assert b"UnicodeEncodeError" not in run.stderr
    assert b"attention-no-scaling" in run.stdout and b"divided by ?d_k" in run.stdout
