"""Benchmark: how fast each notebook's widgets answer, measured in the kernel.

Every source notebook is run on a fresh kernel; then, in that kernel, every slider, checkbox,
toggle and dropdown the notebook created is driven through a sequence of values. Changing a
widget's value runs its observers synchronously in the kernel, so the time of the assignment
is the time from the value change to the updated output (figure redrawn, numbers rewritten),
not counting the trip to the browser. Reports the median and 95th percentile per widget::

    python -m benchmarks.widget_latency                 # all notebooks, 40 values per widget
    python -m benchmarks.widget_latency --steps 10 01_logits
"""

from __future__ import annotations

import argparse
import json

import nbformat
from nbclient import NotebookClient

from tools.notebook_cells import read, source_notebooks

# Runs inside the notebook's kernel after the notebook itself: drive every value widget.
PROBE = r"""
import json as _json, time as _time
import numpy as _np
import ipywidgets as _w

def _values(widget, steps):
    if isinstance(widget, (_w.FloatSlider, _w.IntSlider, _w.FloatLogSlider)):
        lo, hi = widget.min, widget.max
        if isinstance(widget, _w.FloatLogSlider):
            grid = _np.linspace(lo, hi, steps)  # exponents
            return [float(widget.base ** g) for g in grid]
        grid = _np.linspace(lo, hi, steps)
        return [int(round(v)) for v in grid] if isinstance(widget, _w.IntSlider) else [float(v) for v in grid]
    if isinstance(widget, (_w.Checkbox, _w.ToggleButton)):
        return [bool(i % 2) for i in range(1, steps + 1)]
    if isinstance(widget, (_w.Dropdown, _w.ToggleButtons, _w.RadioButtons, _w.SelectionSlider)):
        options = list(widget.options)
        return [options[i % len(options)][1] if isinstance(options[0], tuple) else options[i % len(options)]
                for i in range(1, steps + 1)]
    return []

_rows = []
for _widget in list(_w.Widget.widgets.values()):
    _vals = _values(_widget, STEPS)
    if not _vals:
        continue
    _start_value = _widget.value
    _times = []
    for _v in _vals:
        _t0 = _time.perf_counter()
        _widget.value = _v
        _times.append((_time.perf_counter() - _t0) * 1000)
    _widget.value = _start_value
    _rows.append({"widget": type(_widget).__name__, "description": _widget.description,
                  "median_ms": float(_np.median(_times)), "p95_ms": float(_np.percentile(_times, 95)),
                  "n": len(_times)})
print("LATENCY" + _json.dumps(_rows))
"""


def measure(path, steps: int) -> list[dict]:
    """Run the notebook at ``path``, then drive its widgets; one row per widget."""
    nb = read(path)
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        probe = nbformat.v4.new_code_cell(PROBE.replace("STEPS", str(steps)))
        nb.cells.append(probe)
        client.execute_cell(probe, len(nb.cells) - 1)
    text = "".join(out.get("text", "") for out in probe.outputs if out.output_type == "stream")
    return json.loads(text.split("LATENCY", 1)[1])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignments", nargs="*", help="e.g. 01_logits (default: all)")
    parser.add_argument("--steps", type=int, default=40, help="values per widget")
    args = parser.parse_args(argv)
    paths = [
        p for p in source_notebooks() if not args.assignments or p.parent.name in args.assignments
    ]
    print(
        f"{'notebook':<28} {'widget':<16} {'description':<18} {'median ms':>9} {'p95 ms':>7} {'n':>4}"
    )
    worst = 0.0
    for path in paths:
        for row in measure(path, args.steps):
            worst = max(worst, row["p95_ms"])
            print(
                f"{path.parent.name:<28} {row['widget']:<16} {row['description'][:18]:<18} "
                f"{row['median_ms']:>9.1f} {row['p95_ms']:>7.1f} {row['n']:>4}"
            )
    print(f"worst p95: {worst:.1f} ms (target: at most 100 ms)")


if __name__ == "__main__":
    main()
