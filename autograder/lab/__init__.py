"""The course's additions to the Jupyter server a learner runs (enabled by ``postBuild``).

``autograder.lab`` is a Jupyter server extension that serves nbgrader's Validate button in
place of nbgrader's own ``validate_assignment`` extension (which ``postBuild`` disables): the
same requests and answers, but the notebook runs off the server's event loop, so the server
keeps answering while a looping answer runs out its time, and a cell that ran out of time is
named in words (:mod:`autograder.lab.validate`).
"""

from __future__ import annotations

from jupyter_server.utils import url_path_join


def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": "autograder.lab"}]


def _load_jupyter_server_extension(server_app) -> None:
    """Route nbgrader's Validate requests to :mod:`autograder.lab.validate`."""
    from nbgrader.server_extensions.validate_assignment.handlers import NbGraderVersionHandler

    from autograder.lab.validate import ValidateHandler, use_timeout_naming_validator

    use_timeout_naming_validator()
    web_app = server_app.web_app
    web_app.settings["root_dir"] = server_app.root_dir
    base_url = web_app.settings["base_url"]
    web_app.add_handlers(
        ".*$",
        [
            (url_path_join(base_url, "/assignments/validate"), ValidateHandler),
            (url_path_join(base_url, "/nbgrader_version"), NbGraderVersionHandler),
        ],
    )
    server_app.log.info("autograder.lab: Validate runs off the event loop, with named timeouts")
