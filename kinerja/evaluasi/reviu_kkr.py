"""The results of a reviu once the reviewer's answers are in: the findings file
(:func:`temuan_akhir`), the conclusion (:func:`simpulan`) and the kertas kerja reviu (KKR)
workbook with the four parts Peraturan Menteri PANRB Nomor 53 Tahun 2014, Lampiran III huruf C
angka 3 huruf c requires (:func:`tulis_kkr`):

1. the tests of the reliability and accuracy of the performance data (the automatic decisions
   and their findings);
2. the review of the SAKIP activities (alignment of the plans: the RPJMD/Renstra and pohon
   kinerja checks, the kabupaten's own sasaran);
3. what was reviewed and the steps taken (the 23 items and their steps);
4. the results and the reviewer's conclusion (answers, correction register, conclusion).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kinerja.evaluasi.reviu_butir import teks_tampil
from kinerja.evaluasi.reviu_hasil import KOLOM_KOREKSI, KOLOM_TEMUAN_SUMBER, PENJAWAB_PEREVIU, SUMBER, HasilReviu
from kinerja.evaluasi.reviu_kertas import KEPALA_KOREKSI, KEPALA_TEMUAN, judul_kertas, lembar_tabel

__all__ = ["LEMBAR_KKR", "simpulan", "temuan_akhir", "tulis_kkr"]

LEMBAR_KKR = ("1 Pengujian data", "2 Telaah SAKIP", "3 Langkah reviu", "4 Hasil dan simpulan")
_TELAAH = ("sasaran_selaras", "bukan_jumlah_unit")


def temuan_akhir(hasil: HasilReviu) -> pd.DataFrame:
    """The findings file: kinerja's automatic findings (``sumber`` "basis data"), those of the
    unit's Word LKjIP merged in (:func:`kinerja.evaluasi.reviu.gabung_lkjip`, "dokumen") and the
    reviewer's "Tidak" answers ("kertas kerja"); columns :data:`KOLOM_TEMUAN_SUMBER`."""
    tidak = hasil.butir[(hasil.butir["penjawab"] == PENJAWAB_PEREVIU) & (hasil.butir["jawaban"] == "Tidak")]
    pereviu = pd.DataFrame({"butir": tidak["kode"], "tabel": "Kertas kerja", "baris": "", "indikator": "",
                            "tertulis": "Tidak", "seharusnya": "Ya",
                            "uraian": tidak["catatan"].where(tidak["catatan"] != "", "dijawab Tidak oleh pereviu"),
                            "sumber": SUMBER["pereviu"]}, columns=KOLOM_TEMUAN_SUMBER)
    parts = [f for f in (hasil.semua_temuan, pereviu) if not f.empty]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=KOLOM_TEMUAN_SUMBER)


def simpulan(hasil: HasilReviu) -> str:
    """The reviewer's conclusion in one paragraph: whether the LKjIP presents reliable, accurate
    and valid performance information, and what is still open."""
    count = hasil.butir["jawaban"].value_counts()
    belum = int(count.get("Belum diuji", 0))
    tidak = int(count.get("Tidak", 0))
    terbuka = len(hasil.koreksi_terbuka)
    nama = f"LKjIP {hasil.info.get('nama', hasil.unit)} tahun {hasil.tahun}"
    kerja = "reviu" if hasil.kabupaten else "evaluasi"
    text = (f"Dari 23 butir checklist, {int(count.get('Ya', 0))} dijawab Ya, {tidak} Tidak, "
            f"{int(count.get('Tidak berlaku', 0))} tidak berlaku dan {belum} belum diuji; {len(hasil.koreksi)} koreksi "
            f"tercatat, {terbuka} di antaranya disepakati tetapi belum dilakukan. ")
    if belum:
        return text + f"{kerja.capitalize()} belum selesai: {belum} butir belum diuji, sehingga simpulan belum dapat dibuat."
    if tidak or terbuka:
        return text + (f"{nama} belum sepenuhnya menyajikan informasi kinerja yang andal, akurat dan absah; koreksi "
                       "yang belum dilakukan diuraikan dalam paragraf penjelas.")
    return text + f"{nama} telah menyajikan informasi kinerja yang andal, akurat dan absah."


def _aturan_butir(hasil: HasilReviu) -> pd.DataFrame:
    """Per automatic rule: the item it decides, what it tests, the item's step and answer."""
    from kinerja.evaluasi.reviu_aturan import ATURAN
    from kinerja.evaluasi.reviu_butir import butir_reviu

    rules = butir_reviu()[["kode", "otomatis"]].explode("otomatis").dropna()
    rows = rules.merge(hasil.butir[["kode", "langkah", "jawaban"]], on="kode")
    return pd.DataFrame({"butir": rows["kode"], "aturan": rows["otomatis"],
                         "pengujian": rows["otomatis"].map(lambda n: ATURAN[n][1]),
                         "hasil": rows["jawaban"], "bukti (baris)": rows["otomatis"].map(
                             lambda n: len(hasil.bukti.get(n, ())))})


def _tulis(hasil: HasilReviu, target: Path) -> None:
    from openpyxl import Workbook

    from kinerja.core.berkas import netralkan_rumus

    wb = Workbook()
    wb.remove(wb.active)
    rules = _aturan_butir(hasil)
    uji = rules[~rules["aturan"].isin(_TELAAH)]
    telaah = rules[rules["aturan"].isin(_TELAAH)]
    found = hasil.semua_temuan
    lembar_tabel(wb, LEMBAR_KKR[0], f"{judul_kertas(hasil)}: hasil pengujian keandalan dan akurasi data",
                 ["Butir", "Aturan", "Pengujian", "Hasil", "Bukti (baris)"], uji)
    lembar_tabel(wb, f"{LEMBAR_KKR[0]} temuan", "Temuan pengujian data", KEPALA_TEMUAN,
                 found[~found["butir"].isin(telaah["butir"])])
    lembar_tabel(wb, LEMBAR_KKR[1], f"{judul_kertas(hasil)}: telaahan atas penyelenggaraan SAKIP (keselarasan)",
                 ["Butir", "Aturan", "Pengujian", "Hasil", "Bukti (baris)"], telaah)
    lembar_tabel(wb, f"{LEMBAR_KKR[1]} temuan", "Temuan telaah SAKIP", KEPALA_TEMUAN,
                 found[found["butir"].isin(telaah["butir"])])
    lembar_tabel(wb, LEMBAR_KKR[2], f"{judul_kertas(hasil)}: hal yang direviu dan langkah reviu",
                 ["Kode", "Bagian", "Pernyataan", "Diputuskan oleh", "Langkah reviu"],
                 hasil.butir[["kode", "bagian", "teks", "penjawab", "langkah"]].assign(
                     teks=teks_tampil(hasil.butir["teks"])))
    lembar_tabel(wb, LEMBAR_KKR[3], f"{judul_kertas(hasil)}: hasil dan simpulan. {simpulan(hasil)}",
                 ["Kode", "Jawaban", "Bukti", "Catatan"], hasil.butir[["kode", "jawaban", "bukti", "catatan"]])
    lembar_tabel(wb, f"{LEMBAR_KKR[3]} koreksi", "Koreksi: disepakati, dilakukan, belum dilakukan", KEPALA_KOREKSI,
                 hasil.koreksi[KOLOM_KOREKSI])
    netralkan_rumus(wb)
    wb.save(target)


def tulis_kkr(hasil: HasilReviu, path: str | Path) -> Path:
    """Write the KKR workbook (.xlsx) of ``hasil``: the four parts, each with its findings or
    register beside it."""
    from kinerja.core.berkas import tulis_atomik
    from kinerja.render.keluaran import tulis_keluaran

    return tulis_keluaran(path, {".xlsx": lambda target: tulis_atomik(target, lambda tmp: _tulis(hasil, tmp))})
