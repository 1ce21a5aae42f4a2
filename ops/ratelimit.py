"""Fixed-window request counters in the cache (shared between workers and containers when it is Redis)."""

import time

from django.core.cache import cache


def count_in_window(name: str, period: int) -> tuple[int, float]:
    """Count one more hit for `name` in the current window of `period` seconds: (hits so far in this window,
    seconds until the next window). One atomic increment: nothing grows with the rate."""
    now = time.time()
    window = int(now // period)
    key = f"ratelimit:{name}:{window}"
    cache.add(key, 0, timeout=period + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        cache.set(key, count := 1, timeout=period + 1)
    return count, (window + 1) * period - now
