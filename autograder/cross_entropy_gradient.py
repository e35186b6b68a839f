"""Checks of the exercises of this notebook (to be written)."""

__all__: list[str] = []
