"""Helpers that make realistic inputs for tests, benchmarks and the demo samples.

They live in the package (not in ``tests/``) because the benchmarks and the
sample generator need the same scans the tests use.
"""
