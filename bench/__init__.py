"""Benchmarks (``make bench``): each ``bench/bench_*.py`` module has ``run() -> None`` that
prints its figures, always next to a baseline measured in the same run."""
