"""What every benchmark here times with: the median of several runs."""

from __future__ import annotations

import statistics
import time


def median_seconds(work, runs: int, *args) -> float:
    """The median time of `work(*args)` over `runs` runs, in seconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work(*args)
        times.append(time.perf_counter() - started)
    return statistics.median(times)
