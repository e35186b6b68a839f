"""The README's command to take the course, run as written, opens the first notebook.

A fresh ``git clone`` of the committed ``HEAD`` runs the README's whole "take the course"
command line (a new virtual environment, the requirements, ``postBuild``, ``jupyter lab``) as
a learner would paste it; as root it gets what the README tells root to add. JupyterLab
"opens the browser" through ``$BROWSER``, here a script that writes down what it was asked to
open; Chromium then opens that, and the notebook's own text must be on the page (not
"Cannot open", which a server rooted in the wrong folder shows with an HTTP 200), with the
whole course, not only ``notebooks/``, at the top of the file browser.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.browser.binder import LEAKY
from tests.browser.conftest import SCREENSHOTS, VIEWPORT
from tests.browser.notebook_ui import save_screenshot
from tools.notebook_cells import ROOT

#: The README's one-line "take the course" command: from the venv to ``jupyter lab``.
COMMAND = re.compile(r"^python3 -m venv .+ && jupyter lab .+$", re.MULTILINE)
#: What JupyterLab's "open the browser" step asks for: a local page that redirects to the lab.
REDIRECT = re.compile(r'href="(http://[^"]+)"')
FIRST = "notebooks/01_logits.ipynb"


def readme_command(readme: str) -> str:
    """The command line as the README gives it, plus ``--allow-root`` when run as root."""
    found = COMMAND.search(readme)
    assert found, "README.md has no one-line command from `python3 -m venv` to `jupyter lab`"
    command = found.group(0)
    if os.geteuid() == 0:
        assert "`--allow-root`" in readme, "the README does not say what to do as root"
        command += " --allow-root"
    return command


def wait_for_browser_request(opened: Path, process: subprocess.Popen, log: Path) -> str:
    """The lab address JupyterLab asked the browser to open (fail if the command ends first)."""
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        if opened.exists():
            target = opened.read_text().split()[0]
            page = Path(target.removeprefix("file://"))
            # The redirect page lives while the server runs; it names the lab address.
            if page.exists() and (found := REDIRECT.search(page.read_text())):
                return found.group(1).replace("&amp;", "&")
            if target.startswith("http"):
                return target
        if process.poll() is not None:
            tail = "\n".join(log.read_text(errors="replace").splitlines()[-40:])
            raise AssertionError(f"the README's command ended ({process.returncode}):\n{tail}")
        time.sleep(1)
    raise AssertionError("JupyterLab never asked for a browser within 15 minutes")


@pytest.mark.timeout(1800)
def test_the_readme_command_opens_the_first_notebook(chromium, tmp_path):
    command = readme_command((ROOT / "README.md").read_text(encoding="utf-8"))
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    opened, log = tmp_path / "opened.txt", tmp_path / "command.log"
    recorder = tmp_path / "browser.sh"
    recorder.write_text(f'#!/bin/sh\necho "$1" > {shlex.quote(str(opened))}\n')
    recorder.chmod(0o755)
    home = tmp_path / "home"
    home.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in LEAKY and not key.startswith(("JUPYTER", "XDG_"))
    }
    env.update(HOME=str(home), BROWSER=f"{recorder} %s")
    context = chromium.new_context(viewport=VIEWPORT)
    page = context.new_page()
    with log.open("wb") as out:
        process = subprocess.Popen(
            ["bash", "-c", command],
            cwd=clone,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # the server and its kernels go with one signal
        )
    try:
        url = wait_for_browser_request(opened, process, log)
        assert f"/lab/tree/{FIRST}" in url, url
        page.goto(url)
        # The notebook's own title, rendered: the server found the file where the link says.
        title = page.locator(".jp-Notebook .jp-RenderedMarkdown h1").first
        title.wait_for(state="visible", timeout=120_000)
        assert "Logits" in title.inner_text()
        assert not page.get_by_text("Cannot open").count()
        # The file browser's top folder is the clone: the course, not only notebooks/.
        base, token = url.split("/lab/")[0], url.split("token=")[1]
        with urllib.request.urlopen(f"{base}/api/contents?token={token}", timeout=10) as reply:
            listed = {item["name"] for item in json.loads(reply.read())["content"]}
        assert {"notebooks", "README.md"} <= listed, sorted(listed)
    finally:
        try:
            save_screenshot(page, SCREENSHOTS / "readme-launch.png")
        finally:
            context.close()
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=30)
