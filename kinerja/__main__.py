"""``python -m kinerja`` runs the ``kinerja`` command."""

import sys

from kinerja.cli.perintah import main

if __name__ == "__main__":
    sys.exit(main())
