"""A second held-out round that joined the catalogue (issue 6), written like ``round2`` from
the contract alone, after the checks had been rebuilt: it measured them afresh.

Answers meant as correct that the checks reject were looked at one by one: each breaks the
contract (its check's message names how), so they are catalogued as wrong answers. Wrong
answers the checks let pass are kept, uncatalogued, with the reason the course accepts them.
"""
