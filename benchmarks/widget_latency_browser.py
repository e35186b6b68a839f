"""Benchmark: how fast each notebook's sliders answer, measured in the browser.

The browser-side companion of ``benchmarks/widget_latency.py`` (which times the kernel's
callbacks alone). A real JupyterLab serves a copy of the source notebooks; headless
Chromium opens each one, runs all its cells, then presses ArrowRight on every slider
``--presses`` times, as a learner would with the keyboard. Each press is timed in the page
with ``performance.now()``: from the keydown to the first change of the widget's output in
the DOM (an image's source, i.e. new figure bytes, or the text; the controls themselves left
out), and to the complete update (the last change, with the new image loaded). This is the
whole round trip: the slider's message to the kernel, the callback, the outputs sent back,
and their rendering. Reports the median and 95th percentile per slider::

    python -m benchmarks.widget_latency_browser                 # all notebooks, 20 presses
    python -m benchmarks.widget_latency_browser --presses 10 01_logits
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

import numpy as np

from tests.browser.conftest import CHROMIUM_ARGS, VIEWPORT
from tests.browser.lab_server import start_lab
from tests.browser.notebook_ui import (
    open_notebook,
    output_area,
    run_all_cells,
    sliders,
)
from tools.notebook_cells import ROOT, SOURCE, source_notebooks

#: Watches one widget's output area: on the next keydown, note the time; on every change of
#: what the widget shows (its text, its images' sources; controls left out), note the time;
#: and when an image has loaded. All times from performance.now() in the page.
_WATCH_JS = """
(area) => {
  if (window.__latency && window.__latency.stop) window.__latency.stop();
  const CONTROLS = [
    '.widget-slider', '.widget-readout', '.widget-label', '.widget-checkbox',
    '.widget-toggle-button', '.widget-toggle-buttons', '.widget-dropdown', '.widget-radio-box',
    'input', 'select', 'button', 'textarea',
  ].join(', ');
  const fingerprint = () => {
    const clone = area.cloneNode(true);
    clone.querySelectorAll(CONTROLS).forEach((e) => e.remove());
    return {
      text: (clone.textContent || '').replace(/\\s+/g, ' ').trim(),
      images: Array.from(clone.querySelectorAll('img')).map((i) => i.getAttribute('src')).join('|'),
    };
  };
  let seen = fingerprint();
  const s = {t0: null, first: null, last: null, text: null, image: null, loaded: null};
  const onKey = (event) => { if (s.t0 === null) s.t0 = performance.now(); };
  const onLoad = (event) => {
    if (event.target.tagName === 'IMG' && s.image !== null) s.loaded = performance.now();
  };
  const observer = new MutationObserver(() => {
    const now = performance.now();
    const shown = fingerprint();
    const text = shown.text !== seen.text, image = shown.images !== seen.images;
    if (!text && !image) return;
    if (text) s.text = now;
    if (image) s.image = now;
    if (s.first === null) s.first = now;
    s.last = now;
    seen = shown;
  });
  observer.observe(area, {subtree: true, childList: true, attributes: true, characterData: true});
  window.addEventListener('keydown', onKey, true);
  area.addEventListener('load', onLoad, true);
  s.stop = () => {
    observer.disconnect();
    window.removeEventListener('keydown', onKey, true);
    area.removeEventListener('load', onLoad, true);
  };
  window.__latency = s;
}
"""

#: True once the output changed and nothing more happened for QUIET ms (images loaded).
_SETTLED_JS = """
(quiet) => {
  const s = window.__latency;
  if (s.first === null) return false;
  if (s.image !== null && (s.loaded === null || s.loaded < s.image)) return false;
  return performance.now() - Math.max(s.last, s.loaded || 0) > quiet;
}
"""

_RESULT_JS = """
() => {
  const s = window.__latency;
  s.stop();
  const done = Math.max(s.last, s.loaded || 0);
  return {first: s.first - s.t0, complete: done - s.t0};
}
"""


def press_and_time(page, handle, area, key: str, quiet_ms: float, timeout_s: float):
    """One key press on a slider handle; (first change, complete update) in ms, or None."""
    area.evaluate(_WATCH_JS)
    handle.press(key)
    try:
        page.wait_for_function(_SETTLED_JS, arg=quiet_ms, timeout=timeout_s * 1000, polling=50)
    except Exception:  # Playwright's TimeoutError: the output did not change
        page.evaluate("() => window.__latency.stop()")
        return None
    result = page.evaluate(_RESULT_JS)
    return result["first"], result["complete"]


def measure_notebook(browser, server, path: Path, presses: int, quiet_ms: float) -> list[dict]:
    """Open and run the notebook, then time ``presses`` key presses on each slider."""
    served = path.relative_to(ROOT).as_posix()
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(60_000)
    page = context.new_page()
    rows = []
    try:
        open_notebook(page, server.lab_url(served), served)
        run_all_cells(page, served)
        found = sliders(page)
        for index in range(found.count()):
            slider = found.nth(index)
            if not slider.is_visible():
                continue
            label = (slider.locator(".widget-label").first.text_content() or "").strip()
            handle = slider.locator(".noUi-handle").first
            area = output_area(slider)
            handle.scroll_into_view_if_needed()
            first, complete, missed, key = [], [], 0, "ArrowRight"
            for _ in range(presses):
                value = handle.get_attribute("aria-valuenow")
                if float(value) >= float(handle.get_attribute("aria-valuemax")):
                    key = "ArrowLeft"
                elif float(value) <= float(handle.get_attribute("aria-valuemin")):
                    key = "ArrowRight"
                timed = press_and_time(page, handle, area, key, quiet_ms, timeout_s=15)
                if timed is None:
                    missed += 1
                else:
                    first.append(timed[0])
                    complete.append(timed[1])
            rows.append(
                {
                    "slider": label,
                    "first_median_ms": statistics.median(first) if first else float("nan"),
                    "first_p95_ms": float(np.percentile(first, 95)) if first else float("nan"),
                    "median_ms": statistics.median(complete) if complete else float("nan"),
                    "p95_ms": float(np.percentile(complete, 95)) if complete else float("nan"),
                    "n": len(complete),
                    "missed": missed,
                }
            )
    finally:
        context.close()
        server.shutdown_kernels()
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignments", nargs="*", help="e.g. 01_logits (default: all)")
    parser.add_argument("--presses", type=int, default=20, help="key presses per slider")
    parser.add_argument(
        "--quiet", type=float, default=300, help="ms without change that ends an update"
    )
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="the browser to drive")
    args = parser.parse_args(argv)
    paths = [
        p for p in source_notebooks() if not args.assignments or p.parent.name in args.assignments
    ]
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="widget-latency-") as base:
        server = start_lab(Path(base), {"source": SOURCE})
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=args.chromium, headless=True, args=CHROMIUM_ARGS
                )
                print(
                    f"{'notebook':<22} {'slider':<14} {'first median':>12} {'first p95':>9}"
                    f" {'median ms':>9} {'p95 ms':>7} {'n':>3} {'missed':>6}"
                )
                worst = 0.0
                for path in paths:
                    for row in measure_notebook(browser, server, path, args.presses, args.quiet):
                        worst = max(worst, row["p95_ms"])
                        print(
                            f"{path.parent.name:<22} {row['slider'][:14]:<14}"
                            f" {row['first_median_ms']:>12.1f} {row['first_p95_ms']:>9.1f}"
                            f" {row['median_ms']:>9.1f} {row['p95_ms']:>7.1f}"
                            f" {row['n']:>3} {row['missed']:>6}",
                            flush=True,
                        )
                browser.close()
        finally:
            server.stop()
    print(
        "first: key press to the first change of the widget's output; median/p95: to the"
        f" complete update (image loaded). Worst p95: {worst:.1f} ms"
    )


if __name__ == "__main__":
    main()
