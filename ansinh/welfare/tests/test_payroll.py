"""Payroll cycles, worked by hand: level 360.000 đ until 06/2024, 500.000 đ from 07/2024."""

from datetime import date

import pytest

from ansinh.core.concurrency import version_of
from ansinh.core.errors import AppError
from ansinh.core.models import AdminUnit
from ansinh.core.tests.factories import PersonFactory
from ansinh.core.tests.web import login
from ansinh.payroll import engine
from ansinh.payroll.models import PayrollCycle, PayrollLine
from ansinh.welfare import services
from ansinh.welfare.models import BenefitCategory, Case, StandardLevel

from .factories import CaseFactory


def new_case(
    user, commune, category="ND20-5.5a", birth=date(1940, 5, 10), start=date(2024, 1, 1), **facts
):
    person = PersonFactory(
        commune=commune, full_name="Lâm Thị Bảy", sex="nu", birth_date=birth, birth_year=birth.year
    )
    case = CaseFactory.build(
        person=person, code=category, commune=commune, application_date=start, **facts
    )
    services.receive(user, case)
    services.appraise(user, case, True)
    services.decide(user, case, "12/QĐ-UBND", start, start)
    return case


def run(user, unit, month, approve=True, leader=None):
    cycle = engine.generate(engine.start_cycle(user, unit, month, "welfare"))
    if approve:
        engine.approve(leader or user, cycle)
    return cycle


def lines(cycle):
    return sorted(
        (line.for_month, line.kind, line.amount, line.change)
        for line in PayrollLine.objects.filter(cycle=cycle)
    )


def test_monthly_cycles_and_differences(welfare, users, my_tu_commune, province):
    new_case(users["admin"], my_tu_commune)  # 5.5a, born 1940: 80+ → 2,0 × 360.000 = 720.000
    january = run(users["admin"], province, date(2024, 1, 1))
    assert lines(january) == [(date(2024, 1, 1), "regular", 720_000, "new")]
    february = run(users["admin"], province, date(2024, 2, 1))
    assert lines(february) == [(date(2024, 2, 1), "regular", 720_000, "")]
    assert (february.line_count, february.total_amount, february.status) == (1, 720_000, "approved")


def test_birthday_inside_the_month_changes_the_band(welfare, users, my_tu_commune, province):
    new_case(users["admin"], my_tu_commune, birth=date(1944, 3, 31), start=date(2024, 2, 1))
    assert lines(run(users["admin"], province, date(2024, 2, 1))) == [
        (date(2024, 2, 1), "regular", 540_000, "new")
    ]  # 79: 1,5
    assert lines(run(users["admin"], province, date(2024, 3, 1))) == [
        (date(2024, 3, 1), "regular", 720_000, "changed")
    ]  # 80 in March


def test_level_change_on_1_july_2024(welfare, users, my_tu_commune, province):
    new_case(users["admin"], my_tu_commune, start=date(2024, 6, 1))
    assert lines(run(users["admin"], province, date(2024, 6, 1)))[0][2] == 720_000
    assert lines(run(users["admin"], province, date(2024, 7, 1))) == [
        (date(2024, 7, 1), "regular", 1_000_000, "changed")
    ]


def test_late_death_report_recovers_what_was_overpaid(welfare, users, my_tu_commune, province):
    case = new_case(users["admin"], my_tu_commune)
    for month in (1, 2, 3):
        run(users["admin"], province, date(2024, month, 1))
    services.report_death(users["admin"], case.person, date(2024, 2, 10))  # reported in April
    april = run(users["admin"], province, date(2024, 4, 1), approve=False)
    # February is due (the decision was in force part of the month); March was not: recover 720.000.
    assert lines(april) == [
        (date(2024, 3, 1), "recovery", -720_000, ""),
        (date(2024, 4, 1), "regular", 0, "ended"),
    ]
    assert april.total_amount == -720_000
    engine.approve(users["leader"], april)
    case.refresh_from_db()
    assert case.recalc_from is None and case.status == "ended"
    assert lines(run(users["admin"], province, date(2024, 5, 1))) == []


def test_level_raised_backwards_gives_arrears_month_by_month(
    welfare, users, my_tu_commune, province
):
    StandardLevel.objects.filter(valid_from=date(2024, 7, 1)).update(
        amount=360_000
    )  # the new level not yet known
    new_case(users["admin"], my_tu_commune, start=date(2024, 6, 1))
    for month in (6, 7, 8):
        run(users["admin"], province, date(2024, month, 1))
    StandardLevel.objects.filter(valid_from=date(2024, 7, 1)).update(valid_to=date(2024, 6, 30))
    services.set_level(users["leader"], date(2024, 7, 1), 500_000, "Nghị định 76/2024/NĐ-CP")
    september = run(users["admin"], province, date(2024, 9, 1), approve=False)
    # July and August were paid 720.000 at 360.000; due 1.000.000 at 500.000: arrears 280.000 each.
    assert lines(september) == [
        (date(2024, 7, 1), "arrears", 280_000, ""),
        (date(2024, 8, 1), "arrears", 280_000, ""),
        (date(2024, 9, 1), "regular", 1_000_000, "changed"),
    ]
    summary = engine.differences(september)
    assert summary["arrears"] == {"count": 2, "total": 560_000} and summary["changed"]["count"] == 1


def test_backdated_decision_pays_arrears(welfare, users, my_tu_commune, province):
    run(users["admin"], province, date(2024, 1, 1))
    person = PersonFactory(
        commune=my_tu_commune, full_name="Sơn Văn Tám", birth_date=date(1950, 1, 5), birth_year=1950
    )
    case = Case(
        person=person,
        category=BenefitCategory.objects.get(code="ND20-5.6"),
        commune=my_tu_commune,
        disability_level="dac_biet_nang",
        application_date=date(2024, 1, 20),
    )
    services.receive(users["admin"], case)
    services.appraise(users["admin"], case, True)
    services.decide(users["admin"], case, "30/QĐ-UBND", date(2024, 2, 5), date(2024, 2, 1))
    run(users["admin"], province, date(2024, 2, 1))
    case.recalc_from = date(
        2024, 2, 1
    )  # the February cycle did not include it: decided after it was approved
    case.save()
    PayrollLine.objects.filter(case=case).delete()
    march = run(users["admin"], province, date(2024, 3, 1), approve=False)
    # elderly (74) especially severe disability: 2,5 × 360.000 = 900.000
    assert lines(march) == [
        (date(2024, 2, 1), "arrears", 900_000, ""),
        (date(2024, 3, 1), "regular", 900_000, "new"),
    ]


def test_provincial_group_uses_its_coefficient(welfare, users, my_tu_commune, province):
    new_case(users["admin"], my_tu_commune, category="NQ10-1", birth=date(1970, 1, 1))
    assert lines(run(users["admin"], province, date(2024, 1, 1)))[0][2] == 360_000


def test_approved_cycle_is_immutable(welfare, users, my_tu_commune, province):
    new_case(users["admin"], my_tu_commune)
    cycle = run(users["admin"], province, date(2024, 1, 1), approve=False)
    with pytest.raises(Exception, match="duyệt"):
        engine.approve(users["mytu"], cycle)
    engine.approve(users["leader"], cycle)
    with pytest.raises(AppError, match="đã duyệt; điều chỉnh đưa vào tháng sau"):
        engine.start_cycle(users["admin"], province, date(2024, 1, 15), "welfare")
    with pytest.raises(AppError, match="dự thảo"):
        engine.approve(users["leader"], cycle)
    engine.mark_paid(users["admin"], cycle)
    assert PayrollCycle.objects.get().status == "paid"


def test_case_bad_input_is_refused(welfare, users, my_tu_commune):
    adult = PersonFactory(
        commune=my_tu_commune, full_name="Trần Văn Út", birth_date=date(1994, 1, 1), birth_year=1994
    )
    orphan = Case(
        person=adult,
        category=BenefitCategory.objects.get(code="ND20-5.1"),
        commune=my_tu_commune,
        application_date=date(2024, 1, 1),
    )
    with pytest.raises(AppError, match="dưới 16 tuổi"):
        services.receive(users["admin"], orphan)
    case = new_case(users["admin"], my_tu_commune)
    twin = Case(
        person=case.person,
        category=case.category,
        commune=my_tu_commune,
        application_date=date(2024, 2, 1),
    )
    with pytest.raises(AppError, match="đang mở"):
        services.receive(users["admin"], twin)
    late = Case(
        person=PersonFactory(
            commune=my_tu_commune,
            full_name="Lý Văn Chín",
            birth_date=date(1930, 1, 1),
            birth_year=1930,
        ),
        category=case.category,
        commune=my_tu_commune,
        application_date=date(2024, 1, 1),
    )
    services.receive(users["admin"], late)
    services.appraise(users["admin"], late, True)
    with pytest.raises(AppError, match="trước tháng ký quyết định"):
        services.decide(users["admin"], late, "1/QĐ", date(2024, 3, 10), date(2024, 2, 1))
    dead = PersonFactory(
        commune=my_tu_commune,
        full_name="Lê Văn Mười",
        birth_date=date(1930, 1, 1),
        birth_year=1930,
        death_date=date(2023, 5, 1),
    )
    with pytest.raises(AppError, match="đã mất"):
        services.receive(
            users["admin"],
            Case(
                person=dead,
                category=case.category,
                commune=my_tu_commune,
                application_date=date(2024, 1, 1),
            ),
        )
    assert Case.objects.count() == 2


def test_district_officer_cannot_open_a_case_elsewhere(welfare, users, ke_sach_commune):
    from django.core.exceptions import PermissionDenied

    person = PersonFactory(
        commune=ke_sach_commune,
        full_name="Kim Văn Hai",
        birth_date=date(1940, 1, 1),
        birth_year=1940,
    )
    case = Case(
        person=person,
        category=BenefitCategory.objects.get(code="ND20-5.5a"),
        commune=ke_sach_commune,
        application_date=date(2024, 1, 1),
    )
    with pytest.raises(PermissionDenied):
        services.receive(users["mytu"], case)


def test_registry_sources_count_beneficiaries_by_district(
    welfare, users, my_tu_commune, ke_sach_commune, province
):
    from ansinh.indicators import services as indicator_services
    from ansinh.indicators.queries import figures

    indicator_services.load_catalogue()
    new_case(users["admin"], my_tu_commune)
    new_case(users["admin"], ke_sach_commune, start=date(2024, 2, 1))
    ended = new_case(users["admin"], ke_sach_commune)
    services.end(users["admin"], ended, "moved", date(2024, 3, 1))  # not in force in March
    new_case(users["admin"], my_tu_commune, category="NQ10-1", birth=date(1970, 1, 1))
    result = figures("2024Q1", province, ["BTXH_TCXH", "NQ10_HANGTHANG"])
    national = result["BTXH_TCXH"]
    assert national.total == 2
    assert {AdminUnit.objects.get(pk=k).code: int(v) for k, v in national.by_district.items()} == {
        "944": 1,
        "943": 1,
    }
    assert result["NQ10_HANGTHANG"].total == 1
    assert (
        figures("2024-01", province, ["BTXH_TCXH"])["BTXH_TCXH"].total == 2
    )  # January: the ended case, not yet the February one


def test_suspend_resume_and_move_keep_history(
    welfare, users, my_tu_commune, ke_sach_commune, province
):
    case = new_case(users["admin"], my_tu_commune)
    services.suspend(users["admin"], case, "Chờ xác minh")
    assert lines(run(users["admin"], province, date(2024, 1, 1))) == []  # not paid while suspended
    services.resume(users["admin"], case, "Đã xác minh")
    assert lines(run(users["admin"], province, date(2024, 2, 1))) == [
        (date(2024, 2, 1), "regular", 720_000, "new")
    ]
    with pytest.raises(AppError, match="lý do"):
        services.suspend(users["admin"], case, " ")
    services.move(users["admin"], case, ke_sach_commune, "Chuyển về ở với con")
    case.refresh_from_db()
    assert case.commune == ke_sach_commune and case.person.commune == ke_sach_commune
    reasons = list(case.history.values_list("history_change_reason", flat=True))
    assert (
        any(r and r.startswith("Chuyển từ") for r in reasons)
        and "Tạm dừng: Chờ xác minh" in reasons
    )
    new_province = AdminUnit.objects.filter(level="commune", valid_from=date(2025, 7, 1)).first()
    with pytest.raises(AppError, match="tỉnh khác"):
        services.move(users["admin"], case, new_province, "x")


def test_case_page_actions(client, welfare, users, my_tu_commune, ke_sach_commune):
    case = new_case(users["admin"], my_tu_commune)
    login(client, users["mytu"])
    client.post(
        f"/bao-tro/ho-so/{case.pk}/tam-dung/",
        {"version": version_of(case), "reason": "Chờ xác minh"},
    )
    case.refresh_from_db()
    assert case.status == "suspended"
    response = client.post(
        f"/bao-tro/ho-so/{case.pk}/chuyen-xa/",
        {"version": version_of(case), "commune": ke_sach_commune.pk, "reason": "x"},
        follow=True,
    )
    case.refresh_from_db()
    assert (
        case.commune == my_tu_commune
    )  # out of the district: a transfer Kế Sách must accept first
    assert response.status_code == 200 and "Đã gửi đề nghị chuyển" in response.content.decode()


def test_adjustment_backdated_pays_the_difference_from_that_month(
    welfare, users, my_tu_commune, province
):
    # an adult (34) with severe disability: 1,5 × 360.000 = 540.000; reassessed especially severe from February: 2,0 = 720.000
    case = new_case(
        users["admin"],
        my_tu_commune,
        category="ND20-5.6",
        birth=date(1990, 2, 1),
        disability_level="nang",
    )
    for month in (1, 2, 3):
        run(users["admin"], province, date(2024, month, 1))
    services.adjust(
        users["admin"],
        case,
        date(2024, 2, 1),
        "Hội đồng giám định lại",
        disability_level="dac_biet_nang",
    )
    april = run(users["admin"], province, date(2024, 4, 1), approve=False)
    assert lines(april) == [
        (date(2024, 2, 1), "arrears", 180_000, ""),
        (date(2024, 3, 1), "arrears", 180_000, ""),
        (date(2024, 4, 1), "regular", 720_000, "changed"),
    ]
    with pytest.raises(AppError, match="lý do"):
        services.adjust(users["admin"], case, date(2024, 2, 1), "", children_count=1)
    with pytest.raises(AppError):
        services.adjust(
            users["admin"], case, date(2024, 2, 1), "x", disability_level=""
        )  # cl.6 needs a disability level
    assert "Điều chỉnh từ tháng 02/2024: Hội đồng giám định lại" in case.history.values_list(
        "history_change_reason", flat=True
    )
