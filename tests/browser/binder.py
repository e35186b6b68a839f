"""Build the learner's environment the way Binder does, from the repository alone.

Binder (repo2docker) builds from the repository, not from a working copy: it installs
``requirements.txt`` into a fresh environment with ``pip install --no-cache-dir``, runs
``postBuild`` with that environment first on ``PATH``, and starts JupyterLab in the
repository's folder at the badge's ``urlpath``. :func:`build` rehearses this in a temporary
folder: a ``git clone`` of the committed ``HEAD`` (uncommitted changes are not in it, as they
would not be on Binder), a new virtual environment, the same two steps, and the measures
(install time, environment size). Nothing of this machine's Jupyter or Python set-up (home
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


def build(repository: Path, base: Path, pip_timeout: float = 1200) -> BinderBuild:
    """Clone ``repository``'s ``HEAD`` into ``base/clone`` and build its learner environment.

    ``base/venv``: a new virtual environment (of this interpreter's base Python), into which
    ``pip install --no-cache-dir -r requirements.txt`` is run from the clone (as repo2docker
    does; the machine's pip configuration, e.g. its index, applies), then the clone's
    ``postBuild`` with the environment activated.
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
    pip_seconds = run(
        [
            str(venv / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "--no-cache-dir",
            "--disable-pip-version-check",
            "--quiet",
            "-r",
            "requirements.txt",
        ],
        clone,
        env,
        pip_timeout,
        "pip install -r requirements.txt",
    )
    postbuild = clone / "postBuild"
    assert os.access(postbuild, os.X_OK), "postBuild is not executable in the repository"
    postbuild_seconds = run([str(postbuild)], clone, env, 300, "postBuild")
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
