"""Indicators computed from the welfare registry (registered with the indicator layer)."""

from ansinh.indicators.sources import Row, province_of, register_source

from . import payroll
from .models import Caregiver, Case, Resident, Support


def _cases_paid(period, scope, national):
    """(person, commune) of the cases paid a monthly allowance in the last month of the period."""
    month = period.end.replace(day=1)
    cases = Case.objects.filter(status__in=payroll.PAYABLE, start_month__lte=month).exclude(
        end_date__lte=month
    )
    cases = (
        cases.exclude(category__rule_code="") if national else cases.filter(category__rule_code="")
    )
    return list(cases.values_list("person_id", "commune_id").distinct())


def beneficiaries(national):
    """People receiving a monthly allowance in the last month of the period, in their commune."""

    def source(period, scope, counts):
        return (
            Row(commune_id, "", 1) for _, commune_id in counts(_cases_paid, period, scope, national)
        )

    return source


register_source("BTXH_TCXH")(beneficiaries(national=True))
register_source("NQ10_HANGTHANG")(beneficiaries(national=False))


def _supports_given(period, scope, kind, basis):
    """(commune, amount, birth year, date) of the supports of a kind (and basis) dated in the period."""
    rows = Support.objects.filter(
        kind=kind, cancelled=False, date__range=(period.start, period.end)
    )
    if basis:
        rows = rows.filter(basis=basis)
    return list(rows.values_list("commune_id", "amount", "person__birth_year", "date"))


def supports(kind, basis=None, measure="count"):
    """One-off supports of a kind (and basis) dated in the period, in their commune: a count of
    supports, or the sum of their amounts; longevity visits split by the age turned."""

    def source(period, scope, counts):
        for commune_id, amount, birth_year, day in counts(
            _supports_given, period, scope, kind, basis
        ):
            category = f"tuoi_{day.year - birth_year}" if kind == Support.Kind.LONGEVITY else ""
            yield Row(commune_id, category, amount if measure == "amount" else 1)

    return source


def _register_supports():
    K, B = Support.Kind, Support.Basis
    for code, kind, basis, measure in (
        ("BTXH_MAITANG", K.FUNERAL, B.NATIONAL, "count"),
        ("NQ10_MAITANG", K.FUNERAL, B.PROVINCIAL, "count"),
        ("BTXH_BHYT", K.HEALTH_CARD, B.NATIONAL, "count"),
        ("NQ10_BHYT", K.HEALTH_CARD, B.PROVINCIAL, "count"),
        ("NQ10_KHANCAP", K.EMERGENCY, B.PROVINCIAL, "count"),
        ("TE_QUA", K.CHILD_GIFT, None, "count"),
        ("TE_QUA_TIEN", K.CHILD_GIFT, None, "amount"),
        ("NCT_MUNGTHO", K.LONGEVITY, None, "count"),
        ("TE_AOPHAO", K.LIFE_JACKET, None, "count"),
        ("TE_GOIMI", K.CHILD_PROJECT, None, "count"),
    ):
        register_source(code)(supports(kind, basis, measure))


_register_supports()


def _residents_in_care(period, scope, counts):
    """People living at the province's centre at the end of the period, by category (vagrants
    excluded): the province's own figure."""
    stays = (
        Resident.objects.filter(admitted__lte=period.end)
        .exclude(discharged__lte=period.end)
        .exclude(category="lang_thang")
    )
    province = province_of(scope)
    return [Row(province.pk, category, 1) for category in stays.values_list("category", flat=True)]


def _emergency_admissions(period, scope, counts):
    """Vagrants admitted to the province's centre in the period."""
    count = Resident.objects.filter(
        category="lang_thang", admitted__range=(period.start, period.end)
    ).count()
    return [Row(province_of(scope).pk, "", count)]


register_source("TTBTXH_NUOIDUONG")(_residents_in_care)
register_source("TTBTXH_KHANCAP")(_emergency_admissions)


def _caregivers(period, scope, counts):
    """Caregivers receiving support in the last month of the period, in their commune."""
    month = period.end.replace(day=1)
    records = Caregiver.objects.filter(start_month__lte=month).exclude(end_date__lte=month)
    return (Row(commune_id, "", 1) for commune_id in records.values_list("commune_id", flat=True))


register_source("BTXH_NCS")(_caregivers)
