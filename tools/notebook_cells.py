"""Read and write the course notebooks' cells: the one place that knows the cell conventions.

Conventions (shared by the source notebooks, the sync tool, the generator and the tests):

- an exercise's answer cell is an nbgrader *solution* cell whose ``grade_id`` is the exercise
  name (``softmax``); it holds exactly the function, rendered from ``solutions`` by
  :func:`render_solution`;
- its test cell is an nbgrader *grade* cell whose ``grade_id`` is ``test_<exercise>``.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source"
STUDENT = ROOT / "notebooks"

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"


def source_notebooks() -> list[Path]:
    """The source notebooks, in course order: ``source/<assignment>/<assignment>.ipynb``."""
    return sorted(SOURCE.glob("*/*.ipynb"))


def read(path: Path) -> nbformat.NotebookNode:
    """Read a notebook (nbformat 4)."""
    return nbformat.read(path, as_version=4)


def dumps(nb: nbformat.NotebookNode) -> str:
    """A notebook as the exact text stored in the repository."""
    text = nbformat.writes(
        nb
    )  # Jupyter's own on-disk form, so that saving in JupyterLab changes nothing
    return text if text.endswith("\n") else text + "\n"


def write(nb: nbformat.NotebookNode, path: Path) -> None:
    """Write a notebook in the repository's stored form."""
    path.write_text(dumps(nb), encoding="utf-8")


def nbgrader_meta(cell) -> dict:
    """The cell's nbgrader metadata, or an empty dict."""
    return cell.get("metadata", {}).get("nbgrader", {})


def exercise_cells(nb) -> Iterator[tuple[str, dict]]:
    """Yield ``(exercise, cell)`` for every solution cell named after an exercise."""
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if cell.cell_type == "code" and meta.get("solution") and not meta.get("grade"):
            yield meta["grade_id"], cell


def function_source(function: Callable, name: str | None = None) -> str:
    """The source of a module-level function, dedented, optionally renamed to ``name``.

    Examples
    --------
    >>> def double(x):
    ...     return 2 * x
    >>> print(function_source(double, "twice"))
    def twice(x):
        return 2 * x
    >>> print(function_source(function_source).splitlines()[0])
    def function_source(function: Callable, name: str | None = None) -> str:
    """
    text = textwrap.dedent(inspect.getsource(function))
    # Decorators (the mistake catalogue's ``@wrong``) are not part of the answer.
    definition = ast.parse(text).body[0]
    text = "\n".join(text.splitlines()[definition.lineno - 1 :])
    if name is not None:
        text = text.replace(f"def {function.__name__}(", f"def {name}(", 1)
    return text.rstrip() + "\n"


#: The numpydoc sections an answer cell keeps: what the function takes, gives and refuses.
#: Notes, Examples and the rest describe the reference's algorithm and would give it away.
STUDENT_SECTIONS = ("Parameters", "Returns", "Raises")


def _is_section_header(lines: list[str], i: int) -> bool:
    """Whether ``lines[i]`` is a numpydoc section title (a word underlined with dashes)."""
    if i + 1 >= len(lines):
        return False
    title, rule = lines[i].strip(), lines[i + 1].strip()
    return bool(title) and bool(rule) and set(rule) == {"-"} and len(rule) == len(title)


def student_docstring(docstring_lines: list[str]) -> list[str]:
    """Keep a numpydoc docstring's summary and its Parameters, Returns and Raises sections.

    ``docstring_lines`` are the source lines of the docstring, quotes included; a docstring
    whose closing quotes do not stand on a line of their own is returned unchanged.

    Examples
    --------
    >>> lines = [
    ...     "    '''Half of x.",
    ...     "",
    ...     "    Returns",
    ...     "    -------",
    ...     "    float",
    ...     "",
    ...     "    Notes",
    ...     "    -----",
    ...     "    Divide by two.",
    ...     "    '''",
    ... ]
    >>> print("\\n".join(student_docstring(lines)))
        '''Half of x.
    <BLANKLINE>
        Returns
        -------
        float
        '''
    """
    if len(docstring_lines) < 2 or docstring_lines[-1].strip() not in ('"""', "'''"):
        return docstring_lines
    body, closing = docstring_lines[:-1], docstring_lines[-1]
    starts = [i for i in range(len(body)) if _is_section_header(body, i)]
    kept = body[: starts[0]] if starts else body
    for start, end in zip(starts, [*starts[1:], len(body)], strict=True):
        if body[start].strip() in STUDENT_SECTIONS:
            kept = kept + body[start:end]
    while kept and not kept[-1].strip():
        kept.pop()
    return [*kept, closing]


def render_solution(function: Callable) -> str:
    """The answer cell of an exercise: signature and docstring, then the body between markers.

    nbgrader's ``generate_assignment`` replaces what lies between the markers with a stub, so
    the learner keeps the signature and the docstring, cut down by :func:`student_docstring`
    to its summary, Parameters, Returns and Raises (Notes and Examples would give the
    algorithm away).

    Examples
    --------
    >>> def half(x):
    ...     '''Half of x.'''
    ...     return x / 2
    >>> print(render_solution(half))
    def half(x):
        '''Half of x.'''
        ### BEGIN SOLUTION
        return x / 2
        ### END SOLUTION
    """
    text = function_source(function)
    lines = text.splitlines()
    node = ast.parse(text).body[0]
    first = node.body[0]
    has_docstring = (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    )
    head_end = first.end_lineno if has_docstring else node.body[0].lineno - 1
    head = (
        lines[: first.lineno - 1] + student_docstring(lines[first.lineno - 1 : head_end])
        if has_docstring
        else lines[:head_end]
    )
    body = lines[head_end:]
    indent = " " * (len(body[0]) - len(body[0].lstrip()))
    return "\n".join(head + [indent + BEGIN] + body + [indent + END])
