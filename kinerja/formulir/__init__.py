"""kinerja's own formulir workbooks: the registry, blank and filled templates, the
checks run on each formulir and the loading of a checked file into the store.

``daftar`` (the one registry of formulir), ``tata_letak`` (the layout every formulir shares:
fixed rows, levels, dropdowns, the ``Kolom`` and ``Formulir`` records), ``kolom`` (each
formulir's columns), ``templat`` (writing workbooks), ``isian`` (plans filled again from the
store), ``validasi`` (the V-rules), ``masalah`` (what reading yields: problems and outcomes),
``berkas`` (a received file before it is read), ``lembar`` (reading a formulir's sheets),
``kiriman`` (loading a checked file into the store as one submission) and ``ingest`` (one
file, all or nothing, and the load order of a folder).
"""
