"""Write each reference answer from ``solutions/`` into its source notebook's answer cell.

``solutions`` is the single source of truth for answers; the notebooks' answer cells are
generated from it. Run after changing a reference answer::

    python -m tools.sync_solutions          # rewrite the answer cells
    python -m tools.sync_solutions --check  # fail (exit 1) if any cell is out of date
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from autograder.course import MODULE_OF
from tools.notebook_cells import read, render_solution, source_notebooks, write


def stale_cells(path: Path, fix: bool) -> list[str]:
    """The exercises whose answer cell in ``path`` differs from ``solutions``; fix them if asked."""
    nb = read(path)
    stale = []
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        exercise = meta.get("grade_id")
        if not (cell.cell_type == "code" and meta.get("solution") and exercise in MODULE_OF):
            continue
        module = importlib.import_module(f"solutions.{MODULE_OF[exercise]}")
        wanted = render_solution(getattr(module, exercise))
        if cell.source != wanted:
            stale.append(exercise)
            cell.source = wanted
    if stale and fix:
        write(nb, path)
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report; exit 1 if out of date")
    args = parser.parse_args(argv)
    out_of_date = 0
    for path in source_notebooks():
        stale = stale_cells(path, fix=not args.check)
        out_of_date += len(stale)
        for exercise in stale:
            verb = "differs from" if args.check else "updated from"
            print(f"{path.relative_to(path.parents[2])}: answer to `{exercise}` {verb} solutions/")
    return 1 if (args.check and out_of_date) else 0


if __name__ == "__main__":
    sys.exit(main())
