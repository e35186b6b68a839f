"""Grading kernels that run inside a bubblewrap sandbox.

``nbgrader autograde`` runs every submission in a Jupyter kernel with the instructor's
permissions, in the course directory. Code in a submission can then rewrite the gradebook,
replace a classmate's notebook, edit the course's configuration or its installed packages,
or read the hidden tests and other students' work. Here the kernel runs in a bubblewrap
(``bwrap``) sandbox instead, where it sees only what grading needs:

- read-only: the system (``/usr``, ``/etc`` and the ``/bin``, ``/lib*`` links), the Python
  environment, the course's own packages (``autograder``, ``course_data``, ``solutions``,
  each folder alone, wherever they are installed) and the student's own autograded folder,
  which is the kernel's working directory (its notebooks, where nbgrader has restored the
  hidden tests, cannot be opened);
- writable, and gone when the kernel stops: fresh in-memory ``/tmp`` and home folders (the
  home holds ``IPYTHONDIR`` and ``MPLCONFIGDIR``, so no IPython startup file or matplotlib
  configuration from anywhere reaches the kernel);
- writable, private to the kernel: the folder holding its connection file and the sockets
  through which the grader talks to it.

Nothing else of the machine exists inside: not the course directory (gradebook, ``source``,
``release``, ``submitted``, other students' ``autograded`` folders, ``nbgrader_config.py``),
not the network (the kernel's messages go through Unix sockets), not the grader's
processes. The kernel has no capabilities, limits on its memory and number of processes,
and dies with the grader. Graded as root, bwrap builds the sandbox with root's rights and
the kernel then runs as the real user ``nobody``, so that files only root may read stay
unreadable even where they are mounted (``/etc/shadow``); graded as another user, bwrap
builds it in a user namespace, where the kernel is ``nobody`` too and may not make user
namespaces of its own.

:func:`sandbox_command` builds the command; :class:`SandboxedKernelManager` starts every
kernel through it; :func:`check_sandbox` proves, before anyone is graded, that a sandbox can
be made on this machine.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import pwd
import shutil
import site
import subprocess
import sys
import tempfile
from pathlib import Path

from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import AsyncKernelManager
from traitlets import Bool, Integer, Unicode, default, validate

COURSE_PACKAGES = ("autograder", "course_data", "solutions")
"""The course's own packages, the only code from the course a graded kernel may import."""

SANDBOX_HOME = "/home/sandbox"
"""The kernel's home folder inside the sandbox: empty, in memory, gone with the kernel."""

DEFAULT_MEMORY_LIMIT = 4 * 1024**3
"""Bytes of heap and anonymous memory a graded kernel may allocate (4 GiB)."""

DEFAULT_PROCESS_LIMIT = 512
"""Processes and threads that may run at once, the kernel's own and its BLAS threads
included: per sandbox, or, graded as root, for all sandboxes together (see
:func:`sandbox_command`)."""

INSTALL_HINT = "install bubblewrap: apt-get install bubblewrap"

# The system a Python kernel needs, mounted read-only.
SYSTEM_DIRS = ("/usr", "/etc")
SYSTEM_LINKS_OR_DIRS = ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")

# Variables passed on from the grader's environment when set: the locale and time zone, and
# the thread counts an instructor may set to share the machine between parallel kernels.
PASSED_ENVIRONMENT = (
    "LANG",
    "LC_ALL",
    "TZ",
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
)

# `sh` ignores SIGINT, then becomes bwrap. jupyter_client interrupts a kernel by sending
# SIGINT to the process group it started, and that group holds the two bwrap processes as
# well as the kernel: without this, bwrap would die of the signal and take the kernel with
# it. An ignored signal stays ignored across exec, so the kernel starts ignoring it too,
# which is what ipykernel wants: it ignores SIGINT while idle and turns it into
# KeyboardInterrupt while a cell runs.
IGNORE_SIGINT = ["/bin/sh", "-c", 'trap "" INT; exec "$@"', "sandbox"]


class SandboxUnavailable(RuntimeError):
    """Kernels cannot be sandboxed on this machine, so no submission may be graded."""


def sandbox_user() -> tuple[int, int] | None:
    """The user and group a grading kernel runs as on the machine, or None to keep ours.

    Root drops to ``nobody``: the kernel then has no more rights than any user on the
    machine (it cannot read root's private files under ``/etc``, say), and the limit on its
    processes applies (Linux exempts root from it, even in a user namespace). Any other
    user keeps its own identity, which is already unprivileged.

    Returns
    -------
    tuple of int, or None
        ``(uid, gid)`` of ``nobody`` when running as root, else None.
    """
    if os.geteuid() != 0:
        return None
    try:
        nobody = pwd.getpwnam("nobody")
        return nobody.pw_uid, nobody.pw_gid
    except KeyError:
        return 65534, 65534


def package_dirs(names=COURSE_PACKAGES) -> list[Path]:
    """The folders of the course's packages, as this interpreter imports them.

    Parameters
    ----------
    names : iterable of str
        Top-level package names.

    Returns
    -------
    list of pathlib.Path
        One folder per package: an editable install's source folder, a folder on
        ``PYTHONPATH`` or a folder in ``site-packages``, whichever ``import`` would use.

    Raises
    ------
    SandboxUnavailable
        If a package cannot be imported here: the hidden tests would fail for everyone.
    """
    found = []
    for name in names:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            raise SandboxUnavailable(
                f"the package {name!r} is not installed in the grading environment "
                f"({sys.executable}): the graded notebooks import it"
            )
        found.append(Path(list(spec.submodule_search_locations)[0]).resolve())
    return found


def python_dirs() -> list[Path]:
    """The folders of this Python environment: the virtual environment and its base.

    Returns
    -------
    list of pathlib.Path
        ``sys.prefix``, ``sys.exec_prefix`` and their bases, each also as its real path
        when a symbolic link leads to it (a virtual environment's interpreter is a link to
        the base one), without repeats.
    """
    dirs = []
    for prefix in (sys.prefix, sys.exec_prefix, sys.base_prefix, sys.base_exec_prefix):
        for path in (Path(prefix).absolute(), Path(prefix).resolve()):
            if path not in dirs:
                dirs.append(path)
    return dirs


class _Mounts:
    """bwrap's mount arguments, in order, each with the folders that lead to it.

    bwrap creates the missing folders on the way to a mount point readable by their owner
    alone, which would lock ``nobody`` out of, say, ``/root/.pyenv/...``; each is made here
    first, empty and readable by all. A mount inside a writable tmpfs (a workdir under
    ``/tmp``) gets its way there in a tmpfs of its own, made read-only by :meth:`seal`: in a
    user namespace the sandbox would own those folders and could fill them.
    """

    def __init__(self):
        self.args: list[str] = []
        self.bound: list[Path] = []  # trees mounted from the machine at their own path
        self.made: set[Path] = {Path("/")}
        self.writable: list[Path] = []  # tmpfs the kernel may write to
        self.sealed: list[Path] = []  # tmpfs holding only the way to mounts

    def _parents(self, path: Path):
        for root in self.writable:
            if root in path.parents:
                way = root / path.relative_to(root).parts[0]
                if way != path and way not in self.made:
                    self.args += ["--perms", "0755", "--tmpfs", str(way)]
                    self.made.add(way)
                    self.sealed.append(way)
        for parent in reversed(path.parents):
            if parent not in self.made and not self.covers(parent):
                self.args += ["--perms", "0755", "--dir", str(parent)]
                self.made.add(parent)

    def covers(self, path: Path) -> bool:
        """Whether ``path`` lies in a tree already mounted from the machine."""
        return any(path == tree or tree in path.parents for tree in self.bound)

    def add(self, option: str, path, *, perms: str | None = None):
        path = Path(path)
        self._parents(path)
        if option == "--tmpfs":
            self.args += ["--perms", perms, "--tmpfs", str(path)]
            self.writable.append(path)
        elif option in ("--dev", "--proc"):
            self.args += [option, str(path)]
        else:
            self.args += [option, str(path), str(path)]
            self.bound.append(path)
        self.made.add(path)

    def seal(self):
        """Make the sandbox's root, and the ways to mounts in a writable tmpfs, read-only."""
        for path in [*self.sealed, Path("/")]:
            self.args += ["--remount-ro", str(path)]


def sandbox_command(
    kernel_cmd,
    *,
    workdir,
    connection_file,
    runtime_dir=None,
    share_network: bool = False,
    memory_limit: int = DEFAULT_MEMORY_LIMIT,
    process_limit: int = DEFAULT_PROCESS_LIMIT,
    packages=COURSE_PACKAGES,
) -> list[str]:
    """The command that runs ``kernel_cmd`` in a bubblewrap sandbox.

    Parameters
    ----------
    kernel_cmd : list of str
        The kernel's own command, e.g. ``[python, "-m", "ipykernel_launcher", "-f", file]``.
    workdir : path-like
        The student's autograded folder: the kernel's working directory, read-only, its
        notebooks unreadable. When grading as root, ``nobody`` must be allowed to enter it
        (umask 022 does).
    connection_file : path-like
        The kernel's connection file (ports or socket paths and the message key),
        read-only unless it lies in ``runtime_dir``.
    runtime_dir : path-like, optional
        A folder private to this kernel, writable in the sandbox: with the ``ipc``
        transport the kernel creates its sockets there. It must hold nothing else.
    share_network : bool
        Keep the machine's network, which the ``tcp`` transport needs. By default the
        sandbox has no network at all.
    memory_limit : int
        Bytes of heap and anonymous memory each process may allocate (``RLIMIT_DATA``):
        NumPy's arrays count, shared libraries and reserved address space do not.
    process_limit : int
        Processes and threads that may run at once (``RLIMIT_NPROC``): those of the
        sandbox, or, when grading as root, those of the user ``nobody`` (all the kernels
        graded at the same time together).
    packages : iterable of str
        The course's packages to make importable, found with :func:`package_dirs`.

    Returns
    -------
    list of str
        The command, to run in a new session (jupyter_client's kernel launcher does).

    Raises
    ------
    SandboxUnavailable
        If ``bwrap`` is not installed, or a course package cannot be found.
    """
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        raise SandboxUnavailable(f"bubblewrap (bwrap) is not on PATH; {INSTALL_HINT}")
    workdir = Path(workdir).absolute()
    connection_file = Path(connection_file).absolute()
    course_dirs = package_dirs(packages)
    user = sandbox_user()

    # Each package folder is mounted at its own path and its parent goes on PYTHONPATH, so
    # that `import solutions` works inside although the learner's environment does not
    # install it. The parent shows nothing else: only the package folders are mounted in
    # it. A package in site-packages needs no entry (and must not put site-packages before
    # the standard library).
    site_dirs = {Path(p).resolve() for p in site.getsitepackages()}
    pythonpath = []
    for folder in course_dirs:
        if folder.parent not in site_dirs and str(folder.parent) not in pythonpath:
            pythonpath.append(str(folder.parent))

    # The environment is built from nothing (--clearenv): the grader's variables may hold
    # tokens.
    environment = {
        # The kernel's parent is the sandbox's init, PID 1 of its namespace, which dies with
        # the grader (--die-with-parent). Saying so keeps ipykernel from watching the
        # grader's PID, which means nothing in there, and from printing its console notes.
        "JPY_PARENT_PID": "1",
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/local/bin:/usr/bin:/bin"]),
        "HOME": SANDBOX_HOME,
        "IPYTHONDIR": f"{SANDBOX_HOME}/.ipython",
        "MPLCONFIGDIR": f"{SANDBOX_HOME}/.config/matplotlib",
        "TMPDIR": "/tmp",
        "LANG": "C.UTF-8",
        "PYTHONPATH": os.pathsep.join(pythonpath),
        # The working directory stays off sys.path (Python and IPython both honour this):
        # a module a student submits beside the notebook, say numpy.py, cannot stand in
        # for the real one that the checks use.
        "PYTHONSAFEPATH": "1",
        "PYTHONNOUSERSITE": "1",
    }
    environment.update(
        {name: os.environ[name] for name in PASSED_ENVIRONMENT if name in os.environ}
    )

    args = [bwrap]
    if user is None:
        args += [
            # New user, mount, PID, IPC, UTS, cgroup and network namespaces: the kernel sees
            # its own processes only, and no network interface but an unconfigured loopback.
            "--unshare-all",
            *(["--share-net"] if share_network else []),
            # Inside, the kernel is `nobody` with no capabilities, and may not make user
            # namespaces of its own (the usual first step of a kernel exploit).
            "--unshare-user",
            "--uid",
            "65534",
            "--gid",
            "65534",
            "--disable-userns",
        ]
    else:
        args += [
            # As root, the same namespaces but the user's: in a user namespace bwrap maps
            # the sandbox's user to root, which keeps root's access to every file it can
            # see (/etc/shadow) and its exemption from the process limit. The kernel becomes
            # the real user `nobody` instead (setpriv, below), for which bwrap keeps just the
            # right to change user. The price: without a user namespace of its own, the
            # sandbox cannot forbid the kernel to make one.
            "--unshare-ipc",
            "--unshare-pid",
            "--unshare-uts",
            "--unshare-cgroup-try",
            *([] if share_network else ["--unshare-net"]),
            "--cap-add",
            "CAP_SETUID",
            "--cap-add",
            "CAP_SETGID",
        ]
    args += [
        # The sandbox is killed when the grader dies, so no kernel outlives a crash.
        "--die-with-parent",
        "--hostname",
        "sandbox",
        # No --new-session: jupyter_client interrupts a kernel by signalling the process
        # group it started, which a new session would leave. The terminal-injection attack
        # that --new-session prevents (TIOCSTI) needs a controlling terminal, and the kernel
        # has none: jupyter_client starts it in a new session already.
        "--clearenv",
    ]
    for name, value in environment.items():
        args += ["--setenv", name, value]

    mounts = _Mounts()
    # Empty, writable, in memory: what the kernel writes there is gone when it stops. They
    # come first, so that folders mounted below them (a workdir or a runtime folder under
    # /tmp) stay visible.
    mounts.add("--tmpfs", "/tmp", perms="1777")
    mounts.add("--tmpfs", SANDBOX_HOME, perms="0777")
    # A minimal /dev (null, zero, full, random, urandom, tty), a writable /dev/shm for
    # shared memory, and the /proc of the sandbox's PID namespace.
    mounts.add("--dev", "/dev")
    mounts.add("--tmpfs", "/dev/shm", perms="1777")
    mounts.add("--proc", "/proc")
    # The system, read-only. On a merged-/usr system /bin, /sbin and /lib* are links into
    # /usr and are made again as the same links; elsewhere they are folders.
    for path in SYSTEM_DIRS:
        mounts.add("--ro-bind", path)
    for path in SYSTEM_LINKS_OR_DIRS:
        if os.path.islink(path):
            mounts.args += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            mounts.add("--ro-bind", path)
    # The interpreter, the standard library and site-packages; then the course's packages,
    # unless already inside a mounted tree (a non-editable install in site-packages).
    for path in [*python_dirs(), *course_dirs]:
        if not mounts.covers(path):
            mounts.add("--ro-bind", path)
    # The student's own folder, read-only: the files shipped with the assignment are
    # readable, and nothing the kernel does there persists. Its notebooks cannot be opened
    # (each is covered by /dev/null, which a bind mount opens no device through): the
    # kernel gets its cells from the grader, and the notebook being graded holds the
    # hidden tests, which nbgrader restores before running it.
    mounts.add("--ro-bind", workdir)
    for notebook in sorted(workdir.rglob("*.ipynb")):
        if notebook.is_file() and not notebook.is_symlink():
            mounts.args += ["--ro-bind", "/dev/null", str(notebook)]
    # The kernel's private runtime folder, writable for its sockets; else the connection
    # file alone, read-only.
    if runtime_dir is not None:
        mounts.add("--bind", Path(runtime_dir).absolute())
    if not mounts.covers(connection_file):
        mounts.add("--ro-bind", connection_file)
    # Last, the sandbox's own root folder becomes read-only too, with the folders made on
    # the way to the mounts: what stays writable is /tmp, the home, /dev/shm and the
    # runtime folder.
    mounts.seal()
    args += [*mounts.args, "--chdir", str(workdir)]

    # The limits are set inside the sandbox. In a user namespace the process count is then
    # the sandbox's own; as `nobody` (graded as root) it counts every process of `nobody`,
    # all sandboxes together, which still stops a fork bomb short of the machine's limit.
    limits = [
        shutil.which("prlimit") or "/usr/bin/prlimit",
        f"--data={memory_limit}",
        f"--nproc={process_limit}",
        # No core files: a crashing kernel has nowhere to write one anyway.
        "--core=0",
        "--",
    ]
    if user is not None:
        # Root becomes `nobody` once the sandbox is built; changing user drops the two
        # capabilities bwrap kept.
        uid, gid = user
        limits = [
            shutil.which("setpriv") or "/usr/bin/setpriv",
            f"--reuid={uid}",
            f"--regid={gid}",
            "--clear-groups",
            "--inh-caps=-all",
            "--",
            *limits,
        ]
    return [*IGNORE_SIGINT, *args, "--", *limits, *map(str, kernel_cmd)]


def _give_to_sandbox(path: Path) -> None:
    """Let the sandbox's user own ``path``, when the sandbox drops to another user."""
    user = sandbox_user()
    if user is not None:
        os.chown(path, *user)


@functools.cache
def check_sandbox() -> None:
    """Prove that a grading kernel can run in a sandbox here, before anyone is graded.

    Runs this Python in a sandbox built exactly as a kernel's is and imports ipykernel and
    the course's packages there. Succeeds once per process; a failure is not remembered, so
    that installing bubblewrap is enough to try again.

    Raises
    ------
    SandboxUnavailable
        If ``bwrap`` is missing, cannot create the sandbox, or the sandbox lacks a package.
    """
    with tempfile.TemporaryDirectory(prefix="sandbox-check-") as scratch:
        workdir = Path(scratch) / "work"
        runtime_dir = Path(scratch) / "runtime"
        workdir.mkdir(mode=0o755)
        runtime_dir.mkdir(mode=0o700)
        connection_file = runtime_dir / "kernel.json"
        connection_file.write_text("{}")
        for path in (runtime_dir, connection_file):
            _give_to_sandbox(path)
        imports = ", ".join(["ipykernel", *COURSE_PACKAGES])
        command = sandbox_command(
            [sys.executable, "-c", f"import {imports}"],
            workdir=workdir,
            connection_file=connection_file,
            runtime_dir=runtime_dir,
        )
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=120, start_new_session=True
            )
        except FileNotFoundError as error:
            raise SandboxUnavailable(f"{error}; {INSTALL_HINT}") from error
    if result.returncode != 0:
        raise SandboxUnavailable(
            "bubblewrap cannot create a sandbox for grading kernels on this machine "
            f"(exit status {result.returncode}): {result.stderr.strip()}\n"
            f"{INSTALL_HINT}. Graded by a user other than root, bwrap also needs user "
            "namespaces (kernel.unprivileged_userns_clone=1 on older Debian kernels, "
            "bwrap's AppArmor profile on Ubuntu 24.04)"
        )


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels all run in the sandbox of :func:`sandbox_command`.

    Whatever kernel a notebook's metadata names (a student can edit it), the kernel is this
    Python's ipykernel. Each kernel gets a private folder for its connection file and, with
    the default ``ipc`` transport, its sockets, so that the sandbox needs no network; the
    folder is removed when the kernel is cleaned up. The kernel's working directory (the
    ``cwd`` argument of :meth:`start_kernel`, which nbclient sets to the notebook's
    folder) is the only folder of the course it can read.
    """

    share_network = Bool(
        False,
        config=True,
        help="Keep the network in the sandbox (needed with transport='tcp').",
    )
    memory_limit = Integer(
        DEFAULT_MEMORY_LIMIT,
        config=True,
        help="Bytes of heap and anonymous memory a kernel may allocate.",
    )
    process_limit = Integer(
        DEFAULT_PROCESS_LIMIT,
        config=True,
        help="Processes and threads a kernel's sandbox may run at once.",
    )
    runtime_dir = Unicode("", help="The kernel's private folder (connection file and sockets).")

    @default("transport")
    def _default_transport(self):
        # Unix sockets in the private folder reach into a sandbox without a network.
        return "ipc"

    @validate("kernel_name")
    def _always_python(self, proposal):
        # The notebook's kernelspec is the student's to edit: it never chooses the kernel.
        # "python3" also tells nbclient that this is ipykernel (in-memory history).
        return "python3"

    @property
    def kernel_spec(self) -> KernelSpec:
        """This Python's ipykernel, interrupted by SIGINT, with no extra environment."""
        return KernelSpec(
            argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            display_name="Python 3 (sandboxed)",
            language="python",
            interrupt_mode="signal",
            env={},
            metadata={},
        )

    async def _async_pre_start_kernel(self, **kw):
        if "cwd" not in kw:
            raise ValueError("a sandboxed kernel needs cwd=<folder>: the one folder it may read")
        user = sandbox_user()
        if user is not None and not os.stat(kw["cwd"]).st_mode & 0o001:
            raise SandboxUnavailable(
                f"the sandboxed kernel runs as uid {user[0]}, which may not enter "
                f"{kw['cwd']}: grade with a umask that lets others in (umask 022)"
            )
        if not self.runtime_dir:
            self.runtime_dir = tempfile.mkdtemp(prefix="kernel-sandbox-")
            _give_to_sandbox(Path(self.runtime_dir))
            self.connection_file = os.path.join(self.runtime_dir, "kernel.json")
            if self.transport == "ipc":
                self.ip = os.path.join(self.runtime_dir, "kernel")
        return await super()._async_pre_start_kernel(**kw)

    def write_connection_file(self, **kwargs) -> None:
        """Write the connection file, owned by the user the kernel runs as."""
        super().write_connection_file(**kwargs)
        # jupyter_client makes it readable by its writer alone.
        _give_to_sandbox(Path(self.connection_file))

    def format_kernel_cmd(self, extra_arguments=None) -> list[str]:
        """The kernel's command (this Python's ipykernel) inside :func:`sandbox_command`."""
        kernel_cmd = super().format_kernel_cmd(extra_arguments=extra_arguments)
        return sandbox_command(
            kernel_cmd,
            workdir=self._launch_args["cwd"],
            connection_file=self.connection_file,
            runtime_dir=self.runtime_dir,
            share_network=self.share_network or self.transport == "tcp",
            memory_limit=self.memory_limit,
            process_limit=self.process_limit,
        )

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        """Clean up as jupyter_client does, then remove the kernel's private folder."""
        await super()._async_cleanup_resources(restart=restart)
        if not restart and self.runtime_dir:
            shutil.rmtree(self.runtime_dir, ignore_errors=True)
            self.runtime_dir = ""

    # AsyncKernelManager binds its public name to the base class's function itself.
    cleanup_resources = _async_cleanup_resources
