"""When the directory last changed (the API's ETags), and results of whole-directory queries kept a few
minutes, dropped as soon as a place changes."""

import datetime
import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import connections, router
from django.utils.dateparse import parse_datetime

from places.models import Place

CACHE_SECONDS = 300


def cached_for_data(name: str, parts: Any, compute: Callable[[], Any], *, version: Any = None) -> Any:
    """compute(), cached under `name` and `parts` while the directory has not changed since (data_version;
    `version` when the caller has read it already)."""
    version = data_version() if version is None else version
    key = f"{name}:" + hashlib.sha256(repr((parts, version)).encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


def data_version() -> datetime.datetime | None:
    """When the directory last changed: its newest row, or its newest history record (which also dates
    deletions). One round trip reading the end of two indexes (counting the rows would scan the table); written
    in SQL because every list request asks, and the ORM's aggregate costs more than the reads themselves."""
    places, history = _version_tables()
    # Where the page itself is read (a replica, if any): a version ahead of the rows would pin stale copies.
    with connections[router.db_for_read(Place)].cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT MAX(updated_at) FROM {places}), (SELECT MAX(history_date) FROM {history})"  # noqa: S608 (table names)
        )
        moments = [_as_datetime(value) for value in cursor.fetchone()]
    return max(filter(None, moments), default=None)


@functools.cache
def _version_tables() -> tuple[str, str]:
    return Place._meta.db_table, Place.history.model._meta.db_table  # Place.history builds a manager class


def _as_datetime(value) -> datetime.datetime | None:
    """SQLite gives a raw MAX() of a date as its stored text (UTC)."""
    if isinstance(value, str):
        return parse_datetime(value).replace(tzinfo=datetime.UTC)
    return value


def filter_params(params) -> list:
    """The request's filters as a sorted list, for a cache key (the view's bbox and zoom left out)."""
    return sorted(
        (key, value) for key, value in params.lists() if key not in ("bbox", "zoom", "page", "fragment")
    )
