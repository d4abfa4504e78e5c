#!/usr/bin/env python3
"""Run real OpenStack services on 127.0.0.1: ``ensure``, ``start``, ``stop``, ``status``.

See ``tools/localcloud/cli.py`` and docs/localcloud.rst.  Standard library
only; never imports the project.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from localcloud.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
