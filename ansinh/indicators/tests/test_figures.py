from decimal import Decimal as D

import pytest

from ansinh.core.models import AdminUnit
from ansinh.core.periods import Period
from ansinh.indicators import queries, services, sources
from ansinh.indicators.models import Indicator, Target
from ansinh.indicators.sources import Row

from .factories import DataValueFactory


@pytest.fixture
def catalogue(soc_trang):
    services.load_catalogue()
    return {i.code: i for i in Indicator.objects.all()}


def district(code):
    return AdminUnit.objects.get(level="district", code=code)


def put(indicator, unit, period, value, category=""):
    DataValueFactory(
        indicator=indicator, unit=unit, period=period, category=category, value=D(value)
    )


def test_sum_rolls_up_months_and_districts(catalogue, province):
    jobs = catalogue["VL_GQVL"]
    for month, value in (("2024-01", 10), ("2024-02", 20), ("2024-03", 30), ("2024-04", 99)):
        put(jobs, district("944"), month, value)
    put(jobs, district("943"), "2024-02", 5)
    commune = AdminUnit.objects.filter(parent=district("943")).first()
    put(jobs, commune, "2024-03", 7)  # a commune-level entry rolls up into its district
    figure = queries.figures("2024Q1", province, ["VL_GQVL"])["VL_GQVL"]
    assert figure.total == D(72)
    assert figure.by_district == {district("944").pk: D(60), district("943").pk: D(12)}
    assert queries.figures("2024-04", province, ["VL_GQVL"])["VL_GQVL"].total == D(99)
    assert queries.figures("2024H1", province, ["VL_GQVL"])["VL_GQVL"].total == D(171)
    assert queries.figures("2024", province, ["VL_GQVL"])["VL_GQVL"].total == D(171)


def test_stock_takes_the_last_month_of_each_district(catalogue, province):
    carers = catalogue["BTXH_TCXH"]
    for month, value in (("2024-01", 100), ("2024-02", 104), ("2024-03", 103)):
        put(carers, district("944"), month, value)
    put(carers, district("943"), "2024-02", 50)  # no March entry: February is the latest
    assert queries.figures("2024Q1", province, ["BTXH_TCXH"])["BTXH_TCXH"].total == D(153)


def test_categories_and_province_level_entries(catalogue, province):
    centre = catalogue["TTBTXH_NUOIDUONG"]
    for category, value in (("mo_coi", 31), ("nguoi_gia", 31), ("khuyet_tat", 48)):
        put(centre, province, "2024-03", value, category)
    figure = queries.figures("2024Q1", province, ["TTBTXH_NUOIDUONG"])["TTBTXH_NUOIDUONG"]
    assert figure.total == D(110)
    assert figure.by_category == {"mo_coi": D(31), "nguoi_gia": D(31), "khuyet_tat": D(48)}
    assert figure.by_district == {}


def test_targets_and_achievement(catalogue, province):
    jobs = catalogue["VL_GQVL"]
    put(jobs, district("944"), "2024-03", 4732)
    Target.objects.create(indicator=jobs, unit=province, year=2024, value=D(28500))
    Target.objects.create(indicator=jobs, unit=district("944"), year=2024, value=D(2000))
    figure = queries.figures("2024Q1", province, ["VL_GQVL"])["VL_GQVL"]
    assert figure.achievement == D("16.60")
    assert figure.district_targets == {district("944").pk: D(2000)}


def test_past_period_uses_the_districts_of_that_period(catalogue, province):
    assert len(queries.districts_of(province, "2024Q1")) == 11
    assert queries.districts_of(province, "2025Q3") == []
    assert len(queries.districts_of(province, "2025")) == 11  # valid during part of the year


def test_registry_source_is_used_for_registry_indicators(catalogue, province, monkeypatch):
    indicator = catalogue["NCT_MUNGTHO"]
    indicator.source = Indicator.Source.REGISTRY
    indicator.save()

    districts = queries.districts_of(province, "2024Q1")
    first, second = (
        AdminUnit.objects.filter(parent=d).order_by("code").first() for d in districts[:2]
    )

    def longevity(period, scope, counts):
        assert str(period) == "2024Q1" and scope in (province, districts[1])
        return [
            Row(first.pk, "tuoi_100", 2),
            Row(second.pk, "tuoi_90", 7),
            Row(districts[1].pk, "tuoi_90", 1),
        ]

    monkeypatch.setitem(sources.SOURCES, "NCT_MUNGTHO", longevity)
    figure = queries.figures("2024Q1", province, ["NCT_MUNGTHO"])["NCT_MUNGTHO"]
    assert figure.total == D(10) and figure.by_category == {"tuoi_100": D(2), "tuoi_90": D(8)}
    assert figure.by_district == {districts[0].pk: D(2), districts[1].pk: D(8)}
    own = queries.figures("2024Q1", districts[1], ["NCT_MUNGTHO"])["NCT_MUNGTHO"]
    assert own.total == D(8) and own.by_district == {}


def test_values_behind_a_figure(catalogue, province):
    jobs = catalogue["VL_GQVL"]
    put(jobs, district("944"), "2024-01", 10)
    put(jobs, district("943"), "2024-02", 5)
    put(jobs, district("943"), "2024-04", 5)
    rows = queries.values_behind(jobs, "2024Q1", province)
    assert [(r.unit.code, r.period, int(r.value)) for r in rows] == [
        ("943", "2024-02", 5),
        ("944", "2024-01", 10),
    ]
    assert [
        r.unit.code
        for r in queries.values_behind(jobs, "2024Q1", province, district=district("944"))
    ] == ["944"]


def test_periods_inside():
    assert queries.periods_inside("2024Q1") == {"2024Q1", "2024-01", "2024-02", "2024-03"}
    assert queries.periods_inside("2024") >= {"2024", "2024H1", "2024Q3", "2024-12"}
    assert queries.periods_inside(Period.parse("2024-05")) == {"2024-05"}


def test_demo_reproduces_every_reference_figure(soc_trang, users):
    from ansinh.indicators import demo

    demo.load_data_sets()
    demo.load_values(users["admin"])
    province = AdminUnit.objects.get(level="province", code="94", valid_from=None)
    figures = queries.figures("2024Q1", province)
    for code, total in demo.TOTALS.items():
        if isinstance(total, dict):
            assert {k: int(v) for k, v in figures[code].by_category.items()} == total, code
        else:
            assert int(figures[code].total or 0) == total, code
    assert figures["VL_GQVL"].achievement == D("16.60") and figures["VL_XKLD"].achievement == D(
        "10.57"
    )
    assert figures["TET_QUA"].total - figures["TET_QUA"].target == 85900
    assert figures["TET_KINHPHI"].total - figures["TET_KINHPHI"].target == 29_600_048_000
