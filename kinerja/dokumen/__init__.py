"""The documents: one registry (``daftar``) and the builders notebooks call.

``laporan`` (CRAAPK, RKT/PK/RAAPK, LKjIP), ``triwulanan`` (laporan kinerja triwulanan),
``evaluasi_renja`` (Evaluasi Renja/RKPD), ``pohon_kinerja`` (the pohon kinerja document),
``narasi`` (sentences written from the numbers) and ``pengesahan`` (signature blocks and the
Pernyataan Perjanjian Kinerja).
"""
