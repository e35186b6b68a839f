"""The instructor's side of grading: grade a class, safely; what students get back; what the
class got wrong.

- :mod:`autograder.grading.autograde`: one command grades a whole class through nbgrader and
  says whether the class was graded, with every submission's outcome.
- :mod:`autograder.grading.rebuild`: each submission rebuilt from the source notebook around
  the student's answer cells (an nbgrader preprocessor).
- :mod:`autograder.grading.screen`: a static screen of answer cells, which lists code that
  reaches into the grader (rebinds a check, patches NumPy, imports the reference ...).
- :mod:`autograder.grading.sandbox` and :mod:`autograder.grading.execute`: every grading
  kernel in a bubblewrap sandbox; a cell stopped at its time limit says so in words.
- :mod:`autograder.grading.limit_output`: outputs capped by characters, and made inert.
- :mod:`autograder.grading.feedback_filter` and :mod:`autograder.grading.widget_pictures`:
  feedback keeps hidden tests hidden and shows each widget's last picture.
- :mod:`autograder.grading.class_report`: every student, graded or not and why, and per
  exercise which mistakes the class made.
"""
