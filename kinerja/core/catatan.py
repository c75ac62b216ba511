"""Flags raised while computing capaian, and their Indonesian wording.

Every convention of docs/metodologi.md §2 that changes or withholds a number leaves a bit in
an integer column ``kode``; :func:`render_catatan` turns the bits into the
``catatan`` text users read. Bits combine with ``|`` so the engine stays vectorised.
"""

from __future__ import annotations

from enum import IntFlag

import numpy as np
import pandas as pd

from kinerja.core.formatting import pendek

__all__ = ["Catatan", "PESAN", "render_catatan"]


class Catatan(IntFlag):
    """One bit per convention applied to a row."""

    TARGET_KOSONG = 1 << 0
    REALISASI_KOSONG = 1 << 1
    TARGET_TIDAK_VALID = 1 << 2
    REALISASI_TIDAK_VALID = 1 << 3
    TARGET_NOL_NEGATIF = 1 << 4
    NEGATIF_DIBATASI_NOL = 1 << 5
    POLARITAS_DARI_BATAS = 1 << 6
    POLARITAS_DIANGGAP_POSITIF = 1 << 7
    POLARITAS_DARI_RENTANG = 1 << 8
    POLARITAS_TIDAK_DIKENAL = 1 << 9
    POLARITAS_BERTENTANGAN = 1 << 10
    PEMISAH_DITEBAK_TARGET = 1 << 11
    PEMISAH_DITEBAK_REALISASI = 1 << 12
    DIBATASI = 1 << 13
    TARGET_NEGATIF = 1 << 14
    SKALA_KUALITATIF_TIDAK_COCOK = 1 << 15
    REALISASI_BUKAN_TUNGGAL = 1 << 16
    SATUAN_BERBEDA = 1 << 17
    POLARITAS_KUALITATIF = 1 << 18
    DI_BAWAH_RENTANG = 1 << 19
    DI_ATAS_RENTANG = 1 << 20
    TARGET_NOL_POSITIF = 1 << 21


# Messages; "{target}" and "{realisasi}" are replaced by the raw cell text.
PESAN: dict[Catatan, str] = {
    Catatan.TARGET_KOSONG: "target kosong: capaian tidak dihitung",
    Catatan.REALISASI_KOSONG: "realisasi belum diisi: capaian tidak dihitung dan tidak ikut dirata-rata",
    Catatan.TARGET_TIDAK_VALID: 'target "{target}" tidak dapat dibaca sebagai angka, rentang, batas atau nilai huruf',
    Catatan.REALISASI_TIDAK_VALID: 'realisasi "{realisasi}" tidak dapat dibaca sebagai angka atau nilai huruf',
    Catatan.TARGET_NOL_NEGATIF: "target 0 pada polaritas negatif: realisasi 0 dinilai 100, di atas 0 dinilai 0",
    Catatan.TARGET_NOL_POSITIF: "target 0 pada polaritas positif: capaian tidak terdefinisi",
    Catatan.NEGATIF_DIBATASI_NOL: "realisasi lebih dari dua kali target pada polaritas negatif: "
    "hasil rumus di bawah 0, dilaporkan 0",
    Catatan.POLARITAS_DARI_BATAS: 'polaritas disimpulkan dari bentuk target ("kurang dari"/"maksimal" = negatif, '
    '"minimal"/"lebih dari" = positif)',
    Catatan.POLARITAS_DIANGGAP_POSITIF: "polaritas tidak diisi: dianggap positif",
    Catatan.POLARITAS_DARI_RENTANG: "polaritas tidak diisi dan target berupa rentang: dianggap stabil",
    Catatan.POLARITAS_TIDAK_DIKENAL: "polaritas tidak dikenal (yang diterima: positif, negatif, stabil/rentang, "
    "kualitatif): capaian tidak dihitung",
    Catatan.POLARITAS_BERTENTANGAN: "polaritas yang diisi bertentangan dengan bentuk target; dipakai polaritas yang diisi",
    Catatan.PEMISAH_DITEBAK_TARGET: 'pemisah pada target "{target}" dibaca sebagai pemisah ribuan',
    Catatan.PEMISAH_DITEBAK_REALISASI: 'pemisah pada realisasi "{realisasi}" dibaca sebagai pemisah ribuan',
    Catatan.DIBATASI: "capaian dibatasi sesuai batas atas yang ditetapkan",
    Catatan.TARGET_NEGATIF: "target bernilai negatif: capaian dihitung dari selisih terhadap |target|",
    Catatan.SKALA_KUALITATIF_TIDAK_COCOK: "target dan realisasi kualitatif harus nilai huruf pada skala yang sama "
    "(opini BPK: WTP/WDP/TW/TMP; predikat: AA–D): capaian tidak dihitung",
    Catatan.REALISASI_BUKAN_TUNGGAL: "realisasi harus satu nilai, bukan rentang atau batas: capaian tidak dihitung",
    Catatan.SATUAN_BERBEDA: "satuan target dan realisasi berbeda; periksa kembali",
    Catatan.POLARITAS_KUALITATIF: "target dan realisasi berupa nilai huruf: dihitung sebagai kualitatif",
    Catatan.DI_BAWAH_RENTANG: "realisasi di bawah rentang target: dihitung terhadap batas bawah",
    Catatan.DI_ATAS_RENTANG: "realisasi di atas rentang target: dihitung terhadap batas atas",
}


_QUOTES_TARGET = sum(int(f) for f, text in PESAN.items() if "{target}" in text)
_QUOTES_REALISASI = sum(int(f) for f, text in PESAN.items() if "{realisasi}" in text)


def _text_codes(raw: pd.Series | None, rows: np.ndarray, needed: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Codes of the raw cell text on ``rows`` where a message quotes it (-1 elsewhere)."""
    codes = np.full(len(rows), -1, dtype=np.int64)
    if raw is None or not needed.any():
        return codes, []
    found, levels = pd.factorize(raw.iloc[rows[needed]], use_na_sentinel=True)
    codes[needed] = found
    return codes, [pendek(v) for v in levels]  # a quoted value is shortened, never echoed in full


def _message(code: int, target: str, realisasi: str) -> str:
    return "; ".join(
        text.replace("{target}", target).replace("{realisasi}", realisasi)
        for flag, text in PESAN.items()
        if code & int(flag)
    )


def render_catatan(
    kode: pd.Series | np.ndarray,
    target_raw: pd.Series | None = None,
    realisasi_raw: pd.Series | None = None,
) -> pd.Series:
    """Render flag bits as ``"; "``-joined Indonesian text, one string per row.

    ``target_raw``/``realisasi_raw`` give the cell text quoted in the messages about
    unreadable or guessed values. Each distinct combination of flags and quoted text
    is rendered once and taken to its rows, so the cost follows the number of distinct
    messages, not of rows; rows without flags get ``""``.
    """
    codes = np.asarray(kode, dtype="int64")
    index = kode.index if isinstance(kode, pd.Series) else pd.RangeIndex(len(codes))
    result = np.full(len(codes), "", dtype=object)
    rows = np.flatnonzero(codes)
    if len(rows):
        sub = codes[rows]
        t_codes, t_levels = _text_codes(target_raw, rows, (sub & _QUOTES_TARGET) != 0)
        r_codes, r_levels = _text_codes(realisasi_raw, rows, (sub & _QUOTES_REALISASI) != 0)
        flags_codes, flags_levels = pd.factorize(sub)
        combo = (flags_codes.astype(np.int64) * (len(t_levels) + 1) + t_codes + 1) * (len(r_levels) + 1) + r_codes + 1
        combo, _ = pd.factorize(combo)
        first = np.full(combo.max() + 1, -1, dtype=np.int64)
        first[combo[::-1]] = np.arange(len(combo) - 1, -1, -1)
        t_levels, r_levels = [*t_levels, ""], [*r_levels, ""]  # index -1 is "not quoted"
        rendered = np.array(
            [_message(int(sub[i]), t_levels[t_codes[i]], r_levels[r_codes[i]]) for i in first.tolist()], dtype=object
        )
        result[rows] = rendered[combo]
    return pd.Series(result, index=index, dtype=object)
