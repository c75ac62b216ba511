"""Rendering: how a document's parts look on screen, on paper, in Word and in Excel.

``tabel`` (the ``Tabel`` a notebook shows), ``grafik`` (charts), ``gambar_pohon`` (the tree
as a picture), ``word`` (.docx), ``excel`` (.xlsx) and ``cetak`` (PDF through chromium).
"""
