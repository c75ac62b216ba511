"""Parameter files: one model per kind, one loader, one name lookup (kinerja.core.konfigurasi, kinerja.core.parameter).

For every kind of file: the shipped file loads; a wrong type, a missing key, an unknown
key and an out-of-range value are refused with an Indonesian message naming the file and
the key path; names are looked up among the files present, never joined into a path.
"""

import re
from pathlib import Path

import pytest

from kinerja.analisis.peringkat import muat_bobot_peringkat
from kinerja.analisis.proyeksi import muat_peringatan_dini
from kinerja.core.berjenjang import Bobot, muat_bobot
from kinerja.core.errors import KinerjaError
from kinerja.core.kewajaran import muat_kewajaran
from kinerja.core.konfigurasi import (BerkasBatch, BerkasBobot, BerkasKewajaran, BerkasPeringatanDini,
                                      BerkasPeringkat, BerkasPolaritas, BerkasSkala)
from kinerja.core.parameter import cari_parameter, daftar_parameter, muat_konfigurasi
from kinerja.core.polaritas import muat_aturan_polaritas
from kinerja.core.predikat import muat_skala
from kinerja.core.sumber import folder_paket
from kinerja.impor.tabel import BerkasPemetaan, muat_pemetaan
from kinerja.run.batch import muat_set

PARAM = folder_paket("parameters")
SKALA_OK = "kelas:\n  - label: Baik\n    minimal: 80\n  - label: Kurang\n"
PEMETAAN_OK = "kolom:\n  indikator: Indikator\nrealisasi:\n  TW1: C\n"
# English words pydantic or PyYAML would put in a message; none may reach the user.
ENGLISH = re.compile(r"\b(Input|should|valid|required|Field|permitted|Extra|expected|found|while)\b")

# kind: (reader, model, shipped files, {case: (file body, message pattern)})
KINDS = {
    "predikat": (muat_skala, BerkasSkala, sorted((PARAM / "predikat").glob("*.yaml")), {
        "tipe": ("kelas:\n  - label: A\n    lebih_dari: lima\n  - label: B\n",
                 r"kelas\[1\]\.lebih_dari harus angka, bukan 'lima'"),
        "hilang": ("kelas:\n  - minimal: 80\n  - label: B\n", r"kelas\[1\]\.label wajib ada"),
        "asing": (SKALA_OK.replace("minimal: 80", "minimal: 80\n    warnaa: '#000000'"),
                  r"kunci 'kelas\[1\]\.warnaa' tidak dikenal; yang boleh: label, lebih_dari, minimal, warna"),
        "rentang": ("kelas:\n  - label: A\n    lebih_dari: 10\n  - label: B\n    lebih_dari: 50\n  - label: C\n",
                    r"kelas\[2\]: batas kelas harus menurun dari kelas teratas ke terbawah \(50 tidak di bawah 10\)"),
    }),
    "bobot": (muat_bobot, BerkasBobot, [PARAM / "bobot.yaml"], {
        "tipe": ("indikator:\n  dinkes:\n    angka kematian ibu: dua\n",
                 r"indikator\.dinkes\.angka kematian ibu harus angka, bukan 'dua'"),
        "hilang": ("unit:\n  dinkes:\n", r"unit\.dinkes harus angka, bukan None"),  # every key optional
        "asing": ("bobot_lain: 1\n", r"kunci 'bobot_lain' tidak dikenal; yang boleh: batas_kontribusi, indikator"),
        "rentang": ("unit:\n  dinkes: -1\n", r"unit\.dinkes harus angka > 0 \(lebih dari nol\), bukan -1"),
    }),
    "kewajaran": (muat_kewajaran, BerkasKewajaran, [PARAM / "kewajaran.yaml"], {
        "tipe": ("rasio_renstra: satu\n", r"rasio_renstra harus angka, bukan 'satu'"),
        "hilang": ("dikonfirmasi:\n  - {unit: a, indikator: k}\n", r"dikonfirmasi\[1\]\.tahun wajib ada"),
        "asing": ("capaian_max: 300\n", r"kunci 'capaian_max' tidak dikenal; yang boleh: capaian_maks, capaian_min"),
        "rentang": ("rasio_renstra: 1\n", r"rasio_renstra harus angka > 1, bukan 1"),
    }),
    "polaritas": (muat_aturan_polaritas, BerkasPolaritas, [PARAM / "polaritas.yaml"], {
        "tipe": ("kata:\n  negatif: kematian\n", r"kata\.negatif harus daftar, mis\. \[a, b\], bukan 'kematian'"),
        "hilang": ("akhir:\n  satuan:\n  - ['%']\n", r"akhir\.satuan\[1\] harus teks"),  # every key optional
        "asing": ("kata:\n  netral: [x]\n", r"kunci 'kata\.netral' tidak dikenal; yang boleh: negatif, stabil, positif"),
        "rentang": ("tetap:\n  x: naik\n", r"tetap\.x: polaritas tidak dikenal \('naik'\); pakai positif, negatif"),
    }),
    "peringkat": (muat_bobot_peringkat, BerkasPeringkat, [PARAM / "peringkat.yaml"], {
        "tipe": ("bobot:\n  capaian: besar\n", r"bobot\.capaian harus angka, bukan 'besar'"),
        "hilang": ("bobot:\n  capaian: 0\n  penyerapan: 0\n  kepatuhan: 0\n  kualitas: 0\n",
                   r"bobot: paling sedikit satu bobot harus lebih dari nol"),  # every key optional (1 if left out)
        "asing": ("bobot:\n  keindahan: 2\n", r"kunci 'bobot\.keindahan' tidak dikenal; yang boleh: capaian, "
                  "penyerapan, kepatuhan, kualitas"),
        "rentang": ("bobot:\n  capaian: -1\n", r"bobot\.capaian harus angka ≥ 0 \(tidak boleh negatif\), bukan -1"),
    }),
    "peringatan_dini": (muat_peringatan_dini, BerkasPeringatanDini, [PARAM / "peringatan_dini.yaml"], {
        "tipe": ("syarat_pita: ya\n", r"syarat_pita harus"),
        "hilang": ("batas_capaian:\n", r"batas_capaian harus angka, bukan None"),  # every key optional
        "asing": ("batas: 90\n", r"kunci 'batas' tidak dikenal; yang boleh: batas_capaian, syarat_pita"),
        "rentang": ("batas_capaian: 120\n", r"batas_capaian harus angka ≤ 100, bukan 120"),
    }),
    "batch": (lambda p: muat_set(str(p)), BerkasBatch, sorted((PARAM / "batch").glob("*.yaml")), {
        "tipe": ("tahun: dua ribu\n", r"tahun harus bilangan bulat, bukan 'dua ribu'"),
        "hilang": ("dokumen: [craapk, 7]\n", r"dokumen\[2\] harus teks, bukan 7"),  # every key optional
        "asing": ("tahunan: 2026\n", r"kunci 'tahunan' tidak dikenal; yang boleh: tahun, bulan"),
        "rentang": ("bulan: 13\n", r"bulan harus angka ≤ 12, bukan 13"),
    }),
    "impor": (muat_pemetaan, BerkasPemetaan, sorted((PARAM / "impor").glob("*.yaml")), {
        "tipe": ("kolom:\n  kode: 2.5\nrealisasi:\n  TW1: C\n",
                 r"kolom\.kode: harus judul kolom, huruf kolom \(C\) atau nomor kolom \(3\), bukan 2\.5"),
        # a plan (targets, no realisasi) is a table too; a mapping without any number column is not
        "hilang": ("kolom:\n  indikator: Indikator\n", r"petakan setidaknya satu kolom angka"),
        "asing": (PEMETAAN_OK + "  TW5: D\n", r"kunci 'realisasi\.TW5' tidak dikenal; yang boleh: TW1, TW2"),
        "rentang": ("baris_judul: 0\n" + PEMETAAN_OK, r"baris_judul harus angka ≥ 1, bukan 0"),
    }),
}
CASES = [(kind, case) for kind, (_, _, _, cases) in KINDS.items() for case in cases]


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_shipped_files_load(kind):
    reader, model, files, _ = KINDS[kind]
    assert files
    for f in files:
        assert isinstance(muat_konfigurasi(f, model), model)
        assert reader(f) is not None


@pytest.mark.parametrize("kind,case", CASES)
def test_a_bad_file_is_refused_in_indonesian_naming_file_and_key(tmp_path, kind, case):
    reader, model, _, cases = KINDS[kind]
    body, pattern = cases[case]
    f = tmp_path / f"uji-{kind}.yaml"
    f.write_text(body, encoding="utf-8")
    for load in (reader, lambda p: muat_konfigurasi(p, model)):
        with pytest.raises(KinerjaError) as info:
            load(f)
        message = str(info.value)
        assert message.startswith(f"uji-{kind}.yaml: "), message
        assert re.search(pattern, message), message
        assert not ENGLISH.search(message), message


def test_every_mistake_of_a_file_is_listed_at_once(tmp_path):
    f = tmp_path / "set.yaml"
    f.write_text("bulan: 13\npdf: ya\nunit: dinkes\n", encoding="utf-8")
    with pytest.raises(KinerjaError, match=r"^set\.yaml: bulan harus angka ≤ 12, bukan 13; unit harus daftar, mis\. "
                                           r"\[a, b\], bukan 'dinkes'; pdf harus true atau false, bukan 'ya'$"):
        muat_set(str(f))


def test_missing_keys_take_their_defaults(tmp_path):
    f = tmp_path / "kosong.yaml"
    f.write_text("# kosong\n", encoding="utf-8")
    assert muat_bobot(f).unit == {} and muat_kewajaran(f).capaian_maks == 200.0
    assert muat_bobot_peringkat(f) == {"capaian": 1.0, "penyerapan": 1.0, "kepatuhan": 1.0, "kualitas": 1.0}
    assert muat_set(str(f)) == {}
    f.write_text("bobot:\n", encoding="utf-8")  # an empty entry is as if left out
    assert muat_bobot_peringkat(f)["capaian"] == 1.0
    f.write_text("unit:\nindikator:\n  dinkes:\n", encoding="utf-8")
    assert muat_bobot(f) == Bobot()


@pytest.mark.parametrize("body,pattern", [
    ("kelas: [\n", r"^uji\.yaml: tidak dapat dibaca: bukan YAML yang sah di baris 2, kolom 1$"),
    ("- a\n- b\n", r"^uji\.yaml: isi berkas harus berisi pasangan kunci: nilai"),
    ("kelas:\n  - label: A\n", r"^uji\.yaml: kelas harus berisi paling sedikit 2 butir$"),
    (SKALA_OK + "kelas: []\n", r"^uji\.yaml: kunci 'kelas' tertulis dua kali di baris 5"),
    (SKALA_OK.replace("minimal: 80", "minimal: 80\n    warna: green"), r"kelas\[1\]\.warna: harus kode warna"),
    ("kelas:\n  - label: A\n    lebih_dari: 5\n  - label: A\n", r"kelas\[2\]\.label: label kelas tidak boleh kembar"),
    ("kelas:\n  - label: A\n    lebih_dari: 5\n  - label: B\n    minimal: 1\n", r"kelas\[2\]\.minimal: kelas terakhir"),
])
def test_yaml_and_rule_errors_are_located(tmp_path, body, pattern):
    f = tmp_path / "uji.yaml"
    f.write_text(body, encoding="utf-8")
    with pytest.raises(KinerjaError) as info:
        muat_skala(f)
    assert re.search(pattern, str(info.value)), str(info.value)
    assert not ENGLISH.search(str(info.value))


def test_a_weight_written_twice_is_refused_not_silently_replaced(tmp_path):
    f = tmp_path / "bobot.yaml"
    f.write_text("unit:\n  dinkes: 2\n  dinkes: 3\n", encoding="utf-8")
    with pytest.raises(KinerjaError, match=r"^bobot\.yaml: kunci 'dinkes' tertulis dua kali di baris 3"):
        muat_bobot(f)


def test_a_missing_file_given_by_path_is_refused(tmp_path):
    with pytest.raises(KinerjaError, match="tidak-ada.yaml: berkas tidak ditemukan"):
        muat_bobot(tmp_path / "tidak-ada.yaml")


@pytest.mark.parametrize("jenis,reader", [("predikat", muat_skala), ("batch", muat_set), ("impor", muat_pemetaan)])
def test_names_are_looked_up_never_joined_into_a_path(tmp_path, jenis, reader):
    names = daftar_parameter(jenis)
    assert names and cari_parameter(jenis, names[0]).parent == PARAM / jenis
    other = "batch/craapk-bulanan" if jenis != "batch" else "predikat/lke-akip"
    for text in (f"../{other}", str((PARAM / other).with_suffix("")), "/etc/passwd", "tidak-ada"):
        with pytest.raises(KinerjaError) as info:
            reader(text)
        message = str(info.value)
        assert f"{text!r} tidak ditemukan" in message and f"yang tersedia di parameters/{jenis}/: " in message
        assert ", ".join(names) in message
        if text != "tidak-ada":
            assert "nama tidak sah" in message
    own = tmp_path / "milik.yml"  # the user's own file, by its path
    own.write_text({"predikat": SKALA_OK, "batch": "tahun: 2026\n", "impor": PEMETAAN_OK}[jenis], encoding="utf-8")
    assert cari_parameter(jenis, own) == own and cari_parameter(jenis, str(own)) == own
    assert reader(str(own))


def test_the_parameters_folder_can_be_replaced(tmp_path, monkeypatch):
    (tmp_path / "predikat").mkdir()
    (tmp_path / "predikat" / "kabupaten-saya.yaml").write_text("nama: Saya\n" + SKALA_OK, encoding="utf-8")
    monkeypatch.setenv("KINERJA_PARAMETERS", str(tmp_path))
    assert daftar_parameter("predikat") == ["kabupaten-saya"]
    assert muat_skala("kabupaten-saya").nama == "Saya"
    with pytest.raises(KinerjaError, match="yang tersedia di parameters/predikat/: kabupaten-saya$"):
        muat_skala("lke-akip")
    assert daftar_parameter("batch") == []  # no folder: nothing to choose from


def test_readers_return_what_they_returned_before():
    assert muat_pemetaan("contoh-tabel-triwulan") == {
        "kolom": {"kode": "Kode Indikator", "indikator": "Indikator Kinerja", "satuan": "Satuan", "target": "Target",
                  "kendala": "Kendala", "solusi": "Solusi"},
        "realisasi": {"TW1": "Realisasi TW I", "TW2": "Realisasi TW II", "TW3": "Realisasi TW III",
                      "TW4": "Realisasi TW IV"},
        "realisasi_anggaran": {}}
    assert muat_set("craapk-bulanan") == {"dokumen": ["craapk"], "db": "sqlite:///outputs/kinerja.sqlite",
                                          "keluaran": "outputs", "skala": "permendagri-86-2017", "pdf": True}
    k = muat_kewajaran()
    assert (k.capaian_maks, k.capaian_min, k.rasio_renstra, k.dikonfirmasi) == (200.0, 10.0, 10.0, frozenset())
    assert muat_aturan_polaritas().kata["negatif"][:2] == ("angka kematian", "kematian")
    skala = muat_skala("lke-akip")
    assert [k.label for k in skala.kelas][:2] == ["AA", "A"] and skala.kelas[0].batas == 90.0
    assert not skala.kelas[0].inklusif and skala.kelas[-1].batas is None
