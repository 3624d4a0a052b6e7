"""Indicators computed from the merit registry (registered with the indicator layer): decisions
approved (signed) in the period, in the commune of the record, and the amount they recover."""

from django.urls import reverse

from ansinh.indicators.queries import register_records_page
from ansinh.indicators.sources import Row, register_source

from .models import Decision


def _approved(period, scope, kind):
    """(commune of the record, amount) of the approved decisions of a kind signed in the period."""
    rows = Decision.objects.filter(
        kind=kind, status=Decision.Status.APPROVED, signed_on__range=(period.start, period.end)
    )
    return list(rows.values_list("record__commune_id", "amount").iterator(chunk_size=5000))


def decisions(kind, measure="count"):
    """Approved decisions of a kind signed in the period: a count, or the total to recover."""

    def source(period, scope, counts):
        for commune_id, amount in counts(_approved, period, scope, kind):
            yield Row(commune_id, "", max(0, -amount) if measure == "recovered" else 1)

    return source


for code, kind, measure in (
    ("NCC_MAITANG", Decision.Kind.FUNERAL, "count"),
    ("NCC_QD_HANGTHANG", Decision.Kind.MONTHLY, "count"),
    ("NCC_QD_THOCUNG", Decision.Kind.WORSHIP, "count"),
    ("NCC_HS_DEN", Decision.Kind.TRANSFER_IN, "count"),
    ("NCC_HS_DI", Decision.Kind.TRANSFER_OUT, "count"),
    ("NCC_DINHCHINH", Decision.Kind.CORRECTION, "count"),
    ("NCC_QD_DIEUCHINH", Decision.Kind.ADJUSTMENT, "count"),
    ("NCC_THUHOI", Decision.Kind.ADJUSTMENT, "recovered"),
):
    register_source(code)(decisions(kind, measure))
    register_records_page(code)(
        lambda period, kind=kind: (
            f"{reverse('merit_decisions')}?kind={kind}&status=approved&period={period}"
        )
    )
