"""The demo's quarter I/2024 reproduces figures-2024Q1.md §6 from the registers, by the real rules."""

from datetime import date

import pytest

from ansinh.core.periods import Period
from ansinh.desk import demo, queries
from ansinh.desk.models import Dossier, Step
from ansinh.indicators.queries import figures
from ansinh.indicators.services import load_catalogue

pytestmark = pytest.mark.django_db


def test_demo_quarter_matches_the_reference_report(desk, province):
    load_catalogue()
    demo.run(log=lambda *a: None)
    totals = queries.timeliness(
        Dossier.objects.all(), date(2024, 1, 1), date(2024, 3, 31), today=date(2024, 3, 31)
    )["totals"]
    assert (
        totals["received"],
        totals["online"],
        totals["early"],
        totals["on_time"],
        totals["within"],
    ) == (750, 584, 560, 3, 187)
    assert (totals["late"], totals["overdue"], totals["carried"]) == (0, 0, 0)
    found = figures(
        Period.parse("2024Q1"),
        province,
        [
            "TTHC_NHAN",
            "TTHC_TRUOCHAN",
            "TTHC_DUNGHAN",
            "TTHC_TRONGHAN",
            "TTRA_TIEPDAN",
            "TTRA_DON_NHAN",
            "TTRA_DON_DANGXL",
            "TTRA_DON_DAXL",
            "TTRA_DON_CHUYEN",
        ],
    )
    assert {code: int(f.total) for code, f in found.items()} == {
        "TTHC_NHAN": 750,
        "TTHC_TRUOCHAN": 560,
        "TTHC_DUNGHAN": 3,
        "TTHC_TRONGHAN": 187,
        "TTRA_TIEPDAN": 13,
        "TTRA_DON_NHAN": 8,
        "TTRA_DON_DANGXL": 1,
        "TTRA_DON_DAXL": 1,
        "TTRA_DON_CHUYEN": 6,
    }
    assert int(found["TTHC_NHAN"].by_category["truc_tuyen"]) == 584
    # deficient rounds and apologies went through the rules; every dossier has its steps
    assert (
        Step.objects.filter(kind="supplemented").count() == 10
        and Step.objects.filter(kind="apology").count() == 2
    )
    assert not Dossier.objects.filter(
        received_on__lte=date(2024, 3, 31), steps__isnull=True
    ).exists()
    demo.run(log=lambda *a: None)  # idempotent
    assert (
        Dossier.objects.filter(received_on__range=(date(2024, 1, 1), date(2024, 3, 31))).count()
        == 750 + 35
    )
