"""The pages under the name they had when every page lived in this module: a page notebook
copied for editing (``kinerja notebook salin``) still reads ``from kinerja.halaman import
halaman`` and calls ``halaman.ringkasan_kabupaten(...)``. Each page lives in its own module
(``kinerja.halaman.ringkasan_kabupaten``, …); nothing is defined here.
"""

from __future__ import annotations

from kinerja.halaman.penjelajah import penjelajah
from kinerja.halaman.perangkat_daerah import perangkat_daerah
from kinerja.halaman.peringkat import peringkat
from kinerja.halaman.pohon_kinerja import pohon_kinerja
from kinerja.halaman.ringkasan_kabupaten import ringkasan_kabupaten
from kinerja.halaman.tren import tren

__all__ = ["penjelajah", "perangkat_daerah", "peringkat", "pohon_kinerja", "ringkasan_kabupaten", "tren"]
