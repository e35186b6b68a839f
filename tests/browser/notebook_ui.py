"""Drive a notebook in JupyterLab and check its widgets: reusable helpers for the browser tests.

Everything waits on a condition of the page (the notebook model, the DOM), with a generous
timeout and a short polling interval; nothing sleeps for a fixed time to "let things settle".
Every check raises ``AssertionError`` with a message that says what is wrong and where.

The notebook model is read through ``window.jupyterapp`` (the server runs with
``--LabApp.expose_app_in_browser``): execution counts, output types and nbgrader metadata
are facts of the model, while what the learner sees (widgets, error texts) is read from the
DOM.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PIL import Image

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

#: Texts that ipywidgets' JupyterLab manager and JupyterLab show instead of a working widget.
LOADING_TEXT = "Loading widget..."
WIDGET_ERROR_TEXTS = (
    "Error displaying widget",
    "Error rendering",
    "Failed to create view",
    "Failed to load model",
)
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
NOT_IMPLEMENTED = "[mistake: not-implemented]"
#: What the learner reads instead (the display leaves the tag out and wraps the message).
NOT_IMPLEMENTED_SHOWN = "is not implemented yet"


def shows_not_implemented(error_text: str) -> bool:
    """Whether a failure shown to the learner says the exercise is not written yet."""
    return NOT_IMPLEMENTED_SHOWN in " ".join(error_text.split())


#: The notebook panel showing a given path (JavaScript, for ``page.evaluate``).
_PANEL_JS = """
const panelOf = (path) => {
  const app = window.jupyterapp;
  if (!app || !app.shell) return null;
  for (const widget of app.shell.widgets('main')) {
    if (widget.content && widget.content.model && widget.context && widget.context.path === path)
      return widget;
  }
  return null;
};
"""

#: What the notebook is doing: kernel status and, per cell, its execution state and outputs.
_STATE_JS = (
    "(path) => {"
    + _PANEL_JS
    + """
  const panel = panelOf(path);
  if (!panel || !panel.context.isReady) return null;
  const session = panel.sessionContext.session;
  const kernel = session && session.kernel;
  const cells = [];
  for (const cell of panel.content.model.cells) {
    const outputs = [];
    if (cell.type === 'code') {
      for (let i = 0; i < cell.outputs.length; i++) outputs.push(cell.outputs.get(i).toJSON());
    }
    cells.push({
      type: cell.type,
      executionCount: cell.type === 'code' ? cell.executionCount : null,
      running: cell.type === 'code' && cell.executionState === 'running',
      nbgrader: cell.getMetadata('nbgrader') || {},
      outputs,
    });
  }
  return {
    kernel: kernel ? kernel.status : 'none',
    connection: kernel ? kernel.connectionStatus : 'none',
    activeCellIndex: panel.content.activeCellIndex,
    cells,
  };
}"""
)

#: Only what the waits need (cheap to poll): kernel status, execution counts, running cells.
_PROGRESS_JS = (
    "(path) => {"
    + _PANEL_JS
    + """
  const panel = panelOf(path);
  if (!panel || !panel.context.isReady) return null;
  const session = panel.sessionContext.session;
  const kernel = session && session.kernel;
  const cells = [];
  for (const cell of panel.content.model.cells) {
    cells.push({
      type: cell.type,
      executionCount: cell.type === 'code' ? cell.executionCount : null,
      running: cell.type === 'code' && cell.executionState === 'running',
    });
  }
  return {
    kernel: kernel ? kernel.status : 'none',
    connection: kernel ? kernel.connectionStatus : 'none',
    activeCellIndex: panel.content.activeCellIndex,
    cells,
  };
}"""
)

#: A fingerprint of what a widget shows, leaving out its controls (a slider's readout changes
#: with the slider, which says nothing about the widget's output): the text, and a hash of
#: every image's bytes (blob: and data: URLs alike), canvas and SVG.
_SNAPSHOT_JS = """
async (area) => {
  const CONTROLS = [
    '.widget-slider', '.widget-readout', '.widget-checkbox', '.widget-toggle-button',
    '.widget-toggle-buttons', '.widget-dropdown', '.widget-radio', '.widget-radio-box',
    '.widget-text', '.widget-textarea', '.widget-button', 'input', 'select', 'button', 'textarea',
  ].join(', ');
  const hash = (bytes) => {  // FNV-1a, 32 bits, plus the length
    let h = 0x811c9dc5;
    for (let i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 0x01000193); }
    return (h >>> 0).toString(16) + ':' + bytes.length;
  };
  const encode = (text) => new TextEncoder().encode(text);
  const clone = area.cloneNode(true);
  clone.querySelectorAll(CONTROLS).forEach((e) => e.remove());
  const text = (clone.textContent || '').replace(/\\s+/g, ' ').trim();
  const images = [];
  for (const img of clone.querySelectorAll('img')) {
    const src = img.getAttribute('src') || '';
    try {
      const response = await fetch(src);
      images.push(hash(new Uint8Array(await response.arrayBuffer())));
    } catch (e) {
      images.push('src:' + hash(encode(src)));  // e.g. a revoked blob: URL
    }
  }
  for (const canvas of area.querySelectorAll('canvas')) images.push(hash(encode(canvas.toDataURL())));
  for (const svg of clone.querySelectorAll('svg')) images.push(hash(encode(svg.outerHTML)));
  return {text, images};
}
"""

#: Per cell: the text of its outputs (not its source code), how many outputs hold a rendered
#: widget view, how many hold an error widget.
_OUTPUTS_SHOWN_JS = """
([notebook, view, error]) => Array.from(document.querySelectorAll(notebook + ' .jp-Cell'))
  .map((cell) => ({
    text: Array.from(cell.querySelectorAll('.jp-OutputArea')).map((a) => a.textContent).join(' '),
    views: cell.querySelectorAll(view).length,
    errorWidgets: cell.querySelectorAll(error).length,
  }))
"""

NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook"
SCROLLER = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer"
ERROR_WIDGET = ".jupyter-widgets-error-widget"
#: An output holding a rendered widget view, not an error widget in its place.
WIDGET_VIEW = f".jp-OutputArea-output:has(.lm-Widget.jupyter-widgets):not(:has({ERROR_WIDGET}))"


@dataclass
class Snapshot:
    """What a widget's output area shows: its text (controls left out) and image hashes."""

    text: str
    images: list[str] = field(default_factory=list)

    def changes_from(self, before: Snapshot) -> list[str]:
        """What differs from ``before``: ``"text"`` and/or ``"image"``."""
        changed = []
        if self.text != before.text:
            changed.append("text")
        if self.images != before.images:
            changed.append("image")
        return changed


def wait_for(
    condition: Callable[[], Any], timeout: float, message: Callable[[], str] | str, every=0.2
) -> Any:
    """Poll ``condition`` until it returns something truthy (and return that), or fail.

    On timeout raise ``AssertionError`` with ``message`` (a string or a function giving one,
    evaluated then, so that it can describe the state the page was left in).
    """
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(message() if callable(message) else message)
        time.sleep(every)


# --------------------------------------------------------------------------------------------
# Opening and running a notebook


def notebook_state(page: Page, path: str) -> dict | None:
    """The kernel status and every cell's type, execution count, state, metadata and outputs."""
    return page.evaluate(_STATE_JS, path)


def notebook_progress(page: Page, path: str) -> dict | None:
    """Like :func:`notebook_state`, without metadata and outputs (for polling)."""
    return page.evaluate(_PROGRESS_JS, path)


def open_notebook(page: Page, lab_url: str, path: str, timeout: float = 90) -> None:
    """Open ``path`` in JupyterLab and wait until its kernel is connected and idle."""
    page.goto(lab_url)

    def ready():
        state = notebook_progress(page, path)
        return state and state["connection"] == "connected" and state["kernel"] == "idle"

    wait_for(
        ready, timeout, lambda: f"{path}: no idle kernel: {_short(notebook_progress(page, path))}"
    )
    page.locator(NOTEBOOK).wait_for(state="visible", timeout=timeout * 1000)
    # The same layout for every notebook: the file browser closed, the notebook full width.
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")


def run_menu(page: Page, item: str) -> None:
    """Choose ``Run`` → ``item`` in JupyterLab's menu bar."""
    page.locator(".lm-MenuBar-itemLabel").filter(has_text=_exact("Run")).click()
    entry = page.locator(".lm-Menu-item:not(.lm-mod-disabled) .lm-Menu-itemLabel")
    entry.filter(has_text=_exact(item)).click()


def _exact(text: str) -> re.Pattern:
    return re.compile(rf"^\s*{re.escape(text)}\s*$")


def wait_until_idle(page: Page, path: str, ran: int, timeout: float) -> dict:
    """Wait until code cell ``ran`` has run, no cell is running and the kernel is idle.

    The condition must hold on two polls in a row: the kernel turns idle for a moment
    between two cells, and a cell that has been queued may not be marked running yet.
    """
    stable = 0

    def settled():
        nonlocal stable
        state = notebook_progress(page, path)
        done = (
            state is not None
            and state["kernel"] == "idle"
            and not any(cell["running"] for cell in state["cells"])
            and state["cells"][ran]["executionCount"] is not None
        )
        stable = stable + 1 if done else 0
        return state if stable >= 2 else None

    def still_running() -> str:
        return (
            f"{path}: still running after {timeout:.0f} s: {_short(notebook_progress(page, path))}"
        )

    return wait_for(settled, timeout, still_running, every=0.15)


def run_all_cells(page: Page, path: str, timeout: float = 180) -> dict:
    """Run → Run All Cells, and go on below every cell that stopped the run with an error.

    JupyterLab stops a run at the first cell that raises (a student notebook's first check
    says the exercise is not written yet); the next cell is then selected and run with
    Run → Run Selected Cell and All Below, until every code cell has an execution count.
    Returns the final :func:`notebook_state` (with outputs and metadata).
    """
    deadline = time.monotonic() + timeout
    state = notebook_progress(page, path)
    code = [i for i, cell in enumerate(state["cells"]) if cell["type"] == "code"]
    assert code, f"{path} has no code cell"
    run_menu(page, "Run All Cells")
    state = wait_until_idle(page, path, code[0], deadline - time.monotonic())
    while True:
        pending = [i for i in code if state["cells"][i]["executionCount"] is None]
        if not pending:
            return notebook_state(page, path)
        index = pending[0]
        select_cell(page, path, index)
        run_menu(page, "Run Selected Cell and All Below")
        state = wait_until_idle(page, path, index, max(deadline - time.monotonic(), 1))


def cell_on_page(page: Page, index: int) -> Locator:
    """Cell ``index`` of the notebook on the page (the same index as in the file)."""
    return page.locator(f"{NOTEBOOK} .jp-Cell").nth(index)


def select_cell(page: Page, path: str, index: int, timeout: float = 15) -> None:
    """Select cell ``index`` by clicking its prompt, as a learner would."""
    target = cell_on_page(page, index)
    target.scroll_into_view_if_needed()
    target.locator(".jp-InputPrompt").first.click()
    wait_for(
        lambda: notebook_progress(page, path)["activeCellIndex"] == index,
        timeout,
        f"{path}: could not select cell {index}",
    )


def _short(state: dict | None) -> str:
    """A one-line summary of a notebook state, for messages."""
    if state is None:
        return "notebook not loaded"
    counts = [c["executionCount"] for c in state["cells"] if c["type"] == "code"]
    running = [i for i, c in enumerate(state["cells"]) if c["running"]]
    return f"kernel {state['kernel']}, execution counts {counts}, running cells {running}"


# --------------------------------------------------------------------------------------------
# Checks on the executed notebook


def assert_every_code_cell_ran(state: dict, path: str) -> None:
    """Every code cell has an execution count."""
    missing = [
        i
        for i, c in enumerate(state["cells"])
        if c["type"] == "code" and c["executionCount"] is None
    ]
    assert not missing, f"{path}: code cells {missing} have no execution count (did not run)"


def error_outputs(state: dict) -> list[tuple[int, dict, dict]]:
    """Every error output as (cell index, the cell's nbgrader metadata, the output)."""
    return [
        (index, cell["nbgrader"], output)
        for index, cell in enumerate(state["cells"])
        for output in cell["outputs"]
        if output.get("output_type") == "error"
    ]


def assert_no_unexpected_errors(state: dict, path: str, student: bool) -> None:
    """No cell shows an error, except, in a student notebook, the graded test cells.

    A student notebook has no answers yet, so each graded test cell must fail, and say so:
    its error names the ``not-implemented`` mistake. Any other error, anywhere, fails.
    """
    problems = []
    failing_tests = set()
    for index, meta, output in error_outputs(state):
        failing_tests.add(index)
        where = f"cell {index}" + (f" ({meta['grade_id']})" if meta.get("grade_id") else "")
        error = f"{output.get('ename')}: {output.get('evalue', '')}".strip()
        is_test = bool(meta.get("grade")) and not meta.get("solution")
        if student and is_test and NOT_IMPLEMENTED in output.get("evalue", ""):
            continue
        if student and is_test:
            problems.append(f"{where} fails, but not with {NOT_IMPLEMENTED}: {error[:300]}")
        else:
            problems.append(f"{where} shows an error: {error[:300]}")
    if student:
        tests = {
            i
            for i, c in enumerate(state["cells"])
            if c["type"] == "code"
            and c["nbgrader"].get("grade")
            and not c["nbgrader"].get("solution")
        }
        silent = sorted(tests - failing_tests)
        if silent:
            problems.append(f"graded test cells {silent} pass or stay silent without any answer")
    assert not problems, f"{path}:\n  " + "\n  ".join(problems)


def assert_widgets_rendered(page: Page, state: dict, path: str, timeout: float = 30) -> None:
    """Every widget the kernel displayed is rendered, none shows an error, and a slider exists.

    Waits until no "Loading widget..." is left, then checks, all at once so that the message
    lists every problem, cell by cell: no error text of the widget manager, no error widget
    (ipywidgets' broken-page icon), a rendered view for each widget output of the model; and
    at least one slider in the notebook.
    """
    try:
        wait_for(
            lambda: not any(LOADING_TEXT in c["text"] for c in _outputs_shown(page)), timeout, ""
        )
    except AssertionError:
        pass  # reported below with the rest
    shown = _outputs_shown(page)
    problems = []
    if len(shown) != len(state["cells"]):
        problems.append(f"{len(shown)} cells on the page, {len(state['cells'])} in the notebook")
    for index, (cell, dom) in enumerate(zip(state["cells"], shown, strict=False)):
        if LOADING_TEXT in dom["text"]:
            problems.append(f"cell {index}: '{LOADING_TEXT}' still shown after {timeout} s")
        problems += [
            f"cell {index}: '{error}' shown" for error in WIDGET_ERROR_TEXTS if error in dom["text"]
        ]
        if dom["errorWidgets"]:
            problems.append(f"cell {index}: an error widget is shown (a view could not be created)")
        expected = sum(WIDGET_MIME in output.get("data", {}) for output in cell["outputs"])
        if dom["views"] < expected:
            problems.append(
                f"cell {index}: {expected} widget output(s) but {dom['views']} view(s) rendered"
            )
    if sliders(page).count() == 0:
        problems.append("no slider (.widget-slider) in the notebook")
    assert not problems, f"{path}: widgets not rendered:\n  " + "\n  ".join(problems)


def save_close_and_reopen(
    page: Page, lab_url: str, path: str, shutdown: Callable[[], None]
) -> dict:
    """Save the notebook, close it, ``shutdown()`` its kernel, open it again; its state.

    What a learner sees after coming back to a notebook they ran and saved: the outputs as
    saved, on a new kernel that has run nothing (every widget model of the old one is gone).
    """
    page.evaluate("async () => { await window.jupyterapp.commands.execute('docmanager:save'); }")
    page.evaluate(
        "async () => { await window.jupyterapp.commands.execute('application:close-all'); }"
    )
    shutdown()
    open_notebook(page, lab_url, path)
    return notebook_state(page, path)


def assert_widget_pictures_shown(page: Page, path: str) -> None:
    """Every rendered widget view that holds an image shows one (a PNG, not an empty frame)."""
    sources = page.locator(f"{NOTEBOOK} {WIDGET_VIEW} img").evaluate_all(
        "images => images.map(image => image.getAttribute('src') || '')"
    )
    assert sources, f"{path}: no widget picture at all"
    empty = [i for i, src in enumerate(sources) if not src.startswith(("data:image", "blob:"))]
    assert not empty, f"{path}: widget pictures {empty} of {len(sources)} are empty"


def _outputs_shown(page: Page) -> list[dict]:
    """Per cell on the page: its outputs' text, rendered widget views, error widgets."""
    return page.evaluate(_OUTPUTS_SHOWN_JS, [NOTEBOOK, WIDGET_VIEW, ERROR_WIDGET])


# --------------------------------------------------------------------------------------------
# Interacting with widgets


def widget_views(page: Page) -> Locator:
    """Every output that holds a rendered widget view (not an error in its place)."""
    return page.locator(f"{NOTEBOOK} {WIDGET_VIEW}")


def sliders(page: Page) -> Locator:
    """Every slider widget in the notebook."""
    return page.locator(f"{NOTEBOOK} .widget-slider")


def output_area(control: Locator) -> Locator:
    """The output area that holds the whole widget ``control`` belongs to."""
    return control.locator(
        "xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '),"
        " ' jp-OutputArea-output ')][1]"
    )


def snapshot(area: Locator) -> Snapshot:
    """What the output area shows now (controls left out)."""
    return Snapshot(**area.evaluate(_SNAPSHOT_JS))


def wait_for_new_output(
    area: Locator, before: Snapshot, what: str, timeout: float, settle: float = 0.25
) -> list[str]:
    """Wait until the area shows something else than ``before``, and that settles; what changed.

    A widget's callback updates the picture and the text in separate messages, so once a
    change shows, wait until two snapshots ``settle`` seconds apart agree.
    """
    deadline = time.monotonic() + timeout
    while True:
        now = snapshot(area)
        if now.changes_from(before):
            time.sleep(settle)
            later = snapshot(area)
            if later == now:
                return later.changes_from(before)
            continue  # still changing: look again
        if time.monotonic() > deadline:
            raise AssertionError(
                f"{what}: the widget's output did not change within {timeout} s"
                f" (text {before.text[:120]!r}…, {len(before.images)} image(s))"
            )
        time.sleep(0.1)


def assert_slider_changes_output(
    page: Page, slider: Locator, presses: int = 3, timeout: float = 20, where: str = ""
) -> list[str]:
    """Move ``slider`` with the keyboard and check that its widget's output changes.

    Focuses the slider's handle and presses ArrowRight ``presses`` times (ArrowLeft if it sits
    at its maximum); checks that the slider's value moved, then that the widget's text or
    picture changed. Returns what changed (``"text"``, ``"image"``).
    """
    label = (slider.locator(".widget-label").first.text_content() or "").strip()
    name = f"{where}: slider {label!r}" if where else f"slider {label!r}"
    handle = slider.locator(".noUi-handle").first
    area = output_area(slider)
    before = snapshot(area)
    value = handle.get_attribute("aria-valuenow")
    at_max = _number(value) >= _number(handle.get_attribute("aria-valuemax"))
    key = "ArrowLeft" if at_max else "ArrowRight"
    handle.scroll_into_view_if_needed()
    handle.focus()
    for _ in range(presses):
        handle.press(key)
    wait_for(
        lambda: handle.get_attribute("aria-valuenow") != value,
        5,
        f"{name} did not move from {value} with {key}",
    )
    return wait_for_new_output(area, before, f"{name} moved from {value}", timeout)


def _number(text: str | None) -> float:
    try:
        return float(text)
    except (TypeError, ValueError):
        return float("nan")


def assert_every_slider_changes_output(page: Page, path: str, timeout: float = 20) -> dict:
    """Move each slider of the notebook in turn; each must change its widget's output.

    Sliders that cannot be moved by a learner either (hidden, e.g. on a tab not shown, or
    disabled) are left alone; at least one must be moved. Returns what changed per slider,
    e.g. ``{"0 z(cat)": ["text", "image"]}``.
    """
    found = sliders(page)
    changed = {}
    for index in range(found.count()):
        slider = found.nth(index)
        if not slider.is_visible() or slider.locator(".noUi-target[disabled]").count():
            continue
        label = (slider.locator(".widget-label").first.text_content() or "").strip()
        # Different distances, so that the sliders do not end up shifted all alike.
        changed[f"{index} {label}"] = assert_slider_changes_output(
            page, slider, presses=3 + 2 * index, timeout=timeout, where=path
        )
    assert changed, f"{path}: no slider that a learner could move"
    return changed


#: The on/off and choice controls :func:`assert_toggles_change_output` flips, and how.
TOGGLES = (
    ("checkbox", ".widget-checkbox input[type=checkbox]", "click"),
    ("toggle", "button.widget-toggle-button:not(.widget-toggle-buttons *)", "click"),
    ("toggle-buttons", ".widget-toggle-buttons", "other-button"),
    ("dropdown", ".widget-dropdown select", "other-option"),
    ("radio", ".widget-radio-box", "other-radio"),
)


def assert_toggles_change_output(
    page: Page, path: str, timeout: float = 20, within: Locator | None = None
) -> dict:
    """Flip every checkbox, toggle button, toggle-button group, dropdown and radio group.

    Each must change its widget's output (text or picture, controls left out). ``within``
    limits the search to part of the page (default: the whole notebook). Returns what
    changed per control, e.g. ``{"checkbox 0": ["image"]}`` (empty if there is none).
    """
    scope = within if within is not None else page.locator(NOTEBOOK)
    changed = {}
    for kind, selector, how in TOGGLES:
        found = scope.locator(selector)
        for index in range(found.count()):
            control = found.nth(index)
            if not control.is_visible():
                continue  # e.g. on a tab that is not shown
            area = output_area(control)
            before = snapshot(area)
            control.scroll_into_view_if_needed()
            _flip(control, how)
            what = f"{path}: {kind} {index}"
            changed[f"{kind} {index}"] = wait_for_new_output(area, before, what, timeout)
    return changed


def _flip(control: Locator, how: str) -> None:
    """Change a control's value the way a learner would."""
    if how == "click":
        control.click()
    elif how == "other-button":
        control.locator("button:not(.mod-active)").first.click()
    elif how == "other-option":
        current = control.input_value()
        values = control.locator("option").evaluate_all("(options) => options.map((o) => o.value)")
        control.select_option(next(v for v in values if v != current))
    elif how == "other-radio":
        control.locator("input[type=radio]:not(:checked)").first.check()
    else:
        raise ValueError(f"unknown way to flip a control: {how}")


# --------------------------------------------------------------------------------------------
# Screenshots


def save_screenshot(page: Page, path: Path, tile_height: int = 5000) -> None:
    """A screenshot of the whole page with the whole notebook in it, not only the window.

    JupyterLab scrolls the notebook inside a fixed-size window (so Playwright's
    ``full_page=True`` sees one window's worth) and Chromium cannot capture much more than
    16,000 pixels at once. So the window is made ``tile_height`` tall, the notebook is
    scrolled tile by tile, and the tiles are pasted under the menu and toolbar in one PNG.
    Falls back to a plain full-page screenshot when there is no notebook to scroll.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    scroller = page.locator(SCROLLER)
    if scroller.count() != 1:
        page.screenshot(path=str(path), full_page=True)
        return
    width = (page.viewport_size or {"width": 1280})["width"]
    page.set_viewport_size({"width": width, "height": tile_height})
    # The toolbar casts a shadow on the notebook once it is scrolled: a line on every seam.
    page.add_style_tag(content=".jp-Toolbar { box-shadow: none !important; }")
    _next_frame(page)
    # Some content (typeset math, images) is laid out only once scrolled into view, which
    # makes the notebook taller: scroll through it until its height no longer changes.
    total, previous = scroller.evaluate(_CONTENT_HEIGHT_JS), None
    for _ in range(5):
        if total == previous:
            break
        for top in range(0, total, tile_height // 2):
            scroller.evaluate("(s, top) => { s.scrollTop = top; }", top)
            _next_frame(page)
        total, previous = scroller.evaluate(_CONTENT_HEIGHT_JS), total
    box = scroller.bounding_box()
    top_of_notebook = round(box["y"])
    sheet = Image.new("RGB", (width, top_of_notebook + total), "white")
    above = {"x": 0, "y": 0, "width": width, "height": top_of_notebook}
    sheet.paste(Image.open(io.BytesIO(page.screenshot(clip=above))), (0, 0))
    wanted = 0
    while wanted < total:
        shown = scroller.evaluate("(s, top) => { s.scrollTop = top; return s.scrollTop; }", wanted)
        _next_frame(page)
        tile = Image.open(io.BytesIO(page.screenshot(clip=box)))
        sheet.paste(tile, (round(box["x"]), top_of_notebook + round(shown)))
        wanted = round(shown + box["height"])
    sheet.save(path, compress_level=3)  # much faster than the default 6, a little larger


#: How far down the notebook's content goes (its last cell; not the blank space JupyterLab
#: adds below it so that the last cell can be scrolled to the top).
_CONTENT_HEIGHT_JS = """
(s) => {
  const cells = s.querySelectorAll('.jp-Cell');
  if (!cells.length) return s.scrollHeight;
  const bottom = cells[cells.length - 1].getBoundingClientRect().bottom;
  const end = bottom - s.getBoundingClientRect().top + s.scrollTop + 40;
  return Math.ceil(Math.min(s.scrollHeight, end));
}
"""


def _next_frame(page: Page) -> None:
    """Wait until the browser has laid out and painted the latest change."""
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => setTimeout(r)))")


def save_widget_screenshots(page: Page, stem: Path) -> list[Path]:
    """One screenshot per rendered widget, ``<stem>-widget-<n>.png`` (to look at closely)."""
    stem.parent.mkdir(parents=True, exist_ok=True)
    saved = []
    views = widget_views(page)
    for index in range(views.count()):
        target = stem.with_name(f"{stem.name}-widget-{index + 1}.png")
        views.nth(index).screenshot(path=str(target))
        saved.append(target)
    return saved


# --------------------------------------------------------------------------------------------
# nbgrader's Validate button

#: nbgrader's lab extension (``@jupyter/nbgrader:validate-assignment``, 0.9.6) adds to every
#: notebook's toolbar a ``ToolbarButton`` with class ``validate-button``, label "Validate" and
#: tooltip "Validate Assignment". A click checks the server's nbgrader version, saves the
#: notebook, POSTs it to ``assignments/validate`` and shows the result in a dialog titled
#: "Validation Results" whose body is ``div#validation-message``, classed
#: ``validation-failed`` (one "The following cell failed:" paragraph, then the cell's source
#: and its error in two ``pre``, per failed cell), ``validation-success`` ("Success! Your
#: notebook passes all the tests."), ``validation-changed`` or ``validation-type-changed``.
#: Its own failures ("Validation failed", "Version Mismatch") come in other dialogs.
VALIDATE_BUTTON = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Toolbar .validate-button"
VALIDATE_LABEL = "Validate"
VALIDATION_TITLE = "Validation Results"
VALIDATION_SUCCESS = "Success! Your notebook passes all the tests."
FAILED_CELL = "The following cell failed:"
DIALOG = ".jp-Dialog"

#: What the open dialog shows: its title, its body's text and classes, the failed cells.
_DIALOG_JS = """
(dialog) => {
  const title = dialog.querySelector('.jp-Dialog-header');
  const message = dialog.querySelector('#validation-message');
  const failed = [];
  if (message) {
    const blocks = Array.from(message.children);
    blocks.forEach((block, i) => {
      if (block.textContent.trim() === FAILED_CELL) {
        const pre = (b) => (b && b.querySelector('pre') ? b.querySelector('pre').innerText : '');
        failed.push({source: pre(blocks[i + 1]), error: pre(blocks[i + 2])});
      }
    });
  }
  const body = dialog.querySelector('.jp-Dialog-body');
  return {
    title: title ? title.textContent.trim() : '',
    text: body ? body.innerText : '',
    classes: message ? Array.from(message.classList) : [],
    error: dialog.classList.contains('nbgrader-ErrorDialog'),
    failed,
  };
}
"""


@dataclass
class Validation:
    """What nbgrader's validation dialog showed."""

    title: str
    text: str
    classes: list[str]
    error: bool
    failed: list[dict]

    @property
    def succeeded(self) -> bool:
        return "validation-success" in self.classes and VALIDATION_SUCCESS in self.text


def validate_button(page: Page) -> Locator:
    """nbgrader's Validate button in the toolbar of the notebook on the page."""
    return page.locator(VALIDATE_BUTTON)


def validate_notebook(page: Page, path: str, timeout: float = 180) -> Validation:
    """Click nbgrader's Validate button, as a learner would; read the dialog, then close it.

    Fails if there is no Validate button, or if no dialog comes within ``timeout`` seconds
    (validation runs the whole notebook on a new kernel on the server).
    """
    button = validate_button(page)
    wait_for(lambda: button.count() == 1, 30, f"{path}: no nbgrader Validate button")
    label = (button.text_content() or "").strip()
    assert label == VALIDATE_LABEL, f"{path}: the Validate button is labelled {label!r}"
    button.click()
    dialog = page.locator(DIALOG).last
    try:
        dialog.wait_for(state="visible", timeout=timeout * 1000)
    except Exception as error:  # Playwright's TimeoutError
        raise AssertionError(
            f"{path}: no dialog within {timeout} s of clicking Validate"
            f" (the button now reads {(button.text_content() or '').strip()!r})"
        ) from error
    shown = Validation(**dialog.evaluate(_DIALOG_JS.replace("FAILED_CELL", repr(FAILED_CELL))))
    dialog.locator(".jp-Dialog-button.jp-mod-accept").click()
    dialog.wait_for(state="detached", timeout=10_000)
    return shown


# --------------------------------------------------------------------------------------------
# Running code in a notebook's own kernel, and what JupyterLab offers a user

_KERNEL_EXEC_JS = (
    "async ([path, code]) => {"
    + _PANEL_JS
    + """
  const panel = panelOf(path);
  const kernel = panel.sessionContext.session.kernel;
  const future = kernel.requestExecute({code, silent: false, store_history: false});
  let text = '';
  future.onIOPub = (msg) => {
    const t = msg.header.msg_type;
    if (t === 'stream') text += msg.content.text;
    if (t === 'error') text += msg.content.ename + ': ' + msg.content.evalue;
  };
  await future.done;
  return text;
}"""
)


def kernel_output(page: Page, path: str, code: str) -> str:
    """Run ``code`` in the kernel of the notebook at ``path`` (not in a cell); its output."""
    return page.evaluate(_KERNEL_EXEC_JS, [path, code])


#: The labels of every item in the command palette and the launcher, the titles of the side
#: panels, and the ids of the registered commands.
_OFFERED_JS = """
async () => {
  const app = window.jupyterapp;
  const labels = (selector) => Array.from(document.querySelectorAll(selector))
    .map((e) => (e.textContent || '').trim()).filter((t) => t);
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
  await app.commands.execute('apputils:activate-command-palette');
  await frame();
  const palette = labels('.lm-CommandPalette-itemLabel');
  await app.commands.execute('apputils:activate-command-palette');  // closes it again
  const launcher = await app.commands.execute('launcher:create');
  await frame();
  const cards = labels('.jp-LauncherCard-label');
  if (launcher && launcher.dispose) launcher.dispose();
  const panels = [];
  for (const area of ['left', 'right']) {
    for (const w of app.shell.widgets(area)) panels.push(w.title.label || w.title.caption || w.id);
  }
  return {palette, launcher: cards, panels, commands: app.commands.listCommands()};
}
"""
MENU_BAR_ITEM = "#jp-menu-panel .lm-MenuBar-item"
OPEN_MENU_ITEM = ".lm-Menu.lm-MenuBar-menu .lm-Menu-item:not(.lm-mod-hidden) .lm-Menu-itemLabel"


def menu_items(page: Page) -> dict[str, list[str]]:
    """Each menu of the menu bar (title → the labels of its visible items), opened in turn."""
    menus = {}
    titles = page.locator(MENU_BAR_ITEM)
    for index in range(titles.count()):
        title = titles.nth(index)
        name = (title.text_content() or "").strip()
        title.click()
        try:
            page.locator(".lm-Menu.lm-MenuBar-menu").wait_for(state="visible", timeout=5000)
        except Exception:  # Playwright's TimeoutError: a menu with nothing in it does not open
            menus[name] = []
            continue
        items = page.locator(OPEN_MENU_ITEM)
        menus[name] = [(text or "").strip() for text in items.all_text_contents()]
        page.keyboard.press("Escape")
        page.locator(".lm-Menu.lm-MenuBar-menu").wait_for(state="detached", timeout=5000)
    return menus


def offered(page: Page) -> dict:
    """What JupyterLab offers the user: ``menus`` (menu title → item labels), ``palette``,
    ``launcher`` (item labels), ``panels`` (side panel titles) and ``commands`` (ids)."""
    shown = {"menus": menu_items(page)}
    shown.update(page.evaluate(_OFFERED_JS))
    return shown
