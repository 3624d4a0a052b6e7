"""Cases that started before 07/2021 (issue 10, finding 4): the standard level has rows back to
2010, but the coefficients of Decree 136/2013 are not loaded, so those months say so on the case
page and the payroll skips or refuses them, never a 500."""

from datetime import date

import pytest

from ansinh.core.concurrency import version_of
from ansinh.core.errors import AppError
from ansinh.core.tests.web import login
from ansinh.payroll import engine
from ansinh.payroll.models import PayrollLine
from ansinh.welfare import services
from ansinh.welfare.models import Case

from .test_payroll import new_case

MISSING = "Chưa có mức chuẩn / chưa có quy định cho tháng này"


def test_case_page_of_a_case_started_in_2015(client, welfare, users, my_tu_commune):
    case = new_case(users["admin"], my_tu_commune, start=date(2015, 3, 1))
    login(client, users["mytu"])
    response = client.get(f"/bao-tro/ho-so/{case.pk}/")
    assert response.status_code == 200
    rows = response.context["entitlements"]
    assert rows[0] == {
        "month": date(2015, 3, 1),
        "until": date(2021, 6, 1),
        "missing": MISSING.lower(),
    }
    assert (rows[1]["month"], rows[1]["level"], rows[1]["amount"]) == (
        date(2021, 7, 1),
        360_000,
        720_000,
    )
    page = response.content.decode()
    assert "03/2015 – 06/2021" in page and MISSING in page


def test_case_page_before_any_level(client, welfare, users, my_tu_commune):
    case = new_case(users["admin"], my_tu_commune, start=date(2008, 1, 1))
    login(client, users["admin"])
    response = client.get(f"/bao-tro/ho-so/{case.pk}/")
    assert response.status_code == 200
    assert response.context["entitlements"][0]["until"] == date(2021, 6, 1)


def test_payroll_refuses_a_month_without_rules(welfare, users, province):
    with pytest.raises(
        AppError, match="06/2021: chưa có mức chuẩn / chưa có quy định cho tháng này"
    ):
        engine.start_cycle(users["admin"], province, date(2021, 6, 1), "welfare")


def test_payroll_skips_recalculated_months_without_rules(welfare, users, my_tu_commune, province):
    case = new_case(users["admin"], my_tu_commune, start=date(2024, 1, 1))
    Case.objects.filter(pk=case.pk).update(
        start_month=date(2019, 1, 1), recalc_from=date(2019, 1, 1)
    )
    cycle = engine.generate(
        engine.start_cycle(users["admin"], province, date(2024, 1, 1), "welfare")
    )
    arrears = PayrollLine.objects.filter(cycle=cycle, kind=PayrollLine.Kind.ARREARS).order_by(
        "for_month"
    )
    assert arrears.first().for_month == date(2021, 7, 1)
    assert arrears.count() == 30  # 07/2021 … 12/2023, 720.000 đ each (360.000 × 2,0: 80 and over)
    assert {line.amount for line in arrears} == {720_000}


def test_adjustment_from_a_month_without_rules_is_refused(welfare, users, my_tu_commune):
    case = new_case(users["admin"], my_tu_commune, start=date(2024, 1, 1))
    Case.objects.filter(pk=case.pk).update(start_month=date(2019, 1, 1))
    case.refresh_from_db()
    with pytest.raises(AppError, match="02/2020: chưa có mức chuẩn"):
        services.adjust(users["admin"], case, date(2020, 2, 1), "Đi học lại", is_studying=True)


def test_a_bad_number_of_children_is_said_not_a_500(client, welfare, users, my_tu_commune):
    case = new_case(users["admin"], my_tu_commune, start=date(2024, 1, 1))
    login(client, users["mytu"])
    response = client.post(
        f"/bao-tro/ho-so/{case.pk}/dieu-chinh/",
        {
            "version": version_of(case),
            "effective": "2024-02",
            "children_count": "abc",
            "reason": "x",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "tham số “children_count” không hợp lệ" in response.content.decode()
