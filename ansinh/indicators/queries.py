"""Figures of indicators for a unit and a period, rolled up from what was entered or computed.

A figure of an indicator is its total for the root unit, its value per category and per
district of the period, and where it came from (the data values or the registry source).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from ansinh.core.models import AdminUnit
from ansinh.core.periods import Period

from . import rules, sources
from .models import DataValue, Indicator, Target

RECORDS = {}


def register_records_page(code):
    """Register where a registry indicator's records can be read: fn(period) -> url of the
    registry page listing them (linked from the trace page)."""

    def decorator(fn):
        RECORDS[code] = fn
        return fn

    return decorator


def records_page(code, period):
    found = RECORDS.get(code)
    return found(Period.parse(period)) if found else ""


@dataclass
class Figure:
    indicator: Indicator
    total: object = None
    by_category: dict = field(default_factory=dict)
    by_district: dict = field(default_factory=dict)  # district unit id -> total
    by_district_category: dict = field(default_factory=dict)  # (district id, category) -> value
    target: object = None
    district_targets: dict = field(default_factory=dict)

    @property
    def achievement(self):
        return rules.achievement(self.total, self.target)


def latest_period(kind):
    """The period of `kind` containing the latest period with entered data, or None: where the
    indicator and report pages look when no period is asked for."""
    latest = DataValue.objects.order_by("-period").values_list("period", flat=True).first()
    return Period.containing(Period.parse(latest).start, kind) if latest else None


def periods_inside(period):
    """The period itself and the finer periods whose entries roll up into it."""
    period = Period.parse(period)
    inside = {str(period)}
    for kind in ("month", "quarter", "half"):
        if Period(period.year, 1, kind).months < period.months:
            inside.update(str(p) for p in period.children(kind))
    return inside


def districts_of(root, period):
    period = Period.parse(period)
    if root.level != AdminUnit.Level.PROVINCE:
        return []
    return list(
        AdminUnit.objects.filter(parent=root, level=AdminUnit.Level.DISTRICT)
        .valid_during(period.start, period.end)
        .order_by("code")
    )


def figures(period, root, codes=None, counts=None):
    """{code: Figure} for the root unit (a province) and the period; `counts` keeps the results
    of the registry's counting queries for the report or request (see sources.Counts)."""
    period = Period.parse(period)
    counts = counts if counts is not None else sources.Counts()
    indicators = Indicator.objects.all()
    if codes is not None:
        indicators = indicators.filter(code__in=codes)
    indicators = {i.pk: i for i in indicators}
    districts = districts_of(root, period)
    leaf_to_district = _leaf_map(root, districts)
    leaves = defaultdict(list)  # (indicator id, category, leaf id) -> [(period, value)]
    rows = DataValue.objects.filter(
        indicator__in=list(indicators),
        period__in=periods_inside(period),
        unit__in=list(leaf_to_district),
    )
    for indicator_id, unit_id, value_period, category, value in rows.values_list(
        "indicator", "unit", "period", "category", "value"
    ):
        leaves[(indicator_id, category, unit_id)].append((value_period, value))
    result = {i.code: Figure(i) for i in indicators.values()}
    by_place = defaultdict(
        lambda: defaultdict(list)
    )  # (indicator id, category) -> place -> [values]
    for (indicator_id, category, unit_id), series in leaves.items():
        value = rules.over_time(series, indicators[indicator_id].aggregation)
        by_place[(indicator_id, category)][leaf_to_district[unit_id]].append(value)
    for indicator in indicators.values():
        if indicator.source == Indicator.Source.REGISTRY and indicator.code in sources.SOURCES:
            for (unit_id, category), value in sources.values(
                indicator.code, period, root, districts, counts
            ).items():
                by_place[(indicator.pk, category)][unit_id].append(value)
    for (indicator_id, category), places in by_place.items():
        indicator = indicators[indicator_id]
        figure = result[indicator.code]
        place_values = {}
        for place, values in places.items():
            place_values[place] = rules.over_units(values, indicator.aggregation)
            if place != root.pk:
                figure.by_district_category[(place, category)] = place_values[place]
        figure.by_category[category] = rules.over_units(
            list(place_values.values()), indicator.aggregation
        )
    for figure in result.values():
        figure.total = rules.total_of_categories(figure.by_category)
        for district in districts:
            per_category = {
                c: v for (d, c), v in figure.by_district_category.items() if d == district.pk
            }
            if per_category:
                figure.by_district[district.pk] = rules.total_of_categories(per_category)
    _attach_targets(result, indicators, root, districts, period.year)
    return result


def _leaf_map(root, districts):
    """Unit id -> the place it rolls up to: its district, or the root for province-level entries
    (and for a district root, its communes)."""
    mapping = {root.pk: root.pk}
    for commune_id in AdminUnit.objects.filter(
        parent=root, level=AdminUnit.Level.COMMUNE
    ).values_list("pk", flat=True):
        mapping[commune_id] = root.pk
    for district in districts:
        mapping[district.pk] = district.pk
    for commune_id, district_id in AdminUnit.objects.filter(parent__in=districts).values_list(
        "pk", "parent_id"
    ):
        mapping[commune_id] = district_id
    return mapping


def _attach_targets(result, indicators, root, districts, year):
    wanted = [root.pk] + [d.pk for d in districts]
    for indicator_id, unit_id, value in Target.objects.filter(
        indicator__in=list(indicators), year=year, unit__in=wanted
    ).values_list("indicator", "unit", "value"):
        figure = result[indicators[indicator_id].code]
        if unit_id == root.pk:
            figure.target = value
        else:
            figure.district_targets[unit_id] = value


def reporters_of(data_set, period):
    """The organisational units expected to report a data set for a period."""
    from ansinh.core.models import OrgUnit

    period = Period.parse(period)
    reporters = OrgUnit.objects.filter(kind=data_set.reporter_kind).valid_during(
        period.start, period.end
    )
    if data_set.reporter_area:
        reporters = reporters.filter(area=data_set.reporter_area)
    return reporters


def values_behind(indicator, period, root, category=None, district=None):
    """The data values a figure was computed from, for the trace page."""
    period = Period.parse(period)
    districts = districts_of(root, period)
    if district is not None:
        districts = [d for d in districts if d.pk == district.pk]
        units = list(_leaf_map(root, districts))
        units.remove(root.pk)
    else:
        units = list(_leaf_map(root, districts))
    rows = DataValue.objects.filter(
        indicator=indicator, period__in=periods_inside(period), unit__in=units
    )
    if category is not None:
        rows = rows.filter(category=category)
    return rows.select_related("unit", "org_unit", "updated_by").order_by(
        "unit__code", "period", "category"
    )
