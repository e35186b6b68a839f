"""Bring a learner's copy of the course up to date without touching their work.

A learner writes their answers into the notebooks of ``notebooks/``. A plain ``git pull``
would refuse to run, or would leave merge conflict markers inside a notebook's JSON. This
command instead:

1. sets aside every file the learner changed,
2. fast-forwards the course to the newest version,
3. puts the learner's files back exactly as they were; where the course changed such a file
   too, the new version is saved beside it as ``<name>.updated.ipynb`` for the learner to
   open and compare, never over their work.

Files the learner created are never touched, except one that has the name of a file the
course now adds: it is renamed to ``<name>.mine.ipynb`` (``.mine-2``, ... if that is taken),
unchanged, and the report says where it went. Run it from anywhere inside the clone::

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


def set_aside_name(path: Path) -> Path:
    """A free name beside ``path`` for the learner's file that clashes with a new course file.

    Examples
    --------
    >>> set_aside_name(Path("/nonexistent/notebooks/03_shift_invariance.ipynb")).name
    '03_shift_invariance.mine.ipynb'
    """
    candidate, n = path.with_name(f"{path.stem}.mine{path.suffix}"), 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}.mine-{n}{path.suffix}")
    return candidate


def clashing_files(repo: Path, before: str, upstream: str) -> list[str]:
    """The learner's untracked files (or folders) at a path that the course update adds.

    git refuses to move forward over them, or, for files that ``.gitignore`` names, would
    overwrite them; they have to be moved first.
    """
    added = git("diff", "--name-only", "--diff-filter=A", "-z", before, upstream, cwd=repo)
    tracked = set(git("ls-files", "-z", cwd=repo).split("\0"))
    clashes = []
    for name in filter(None, added.split("\0")):
        # The path itself, or a folder on the way, may be taken by a file of the learner's.
        parts = Path(name).parts
        for depth in range(1, len(parts) + 1):
            prefix = Path(*parts[:depth]).as_posix()
            target = repo / prefix
            is_last = depth == len(parts)
            if (target.is_file() or target.is_symlink() or (is_last and target.exists())) and (
                prefix not in tracked
            ):
                if prefix not in clashes:
                    clashes.append(prefix)
                break
    return clashes


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
    for name in clashing_files(repo, before, upstream):
        aside = set_aside_name(repo / name)
        (repo / name).rename(aside)
        report.append(
            f"your {name} had the name of a file the course adds: it is now "
            f"{aside.relative_to(repo).as_posix()}, unchanged"
        )
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
