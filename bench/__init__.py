"""Benchmarks that write their figures into docs/benchmarks.md."""
