"""The ``kinerja`` command (``perintah``); everything it prints is in Bahasa Indonesia.
"""

from kinerja.cli.perintah import main

__all__ = ["main"]
