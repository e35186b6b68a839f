"""A held-out round that joined the catalogue (issue 6).

Written from the course's contract alone (COURSE.md and the references' docstrings) by
someone who had seen neither the checks nor the catalogue: for every exercise, at least eight
realistic wrong answers, each with one slip and a witness input in its note, and three
correct answers in other styles than the reference's. The round was measured against the
checks before it joined (see the closing note of issue 6); its wrong answers are now entries
like any other, its correct ones must pass every check (``tests/test_mistake_catalogue.py``).
"""
