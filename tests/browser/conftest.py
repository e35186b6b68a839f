"""Fixtures of the browser tests: a JupyterLab server, a headless Chromium, a page per test.

- ``lab_server`` (session): a real JupyterLab on 127.0.0.1 serving a temporary copy of
  ``notebooks/`` and ``source/`` (never the repository itself), stopped at the end.
- ``chromium`` (session): Playwright's Chromium driving the system's Chromium
  (``/usr/bin/chromium``, or ``$BROWSER_TESTS_CHROMIUM``); Playwright never downloads one.
  Without a browser (or without Playwright) the browser tests are skipped, unless
  ``BROWSER_TESTS_REQUIRED=1``, which turns that into a failure (for CI).
- ``lab`` (per test): a fresh browser context and page; at the end of the test, passed or
  failed, a full-page screenshot goes to ``artifacts/screenshots/<notebook>.png`` (and one
  per widget to ``<notebook>-widget-<n>.png``), then the test's kernels are shut down.
"""

from __future__ import annotations

import os
import re
import shutil
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser.lab_server import LabServer, start_lab
from tests.browser.notebook_ui import open_notebook, save_screenshot, save_widget_screenshots
from tools.notebook_cells import ROOT, SOURCE, STUDENT

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
    "--no-first-run",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}


def _unavailable(reason: str):
    if os.environ.get("BROWSER_TESTS_REQUIRED") == "1":
        pytest.fail(f"browser tests required, but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory) -> LabServer:
    server = start_lab(
        tmp_path_factory.mktemp("jupyterlab"), {"notebooks": STUDENT, "source": SOURCE}
    )
    yield server
    server.stop()


@pytest.fixture(scope="session")
def chromium() -> Browser:
    executable = os.environ.get("BROWSER_TESTS_CHROMIUM", "/usr/bin/chromium")
    if not shutil.which(executable):
        _unavailable(f"no Chromium at {executable} (set BROWSER_TESTS_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed (pip install -r requirements-dev.txt)")
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path=executable, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()
    playwright.stop()


def screenshot_stem(path: str) -> str:
    """``notebooks/01_logits.ipynb`` -> ``notebooks-01_logits``;
    ``source/01_logits/01_logits.ipynb`` -> ``source-01_logits``."""
    parts = list(Path(path).with_suffix("").parts)
    kept = [part for i, part in enumerate(parts) if i == 0 or part != parts[i - 1]]
    return "-".join(kept)


@dataclass
class Lab:
    """A browser page on the test server; remembers which notebook it shows."""

    page: Page
    server: LabServer
    name: str

    def open(self, path: str) -> None:
        """Open a notebook (a path relative to the served folder) and wait for its kernel."""
        self.name = screenshot_stem(path)
        open_notebook(self.page, self.server.lab_url(path), path)


@pytest.fixture
def lab(chromium, lab_server, request) -> Lab:
    context = chromium.new_context(viewport=VIEWPORT)
    context.set_default_timeout(60_000)
    page = context.new_page()
    session = Lab(page, lab_server, name=re.sub(r"[^\w.-]+", "_", request.node.name))
    yield session
    try:
        for old in SCREENSHOTS.glob(f"{session.name}-widget-*.png"):
            old.unlink()
        save_widget_screenshots(page, SCREENSHOTS / session.name)
        save_screenshot(page, SCREENSHOTS / f"{session.name}.png")
    except Exception as error:  # a missing picture must not hide the test's own result
        warnings.warn(f"no screenshot of {session.name}: {error}", stacklevel=1)
    finally:
        context.close()
        lab_server.shutdown_kernels()
