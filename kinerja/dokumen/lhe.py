"""The Laporan Hasil Evaluasi (LHE) of the evaluasi AKIP (Peraturan Menteri PANRB Nomor 88 Tahun
2021): for a perangkat daerah, 1. Pendahuluan (dasar, tujuan, ruang lingkup, metodologi),
2. Hasil Evaluasi (Nilai AKIP, predikat and its interpretation, the komponen | bobot | nilai
table with its sub-komponen, catatan per komponen, the follow-up of last year's recommendations),
3. Rekomendasi (numbered), signed by the
Inspektur with tembusan to the Bupati and the Sekretaris Daerah; for the kabupaten, the recap
and ranking of every perangkat daerah (:func:`kinerja.evaluasi.rekap.rekap_lke`).

The score is the evaluator's answer per sub-komponen (:func:`kinerja.core.lke.nilai_lke`,
exact decimals); a missing answer makes the Nilai AKIP *belum lengkap*, never 0. The fixed
sentences are in :mod:`kinerja.dokumen.lhe_teks`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from kinerja.core.errors import KinerjaError
from kinerja.core.formatting import format_angka
from kinerja.core.lke import BELUM_LENGKAP, HasilLKE, tabel_lke
from kinerja.core.lke_parameter import ParameterLKE, muat_lke
from kinerja.dokumen import lhe_teks
from kinerja.dokumen.pengesahan import Kop, TandaTangan, kop_inspektorat, tanda_tangan_inspektur, tempat_dokumen
from kinerja.evaluasi.rekap import hasil_lke, jawaban_unit, rekap_lke, rencana_naik
from kinerja.render.tabel import Tabel
from kinerja.store.store import Store

__all__ = ["JUDUL_LHE", "LaporanHasilEvaluasi", "lhe", "susun_lhe"]

JUDUL_LHE = "Laporan Hasil Evaluasi Akuntabilitas Kinerja Instansi Pemerintah"


# The register's status of a recommendation, as the next year's LHE words it.
_STATUS = {"ditindaklanjuti": "sudah ditindaklanjuti", "belum": "belum ditindaklanjuti",
           "baru": "belum dinilai tindak lanjutnya"}


def _teks_nilai(nilai, kosong: str) -> str:
    return kosong if nilai is None else format_angka(nilai, 2)


@dataclass
class LaporanHasilEvaluasi:
    """Everything the LHE shows for one unit and year (for the kabupaten: the recap)."""

    unit: dict
    tahun: int
    units: pd.DataFrame = field(repr=False)
    lke: ParameterLKE = field(repr=False)
    jawaban: pd.DataFrame = field(repr=False)  # this unit's rows (the kabupaten: every unit's)
    rekomendasi: pd.DataFrame = field(repr=False)  # this unit's recommendations of the year
    hasil: HasilLKE | None = None  # None for the kabupaten
    rekap: pd.DataFrame | None = None  # the kabupaten's perangkat daerah (kinerja.evaluasi.rekap)
    nama_inspektur: str = ""
    nip_inspektur: str = ""
    rekomendasi_lalu: pd.DataFrame | None = field(default=None, repr=False)  # last year's, with their status

    @property
    def kabupaten(self) -> bool:
        return self.unit.get("jenis") == "kabupaten"

    @property
    def judul(self) -> str:
        if self.kabupaten:
            return f"Rekapitulasi Hasil Evaluasi Akuntabilitas Kinerja Perangkat Daerah Tahun {self.tahun}"
        return f"{JUDUL_LHE} Tahun {self.tahun}"

    def kop(self) -> Kop:
        """The Inspektorat's letterhead: the Pemda and the Inspektorat (from the Daftar Unit)."""
        return kop_inspektorat(self.units, self.unit.get("kode"))

    def kepala(self) -> list[str]:
        """The lines under the title: the unit evaluated (or the kabupaten) and the letter number."""
        return [str(self.unit["nama"]), "Nomor: ………………………………"]

    @property
    def subjek(self) -> str:
        """Who was evaluated, as a sentence names it."""
        if self.kabupaten:
            return f"setiap perangkat daerah di lingkungan {self.unit['nama']}"
        return str(self.unit["nama"])

    # 1. Pendahuluan
    def tujuan(self) -> str:
        return lhe_teks.tujuan(self.subjek, self.tahun)

    def ruang_lingkup(self) -> str:
        return lhe_teks.ruang_lingkup(self.subjek, self.tahun, self.lke)

    def metodologi(self) -> list[str]:
        return lhe_teks.metodologi(self.subjek, self.lke)

    # 2. Hasil Evaluasi
    def ringkasan(self) -> str:
        """Nilai AKIP and predikat in one sentence, or why there is none yet."""
        h, nama = self.hasil, self.unit["nama"]
        if h is None:
            return ""
        if not h.lengkap:
            return (f"Evaluasi atas {nama} tahun {self.tahun} {BELUM_LENGKAP}: sub-komponen {', '.join(h.kurang)} "
                    "belum diberi jawaban evaluator, sehingga Nilai AKIP dan predikat belum dapat ditetapkan.")
        return (f"Berdasarkan hasil evaluasi, Nilai AKIP {nama} tahun {self.tahun} adalah "
                f"{format_angka(h.nilai, 2)} dengan predikat {h.label}.")

    def interpretasi(self) -> str:
        """The regulation's interpretation of the predikat (``parameters/lke/skala.yaml``)."""
        h = self.hasil
        if h is None or not h.lengkap or h.predikat not in self.lke.interpretasi:
            return ""
        return f"Interpretasi predikat {h.predikat} ({self.lke.arti[h.predikat]}): {self.lke.interpretasi[h.predikat]}"

    def tabel_nilai(self) -> Tabel | None:
        """Komponen | bobot | nilai, each komponen followed by its sub-komponen, and the total."""
        if self.hasil is None:
            return None
        t = tabel_lke(self.hasil)
        order = []
        for kom in t[t["tingkat"] == "komponen"].itertuples():
            order.append(kom.Index)
            order += list(t.index[(t["tingkat"] == "sub-komponen") & t["kode"].str.startswith(f"{kom.kode}.")])
        t = t.loc[order + list(t.index[t["tingkat"] == "total"])]
        sub = t["tingkat"] == "sub-komponen"
        nilai = [_teks_nilai(n, "belum dijawab" if s else BELUM_LENGKAP) for n, s in zip(t["nilai"], sub)]
        shown = pd.DataFrame({
            "Kode": t["kode"].to_numpy(),
            "Komponen / Sub-komponen": [f"Komponen {u}" if k == "komponen" else u
                                        for u, k in zip(t["uraian"], t["tingkat"])],
            "Bobot": [format_angka(b, 2) for b in t["bobot"]],  # "6,00" beside "4,50", as every nilai
            "Jawaban": [j if s and j else "" for j, s in zip(t["jawaban"], sub)],
            "Nilai": nilai})
        return Tabel(shown, {"Bobot": "nilai", "Nilai": "nilai"},
                     judul=f"Nilai evaluasi AKIP per komponen dan sub-komponen, {self.unit['nama']} tahun {self.tahun}",
                     tebal=list(~sub), utuh=True)  # komponen (and total) bold; the table on one page

    def peningkatan(self) -> str:
        """What it takes to reach the next predikat (the smallest set of improvements)."""
        h = self.hasil
        if h is None or not h.lengkap:
            return ""
        plan = rencana_naik(h)
        if plan is None:
            return "Predikat yang dicapai adalah predikat tertinggi."
        return (f"Untuk mencapai predikat {plan.predikat} ({self.lke.arti[plan.predikat]}), peningkatan terkecil "
                f"yang diperlukan: {plan.uraian()}; Nilai AKIP menjadi {format_angka(plan.nilai, 2)}.")

    def catatan(self) -> list[tuple[str, list[str]]]:
        """Per komponen (``1. Perencanaan Kinerja``), the evaluator's notes on its sub-komponen."""
        rows = self.jawaban
        notes = {} if rows.empty or "catatan" not in rows else {
            str(k): str(c).strip() for k, c in zip(rows["kode"], rows["catatan"]) if isinstance(c, str) and c.strip()}
        out = []
        for kom in self.lke.komponen.itertuples(index=False):
            subs = self.lke.subkomponen[self.lke.subkomponen["komponen"] == kom.kode]
            lines = [f"{s.kode} {s.nama}: {notes[s.kode]}" for s in subs.itertuples(index=False) if s.kode in notes]
            out.append((f"{kom.kode}. {kom.nama}", lines or ["Tidak ada catatan."]))
        return out

    def tabel_tindak_lanjut(self) -> Tabel | None:
        """Last year's recommendations and whether this year's LKE found them followed up."""
        r = self.rekomendasi_lalu
        if r is None or r.empty:
            return None
        r = r.sort_values(["komponen", "nomor"], key=lambda c: pd.to_numeric(c, errors="coerce"))
        names = dict(zip(self.lke.komponen["kode"].astype(str), self.lke.komponen["nama"]))
        shown = pd.DataFrame({"No.": [str(i) for i in range(1, len(r) + 1)],
                              "Komponen": [names.get(str(k), str(k)) for k in r["komponen"]],
                              "Rekomendasi": r["teks"].astype(str).to_numpy(),
                              "Status": r["status"].map(_STATUS).fillna(r["status"]).to_numpy()})
        return Tabel(shown, judul=f"Tindak lanjut rekomendasi hasil evaluasi tahun {self.tahun - 1}")

    # 3. Rekomendasi
    def daftar_rekomendasi(self) -> list[str]:
        """The recommendations, numbered in the order of the komponen."""
        r = self.rekomendasi
        if r.empty:
            return ["Tidak ada rekomendasi."]  # nothing to number
        r = r.sort_values(["komponen", "nomor"], key=lambda c: pd.to_numeric(c, errors="coerce"))
        return [f"{i}. {teks}" for i, teks in enumerate(r["teks"].astype(str).str.strip(), start=1)]

    def tanda_tangan(self) -> TandaTangan:
        """The Inspektur's block, on the right half of the page as a letter is signed, kept on
        one page with the closing paragraph (:func:`kinerja.dokumen.lhe_teks.penutup`) above it."""
        own = tanda_tangan_inspektur(self.units, self.unit.get("kode"), self.nama_inspektur, self.nip_inspektur)
        return TandaTangan([[], *own.blok], pembuka=lhe_teks.penutup(self.kabupaten))

    def tembusan(self) -> list[str]:
        """Tembusan: the Bupati and the Sekretaris Daerah."""
        tempat = tempat_dokumen(self.units, self.unit.get("kode"))
        kab = self.units[self.units["jenis"] == "kabupaten"]
        bupati = str(kab["jabatan"].iloc[0]) if len(kab) == 1 and isinstance(kab["jabatan"].iloc[0], str) \
            else f"Bupati {tempat}"
        return [f"1. {bupati};", f"2. Sekretaris Daerah Kabupaten {tempat}."]

    # the kabupaten: every perangkat daerah
    def tabel_rekap(self) -> Tabel | None:
        """Ranked perangkat daerah, then those belum lengkap (not ranked)."""
        from kinerja.dokumen.lhe_rekap import tabel_rekap

        return None if self.rekap is None else tabel_rekap(self.rekap, self.tahun)

    def tabel_belum_lengkap(self) -> Tabel | None:
        from kinerja.dokumen.lhe_rekap import tabel_belum_lengkap

        return None if self.rekap is None else tabel_belum_lengkap(self.rekap, self.tahun)

    def ringkasan_rekap(self) -> str:
        from kinerja.dokumen.lhe_rekap import ringkasan_rekap

        return "" if self.rekap is None else ringkasan_rekap(self.rekap, self.tahun)


def susun_lhe(units: pd.DataFrame, info: dict, tahun: int, jawaban: pd.DataFrame, rekomendasi: pd.DataFrame,
              lke: ParameterLKE | None = None, nama_inspektur: str = "", nip_inspektur: str = "",
              rekomendasi_lalu: pd.DataFrame | None = None) -> LaporanHasilEvaluasi:
    """The LHE from tables (answers and recommendations shaped as :func:`kinerja.evaluasi.muat_lke`
    and :func:`kinerja.evaluasi.muat_rekomendasi` return them), for one unit (``info``, its
    Daftar Unit row) or, for the kabupaten, the recap of its perangkat daerah."""
    lke = lke or muat_lke()
    kode = str(info["kode"])
    if info.get("jenis") == "kabupaten":
        from kinerja.core.wilayah import unit_kabupaten

        pds = unit_kabupaten(units, kode)
        pds = pds[pds["jenis"] == "perangkat_daerah"]
        return LaporanHasilEvaluasi(info, tahun, units, lke, jawaban, rekomendasi.iloc[0:0], None,
                                    rekap_lke(jawaban, pds, lke), nama_inspektur, nip_inspektur)
    if not jawaban_unit(jawaban, kode):
        raise KinerjaError(f"{info['nama']} belum memiliki jawaban Lembar Kerja Evaluasi tahun {tahun}; Laporan "
                           "Hasil Evaluasi tidak dapat disusun")
    own = jawaban[jawaban["kode_unit"] == kode]
    def mine(r: pd.DataFrame | None) -> pd.DataFrame | None:
        return r[r["kode_unit"] == kode] if r is not None and len(r) else r

    return LaporanHasilEvaluasi(info, tahun, units, lke, own, mine(rekomendasi), hasil_lke(jawaban, kode, lke), None,
                                nama_inspektur, nip_inspektur, mine(rekomendasi_lalu))


# long: a public builder; its NumPy docstring is most of it
def lhe(store: Store, unit: str, tahun: int, nama_inspektur: str = "", nip_inspektur: str = "") -> LaporanHasilEvaluasi:
    """The Laporan Hasil Evaluasi AKIP of a perangkat daerah, or for the kabupaten the recap and
    ranking of all its perangkat daerah, from the LKE answers in the store.

    Parameters
    ----------
    store : Store
        The store (``kinerja.buka_store``).
    unit : str
        The unit's code in the Daftar Unit (a perangkat daerah, or the kabupaten for the recap).
    tahun : int
        The year evaluated.
    nama_inspektur, nip_inspektur : str, optional
        The Inspektur's name and NIP for the signature (dotted lines when empty: the Daftar
        Unit holds positions, not people).

    Returns
    -------
    LaporanHasilEvaluasi
        Its sentences, the nilai table, catatan, numbered rekomendasi, signature and tembusan;
        for the kabupaten ``tabel_rekap()``.

    Raises
    ------
    KinerjaError
        The unit is unknown, or a perangkat daerah has no LKE answers for the year.

    Examples
    --------
    >>> import kinerja
    >>> from kinerja.contoh.store import store_contoh
    >>> lap = kinerja.lhe(store_contoh(), "dinkes", 2026)
    >>> lap.judul
    'Laporan Hasil Evaluasi Akuntabilitas Kinerja Instansi Pemerintah Tahun 2026'
    """
    from kinerja.dokumen.bagian import _unit
    from kinerja.evaluasi import muat_lke as muat_jawaban, muat_rekomendasi

    units, info = _unit(store, unit)
    lalu = muat_rekomendasi(store, tahun - 1, unit) if info.get("jenis") != "kabupaten" else None
    return susun_lhe(units, info, tahun, muat_jawaban(store, tahun), muat_rekomendasi(store, tahun),
                     nama_inspektur=nama_inspektur, nip_inspektur=nip_inspektur, rekomendasi_lalu=lalu)
