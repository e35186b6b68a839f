"""Feedback that shows every widget's last picture, with no JavaScript and no network.

A widget output in a notebook is only a reference to a widget model; nbconvert's HTML turns
it into a placeholder that a script from a CDN would fill in, so nbgrader's feedback shows an
empty area where each widget was. The autograded notebook does hold the widgets' state
(nbclient saves it after running the notebook), and the course's widgets draw their
figures into an ``ipywidgets.Image`` whose PNG bytes are part of that state.
:class:`WidgetPictures` runs in ``generate_feedback`` (see ``nbgrader_config.py``) and
replaces each widget output by the pictures of the Image widgets it contains, as plain
``image/png`` outputs.
"""

from __future__ import annotations

from collections.abc import Iterator

from nbconvert.preprocessors import Preprocessor
from nbformat.v4 import new_output
from traitlets import Bool

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def widget_pictures(state: dict, model_id: str) -> list[str]:
    """The base64 PNGs of the Image widgets in the widget ``model_id`` and its children.

    ``state`` is a notebook's saved widget state (``metadata.widgets[WIDGET_STATE]["state"]``);
    the pictures come in the order the widget shows them.

    Examples
    --------
    >>> state = {
    ...     "box": {"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_img"]}},
    ...     "img": {
    ...         "model_name": "ImageModel",
    ...         "state": {"format": "png"},
    ...         "buffers": [{"path": ["value"], "encoding": "base64", "data": "iVBOR..."}],
    ...     },
    ... }
    >>> widget_pictures(state, "box")
    ['iVBOR...']
    >>> widget_pictures(state, "gone")
    []
    """

    def walk(model_id: str, seen: set[str]) -> Iterator[str]:
        model = state.get(model_id)
        if model is None or model_id in seen:
            return
        seen.add(model_id)
        fields = model.get("state", {})
        if model.get("model_name") == "ImageModel" and fields.get("format", "png") == "png":
            for buffer in model.get("buffers", []):
                if buffer.get("path") == ["value"] and buffer.get("encoding") == "base64":
                    yield buffer["data"]
        for child in fields.get("children") or []:
            if isinstance(child, str) and child.startswith("IPY_MODEL_"):
                yield from walk(child.removeprefix("IPY_MODEL_"), seen)

    return list(walk(model_id, set()))


class WidgetPictures(Preprocessor):
    """Replace each widget output that holds pictures by those pictures (``image/png``)."""

    # nbconvert runs a preprocessor only when it is enabled; this one always is when listed.
    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            outputs = []
            for output in cell.get("outputs", []):
                view = output.get("data", {}).get(WIDGET_VIEW)
                pictures = widget_pictures(state, view.get("model_id", "")) if view else []
                if not pictures:
                    outputs.append(output)
                    continue
                outputs += [
                    new_output(
                        "display_data",
                        data={"image/png": png, "text/plain": "the widget's last picture"},
                    )
                    for png in pictures
                ]
            cell.outputs = outputs
        return nb, resources
