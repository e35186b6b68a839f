"""Keep an autograded notebook's outputs small and inert.

- **Size.** nbgrader's ``LimitOutput`` keeps the first ``max_lines`` lines of each stream, but
  a single line may be 50 MB long, and it would go whole into the autograded notebook and the
  feedback page. :func:`cap_output` keeps the first ``max_chars`` characters of each text an
  output holds (streams, plain text, tracebacks), saying how much was cut; a picture larger
  than that is replaced by a note. (How *many* outputs a cell may make is capped while it
  runs, by :class:`autograder.grading.execute.SandboxedExecute`.)
- **Nothing active.** An output can carry HTML, JavaScript or SVG, which the feedback page
  and nbgrader's formgrader would show to the student and the instructor as they are (a
  student's cell could run script in the instructor's browser). The course's own cells show
  only text, pictures and widgets, so those kinds are dropped and a plain-text version, if
  the output has one, is what remains.
"""

from __future__ import annotations

from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Integer

TEXT_TYPES = ("text/plain", "application/json")
#: Kinds of output that a browser would render as markup or run as code.
ACTIVE_TYPES = (
    "text/html",
    "application/javascript",
    "text/javascript",
    "image/svg+xml",
    "text/markdown",
    "text/latex",
    "application/vnd.jupyter.widget-state+json",
)


def cut(text: str, limit: int) -> str:
    """``text`` if it has at most ``limit`` characters, else its start and a note.

    Examples
    --------
    >>> cut("abc", 5)
    'abc'
    >>> cut("x" * 12, 5)
    'xxxxx\\n[... 7 more characters not kept: outputs are capped at 5 characters]\\n'
    """
    if len(text) <= limit:
        return text
    return (
        f"{text[:limit]}\n[... {len(text) - limit:,} more characters not kept: "
        f"outputs are capped at {limit:,} characters]\n"
    )


def cap_output(output, max_chars: int):
    """Cap one output in place: texts cut to ``max_chars`` characters, active kinds
    (:data:`ACTIVE_TYPES`) and pictures too large to keep dropped.

    Examples
    --------
    >>> import nbformat
    >>> out = nbformat.v4.new_output("display_data", data={"text/html": "<script>x</script>",
    ...                                                     "text/plain": "x" * 9})
    >>> cap_output(out, 4)["data"]
    {'text/plain': 'xxxx\\n[... 5 more characters not kept: outputs are capped at 4 characters]\\n'}
    """
    if max_chars < 0:
        return output
    if "text" in output:
        text = output.text if isinstance(output.text, str) else "".join(output.text)
        output.text = cut(text, max_chars)
    if "traceback" in output:
        total = sum(len(line) for line in output.traceback)
        if total > max_chars:
            output.traceback = [cut("\n".join(output.traceback), max_chars)]
    if "evalue" in output:
        output.evalue = cut(output.evalue, max_chars)
    data = output.get("data", {})
    for mime in list(data):
        value = data[mime]
        if isinstance(value, list):
            value = "".join(value)
        if mime in ACTIVE_TYPES:
            del data[mime]
        elif not isinstance(value, str) or len(value) <= max_chars:
            continue
        elif mime in TEXT_TYPES:
            data[mime] = cut(value, max_chars)
        else:  # a picture or other binary payload: a cut one would not display
            del data[mime]
            data.setdefault(
                "text/plain", f"[a {mime} output of {len(value):,} characters, not kept]"
            )
    return output


class LimitOutputChars(NbGraderPreprocessor):
    """nbgrader preprocessor: :func:`cap_output` on each output of each code cell."""

    max_chars = Integer(
        20_000, help="The most characters kept of each text an output holds; -1 keeps all."
    ).tag(config=True)

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                cap_output(output, self.max_chars)
        return cell, resources
