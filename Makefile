# kinerja: two commands on a fresh machine.
#   make run   - installs into .venv, then runs the main job on the bundled sample data
#   make test  - installs into .venv (with test tools), then runs the whole test suite
# Everything is installed from requirements.txt (pinned); nothing outside .venv changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.kinerja-installed
OUT    := outputs/contoh
TAHUN  ?= 2026
BULAN  ?= 9
RENJA  := tests/data/impor/evaluasi-renja-bappedalitbang-2025.xlsx

.PHONY: run test test-cepat bench lock clean help chromium postgresql graphviz debian contoh-db contoh-uji serve
.PHONY: uji-halaman uji-sendiri gambar

help:
	@echo "make run    - buat Kabupaten Nusa Rekaan, muat ke basis data, periksa berkas salah, kepatuhan, capaian contoh"
	@echo "make test   - jalankan seluruh pengujian"
	@echo "make test-cepat - pengujian unit, properti dan pembaca saja (beberapa menit)"
	@echo "make serve  - sajikan halaman Voila untuk pimpinan (setelah make run) di http://127.0.0.1:8866"
	@echo "make bench  - jalankan benchmark di benchmarks/"
	@echo "make gambar - perbarui gambar layar Panduan Pengguna (docs/gambar/) dari contoh Nusa Rekaan"
	@echo "make lock   - perbarui requirements.txt dari pyproject.toml"
	@echo "make clean  - hapus .venv dan keluaran"

$(STAMP): pyproject.toml requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip==25.3
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Debian's packages, installed when missing (as root, as on CI), all missing ones in one apt-get:
# chromium prints the PDF reports, graphviz (dot) lays out the pohon kinerja pictures, and
# postgresql is for the tests, which start a throwaway server of their own (tests/postgres.py).
ADA_chromium   := command -v chromium
ADA_graphviz   := command -v dot
ADA_postgresql := ls /usr/lib/postgresql/*/bin/initdb
debian = @kurang=""; $(foreach p,$(1),$(ADA_$(p)) >/dev/null 2>&1 || kurang="$$kurang $(p)";) \
	test -z "$$kurang" || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$kurang >/dev/null; }

chromium graphviz postgresql:
	$(call debian,$@)

debian:
	$(call debian,chromium graphviz postgresql)

# The sample store the tests share (tests/conftest.py keeps it in outputs/contoh-db), built
# before pytest starts, while apt-get may still be installing (make test runs these side by side).
contoh-db: $(STAMP)
	KINERJA_CONTOH="$${KINERJA_CONTOH:-$(CURDIR)/outputs/contoh-db}" $(BIN)/python -c \
	  "from kinerja.contoh.store import store_contoh; store_contoh()"

# Beside it, on the core its build leaves idle: the sample store of the tests' own month and the
# workbooks and small store that every test process copies (tests/bersama.py).
contoh-uji: $(STAMP)
	KINERJA_CONTOH="$${KINERJA_CONTOH:-$(CURDIR)/outputs/contoh-db}" $(BIN)/python tests/bersama.py

run: $(STAMP) chromium graphviz
	rm -rf outputs/sampel outputs/sampel-salah outputs/arsip outputs/kinerja.sqlite
	$(BIN)/kinerja sample outputs/sampel --tahun $(TAHUN) --bulan $(BULAN) --salah outputs/sampel-salah
	$(BIN)/kinerja ingest outputs/sampel --ringkas
	$(BIN)/kinerja ringkasan
	@echo "--- berkas yang sengaja salah: semuanya harus ditolak dan basis data tidak berubah ---"
	$(BIN)/kinerja ingest outputs/sampel-salah --ringkas; test $$? -eq 1
	$(BIN)/kinerja ringkasan
	$(BIN)/kinerja kepatuhan --tahun $(TAHUN) --bulan $(BULAN) -o outputs/kepatuhan.xlsx
	$(BIN)/kinerja peringkat --tahun $(TAHUN) --bulan $(BULAN) -o outputs/peringkat.xlsx
	@echo "--- pohon kinerja: temuan keselarasan (kesalahan yang sengaja dibuat di contoh harus ditemukan) ---"
	$(BIN)/kinerja keselarasan --tahun $(TAHUN) --bulan $(BULAN) -o outputs/keselarasan.xlsx
	$(BIN)/kinerja peringatan-dini --tahun $(TAHUN) --bulan $(BULAN) -o outputs/peringatan-dini.xlsx
	$(BIN)/kinerja batch --set contoh-september-2026 --tahun $(TAHUN) --bulan $(BULAN) --db sqlite:///outputs/kinerja.sqlite
	@echo "--- Inspektorat: reviu LKjIP (kertas kerja; LKjIP Word buatan unit dibandingkan dengan data) dan evaluasi AKIP ---"
	mkdir -p outputs/reviu
	$(BIN)/kinerja reviu --tahun $(TAHUN) --unit nusa-rekaan --db sqlite:///outputs/kinerja.sqlite \
		-o outputs/reviu/kertas-kerja-nusa-rekaan.xlsx
	$(BIN)/kinerja reviu --tahun $(TAHUN) --unit dinkes --lkjip outputs/sampel/dinkes/LKjIP_$(TAHUN)_dinkes.docx \
		--db sqlite:///outputs/kinerja.sqlite -o outputs/reviu/temuan-lkjip-dinkes.csv
	$(BIN)/kinerja batch --tahun $(TAHUN) --bulan $(BULAN) --dokumen rekap-lke lhe --unit nusa-rekaan dinkes bappeda \
		--db sqlite:///outputs/kinerja.sqlite
	@echo "--- data yang sudah dimiliki Pemda: Evaluasi Renja nyata (Bappedalitbang, 2025) lewat kinerja impor ---"
	mkdir -p $(OUT)
	$(BIN)/kinerja impor $(RENJA) --jenis evaluasi-renja --unit bappeda --tahun 2025 --periksa -o $(OUT)/impor-evaluasi-renja.csv
	rm -rf outputs/impor && mkdir -p outputs/impor && cp outputs/kinerja.sqlite outputs/impor/kinerja.sqlite
	$(BIN)/kinerja impor $(RENJA) --unit bappeda --tahun 2025 --db sqlite:///outputs/impor/kinerja.sqlite
	$(BIN)/kinerja batch --unit bappeda --tahun 2025 --bulan 12 --dokumen evaluasi-renja triwulanan lkjip \
		--db sqlite:///outputs/impor/kinerja.sqlite -o outputs/impor
	$(BIN)/kinerja capaian data/contoh/capaian.csv -o $(OUT)/capaian.xlsx
	$(BIN)/kinerja capaian data/contoh/capaian.csv --tabel

# Two workers (one test file each) for all but the tests that open pages, then those, so that a
# page is never timed while two workers load both cores with PDFs and batches (the first run).
# The pages leave the cores mostly idle while they wait on the browser and on their kernels, so
# they run on two workers too (one module each, the longest first), beside the wheel's test (one
# chain of subprocesses: a clean virtualenv, its own sample store, a batch), not in the first
# run; make prints each part's output when that part ends.
test:
	$(MAKE) --no-print-directory -j 4 $(STAMP) debian contoh-db contoh-uji
	$(BIN)/python -m pytest -n 2 --dist loadfile --no-loadscope-reorder -m "not halaman" --ignore=$(UJI_SENDIRI)
	$(MAKE) --no-print-directory -j 2 --output-sync=target uji-halaman uji-sendiri

UJI_SENDIRI := tests/test_wheel.py

uji-halaman:
	$(BIN)/python -m pytest -n 2 --dist loadfile --no-loadscope-reorder -m "halaman"

uji-sendiri:
	$(BIN)/python -m pytest $(UJI_SENDIRI)

# The fast loop: unit, property and reader tests; no sample store, browser, PostgreSQL or notebook.
test-cepat: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadfile --no-loadscope-reorder -m "not lambat and not browser and not postgres and not notebook and not contoh"

# The pages read the store and the batch outputs that make run wrote.
serve: $(STAMP) graphviz
	$(BIN)/kinerja serve --db sqlite:///outputs/kinerja.sqlite -o outputs

# The users' guide's screenshots (docs/gambar/), taken from the pages on the sample store; look
# at each before committing, and fix docs/panduan.md where it no longer matches.
gambar: $(STAMP) chromium graphviz
	$(BIN)/python docs/gambar/buat_gambar.py

bench: $(STAMP) chromium postgresql
	$(BIN)/python benchmarks/bench_capaian.py
	$(BIN)/python benchmarks/bench_ingest.py
	$(BIN)/python benchmarks/bench_batch.py
	$(BIN)/python benchmarks/bench_halaman.py
	$(BIN)/python benchmarks/bench_impor.py
	$(BIN)/python benchmarks/bench_berkas_jahat.py
	$(BIN)/python benchmarks/bench_ingest_pg.py
	$(BIN)/python benchmarks/bench_provinsi.py --kabupaten 4 --kecil 2
	$(BIN)/python benchmarks/bench_proyeksi.py

lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip==25.3 setuptools==80.9.0
	.lock-venv/bin/python -m pip install --quiet -e '.[test]'
	{ sed -n '1,2p' requirements.txt; echo "setuptools==80.9.0"; \
	  .lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^kinerja'; } > requirements.txt.new
	mv requirements.txt.new requirements.txt && rm -rf .lock-venv

clean:
	rm -rf $(VENV) outputs/*/
