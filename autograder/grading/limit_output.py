"""Cap every output of an autograded notebook by characters, not only by lines.

nbgrader's ``LimitOutput`` keeps the first ``max_lines`` lines of each stream, but a single
line may be 50 MB long, and it would go whole into the autograded notebook, the gradebook's
folder and the feedback page. This preprocessor runs after it and keeps the first
``max_chars`` characters of each text an output holds (streams, plain text, HTML, tracebacks),
saying how much was cut; a picture larger than ``max_chars`` characters is replaced by a note.
"""

from __future__ import annotations

from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Integer

TEXT_TYPES = ("text/plain", "text/html", "text/markdown", "text/latex", "application/json")


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


class LimitOutputChars(NbGraderPreprocessor):
    """nbgrader preprocessor: cap each output of each code cell at ``max_chars`` characters."""

    max_chars = Integer(
        20_000, help="The most characters kept of each text an output holds; -1 keeps all."
    ).tag(config=True)

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type != "code" or self.max_chars < 0:
            return cell, resources
        for output in cell.get("outputs", []):
            if "text" in output:
                text = output.text if isinstance(output.text, str) else "".join(output.text)
                output.text = cut(text, self.max_chars)
            if "traceback" in output:
                total = sum(len(line) for line in output.traceback)
                if total > self.max_chars:
                    output.traceback = [cut("\n".join(output.traceback), self.max_chars)]
            if "evalue" in output:
                output.evalue = cut(output.evalue, self.max_chars)
            data = output.get("data", {})
            for mime in list(data):
                value = data[mime]
                value = (
                    value
                    if isinstance(value, str)
                    else "".join(value)
                    if isinstance(value, list)
                    else value
                )
                if not isinstance(value, str) or len(value) <= self.max_chars:
                    continue
                if mime in TEXT_TYPES:
                    data[mime] = cut(value, self.max_chars)
                else:  # a picture or other binary payload: a cut one would not display
                    del data[mime]
                    data.setdefault(
                        "text/plain", f"[a {mime} output of {len(value):,} characters, not kept]"
                    )
        return cell, resources
