"""kinerja: analytical workbench for Indonesian government performance accountability (SAKIP).

The public API is ``kinerja.__all__``: what a document notebook or a user's script needs,
27 names, each with a NumPy docstring and a runnable example. Everything else is internal
and may change between versions, even where a module has no leading underscore.

Layers, one folder each, in the order the data travels::

    formulir/, impor/  workbooks in: kinerja's own formulir, and the forms and exports Pemda have
    store/             every number ever given, append-only, with its history
    core/              the rules: parsing, capaian, predikat, agregasi, periode, formatting …
    analisis/          tables from the store: capaian per period, kepatuhan, peringkat, pohon …
    dokumen/           one builder per document (CRAAPK, RKT, PK, RAAPK, LKjIP, …)
    render/            tables, charts, Word, Excel, HTML templates, PDF
    run/, halaman/     the batch over units; the Voila pages
    cli/, contoh/      the ``kinerja`` command; the sample kabupaten

Naming rule (see CONTRIBUTING.md): domain nouns keep their Indonesian names (target,
realisasi, capaian, sasaran, indikator, polaritas, pagu, perangkat daerah); a function is
named for what it returns (``capaian``, ``lkjip``) or, when it acts, with an Indonesian verb
(``muat_berkas``, ``tulis_formulir``, ``buka_store``); a document's builder carries the
document's name. Technical words without an Indonesian term in use stay English
(``store``, ``batch``, ``engine``).

Heavy parts (documents: matplotlib; pages: ipywidgets) load only when first used, so
``import kinerja`` stays quick.

Examples
--------
>>> import kinerja
>>> kinerja.capaian(80, 100, "positif")
125.0
>>> kinerja.format_persen(kinerja.capaian(80, 100, "positif"))
'125,00%'
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

# name -> (module, attribute); imported on first use (PEP 562).
_PUBLIK = {
    # the store and what goes into it
    "Store": ("kinerja.store.store", "Store"),
    "buka_store": ("kinerja.store.store", "buka_store"),
    "muat_berkas": ("kinerja.formulir.ingest", "muat_berkas"),
    "impor_berkas": ("kinerja.impor.jalankan", "impor_berkas"),
    "tulis_formulir": ("kinerja.formulir.templat", "tulis_formulir"),
    "KinerjaError": ("kinerja.core.errors", "KinerjaError"),
    # the measurement core
    "capaian": ("kinerja.core.capaian", "capaian"),
    "hitung_capaian": ("kinerja.core.capaian", "hitung_capaian"),
    "parse_value": ("kinerja.core.parsing", "parse_value"),
    "muat_skala": ("kinerja.core.predikat", "muat_skala"),
    "format_angka": ("kinerja.core.formatting", "format_angka"),
    "format_persen": ("kinerja.core.formatting", "format_persen"),
    "format_rupiah": ("kinerja.core.formatting", "format_rupiah"),
    # documents: one builder each, named after the document
    "craapk": ("kinerja.dokumen.craapk", "craapk"),
    "rkt": ("kinerja.dokumen.rencana", "rkt"),
    "pk": ("kinerja.dokumen.rencana", "pk"),
    "raapk": ("kinerja.dokumen.rencana", "raapk"),
    "lkjip": ("kinerja.dokumen.lkjip", "lkjip"),
    "triwulanan": ("kinerja.dokumen.triwulanan", "triwulanan"),
    "evaluasi_renja": ("kinerja.dokumen.evaluasi_renja", "evaluasi_renja"),
    "pohon_kinerja": ("kinerja.dokumen.pohon_kinerja", "pohon_kinerja"),
    "lhe": ("kinerja.dokumen.lhe", "lhe"),
    "reviu": ("kinerja.evaluasi.reviu", "reviu"),
    # prose in a notebook whose text comes from data (escaped)
    "judul": ("kinerja.render.tabel", "judul"),
    "paragraf": ("kinerja.render.tabel", "paragraf"),
    "daftar": ("kinerja.render.tabel", "daftar"),
    "peringatan": ("kinerja.render.tabel", "peringatan"),
}

__all__ = sorted(_PUBLIK)


def __getattr__(name: str):
    try:
        modul, atribut = _PUBLIK[name]
    except KeyError:
        raise AttributeError(f"module 'kinerja' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(modul), atribut)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
