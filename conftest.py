"""Test-wide set-up: kernels the tests start can import the reference answers.

The learner's environment does not install ``solutions`` (see ``pyproject.toml``); the tests
run source notebooks whose hidden tests import it, in kernels that inherit this environment
variable. (pytest's own ``pythonpath`` setting reaches only this process.)
"""

import os
from pathlib import Path

ROOT = str(Path(__file__).resolve().parent)
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (ROOT, os.environ.get("PYTHONPATH", "")) if p)
