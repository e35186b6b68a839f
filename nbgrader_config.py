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

# Autograding grades what a student wrote and nothing else, where it can harm no one:
# - each submission is rebuilt from the source notebook around the student's answer cells,
#   each screened first (autograder/grading/rebuild.py, screen.py); nbgrader's own repairs
#   run after it and find nothing left to do;
# - every kernel runs in a bubblewrap sandbox (autograder/grading/sandbox.py): it reads its
#   own folder and the course's packages, writes nowhere that persists, and has no network;
#   autograde's exporter checks, before the first submission, that a sandbox can be made;
# - outputs are capped by characters as well as lines (a single line may be 50 MB long).
# nbgrader's default steps are kept, with these changes. nbgrader logs an exception in this
# file and goes on without any of it, so it would grade unprotected: where the grading
# modules cannot be loaded, stop (SystemExit is not caught).
from nbgrader.converters import Autograde  # noqa: E402
from nbgrader.preprocessors import ClearOutput, Execute, LimitOutput  # noqa: E402

try:
    from autograder.grading.execute import SandboxCheckingExporter, SandboxedExecute
    from autograder.grading.limit_output import LimitOutputChars
    from autograder.grading.rebuild import RebuildFromSource
except ImportError as error:
    raise SystemExit(f"nbgrader_config.py: cannot load the grading modules: {error}") from error


def _default(steps):
    return Autograde.class_traits()[steps].default()


_sanitize, _autograde = _default("sanitize_preprocessors"), _default("autograde_preprocessors")
if ClearOutput not in _sanitize or Execute not in _autograde or LimitOutput not in _autograde:
    raise SystemExit("nbgrader_config.py: nbgrader's autograde steps are not the expected ones")
_sanitize.insert(_sanitize.index(ClearOutput) + 1, RebuildFromSource)
_autograde[_autograde.index(Execute)] = SandboxedExecute
_autograde.insert(_autograde.index(LimitOutput) + 1, LimitOutputChars)
c.Autograde.sanitize_preprocessors = _sanitize
c.Autograde.autograde_preprocessors = _autograde
c.Autograde.exporter_class = SandboxCheckingExporter
c.LimitOutputChars.max_chars = 20_000

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
