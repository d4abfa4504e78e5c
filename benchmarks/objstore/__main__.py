"""``python -m benchmarks.objstore``: the object-store harness (see run.py)."""

from benchmarks.objstore.run import main

raise SystemExit(main())
