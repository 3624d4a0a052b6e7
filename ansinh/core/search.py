from django.db import connection
from django.db.models import Q


def prefix_filter(field, prefix):
    """A filter for `field` starting with `prefix` that an ordinary b-tree index can serve.

    SQLite's LIKE is case-insensitive and cannot use a BINARY index, so on SQLite the prefix
    becomes a range. Keys are folded lower-case ASCII, so "~" sorts after every key character.
    PostgreSQL's LIKE 'x%' uses the varchar_pattern_ops index Django adds to indexed CharFields.
    """
    if connection.vendor == "sqlite":
        return Q(**{f"{field}__gte": prefix, f"{field}__lt": prefix + "~"})
    return Q(**{f"{field}__startswith": prefix})
