"""Reads of the core registry, always through the user's scope."""
from django.http import Http404

from . import scope
from .models import AccessLog, Person


def people_for(user):
    return scope.filter_by_commune(Person.objects.all(), user)


def person_for(user, pk):
    person = people_for(user).select_related("commune__parent").filter(pk=pk).first()
    if person is None:
        raise Http404("Không tìm thấy đối tượng trong phạm vi bạn được xem.")
    return person


def filtered_people(user, q="", commune=None, status=""):
    people = people_for(user).select_related("commune__parent")
    q = (q or "").strip()
    if q.isdigit() and len(q) >= 9:
        people = people.filter(personal_id=q)
    elif q:
        people = people.search(q)
    if commune:
        people = people.filter(commune=commune)
    if status:
        people = people.filter(status=status)
    return people


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
        people_for(user).filter(commune__parent__in=list(districts))
        .values("commune__parent").annotate(n=Count("id")).order_by()
    )
    return {districts[row["commune__parent"]]: row["n"] for row in rows}


def regroup_to_units_of(counts, day):
    """Re-group {unit: count} onto the units valid on `day`, following successor links."""
    regrouped = {}
    for unit, count in counts.items():
        targets = unit.current_successors(day)
        if len(targets) != 1:
            raise ValueError(f"Không xác định được một đơn vị kế thừa duy nhất của {unit} vào ngày {day:%d/%m/%Y}.")
        regrouped[targets[0]] = regrouped.get(targets[0], 0) + count
    return regrouped
