"""The measurement core: the rules every number follows, as plain functions of tables.

Parsing values as Indonesian reports write them (``parsing``), capaian by polaritas
(``capaian``, run over whole columns in ``capaian_kolom``) and its flags (``catatan``),
predikat scales (``predikat``), agregasi of monthly values into periods (``agregasi``),
months, quarters and their names (``periode``), absorption (``anggaran``), efficiency
(``efisiensi``), the weighted roll-up (``berjenjang``), plausibility (``kewajaran``),
comparisons with one tolerance (``aturan``), Indonesian display (``formatting``), polaritas
guessed from names (``polaritas``), user tables on disk (``berkas``), the parameter-file
models (``konfigurasi``) and reading them (``parameter``), the package's own files
(``sumber``), the one error type (``errors``) and the evaluasi AKIP score (``lke``; its
parameter files ``lke_parameter``; the suggested answer and the smallest improvement
``lke_saran``). Nothing here reads the store.
"""
