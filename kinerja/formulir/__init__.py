"""kinerja's own formulir workbooks: the registry, blank and filled templates, the
checks run on each formulir and the loading of a checked file into the store.

``daftar`` (the one registry of formulir), ``templat`` (writing workbooks), ``isian``
(plans filled again from the store), ``validasi`` (the V-rules), ``masalah`` (what reading
yields: problems and outcomes) and ``ingest`` (one file, all or nothing).
"""
