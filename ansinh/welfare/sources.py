"""Indicators computed from the welfare registry (registered with the indicator layer)."""
from collections import Counter
from decimal import Decimal

from ansinh.indicators.queries import register_source

from . import payroll
from .models import Case


def beneficiaries(national):
    """People receiving a monthly allowance in the last month of the period, by district."""
    def source(indicator, period, districts, root):
        month = period.end.replace(day=1)
        cases = Case.objects.filter(status__in=payroll.PAYABLE, start_month__lte=month)
        cases = cases.exclude(end_date__lte=month)
        cases = cases.exclude(category__rule_code="") if national else cases.filter(category__rule_code="")
        places = {d.pk for d in districts}
        counted = Counter()
        for person_id, commune_id, district_id in cases.values_list("person_id", "commune_id", "commune__parent_id").distinct():
            if district_id in places:
                counted[district_id] += 1
            elif district_id == root.pk or commune_id == root.pk:
                counted[root.pk] += 1
        return {(place, ""): Decimal(count) for place, count in counted.items()}
    return source


register_source("BTXH_TCXH")(beneficiaries(national=True))
register_source("NQ10_HANGTHANG")(beneficiaries(national=False))
