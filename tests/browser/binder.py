"""Build the learner's environment the way Binder does, from the repository alone.

Binder (repo2docker) builds from the repository, not from a working copy. Its Python
buildpack (``repo2docker/buildpacks/python``) reads a ``binder/`` folder instead of the root
when there is one; it installs that folder's ``requirements.txt`` into a fresh environment
with ``pip install --no-cache-dir``; when there is *no* ``binder/`` folder and the root holds a
Python package (``setup.py``, or a ``pyproject.toml`` with ``[project]`` and
``[build-system]``), it then runs ``pip install --no-cache-dir .``; it runs ``postBuild`` with
that environment first on ``PATH``, and starts JupyterLab in the repository's folder at the
badge's ``urlpath``. :func:`repo2docker_steps` makes the same decisions, and :func:`build`
rehearses them in a temporary folder: a ``git clone`` of the committed ``HEAD`` (uncommitted
changes are not in it, as they would not be on Binder), a new virtual environment, the
steps, and the measures (install time, environment size). Nothing of this machine's Jupyter or Python set-up (home
folder, ``PYTHONPATH``, an active virtual environment) leaks into it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

#: The Binder badge's deep link in the README: ``...?urlpath=lab/tree/notebooks/01_logits.ipynb``.
URLPATH = re.compile(r"mybinder\.org/v2/[^)\s]*?[?&]urlpath=([^)&\s]+)")

#: Variables that would make the new environment see this machine's set-up.
LEAKY = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONUSERBASE", "VIRTUAL_ENV")


def binder_urlpath(readme: str) -> str:
    """The ``urlpath`` of the README's Binder link, decoded (``lab/tree/notebooks/….ipynb``)."""
    found = URLPATH.search(readme)
    assert found, "README.md has no Binder link with a urlpath= (mybinder.org/v2/...?urlpath=...)"
    return urllib.parse.unquote(found.group(1)).lstrip("/")


def run(command: list[str], cwd: Path, env: dict[str, str], timeout: float, what: str) -> float:
    """Run ``command``; return its wall time in seconds, or fail with the end of its output."""
    start = time.monotonic()
    result = subprocess.run(
        command,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=timeout,
    )
    seconds = time.monotonic() - start
    if result.returncode != 0:
        tail = "\n".join(result.stdout.splitlines()[-60:])
        raise AssertionError(f"{what} failed ({result.returncode}): {' '.join(command)}\n{tail}")
    return seconds


def size_mb(folder: Path) -> int:
    """The disk usage of ``folder`` in MB, as ``du -sm`` reports it."""
    output = subprocess.run(
        ["du", "-sm", str(folder)], check=True, capture_output=True, text=True
    ).stdout
    return int(output.split()[0])


@dataclass
class BinderBuild:
    """A built learner environment: the clone, its virtual environment, and the measures."""

    base: Path
    clone: Path
    venv: Path
    commit: str
    clone_seconds: float
    venv_seconds: float
    pip_install_seconds: float
    postbuild_seconds: float
    venv_mb: int

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    def env(self) -> dict[str, str]:
        """The environment the built image runs with: the venv first on ``PATH``, activated,
        with a home folder (and so Jupyter's user config and data folders) of its own."""
        return environment(self.base, self.venv)

    def measures(self) -> dict:
        return {
            "commit": self.commit,
            "python": subprocess.run(
                [str(self.python), "-c", "import sys; print(sys.version.split()[0])"],
                capture_output=True,
                text=True,
            ).stdout.strip(),
            "pip_install_seconds": round(self.pip_install_seconds, 1),
            "venv_mb": self.venv_mb,
            "postbuild_seconds": round(self.postbuild_seconds, 1),
            "clone_seconds": round(self.clone_seconds, 1),
            "venv_create_seconds": round(self.venv_seconds, 1),
        }


def environment(base: Path, venv: Path) -> dict[str, str]:
    """This process's environment without what would leak in, with ``venv`` activated."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in LEAKY and not key.startswith(("JUPYTER", "XDG_"))
    }
    home = base / "home"
    home.mkdir(exist_ok=True)
    env.update(
        HOME=str(home),
        VIRTUAL_ENV=str(venv),
        PATH=str(venv / "bin") + os.pathsep + env.get("PATH", ""),
        JUPYTER_CONFIG_DIR=str(home / ".jupyter"),
        JUPYTER_DATA_DIR=str(home / ".local" / "share" / "jupyter"),
    )
    return env


def repo2docker_steps(repository: Path) -> list[tuple[str, list[str]]]:
    """The steps repo2docker's Python buildpack takes in ``repository``: ``(what, command)``.

    Commands run in the repository's root with the new environment activated (``pip`` and
    ``python`` are that environment's). Mirrors ``PythonBuildPack`` (requirements, then
    ``pip install .`` for a Python package outside a ``binder/`` folder) and the base
    buildpack's ``postBuild``.

    Examples
    --------
    >>> from tools.notebook_cells import ROOT
    >>> [what for what, _ in repo2docker_steps(ROOT)]
    ['pip install -r binder/requirements.txt', 'binder/postBuild']
    """
    if (repository / "binder").is_dir() and (repository / ".binder").is_dir():
        raise AssertionError("repo2docker refuses a repository with both binder/ and .binder/")
    folder = next((f for f in ("binder", ".binder") if (repository / f).is_dir()), "")
    steps = []
    requirements = Path(folder, "requirements.txt")
    if (repository / requirements).exists():
        steps.append(
            (
                f"pip install -r {requirements.as_posix()}",
                ["pip", "install", "--no-cache-dir", "--quiet", "-r", requirements.as_posix()],
            )
        )
    pyproject = repository / "pyproject.toml"
    # Its test for a package: setup.py, or a pyproject.toml with both tables (tomllib, which
    # repo2docker uses, is not in Python 3.10: the table headers are enough here).
    tables = (
        set(re.findall(r"^\[([\w.-]+)\]", pyproject.read_text(), flags=re.M))
        if pyproject.exists()
        else set()
    )
    package = (repository / "setup.py").exists() or {"project", "build-system"} <= tables
    if package and not folder:
        steps.append(("pip install .", ["pip", "install", "--no-cache-dir", "--quiet", "."]))
    postbuild = Path(folder, "postBuild")
    if (repository / postbuild).exists():
        assert os.access(repository / postbuild, os.X_OK), f"{postbuild} is not executable"
        steps.append((postbuild.as_posix(), [f"./{postbuild.as_posix()}"]))
    return steps


def build(repository: Path, base: Path, pip_timeout: float = 1200) -> BinderBuild:
    """Clone ``repository``'s ``HEAD`` into ``base/clone`` and build its learner environment.

    ``base/venv``: a new virtual environment (of this interpreter's base Python), in which
    :func:`repo2docker_steps` are run from the clone with the environment activated (the
    machine's pip configuration, e.g. its index, applies).
    """
    clone, venv = base / "clone", base / "venv"
    plain = {key: value for key, value in os.environ.items() if key not in LEAKY}
    clone_seconds = run(
        ["git", "clone", "--quiet", str(repository), str(clone)], base, plain, 300, "git clone"
    )
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=clone, capture_output=True, text=True, check=True
    ).stdout.strip()
    venv_seconds = run(
        [sys.executable, "-m", "venv", str(venv)], base, plain, 300, "python -m venv"
    )
    env = environment(base, venv)
    pip_seconds = postbuild_seconds = 0.0
    for what, command in repo2docker_steps(clone):
        seconds = run(command, clone, env, pip_timeout, what)
        if what.startswith("pip"):
            pip_seconds += seconds
        else:
            postbuild_seconds += seconds
    return BinderBuild(
        base=base,
        clone=clone,
        venv=venv,
        commit=commit,
        clone_seconds=clone_seconds,
        venv_seconds=venv_seconds,
        pip_install_seconds=pip_seconds,
        postbuild_seconds=postbuild_seconds,
        venv_mb=size_mb(venv),
    )
