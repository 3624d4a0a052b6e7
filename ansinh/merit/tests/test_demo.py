"""The demo registry reproduces figures-2024Q1.md §3 through the real rules and services."""

from decimal import Decimal

from ansinh.indicators.queries import figures
from ansinh.merit import demo
from ansinh.merit.models import Decision, MeritRecord, RecalcBatch


def test_demo_gives_the_reference_figures(users, province):
    demo.run(users["admin"], log=lambda *a: None)
    assert 19_000 < MeritRecord.objects.count() < 21_000
    batch = RecalcBatch.objects.get()
    assert (batch.people, batch.total_recovery, batch.status) == (905, 99_187_075_000, "approved")
    adjusted = Decision.objects.filter(kind="adjustment")
    assert (
        adjusted.count() == 905
        and sum(adjusted.values_list("amount", flat=True)) == -99_187_075_000
    )
    from ansinh.indicators.services import load_catalogue

    load_catalogue()
    found = figures(
        "2024Q1",
        province,
        codes=[
            "NCC_MAITANG",
            "NCC_QD_HANGTHANG",
            "NCC_QD_THOCUNG",
            "NCC_HS_DEN",
            "NCC_HS_DI",
            "NCC_DINHCHINH",
            "NCC_QD_DIEUCHINH",
            "NCC_THUHOI",
        ],
    )
    assert {code: f.total for code, f in found.items()} == {
        "NCC_MAITANG": Decimal(148),
        "NCC_QD_HANGTHANG": Decimal(3),
        "NCC_QD_THOCUNG": Decimal(46),
        "NCC_HS_DEN": Decimal(2),
        "NCC_HS_DI": Decimal(3),
        "NCC_DINHCHINH": Decimal(9),
        "NCC_QD_DIEUCHINH": Decimal(905),
        "NCC_THUHOI": Decimal(99_187_075_000),
    }
