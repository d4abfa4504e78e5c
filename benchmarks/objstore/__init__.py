"""Object-store benchmarks: ``python -m benchmarks.objstore`` (see benchmarks/README.rst)."""
