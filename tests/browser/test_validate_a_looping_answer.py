"""Validate on an answer that loops forever: the server keeps answering, the learner is told.

A learner's ``softmax`` that never returns makes its check cell run until nbgrader's time
limit stops it. With the course's ``autograder.lab`` server extension in place of nbgrader's
own (as ``postBuild`` sets it up), the server answers other requests while that happens (a
file listing stays fast), and the Validate dialog names the cell that ran out of time, in
words, before what failed after it. The time limit is 5 s here (``nbgrader_config.py`` in
the server's folder), so that the test need not wait the course's 60 s.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.request

import pytest

from tests.browser.lab_server import serve_lab
from tools.notebook_cells import STUDENT, exercise_cells, read, write

LIMIT = 5  # seconds a cell may run during this test's validation
LOOPING_ANSWER = "def softmax(z, axis=-1):\n    while True:  # never returns\n        pass\n"
LEARNER_MODE = {
    "ServerApp": {
        "jpserver_extensions": {
            "autograder.lab": True,
            "nbgrader.server_extensions.validate_assignment": False,
        }
    }
}


@pytest.fixture
def server(tmp_path):
    base, root = tmp_path / "lab", tmp_path / "root"
    (base / "config").mkdir(parents=True)
    (base / "config" / "jupyter_server_config.json").write_text(json.dumps(LEARNER_MODE))
    (base / "nbgrader_config.py").write_text(f"c = get_config()\nc.Execute.timeout = {LIMIT}\n")
    root.mkdir()
    nb = read(STUDENT / "02_softmax.ipynb")
    answer = next(cell for name, cell in exercise_cells(nb) if name == "softmax")
    answer.source = LOOPING_ANSWER
    write(nb, root / "02_softmax.ipynb")
    running = serve_lab(base, root)
    yield running
    running.stop()


def post_validate(server, path: str) -> dict:
    request = urllib.request.Request(
        f"{server.base_url}/assignments/validate",
        data=json.dumps({"path": path}).encode(),
        method="POST",
        headers={"Authorization": f"token {server.token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=600) as reply:
        return json.loads(reply.read())


def listing_seconds(server) -> float:
    start = time.monotonic()
    server.api("GET", "contents", timeout=120)
    return time.monotonic() - start


@pytest.mark.timeout(600)
def test_validate_names_the_cell_that_ran_out_of_time_and_the_server_keeps_answering(server):
    assert "autograder.lab" in server.log()
    answer: dict = {}
    worker = threading.Thread(
        target=lambda: answer.update(post_validate(server, "02_softmax.ipynb"))
    )
    worker.start()
    time.sleep(LIMIT / 2)  # the looping check is running now (the notebook takes ~2 s to it)
    during = [listing_seconds(server) for _ in range(3)]
    worker.join(timeout=300)
    assert not worker.is_alive(), "Validate never answered"
    # The event loop was free: each listing took a fraction of a second, not the time limit.
    assert max(during) < 1.0, during

    assert answer["success"], answer
    failed = answer["value"]["failed"]
    first = failed[0]
    assert "check_softmax(softmax)" in first["source"], first["source"]
    assert f"was still running after {LIMIT} s" in first["error"], first["error"]
    assert "loop" in first["error"]
