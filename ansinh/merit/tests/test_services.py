"""Registry, decisions and the shared payroll: what is written, and what is refused (nothing written)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from ansinh.core.errors import AppError
from ansinh.core.tests.factories import PersonFactory
from ansinh.merit import recalc, services
from ansinh.merit.models import (
    Assessment,
    Correction,
    Decision,
    MeritCategory,
    MeritRecord,
    RecoverySchedule,
)
from ansinh.payroll import engine
from ansinh.payroll.models import PayrollCycle, PayrollLine

from .helpers import close_payrolls, paying_record

pytestmark = pytest.mark.usefixtures("merit")
M = lambda y, m: date(y, m, 1)  # noqa: E731


def test_invalid_rate_outside_21_100_is_refused_and_nothing_written(ncc, my_tu_commune):
    record = paying_record(my_tu_commune, "TB_A", 41)
    with pytest.raises(AppError) as refused:
        services.add_assessment(ncc, record, date(2024, 1, 10), None, 20, "Hội đồng GĐYK tỉnh")
    assert refused.value.problems == [
        ("rate", "Tỷ lệ tổn thương của thương binh phải từ 21% đến 100% (đã nhập 20%).")
    ]
    with pytest.raises(AppError):
        services.add_assessment(ncc, record, date(2024, 1, 10), None, 101, "Hội đồng GĐYK tỉnh")
    assert record.assessments.count() == 1


def test_assessment_before_birth_is_refused(ncc, my_tu_commune):
    record = paying_record(my_tu_commune, "CDHH", 50)
    with pytest.raises(AppError) as refused:
        services.add_assessment(ncc, record, date(1949, 12, 1), None, 61, "Hội đồng GĐYK tỉnh")
    assert (
        refused.value.problems[0][0] == "date"
        and "trước ngày sinh 05/03/1950" in refused.value.problems[0][1]
    )
    assert record.assessments.count() == 1


def test_a_past_assessment_marks_the_record_for_recalculation(ncc, my_tu_commune):
    record = paying_record(my_tu_commune, "CDHH", 85)
    services.add_assessment(
        ncc,
        record,
        date(2024, 1, 15),
        date(2023, 5, 10),
        50,
        "Hội đồng GĐYK tỉnh",
        reason="Kết luận thanh tra",
    )
    record.refresh_from_db()
    assert record.recalc_from == M(2023, 5)


def test_district_officer_cannot_touch_another_district(users, ke_sach_commune):
    record = paying_record(ke_sach_commune, "CDHH", 85)
    with pytest.raises(PermissionDenied):
        services.add_assessment(
            users["mytu"], record, date(2024, 1, 10), None, 50, "Hội đồng GĐYK tỉnh"
        )
    with pytest.raises(PermissionDenied):  # the welfare officer writes welfare, not merit
        services.draft_decision(users["division"], record, "monthly", M(2024, 3))


def test_monthly_decision_is_numbered_in_the_register_and_cannot_be_approved_twice(
    ncc, users, my_tu_commune
):
    record = paying_record(my_tu_commune, "TNLS", None, start=None)
    record.status = MeritRecord.Status.PENDING
    record.save()
    draft = services.draft_decision(ncc, record, "monthly", M(2024, 3))
    assert draft.amount == 2_055_000 and "Nghị định 55/2023" in draft.body
    with pytest.raises(PermissionDenied):
        services.approve_decision(ncc, draft)
    approved = services.approve_decision(users["leader"], draft, date(2024, 3, 5))
    assert (approved.year, approved.number, approved.number_text) == (2024, 1, "01/QĐ-SLĐTBXH")
    record.refresh_from_db()
    assert (record.status, record.start_month) == ("paying", M(2024, 3))
    with pytest.raises(
        AppError,
        match="Quyết định số 01/QĐ-SLĐTBXH đang ở trạng thái “đã duyệt, đã vào sổ”; không duyệt lần thứ hai.",
    ):
        services.approve_decision(users["leader"], draft, date(2024, 3, 6))
    assert Decision.objects.get(pk=draft.pk).number == 1
    second = services.approve_decision(
        users["leader"],
        services.draft_decision(
            ncc, paying_record(my_tu_commune, "CDHH", 30), "one_off", M(2024, 3), "bao_tu"
        ),
        date(2024, 3, 7),
    )
    assert second.number == 2 and second.amount == 2_055_000


def test_funeral_decision_at_the_death_date_table_ends_the_record(ncc, users, my_tu_commune):
    record = paying_record(my_tu_commune, "TB_A", 81)
    with pytest.raises(AppError, match="Chưa ghi ngày mất"):
        services.draft_decision(ncc, record, "funeral")
    record.person.death_date = date(2024, 2, 10)
    record.person.save()
    decision = services.approve_decision(
        users["leader"], services.draft_decision(ncc, record, "funeral"), date(2024, 2, 20)
    )
    assert decision.amount == 18_000_000
    record.refresh_from_db()
    assert (record.status, record.end_date) == ("ended", M(2024, 3))


def test_worship_decision(ncc, users, my_tu_commune):
    martyr = paying_record(
        my_tu_commune,
        "LS",
        None,
        start=None,
        full_name="Liệt sĩ Nguyễn Văn Một",
        birth_date=date(1940, 1, 1),
        birth_year=1940,
    )
    worshipper = paying_record(my_tu_commune, "THOCUNG", None, start=None)
    worshipper.martyr = martyr
    worshipper.save()
    decision = services.draft_decision(ncc, worshipper, "worship", date(2024, 1, 1))
    assert decision.amount == 1_400_000 and "Liệt sĩ Nguyễn Văn Một" in decision.summary


def test_correction_is_recorded_and_applied_on_approval(ncc, users, my_tu_commune):
    record = paying_record(my_tu_commune, "CDHH", 50)
    decision = services.correct(
        ncc, record, "full_name", "Trần Văn Bảy Nhỏ", "Giấy khai sinh số 12"
    )
    record.person.refresh_from_db()
    assert record.person.full_name == "Trần Văn Bảy"  # not before approval
    services.approve_decision(users["leader"], decision, date(2024, 3, 1))
    record.person.refresh_from_db()
    assert record.person.full_name == "Trần Văn Bảy Nhỏ"
    assert Correction.objects.filter(
        record=record, before="Trần Văn Bảy", after="Trần Văn Bảy Nhỏ"
    ).exists()
    with pytest.raises(AppError, match="12 chữ số"):
        services.correct(ncc, record, "personal_id", "123", "CCCD")


def test_transfer_out_and_in_keep_history(ncc, users, my_tu_commune):
    record = paying_record(my_tu_commune, "CDHH", 50)
    decision = services.transfer_out(ncc, record, "tỉnh Hậu Giang", date(2024, 2, 20), M(2024, 2))
    services.approve_decision(users["leader"], decision, date(2024, 3, 1))
    record.refresh_from_db()
    assert (record.status, record.end_date) == ("moved_out", M(2024, 3))
    assert record.transfers.get().province == "tỉnh Hậu Giang" and record.history.count() >= 2
    newcomer = MeritRecord(
        person=record.person, category=MeritCategory.objects.get(code="CDHH"), commune=my_tu_commune
    )
    decision = services.receive_transfer(ncc, newcomer, "tỉnh Trà Vinh", date(2024, 3, 10))
    services.approve_decision(users["leader"], decision, date(2024, 3, 12))
    newcomer.refresh_from_db()
    assert (newcomer.status, newcomer.start_month, newcomer.origin_province) == (
        "paying",
        M(2024, 3),
        "tỉnh Trà Vinh",
    )


def test_merit_cycles_share_the_payroll_and_leave_welfare_alone(users, my_tu_commune, province):
    from ansinh.welfare.loaders import load_reference_data

    load_reference_data()
    paying_record(my_tu_commune, "CDHH", 85, caregiver=M(2021, 7))
    paying_record(my_tu_commune, "TB_A", 61)
    welfare = engine.generate(engine.start_cycle(users["admin"], province, M(2024, 7), "welfare"))
    merit = engine.generate(
        engine.start_cycle(users["admin"], province, M(2024, 7), scheme=PayrollCycle.Scheme.MERIT)
    )
    assert welfare.line_count == 0 and welfare.scheme == "welfare"
    amounts = sorted(PayrollLine.objects.filter(cycle=merit).values_list("amount", flat=True))
    assert amounts == [5_450_000, 6_358_000 + 1_399_000 + 2_789_000] and merit.total_amount == sum(
        amounts
    )


def test_recalculation_over_an_open_payroll_month_is_refused(ncc, users, my_tu_commune, province):
    record = paying_record(my_tu_commune, "CDHH", 85, start=M(2023, 5))
    close_payrolls(users["admin"], province, M(2023, 5), M(2023, 6))
    engine.generate(
        engine.start_cycle(users["admin"], province, M(2023, 7), scheme=PayrollCycle.Scheme.MERIT)
    )  # a draft
    services.add_assessment(
        ncc, record, date(2024, 1, 15), date(2023, 5, 1), 50, "Hội đồng GĐYK tỉnh"
    )
    record.refresh_from_db()
    with pytest.raises(AppError, match=r"tháng 07/2023 chưa khoá sổ \(chưa duyệt\)"):
        recalc.recalculate(record, until=M(2023, 7))
    with pytest.raises(AppError, match="chưa khoá sổ"):
        recalc.start_batch(ncc, record.category, M(2023, 8), "", "Kết luận 153")
    assert not Decision.objects.exists()


def test_lowered_rate_recovered_by_deduction_until_settled(ncc, users, my_tu_commune, province):
    """85% paid 05–08/2023, lowered to 50% from 05/2023: recover 11.124.000 (see test_rules),
    then deduct half the new allowance (2.610.000 / 2 = 1.305.000) each month until settled."""
    record = paying_record(my_tu_commune, "CDHH", 85, start=M(2023, 5))
    close_payrolls(users["admin"], province, M(2023, 5), M(2023, 8))
    services.add_assessment(
        ncc,
        record,
        date(2023, 9, 10),
        date(2023, 5, 1),
        50,
        "Hội đồng GĐYK tỉnh",
        reason="Kết luận 153/KL-TTr",
    )
    record.refresh_from_db()
    draft = recalc.draft_adjustment(ncc, record)
    assert draft.amount == -11_124_000 and draft.months == [
        {
            "from": "2023-05-01",
            "to": "2023-06-01",
            "version": "75/2021",
            "due": 2_062_000,
            "paid": 4_518_000,
        },
        {
            "from": "2023-07-01",
            "to": "2023-08-01",
            "version": "55/2023",
            "due": 2_610_000,
            "paid": 5_716_000,
        },
    ]
    services.approve_decision(users["leader"], draft, date(2023, 9, 20))
    schedule = RecoverySchedule.objects.get(record=record)
    assert (schedule.total, schedule.instalment, schedule.method) == (
        11_124_000,
        1_305_000,
        "deduction",
    )
    record.refresh_from_db()
    assert record.recalc_from is None
    with pytest.raises(
        AppError, match="không có chênh lệch"
    ):  # the months already decided are not recovered twice
        recalc.draft_adjustment(ncc, record, until=M(2023, 8))
    cycles = close_payrolls(users["admin"], province, M(2023, 9), M(2024, 5))
    deductions = list(
        PayrollLine.objects.filter(merit_record=record, kind="deduction")
        .order_by("for_month")
        .values_list("amount", flat=True)
    )
    assert deductions == [-1_305_000] * 8 + [-684_000]  # 8 × 1.305.000 = 10.440.000; 684.000 left
    schedule.refresh_from_db()
    assert schedule.settled_on is not None and cycles[-1].month == M(2024, 5)
    assert not PayrollLine.objects.filter(
        merit_record=record, kind="deduction", for_month=M(2024, 6)
    ).exists()


def test_raised_rate_paid_as_arrears_in_the_next_cycle(ncc, users, my_tu_commune, province):
    record = paying_record(my_tu_commune, "CDHH", 50, start=M(2024, 5))
    close_payrolls(users["admin"], province, M(2024, 5), M(2024, 7))
    services.add_assessment(
        ncc, record, date(2024, 8, 5), date(2024, 6, 1), 70, "Hội đồng GĐYK tỉnh"
    )
    record.refresh_from_db()
    decision = services.approve_decision(
        users["leader"], recalc.draft_adjustment(ncc, record), date(2024, 8, 10)
    )
    assert decision.amount == (3_658_000 - 2_610_000) + (4_964_000 - 3_542_000)
    [cycle] = close_payrolls(users["admin"], province, M(2024, 8), M(2024, 8))
    arrears = PayrollLine.objects.filter(cycle=cycle, merit_record=record, kind="arrears").order_by(
        "for_month"
    )
    assert [(a.for_month, a.amount) for a in arrears] == [
        (M(2024, 6), 1_048_000),
        (M(2024, 7), 1_422_000),
    ]
    decision.refresh_from_db()
    assert decision.arrears_month == M(2024, 8)
    regular = PayrollLine.objects.get(cycle=cycle, merit_record=record, kind="regular")
    assert regular.amount == 4_964_000
    [later] = close_payrolls(users["admin"], province, M(2024, 9), M(2024, 9))
    assert not PayrollLine.objects.filter(cycle=later, kind="arrears").exists()


def test_assessment_records_who(ncc, my_tu_commune):
    record = paying_record(my_tu_commune, "CDHH", 50)
    services.add_assessment(ncc, record, date(2024, 1, 10), None, 61, "Hội đồng GĐYK tỉnh")
    assert Assessment.objects.filter(record=record, rate=61, created_by=ncc).exists()


@pytest.mark.parametrize(
    "code,kind,message",
    [
        ("LS", "monthly", "không có trợ cấp hằng tháng"),
        ("CDHH", "monthly", "đang hưởng trợ cấp hằng tháng"),
        ("CDHH", "worship", "lập trên hồ sơ người thờ cúng"),
        ("THOCUNG", "worship", "chưa ghi liệt sĩ"),
    ],
)
def test_a_decision_must_fit_the_record(ncc, my_tu_commune, code, kind, message):
    record = paying_record(my_tu_commune, code, None, start=M(2022, 1) if code == "CDHH" else None)
    with pytest.raises(AppError, match=message):
        services.draft_decision(ncc, record, kind, M(2024, 3))
    assert not Decision.objects.exists()


def test_one_draft_of_a_kind_at_a_time(ncc, my_tu_commune):
    record = paying_record(my_tu_commune, "CDHH", 50)
    services.draft_decision(ncc, record, "one_off", M(2024, 3), "mot_lan_khang_chien")
    with pytest.raises(AppError, match="đang chờ duyệt"):
        services.draft_decision(ncc, record, "one_off", M(2024, 3), "mot_lan_khang_chien")


def test_a_caregiver_relation_changes_the_allowance_from_its_month(
    ncc, users, my_tu_commune, province
):

    record = paying_record(my_tu_commune, "CDHH", 85, start=M(2024, 7))
    close_payrolls(users["admin"], province, M(2024, 7), M(2024, 8))
    carer = PersonFactory(
        commune=my_tu_commune, full_name="Trần Thị Tám", sex="nu", birth_year=1975
    )
    with pytest.raises(AppError, match="Ghi ngày bắt đầu phục vụ"):
        services.add_relation(ncc, record, carer, "caregiver")
    services.add_relation(ncc, record, carer, "caregiver", since=date(2024, 8, 10))
    record.refresh_from_db()
    assert (record.caregiver_from, record.recalc_from) == (date(2024, 8, 10), M(2024, 8))
    [(difference, _)] = [p for p in recalc.recalculate(record, until=M(2024, 8)) if p[0].difference]
    assert (difference.month, difference.difference) == (M(2024, 8), 2_789_000)
