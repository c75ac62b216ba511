"""The Inspektorat's work: reviu of the LKjIP and evaluasi AKIP.

``jawaban`` reads an evaluator's (or a unit's self-assessment) answers per sub-komponen from
a .csv or .xlsx table, with a located message for every problem; the scoring itself is a rule
of the core (:mod:`kinerja.core.lke`, :mod:`kinerja.core.lke_saran`).
"""
