"""The Voila pages for officials, units and evaluators and the server that serves them
(``serve`` builds its command; ``pelayan`` is Voila's application with kinerja's caps on open
pages; ``pintu`` its door when personal links are in force; ``pengunjung`` who a page's visitor
is; ``kernel`` runs in every page's kernel and keeps tracebacks in the server's log).

One module per page, named as its notebook in ``notebooks/dashboard/``:
``ringkasan_kabupaten``, ``perangkat_daerah``, ``tren``, ``peringkat``, ``pohon_kinerja``,
the Inspektorat evaluator's ``evaluasi_akip`` (LKE answers, Nilai AKIP, rank, open
recommendations), ``konfirmasi`` (a suspect number confirmed on the Evaluasi AKIP page), the unit
clerk's ``kirim_formulir`` (upload workbooks, get every problem or a receipt), and the evaluator's
explorer ``penjelajah`` (``notebooks/penjelajah_kesenjangan.ipynb``).
They share the widget helpers and pickers of ``widget`` and read what they show from the
plain functions of ``dasbor``. Each page builds its widgets from data computed once for
every unit, so a selection only filters tables and redraws one figure. Choices come from
the store (units, indicators) or fixed lists; nothing typed or taken from the URL becomes a
path, SQL or code. ``halaman`` gives the pages under the names page notebooks copied
before this layout import (``halaman.ringkasan_kabupaten``, …).
"""
