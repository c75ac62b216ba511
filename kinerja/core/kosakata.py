"""Vocabularies that the parameter files and the engine share, in a module that imports
nothing, so every layer (and the parameter-file models) can use the one list.

Examples
--------
>>> POLARITAS
('positif', 'negatif', 'stabil', 'kualitatif')
"""

__all__ = ["POLARITAS"]

# The polarities of an indicator (docs/metodologi.md §2): more is better, less is better,
# within a band, a grade.
POLARITAS = ("positif", "negatif", "stabil", "kualitatif")
