"""What a batch leaves beside its documents: ``manifest.json`` (every tugas: status, duration,
outputs, error, fingerprint) and ``index.html`` (one row per unit with its data status and
links to its documents). Written by the main process (the Dask client) alone.
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

import pandas as pd

from kinerja.core.berkas import tulis_atomik
from kinerja.core.errors import KinerjaError
from kinerja.core.formatting import format_angka, nama_bulan
from kinerja.run.dokumen_html import _CSS

__all__ = ["manifest_sebelumnya", "status_unit", "tulis_indeks", "tulis_manifest"]


def tulis_manifest(path: Path, manifest: dict) -> None:
    """``manifest.json``, written atomically (a reader never sees half of it)."""
    text = json.dumps(manifest, ensure_ascii=False, indent=2)
    tulis_atomik(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def manifest_sebelumnya(path: Path) -> dict[str, dict]:
    """The tugas of an earlier run's manifest by ``unit/dokumen`` (none when there is no manifest)."""
    if not path.exists():
        return {}
    old = json.loads(path.read_text(encoding="utf-8"))
    return {f"{h['unit']}/{h['dokumen']}": h for h in old.get("tugas", [])}

def status_unit(store, tahun: int, bulan: int | None) -> pd.DataFrame:
    """Per unit, what an index reader needs before opening a document: name, the month's
    CRAAPK status, indicator-months not reported, indicators to verify, mean capaian."""
    from kinerja.analisis import dari_store as analisis
    from kinerja.analisis.kepatuhan import kepatuhan

    bulan = bulan or analisis.bulan_terakhir(store, tahun)
    r = analisis.ringkasan_unit(store, tahun, bulan, jenis=("kabupaten", "perangkat_daerah", "pejabat"))
    try:
        comply = kepatuhan(store, tahun, bulan).set_index("kode")["status"]
    except KinerjaError:
        comply = pd.Series(dtype=object)
    r["kepatuhan"] = r["unit_kode"].map(comply).fillna("–")
    r["bulan"] = bulan
    return r.set_index("unit_kode")


def tulis_indeks(hasil: list[dict], tahun: int, bulan: int | None, path: Path, status: pd.DataFrame | None = None) -> None:
    """index.html: one row per unit, by name, with its data status and its documents."""
    status = status if status is not None else pd.DataFrame()
    by_unit: dict[str, list[dict]] = {}
    for h in hasil:
        by_unit.setdefault(h["unit"], []).append(h)
    names = status["nama"].to_dict() if "nama" in status else {}
    # A province in one store: each unit says which kabupaten it belongs to.
    milik = status["kabupaten"].to_dict() if "kabupaten" in status and status["kabupaten"].nunique() > 1 else {}
    rows = []
    for unit in sorted(by_unit, key=lambda u: (names.get(u, u).lower(), u)):
        docs = []
        for h in sorted(by_unit[unit], key=lambda h: h["dokumen"]):
            # The executed notebook (with its code) stays in the folder; readers get the documents.
            links = " ".join(f'<a href="{html.escape(os.path.relpath(p, path.parent))}">{Path(p).suffix[1:]}</a>'
                             for p in h["keluaran"] if Path(p).suffix != ".ipynb")
            if h["status"] == "berhasil":
                docs.append(f"<span style=\"white-space:nowrap\"><b>{html.escape(h['dokumen'].upper())}</b> "
                            f"{links}</span>")
            else:
                docs.append(f"<b>{html.escape(h['dokumen'].upper())}</b> <span class=\"gagal\">gagal</span>"
                            f"<br><small>{html.escape(h['galat'] or '')}</small>")
        s = status.loc[unit] if unit in status.index else None
        notes = []
        if s is not None:
            if s["kepatuhan"] in ("terlambat", "belum menyampaikan"):
                notes.append(f"CRAAPK {nama_bulan(int(s['bulan']))}: {s['kepatuhan']}")
            if s["bulan_kosong"]:
                notes.append(f"{int(s['bulan_kosong'])} bulan-indikator belum dilaporkan")
            if s["perlu_verifikasi"]:
                notes.append(f"{int(s['perlu_verifikasi'])} indikator perlu diverifikasi")
        capaian = "–" if s is None or pd.isna(s["capaian"]) else format_angka(s["capaian"]) + "%"
        asal = names.get(milik.get(unit), "") if milik.get(unit) != unit else ""
        asal = f" · {html.escape(asal.removeprefix('Pemerintah '))}" if asal else ""
        rows.append(f"<tr><td>{html.escape(names.get(unit, unit))}<br><small>{html.escape(unit)}{asal}</small></td>"
                    f"<td class=\"angka\">{capaian}</td>"
                    f"<td>{html.escape('; '.join(notes)) or '<span class=ok>lengkap</span>'}</td>"
                    f"<td>{'<br>'.join(docs)}</td></tr>")
    periode = f"{nama_bulan(bulan)} {tahun}" if bulan else str(tahun)
    ok = sum(h["status"] == "berhasil" for h in hasil)
    content = (f"<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>Dokumen kinerja {periode}"
               f"</title><style>{_CSS}</style></head><body><h1>Dokumen kinerja {periode}</h1>"
               f"<p>{ok} dari {len(hasil)} dokumen berhasil disusun. Capaian: capaian berjenjang "
               "(indikator → sasaran → unit) Januari sampai bulan laporan (angka yang perlu diverifikasi tidak "
               "dihitung).</p>"
               "<table><thead><tr><th>Unit</th><th>Capaian</th><th>Status data</th><th>Dokumen</th></tr></thead>"
               f"<tbody>{''.join(rows)}</tbody></table></body></html>")
    tulis_atomik(path, lambda tmp: tmp.write_text(content, encoding="utf-8"))
