"""Bring a learner's copy of the course up to date without touching their work.

A learner writes their answers into the notebooks of ``notebooks/``. A plain ``git pull``
would refuse to run, or would leave merge conflict markers inside a notebook's JSON. This
command instead:

1. sets aside every file the learner changed,
2. fast-forwards the course to the newest version,
3. puts the learner's files back exactly as they were; where the course changed such a file
   too, the new version is saved beside it as ``<name>.updated.ipynb`` for the learner to
   open and compare, never over their work.

Files the learner created are never touched. Run it from anywhere inside the clone::

    python -m tools.update_course
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path


def git(*args: str, cwd: Path) -> str:
    """Run git in ``cwd`` and return what it printed; raise with git's message on failure."""
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(
            f"git {' '.join(args)} failed: {result.stderr.strip() or result.stdout.strip()}"
        )
    return result.stdout


def changed_by_learner(repo: Path) -> list[str]:
    """Tracked files that differ from the last commit (the learner's edits)."""
    out = git("diff", "--name-only", "HEAD", "-z", cwd=repo)
    return [name for name in out.split("\0") if name]


def updated_name(path: Path) -> Path:
    """Where the course's new version of a file the learner changed is saved.

    Examples
    --------
    >>> updated_name(Path("notebooks/01_logits.ipynb")).as_posix()
    'notebooks/01_logits.updated.ipynb'
    """
    return path.with_name(f"{path.stem}.updated{path.suffix}")


def update(repo: Path, remote: str = "origin", branch: str = "main") -> list[str]:
    """Update the clone at ``repo``; return one line per thing done, for the learner to read."""
    report = []
    git("fetch", remote, branch, cwd=repo)
    upstream = git("rev-parse", "FETCH_HEAD", cwd=repo).strip()
    before = git("rev-parse", "HEAD", cwd=repo).strip()
    if git("merge-base", before, upstream, cwd=repo).strip() != before:
        raise RuntimeError(
            "your clone has commits of its own, so it cannot simply move forward; "
            "nothing was changed (ask git: `git status`, `git log`)"
        )
    edited = changed_by_learner(repo)
    # Set the learner's files aside in memory (bytes as they are), and restore the committed
    # versions, so that moving forward cannot conflict with them.
    kept = {name: (repo / name).read_bytes() for name in edited if (repo / name).exists()}
    if edited:
        git("checkout", "HEAD", "--", *edited, cwd=repo)
    try:
        git("merge", "--ff-only", upstream, cwd=repo)
    finally:
        for name, content in kept.items():
            path = repo / name
            if (
                path.exists()
                and git("diff", "--name-only", before, "HEAD", "--", name, cwd=repo).strip()
            ):
                updated_name(path).write_bytes(path.read_bytes())
                report.append(
                    f"kept your {name}; the course's new version is in {updated_name(Path(name))}"
                )
            else:
                report.append(f"kept your {name}")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
    moved = git("diff", "--name-only", before, "HEAD", cwd=repo).split()
    report += [f"updated {name}" for name in moved if name not in kept]
    return report or ["already up to date"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--remote", default="origin")
    parser.add_argument("--branch", default="main")
    args = parser.parse_args(argv)
    repo = Path(git("rev-parse", "--show-toplevel", cwd=Path.cwd()).strip())
    try:
        for line in update(repo, args.remote, args.branch):
            print(line)
    except RuntimeError as exc:
        print(f"not updated: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
