"""The documents: one registry (``daftar``) and the builders notebooks call.

``craapk`` (CRAAPK), ``rencana`` (RKT/PK/RAAPK), ``lkjip`` (LKjIP; its chapters' tables in
``lkjip_bab``, the analyses per sasaran in ``lkjip_sasaran``), ``triwulanan`` (laporan kinerja
triwulanan), ``evaluasi_renja`` (Evaluasi Renja/RKPD; its rows in ``evaluasi_renja_tabel``, its
workbook in ``evaluasi_renja_xlsx``), ``pohon_kinerja`` (the pohon kinerja document), ``bagian``
(parts several documents share), ``narasi`` (sentences written from the numbers, one module per
kind) and ``pengesahan`` (signature blocks and the Pernyataan Perjanjian Kinerja).
"""
