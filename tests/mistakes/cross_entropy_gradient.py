"""Known-wrong answers to the exercises of this notebook (to be written)."""

import numpy as np  # noqa: F401

from tests.mistakes import wrong  # noqa: F401
