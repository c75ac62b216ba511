"""``python -m kinerja`` runs the ``kinerja`` command."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
