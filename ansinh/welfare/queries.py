from datetime import date

from django.db.models import Q
from django.http import Http404

from ansinh.core import scope
from ansinh.payroll.models import PayrollCycle

from . import payroll, rules
from .models import Case, Resident


def cases_for(user):
    return scope.filter_by_commune(Case.objects.all(), user)


def case_for(user, pk):
    case = (
        cases_for(user)
        .select_related("person", "category", "commune__parent")
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404("Không tìm thấy hồ sơ trong phạm vi bạn được xem.")
    return case


def residents_for(user, centre):
    """Stays at the centre of people whose commune is in the user's territory."""
    return scope.filter_by_commune(Resident.objects.filter(centre=centre), user, "person__commune")


def cycles_for(user):
    """Cycles of the units the user may see: the province for department staff, their district otherwise."""
    territory = scope.territory_of(user)
    cycles = PayrollCycle.objects.select_related("unit")
    return (
        cycles
        if territory is None
        else cycles.filter(Q(unit=territory) | Q(unit__parent=territory))
    )


def entitlement_rows(case, until=None):
    """Month-by-month entitlement of a case (with the level's citation), for its page."""
    if not case.start_month:
        return []
    last = until or date.today().replace(day=1)
    if case.end_date:
        last = min(last, payroll.first_of(case.end_date))
    levels = payroll.level_rows()
    values = Case.objects.filter(pk=case.pk).values(*payroll.CASE_FIELDS)[0]
    province = payroll.province_code(case.commune)
    result = []
    month = case.start_month
    while month <= last:
        try:
            level, coefficient, amount = payroll.entitlement([values], month, levels, province)
            citation = rules.level_in_force(levels, month, province).citation
            result.append(
                {
                    "month": month,
                    "level": level,
                    "coefficient": coefficient,
                    "amount": amount,
                    "citation": citation,
                }
            )
        except rules.NotInForce:
            if result and result[-1].get("missing"):
                result[-1]["until"] = month
            else:
                result.append({"month": month, "until": month, "missing": rules.NOT_IN_FORCE})
        month = payroll.next_month(month)
    return result
