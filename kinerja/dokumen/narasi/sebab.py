"""Sentences on what the unit wrote about an indicator (LKjIP analysis 5): the factors that
match the outcome (faktor pendukung of a target met, faktor penghambat and the solutions of
a target missed), a note that only says the data is not there named as a gap rather than a
cause, and an honest sentence when the unit wrote nothing that fits."""

from __future__ import annotations

import re

from kinerja.core.kosakata import CATATAN_IMPOR
from kinerja.dokumen.narasi.nilai import _awal_kapital

_UPAYA = re.compile(r"\b(?:upaya|solusi|tindak lanjut|rencana tindak lanjut)\s*:\s*", re.IGNORECASE)
_SEBAB = re.compile(r"^\s*faktor\s+(penghambat|pendukung)\s*:\s*", re.IGNORECASE)
# The note kinerja writes on a realisasi a perangkat daerah cascaded to its pejabat
# (kinerja.analisis.jabatan): where the number came from, not a cause.
_JENJANG = re.compile(r"^\s*dijenjangkan dari ([^:;]+?)\s*(?::\s*|$)", re.IGNORECASE)
# A note that only says the data is missing: a gap in the data, never a cause of success or failure.
# ("tidak ada anggaran" is a cause; "data belum ada" and "belum tersedia dari sumber" are not).
_DATA_KOSONG = re.compile(r"\bdata\b[^.;]*\b(?:belum|tidak)\s+(?:tersedia|ada|diperoleh|diterima|dirilis|keluar)\b|"
                          r"\b(?:belum|tidak)\s+(?:ada|tersedia)\s+data\b|\bbelum\s+tersedia\b|"
                          r"\bmenunggu\s+(?:data|rilis|hasil)\b", re.IGNORECASE)


def _urai(keterangan: list[str]) -> tuple[dict[str, list[str]], list[str], list[str], list[str]]:
    """The unit's notes taken apart: causes by kind (``pendukung``, ``penghambat``, ``lain``),
    solutions, notes that only name missing data, and where a cascaded realisasi came from."""
    causes: dict[str, list[str]] = {"pendukung": [], "penghambat": [], "lain": []}
    fixes: list[str] = []
    gaps: list[str] = []
    notes, sources = _pisah_sumber(keterangan)
    for k in notes:
        head, *tail = _UPAYA.split(k, maxsplit=1)
        label = _SEBAB.match(head)
        cause = _SEBAB.sub("", head).strip().rstrip(".;").strip()
        if cause:
            if label:
                causes[label.group(1).lower()].append(cause)
            elif _DATA_KOSONG.search(cause):
                gaps.append(cause)
            else:
                causes["lain"].append(cause)
        if tail and tail[0].strip():
            fixes.append(tail[0].strip().rstrip("."))
    unique = lambda xs: list(dict.fromkeys(xs))  # noqa: E731
    return {kind: unique(v) for kind, v in causes.items()}, unique(fixes), unique(gaps), sources


def _pisah_sumber(keterangan: list[str]) -> tuple[list[str], list[str]]:
    """The notes without kinerja's "dijenjangkan dari X" prefix (empty ones dropped), and the
    sources it named, each once."""
    notes, sources = [], []
    for k in keterangan:
        if not isinstance(k, str) or not k.strip():
            continue
        cascaded = _JENJANG.match(k)
        if cascaded:
            sources.append(cascaded.group(1).strip())
            k = k[cascaded.end():]
        if k.strip().rstrip("."):
            notes.append(k)
    return notes, list(dict.fromkeys(sources))


def _sumber(sources: list[str]) -> str:
    return f" (realisasi dijenjangkan dari {', '.join(sources)})" if sources else ""


def kalimat_keterangan(indikator: str, keterangan: list[str], subjek: str = "perangkat daerah") -> str:
    """The notes the unit wrote (faktor penghambat/pendukung), each once, or an honest note if
    none. ``subjek`` names who wrote them (perangkat daerah, Pemerintah Kabupaten, pejabat).

    Examples
    --------
    >>> kalimat_keterangan("AKI", ["dijenjangkan dari Dinas Kesehatan", "dijenjangkan dari Dinas Kesehatan: Rujukan"])
    'Menurut perangkat daerah, untuk AKI (realisasi dijenjangkan dari Dinas Kesehatan): Rujukan.'
    """
    notes, sources = _pisah_sumber(keterangan)
    items = [k.strip().rstrip(".") for k in notes]
    if not items:
        return (f"{_awal_kapital(subjek)} belum menuliskan faktor penghambat atau pendukung untuk {indikator}"
                f"{_sumber(sources)}.")
    return f"Menurut {subjek}, untuk {indikator}{_sumber(sources)}: " + "; ".join(dict.fromkeys(items)) + "."


def sebab_kesenjangan(keterangan: list[str]) -> str:
    """The cause of a target missed as a table cell shows it: the unit's faktor penghambat and
    its unlabelled notes, never a faktor pendukung; a note that only says the data is missing
    is not a cause. Empty when the unit wrote none.

    Examples
    --------
    >>> sebab_kesenjangan(["Faktor pendukung: kader aktif", "Faktor penghambat: rujukan terlambat. Upaya: ambulans"])
    'rujukan terlambat'
    >>> sebab_kesenjangan(["Faktor pendukung: kader aktif", "Data belum tersedia dari BPS"])
    ''
    """
    causes, _, _, _ = _urai(keterangan)
    return "; ".join(dict.fromkeys(causes["penghambat"] + causes["lain"]))


def kalimat_sebab(indikator: str, keterangan: list[str], tercapai: bool | None,
                  subjek: str = "perangkat daerah", ragu: bool = False) -> str:
    """Analysis 5: the causes that match the outcome and, for a target missed, the solutions
    (``Upaya:``/``Solusi:``/``Tindak lanjut:``). A target met is explained by its faktor
    pendukung, a target missed by its faktor penghambat; a factor of the other kind is named
    as what it is (a hindrance overcome, a support that was not enough), never as the cause.
    A note that only says the data is missing is named as a gap in the data. What the unit
    did not write is said.

    Examples
    --------
    >>> kalimat_sebab("AKI", ["Faktor penghambat: rujukan terlambat. Upaya: ambulans desa siaga"], False)
    'Target AKI belum tercapai. Faktor penghambat menurut perangkat daerah: rujukan terlambat. Upaya yang ditempuh: ambulans desa siaga.'
    >>> kalimat_sebab("AKI", ["Faktor penghambat: rujukan terlambat"], True)
    'Target AKI tercapai meskipun perangkat daerah mencatat hambatan (rujukan terlambat). Faktor pendukungnya belum dituliskan perangkat daerah.'
    >>> kalimat_sebab("IKM", ["Data belum tersedia dari sumber"], True)
    'Target IKM tercapai. Penyebabnya belum dapat diuraikan: keterangan perangkat daerah hanya menyatakan data belum lengkap (Data belum tersedia dari sumber).'

    ``ragu`` (the value needs verifying): the outcome is not judged, and the sentence says why.

    >>> kalimat_sebab("IKM", ["Faktor pendukung: koordinasi baik"], None, ragu=True)
    'Ketercapaian target IKM belum dinilai karena angkanya perlu diverifikasi. Faktor pendukung menurut perangkat daerah: koordinasi baik.'
    """
    is_read = [isinstance(k, str) and k.startswith(CATATAN_IMPOR) for k in keterangan]
    imported = [k.removeprefix(CATATAN_IMPOR).strip().rstrip(".;") for k, r in zip(keterangan, is_read) if r]
    causes, fixes, gaps, sources = _urai([k for k, r in zip(keterangan, is_read) if not r])
    if ragu:
        tercapai = None
    if tercapai is None:
        parts = [f"Ketercapaian target {indikator} belum dinilai karena angkanya perlu diverifikasi."] if ragu else []
        parts += [f"{kind} menurut {subjek}: {'; '.join(items)}." for kind, items in
                 (("Faktor pendukung", causes["pendukung"]), ("Faktor penghambat", causes["penghambat"]),
                  ("Keterangan", causes["lain"])) if items]
        if fixes:
            parts.append("Upaya yang ditempuh: " + "; ".join(fixes) + ".")
    else:
        parts = _sebab_hasil(indikator, tercapai, causes, fixes, bool(gaps), subjek)
    if gaps:
        gap = f"keterangan {subjek} hanya menyatakan data belum lengkap ({'; '.join(gaps)})"
        gap = (f"Penyebabnya belum dapat diuraikan: {gap}." if not any(causes.values()) else f"Selain itu, {gap}.")
        parts.insert(len(parts) - 1 if tercapai is False else len(parts), gap)
    if not parts:
        parts = [f"{_awal_kapital(subjek)} belum menuliskan faktor penghambat atau pendukung untuk {indikator}."]
    text = " ".join(parts)
    if sources:
        text = text.rstrip(".") + f"{_sumber(sources)}."
    if imported:  # what was noted reading an imported file: never the unit's words
        text += (f" {CATATAN_IMPOR.rstrip(': ')} (bukan keterangan {subjek}): "
                 + "; ".join(dict.fromkeys(imported)) + ".")
    return " ".join(text.split())


def _sebab_hasil(indikator: str, tercapai: bool, causes: dict[str, list[str]], fixes: list[str], gap: bool,
                 subjek: str) -> list[str]:
    """The sentences of a known outcome: the matching factor, the other kind named as what
    it is (a hindrance the target was met despite, a support that was not enough), and for a
    target missed its solutions."""
    own = "pendukung" if tercapai else "penghambat"
    status = f"Target {indikator} {'tercapai' if tercapai else 'belum tercapai'}"
    if tercapai and causes["penghambat"]:
        status += f" meskipun {subjek} mencatat hambatan ({'; '.join(causes['penghambat'])})"
    parts = [status + "."]
    if causes[own]:
        parts.append(f"Faktor {own} menurut {subjek}: {'; '.join(causes[own])}.")
    if causes["lain"]:
        parts.append(f"Keterangan {subjek}: {'; '.join(causes['lain'])}.")
    if not tercapai and causes["pendukung"]:
        parts.append(f"Faktor pendukung yang dicatat ({'; '.join(causes['pendukung'])}) belum cukup untuk "
                     "mencapai target.")
    if not causes[own] and not causes["lain"] and (any(causes.values()) or not gap):
        parts.append(f"Faktor {own}nya belum dituliskan {subjek}.")
    if not tercapai:
        parts.append("Upaya yang ditempuh: " + "; ".join(fixes) + "." if fixes else
                     f"{_awal_kapital(subjek)} belum menuliskan upaya pemecahannya.")
    return parts


def langkah_mendatang(baris: list[tuple[str, float, list[str]]], subjek: str = "perangkat daerah") -> list[str]:
    """Bab IV's "langkah di masa mendatang": for every indicator that missed its target
    (name, capaian, what the unit wrote), the solutions the unit wrote, or that none was
    written and one is still to be set.

    Examples
    --------
    >>> langkah_mendatang([("AKI", 90.0, ["Faktor penghambat: rujukan. Upaya: ambulans desa"]), ("IKM", 95.5, [])])
    ['AKI (capaian 90,00%): ambulans desa.', 'IKM (capaian 95,50%): perangkat daerah belum menuliskan upaya pemecahannya; langkahnya perlu ditetapkan.']
    """
    from kinerja.core.formatting import format_persen

    out = []
    for nama, capaian, keterangan in baris:
        fixes = _urai(keterangan)[1]
        out.append(f"{nama} (capaian {format_persen(capaian)}): "
                   + ("; ".join(fixes) if fixes else
                      f"{subjek} belum menuliskan upaya pemecahannya; langkahnya perlu ditetapkan") + ".")
    return out

