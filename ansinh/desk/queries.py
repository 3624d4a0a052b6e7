"""What each user may see of the desk's registers, and the timeliness statistics.

Every door (pages, exports, documents, indicator sources, look-up) reads through here."""

from collections import defaultdict
from datetime import date

from django.db.models import Count, F, Q
from django.http import Http404

from ansinh.core import scope
from ansinh.core.models import Area, OrgUnit

from .models import Channel, Dossier, Petition, Procedure, Reception

S = Dossier.Status
NOT_REGISTERED = [S.INCOMPLETE, S.REFUSED]
OPEN = [S.ACCEPTED, S.PROCESSING, S.DEFICIENT]


def dossiers_for(user):
    return scope.filter_by_unit(Dossier.objects.all(), user)


def dossier_for(user, pk):
    dossier = (
        dossiers_for(user)
        .select_related("procedure", "unit", "division", "received_by")
        .filter(pk=pk)
        .first()
    )
    if dossier is None:
        raise Http404("Không có hồ sơ này trong phạm vi của bạn.")
    return dossier


def inbox_for(user):
    """What waits for the user: the open dossiers routed to their division; at the desk (the
    office without an area of work) also those to route and the results to hand back;
    everything open or waiting for leaders and district offices."""
    dossiers = dossiers_for(user)
    waiting = Q(status__in=OPEN) | Q(status=S.DECIDED)
    profile = scope.profile_of(user)
    if profile and profile.role == "division_officer":
        mine = Q(division=profile.org_unit, status__in=OPEN)
        if not profile.org_unit.area:
            mine |= Q(status__in=[S.ACCEPTED, S.DECIDED])
        return dossiers.filter(mine)
    return dossiers.filter(waiting)


def inbox_counts(dossiers, today, alert_limit):
    """The inbox's alert counts in one query: open, overdue, due by alert_limit, deficient, to hand back."""
    pending = Q(status__in=OPEN)
    return dossiers.order_by().aggregate(
        open=Count("pk", filter=pending),
        overdue=Count("pk", filter=pending & Q(due_date__lt=today)),
        due_soon=Count("pk", filter=pending & Q(due_date__gte=today, due_date__lte=alert_limit)),
        deficient=Count("pk", filter=Q(status=S.DEFICIENT)),
        to_return=Count("pk", filter=Q(status=S.DECIDED)),
    )


def receptions_for(user):
    return scope.filter_by_unit(Reception.objects.all(), user)


def petitions_for(user):
    return scope.filter_by_unit(Petition.objects.all(), user)


def petition_for(user, pk):
    petition = petitions_for(user).filter(pk=pk).first()
    if petition is None:
        raise Http404("Không có đơn này trong phạm vi của bạn.")
    return petition


# --- timeliness --------------------------------------------------------------------------------

MEASURES = [
    "carried",
    "received",
    "online",
    "incomplete",
    "refused",
    "early",
    "on_time",
    "late",
    "within",
    "overdue",
]
DIMENSIONS = {
    "procedure": "Thủ tục",
    "field": "Lĩnh vực",
    "division": "Đơn vị xử lý",
    "channel": "Hình thức nộp",
}


def _pending(as_of):
    return Q(decided_on__isnull=True) | Q(decided_on__gt=as_of)


def _overdue(as_of):
    return Q(due_date__lt=as_of)


def _received_in(as_of):
    registered = ~Q(status__in=NOT_REGISTERED)
    pending = registered & _pending(as_of)
    return {
        "received": Count("id", filter=registered),
        "online": Count("id", filter=registered & Q(channel=Channel.ONLINE)),
        "incomplete": Count("id", filter=Q(status=S.INCOMPLETE)),
        "refused": Count("id", filter=Q(status=S.REFUSED)),
        "within": Count("id", filter=pending & ~_overdue(as_of)),
        "overdue": Count("id", filter=pending & _overdue(as_of)),
    }


def _decided_in(start):
    return {
        "early": Count("id", filter=Q(decided_on__lt=F("due_date"))),
        "on_time": Count("id", filter=Q(decided_on=F("due_date"))),
        "late": Count("id", filter=Q(decided_on__gt=F("due_date"))),
        "carried": Count("id", filter=Q(received_on__lt=start)),
    }


def _carried_pending(as_of):
    return {
        "carried": Count("id"),
        "within": Count("id", filter=~_overdue(as_of)),
        "overdue": Count("id", filter=_overdue(as_of)),
    }


def _counted_rows(dossiers, start, end, as_of, fields):
    """Rows of counts grouped by `fields`, from three index-friendly sets: received in the
    period, decided in it, and received before it but still pending at its end."""
    parts = [
        (dossiers.filter(received_on__range=(start, end)), _received_in(as_of)),
        (
            dossiers.filter(decided_on__range=(start, end)).exclude(status__in=NOT_REGISTERED),
            _decided_in(start),
        ),
        (
            dossiers.filter(received_on__lt=start)
            .exclude(status__in=NOT_REGISTERED)
            .filter(_pending(end)),
            _carried_pending(as_of),
        ),
    ]
    for subset, measures in parts:
        yield from subset.values(*fields).annotate(**measures).order_by()


def _as_of(end, today):
    return min(end, today or date.today())


def totals_by(dossiers, start, end, field, today=None):
    """{value of `field`: totals} for the period (the indicator sources group by desk unit)."""
    counted = defaultdict(lambda: dict.fromkeys(MEASURES, 0))
    for row in _counted_rows(dossiers, start, end, _as_of(end, today), [field]):
        for measure in MEASURES:
            counted[row[field]][measure] += row.get(measure, 0)
    return {key: _with_sums(counts) for key, counts in counted.items()}


def timeliness(dossiers, start, end, today=None):
    """Counts for the period: carried over, received (online), resolved early / on time / late,
    pending within / over the deadline at the period's end (or today, for a period under way),
    as totals and by procedure, field, division and channel."""
    procedures = {p.pk: p for p in Procedure.objects.all()}
    totals = dict.fromkeys(MEASURES, 0)
    groups = {name: defaultdict(lambda: dict.fromkeys(MEASURES, 0)) for name in DIMENSIONS}
    for row in _counted_rows(
        dossiers, start, end, _as_of(end, today), ["procedure_id", "channel", "division_id"]
    ):
        keys = {
            "procedure": row["procedure_id"],
            "field": procedures[row["procedure_id"]].field,
            "division": row["division_id"],
            "channel": row["channel"],
        }
        for measure in MEASURES:
            value = row.get(measure, 0)
            if value:
                totals[measure] += value
                for name, key in keys.items():
                    groups[name][key][measure] += value
    return {"totals": _with_sums(totals), "groups": _labelled(groups, procedures)}


def _with_sums(counts):
    counts = dict(counts)
    counts["resolved"] = counts["early"] + counts["on_time"] + counts["late"]
    counts["pending"] = counts["within"] + counts["overdue"]
    counts["handled"] = counts["carried"] + counts["received"]
    counts["direct"] = counts["received"] - counts["online"]
    counts["on_time_rate"] = (
        round(100 * (counts["early"] + counts["on_time"]) / counts["resolved"], 2)
        if counts["resolved"]
        else None
    )
    return counts


def _labelled(groups, procedures):
    divisions = dict(OrgUnit.objects.values_list("pk", "name"))
    labels = {
        "procedure": lambda key: f"{procedures[key].code} – {procedures[key].name}",
        "field": lambda key: Area(key).label,
        "division": lambda key: divisions.get(key, "Chưa chuyển xử lý"),
        "channel": lambda key: Channel(key).label,
    }
    return {
        name: sorted(
            ((labels[name](key), _with_sums(counts)) for key, counts in rows.items()),
            key=lambda r: r[0],
        )
        for name, rows in groups.items()
    }


def _petition_measures(start, end):
    closed_in = Q(closed_on__range=(start, end))
    return {
        "received": Count("id", filter=Q(received_on__range=(start, end))),
        "considering": Count(
            "id",
            filter=Q(received_on__lte=end) & (Q(closed_on__isnull=True) | Q(closed_on__gt=end)),
        ),
        "resolved": Count("id", filter=closed_in & Q(status=Petition.Status.RESOLVED)),
        "forwarded": Count("id", filter=closed_in & Q(status=Petition.Status.FORWARDED)),
        "guided": Count("id", filter=closed_in & Q(status=Petition.Status.GUIDED)),
    }


def petition_counts(petitions, start, end):
    """Received in the period; of the petitions of the period and before: still under
    consideration at its end, resolved, forwarded, guided within it."""
    return petitions.aggregate(**_petition_measures(start, end))


def petition_counts_by(petitions, start, end, field):
    """{value of `field`: petition_counts} in one query (the indicator sources group by desk unit)."""
    rows = petitions.order_by().values(field).annotate(**_petition_measures(start, end))
    return {row.pop(field): row for row in rows}
