"""``python -m stackclient``: the ``stack`` command line."""

from __future__ import annotations

import sys

from stackclient.shell import main

if __name__ == "__main__":
    sys.exit(main())
