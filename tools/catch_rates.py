"""How many wrong answers do the checks catch, visible and hidden? A table per exercise.

Runs every wrong answer of the mistake catalogue (``tests/mistakes``) through its exercise's
visible checks and through the hidden ones, and prints, per exercise, how many each caught::

    python -m tools.catch_rates                       # the catalogue
    python -m tools.catch_rates --held-out DIR        # a held-out round (see below)
    python -m tools.catch_rates --misses              # also list what the visible checks miss

A held-out round is a folder of Python files that register answers with a ``registry``
module in the same folder (``@answer("softmax", correct=False, note="...")``); its correct
answers must pass every check, and the table counts how many of them were rejected.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import importlib.util
import io
import sys
from collections import defaultdict
from pathlib import Path

from autograder import CHECKS, CheckFailed
from autograder.course import MODULE_OF


def reference_of(exercise: str):
    return getattr(importlib.import_module(f"solutions.{MODULE_OF[exercise]}"), exercise)


def verdict(exercise: str, function, hidden: bool) -> str | None:
    """The tag of the mistake the checks name (``"?"`` if none), or ``None`` if they pass."""
    reference = reference_of(exercise) if hidden else None
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            CHECKS[exercise](function, reference=reference)
    except CheckFailed as failure:
        return failure.tag or "?"
    except BaseException as exc:  # a check that crashes is a defect too: count it as caught
        return f"crash:{type(exc).__name__}"
    return None


def catalogue_answers():
    from tests.mistakes import load_catalogue, load_right_answers

    wrong = [(e.exercise, False, e.id, e.function, e.visible) for e in load_catalogue()]
    right = [(e, True, f"{e}:{f.__name__}", f, True) for e, f in load_right_answers()]
    return wrong + right


def held_out_answers(folder: Path):
    sys.path.insert(0, str(folder))
    registry = importlib.import_module("registry")
    for path in sorted(folder.glob("heldout_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return [
        (a.exercise, a.correct, f"{a.module}:{a.function.__name__} ({a.note})", a.function, True)
        for a in registry.ANSWERS
    ]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--held-out", type=Path, help="a folder of held-out answers")
    parser.add_argument("--misses", action="store_true", help="list what the visible checks miss")
    args = parser.parse_args(argv)
    answers = held_out_answers(args.held_out) if args.held_out else catalogue_answers()
    rows = defaultdict(lambda: [0, 0, 0, 0, 0])  # wrong, visible, hidden, correct, rejected
    misses = []
    for exercise, correct, name, function, _ in answers:
        seen = verdict(exercise, function, hidden=False)
        graded = verdict(exercise, function, hidden=True)
        row = rows[exercise]
        if correct:
            row[3] += 1
            if seen or graded:
                row[4] += 1
                misses.append(f"REJECTED CORRECT {name}: {seen or graded}")
            continue
        row[0] += 1
        row[1] += seen is not None
        row[2] += graded is not None
        if seen is None:
            misses.append(f"visible miss {name}" + ("" if graded else " (hidden miss too)"))
    print(f"{'exercise':<30}{'wrong':>6}{'visible':>9}{'hidden':>8}{'correct':>9}{'rejected':>10}")
    total = [0] * 5
    for exercise in MODULE_OF:
        if exercise in rows:
            row = rows[exercise]
            total = [t + r for t, r in zip(total, row, strict=True)]
            print(f"{exercise:<30}{row[0]:>6}{row[1]:>9}{row[2]:>8}{row[3]:>9}{row[4]:>10}")
    print(f"{'total':<30}{total[0]:>6}{total[1]:>9}{total[2]:>8}{total[3]:>9}{total[4]:>10}")
    if total[0]:
        print(f"caught: visible {total[1] / total[0]:.1%}, hidden {total[2] / total[0]:.1%}")
    if args.misses:
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
