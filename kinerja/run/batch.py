"""Batch: run a document's notebook for every unit with papermill, in parallel processes.

Each (unit, document) is one *tugas*. Before anything runs, every tugas's parameters
are checked against the notebook's ``parameters`` cell. Workers import the libraries once;
each tugas then runs in a child process forked for it alone, with papermill's in-process
``kinerja`` engine (:mod:`kinerja.run.engine`), so units never share state and no kernel has
to start per document. A failing tugas is recorded with its error and its executed
notebook is kept, and the others go on. Outputs go to ``<keluaran>/<tahun>/<unit>/``: the
executed notebook; the files the notebook writes itself (filled formulir .xlsx for RKT,
PK, RAAPK and CRAAPK; the LKjIP as .docx); a self-contained HTML page without code cells
and without anything loaded from the internet; and a PDF printed from that page with
Debian's headless chromium; and the Word file (.docx) written from the same executed
notebook (:mod:`kinerja.render.word`). Notebooks are looked up in the user's folder
(``notebooks``/``$KINERJA_NOTEBOOKS``) before the package's (:mod:`kinerja.core.sumber`), so an
adapted notebook changes HTML, PDF and Word alike. A JSON manifest records every tugas (status, duration,
outputs, error); ``lanjutkan`` (resume) reruns only what failed or is missing;
``index.html`` lists everything with links.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import multiprocessing
import json
import os
import re
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from kinerja.dokumen.daftar import DOKUMEN
from kinerja.core.errors import KinerjaError
from kinerja.render.cetak import cetak_pdf, chromium
from kinerja.core.formatting import format_angka, nama_bulan, pendek
from kinerja.store import Store, tampil_url, url_store
from kinerja.core.konfigurasi import BerkasBatch, cari_parameter, daftar_parameter, muat_konfigurasi
from kinerja.core.sumber import cari_notebook, parameter_notebook
from kinerja.core.berkas import tulis_atomik
from kinerja.analisis.wilayah import daftar_kabupaten, kabupaten_unit

__all__ = ["Tugas", "daftar_set", "jalankan_batch", "muat_set", "rencana_batch"]

_CSS = """body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:1100px;margin:2em auto;
padding:0 1em;color:#222;line-height:1.45}table{border-collapse:collapse;margin:1em 0;font-size:.9em}
th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}th{background:#eef3f8}
img{max-width:100%}h1{font-size:1.6em}td.angka{text-align:right}
caption{caption-side:top;text-align:left;font-weight:600;padding:.3em 0}@page{size:A4;margin:2cm}.gagal{color:#b00}
.ok{color:#1a7f37}hr{border:0;break-after:page;page-break-after:always;margin:0}
table.kinerja-ttd{break-inside:avoid;page-break-inside:avoid}table.kinerja-ttd td{border:0;text-align:center}.peringatan{border-left:4px solid #b36b00;background:#fff6e5;
padding:.4em .8em}p.keterangan{text-align:center;font-size:.9em;margin:.2em 0 1em}
nav.daftar-isi ul{list-style:none;padding-left:0}nav.daftar-isi li.tingkat3{padding-left:1.5em}
h2,h3,h4,caption{break-after:avoid;page-break-after:avoid}tr,img{break-inside:avoid;page-break-inside:avoid}
thead{display:table-header-group}@media print{img{max-height:23cm}}"""


def daftar_set() -> list[str]:
    """Names of the batch parameter sets in ``parameters/batch/``.

    Examples
    --------
    >>> "craapk-bulanan" in daftar_set()
    True
    """
    return daftar_parameter("batch")


def muat_set(nama: str) -> dict:
    """A batch parameter set: a name among :func:`daftar_set` or the path of a .yaml file,
    checked by :class:`kinerja.core.konfigurasi.BerkasBatch`; the keys left empty are left out.

    Examples
    --------
    >>> muat_set("craapk-bulanan")["dokumen"]
    ['craapk']
    """
    doc = muat_konfigurasi(cari_parameter("batch", nama), BerkasBatch)
    return {k: v for k, v in doc.model_dump(exclude_none=True).items() if v != []}


@dataclass(frozen=True)
class Tugas:
    unit: str
    nama_unit: str
    dokumen: str
    notebook: str
    parameter: dict
    folder: str
    basis_data: str = ""  # reaches the notebook as $KINERJA_DB, never written into it
    sidik: str = ""  # what the document is built from; --resume reruns it when this changes
    kertas: str = "a4"  # paper of the HTML print and the PDF: a4 or f4 (215 × 330 mm)


    @property
    def kunci(self) -> str:
        return f"{self.unit}/{self.dokumen}"


@dataclass
class Hasil:
    unit: str
    dokumen: str
    status: str  # "berhasil" or "gagal"
    durasi: float
    keluaran: list[str] = field(default_factory=list)
    galat: str = ""
    sidik: str = ""  # fingerprint of what the document was built from (see sidik_tugas)


def pesan_galat(exc: BaseException, notebook: str = "") -> str:
    """A failed document's message for the manifest and the index: the Indonesian message of a
    kinerja error, else a short note; never the notebook's source lines or a traceback.

    Examples
    --------
    >>> pesan_galat(KinerjaError("unit 'x' tidak ada di basis data"))
    "unit 'x' tidak ada di basis data"
    """
    ename, evalue = getattr(exc, "ename", type(exc).__name__), getattr(exc, "evalue", str(exc))
    evalue = pendek(" ".join(str(evalue).split()), 300)
    if ename == "KinerjaError":
        return evalue
    where = f"; rincian di {notebook}" if notebook else ""
    return f"dokumen tidak dapat disusun karena kesalahan program{where}" + (f" ({evalue})" if evalue else "")


KERTAS = {"a4": "A4", "f4": "215mm 330mm"}  # CSS @page sizes; F4 (folio) is what many Pemda print on


def rencana_batch(store: Store, tahun: int, bulan: int | None, units: list[str] | None, dokumen: list[str] | None,
                  keluaran: Path, db: str, skala: str, notebooks: str | None = None, kertas: str = "a4",
                  kabupaten: list[str] | None = None) -> list[Tugas]:
    """Every (unit, document) to run, with parameters checked against the notebooks;
    ``kabupaten`` keeps the units of those kabupaten only (a store holding a province)."""
    if kertas not in KERTAS:
        raise KinerjaError(f"kertas {kertas!r} tidak dikenal; pilih {' atau '.join(KERTAS)}")
    docs = dokumen or list(DOKUMEN)
    unknown = [d for d in docs if d not in DOKUMEN]
    if unknown:
        raise KinerjaError(f"dokumen tidak dikenal: {', '.join(unknown)}; yang tersedia: {', '.join(DOKUMEN)}")
    table = store.current("unit")
    if kabupaten:
        known = set(daftar_kabupaten(table)["kode"])
        missing = sorted(set(kabupaten) - known)
        if missing:
            raise KinerjaError(f"kabupaten tidak ada di basis data: {', '.join(missing)}; yang ada: "
                               f"{', '.join(sorted(known))}")
        table = table[table["kode"].map(kabupaten_unit(table)).isin(kabupaten).to_numpy()]
    if units:
        missing = sorted(set(units) - set(table["kode"]))
        if missing:
            raise KinerjaError(f"unit tidak ada di Daftar Unit: {', '.join(missing)}")
        table = table[table["kode"].isin(units)]
    tasks: list[Tugas] = []
    data = _sidik_data(store, table["kode"])
    for doc in docs:
        spec = DOKUMEN[doc]
        path = cari_notebook(spec.notebook, notebooks)
        declared = set(parameter_notebook(path))
        missing = set(spec.parameter) - declared
        if missing:
            raise KinerjaError(f"{path}: sel parameters tidak memuat {', '.join(sorted(missing))}")
        for _, row in table[table["jenis"].isin(spec.tingkat)].sort_values("kode").iterrows():
            folder = keluaran / str(tahun) / row["kode"]
            # The store's URL (which may hold a password) is passed in the document's environment,
            # not as a parameter that papermill would write into the executed notebook.
            params = {"unit": row["kode"], "tahun": tahun, "db": "", "skala": skala, "keluaran": str(folder)}
            if spec.bulanan:
                if bulan is None:
                    raise KinerjaError(f"dokumen {doc} memerlukan bulan laporan (--bulan)")
                params["bulan"] = bulan
            tasks.append(Tugas(row["kode"], row["nama"], doc, str(path), params, str(folder), db,
                               sidik_tugas(params | {"kertas": kertas}, path,
                                           data[row["kode"]] if row["jenis"] != "kabupaten" else data[None]), kertas))
    return tasks


def _sidik_data(store: Store, units) -> dict:
    """Per unit, a fingerprint of the submissions a document of it reads: its own files and the
    Daftar Unit; for the kabupaten (whose documents summarise every unit) the whole store."""
    import hashlib

    subs = store.submissions()
    def digest(frame) -> str:
        text = "|".join(f"{i}:{s}" for i, s in zip(frame["id"], frame["sha256"]))
        return hashlib.sha256(text.encode()).hexdigest()

    shared = subs[subs["unit_kode"].isna()]
    out = {None: digest(subs)}
    for kode in units:
        out[kode] = digest(pd.concat([shared, subs[subs["unit_kode"] == kode]]).sort_values("id"))
    return out


def sidik_tugas(parameter: dict, notebook: Path, data: str) -> str:
    """A fingerprint of one document's inputs: its parameters, its notebook's bytes, the data it
    reads and the kinerja version. ``--resume`` reruns a document whose fingerprint changed."""
    import hashlib

    from kinerja import __version__

    h = hashlib.sha256(json.dumps(parameter, sort_keys=True, default=str).encode())
    h.update(Path(notebook).read_bytes())
    h.update(data.encode())
    h.update(__version__.encode())
    return h.hexdigest()[:16]


@functools.cache
def _exporter():
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                        exclude_output_prompt=True, anchor_link_text="")


_CAPTION = re.compile(r"<caption>(.*?)</caption>", re.S)
_GAMBAR = re.compile(r"(<img [^>]*src=\"data:image/png[^>]*>)")
_JUDUL = re.compile(r"<h([23]) id=\"([^\"]*)\">(.*?)<", re.S)


def _nomori(body: str) -> str:
    """Number tables and figures as the Word file does ("Tabel 3. …", "Gambar 1"); a page
    whose title is followed by a cover ending in a rule (the LKjIP) gets, after the cover,
    a Daftar Isi of its sections and a Daftar Tabel and Daftar Gambar."""
    tabel: list[str] = []
    gambar: list[int] = []

    def caption(m: re.Match) -> str:
        tabel.append(m.group(1))
        return f"<caption>Tabel {len(tabel)}. {m.group(1)}</caption>"

    def figure(m: re.Match) -> str:
        gambar.append(len(gambar) + 1)
        return f'{m.group(1)}<p class="keterangan">Gambar {len(gambar)}</p>'

    body = _GAMBAR.sub(figure, _CAPTION.sub(caption, body))
    cover = body.find("<hr")
    if cover < 0 or body.find("<h2") < cover:
        return body
    end = body.find(">", cover) + 1
    rest = body[end:]
    items = "".join(f'<li class="tingkat{level}"><a href="#{anchor}">{text.strip()}</a></li>'
                    for level, anchor, text in _JUDUL.findall(rest))
    lists = (f'<nav class="daftar-isi"><h2>Daftar Isi</h2><ul>{items}</ul>'
             + ("<h2>Daftar Tabel</h2><ol>" + "".join(f"<li>{t}</li>" for t in tabel) + "</ol>" if tabel else "")
             + ("<h2>Daftar Gambar</h2><ol>" + "".join(f"<li>Gambar {n}</li>" for n in gambar) + "</ol>"
                if gambar else "") + "</nav><hr>")
    return body[:end] + lists + rest


def _html(notebook_path: Path, title: str, kertas: str = "a4", melintang: bool = False) -> str:
    """A self-contained page from an executed notebook: no code, no external loads.
    ``melintang`` prints landscape, with the smaller table type a wide form needs."""
    import nbformat

    body, _ = _exporter().from_notebook_node(nbformat.read(notebook_path, as_version=4))
    body = _nomori(body)
    page = f"@page{{size:{KERTAS[kertas]}{' landscape' if melintang else ''}}}"
    if melintang:
        page += "body{max-width:none}table.kinerja-tabel{font-size:.68em}th,td{padding:.2em .3em}"
    return (f"<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            f"<style>{_CSS}{page}</style></head><body>{body}</body></html>")


def _run(tugas: Tugas) -> Hasil:
    """Execute one tugas with papermill's in-process ``kinerja`` engine and write its HTML,
    Word and formulir files; call only in a process of its own (see :func:`_terisolasi`),
    which prints the PDF."""
    import papermill

    from kinerja.run import engine# noqa: F401 - registers the engine
    from kinerja.render.word import tulis_docx

    start = time.perf_counter()
    folder = Path(tugas.folder)
    folder.mkdir(parents=True, exist_ok=True)
    executed = folder / f"{tugas.dokumen}.ipynb"
    page = folder / f"{tugas.dokumen}.html"
    # Warnings and library chatter go to a log beside the outputs, not to the user's terminal.
    log = os.open(folder / f"{tugas.dokumen}.log", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(log, 2)
    if tugas.basis_data:  # this process exists for this one document: its environment is its own
        os.environ["KINERJA_DB"] = tugas.basis_data
    try:
        source = Path(tugas.notebook)
        papermill.execute_notebook(str(source), str(executed), parameters=tugas.parameter,
                                   engine_name="kinerja", progress_bar=False, log_output=False, cwd=str(source.parent))
        spec = DOKUMEN.get(tugas.dokumen)
        wide = spec is not None and spec.melintang
        content = _html(executed, f"{tugas.dokumen.upper()} {tugas.nama_unit}", tugas.kertas, wide)
        tulis_atomik(page, lambda tmp: tmp.write_text(content, encoding="utf-8"))
        outputs = [str(executed), str(page)]
        if spec is not None and "docx" in spec.berkas:  # Word from the same executed notebook
            outputs.append(str(tulis_docx(executed, folder / f"{tugas.dokumen}.docx", melintang=wide)))
        # The filled formulir the notebook wrote itself.
        outputs += [str(p) for p in (folder / f"{tugas.dokumen}.xlsx",) if p.exists()]
        return Hasil(tugas.unit, tugas.dokumen, "berhasil", time.perf_counter() - start, outputs, sidik=tugas.sidik)
    except Exception as exc:  # noqa: BLE001 - a failing unit is recorded, the batch goes on
        page.unlink(missing_ok=True)
        return Hasil(tugas.unit, tugas.dokumen, "gagal", time.perf_counter() - start,
                     [str(executed)] if executed.exists() else [], pesan_galat(exc, executed.name),
                     tugas.sidik)


def _siapkan(pdf: bool = False) -> None:
    """Worker initializer: import and warm up once what every document needs, so the
    child forked per document starts warm, and with ``pdf`` start the worker's chromium
    (closed when the worker exits). Runs no notebook and opens no store."""
    import io

    import matplotlib
    import matplotlib.pyplot as plt
    import nbformat

    from kinerja.analisis import dari_store as analisis
    from kinerja.run import engine
    from kinerja.render import grafik
    from kinerja.dokumen import laporan
    from kinerja.dokumen import narasi
    from kinerja.render import word# noqa: F401

    matplotlib.use("module://matplotlib_inline.backend_inline")
    fig, ax = plt.subplots()
    ax.set_title("Pemanasan")  # loads the fonts once
    fig.savefig(io.BytesIO(), format="png")
    plt.close(fig)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("pemanasan")])
    nbformat.writes(nb)  # compiles the schema validator
    _exporter().from_notebook_node(nb)  # compiles the templates
    try:  # the PostgreSQL driver, imported once here rather than in every document's child
        import psycopg  # noqa: F401
    except ImportError:  # pragma: no cover - installed with kinerja
        pass
    if pdf:
        from multiprocessing import util

        from kinerja.render.cetak import tutup_pencetak

        from playwright.sync_api import sync_playwright  # noqa: F401 - the browser starts on the first page
        util.Finalize(None, tutup_pencetak, exitpriority=10)
    import gc

    # Everything warmed so far lives as long as the worker: moved out of the collector's view,
    # so a forked child's first full collection does not walk (and copy-on-write) the whole heap.
    gc.collect()
    gc.freeze()


def _terisolasi(tugas: Tugas, pdf: bool = True) -> Hasil:
    """Run one tugas in a child forked for it alone, and return its result.

    This is how units stay isolated without a kernel per document: the worker has only
    imported libraries (:func:`_siapkan`) and never runs a notebook itself; each document
    runs in a fresh fork of it, a separate address space that exits when the document is
    done, so nothing one document does can be seen by the next. A child that dies
    (crash, out of memory) is recorded as a failed tugas. The child hands its HTML page
    back; the worker prints it with its one persistent chromium (:mod:`kinerja.render.cetak`),
    which is never shared with, nor inherited by, a document's child."""
    import pickle

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        code = 0
        try:
            os.close(read)
            payload = pickle.dumps(_run(tugas))
            with os.fdopen(write, "wb") as out:
                out.write(payload)
        except BaseException:  # noqa: BLE001 - reported by the parent as "no result"
            code = 1
        finally:
            os._exit(code)
    os.close(write)
    with os.fdopen(read, "rb") as inp:
        payload = inp.read()
    _, status = os.waitpid(pid, 0)
    if not payload:
        return _hilang(tugas, f"proses dokumen berhenti tanpa hasil (kode keluar {os.waitstatus_to_exitcode(status)})")
    hasil = pickle.loads(payload)
    if pdf and hasil.status == "berhasil":
        start = time.perf_counter()
        target = Path(tugas.folder) / f"{tugas.dokumen}.pdf"
        try:
            hasil.keluaran.append(str(cetak_pdf(Path(tugas.folder) / f"{tugas.dokumen}.html", target)))
        except KinerjaError as exc:
            hasil.status, hasil.galat = "gagal", str(exc)
        hasil.durasi += time.perf_counter() - start
    return hasil


def _hilang(tugas: Tugas, pesan: str) -> Hasil:
    """The result of a document whose process (or Dask worker) was lost."""
    return Hasil(tugas.unit, tugas.dokumen, "gagal", 0.0, [], pesan, tugas.sidik)


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


def _index(hasil: list[dict], tahun: int, bulan: int | None, path: Path, status: pd.DataFrame | None = None) -> None:
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


def _jalankan_lokal(todo: list[Tugas], pdf: bool, jobs: int):
    """The documents on this machine: ``jobs`` workers from a forkserver (a clean
    single-threaded parent) warm up once, then fork a child per document (see
    :func:`_terisolasi`); yields ``(tugas, hasil)`` as documents finish."""
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(todo) or 1)), mp_context=context,
                             initializer=_siapkan, initargs=(pdf,)) as pool:
        futures = {pool.submit(_terisolasi, t, pdf): t for t in todo}
        for future in as_completed(futures):
            yield futures[future], future.result()


def jalankan_batch(
    tahun: int,
    bulan: int | None = None,
    units: list[str] | None = None,
    dokumen: list[str] | None = None,
    jobs: int = 2,
    lanjutkan: bool = False,
    db: str = "",
    keluaran: str | Path = "outputs",
    skala: str = "permendagri-86-2017",
    progress: bool = True,
    pdf: bool = True,
    contoh: bool = False,
    notebooks: str | None = None,
    kertas: str = "a4",
    scheduler: str | None = None,
    kabupaten: list[str] | None = None,
) -> dict:
    """Run the batch; returns the manifest (also written to ``<keluaran>/<tahun>/manifest.json``).

    ``scheduler`` runs the documents on a Dask cluster (an address, or ``"local"`` for a
    LocalCluster of ``jobs`` workers; :mod:`kinerja.run.klaster`), else on ``jobs`` local
    processes; either way each document is isolated the same way and only this process
    writes the manifest and the index.

    The store is the one :func:`kinerja.store.url.url_store` finds (``db``, ``$KINERJA_DB``, the
    default); the sample kabupaten only with ``contoh=True``. ``notebooks`` is a folder of
    adapted notebooks (else ``$KINERJA_NOTEBOOKS``), used before the package's own.
    """
    from tqdm import tqdm

    keluaran = Path(keluaran).resolve()
    if contoh:
        from kinerja.contoh.store import store_contoh

        store = store_contoh(tahun, bulan or 12)
        db = store.url
    else:
        from kinerja.store.store import buka_store

        store = buka_store(db)
        db = store.url
    tasks = rencana_batch(store, tahun, bulan, units, dokumen, keluaran, db, skala, notebooks, kertas, kabupaten)
    if pdf and chromium() is None:
        raise KinerjaError("chromium tidak ditemukan untuk mencetak PDF; pasang paket Debian chromium "
                           "(make chromium) atau jalankan dengan --tanpa-pdf")
    manifest_path = keluaran / str(tahun) / "manifest.json"
    previous: dict[str, dict] = {}
    if lanjutkan and manifest_path.exists():
        old = json.loads(manifest_path.read_text(encoding="utf-8"))
        previous = {f"{h['unit']}/{h['dokumen']}": h for h in old.get("tugas", [])}
    # A document is kept only if it succeeded, its files are there, and nothing it is built from
    # (parameters, notebook, data, kinerja) changed since.
    todo = [t for t in tasks if not (
        t.kunci in previous and previous[t.kunci]["status"] == "berhasil"
        and previous[t.kunci].get("sidik") == t.sidik
        and all(Path(p).exists() for p in previous[t.kunci]["keluaran"]))]
    results: dict[str, dict] = {t.kunci: previous[t.kunci] for t in tasks if t.kunci in previous}
    started = time.perf_counter()
    store.engine.dispose()
    if scheduler is None:
        run = _jalankan_lokal(todo, pdf, jobs)
    else:
        from kinerja.run.klaster import jalankan_di_klaster

        run = jalankan_di_klaster(todo, pdf, scheduler, jobs, _terisolasi, _siapkan, _hilang)
    for tugas, hasil in tqdm(run, total=len(todo), desc="dokumen", unit="dok", disable=not progress):
        results[tugas.kunci] = asdict(hasil)
    manifest = {
        "tahun": tahun, "bulan": bulan, "basis_data": tampil_url(db), "penjadwal": scheduler or "lokal",
        "dibuat": dt.datetime.now().isoformat(timespec="seconds"),
        "durasi": time.perf_counter() - started, "dijalankan": len(todo),
        "tugas": [results[t.kunci] for t in tasks],
    }
    text = json.dumps(manifest, ensure_ascii=False, indent=2)
    tulis_atomik(manifest_path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    try:
        status = status_unit(store, tahun, bulan)
    except KinerjaError:
        status = None  # an index without status beats no index
    _index(manifest["tugas"], tahun, bulan, keluaran / str(tahun) / "index.html", status)
    return manifest
