"""kinerja: analytical workbench for Indonesian government performance accountability (SAKIP).

The public API; everything else is internal and may change. Heavier parts are public
submodules imported on demand: ``kinerja.laporan`` (documents, matplotlib), ``kinerja.word``
(LKjIP .docx), ``kinerja.batch`` and ``kinerja.engine`` (papermill), ``kinerja.halaman``
(ipywidgets pages) and ``kinerja.serve`` (Voila).
"""

__version__ = "0.1.0"

from .agregasi import AGREGASI, PERIODE, agregasikan, cek_target_bulanan, kumulatif, label_periode
from .anggaran import penyerapan, penyerapan_bulanan
from .capaian import POLARITAS, capaian, capaian_tabel, hitung_capaian, normalise_polaritas
from .catatan import Catatan, render_catatan
from .efisiensi import BENTUK_EFISIENSI, efisiensi, efisiensi_pmk214
from .errors import KinerjaError
from .formatting import NAMA_BULAN, bulatkan, format_angka, format_persen, format_rupiah, nama_bulan
from .parsing import JENIS, Nilai, Parsed, parse_column, parse_number, parse_series, parse_value
from .predikat import DEFAULT_SKALA, SkalaPredikat, daftar_skala, muat_skala
from .tables import baca_tabel
from .store import Store, buka_store
from .formulir import FORMULIR, cari_formulir
from .templates import tulis_formulir
from .ingest import HasilMuat, Masalah, muat_berkas
from .kepatuhan import kepatuhan
from .sample import buat_sampel, buat_sampel_salah
from . import analisis, dasbor, narasi

__all__ = [
    "FORMULIR",
    "HasilMuat",
    "Masalah",
    "Store",
    "buka_store",
    "analisis",
    "dasbor",
    "buat_sampel",
    "buat_sampel_salah",
    "cari_formulir",
    "kepatuhan",
    "muat_berkas",
    "narasi",
    "tulis_formulir",
    "AGREGASI",
    "BENTUK_EFISIENSI",
    "DEFAULT_SKALA",
    "JENIS",
    "NAMA_BULAN",
    "PERIODE",
    "POLARITAS",
    "Catatan",
    "KinerjaError",
    "Nilai",
    "SkalaPredikat",
    "__version__",
    "agregasikan",
    "baca_tabel",
    "bulatkan",
    "capaian",
    "capaian_tabel",
    "cek_target_bulanan",
    "daftar_skala",
    "efisiensi",
    "efisiensi_pmk214",
    "format_angka",
    "format_persen",
    "format_rupiah",
    "hitung_capaian",
    "kumulatif",
    "label_periode",
    "muat_skala",
    "nama_bulan",
    "normalise_polaritas",
    "parse_number",
    "parse_series",
    "parse_value",
    "penyerapan",
    "penyerapan_bulanan",
    "render_catatan",
]
