"""Benchmarks: each `bench/bench_*.py` module defines `main(argv) -> None` and prints its figures."""
