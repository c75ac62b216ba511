"""`kinerja serve` builds a locked-down Voila command; the browser tests run it for real."""

from kinerja.halaman import serve


def test_voila_is_locked_down_by_default(tmp_path):
    argv, env, token = serve.perintah_voila(db="sqlite:///x.sqlite", keluaran=str(tmp_path), tahun=2026, bulan=9)
    args = set(argv)
    # standalone voila (kinerja's subclass with its limits) on the dashboard folder
    assert argv[1:4] == ["-m", "kinerja.halaman.pelayan", str(serve.folder_halaman())]
    assert not any(token in a for a in argv) and env["JUPYTER_TOKEN"] == token  # never on the command line
    for flag in ("--Voila.ip=127.0.0.1", "--Voila.auto_token=True", "--VoilaConfiguration.strip_sources=True",
                 "--VoilaConfiguration.show_tracebacks=False",
                 "--MappingKernelManager.cull_connected=True", "--no-browser"):
        assert flag in args, flag
    assert "--MappingKernelManager.cull_idle_timeout=900" in args
    assert "--VoilaConfiguration.file_allowlist=(?!x)x" in args  # not "(?!)": a DeprecationWarning in English
    assert len(token) >= 30
    assert env["KINERJA_DB"].startswith("sqlite:////") and env["KINERJA_TAHUN"] == "2026"  # absolute path
    assert env["KINERJA_KELUARAN"] == str(tmp_path.resolve())


def test_each_run_gets_its_own_token_unless_one_is_given():
    assert serve.perintah_voila()[2] != serve.perintah_voila()[2]
    assert serve.perintah_voila(token="rahasia")[2] == "rahasia"


def test_every_page_has_its_notebook():
    names = sorted(p.stem for p in serve.folder_halaman().glob("*.ipynb"))
    assert names == ["beranda", "evaluasi_akip", "kirim_formulir", "perangkat_daerah", "peringkat", "pohon_kinerja",
                     "ringkasan_kabupaten", "tren"]


def test_an_adapted_page_folder_is_served_instead_of_the_package(tmp_path):
    from kinerja.core.sumber import salin_notebook

    salin_notebook(tmp_path)
    argv, _, _ = serve.perintah_voila(notebooks=str(tmp_path))
    assert argv[3] == str(tmp_path.resolve() / "dashboard")
