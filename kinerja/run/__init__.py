"""Running notebooks: the batch over units (``batch``), the in-process papermill engine
(``engine``) and the batch on a Dask cluster (``klaster``).
"""
