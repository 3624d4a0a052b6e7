"""Caregiver support (Art. 20), worked by hand at 360.000 đ (to 06/2024) and 500.000 đ (from 07/2024)."""

from datetime import date

import pytest

from ansinh.core.errors import AppError
from ansinh.core.tests.factories import PersonFactory
from ansinh.core.tests.fixtures import spreadsheet
from ansinh.core.tests.web import login
from ansinh.payroll import engine
from ansinh.payroll.models import PayrollLine
from ansinh.welfare import services
from ansinh.welfare.models import Caregiver


def record(user, commune, kind, ward=None, start=date(2024, 1, 1), **facts):
    carer = PersonFactory(commune=commune, full_name="Nguyễn Thị Chăm", sex="nu", birth_year=1975)
    return services.register_caregiver(
        user,
        Caregiver(
            caregiver=carer,
            kind=kind,
            ward=ward,
            commune=commune,
            decision_number="5/QĐ-UBND",
            decision_date=start,
            start_month=start,
            **facts,
        ),
    )


def lines(cycle):
    return sorted(
        (line.caregiver_id is not None, line.amount, line.change)
        for line in PayrollLine.objects.filter(cycle=cycle)
    )


def test_caregivers_are_paid_in_the_same_payroll(welfare, users, my_tu_commune, province):
    disabled = PersonFactory(commune=my_tu_commune, full_name="Sơn Văn Tám", birth_year=1990)
    child = PersonFactory(
        commune=my_tu_commune, full_name="Danh Bé", birth_date=date(2012, 6, 1), birth_year=2012
    )
    record(users["admin"], my_tu_commune, "household_disabled", ward=disabled)  # 1,0 × 360.000
    record(users["admin"], my_tu_commune, "take_in_disabled", ward=child)  # a child: 2,5 × 360.000
    record(
        users["admin"],
        my_tu_commune,
        "disabled_parent",
        disability_level="nang",
        pregnant=True,
        children_under_36_months=1,
    )  # 2,0
    january = engine.generate(
        engine.start_cycle(users["admin"], province, date(2024, 1, 1), "welfare")
    )
    assert lines(january) == [
        (True, 360_000, "new"),
        (True, 720_000, "new"),
        (True, 900_000, "new"),
    ]
    engine.approve(users["leader"], january)
    july = engine.generate(
        engine.start_cycle(users["admin"], province, date(2024, 7, 1), "welfare")
    )
    assert sorted(line.amount for line in PayrollLine.objects.filter(cycle=july)) == [
        500_000,
        1_000_000,
        1_250_000,
    ]


def test_stopped_caregiver_shows_as_ended(welfare, users, my_tu_commune, province):
    disabled = PersonFactory(commune=my_tu_commune, full_name="Sơn Văn Tám", birth_year=1990)
    care = record(users["admin"], my_tu_commune, "household_disabled", ward=disabled)
    engine.approve(
        users["leader"],
        engine.generate(engine.start_cycle(users["admin"], province, date(2024, 1, 1), "welfare")),
    )
    services.end_caregiver(
        users["admin"], care, date(2024, 2, 1), "Người khuyết tật đã được đưa vào cơ sở"
    )
    february = engine.generate(
        engine.start_cycle(users["admin"], province, date(2024, 2, 1), "welfare")
    )
    assert lines(february) == [(True, 0, "ended")]


@pytest.mark.parametrize(
    "kind, facts, message",
    [
        ("household_disabled", {}, "Phải ghi người được chăm sóc"),
        ("disabled_parent", {"pregnant": True}, "mức độ khuyết tật"),
        ("disabled_parent", {"disability_level": "nang"}, "không thuộc trường hợp được hỗ trợ"),
    ],
)
def test_caregiver_rules(welfare, users, my_tu_commune, kind, facts, message):
    with pytest.raises(AppError, match=message):
        record(users["admin"], my_tu_commune, kind, **facts)
    assert not Caregiver.objects.exists()


def test_foster_child_who_turned_16_is_refused_and_source_counts(
    welfare, users, my_tu_commune, province
):
    from ansinh.indicators import services as indicator_services
    from ansinh.indicators.queries import figures

    grown = PersonFactory(
        commune=my_tu_commune, full_name="Thạch Lớn", birth_date=date(2007, 1, 15), birth_year=2007
    )
    with pytest.raises(AppError, match="không thuộc trường hợp"):
        record(users["admin"], my_tu_commune, "foster_child", ward=grown, start=date(2024, 2, 1))
    child = PersonFactory(
        commune=my_tu_commune, full_name="Thạch Nhỏ", birth_date=date(2021, 1, 15), birth_year=2021
    )
    record(users["admin"], my_tu_commune, "foster_child", ward=child)
    indicator_services.load_catalogue()
    assert figures("2024Q1", province, ["BTXH_NCS"])["BTXH_NCS"].total == 1


def test_caregivers_page(client, users, welfare, my_tu_commune, ke_sach_commune):
    PersonFactory(
        commune=my_tu_commune,
        full_name="Nguyễn Thị Chăm",
        sex="nu",
        birth_year=1975,
        personal_id="094175001111",
    )
    PersonFactory(
        commune=my_tu_commune, full_name="Sơn Văn Tám", birth_year=1990, personal_id="094090002222"
    )
    login(client, users["mytu"])
    data = {
        "caregiver_id_or_pk": "094175001111",
        "kind": "household_disabled",
        "ward_id_or_pk": "094090002222",
        "children_under_36_months": "0",
        "decision_number": "5/QĐ-UBND",
        "decision_date": "2024-01-10",
        "start_month": "2024-01-01",
    }
    assert client.post("/bao-tro/cham-soc/", data).status_code == 302
    assert "Nguyễn Thị Chăm" in client.get("/bao-tro/cham-soc/").content.decode()
    response = client.post("/bao-tro/cham-soc/", data)
    assert "đang hưởng" in response.content.decode()
    login(client, users["kesach"])
    assert "Nguyễn Thị Chăm" not in client.get("/bao-tro/cham-soc/").content.decode()


def test_caregiver_import_and_api(users, welfare, my_tu_commune):

    from rest_framework.test import APIClient

    from ansinh.core.imports import run_import

    PersonFactory(
        commune=my_tu_commune,
        full_name="Nguyễn Thị Chăm",
        sex="nu",
        birth_year=1975,
        personal_id="094175001111",
    )
    PersonFactory(
        commune=my_tu_commune, full_name="Sơn Văn Tám", birth_year=1990, personal_id="094090002222"
    )
    content = spreadsheet(
        [
            "Số định danh người được hỗ trợ",
            "Trường hợp",
            "Số định danh người được chăm sóc",
            "Số quyết định",
            "Ngày quyết định",
            "Hưởng từ tháng",
        ],
        [
            ["094175001111", "household_disabled", "094090002222", "5/QĐ", "10/01/2024", "01/2024"],
            ["094175001111", "household_disabled", "", "6/QĐ", "10/01/2024", "01/2024"],
            ["094175001111", "bogus", "", "7/QĐ", "10/01/2024", "01/2024"],
        ],
    )
    result = run_import("welfare_caregivers", content, "cs.xlsx", users["mytu"], commit=True)
    assert [(p.row, p.column) for p in result.errors] == [(3, "Trường hợp"), (4, "Trường hợp")]
    assert not Caregiver.objects.exists()
    api = APIClient()
    api.force_authenticate(users["mytu"])
    assert api.get("/api/welfare/residents/").json()["results"] == []
    api.force_authenticate(users["leader"])
    assert api.get("/api/welfare/caregivers/").status_code == 200


def test_caregiver_ended_backwards_is_recovered(welfare, users, my_tu_commune, province):
    disabled = PersonFactory(commune=my_tu_commune, full_name="Sơn Văn Tám", birth_year=1990)
    care = record(users["admin"], my_tu_commune, "household_disabled", ward=disabled)
    for month in (1, 2, 3):
        engine.approve(
            users["leader"],
            engine.generate(
                engine.start_cycle(users["admin"], province, date(2024, month, 1), "welfare")
            ),
        )
    services.end_caregiver(
        users["admin"], care, date(2024, 2, 1), "Báo muộn: người khuyết tật đã vào cơ sở từ tháng 2"
    )
    april = engine.generate(
        engine.start_cycle(users["admin"], province, date(2024, 4, 1), "welfare")
    )
    got = sorted(
        (line.for_month, line.kind, line.amount)
        for line in PayrollLine.objects.filter(cycle=april)
        if line.kind != "regular"
    )
    # paid 360.000 for February and March, due nothing: recover both months
    assert got == [
        (date(2024, 2, 1), "recovery", -360_000),
        (date(2024, 3, 1), "recovery", -360_000),
    ]
    engine.approve(users["leader"], april)
    care.refresh_from_db()
    assert care.recalc_from is None
