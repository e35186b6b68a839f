"""nbgrader's ``Execute`` step, with every kernel in the sandbox of :mod:`.sandbox`.

``nbgrader_config.py`` puts :class:`SandboxedExecute` in place of nbgrader's ``Execute``
among the autograde preprocessors, and makes :class:`SandboxCheckingExporter` autograde's
exporter, so that a machine without a working sandbox stops ``autograde`` before the first
submission instead of failing each one.
"""

from __future__ import annotations

from nbconvert.exporters import NotebookExporter
from nbformat.v4 import new_output
from nbgrader.converters.base import NbGraderException
from nbgrader.preprocessors import Execute
from traitlets import Integer

from autograder.grading.limit_output import cap_output
from autograder.grading.sandbox import (
    SandboxedKernelManager,
    SandboxUnavailable,
    check_sandbox,
)

TIMEOUT_ERROR = "CellTimeoutError"


def timeout_error(seconds) -> dict:
    """The error a cell stopped at its time limit shows, in words, in place of the bare
    ``KeyboardInterrupt`` that interrupting the kernel leaves.

    Examples
    --------
    >>> timeout_error(60)["evalue"][:49]
    'this cell ran longer than 60 s and was stopped: a'
    """
    words = (
        f"this cell ran longer than {seconds} s and was stopped: an answer that never "
        "finishes (a loop without an end, say) or one far too slow. The cells after it ran "
        "as usual."
    )
    return {"ename": TIMEOUT_ERROR, "evalue": words, "traceback": [f"{TIMEOUT_ERROR}: {words}"]}


class SandboxedExecute(Execute):
    """nbgrader's ``Execute``, running each notebook in a sandboxed kernel, and saying in
    words when a cell was stopped at its time limit.

    nbgrader's ``Execute`` chooses its kernel manager class in ``__init__``, so a config
    value for it would be ignored; this class passes :class:`SandboxedKernelManager` there.
    """

    max_outputs = Integer(
        100,
        help="The most outputs a cell keeps (its errors always); more are counted, not kept.",
    ).tag(config=True)

    def __init__(self, *args, **kwargs):
        check_sandbox()
        kwargs["kernel_manager_class"] = SandboxedKernelManager
        super().__init__(*args, **kwargs)
        self.error_on_timeout = timeout_error(self.timeout)
        self._not_kept = {}  # cell index -> outputs dropped

    def output(self, outs, msg, display_id, cell_index):
        # Capped as they arrive: a cell printing 20,000 outputs of 19,000 characters would
        # otherwise hold gigabytes in the grader before any later step could cut them.
        if msg["msg_type"] != "error" and len(outs) >= self.max_outputs:
            self._not_kept[cell_index] = self._not_kept.get(cell_index, 0) + 1
            return None
        out = super().output(outs, msg, display_id, cell_index)
        if out is not None:
            cap_output(out, self.config.LimitOutputChars.get("max_chars", 20_000))
        return out

    def on_cell_executed(self, **kwargs):
        # A cell stopped at its time limit: nbclient hands over our error as the reply, and
        # the kernel's own KeyboardInterrupt, which would only confuse, is dropped.
        reply, cell = kwargs["execute_reply"], kwargs["cell"]
        if reply["content"].get("ename") == TIMEOUT_ERROR:
            cell.outputs = [o for o in cell.outputs if o.get("ename") != "KeyboardInterrupt"]
        dropped = self._not_kept.pop(kwargs["cell_index"], 0)
        if dropped:
            note = f"[... {dropped:,} more outputs not kept: a cell keeps {self.max_outputs}]\n"
            cell.outputs.append(new_output("stream", name="stdout", text=note))
        return super().on_cell_executed(**kwargs)


class SandboxCheckingExporter(NotebookExporter):
    """Autograde's exporter (a notebook in, a notebook out) that first checks the sandbox.

    ``autograde`` builds its exporter once, before it grades anyone, and outside the error
    handling that would record a failure per student: a missing or broken bubblewrap then
    stops the run with one clear message.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        try:
            check_sandbox()
        except SandboxUnavailable as error:
            # nbgrader's autograde exits quietly on NbGraderException: the message is
            # logged first.
            self.log.error("%s", error)
            raise NbGraderException(str(error)) from error
