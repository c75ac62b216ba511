"""Indonesian display of numbers, percents, Rupiah and months (docs/metodologi.md §3), via babel.

Values keep full precision everywhere else; these functions round half up (away
from zero at .5, as the value is written in decimal) only for what people read.
Missing values display as ``–``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal, localcontext

import numpy as np
import pandas as pd
from babel.numbers import format_currency, format_decimal, format_percent

from kinerja.core.periode import NAMA_BULAN, ROMAWI_TRIWULAN

__all__ = [
    "KOSONG",
    "LOCALE",
    "NAMA_BULAN",
    "bulatkan",
    "daftar_bulan",
    "daftar_triwulan",
    "ROMAWI_TRIWULAN",
    "format_angka",
    "format_persen",
    "format_rupiah",
    "format_nilai",
    "format_nilai_satuan",
    "format_tanggal",
    "format_waktu",
    "nama_bulan",
    "periode_laporan",
    "pendek",
]

LOCALE = "id_ID"
KOSONG = "–"


def bulatkan(x: float | np.ndarray | pd.Series, desimal: int = 2):
    """Round half up (away from zero) at ``desimal`` places, as the value reads in decimal.

    ``1.005 → 1.01`` and ``93.335 → 93.34`` although their binary floats lie just below.
    Works on scalars, arrays and Series; NaN stays NaN.

    Examples
    --------
    >>> float(bulatkan(1.005)), float(bulatkan(93.335))
    (1.01, 93.34)
    """
    factor = 10.0**desimal
    scaled = np.asarray(x, dtype="float64") * factor
    # Snap to 15 significant digits first: that is the decimal the float stands for
    # (what repr() shows), so 1.005 is treated as 1.005 and not as 1.00499999...
    with np.errstate(divide="ignore", invalid="ignore"):
        digits = np.floor(np.log10(np.abs(scaled))) + 1
    power = 10.0 ** np.clip(15 - np.nan_to_num(digits, nan=0.0, posinf=0.0, neginf=0.0), 0, 15)
    snapped = np.round(scaled * power) / power
    result = np.sign(snapped) * np.floor(np.abs(snapped) + 0.5) / factor
    if isinstance(x, pd.Series):
        return pd.Series(result, index=x.index, name=x.name)
    return float(result) if np.ndim(result) == 0 else result


# Enough digits for any float (up to 1.8e308) with its decimals: the default context's 28
# would make a huge value that a workbook may hold (1e196) fail to format.
_KONTEKS = Context(prec=400)


def _decimal(x: float, desimal: int) -> Decimal | None:
    if x is None or pd.isna(x) or not np.isfinite(float(x)):  # no infinite number is shown as one
        return None
    return Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP, context=_KONTEKS)


def _apply(values, one):
    with localcontext(_KONTEKS):  # babel quantizes in the current context too
        if isinstance(values, pd.Series):
            return values.map(one).astype(object)
        if isinstance(values, (list, tuple, np.ndarray)):
            return [one(v) for v in values]
        return one(values)


def _pattern(desimal: int, kelompok: bool = True) -> str:
    return ("#,##0" if kelompok else "0") + ("." + "0" * desimal if desimal > 0 else "")


def format_angka(x, desimal: int = 2, kelompok: bool = True):
    """``1234567.891 → "1.234.567,89"``; scalars, lists or Series, rounded half up as
    :func:`bulatkan` (``2.675 → "2,68"``, as Excel shows it).

    Parameters
    ----------
    x : float, list, numpy.ndarray or pandas.Series
        The value(s); None/NaN gives ``–``.
    desimal : int
        Decimal places.
    kelompok : bool
        Group thousands with ``.`` (``False`` writes ``2023``, not ``2.023``).

    Returns
    -------
    str, list of str or pandas.Series of str

    Examples
    --------
    >>> format_angka(1234567.891), format_angka(2.5, 0), format_angka(2.675)
    ('1.234.567,89', '3', '2,68')
    >>> format_angka(1234.5, 1, kelompok=False)
    '1234,5'
    """

    def one(v):
        d = _decimal(v, desimal)
        return KOSONG if d is None else format_decimal(d, _pattern(desimal, kelompok), locale=LOCALE)

    return _apply(x, one)


def format_persen(x, desimal: int = 2):
    """A value in percentage points: ``87.5 → "87,50%"`` (no space, as PUEBI and reports).

    Parameters
    ----------
    x : number, sequence or pandas.Series
        The value(s) in percent (87.5 means 87,5 %); missing values give ``"–"``.
    desimal : int, default 2
        Digits after the decimal comma.

    Returns
    -------
    str, list of str or pandas.Series
        The same shape as ``x``.

    Examples
    --------
    >>> format_persen(87.5)
    '87,50%'
    """

    def one(v):
        d = _decimal(v, desimal)
        return KOSONG if d is None else format_percent(d / 100, _pattern(desimal) + "%", locale=LOCALE)

    return _apply(x, one)


def format_rupiah(x, desimal: int = 0):
    """Rupiah the Indonesian way: ``1500000 → "Rp1.500.000"`` (PUEBI: no dot and no space
    after Rp).

    Parameters
    ----------
    x : number, sequence or pandas.Series
        The amount(s) in Rupiah; missing values give ``"–"``.
    desimal : int, default 0
        Digits after the decimal comma.

    Returns
    -------
    str, list of str or pandas.Series
        The same shape as ``x``.

    Examples
    --------
    >>> format_rupiah(1_500_000)
    'Rp1.500.000'
    """

    def one(v):
        d = _decimal(v, desimal)
        if d is None:
            return KOSONG
        return format_currency(d, "IDR", "¤" + _pattern(desimal), locale=LOCALE, currency_digits=False)

    return _apply(x, one)


def format_tanggal(tanggal) -> str:
    """A date the Indonesian way: ``8 Oktober 2026``; ``–`` when missing.

    Examples
    --------
    >>> import datetime as dt
    >>> format_tanggal(dt.datetime(2026, 10, 8, 9, 30)), format_tanggal(None)
    ('8 Oktober 2026', '–')
    """
    if tanggal is None or (not isinstance(tanggal, str) and pd.isna(tanggal)):
        return KOSONG
    t = pd.Timestamp(tanggal)
    return f"{t.day} {nama_bulan(t.month)} {t.year}"


def format_waktu(waktu) -> str:
    """A moment the Indonesian way: ``2 Oktober 2026 pukul 12.39``; ``–`` when missing.

    Examples
    --------
    >>> import datetime as dt
    >>> format_waktu(dt.datetime(2026, 10, 2, 12, 39))
    '2 Oktober 2026 pukul 12.39'
    """
    if waktu is None or (not isinstance(waktu, str) and pd.isna(waktu)):
        return KOSONG
    t = pd.Timestamp(waktu)
    return f"{format_tanggal(t)} pukul {t.hour:02d}.{t.minute:02d}"


def nama_bulan(bulan: int) -> str:
    """Month name in Bahasa Indonesia: ``1 → "Januari"``.

    Examples
    --------
    >>> nama_bulan(8)
    'Agustus'
    """
    if not 1 <= int(bulan) <= 12:
        raise ValueError(f"bulan harus 1–12, bukan {bulan}")
    return NAMA_BULAN[int(bulan) - 1]


def daftar_triwulan(triwulan) -> str:
    """Quarters as a reader writes them: ``[1, 2, 4] → "triwulan I, II dan IV"``.

    Examples
    --------
    >>> daftar_triwulan([1, 2, 4]), daftar_triwulan([3])
    ('triwulan I, II dan IV', 'triwulan III')
    """
    names = [ROMAWI_TRIWULAN[int(q) - 1] for q in sorted(set(triwulan))]
    if not names:
        return ""
    return "triwulan " + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " dan " + names[-1])




def daftar_bulan(bulan) -> str:
    """Months as a reader writes them, runs joined by a dash: ``[1, 2, 3, 5] → "Januari–Maret
    dan Mei"``.

    Examples
    --------
    >>> daftar_bulan([1, 2, 3, 5]), daftar_bulan([9]), daftar_bulan([2, 4, 8])
    ('Januari–Maret dan Mei', 'September', 'Februari, April dan Agustus')
    """
    months = sorted({int(m) for m in bulan})
    runs: list[str] = []
    start = prev = None
    for m in [*months, None]:
        if m is not None and prev is not None and m == prev + 1:
            prev = m
            continue
        if start is not None:
            runs.append(nama_bulan(start) if start == prev else f"{nama_bulan(start)}–{nama_bulan(prev)}")
        start = prev = m
    if len(runs) <= 1:
        return "".join(runs)
    return ", ".join(runs[:-1]) + " dan " + runs[-1]


def periode_laporan(tahun: int, sampai_bulan: int) -> str:
    """The period a document covers, stated the same way everywhere.

    Examples
    --------
    >>> periode_laporan(2026, 9), periode_laporan(2026, 1), periode_laporan(2025, 12)
    ('Januari–September 2026', 'Januari 2026', 'tahun 2025 (Januari–Desember)')
    """
    if sampai_bulan == 12:
        return f"tahun {tahun} (Januari–Desember)"
    return f"{daftar_bulan(range(1, sampai_bulan + 1))} {tahun}"


def pendek(teks: str, batas: int = 60) -> str:
    """Text cut to ``batas`` characters for a message, saying how long it was.

    Examples
    --------
    >>> pendek("Dinas Kesehatan")
    'Dinas Kesehatan'
    >>> pendek("x" * 100_000)[-21:]
    'x… (100.000 karakter)'

    Only the length is written the Indonesian way; the text itself is kept as it is:

    >>> pendek("nilai 1,5 " * 10, 20)
    'nilai 1,5 nilai 1,5… (100 karakter)'
    """
    teks = str(teks)
    if len(teks) <= batas:
        return teks
    return f"{teks[:batas].rstrip()}… ({format_angka(len(teks), 0)} karakter)"


def format_nilai(values):
    """Target or realisasi as a reader sees it: numbers the Indonesian way, with two decimals
    unless whole (``6``, ``89,96``, ``1.250``), text (grades, ranges, ``–``) as written.

    Examples
    --------
    >>> format_nilai(pd.Series([6.0, 89.95840760546643, 1250.0, "WTP", None])).tolist()
    ['6', '89,96', '1.250', 'WTP', '–']
    """
    def one(v):
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            return KOSONG
        if isinstance(v, str):
            return v
        text = format_angka(float(v))
        return text[:-3] if text.endswith(",00") else text

    return pd.Series([one(v) for v in values], index=getattr(values, "index", None), dtype=object)


def format_nilai_satuan(nilai, satuan: str = "", desimal: int = 2, tulis_satuan: bool = True) -> str:
    """A target or realisasi with its unit, as a table cell or a sentence writes it. A percentage
    always has its two decimals (``11 → "11,00%"`` beside ``"10,26%"``, never ``"11%"``); another
    number drops a whole number's decimals (``6 orang``, ``10,38 tahun``); a number written as
    text is read first; a range or bound gets its unit as written; a grade stays as written.

    Examples
    --------
    >>> format_nilai_satuan(11, "%"), format_nilai_satuan("10,26", "%"), format_nilai_satuan(6.0, "orang")
    ('11,00%', '10,26%', '6 orang')
    >>> format_nilai_satuan("3±1", "%"), format_nilai_satuan("WTP", "opini"), format_nilai_satuan(None, "%")
    ('3±1%', 'WTP', '–')

    In a table whose Satuan column names the unit, the cell leaves it out (``tulis_satuan=False``):

    >>> format_nilai_satuan(9, "%", tulis_satuan=False), format_nilai_satuan(1250.0, "orang", tulis_satuan=False)
    ('9,00', '1.250')
    """
    if nilai is None or (not isinstance(nilai, str) and pd.isna(nilai)):
        return KOSONG
    satuan = (satuan or "").strip()
    if isinstance(nilai, str):
        from kinerja.core.parsing import parse_value

        read = parse_value(nilai)
        if read.jenis in ("angka", "persen") and not np.isnan(read.nilai):
            nilai = read.nilai
        elif satuan and tulis_satuan and read.jenis in ("rentang", "batas_atas", "batas_bawah"):
            return f"{nilai}%" if satuan == "%" else f"{nilai} {satuan}"
        else:
            return nilai
    if satuan == "%":
        return format_persen(float(nilai), desimal) if tulis_satuan else format_angka(float(nilai), desimal)
    text = format_angka(float(nilai), desimal)
    text = text[: -(desimal + 1)] if desimal and text.endswith("," + "0" * desimal) else text
    return f"{text} {satuan}" if satuan and tulis_satuan else text
