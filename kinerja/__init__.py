"""kinerja: analytical workbench for Indonesian government performance accountability (SAKIP).

The public API; everything else is internal and may change. Heavier parts are public
submodules imported on demand: ``kinerja.dokumen.laporan`` (documents, matplotlib), ``kinerja.render.word``
(LKjIP .docx), ``kinerja.run.batch`` and ``kinerja.run.engine`` (papermill), ``kinerja.halaman.halaman``
(ipywidgets pages) and ``kinerja.halaman.serve`` (Voila).
"""

__version__ = "0.1.0"

from kinerja.core.agregasi import AGREGASI, PERIODE, agregasikan, cek_target_bulanan, kumulatif, label_periode
from kinerja.core.anggaran import penyerapan, penyerapan_bulanan
from kinerja.core.capaian import POLARITAS, capaian, capaian_tabel, hitung_capaian, normalise_polaritas
from kinerja.core.catatan import Catatan, render_catatan
from kinerja.core.efisiensi import BENTUK_EFISIENSI, efisiensi, efisiensi_pmk214
from kinerja.core.errors import KinerjaError
from kinerja.core.formatting import NAMA_BULAN, bulatkan, format_angka, format_persen, format_rupiah, nama_bulan
from kinerja.core.parsing import JENIS, Nilai, Parsed, parse_column, parse_number, parse_series, parse_value
from kinerja.core.predikat import DEFAULT_SKALA, SkalaPredikat, daftar_skala, muat_skala
from kinerja.core.berkas import baca_tabel
from kinerja.store.store import Store, buka_store
from kinerja.formulir.daftar import FORMULIR, cari_formulir
from kinerja.formulir.templat import tulis_formulir
from kinerja.formulir.ingest import HasilMuat, Masalah, muat_berkas
from kinerja.analisis.kepatuhan import kepatuhan
from kinerja.contoh.kabupaten import buat_sampel, buat_sampel_salah
from kinerja.analisis import dari_store as analisis
from kinerja.analisis import dasbor
from kinerja.dokumen import narasi

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
