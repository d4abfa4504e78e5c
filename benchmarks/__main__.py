"""Entry point: ``python -m benchmarks`` runs the whole harness."""

from __future__ import annotations

from benchmarks.run import main

if __name__ == "__main__":
    raise SystemExit(main())
