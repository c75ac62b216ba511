"""The Inspektorat's work: reviu of the LKjIP and evaluasi AKIP.

``jawaban`` reads an evaluator's (or a unit's self-assessment) answers per sub-komponen from
a .csv or .xlsx table, with a located message for every problem; the scoring itself is a rule
of the core (:mod:`kinerja.core.lke`, :mod:`kinerja.core.lke_saran`). The Lembar Kerja
Evaluasi per unit: ``lke_muat`` (its answers, kriteria and recommendations as the store holds
them: :func:`muat_lke`, :func:`muat_rekomendasi`), ``lke_bukti`` (the evidence kinerja
already holds), ``lke_templat`` (the workbook issued again with the answers, suggestions and
evidence so far); its layout and checks are a formulir's (:mod:`kinerja.formulir.lke`).
``reviu*`` is the reviu of the LKjIP (Peraturan Menteri PANRB Nomor 53 Tahun 2014, Lampiran III): the checklist as data
(``reviu_butir``), the automatic decisions (``reviu_ukur``, ``reviu_telaah``, ``reviu_aturan``),
the kertas kerja written and read back (``reviu_kertas``, ``reviu_baca``), the KKR
(``reviu_kkr``) and the Pernyataan Telah Direviu (``reviu_pernyataan``).
"""

from kinerja.evaluasi.lke_muat import muat_lke, muat_rekomendasi
from kinerja.evaluasi.reviu_butir import butir_reviu

__all__ = ["butir_reviu", "muat_lke", "muat_rekomendasi"]
