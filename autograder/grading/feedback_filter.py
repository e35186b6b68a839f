"""Feedback that explains a failed check without giving the hidden tests away.

nbgrader's ``generate_feedback`` renders the autograded notebook as it is, hidden tests and
their tracebacks included. :class:`HideHiddenTests` runs in that step (see
``nbgrader_config.py``): it removes the hidden-test regions from graded cells, as
``generate_assignment`` does, and shortens every error in a graded cell to its last line,
which for a failed check is the learner-facing message with its hint; the traceback above
it would quote the hidden test's source.
"""

from __future__ import annotations

from nbgrader import utils
from nbgrader.preprocessors import ClearHiddenTests


class HideHiddenTests(ClearHiddenTests):
    """Remove hidden tests and their tracebacks from graded cells of a feedback notebook."""

    def preprocess_cell(self, cell, resources, cell_index):
        cell, resources = super().preprocess_cell(cell, resources, cell_index)
        if cell.cell_type == "code" and utils.is_grade(cell):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    output["traceback"] = [
                        f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"
                    ]
        return cell, resources
