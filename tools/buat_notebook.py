"""Write the notebooks in notebooks/ from one description, so their shared frame
(title, parameters cell, store) is stated once. Run after changing a notebook's cells:

    .venv/bin/python tools/buat_notebook.py
"""

from pathlib import Path

import nbformat as nbf

from kinerja.laporan import TEKS_LKJIP

FOLDER = Path(__file__).resolve().parent.parent / "notebooks"
TINGKAT = {"kabupaten": ("Pemerintah Kabupaten", "nusa-rekaan"),
           "perangkat_daerah": ("Perangkat Daerah", "dinkes"),
           "pejabat": ("Pejabat Administrator/Pengawas", "dinkes-kesmas")}

PARAMS = ('unit = "{unit}"  # kode unit pada Daftar Unit\n'
          "tahun = 2026\n"
          "{bulan}"
          'db = ""  # URL basis data; kosong: basis data contoh Kabupaten Nusa Rekaan\n'
          'skala = "permendagri-86-2017"  # skala predikat di parameters/predikat/\n'
          'keluaran = ""  # folder untuk berkas .xlsx/.docx dokumen ini; kosong: tidak ditulis')

SETUP = ("from IPython.display import Markdown, display\n\n"
         "import kinerja\n"
         "from kinerja import contoh, laporan\n\n"
         "store = kinerja.Store(db) if db else contoh.store_contoh()\n")

# The document's own files (filled formulir .xlsx; the LKjIP as .docx) when a folder is given.
SIMPAN = "if keluaran:\n    lap.simpan(keluaran)"

CRAAPK = [
    ("code", "lap = laporan.craapk(store, unit, tahun, bulan, skala)\n"
             "display(Markdown(f\"## {lap.unit['nama']}\\n\\n**Periode laporan:** {lap.periode} · \"\n"
             "                 f\"**Skala predikat:** {lap.skala.nama}\"))"),
    ("md", "### Ringkasan"),
    ("code", "display(Markdown(lap.ringkasan))"),
    ("md", "### Capaian kinerja sampai bulan laporan\n\nRealisasi dan target digabung menurut agregasi tiap "
           "indikator (jumlah, akhir, rata-rata, rasio, maks, min), lalu dibandingkan."),
    ("code", "lap.tabel_kumulatif()"),
    ("code", "lap.grafik_capaian();"),
    ("md", "### Kinerja per bulan (formulir CRAAPK kolom 1–10)"),
    ("code", "lap.tabel_kinerja()"),
    ("code", "lap.grafik_bulanan();"),
    ("md", "### Anggaran (formulir CRAAPK kolom 11–17)"),
    ("code", "lap.tabel_anggaran()"),
    ("code", "lap.grafik_kurva_s();"),
    ("md", "### Analisis"),
    ("code", 'display(Markdown("\\n".join(f"- {k}" for k in lap.narasi)))'),
]


def rencana(dok: str, extra: list) -> list:
    return [
        ("code", f'lap = laporan.rencana(store, unit, tahun, "{dok}")\n'
                 "display(Markdown(f\"## {lap.unit['nama']}\\n\\n{lap.ringkasan}\"))"),
        ("md", "### Sasaran, indikator dan target"),
        ("code", "lap.tabel_target()"),
        ("md", "### Program dan anggaran"),
        ("code", "lap.tabel_anggaran()"),
        *extra,
        ("md", "### Reviu otomatis"),
        ("code", 'display(Markdown("\\n".join(f"- {k}" for k in lap.reviu)))'),
    ]


LKJIP = [
    ("code", "lap = laporan.lkjip(store, unit, tahun, skala)\n"
             "display(Markdown(f\"## {lap.unit['nama']}\\n\\n**Laporan Kinerja {lap.periode}**\"))"),
    ("md", f"## Kata Pengantar\n\n{TEKS_LKJIP['kata_pengantar']}"),
    ("md", "## Ringkasan Eksekutif"),
    ("code", "display(Markdown(lap.ringkasan_eksekutif))\nlap.grafik_capaian();"),
    ("md", f"## Bab I Pendahuluan\n\n### A. Latar Belakang\n\n{TEKS_LKJIP['latar_belakang']}\n\n### B. Dasar Hukum"),
    ("code", 'display(Markdown("\\n".join(f"{i}. {d}" for i, d in enumerate(laporan.DASAR_HUKUM, 1))))'),
    ("md", f"### C. Maksud dan Tujuan\n\n{TEKS_LKJIP['maksud']}\n\n### D. Gambaran Umum, Struktur Organisasi dan SDM"),
    ("code", "display(Markdown(f\"Unit: **{lap.unit['nama']}**, dipimpin oleh {lap.unit['jabatan'] or '–'}.\"))\n"
             "laporan.tabel_tampil(lap.pejabat) if not lap.pejabat.empty else None"),
    ("md", f"## Bab II Perencanaan Kinerja\n\n{TEKS_LKJIP['bab_ii']}"),
    ("code", "lap.tabel_pk()"),
    ("md", "## Bab III Akuntabilitas Kinerja\n\n### A. Capaian Kinerja Organisasi"),
    ("code", "lap.tabel_pengukuran()"),
    ("code", "for i, a in enumerate(lap.sasaran, 1):\n"
             "    display(Markdown(f'#### Sasaran {i}: {a.sasaran}'))\n"
             "    if not a.tabel.empty:\n"
             "        display(laporan.tabel_tampil(a.tabel))\n"
             "    for key, title in laporan.JUDUL_ANALISIS.items():\n"
             "        display(Markdown(f'**{title}**\\n\\n' + '\\n'.join(f'- {k}' for k in a.kalimat[key])))"),
    ("md", "### B. Realisasi Anggaran"),
    ("code", "lap.tabel_anggaran()"),
    ("code", "lap.tabel_perangkat_daerah()"),
    ("md", "## Bab IV Penutup"),
    ("code", "display(Markdown(lap.penutup))"),
    ("md", f"## Lampiran\n\n{TEKS_LKJIP['lampiran']}"),
]

PEJABAT_PK = rencana("pk", [
    ("md", "### Capaian\n\nCapaian dihitung dari realisasi yang dilaporkan untuk indikator PK ini."),
    ("code", "cap = laporan.craapk(store, unit, tahun, 12, skala)\n"
             "display(Markdown(cap.ringkasan))\ncap.tabel_kumulatif()"),
])


DOCS = {
    "rkt": ("Rencana Kinerja Tahunan (RKT)", "Sasaran, indikator, target dan anggaran tahun berjalan (Perbup seed 002, "
            "formulir RKT).", rencana("rkt", []), ("kabupaten", "perangkat_daerah")),
    "pk": ("Perjanjian Kinerja (PK)", "Lampiran Perjanjian Kinerja: sasaran, indikator dan target yang diperjanjikan, "
           "dengan program dan anggarannya (Perbup seed 002).", rencana("pk", []),
           ("kabupaten", "perangkat_daerah")),
    "raapk": ("Rencana Aksi atas Perjanjian Kinerja (RAAPK)", "Target kinerja dan anggaran per bulan, tidak "
              "diakumulasikan; tanda – berarti tidak ada target pada bulan itu (Perbup seed 002).",
              rencana("raapk", [("code", "lap.grafik_rencana_anggaran();")]), ("kabupaten", "perangkat_daerah")),
    "lkjip": ("Laporan Kinerja Instansi Pemerintah (LKjIP)", "Disusun menurut kerangka Perbup seed 002 §3.2.4, "
              "dari data pengukuran kinerja.", LKJIP, ("kabupaten", "perangkat_daerah")),
    "craapk": ("Capaian Rencana Aksi atas Perjanjian Kinerja (CRAAPK)", "Laporan bulanan capaian kinerja dan "
               "anggaran (Perbup seed 002, formulir CRAAPK).", CRAAPK, ("kabupaten", "perangkat_daerah")),
}
def notebook(title: str, intro: str, cells: list, unit: str, monthly: bool) -> nbf.NotebookNode:
    nb = nbf.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    bulan = "bulan = 9  # bulan laporan\n" if monthly else ""
    nb.cells = [nbf.v4.new_markdown_cell(f"# {title}\n\n{intro}"),
                nbf.v4.new_code_cell(PARAMS.format(unit=unit, bulan=bulan), metadata={"tags": ["parameters"]}),
                nbf.v4.new_code_cell(SETUP.rstrip())]
    for kind, text in cells:
        nb.cells.append(nbf.v4.new_markdown_cell(text) if kind == "md" else nbf.v4.new_code_cell(text))
    nb.cells.append(nbf.v4.new_code_cell(SIMPAN))
    return nb


# Voila pages (notebooks/dashboard/) and the evaluator's explorer: a parameters cell and one call.
HALAMAN = {
    "dashboard/ringkasan_kabupaten.ipynb": ("Ringkasan Kabupaten", "ringkasan_kabupaten"),
    "dashboard/perangkat_daerah.ipynb": ("Perangkat Daerah", "perangkat_daerah"),
    "dashboard/tren.ipynb": ("Tren", "tren"),
    "penjelajah_kesenjangan.ipynb": ("Penjelajah Kesenjangan Kinerja", "penjelajah"),
}
HALAMAN_PARAMS = ('db = ""  # URL basis data; kosong: KINERJA_DB dari kinerja serve, atau contoh Nusa Rekaan\n'
                  "tahun = None  # None: tahun dan bulan terakhir yang dilaporkan\n"
                  "bulan = None")


def halaman(title: str, function: str) -> nbf.NotebookNode:
    nb = nbf.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["title"] = title
    nb.cells = [nbf.v4.new_code_cell(HALAMAN_PARAMS, metadata={"tags": ["parameters"]}),
                nbf.v4.new_code_cell("from kinerja import dasbor, halaman\n\n"
                                     f"halaman.{function}(dasbor.konteks(db, tahun, bulan))")]
    return nb


def _stable_ids(nb: nbf.NotebookNode) -> nbf.NotebookNode:
    """Cell ids by position, so regenerating an unchanged notebook changes nothing."""
    for i, cell in enumerate(nb.cells):
        cell.id = f"sel-{i:02d}"
    return nb


def main(folder: Path = FOLDER) -> None:
    for name, (title, function) in HALAMAN.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        nbf.write(_stable_ids(halaman(title, function)), folder / name)
    for dok, (title, intro, cells, levels) in DOCS.items():
        for level in levels:
            name, unit = TINGKAT[level]
            nbf.write(_stable_ids(notebook(f"{title}: {name}", intro, cells, unit, dok == "craapk")),
                      folder / f"{dok}_{level}.ipynb")
    name, unit = TINGKAT["pejabat"]
    nbf.write(_stable_ids(notebook(f"Perjanjian Kinerja (PK): {name}", "PK pejabat administrator/pengawas dan "
                                   "capaiannya.", PEJABAT_PK, unit, False)), folder / "pk_pejabat.ipynb")


if __name__ == "__main__":
    main()
