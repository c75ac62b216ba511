"""Analysis on the store: the tables documents and pages show, for one unit or all.

``dari_store`` (a package: monthly and cumulative capaian, budgets, history), ``kepatuhan``
(who reported on time), ``peringkat`` (the ranking), ``pohon`` and ``keselarasan`` (the
pohon kinerja and its alignment checks), ``proyeksi`` (early warning), ``jabatan``
(pejabat capaian from cascaded indicators), ``wilayah`` (which kabupaten a unit is in) and
``dasbor`` (what the pages show, computed once for every unit).
"""
