"""What Binder (repo2docker) does with the repository: the rehearsal's plan of steps.

repo2docker runs ``pip install .`` after the requirements for a repository whose root holds
a Python package, unless a ``binder/`` folder holds the Binder files. That extra step
replaces the editable install and leaves ``build/`` and ``*.egg-info`` in the learner's file
browser, so the course keeps its Binder files in ``binder/``.
"""

from pathlib import Path

from tests.browser.binder import repo2docker_steps
from tools.notebook_cells import ROOT

PYPROJECT = '[build-system]\nrequires = ["setuptools"]\n\n[project]\nname = "x"\n'


def steps_of(repository: Path) -> list[str]:
    return [what for what, _ in repo2docker_steps(repository)]


def test_a_package_without_a_binder_folder_gets_pip_install_dot(tmp_path):
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    (tmp_path / "requirements.txt").write_text("numpy\n")
    assert steps_of(tmp_path) == ["pip install -r requirements.txt", "pip install ."]


def test_a_binder_folder_replaces_the_root_and_skips_pip_install_dot(tmp_path):
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    (tmp_path / "binder").mkdir()
    (tmp_path / "binder" / "requirements.txt").write_text("-r ../requirements.txt\n")
    postbuild = tmp_path / "binder" / "postBuild"
    postbuild.write_text("#!/bin/sh\n")
    postbuild.chmod(0o755)
    assert steps_of(tmp_path) == ["pip install -r binder/requirements.txt", "binder/postBuild"]


def test_the_course_builds_from_its_binder_folder():
    assert steps_of(ROOT) == ["pip install -r binder/requirements.txt", "binder/postBuild"]
    # The learner's requirements are the root's, so the README's command and Binder agree.
    lines = (ROOT / "binder" / "requirements.txt").read_text().splitlines()
    assert [line for line in lines if line and not line.startswith("#")] == [
        "-r ../requirements.txt"
    ]
