"""Benchmark harness comparing stackclient with raw requests and its peers.

Run it with ``python -m benchmarks``; see ``benchmarks/README.rst``.
"""
