"""What every ``kinerja`` command shares: an argument parser speaking Bahasa Indonesia, the
common options, the store a command opens, the suffixes an ``-o`` accepts."""

from __future__ import annotations

import argparse
import difflib
import re
import sys

from kinerja.store.url import DEFAULT_URL

__all__ = ["BANTUAN_TAHUN", "DATA_KINERJA", "FORMAT_CSV_XLSX", "FORMAT_TEMUAN", "Parser", "bilangan", "bulan", "buka",
           "contoh", "opsi_contoh", "opsi_db", "opsi_notebooks", "opsi_tahun_bulan", "periksa_tahun", "saran_ketik",
           "skala_bawaan", "tahun", "triwulan", "tutup_store"]


# The suffixes each command's -o writes (checked before the command runs, named in its help).
FORMAT_CSV_XLSX = (".csv", ".xlsx")


FORMAT_TEMUAN = (".xlsx", ".html", ".htm", ".csv")


# argparse builds its own messages in English; these patterns give them in Indonesian.
_ARGPARSE_ID = (
    (r"the following arguments are required: (.*)", r"argumen berikut wajib diisi: \1"),
    (r"unrecognized arguments: (.*)", r"argumen tidak dikenal: \1"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", r"argumen \1: pilihan \2 tidak sah (pilih dari \3)"),
    (r"argument (\S+): invalid (\w+) value: (.*)", r"argumen \1: nilai \3 bukan angka yang sah"),
    (r"argument (\S+): expected one argument", r"argumen \1: memerlukan satu nilai"),
    (r"invalid choice: (.*?) \(choose from (.*)\)", r"pilihan \1 tidak sah (pilih dari \2)"),
    (r"argument (\S+): not allowed with argument (\S+)", r"argumen \1 tidak boleh bersama \2"),
    (r"argument (\S+): ignored explicit argument (.*)", r"argumen \1 tidak menerima nilai \2"),
    (r"ambiguous option: (\S+) could match (.*)", r"opsi \1 taksa, dapat berarti \2"),
    (r"^argument (\S+): ", r"argumen \1: "),  # a message of the type functions below, already in Indonesian
)


# Every year, month, quarter and count of the command line is checked here, once, as it is read
# (argparse type functions): a command never runs on "--tahun 26" or "--bulan 13".
def _angka(teks: str, apa: str, contoh_: str) -> int:
    teks = teks.strip()
    if not teks:
        raise argparse.ArgumentTypeError(f"{apa} kosong; tulis {contoh_}")
    if not re.fullmatch(r"-?[0-9]+", teks):
        raise argparse.ArgumentTypeError(f"{teks!r} bukan bilangan bulat; tulis {apa} {contoh_}")
    return int(teks)


def tahun(teks: str) -> int:
    """argparse type of every ``--tahun``: a year of four digits (the years a formulir may hold)."""
    from kinerja.core.periode import TAHUN_AKHIR, TAHUN_AWAL

    nilai = _angka(teks, "tahun", "empat angka, mis. 2026")
    if len(teks.strip()) != 4 or not TAHUN_AWAL <= nilai <= TAHUN_AKHIR:
        raise argparse.ArgumentTypeError(f"tahun harus empat angka {TAHUN_AWAL}–{TAHUN_AKHIR}, mis. 2026; "
                                         f"bukan {teks.strip()!r}")
    return nilai


def bulan(teks: str) -> int:
    """argparse type of every ``--bulan``: 1–12."""
    nilai = _angka(teks, "bulan", "angka 1–12, mis. 9 untuk September")
    if not 1 <= nilai <= 12:
        raise argparse.ArgumentTypeError(f"bulan harus 1–12 (Januari–Desember), bukan {teks.strip()!r}")
    return nilai


def triwulan(teks: str) -> int:
    """argparse type of every ``--triwulan``: 1–4."""
    nilai = _angka(teks, "triwulan", "angka 1–4")
    if not 1 <= nilai <= 4:
        raise argparse.ArgumentTypeError(f"triwulan harus 1–4, bukan {teks.strip()!r}")
    return nilai


def bilangan(paling_kecil: int, paling_besar: int | None = None):
    """argparse type of a count: a whole number from ``paling_kecil`` (up to ``paling_besar``)."""
    batas = f"{paling_kecil}–{paling_besar}" if paling_besar is not None else f"{paling_kecil} atau lebih"

    def periksa(teks: str) -> int:
        nilai = _angka(teks, "bilangan bulat", batas)
        if nilai < paling_kecil or paling_besar is not None and nilai > paling_besar:
            raise argparse.ArgumentTypeError(f"harus bilangan bulat {batas}, bukan {teks.strip()!r}")
        return nilai

    periksa.__name__ = "bilangan"
    return periksa


BANTUAN_TAHUN = "tahun, empat angka (mis. 2026)"


def opsi_tahun_bulan(p: argparse.ArgumentParser, bantuan_bulan: str) -> None:
    """``--tahun`` and ``--bulan``, both required: the period of a table from the store."""
    p.add_argument("--tahun", type=tahun, required=True, help=BANTUAN_TAHUN)
    p.add_argument("--bulan", type=bulan, required=True, help=bantuan_bulan)


def skala_bawaan() -> str:
    """The predikat scale a command uses unless told (named in help texts, which call this only
    when shown: the scales' module loads pandas)."""
    from kinerja.core.predikat import DEFAULT_SKALA

    return DEFAULT_SKALA


def contoh(*baris: str) -> str:
    """The ``Contoh:`` (examples) epilog every command's help ends with."""
    return "Contoh:\n" + "\n".join(f"  {b}" for b in baris)


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "penggunaan: " if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """ArgumentParser speaking Bahasa Indonesia."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumen"
        self._optionals.title = "opsi"
        self.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")

    def format_help(self) -> str:
        """The help, with the texts given as functions (they need a heavy module) filled in."""
        for action in self._actions:
            for item in [action, *getattr(action, "_choices_actions", [])]:
                if callable(item.help):
                    item.help = item.help()
        return super().format_help()

    def parse_known_args(self, args=None, namespace=None):
        if not any(isinstance(a, argparse._SubParsersAction) for a in self._actions):
            self._periksa_opsi(sys.argv[1:] if args is None else list(args))  # a leaf: a command's own options
        return super().parse_known_args(args, namespace)

    def _periksa_opsi(self, args: list[str]) -> None:
        """A mistyped option is named, with the closest of this command's options, before argparse
        complains instead of a required option it hides."""
        for token in args:
            if token == "--":
                break
            nama = token.split("=", 1)[0]
            if not nama.startswith("--") or any(o.startswith(nama) for o in self._option_string_actions):
                continue
            self.error(f"opsi tidak dikenal: {nama}{saran_ketik(nama, self._option_string_actions)}")

    def error(self, message: str):
        pilihan = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)$", message)
        for pattern, replacement in _ARGPARSE_ID:
            message = re.sub(pattern, replacement, message)
        if pilihan:
            message += saran_ketik(pilihan[1], re.findall(r"'([^']*)'", pilihan[2]))
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: galat: {message}\n")


def saran_ketik(teks: str, pilihan) -> str:
    """"; apakah maksud Anda …?" with the nearest of ``pilihan`` to a mistyped ``teks``, or ""."""
    dekat = difflib.get_close_matches(teks, list(pilihan), n=2, cutoff=0.6)
    return f"; apakah maksud Anda {' atau '.join(dekat)}?" if dekat else ""


def opsi_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="URL", default=None,
                   help=f"basis data SQLAlchemy (bawaan: $KINERJA_DB, atau {DEFAULT_URL})")


def opsi_contoh(p: argparse.ArgumentParser) -> None:
    p.add_argument("--contoh", action="store_true",
                   help="pakai basis data contoh Kabupaten Nusa Rekaan (kabupaten rekaan; dibuat bila belum ada)")


def opsi_notebooks(p: argparse.ArgumentParser) -> None:
    p.add_argument("--notebooks", metavar="FOLDER", default=None,
                   help="folder notebook yang disesuaikan (bawaan: $KINERJA_NOTEBOOKS, lalu bawaan paket)")


# The files that make a year one with performance data to rank, check or hold units to (kepatuhan):
# plans and reports of that year, read from kinerja's formulir or imported (Evaluasi Renja, SIPD, tables).
DATA_KINERJA = ("RKT", "PK", "RAAPK", "CRAAPK", "EVALUASI-RENJA", "SIPD-REALISASI", "SIPD-ANGGARAN", "TABEL")


def buka(args: argparse.Namespace, harus_ada: bool = True, menulis: bool = False, tahun: int | None = None,
         dokumen: tuple[str, ...] | None = None):
    """The store every command uses (``--db``, ``$KINERJA_DB``, the default), announced on stderr;
    for a command that ``menulis`` (writes), checked to be undamaged before anything is written.
    Unless ``harus_ada`` is false (a command that creates stores), a missing one is refused and
    none is created; with ``tahun``, a store holding nothing of that year (of ``dokumen``, when
    given) is refused too (:func:`periksa_tahun`)."""
    from kinerja.store import Store, buka_store, tampil_url, url_store

    url = url_store(args.db)
    print(f"basis data: {tampil_url(url)}", file=sys.stderr)
    store = buka_store(url) if harus_ada else Store(url)
    _DIBUKA.append(store)
    if menulis:
        store.periksa_utuh()
    if tahun is not None:
        periksa_tahun(store, tahun, dokumen)
    return store


def periksa_tahun(store, tahun: int, dokumen: tuple[str, ...] | None = None) -> None:
    """Refuse a year of which the store holds no file (of the kinds ``dokumen``; else of any kind):
    a question about it would be answered with empty tables ("belum menyampaikan" for every unit).
    A Renstra/RPJMD, filed under its first year, plans five: it makes no year one with data."""
    from kinerja.core.errors import KinerjaError
    from kinerja.store import tampil_url

    subs = store.submissions()
    jenis = subs["dokumen"].str.upper()
    dipakai = jenis.isin(dokumen) if dokumen else jenis != "RENSTRA"
    ada = sorted({int(t) for t in subs.loc[dipakai, "tahun"].dropna()})
    if tahun not in ada:
        apa = f"rencana atau laporan kinerja ({', '.join(d.lower() for d in dokumen)})" if dokumen else "data"
        yang_ada = f"tahun yang ada: {', '.join(map(str, ada))}" if ada else "belum ada satu tahun pun"
        raise KinerjaError(f"basis data {tampil_url(store.url)} tidak berisi {apa} tahun {tahun} ({yang_ada}); "
                           "periksa --tahun, atau muat dahulu berkas tahun itu dengan 'kinerja ingest' atau "
                           "'kinerja impor'")


_DIBUKA: list = []  # the stores this command opened, closed by tutup_store


def tutup_store() -> None:
    """Close the stores the command opened; one it created and loaded nothing into is removed
    with its lock and journal (a refused ingest, a summary of a store that did not exist)."""
    while _DIBUKA:
        _DIBUKA.pop().tutup(buang_bila_kosong=True)
