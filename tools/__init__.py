"""Maintainer tools: keep the notebooks in step with the reference answers and nbgrader."""
