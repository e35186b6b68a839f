"""Start and stop a real JupyterLab server for the browser tests.

The server serves a *temporary copy* of the notebooks (running cells and autosave in the
browser write outputs into the files it serves), listens on loopback only, on a free port,
with a random token, and keeps its settings, workspaces and runtime files in its own temporary
folders so that nothing of the machine's own Jupyter set-up leaks in or gets written to.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

#: JupyterLab settings for the tests: every cell attached to the DOM (no windowing, so that
#: cells can be found and read wherever they are), no news or update pop-ups, no autosave.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LabServer:
    """A running JupyterLab server: its address, token, served folder and process."""

    base_url: str
    token: str
    root: Path
    process: subprocess.Popen
    log_path: Path

    def lab_url(self, path: str) -> str:
        """The address that opens ``path`` (relative to the served folder) in JupyterLab.

        Each call names a new, empty workspace: JupyterLab would otherwise restore the tabs
        of the previous test (and start their kernels).
        """
        workspace = f"test-{secrets.token_hex(6)}"
        return f"{self.base_url}/lab/workspaces/{workspace}/tree/{path}?token={self.token}"

    def url(self, path: str) -> str:
        """The address of ``path`` on the server (e.g. a Binder ``urlpath``), with the token."""
        return f"{self.base_url}/{path.lstrip('/')}?token={self.token}"

    def status(self, path: str, timeout: float = 10) -> int:
        """The HTTP status of ``GET path`` with the token (e.g. 404 for a disabled handler)."""
        request = urllib.request.Request(
            f"{self.base_url}/{path.lstrip('/')}", headers={"Authorization": f"token {self.token}"}
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def api(self, method: str, endpoint: str, timeout: float = 10) -> Any:
        """Call the server's REST API with the token; return the decoded JSON (or None)."""
        request = urllib.request.Request(
            f"{self.base_url}/api/{endpoint}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def lab_settings(self, plugin: str, timeout: float = 10) -> dict:
        """The settings JupyterLab applies for ``plugin`` (defaults, overrides and user's)."""
        request = urllib.request.Request(
            f"{self.base_url}/lab/api/settings/{plugin}",
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            answer = json.loads(response.read())
        # overrides.json changes the schema's defaults; the user's own settings come on top.
        defaults = {
            name: spec["default"]
            for name, spec in answer["schema"].get("properties", {}).items()
            if "default" in spec
        }
        return {**defaults, **answer["settings"]}

    def log(self) -> str:
        """The server's output so far (for failure messages)."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def shutdown_kernels(self) -> None:
        """Shut down every session and kernel (between tests: two cores are shared)."""
        for session in self.api("GET", "sessions"):
            self.api("DELETE", f"sessions/{session['id']}", timeout=30)
        for kernel in self.api("GET", "kernels"):
            self.api("DELETE", f"kernels/{kernel['id']}", timeout=30)

    def stop(self, grace: float = 20) -> None:
        """Shut the kernels down, terminate the server, kill it if it lingers; no orphans left.

        Kernels run in sessions of their own, so the server's descendants are listed before
        it goes, and any that outlive it are killed (they are processes this server started).
        """
        try:
            descendants = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            descendants = []
        if self.process.poll() is None:
            try:
                self.shutdown_kernels()
            except (OSError, urllib.error.URLError):
                pass  # the server is going anyway; its kernels are killed below
            self.process.terminate()
            try:
                self.process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=grace)
        gone, alive = psutil.wait_procs(descendants, timeout=5)
        for proc in alive:
            try:
                proc.send_signal(signal.SIGKILL)
            except psutil.NoSuchProcess:
                pass
        psutil.wait_procs(alive, timeout=5)


def write_settings(settings_dir: Path, settings: dict[str, dict] = LAB_SETTINGS) -> None:
    """Write JupyterLab user settings (``<plugin>.jupyterlab-settings`` files)."""
    for plugin, values in settings.items():
        path = settings_dir / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")


def copy_tree(sources: dict[str, Path], root: Path) -> None:
    """Copy each folder in ``sources`` to ``root/<name>`` (without checkpoints or caches)."""
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    for name, folder in sources.items():
        shutil.copytree(folder, root / name, ignore=ignore)


def start_lab(base: Path, sources: dict[str, Path], timeout: float = 120) -> LabServer:
    """Start JupyterLab serving a copy of ``sources`` under ``base/root``; wait until it answers.

    ``base`` is an empty temporary folder: the copy, the settings, the workspaces, the
    runtime files and the server's log all go in it.
    """
    root = base / "root"
    root.mkdir()
    copy_tree(sources, root)
    return serve_lab(base, root, timeout=timeout)


def serve_lab(
    base: Path,
    root: Path,
    python: Path | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 120,
    settings: dict[str, dict] = LAB_SETTINGS,
) -> LabServer:
    """Start ``python -m jupyterlab`` serving ``root`` as it is; wait until it answers.

    ``python`` is the interpreter of the environment to run (default: this one); its scripts
    go first on ``PATH``, as in an activated virtual environment, since kernels are started
    by name. The server starts in ``cwd`` (default: ``base``) with the environment ``env``
    (default: this process's); its settings, workspaces, runtime files and log go in
    ``base``, an empty temporary folder. ``settings`` are the user settings it starts with.
    """
    python = Path(python or sys.executable)
    base.mkdir(parents=True, exist_ok=True)
    settings_dir = base / "user-settings"
    write_settings(settings_dir, settings)
    port, token = free_port(), secrets.token_hex(24)
    env = dict(os.environ if env is None else env)
    env.update(
        JUPYTER_CONFIG_DIR=str(base / "config"),
        JUPYTER_RUNTIME_DIR=str(base / "runtime"),
        IPYTHONDIR=str(base / "ipython"),
        PATH=str(python.parent) + os.pathsep + env.get("PATH", ""),
    )
    command = [
        str(python),
        "-m",
        "jupyterlab",
        "--no-browser",
        "--allow-root",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.user_settings_dir={settings_dir}",
        f"--LabApp.workspaces_dir={base / 'workspaces'}",
        # `window.jupyterapp`: lets the tests read the notebook model (execution counts,
        # output types, nbgrader metadata), as JupyterLab's own Galata tests do.
        "--LabApp.expose_app_in_browser=True",
    ]
    log_path = base / "jupyterlab.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=cwd or base,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    server = LabServer(f"http://127.0.0.1:{port}", token, root, process, log_path)
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with {process.returncode}:\n{server.log()}")
        try:
            status = server.api("GET", "status", timeout=2)
            if "started" in status:
                return server
        except (OSError, urllib.error.URLError, ValueError):
            pass
        if time.monotonic() > deadline:
            server.stop()
            raise RuntimeError(f"JupyterLab did not answer within {timeout} s:\n{server.log()}")
        time.sleep(0.2)
