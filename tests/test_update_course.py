"""A learner who updates the course never loses their own work (``tools/update_course.py``)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tools.update_course import update


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True
    ).stdout


def commit(repo: Path, files: dict[str, str], message: str) -> None:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text)
    git(repo, "add", "-A")
    git(
        repo,
        "-c",
        "user.name=Course",
        "-c",
        "user.email=course@example.org",
        "commit",
        "-qm",
        message,
    )


@pytest.fixture
def course(tmp_path):
    """An upstream course repository and a learner's clone of it."""
    upstream = tmp_path / "upstream"
    upstream.mkdir()
    git(upstream, "init", "-q", "-b", "main")
    commit(upstream, {"notebooks/01.ipynb": "v1 of 01", "notebooks/02.ipynb": "v1 of 02"}, "first")
    git(tmp_path, "clone", "-q", str(upstream), "learner")
    return upstream, tmp_path / "learner"


def test_unchanged_notebooks_are_updated(course):
    upstream, learner = course
    commit(upstream, {"notebooks/02.ipynb": "v2 of 02", "notebooks/03.ipynb": "v1 of 03"}, "second")
    report = update(learner)
    assert (learner / "notebooks/02.ipynb").read_text() == "v2 of 02"
    assert (learner / "notebooks/03.ipynb").read_text() == "v1 of 03"
    assert "updated notebooks/03.ipynb" in report


def test_the_learners_edits_survive_an_update_of_the_same_notebook(course):
    upstream, learner = course
    (learner / "notebooks/01.ipynb").write_text("my answers")
    (learner / "notebooks/scratch.ipynb").write_text("my own notebook")
    commit(upstream, {"notebooks/01.ipynb": "v2 of 01", "notebooks/02.ipynb": "v2 of 02"}, "second")
    report = update(learner)
    assert (learner / "notebooks/01.ipynb").read_text() == "my answers"
    assert (learner / "notebooks/01.updated.ipynb").read_text() == "v2 of 01"
    assert (learner / "notebooks/scratch.ipynb").read_text() == "my own notebook"
    assert (learner / "notebooks/02.ipynb").read_text() == "v2 of 02"
    assert any("kept your notebooks/01.ipynb" in line for line in report)


def test_edits_to_a_notebook_the_course_did_not_change_stay_without_a_copy(course):
    upstream, learner = course
    (learner / "notebooks/02.ipynb").write_text("my answers")
    commit(upstream, {"notebooks/01.ipynb": "v2 of 01"}, "second")
    update(learner)
    assert (learner / "notebooks/02.ipynb").read_text() == "my answers"
    assert not (learner / "notebooks/02.updated.ipynb").exists()
    assert (learner / "notebooks/01.ipynb").read_text() == "v2 of 01"


def test_a_clone_with_its_own_commits_is_left_alone(course):
    upstream, learner = course
    commit(learner, {"notebooks/01.ipynb": "my committed answers"}, "mine")
    commit(upstream, {"notebooks/01.ipynb": "v2 of 01"}, "second")
    with pytest.raises(RuntimeError, match="nothing was changed"):
        update(learner)
    assert (learner / "notebooks/01.ipynb").read_text() == "my committed answers"


def test_a_learners_file_with_the_name_of_a_new_course_file_is_set_aside(course):
    upstream, learner = course
    (learner / "notebooks/03.ipynb").write_text("my own 03")
    (learner / "notebooks/01.ipynb").write_text("my answers")
    commit(upstream, {"notebooks/03.ipynb": "v1 of 03", "notebooks/01.ipynb": "v2 of 01"}, "second")
    report = update(learner)
    assert (learner / "notebooks/03.ipynb").read_text() == "v1 of 03"
    assert (learner / "notebooks/03.mine.ipynb").read_text() == "my own 03"
    assert (learner / "notebooks/01.ipynb").read_text() == "my answers"
    assert (learner / "notebooks/01.updated.ipynb").read_text() == "v2 of 01"
    assert any("notebooks/03.mine.ipynb" in line for line in report), report


def test_a_set_aside_name_already_taken_gets_a_number(course):
    upstream, learner = course
    (learner / "notebooks/03.ipynb").write_text("my own 03")
    (learner / "notebooks/03.mine.ipynb").write_text("an older one of mine")
    commit(upstream, {"notebooks/03.ipynb": "v1 of 03"}, "second")
    update(learner)
    assert (learner / "notebooks/03.mine.ipynb").read_text() == "an older one of mine"
    assert (learner / "notebooks/03.mine-2.ipynb").read_text() == "my own 03"
    assert (learner / "notebooks/03.ipynb").read_text() == "v1 of 03"


def test_an_ignored_file_of_the_learners_is_not_overwritten(course):
    # git would overwrite a file that .gitignore names without asking: it is set aside too.
    upstream, learner = course
    (learner / ".git/info/exclude").write_text("*.csv\n")
    (learner / "data.csv").write_text("my data")
    commit(upstream, {"data.csv": "the course's data"}, "second")
    update(learner)
    assert (learner / "data.csv").read_text() == "the course's data"
    assert (learner / "data.mine.csv").read_text() == "my data"


def test_a_learners_file_where_the_course_adds_a_folder_is_set_aside(course):
    upstream, learner = course
    (learner / "extras").write_text("my notes")
    commit(upstream, {"extras/04.ipynb": "v1 of 04"}, "second")
    update(learner)
    assert (learner / "extras/04.ipynb").read_text() == "v1 of 04"
    assert (learner / "extras.mine").read_text() == "my notes"
