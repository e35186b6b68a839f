"""nbgrader's Validate, run so that a looping answer neither freezes the server nor hides.

nbgrader's handler runs the whole notebook inside the request, on the server's only event
loop: while a learner's infinite loop uses up its cell's time limit, the server answers
nothing (a file listing waits a minute), and the dialog then shows what failed *after* the
interrupted cell (often ``NameError``), not the cell that ran out of time. Here the same
validation runs in a worker thread, and a cell stopped by the time limit is reported first,
in words, whether or not it is a graded cell.
"""

from __future__ import annotations

import asyncio
import json

from nbformat.notebooknode import NotebookNode
from nbgrader.server_extensions.validate_assignment.handlers import ValidateAssignmentHandler
from nbgrader.validator import Validator
from tornado import web

#: The error nbgrader's Execute preprocessor records in a cell stopped by its time limit.
TIMEOUT_ERROR = "CellTimeoutError"


def ran_out_of_time(cell: NotebookNode) -> bool:
    """Whether ``cell`` was stopped by the time limit (its outputs hold the timeout error)."""
    return cell.cell_type == "code" and any(
        out.get("output_type") == "error" and out.get("ename") == TIMEOUT_ERROR
        for out in cell.get("outputs", [])
    )


class TimeoutNamingValidator(Validator):
    """nbgrader's Validator, which also fails every cell stopped by the time limit, first.

    The stopped cell's error is rewritten in words: how long it ran, that it was stopped, and
    what usually causes it; what failed after it follows, as nbgrader lists it.
    """

    def _preprocess(self, nb: NotebookNode) -> NotebookNode:
        nb = super()._preprocess(nb)
        limit = self.config.Execute.get("timeout", 30)  # nbgrader's Execute default: 30 s
        for index, cell in enumerate(nb.cells):
            if not ran_out_of_time(cell):
                continue
            words = (
                f"This cell (cell {index + 1} of the notebook) was still running after "
                f"{limit} s, and Validate stopped it. An answer that never returns, such as a "
                "loop whose condition never becomes false, does this: run the cell yourself, "
                "interrupt the kernel (■) if it hangs, and fix the loop."
            )
            for out in cell.outputs:
                if out.get("output_type") == "error" and out.get("ename") == TIMEOUT_ERROR:
                    out["evalue"] = words
                    out["traceback"] = [f"{TIMEOUT_ERROR}: {words}"]
        return nb

    def _get_failed_cells(self, nb: NotebookNode) -> list[NotebookNode]:
        failed = super()._get_failed_cells(nb)
        stopped = [cell for cell in nb.cells if ran_out_of_time(cell) and cell not in failed]
        return stopped + failed


class ValidateHandler(ValidateAssignmentHandler):
    """``POST /assignments/validate``: nbgrader's answer, computed in a worker thread.

    nbgrader's ``validate_notebook`` (path checks, its messages for old or new metadata) runs
    as it is; it looks its ``Validator`` up in its module when called, and
    :func:`use_timeout_naming_validator` points that name at :class:`TimeoutNamingValidator`.
    """

    @web.authenticated
    async def post(self):
        try:
            path = self.get_argument("path")
        except web.MissingArgumentError:
            path = self.get_json_body()["path"]
        loop = asyncio.get_running_loop()
        output = await loop.run_in_executor(None, self.validate_notebook, path)
        self.finish(json.dumps(output))


def use_timeout_naming_validator() -> None:
    """Make nbgrader's Validate handler code use :class:`TimeoutNamingValidator`.

    Called once when the extension loads, in a server where nbgrader's own validate
    extension is disabled, so that nothing else relies on the original name.
    """
    from nbgrader.server_extensions.validate_assignment import handlers

    handlers.Validator = TimeoutNamingValidator
