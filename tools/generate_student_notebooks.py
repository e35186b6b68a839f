"""Generate ``notebooks/`` (the student versions) from ``source/`` with nbgrader itself.

Each source notebook goes through nbgrader's real ``generate_assignment`` in a throwaway
course directory (answers replaced by stubs, hidden tests removed, outputs cleared, cells
checksummed), and the released notebook is copied to ``notebooks/<assignment>.ipynb``::

    python -m tools.generate_student_notebooks          # regenerate notebooks/
    python -m tools.generate_student_notebooks --check  # exit 1 if notebooks/ is out of date
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from tools.nbgrader_cli import nbgrader
from tools.notebook_cells import ROOT, STUDENT, dumps, read, source_notebooks


def generate(out_dir: Path) -> list[Path]:
    """Run nbgrader's ``generate_assignment`` on every source notebook; write them to ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        course = Path(tmp)
        shutil.copytree(ROOT / "source", course / "source")
        shutil.copy(ROOT / "nbgrader_config.py", course / "nbgrader_config.py")
        for path in source_notebooks():
            assignment = path.parent.name
            nbgrader("generate_assignment", assignment, "--force", cwd=course)
            released = read(course / "release" / assignment / path.name)
            target = out_dir / f"{assignment}.ipynb"
            target.write_text(dumps(released), encoding="utf-8")
            written.append(target)
    return written


def differences(generated_dir: Path, committed_dir: Path = STUDENT) -> list[str]:
    """Names of student notebooks that differ from (or are missing in) ``committed_dir``."""
    generated = {p.name: p.read_text(encoding="utf-8") for p in generated_dir.glob("*.ipynb")}
    committed = {p.name: p.read_text(encoding="utf-8") for p in committed_dir.glob("*.ipynb")}
    return sorted(
        name
        for name in generated.keys() | committed.keys()
        if generated.get(name) != committed.get(name)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 if out of date")
    args = parser.parse_args(argv)
    if not args.check:
        for path in generate(STUDENT):
            print(f"wrote {path.relative_to(ROOT)}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp))
        stale = differences(Path(tmp))
    for name in stale:
        print(
            f"notebooks/{name} is not what source/ generates: run python -m tools.generate_student_notebooks"
        )
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
