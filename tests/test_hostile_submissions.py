"""A class of careless and hostile submissions, graded in one command.

One class of ``02_softmax`` (6 points: ``softmax``, ``sigmoid`` and ``soft_argmax``, 2 each,
none calling another) holds honest students and every known way a submission has broken
grading or earned marks it did not write. It is graded by the course's one command,
``python -m autograder.grading.autograde``, through nbgrader's real gradebook and sandboxed
kernels. Then:

- the command says the class was graded (exit status 0), and every student has an outcome;
- every student's score is exactly what their answers earn (the table ``CASES``);
- no file outside the grader's own outputs changed, in the course directory or in the
  course's packages (hashes before and after). The screen keeps every write here from
  running; ``tests/test_sandbox.py`` shows the sandbox stopping the same writes when they run;
- the instructor sees each attempt: the outcome names what was not run and why.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from tests.mistakes import load_catalogue
from tools.grading_course import new_course
from tools.nbgrader_cli import nbgrader
from tools.notebook_cells import ROOT, exercise_cells, function_source, nbgrader_meta, read

ASSIGNMENT = "02_softmax"
CELL_TIMEOUT = 5  # seconds; the course's own limit is 60
GRADER_OUTPUTS = {"autograded", "feedback", "reports", "gradebook.db", "grades.csv"}

REFERENCE = {
    e: c.source
    for e, c in exercise_cells(read(ROOT / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"))
}
WRONG_SOFT_ARGMAX = function_source(
    next(e for e in load_catalogue() if e.exercise == "soft_argmax" and e.visible).function,
    name="soft_argmax",
)


@dataclass
class Case:
    """One student: how the submission is made, and what grading must come to."""

    answers: dict = field(default_factory=dict)  # exercise -> answer cell (others: the stub)
    edit: object = None  # changes the notebook further
    raw: bytes | None = None  # the file's bytes, for a file that is not a notebook
    extra: object = None  # adds files to the submission's folder
    score: float = 0  # expected
    graded: bool = True
    not_run: tuple = ()  # answers the screen must keep from running
    timed_out: tuple = ()


def added_cell(code, at=3):
    """A code cell the student adds (near the top, after the set-up cell)."""

    def edit(nb):
        nb.cells.insert(at, nbformat.v4.new_code_cell(code))

    return edit


def all_edits(*edits):
    def edit(nb):
        for e in edits:
            e(nb)

    return edit


def duplicate_answer(nb):
    """JupyterLab's copy and paste keeps the metadata: the grade_id appears twice."""
    i = next(i for i, c in enumerate(nb.cells) if nbgrader_meta(c).get("solution"))
    nb.cells.insert(i, nbformat.from_dict(json.loads(json.dumps(nb.cells[i]))))
    nb.cells[i].source = "def softmax(z, axis=-1):\n    return z  # a first try, pasted above"


def duplicate_test(nb):
    i = next(i for i, c in enumerate(nb.cells) if nbgrader_meta(c).get("grade"))
    nb.cells.insert(i + 1, nbformat.from_dict(json.loads(json.dumps(nb.cells[i]))))


def edit_tests(nb):
    for cell in nb.cells:
        if nbgrader_meta(cell).get("grade"):
            cell.source = "pass"


def delete_tests(nb):
    nb.cells = [c for c in nb.cells if not nbgrader_meta(c).get("grade")]


def strip_metadata(nb):
    for cell in nb.cells:
        cell.metadata = {}


def empty(nb):
    nb.cells = []


def foreign_kernel(nb):
    nb.metadata["kernelspec"] = {"name": "bash", "display_name": "Bash", "language": "bash"}


def chatty(answer):
    """An honest answer that talks: prints to stdout and stderr and logs a warning."""
    talk = (
        '    print("computing")\n'
        '    print("careful", file=sys.stderr)\n'
        '    logging.warning("still careful")\n'
    )
    return "import logging\nimport sys\n\n" + answer.replace(
        "### BEGIN SOLUTION\n", "### BEGIN SOLUTION\n" + talk, 1
    )


def write_targets(course):
    """Every file that matters, and new files beside the course's packages."""
    return [
        course / "gradebook.db",
        course / "nbgrader_config.py",
        course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb",
        course / "submitted" / "honest" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb",
        course / "solutions" / "planted.py",
        ROOT / "autograder" / "planted.py",  # a new file: never overwrite the repository's own
    ]


def writes_everywhere(course):
    """Reference answers, then writes through NumPy to every file that matters: the screen
    keeps the answer from running."""
    lines = ["", "", "for target in ["] + [f"    {str(t)!r}," for t in write_targets(course)]
    lines += ["]:", "    try:", "        np.zeros(8).tofile(target)", "    except OSError:"]
    lines += ["        pass"]
    return {**REFERENCE, "softmax": REFERENCE["softmax"] + "\n".join(lines) + "\n"}


def computed_lookup(course):
    """Found by red-teaming: a computed name for ``np.savetxt`` and ``np.load`` writes and
    loads a pickle that rebinds every check."""
    return {
        "softmax": 'import collections\n\nW = collections.namedtuple("savetxt", "a")\n'
        "getattr(np, W.__name__)('/tmp/p', np.zeros((0, 1)))\n"
        "R = collections.namedtuple('load', 'a')\n"
        "getattr(np, R.__name__)('/tmp/p', **{'allow_pickle': True})\n"
    }


def link_to_the_answers(course, folder):
    (folder / "leak.txt").symlink_to(course / "solutions" / "softmax.py")


def fake_record(course, folder):
    text = '{"answers": "\x1b[2K\x1b[1A not a record"'
    (folder / f"{ASSIGNMENT}.integrity.json").write_text(text)
    (folder / f"{ASSIGNMENT}.json").write_text(text)


SCRIPT = (
    '\n\ndisplay({"application/javascript": "alert(1)", "text/html": "<script>alert(1)</script>",'
    ' "text/plain": "hello"}, raw=True)\n'
)
FLOOD = "\n\nfor i in range(3000):\n    display(i)\n"


def cases(course):
    reference = dict(REFERENCE)
    return {
        "honest": Case(reference, score=6),
        "honest-chatty": Case({e: chatty(a) for e, a in reference.items()}, score=6),
        "blank": Case(score=0),
        "partly-wrong": Case({**reference, "soft_argmax": WRONG_SOFT_ARGMAX}, score=4),
        "pasted-answer-twice": Case(reference, edit=duplicate_answer, score=6),
        "pasted-test-twice": Case(reference, edit=duplicate_test, score=6),
        "edited-tests": Case(edit=edit_tests, score=0),
        "deleted-tests": Case(edit=delete_tests, score=0),
        "stripped-metadata": Case(reference, edit=strip_metadata, score=6),
        "empty-notebook": Case(edit=empty, score=0),
        "foreign-kernel": Case(reference, edit=foreign_kernel, score=6),
        "not-a-notebook": Case(raw=b'{"cells": [ not json', graded=False),
        "rebinds-checks-in-a-cell": Case(
            edit=added_cell(
                "import autograder\n\nfor name in dir(autograder):\n"
                "    if name.startswith('check_'):\n"
                "        globals()[name] = lambda *args, **kwargs: None"
            ),
            score=0,
        ),
        "rebinds-checks-in-an-answer": Case(
            {"softmax": "check_softmax = print\n\n\ndef softmax(z, axis=-1):\n    return z"},
            score=0,
            not_run=("softmax",),
        ),
        "replaces-check-code": Case(
            edit=added_cell(
                "import autograder.softmax as checks\n\n"
                "for f in (checks.check_softmax, checks.check_sigmoid, checks.check_soft_argmax):\n"
                "    f.__code__ = (lambda *args, **kwargs: None).__code__"
            ),
            score=0,
        ),
        "blanks-later-cells": Case(
            edit=added_cell("get_ipython().input_transformers_post.append(lambda lines: [])"),
            score=0,
        ),
        "imports-the-reference": Case(
            {e: f"from solutions.softmax import {e}  # noqa" for e in reference},
            score=0,
            not_run=tuple(reference),
        ),
        "plants-a-fake-reference": Case(
            {**reference, "soft_argmax": WRONG_SOFT_ARGMAX},
            edit=added_cell(
                "import sys, types\n\nfake = types.ModuleType('solutions.softmax')\n"
                f"exec({WRONG_SOFT_ARGMAX!r}, fake.__dict__)\n"
                "sys.modules['solutions.softmax'] = fake"
            ),
            score=4,
        ),
        "writes-everywhere": Case(writes_everywhere(course), score=4, not_run=("softmax",)),
        "loops-forever": Case(
            {**reference, "sigmoid": "while True:\n    pass"}, score=4, timed_out=("sigmoid",)
        ),
        "exits": Case(
            {**reference, "sigmoid": "import sys\n\nsys.exit(0)"}, score=4, not_run=("sigmoid",)
        ),
        "kills-its-kernel": Case(
            {**reference, "sigmoid": "import os\n\nos._exit(1)"}, score=4, not_run=("sigmoid",)
        ),
        "asks-for-input": Case(
            {**reference, "sigmoid": "x = input()"}, score=4, not_run=("sigmoid",)
        ),
        "computed-lookup": Case(computed_lookup(course), score=0, not_run=("softmax",)),
        "links-to-the-answers": Case(reference, extra=link_to_the_answers, graded=False),
        "fakes-its-record": Case(reference, extra=fake_record, score=6),
        "runs-script-in-the-browser": Case(
            {**reference, "sigmoid": reference["sigmoid"] + SCRIPT}, score=6
        ),
        "floods-outputs": Case({**reference, "sigmoid": reference["sigmoid"] + FLOOD}, score=6),
        "prints-50-mb": Case(
            {**reference, "sigmoid": reference["sigmoid"] + '\n\nprint("x" * 50_000_000)\n'},
            score=6,
        ),
    }


def tree_hashes(*roots, skip=()):
    """sha256 of every file under ``roots``, except those under a top-level name in ``skip``."""
    hashes = {}
    for root in roots:
        for path in sorted(root.rglob("*")):
            rel = path.relative_to(root)
            if path.is_file() and rel.parts[0] not in skip and "__pycache__" not in rel.parts:
                hashes[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


def submit(course, student, case):
    released = course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    target = course / "submitted" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    target.parent.mkdir(parents=True)
    if case.extra:
        case.extra(course, target.parent)
    if case.raw is not None:
        target.write_bytes(case.raw)
        return
    nb = nbformat.read(released, as_version=4)
    for exercise, cell in exercise_cells(nb):
        cell.source = case.answers.get(exercise, cell.source)  # the stub as released
    if case.edit:
        case.edit(nb)
    nbformat.write(nb, target)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = new_course(tmp_path_factory.mktemp("hostile-course"), [ASSIGNMENT], CELL_TIMEOUT)
    table = cases(course)
    for student, case in table.items():
        submit(course, student, case)
    packages = [ROOT / "autograder", ROOT / "course_data"]
    before = tree_hashes(course, *packages, skip=GRADER_OUTPUTS)
    env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"])
    run = subprocess.run(
        [sys.executable, "-m", "autograder.grading.autograde", ASSIGNMENT],
        cwd=course,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    after = tree_hashes(course, *packages, skip=GRADER_OUTPUTS)
    report = json.loads((course / "reports" / ASSIGNMENT / "autograde.json").read_text())
    outcomes = {o["student"]: o for o in report["outcomes"]}
    return course, table, run, outcomes, before, after


def test_the_class_is_graded_in_one_command(graded):
    course, table, run, outcomes, _, _ = graded
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert set(outcomes) == set(table), "every student has an outcome"
    assert (
        f"graded {sum(c.graded for c in table.values())} of {len(table)} submissions" in run.stdout
    )


@pytest.mark.parametrize("student", list(cases(Path("/course"))))
def test_each_submission_earns_exactly_what_it_wrote(graded, student):
    course, table, _, outcomes, _, _ = graded
    case, outcome = table[student], outcomes[student]
    assert outcome["graded"] == case.graded, outcome
    if not case.graded:
        assert outcome["reason"], "a submission that was not graded says why"
        assert (course / "submitted" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").exists()
        return
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        submission = gb.find_submission(ASSIGNMENT, student)
        assert float(submission.score) == case.score, outcome
        assert not submission.needs_manual_grade, "nothing is left for the instructor to grade"
    assert outcome["score"] == case.score
    assert sorted(outcome["not_run"]) == sorted(case.not_run), outcome
    assert sorted(outcome["timed_out"]) == sorted(case.timed_out), outcome


def test_nothing_outside_the_graders_outputs_changed(graded):
    _, _, _, _, before, after = graded
    changed = sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
    assert not changed


def test_the_instructor_sees_each_attempt(graded):
    _, _, run, outcomes, _, _ = graded
    assert outcomes["imports-the-reference"]["not_run"]["softmax"]
    assert outcomes["rebinds-checks-in-a-cell"]["cells_not_run"] == 1
    assert (
        outcomes["edited-tests"]["tests_restored"] and outcomes["deleted-tests"]["tests_restored"]
    )
    assert "the file is not a notebook" in outcomes["not-a-notebook"]["reason"]
    for student in ("imports-the-reference", "not-a-notebook", "loops-forever", "edited-tests"):
        assert f"  {student}: " in run.stdout


def test_a_timeout_and_a_huge_output_are_explained_in_the_feedback(graded):
    course = graded[0]
    for student in ("loops-forever", "prints-50-mb"):
        nbgrader("generate_feedback", ASSIGNMENT, "--student", student, cwd=course)
    looped = (course / "feedback" / "loops-forever" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert f"longer than {CELL_TIMEOUT} s" in looped
    autograded = course / "autograded" / "prints-50-mb" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert autograded.stat().st_size < 2_000_000
    html = (course / "feedback" / "prints-50-mb" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert "more characters not kept" in html


def test_the_class_report_lists_every_student_and_why(graded):
    course, table, _, _, _, _ = graded
    env = dict(os.environ, PYTHONIOENCODING="ascii")
    run = subprocess.run(
        [sys.executable, "-m", "autograder.grading.class_report", ASSIGNMENT],
        cwd=course,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    lines = {line.split()[0]: line for line in run.stdout.splitlines() if line.split()}
    for student, case in table.items():
        assert student in lines, f"{student} is missing from the class report"
        assert ("not graded" in lines[student]) == (not case.graded)
    assert "answer softmax not run" in lines["imports-the-reference"]
    assert "answer-not-run" in run.stdout and "timed-out" in run.stdout
    assert "not-implemented" in run.stdout  # blank answers, missing ones included


def test_outputs_are_inert_and_bounded(graded):
    course = graded[0]
    for student in ("runs-script-in-the-browser", "floods-outputs"):
        nb = nbformat.read(
            course / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4
        )
        kinds = {k for c in nb.cells for o in c.get("outputs", []) for k in o.get("data", {})}
        assert not kinds & {"text/html", "application/javascript"}, student
        assert max(len(c.get("outputs", [])) for c in nb.cells) <= 101, student
    flood = (
        course / "autograded" / "floods-outputs" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    ).read_text()
    assert "more outputs not kept" in flood


def test_a_link_in_a_submission_leaks_nothing(graded):
    course, _, _, outcomes, _, _ = graded
    assert "symbolic link" in outcomes["links-to-the-answers"]["reason"]
    assert not (course / "autograded" / "links-to-the-answers").exists()
