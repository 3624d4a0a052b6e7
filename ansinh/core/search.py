from django.db.models import Q


def prefix_filter(field, prefix):
    """A filter for `field` starting with `prefix` that the field's plain b-tree index serves,
    in the index's order.

    Keys are folded lower-case ASCII, so "~" sorts after every key character. The range is exact
    on SQLite (BINARY collation) and on PostgreSQL because search-key columns have collation "C"
    there (migration 0002); LIKE would not use the index on SQLite and, on PostgreSQL, would use
    the pattern index that cannot also give ORDER BY key.
    """
    return Q(**{f"{field}__gte": prefix, f"{field}__lt": prefix + "~"})
