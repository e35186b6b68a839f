"""nbgrader configuration of the course: this repository is the course directory."""

c = get_config()  # noqa: F821 (injected by traitlets when nbgrader loads this file)

c.CourseDirectory.course_id = "softmax-and-logits"
c.CourseDirectory.source_directory = "source"

# The stub a learner sees where the answer was.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}

# A submission that loops forever or hangs must not hold up a class: every cell gets a time
# limit, after which the cell is marked failed and grading goes on with the next one.
c.Execute.timeout = 60
c.Execute.interrupt_on_timeout = True

# Every submission runs in a bubblewrap sandbox (autograder/grading/sandbox.py): it reads its
# own folder and the course's packages, writes nowhere that persists, and has no network.
# autograde's default steps, with Execute replaced by its sandboxed version; its exporter
# checks, before the first submission, that a sandbox can be made here.
from nbgrader.converters import Autograde  # noqa: E402
from nbgrader.preprocessors import Execute  # noqa: E402

# nbgrader logs an exception in this file and goes on without any of it, so it would grade
# outside the sandbox: where the sandbox cannot be set up, stop (SystemExit is not caught).
try:
    from autograder.grading.execute import SandboxCheckingExporter, SandboxedExecute
except ImportError as error:
    raise SystemExit(f"nbgrader_config.py: cannot load the grading sandbox: {error}") from error
_steps = Autograde.class_traits()["autograde_preprocessors"].default()
if Execute not in _steps:
    raise SystemExit("nbgrader_config.py: nbgrader's autograde has no Execute step to sandbox")
c.Autograde.autograde_preprocessors = [SandboxedExecute if s is Execute else s for s in _steps]
c.Autograde.exporter_class = SandboxCheckingExporter

# Feedback shows each failed check's message and hint, but neither the hidden tests' source
# nor tracebacks that would quote it.
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor  # noqa: E402
from nbgrader.preprocessors import GetGrades  # noqa: E402

from autograder.grading.feedback_filter import HideHiddenTests  # noqa: E402
from autograder.grading.widget_pictures import WidgetPictures  # noqa: E402

# Each widget's last picture goes into the feedback as a plain image (no script, no network).
c.GenerateFeedback.preprocessors = [
    GetGrades,
    HideHiddenTests,
    WidgetPictures,
    CSSHTMLHeaderPreprocessor,
]
