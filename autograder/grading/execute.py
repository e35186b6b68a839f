"""nbgrader's ``Execute`` step, with every kernel in the sandbox of :mod:`.sandbox`.

``nbgrader_config.py`` puts :class:`SandboxedExecute` in place of nbgrader's ``Execute``
among the autograde preprocessors, and makes :class:`SandboxCheckingExporter` autograde's
exporter, so that a machine without a working sandbox stops ``autograde`` before the first
submission instead of failing each one.
"""

from __future__ import annotations

from nbconvert.exporters import NotebookExporter
from nbgrader.converters.base import NbGraderException
from nbgrader.preprocessors import Execute

from autograder.grading.sandbox import (
    SandboxedKernelManager,
    SandboxUnavailable,
    check_sandbox,
)


class SandboxedExecute(Execute):
    """nbgrader's ``Execute``, running each notebook in a sandboxed kernel.

    nbgrader's ``Execute`` chooses its kernel manager class in ``__init__``, so a config
    value for it would be ignored; this class passes :class:`SandboxedKernelManager` there.
    """

    def __init__(self, *args, **kwargs):
        check_sandbox()
        kwargs["kernel_manager_class"] = SandboxedKernelManager
        super().__init__(*args, **kwargs)


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
