"""The one formulir registry: name, aliases, load order, validator and template of each kind."""

from kinerja.formulir import validasi
from kinerja.formulir.daftar import FORMULIR, JENIS_FORMULIR, cari_formulir, urutan_muat


def test_every_kind_has_a_validator_a_template_and_its_aliases():
    for j in JENIS_FORMULIR.values():
        assert callable(getattr(validasi, j.pemeriksa)), j.kode
        for tingkat in j.tingkat:
            f = j.templat(tingkat)
            assert f.jenis == j.kode and FORMULIR[f.kode] == f
            if j.kode != "UNIT":
                for alias in j.alias:
                    assert cari_formulir(alias.upper(), tingkat) == f
    assert {f.jenis for f in FORMULIR.values()} == set(JENIS_FORMULIR)


def test_load_order_follows_the_registry():
    order = sorted(FORMULIR.values(), key=urutan_muat)
    kinds = [f.jenis for f in order]
    assert kinds[0] == "UNIT" and kinds.index("RENSTRA") < kinds.index("RKT") < kinds.index("PK") \
        < kinds.index("RAAPK") < kinds.index("CRAAPK") < kinds.index("POHON")
    assert urutan_muat(FORMULIR["PK-KAB"]) < urutan_muat(FORMULIR["PK-PD"])
