"""The two environments: a learner's installs the checks and the data, not the answers.

The learner's environment is ``requirements.txt``, whose ``-e .`` installs this project; the
test suite runs in that environment plus the test tools, so the installed project here is
the learner's. The grading kernels get the reference answers from the course directory
(``tests/test_sandbox.py``, ``tests/test_hostile_submissions.py``).
"""

import os
import subprocess
import sys
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]


def importable_outside_the_clone(name: str, tmp_path: Path) -> bool:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    code = f"import importlib.util, sys; sys.exit(importlib.util.find_spec({name!r}) is None)"
    return subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env).returncode == 0


def test_the_learners_environment_has_the_checks_and_the_data(tmp_path):
    assert importable_outside_the_clone("autograder", tmp_path)
    assert importable_outside_the_clone("course_data", tmp_path)


def test_the_learners_environment_does_not_have_the_reference_answers(tmp_path):
    assert not importable_outside_the_clone("solutions", tmp_path)
    packages = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert not any(p.startswith("solutions") for p in packages["packages"]["find"]["include"])
    assert "-e ." in (ROOT / "requirements.txt").read_text().splitlines()
