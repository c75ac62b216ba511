"""The sample kabupaten: workbooks good and faulty (``kabupaten``) and the ready sample
store the tests, benchmarks and ``--contoh`` use (``store``).
"""
