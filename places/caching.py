"""Results of whole-directory queries kept a few minutes, and dropped as soon as a place changes."""

import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db.models import Max

from places.models import Place

CACHE_SECONDS = 300


def cached_for_data(name: str, parts: Any, compute: Callable[[], Any]) -> Any:
    """compute(), cached under `name` and `parts` while no place has been saved since (read from an index)."""
    version = Place.objects.aggregate(last=Max("updated_at"))["last"]
    key = f"{name}:" + hashlib.sha256(repr((parts, version)).encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


def filter_params(params) -> list:
    """The request's filters as a sorted list, for a cache key (the view's bbox and zoom left out)."""
    return sorted(
        (key, value) for key, value in params.lists() if key not in ("bbox", "zoom", "page", "fragment")
    )
