"""The indicator-source contract: how a registry computes an indicator.

A registry app registers, for an indicator code, a source: fn(period, scope, counts) -> rows
`Row(unit_id, category, value)`, one per record or per group of records, `unit_id` being the
administrative unit the records belong to (a commune, or the unit of the desk that received
them). A source never decides where a row counts: `group` does, in this one place, for every
source (the 2025 reorganisation's regrouping belongs here). A row counts for the scope's
district it lies in, else for the scope itself; a row outside the scope is not the scope's. A
source may narrow its query to the scope, but it need not: `group` is what keeps the scope's rows.

Counting queries go through `counts`, a `Counts` memo kept for one report or request, so that a
query shared by several indicators (the desk's dossier totals give four) runs once.
"""

from collections import Counter
from decimal import Decimal
from typing import NamedTuple

from ansinh.core.models import AdminUnit

SOURCES = {}


class Row(NamedTuple):
    unit_id: int
    category: str
    value: object


def register_source(code):
    """Register a registry source computing an indicator: fn(period, scope, counts) -> rows."""

    def decorator(fn):
        SOURCES[code] = fn
        return fn

    return decorator


class Counts:
    """Results of counting queries for one report or request: `counts(query, period, scope, *args)`
    runs query(period, scope, *args) the first time and gives its result back after (a query
    returns a list or a dict, never a generator, since its result is read again)."""

    def __init__(self):
        self._rows = {}

    def __call__(self, query, period, scope, *args):
        key = (query, str(period), scope.pk, args)
        if key not in self._rows:
            self._rows[key] = query(period, scope, *args)
        return self._rows[key]


def places(period, scope, districts):
    """Unit id -> where its rows count for `scope`: the district of `districts` it is or lies in,
    else the scope itself. Units outside the scope are absent."""
    wanted = {district.pk for district in districts}
    place, level = {scope.pk: scope.pk}, [scope.pk]
    while level:
        children = list(
            AdminUnit.objects.filter(parent_id__in=level).order_by().values_list("pk", "parent_id")
        )
        for unit_id, parent_id in children:
            place[unit_id] = unit_id if unit_id in wanted else place[parent_id]
        level = [unit_id for unit_id, _ in children]
    return place


def group(rows, place):
    """{(place, category): Decimal} of rows, each counted where `place` puts its unit (rows of
    units outside the scope are left out); zero totals are left out."""
    totals = Counter()
    for unit_id, category, value in rows:
        if unit_id in place:
            totals[(place[unit_id], category)] += value
    return {key: Decimal(value) for key, value in totals.items() if value}


def values(code, period, scope, districts, counts):
    """{(place, category): Decimal} of a registered source for a scope and its districts."""
    place = counts(places, period, scope, tuple(districts))
    return group(SOURCES[code](period, scope, counts), place)


def province_of(unit):
    """The province a unit lies in (itself for a province)."""
    while unit.level != AdminUnit.Level.PROVINCE:
        unit = unit.parent
    return unit
