"""``python -m kinerja`` runs the ``kinerja`` command."""

import sys

from .cli import main

sys.exit(main())
