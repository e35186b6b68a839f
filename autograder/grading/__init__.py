"""The instructor's side of grading: what students get back, and what the class got wrong.

- :mod:`autograder.grading.feedback_filter`: an nbgrader preprocessor for
  ``generate_feedback`` that keeps hidden tests hidden in the feedback students receive.
- :mod:`autograder.grading.class_report`: counts, per exercise, which mistakes a class made.
- :mod:`autograder.grading.screen`: a static screen of answer cells, which lists code that
  reaches into the grader (rebinds a check, patches NumPy, imports the reference ...).
"""
