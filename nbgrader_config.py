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

# Autograding grades what a student wrote and nothing else: the submission is rebuilt from the
# source notebook around the student's answer cells, each screened first (see
# autograder/grading/rebuild.py); nbgrader's own repairs run after it and find nothing to do.
from nbconvert.preprocessors import ClearMetadataPreprocessor  # noqa: E402
from nbgrader.preprocessors import (  # noqa: E402
    AssignLatePenalties,
    CheckCellMetadata,
    ClearOutput,
    DeduplicateIds,
    IgnorePattern,
    LimitOutput,
    OverwriteCells,
    OverwriteKernelspec,
    SaveAutoGrades,
)

from autograder.grading.limit_output import LimitOutputChars  # noqa: E402
from autograder.grading.rebuild import RebuildFromSource  # noqa: E402

c.Autograde.sanitize_preprocessors = [
    ClearOutput,
    RebuildFromSource,
    DeduplicateIds,
    OverwriteKernelspec,
    OverwriteCells,
    CheckCellMetadata,
]
from nbgrader.preprocessors import Execute  # noqa: E402

c.Autograde.autograde_preprocessors = [
    Execute,
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    LimitOutputChars,
    SaveAutoGrades,
    AssignLatePenalties,
    CheckCellMetadata,
]
# Outputs are capped by characters too (a single line may be 50 MB long).
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
