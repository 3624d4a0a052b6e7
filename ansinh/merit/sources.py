"""Indicators computed from the merit registry (registered with the indicator layer): decisions
approved (signed) in the period, by the district of the record, and the amount they recover."""
from collections import Counter
from decimal import Decimal

from django.urls import reverse

from ansinh.indicators.queries import register_records_page, register_source

from .models import Decision


def decisions(kind, measure="count"):
    """Approved decisions of a kind signed in the period: a count, or the total to recover."""
    def source(indicator, period, districts, root):
        rows = Decision.objects.filter(kind=kind, status=Decision.Status.APPROVED, signed_on__range=(period.start, period.end))
        places = {d.pk for d in districts}
        totals = Counter()
        for district_id, amount in rows.values_list("record__commune__parent_id", "amount").iterator(chunk_size=5000):
            place = district_id if district_id in places else root.pk
            totals[(place, "")] += max(0, -amount) if measure == "recovered" else 1
        return {key: Decimal(value) for key, value in totals.items() if value}
    return source


for code, kind, measure in (
    ("NCC_MAITANG", Decision.Kind.FUNERAL, "count"), ("NCC_QD_HANGTHANG", Decision.Kind.MONTHLY, "count"),
    ("NCC_QD_THOCUNG", Decision.Kind.WORSHIP, "count"), ("NCC_HS_DEN", Decision.Kind.TRANSFER_IN, "count"),
    ("NCC_HS_DI", Decision.Kind.TRANSFER_OUT, "count"), ("NCC_DINHCHINH", Decision.Kind.CORRECTION, "count"),
    ("NCC_QD_DIEUCHINH", Decision.Kind.ADJUSTMENT, "count"), ("NCC_THUHOI", Decision.Kind.ADJUSTMENT, "recovered"),
):
    register_source(code)(decisions(kind, measure))
    register_records_page(code)(lambda period, kind=kind: f"{reverse('merit_decisions')}?kind={kind}&status=approved&period={period}")
