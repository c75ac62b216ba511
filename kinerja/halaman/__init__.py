"""The Voila pages for officials, units and evaluators (``halaman``) and the server
that serves them (``serve``).
"""
