"""Run nbgrader's real command line from Python, in the environment this interpreter belongs to."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def nbgrader(
    *args: str, cwd: Path, check: bool = True, timeout: float = 900
) -> subprocess.CompletedProcess:
    """Run ``nbgrader <args>`` in the course directory ``cwd`` and return the finished process.

    nbgrader starts helper programs (``alembic`` for the gradebook, kernels) by name, so the
    directory of this interpreter's scripts goes first on ``PATH``, as it would in an
    activated virtual environment. Relative ``PYTHONPATH`` entries (``PYTHONPATH=.``) are
    made absolute, so that they name the same folders from the course directory: nbgrader,
    its configuration and the graded kernels import the packages this process imports.
    """
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    if env.get("PYTHONPATH"):
        env["PYTHONPATH"] = os.pathsep.join(
            os.path.abspath(entry) for entry in env["PYTHONPATH"].split(os.pathsep) if entry
        )
    return subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=cwd,
        env=env,
        check=check,
        timeout=timeout,
        capture_output=True,
        text=True,
    )
