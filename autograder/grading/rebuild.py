"""Grade what a student wrote, nothing else: rebuild each submission from the source notebook.

nbgrader awards a test cell's points when the cell runs without an error, in the same kernel
as everything the student's notebook holds. A cell a student adds (one that rebinds the
checks, blanks later cells or plants a module) would then earn marks for answers never
written, and a copied answer cell or a deleted test cell stops nbgrader altogether.

So, before nbgrader runs anything, the submission is rebuilt: every cell comes from the
course's source notebook (its exposition, its set-up, its tests with the hidden ones), except
the answer cells, which come from the student. Each answer is screened
(:mod:`autograder.grading.screen`) before it is kept: one that reaches into the grading
is not run, and the cell says why, so the student's feedback shows it too. What was done is
kept in ``reports/<assignment>/integrity/<student>/<notebook>.json`` for the class report.

How an answer is found in the submission, in order:

1. the answer cell with the exercise's ``grade_id``; if it was copied (JupyterLab keeps the
   metadata of a pasted cell), the last copy above the exercise's test cell, which is the one
   the student's own run of that test used;
2. failing that (a notebook whose metadata was stripped), the last code cell that defines the
   exercise's function at its top level.

Configured in ``nbgrader_config.py`` as ``Autograde``'s first sanitizing step after
``ClearOutput``; nbgrader's own ``DeduplicateIds``, ``OverwriteCells`` and
``CheckCellMetadata`` still run after it and find nothing left to repair.
"""

from __future__ import annotations

import ast
import copy
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import NbGraderPreprocessor

from autograder.grading.screen import Finding, screen_notebook

# What nbgrader's ClearSolutions puts in a student's answer cell (nbgrader_config.py).
SOLUTION = re.compile(r"^([ \t]*)### BEGIN SOLUTION.*?^[ \t]*### END SOLUTION[ \t]*$", re.M | re.S)
STUB = r"\1# YOUR CODE HERE\n\1raise NotImplementedError()"
HIDDEN_TESTS = re.compile(
    r"^[ \t]*### BEGIN HIDDEN TESTS.*?^[ \t]*### END HIDDEN TESTS[ \t]*\n?", re.M | re.S
)


def _meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def _is_answer(cell) -> bool:
    meta = _meta(cell)
    return cell.get("cell_type") == "code" and bool(meta.get("solution")) and not meta.get("grade")


def _is_test(cell) -> bool:
    meta = _meta(cell)
    return cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")


def _defined_functions(source: str) -> set[str]:
    """The names of the functions a cell defines at its top level (none if it does not parse)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    return {
        node.name for node in tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }


def imported_names(cells) -> set[str]:
    """The names the set-up code binds by ``import``: ``np``, ``plt``, ``check_softmax``, ...

    Examples
    --------
    >>> cell = nbformat.v4.new_code_cell("import numpy as np\\nfrom autograder import check_softmax")
    >>> sorted(imported_names([cell]))
    ['check_softmax', 'np']
    """
    names = set()
    for cell in cells:
        if cell.get("cell_type") != "code" or _is_answer(cell):
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                for alias in node.names:
                    names.add((alias.asname or alias.name).split(".")[0])
    return names


@dataclass
class Answer:
    """How one exercise's answer was found in a submission, and whether it was run."""

    found: str  # "by-id", "by-function-name" or "missing"
    copies: int = 0  # answer cells carrying the exercise's grade_id
    findings: list[dict] = field(default_factory=list)  # from the screen, if any

    @property
    def run(self) -> bool:
        return self.found != "missing" and not self.findings


@dataclass
class Record:
    """What rebuilding one submitted notebook did: the instructor's view of it."""

    notebook: str
    answers: dict[str, Answer] = field(default_factory=dict)
    cells_not_run: int = 0  # code cells of the student outside the answer cells that differ
    tests_edited: list[str] = field(default_factory=list)  # restored from the source
    tests_missing: list[str] = field(default_factory=list)  # restored from the source

    def to_json(self) -> str:
        data = asdict(self)
        for name, answer in self.answers.items():
            data["answers"][name]["run"] = answer.run
        return json.dumps(data, indent=1, ensure_ascii=False)


def _find_answer(cells, grade_id: str, functions: set[str]) -> tuple[dict | None, Answer]:
    copies = [
        i for i, c in enumerate(cells) if _is_answer(c) and _meta(c).get("grade_id") == grade_id
    ]
    if copies:
        test = f"test_{grade_id}"
        test_at = next(
            (i for i, c in enumerate(cells) if _is_test(c) and _meta(c).get("grade_id") == test),
            len(cells),
        )
        above = [i for i in copies if i < test_at] or copies
        return cells[above[-1]], Answer("by-id", copies=len(copies))
    if functions:
        by_name = [
            c
            for c in cells
            if c.get("cell_type") == "code"
            and not _is_test(c)
            and functions <= _defined_functions(c.get("source", ""))
        ]
        if by_name:
            return by_name[-1], Answer("by-function-name")
    return None, Answer("missing")


def not_run(source: str, findings: list[Finding]) -> str:
    """The code put in place of an answer that reaches into the grading: it explains, in the
    student's own feedback, why the answer earned nothing, and shows the answer as a comment.

    Examples
    --------
    >>> print(not_run("import solutions", [Finding(1, "imports-reference", "imports `solutions`.")]))
    # This answer was not run: it reaches into the grading instead of answering.
    #   line 1: imports `solutions`. [imports-reference]
    # The answer as submitted:
    # import solutions
    raise RuntimeError("This answer was not run: it reaches into the grading (see the cell).")
    """
    lines = ["# This answer was not run: it reaches into the grading instead of answering."]
    lines += [f"#   line {f.line}: {f.message} [{f.rule}]" for f in findings]
    lines.append("# The answer as submitted:")
    lines += [f"# {line}".rstrip() for line in source.splitlines()]
    lines.append(
        'raise RuntimeError("This answer was not run: it reaches into the grading (see the cell).")'
    )
    return "\n".join(lines)


def rebuild(submitted: nbformat.NotebookNode, source: nbformat.NotebookNode, notebook: str = ""):
    """The notebook to grade: ``source`` with its answer cells taken from ``submitted``.

    Parameters
    ----------
    submitted : nbformat.NotebookNode
        The student's notebook, as submitted (any cells, any metadata).
    source : nbformat.NotebookNode
        The course's source notebook: answers, visible and hidden tests.
    notebook : str, optional
        The notebook's name, for the record.

    Returns
    -------
    nb : nbformat.NotebookNode
        A copy of ``source`` in which each answer cell holds the student's answer (the stub
        if none was found; an explanation if it was screened out).
    record : Record
        How each answer was found, what the screen said, and what else was left out.
    """
    nb = copy.deepcopy(source)
    cells = submitted.get("cells", [])
    protected = imported_names(source.cells)
    record = Record(notebook)
    kept = set()  # the submitted cells used as answers
    found_text = {}  # answer cell of the rebuilt notebook -> the student's code
    for cell in nb.cells:
        if not _is_answer(cell):
            continue
        grade_id = _meta(cell)["grade_id"]
        found, answer = _find_answer(cells, grade_id, _defined_functions(cell.source))
        record.answers[grade_id] = answer
        if found is None:
            # No answer: the cell the student was given, so that it fails as a blank one does.
            cell.source = SOLUTION.sub(STUB, cell.source)
            continue
        kept.add(id(found))
        text = found.get("source", "")
        found_text[id(cell)] = "".join(text) if isinstance(text, list) else str(text)
    # The answers share one namespace, so they are screened together. A cell that is not
    # Python runs nothing and fails its tests by itself: a mistake, left to run.
    answer_cells = [c for c in nb.cells if id(c) in found_text]
    screened = screen_notebook([found_text[id(c)] for c in answer_cells], protected_names=protected)
    for cell, findings in zip(answer_cells, screened, strict=True):
        findings = [f for f in findings if f.rule != "syntax-error"]
        text = found_text[id(cell)]
        record.answers[_meta(cell)["grade_id"]].findings = [asdict(f) for f in findings]
        cell.source = not_run(text, findings) if findings else text

    kept |= {id(c) for c in cells if _is_answer(c)}  # unused copies are not "added cells"
    # What the student was given: the source cells, test cells without their hidden tests.
    source_texts = {HIDDEN_TESTS.sub("", c.source).strip() for c in source.cells}
    for cell in nb.cells:
        if not _is_test(cell):
            continue
        grade_id = _meta(cell)["grade_id"]
        visible = HIDDEN_TESTS.sub("", cell.source).strip()
        theirs = [c for c in cells if _is_test(c) and _meta(c).get("grade_id") == grade_id]
        if not theirs:
            record.tests_missing.append(grade_id)
        elif any(
            HIDDEN_TESTS.sub("", "".join(c.get("source", ""))).strip() != visible for c in theirs
        ):
            record.tests_edited.append(grade_id)
    record.cells_not_run = sum(
        1
        for c in cells
        if c.get("cell_type") == "code"
        and id(c) not in kept
        and not _is_test(c)
        and "".join(c.get("source", "")).strip()
        and "".join(c.get("source", "")).strip() not in source_texts
    )
    return nb, record


def integrity_folder(course: Path, assignment: str, student: str) -> Path:
    """Where :class:`RebuildFromSource` keeps a student's records, one JSON per notebook."""
    return course / "reports" / assignment / "integrity" / student


class RebuildFromSource(NbGraderPreprocessor):
    """nbgrader preprocessor: replace a submitted notebook by :func:`rebuild`'s, and save the
    record as ``reports/<assignment>/integrity/<student>/<notebook>.json``."""

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        coursedir = CourseDirectory(config=self.config)
        folder = Path(coursedir.format_path(coursedir.source_directory, ".", info["assignment"]))
        source = nbformat.read(folder / f"{info['notebook']}.ipynb", as_version=4)
        rebuilt, record = rebuild(nb, source, info["notebook"])
        # The kernel the notebook asks for is decided by the course, not by the submission.
        rebuilt.metadata = copy.deepcopy(source.metadata)
        # Kept with the grader's reports, outside the folder the student's files are copied
        # to (a submission could hold a file of the same name) and out of the feedback.
        out = integrity_folder(Path(coursedir.root), info["assignment"], info["student"])
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{info['notebook']}.json").write_text(record.to_json(), encoding="utf-8")
        for name, answer in record.answers.items():
            if answer.findings:
                self.log.warning("Answer '%s' not run: %s", name, answer.findings[0]["message"])
        return rebuilt, resources
