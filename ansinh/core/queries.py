"""Reads of the core registry, always through the user's scope."""

from django.http import Http404

from . import scope
from .models import AccessLog, AdminUnit, Person, PersonNameKey
from .search import prefix_filter
from .text import fold


def people_for(user):
    return scope.filter_by_commune(Person.objects.all(), user)


def person_for(user, pk):
    person = people_for(user).select_related("commune__parent").filter(pk=pk).first()
    if person is None:
        raise Http404("Không tìm thấy đối tượng trong phạm vi bạn được xem.")
    return person


SEARCH_LIMIT = 500


def filtered_people(user, q="", commune=None, status=""):
    """People in the user's scope matching a name or ID query, a commune and a status.

    Returns (queryset, truncated). A name query keeps at most SEARCH_LIMIT people, taken in
    the order of the search-key index, so a one-word query over a million people stays fast;
    `truncated` tells the page to ask for a longer name or a commune.
    """
    people = people_for(user)
    if commune:
        people = people.filter(commune=commune)
    if status:
        people = people.filter(status=status)
    q = (q or "").strip()
    truncated = False
    if q.isdigit() and len(q) >= 9:
        people = people.filter(personal_id=q)
    elif q and fold(q):
        ids, truncated = _name_matches(user, fold(q), commune, status)
        people = Person.objects.filter(pk__in=ids)
    return people.select_related("commune__parent"), truncated


def _name_matches(user, key, commune, status):
    keys = scope.filter_by_commune(PersonNameKey.objects.filter(prefix_filter("key", key)), user)
    if commune:
        keys = keys.filter(commune=commune)
    if status:
        keys = keys.filter(person__status=status)
    raw = list(
        keys.order_by("key", "person_id").values_list("person_id", flat=True)[: SEARCH_LIMIT * 2]
    )
    unique = list(dict.fromkeys(raw))
    truncated = len(unique) > SEARCH_LIMIT or len(raw) == SEARCH_LIMIT * 2
    return unique[:SEARCH_LIMIT], truncated


def communes_of_province_of(commune):
    """The communes a record of `commune` may move to: those of its province, by code."""
    return (
        AdminUnit.objects.filter(level="commune", parent__parent_id=commune.parent.parent_id)
        .select_related("parent")
        .order_by("code")
    )


def access_log_for(user):
    entries = AccessLog.objects.select_related("user", "person")
    if scope.is_leader_or_admin(user):
        return entries
    return entries.none()


def units_during(level, period):
    """Administrative units of a level that were valid at some time in the period."""
    from .models import AdminUnit

    return AdminUnit.objects.filter(level=level).valid_during(period.start, period.end)


def people_by_district(user, period):
    """{district unit: number of people} for the districts valid in the period.

    Each record keeps the commune (and so the district) it had, so a past period is grouped by
    the units of that period even after a reorganisation.
    """
    from django.db.models import Count

    districts = {u.pk: u for u in units_during("district", period)}
    rows = (
        people_for(user)
        .filter(commune__parent__in=list(districts))
        .values("commune__parent")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {districts[row["commune__parent"]]: row["n"] for row in rows}


def regroup_to_units_of(counts, day):
    """Re-group {unit: count} onto the units valid on `day`, following successor links."""
    regrouped = {}
    for unit, count in counts.items():
        targets = unit.current_successors(day)
        if len(targets) != 1:
            raise ValueError(
                f"Không xác định được một đơn vị kế thừa duy nhất của {unit} vào ngày {day:%d/%m/%Y}."
            )
        regrouped[targets[0]] = regrouped.get(targets[0], 0) + count
    return regrouped
