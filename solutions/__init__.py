"""Reference answers of every exercise of the course, one module per notebook.

``solutions.logits`` answers ``01_logits``, ``solutions.softmax`` answers ``02_softmax``, and
so on (``autograder.course.ASSIGNMENTS`` lists them). NumPy only. Import functions from their
module: ``from solutions.softmax import softmax``.
"""
