"""Indicators computed from the welfare registry (registered with the indicator layer)."""
from collections import Counter
from decimal import Decimal

from ansinh.indicators.queries import register_source

from . import payroll
from .models import Caregiver, Case, Resident, Support


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


def supports(kind, basis=None, measure="count"):
    """One-off supports of a kind (and basis) dated in the period, by district: a count of
    supports, or the sum of their amounts; longevity visits split by the age turned."""
    def source(indicator, period, districts, root):
        rows = Support.objects.filter(kind=kind, cancelled=False, date__range=(period.start, period.end))
        if basis:
            rows = rows.filter(basis=basis)
        places = {d.pk for d in districts}
        totals = Counter()
        for district_id, amount, birth_year, day in rows.values_list("commune__parent_id", "amount", "person__birth_year", "date"):
            place = district_id if district_id in places else root.pk
            category = f"tuoi_{day.year - birth_year}" if kind == Support.Kind.LONGEVITY else ""
            totals[(place, category)] += amount if measure == "amount" else 1
        return {key: Decimal(value) for key, value in totals.items()}
    return source


def _register_supports():
    K, B = Support.Kind, Support.Basis
    for code, kind, basis, measure in (
        ("BTXH_MAITANG", K.FUNERAL, B.NATIONAL, "count"), ("NQ10_MAITANG", K.FUNERAL, B.PROVINCIAL, "count"),
        ("BTXH_BHYT", K.HEALTH_CARD, B.NATIONAL, "count"), ("NQ10_BHYT", K.HEALTH_CARD, B.PROVINCIAL, "count"),
        ("NQ10_KHANCAP", K.EMERGENCY, B.PROVINCIAL, "count"),
        ("TE_QUA", K.CHILD_GIFT, None, "count"), ("TE_QUA_TIEN", K.CHILD_GIFT, None, "amount"),
        ("NCT_MUNGTHO", K.LONGEVITY, None, "count"),
        ("TE_AOPHAO", K.LIFE_JACKET, None, "count"), ("TE_GOIMI", K.CHILD_PROJECT, None, "count"),
    ):
        register_source(code)(supports(kind, basis, measure))


_register_supports()


def _residents_in_care(indicator, period, districts, root):
    """People living at the centre at the end of the period, by category (vagrants excluded)."""
    stays = Resident.objects.filter(admitted__lte=period.end).exclude(discharged__lte=period.end).exclude(category="lang_thang")
    counted = Counter(stays.values_list("category", flat=True))
    return {(root.pk, category): Decimal(count) for category, count in counted.items()}


def _emergency_admissions(indicator, period, districts, root):
    count = Resident.objects.filter(category="lang_thang", admitted__range=(period.start, period.end)).count()
    return {(root.pk, ""): Decimal(count)} if count else {}


register_source("TTBTXH_NUOIDUONG")(_residents_in_care)
register_source("TTBTXH_KHANCAP")(_emergency_admissions)


def _caregivers(indicator, period, districts, root):
    """Caregivers receiving support in the last month of the period, by district."""
    month = period.end.replace(day=1)
    records = Caregiver.objects.filter(start_month__lte=month).exclude(end_date__lte=month)
    places = {d.pk for d in districts}
    counted = Counter()
    for district_id in records.values_list("commune__parent_id", flat=True):
        counted[district_id if district_id in places else root.pk] += 1
    return {(place, ""): Decimal(count) for place, count in counted.items()}


register_source("BTXH_NCS")(_caregivers)
