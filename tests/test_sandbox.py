"""Grading kernels run in a bubblewrap sandbox: honest work runs, nothing else is reachable.

The tests start real sandboxed kernels (one shared by most tests, as kernels are slow to
start) in the autograded folder of a fake course directory, and check from inside what the
kernel can do, and from outside that nothing it did persists. Where it can, a test also
shows that what the kernel attempted succeeds outside the sandbox, so that it would fail if
the sandbox stopped protecting it.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import nbformat
import pytest
from jupyter_client.blocking import BlockingKernelClient
from jupyter_core.utils import run_sync
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError
from nbgrader.api import Gradebook, MissingEntry

from autograder.grading.execute import SandboxedExecute
from autograder.grading.sandbox import (
    DEFAULT_MEMORY_LIMIT,
    DEFAULT_PROCESS_LIMIT,
    INSTALL_HINT,
    SANDBOX_HOME,
    SandboxedKernelManager,
    SandboxUnavailable,
    check_sandbox,
    package_dirs,
    python_dirs,
)
from tools.nbgrader_cli import nbgrader

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = dict(zip(["autograder", "course_data", "solutions"], package_dirs(), strict=True))
SITE_PACKAGES = next(Path(p) for p in sys.path if p.endswith("site-packages"))
SECRET = "SANDBOX_TEST_TOKEN"

# The fake course: what nbgrader keeps in a course directory, around one student's folder.
COURSE_FILES = {
    "gradebook.db": "SQLite format 3\n",
    "nbgrader_config.py": "c = get_config()\n",
    "source/ps1/ps1.ipynb": "the hidden tests\n",
    "release/ps1/ps1.ipynb": "the student version\n",
    "submitted/me/ps1/ps1.ipynb": "my submission\n",
    "submitted/other/ps1/ps1.ipynb": "a classmate's submission\n",
    "autograded/other/ps1/ps1.ipynb": "a classmate's graded notebook\n",
    "autograded/me/ps1/ps1.ipynb": "my notebook, with the hidden tests restored\n",
    "autograded/me/ps1/data.txt": "a file shipped with the assignment\n",
}
WORKDIR = "autograded/me/ps1"


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    for name, text in COURSE_FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    # A module beside the notebook, named like nothing installed.
    (root / WORKDIR / "planted_module.py").write_text("PLANTED = True\n")
    return root


@pytest.fixture(scope="module")
def instructor_settings(tmp_path_factory):
    """What the instructor's own environment holds: a token, an IPython startup file and a
    matplotlib configuration. None of it may reach a graded kernel."""
    home = tmp_path_factory.mktemp("instructor")
    (home / "ipython" / "profile_default" / "startup").mkdir(parents=True)
    (home / "ipython" / "profile_default" / "startup" / "00-planted.py").write_text(
        "PLANTED_BY_STARTUP = True\n"
    )
    (home / "matplotlib").mkdir()
    (home / "matplotlib" / "matplotlibrc").write_text("lines.linewidth: 7\n")
    saved = dict(os.environ)
    os.environ.update(
        {
            SECRET: "s3cret",
            "IPYTHONDIR": str(home / "ipython"),
            "MPLCONFIGDIR": str(home / "matplotlib"),
        }
    )
    yield home
    os.environ.clear()
    os.environ.update(saved)


@pytest.fixture(scope="module")
def kernel(course, instructor_settings):
    """One sandboxed kernel in ``autograded/me/ps1``, and a client to talk to it."""
    manager = SandboxedKernelManager()
    run_sync(manager.start_kernel)(cwd=str(course / WORKDIR))
    client = BlockingKernelClient()
    client.load_connection_info(manager.get_connection_info())
    client.start_channels()
    client.wait_for_ready(timeout=60)
    yield manager, client
    client.stop_channels()
    run_sync(manager.shutdown_kernel)(now=True)
    run_sync(manager.cleanup_resources)()


def evaluate(kernel, code, timeout=60):
    """Run ``code`` in the kernel, then return the JSON value of its last line."""
    _, client = kernel
    *body, last = code.strip().splitlines()
    program = "\n".join([*body, f"print(__import__('json').dumps({last}))"])
    printed = []

    def keep(message):
        if message["msg_type"] == "stream" and message["content"]["name"] == "stdout":
            printed.append(message["content"]["text"])

    reply = client.execute_interactive(program, timeout=timeout, output_hook=keep)
    content = reply["content"]
    assert content["status"] == "ok", f"{content.get('ename')}: {content.get('evalue')}"
    return json.loads("".join(printed).strip().splitlines()[-1])


PLANTED = "planted-by-test-sandbox.txt"

# What a submission tries. The fake course's files are really changed; the real installed
# files are only opened for writing, so that a broken sandbox fails the test without
# damaging them; a folder gets an empty file, which the test removes if it appears.
ATTEMPT = f"""
def attempt(action, path):
    import os
    try:
        if action == "append":
            with open(path, "a") as f:
                f.write("tampered")
        elif action == "open":
            open(path, "r+b").close()
        elif action == "remove":
            os.remove(path)
        elif action == "create":
            open(os.path.join(path, {PLANTED!r}), "x").close()
        elif action == "read":
            with open(path) as f:
                f.read()
        return "done"
    except OSError as error:
        return type(error).__name__
"""


def test_the_kernel_is_this_python_in_the_students_folder_with_a_private_connection(kernel, course):
    manager, _ = kernel
    assert manager.transport == "ipc"
    inside = evaluate(kernel, "import os, sys\n[sys.executable, os.getcwd(), os.getuid()]")
    assert inside == [sys.executable, str(course / WORKDIR), 65534]
    assert evaluate(kernel, "open('data.txt').read()") == COURSE_FILES[f"{WORKDIR}/data.txt"]
    # The notebook being graded, which holds the hidden tests, is there but unreadable.
    evaluate(kernel, ATTEMPT + "\nNone")
    assert evaluate(kernel, "attempt('read', 'ps1.ipynb')") != "done"
    assert (course / WORKDIR / "ps1.ipynb").read_text() == COURSE_FILES[f"{WORKDIR}/ps1.ipynb"]
    # The connection file sits alone (with the sockets) in a folder of its own.
    runtime_dir = Path(manager.connection_file).parent
    assert sorted(p.name for p in runtime_dir.iterdir() if not p.is_socket()) == ["kernel.json"]


def test_honest_work_runs(kernel):
    result = evaluate(
        kernel,
        """
import io
import numpy as np
import scipy.special
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import autograder, solutions
from course_data import load_digits
from solutions.softmax import softmax
X, y = load_digits()
fig, ax = plt.subplots()
ax.plot(softmax(np.array([1.0, 3.0, 2.0])))
png = io.BytesIO()
fig.savefig(png, format="png")
[X.shape, png.getvalue()[:4].decode("latin-1"), np.allclose(softmax(X[:5]), scipy.special.softmax(X[:5], axis=-1)), solutions.__file__, autograder.__file__]
""",
    )
    assert result == [
        [1797, 64],
        "\x89PNG",
        True,
        str(PACKAGES["solutions"] / "__init__.py"),
        str(PACKAGES["autograder"] / "__init__.py"),
    ]


def test_nothing_of_the_instructors_environment_reaches_the_kernel(kernel, instructor_settings):
    result = evaluate(
        kernel,
        f"""
import os, matplotlib
ip = get_ipython()
[os.environ.get({SECRET!r}), "PLANTED_BY_STARTUP" in globals(), [f for f in os.listdir(ip.profile_dir.startup_dir) if f.endswith(".py")], matplotlib.rcParams["lines.linewidth"], os.environ["IPYTHONDIR"], matplotlib.get_configdir()]
""",
    )
    assert result == [
        None,
        False,
        [],
        1.5,
        f"{SANDBOX_HOME}/.ipython",
        f"{SANDBOX_HOME}/.config/matplotlib",
    ]
    # The instructor's settings are real: a kernel outside the sandbox would use them.
    assert os.environ[SECRET] == "s3cret"
    assert (Path(os.environ["IPYTHONDIR"]) / "profile_default" / "startup").iterdir()


def test_a_module_beside_the_notebook_is_not_importable(kernel, course):
    assert (
        evaluate(kernel, "import importlib.util\nimportlib.util.find_spec('planted_module')")
        is None
    )
    # Outside the sandbox, Python would import it from the working directory.
    outside = subprocess.run(
        [sys.executable, "-c", "import planted_module; print(planted_module.PLANTED)"],
        cwd=course / WORKDIR,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONSAFEPATH"},
    )
    assert outside.stdout.strip() == "True"


def write_targets(course):
    """What a hostile submission could try to change: the course's files, the installed
    packages' files, and folders to plant a file in."""
    course_files = [course / name for name in COURSE_FILES]
    installed = [
        PACKAGES["autograder"] / "__init__.py",
        PACKAGES["solutions"] / "softmax.py",
        PACKAGES["course_data"] / "__init__.py",
        SITE_PACKAGES / "numpy" / "__init__.py",
    ]
    folders = [
        course / WORKDIR,
        course,
        course / "submitted" / "other" / "ps1",
        PACKAGES["solutions"],
        SITE_PACKAGES,
        Path(sys.prefix) / "bin",
    ]
    return course_files, installed, folders


def test_no_write_reaches_the_course_the_packages_or_the_environment(kernel, course):
    course_files, installed, folders = write_targets(course)
    attempts = [
        *[("append", p) for p in course_files],
        *[("remove", p) for p in course_files],
        *[("open", p) for p in installed],
        *[("create", p) for p in folders],
    ]
    before = {p: p.read_bytes() for p in course.rglob("*") if p.is_file()}
    installed_before = {p: p.read_bytes() for p in installed}
    # What the sandbox mounts from the machine must refuse every change. (Where it mounts
    # nothing, as on the way to the student's folder, the path does not exist, and the
    # machine's files, checked below, never change.)
    mounted = [*(course / WORKDIR).iterdir(), *installed, course / WORKDIR, *folders[3:]]
    shown = evaluate(kernel, f"import os\n[os.path.exists(p) for p in {list(map(str, mounted))!r}]")
    assert shown == [True] * len(mounted)
    evaluate(kernel, ATTEMPT + "\nNone")
    try:
        outcomes = {
            (action, path): evaluate(kernel, f"attempt({action!r}, {str(path)!r})")
            for action, path in attempts
        }
    finally:
        planted = [folder / PLANTED for folder in folders if (folder / PLANTED).exists()]
        for path in planted:
            path.unlink()
    assert not planted
    assert [attempt for attempt, outcome in outcomes.items() if outcome == "done"] == []
    assert {p: p.read_bytes() for p in course.rglob("*") if p.is_file()} == before
    assert {p: p.read_bytes() for p in installed} == installed_before
    # Outside the sandbox the same writes are allowed: the course's files by writing
    # them, the installed ones by their permissions.
    for path in course_files:
        with open(path, "a") as f:
            f.write("")
    assert all(os.access(p, os.W_OK) for p in installed + folders)


def test_the_rest_of_the_course_is_not_there(kernel, course):
    hidden = [
        course / "gradebook.db",
        course / "nbgrader_config.py",
        course / "source",
        course / "release",
        course / "submitted",
        course / "autograded" / "other",
        ROOT / "source",  # the real hidden tests
        ROOT / "tests",
        ROOT / "nbgrader_config.py",
    ]
    inside = evaluate(kernel, f"import os\n[os.path.exists(p) for p in {list(map(str, hidden))!r}]")
    assert inside == [False] * len(hidden)
    assert all(p.exists() for p in hidden)
    # The course's own folder shows only the way to the student's folder; the folder the
    # packages come from shows only them.
    listing = evaluate(
        kernel,
        f"import os\n[os.listdir({str(course)!r}), os.listdir({str(course / 'autograded')!r}), sorted(os.listdir({str(PACKAGES['solutions'].parent)!r}))]",
    )
    # (A virtual environment inside the course's clone is mounted too, as the packages'
    # neighbour.)
    neighbours = [*PACKAGES.values(), *python_dirs()]
    expected_packages = sorted(
        {path.name for path in neighbours if path.parent == PACKAGES["solutions"].parent}
    )
    assert listing == [["autograded"], ["me"], expected_packages]


def test_files_only_root_may_read_stay_unreadable(kernel):
    evaluate(kernel, ATTEMPT + "\nNone")
    assert evaluate(kernel, "attempt('read', '/etc/shadow')") == "PermissionError"
    if os.geteuid() == 0:
        assert Path("/etc/shadow").read_bytes()  # readable outside, by root


def test_tmp_and_home_are_writable_and_forgotten(kernel):
    name = f"sandbox-{uuid.uuid4().hex}.txt"
    written = evaluate(
        kernel,
        f"""
import os
paths = ["/tmp/{name}", os.path.expanduser("~/{name}")]
for path in paths:
    with open(path, "w") as f:
        f.write("scratch")
[open(path).read() for path in paths] + [os.path.expanduser("~")]
""",
    )
    assert written == ["scratch", "scratch", SANDBOX_HOME]
    assert not (Path("/tmp") / name).exists()
    assert not (Path.home() / name).exists()
    assert not Path(SANDBOX_HOME).exists()


def test_there_is_no_network(kernel):
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        outcome = evaluate(
            kernel,
            f"""
import socket
try:
    socket.create_connection(("127.0.0.1", {port}), timeout=5).close()
    outcome = "connected"
except OSError as error:
    outcome = type(error).__name__
outcome
""",
        )
        assert outcome != "connected"
        # From outside the sandbox the port answers.
        socket.create_connection(("127.0.0.1", port), timeout=5).close()


def test_memory_is_limited_and_an_oversized_array_fails_cleanly(kernel):
    result = evaluate(
        kernel,
        f"""
import resource
import numpy as np
try:
    np.empty({DEFAULT_MEMORY_LIMIT + 2**30}, dtype=np.uint8)
    outcome = "allocated"
except MemoryError:
    outcome = "MemoryError"
[outcome, resource.getrlimit(resource.RLIMIT_DATA)[0], float(np.ones(1000).sum())]
""",
    )
    assert result == ["MemoryError", DEFAULT_MEMORY_LIMIT, 1000.0]


def test_processes_are_limited_and_a_fork_bomb_stops_short(kernel):
    result = evaluate(
        kernel,
        f"""
import subprocess
children, refused = [], None
try:
    for _ in range({DEFAULT_PROCESS_LIMIT + 100}):
        children.append(subprocess.Popen(["sleep", "60"]))
except OSError as error:
    refused = type(error).__name__
finally:
    for child in children:
        child.kill()
        child.wait()
[len(children), refused]
""",
        timeout=120,
    )
    started, refused = result
    assert refused == "BlockingIOError"
    assert started < DEFAULT_PROCESS_LIMIT
    assert evaluate(kernel, "1 + 1") == 2


def notebook(*sources, kernel_name="ir"):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    # A kernel the student named in the metadata; the sandbox runs this Python anyway.
    nb.metadata["kernelspec"] = {"name": kernel_name, "display_name": "R", "language": "R"}
    return nb


def test_a_loop_is_interrupted_at_the_time_limit_and_the_kernel_goes_on(course):
    nb = notebook(
        "import sys\nanswer = 41\nprint(sys.executable)",
        "while True:\n    pass",
        "input('your name? ')",
        "print(answer + 1)",
    )
    client = NotebookClient(
        nb,
        kernel_manager_class=SandboxedKernelManager,
        timeout=3,
        interrupt_on_timeout=True,
        allow_errors=True,
        resources={"metadata": {"path": str(course / WORKDIR)}},
    )
    client.execute()
    first, loop, prompt, last = nb.cells
    assert first.outputs[0]["text"] == f"{sys.executable}\n"
    assert [o.get("ename") for o in loop.outputs] == ["KeyboardInterrupt"]
    assert [o.get("ename") for o in prompt.outputs] == ["StdinNotImplementedError"]
    assert last.outputs[0]["text"] == "42\n"


def test_a_kernel_that_exits_takes_only_its_sandbox_with_it(course, kernel):
    manager = SandboxedKernelManager()
    client = NotebookClient(
        notebook("import os\nos._exit(1)", "print('never')"),
        km=manager,
        timeout=30,
        allow_errors=True,
        resources={"metadata": {"path": str(course / WORKDIR)}},
    )
    with pytest.raises(DeadKernelError):
        client.execute()
    sandbox = manager.provisioner.process
    assert sandbox.wait(timeout=10) is not None
    runtime_dir = Path(manager.runtime_dir)
    run_sync(manager.cleanup_resources)()
    assert not runtime_dir.exists()
    # The other kernel, in its own sandbox, still answers.
    assert evaluate(kernel, "6 * 7") == 42


def test_a_kernel_needs_a_folder_the_sandbox_may_enter(tmp_path):
    with pytest.raises(ValueError, match="cwd"):
        run_sync(SandboxedKernelManager().start_kernel)()
    if os.geteuid() == 0:
        # Root's kernels run as nobody, who may not enter a folder made with umask 077.
        private = tmp_path / "private"
        private.mkdir(mode=0o700)
        with pytest.raises(SandboxUnavailable, match="umask 022"):
            run_sync(SandboxedKernelManager().start_kernel)(cwd=str(private))


def test_sandboxed_execute_uses_the_sandboxed_kernel_manager():
    assert SandboxedExecute().kernel_manager_class is SandboxedKernelManager


@pytest.fixture
def fresh_check():
    check_sandbox.cache_clear()
    yield
    check_sandbox.cache_clear()


def test_without_bwrap_the_check_says_how_to_install_it(fresh_check, monkeypatch, tmp_path):
    check_sandbox()  # here bwrap works
    check_sandbox.cache_clear()
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(SandboxUnavailable, match=INSTALL_HINT):
        check_sandbox()


def test_a_bwrap_that_cannot_make_a_sandbox_is_reported(fresh_check, monkeypatch, tmp_path):
    fake = tmp_path / "bwrap"
    fake.write_text("#!/bin/sh\necho 'bwrap: No permissions to create new namespace' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(SandboxUnavailable, match="No permissions to create new namespace") as error:
        check_sandbox()
    assert INSTALL_HINT in str(error.value)


# nbgrader's own pipeline on a one-exercise assignment: an honest and a hostile student.
ANSWER = "def answer():\n    ### BEGIN SOLUTION\n    return 42\n    ### END SOLUTION"
HIDDEN = "### BEGIN HIDDEN TESTS\nassert answer() * 2 == 84\n### END HIDDEN TESTS"
HOSTILE = """import os

try:
    with open("ps1.ipynb") as f:
        print("hidden tests seen" if "HIDDEN TESTS" in f.read() else "no hidden tests")
except OSError as error:
    print("notebook unreadable:", type(error).__name__)

for path in ["../../../gradebook.db", "../../../nbgrader_config.py",
             "../../../submitted/honest/ps1/ps1.ipynb", "../../../source/ps1/ps1.ipynb"]:
    try:
        with open(path, "a") as f:
            f.write("tampered")
    except OSError:
        pass


def answer():
    return 42"""


def cell(source, **nbgrader_metadata):
    meta = {"schema_version": 3, "locked": False, "solution": False, "grade": False}
    meta.update(nbgrader_metadata)
    return nbformat.v4.new_code_cell(source, metadata={"nbgrader": meta})


def make_course(root):
    """A course directory with the assignment released and two students' submissions."""
    # The sandbox alone: without the rebuilding step, whose screen would keep the hostile
    # answer below from running at all (tests/test_hostile_submissions.py grades both).
    config = (ROOT / "nbgrader_config.py").read_text() + (
        "\nc.Autograde.sanitize_preprocessors = "
        "[p for p in c.Autograde.sanitize_preprocessors if p is not RebuildFromSource]\n"
    )
    (root / "nbgrader_config.py").write_text(config)
    source = nbformat.v4.new_notebook(
        cells=[
            cell(ANSWER, solution=True, grade_id="answer"),
            cell(
                f"assert answer() == 42\n{HIDDEN}",
                grade=True,
                grade_id="test_answer",
                points=1,
                locked=True,
            ),
        ]
    )
    source.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    (root / "source" / "ps1").mkdir(parents=True)
    nbformat.write(source, root / "source" / "ps1" / "ps1.ipynb")
    nbgrader("generate_assignment", "ps1", cwd=root)
    released = nbformat.read(root / "release" / "ps1" / "ps1.ipynb", as_version=4)
    for student, answer in [("honest", ANSWER), ("hostile", HOSTILE)]:
        released.cells[0].source = answer
        (root / "submitted" / student / "ps1").mkdir(parents=True)
        nbformat.write(released, root / "submitted" / student / "ps1" / "ps1.ipynb")
    return root


def test_autograde_stops_before_anyone_when_no_sandbox_can_be_made(tmp_path, monkeypatch):
    course = make_course(tmp_path)
    fake = tmp_path / "bin" / "bwrap"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\necho 'bwrap: No permissions to create new namespace' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    result = nbgrader("autograde", "ps1", cwd=course, check=False)
    assert result.returncode != 0
    assert INSTALL_HINT in result.stdout + result.stderr
    assert not (course / "autograded").exists()
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for student in ("honest", "hostile"):
            with pytest.raises(MissingEntry):
                gb.find_submission("ps1", student)


def test_autograde_grades_through_the_sandbox_and_the_hostile_student_changes_nothing(tmp_path):
    course = make_course(tmp_path)
    protected = ["nbgrader_config.py", "submitted/honest/ps1/ps1.ipynb", "source/ps1/ps1.ipynb"]
    before = {name: (course / name).read_bytes() for name in protected}
    result = nbgrader("autograde", "ps1", cwd=course, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert {name: (course / name).read_bytes() for name in protected} == before
    assert not (course / "gradebook.db").read_bytes().endswith(b"tampered")
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        assert [gb.find_submission("ps1", s).score for s in ("honest", "hostile")] == [1, 1]
    # Nor could it read the hidden tests restored in the notebook being graded.
    workdir = course / "autograded" / "hostile" / "ps1"
    graded = nbformat.read(workdir / "ps1.ipynb", as_version=4)
    assert HIDDEN in graded.cells[1].source
    assert graded.cells[0].outputs[0]["text"] == "notebook unreadable: PermissionError\n"
    # The same code outside the sandbox reads them, and tampers with every one of those
    # files.
    outside = subprocess.run(
        [sys.executable, "-c", HOSTILE], cwd=workdir, check=True, capture_output=True, text=True
    )
    assert outside.stdout == "hidden tests seen\n"
    assert all((course / name).read_bytes().endswith(b"tampered") for name in protected)
