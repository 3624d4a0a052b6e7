"""The dossier lifecycle of Decree 61/2018 at the desk, each rule and each refusal (nothing written)."""

from datetime import date

import pytest
from django.utils import timezone

from ansinh.core.errors import AppError
from ansinh.core.models import OrgUnit
from ansinh.desk import queries, services
from ansinh.desk.models import Dossier, Step

from .conftest import moment, new_dossier

pytestmark = pytest.mark.django_db
LABOUR = "SLDTBXH94-VLATLD"


def received(users, at, **kwargs):
    return services.receive(users["desk"], new_dossier(**kwargs), "complete", at=at)


def routed(users, at, **kwargs):
    dossier = received(users, at, **kwargs)
    return services.route(users["desk"], dossier, OrgUnit.objects.get(code=LABOUR), at=at)


def test_complete_dossier_gets_a_code_and_a_due_date_from_the_calendar(desk):
    dossier = received(
        desk, moment(2024, 2, 7, 10)
    )  # 5 working days: 15, 16, 19, 20, 21 (Tết in between)
    assert dossier.status == Dossier.Status.ACCEPTED
    assert (dossier.start_date, dossier.due_date) == (date(2024, 2, 7), date(2024, 2, 21))
    assert dossier.code.startswith("94-240207-0001-") and len(dossier.code) == len(
        "94-240207-0001-ABCD"
    )
    step = dossier.steps.get()
    assert (step.kind, step.by, step.at, step.due_date) == (
        Step.Kind.RECEIVED,
        desk["desk"],
        moment(2024, 2, 7, 10),
        date(2024, 2, 21),
    )


def test_paper_dossier_after_15_00_counts_from_the_next_working_day(desk):
    dossier = received(
        desk, moment(2024, 4, 26, 15, 30)
    )  # Friday before 30/4: next working day Thursday 02/05
    assert (dossier.start_date, dossier.due_date) == (
        date(2024, 5, 2),
        date(2024, 5, 8),
    )  # 03, 04 (make-up Saturday), 06, 07, 08


def test_incomplete_at_the_counter_lists_every_missing_item_and_is_not_registered(desk):
    procedure_docs = new_dossier().procedure.document_list
    dossier = services.receive(
        desk["desk"],
        new_dossier(ticked=procedure_docs[:2]),
        "incomplete",
        "Ảnh chưa đúng kích thước",
        at=moment(2024, 3, 4),
    )
    assert dossier.status == Dossier.Status.INCOMPLETE and dossier.due_date is None
    assert dossier.missing_items.splitlines() == procedure_docs[2:] + ["Ảnh chưa đúng kích thước"]
    totals = queries.timeliness(Dossier.objects.all(), date(2024, 1, 1), date(2024, 3, 31))[
        "totals"
    ]
    assert (totals["received"], totals["incomplete"]) == (0, 1)


@pytest.mark.parametrize(
    "outcome, kwargs, message",
    [
        ("complete", {"ticked": []}, "Hồ sơ còn thiếu"),
        ("incomplete", {}, "ít nhất một nội dung cần bổ sung"),
        ("refused", {}, "phải nêu lý do từ chối"),
        (
            "complete",
            {"code": "NCC-MAITANG", "channel": "online"},
            "chưa cung cấp dịch vụ công trực tuyến",
        ),
    ],
)
def test_receipt_refusals_write_nothing(desk, outcome, kwargs, message):
    with pytest.raises(AppError, match=message):
        services.receive(desk["desk"], new_dossier(**kwargs), outcome, at=moment(2024, 3, 4))
    assert not Dossier.objects.exists() and not Step.objects.exists()


def test_refusal_keeps_its_reason(desk):
    dossier = services.receive(
        desk["desk"],
        new_dossier(refusal_reason="Không thuộc thẩm quyền của Sở"),
        "refused",
        at=moment(2024, 3, 4),
    )
    assert (
        dossier.status == Dossier.Status.REFUSED
        and dossier.steps.get().text == "Không thuộc thẩm quyền của Sở"
    )


def test_routing_only_to_a_division_of_the_desk(desk):
    dossier = received(desk, moment(2024, 3, 4))
    with pytest.raises(AppError, match="không nhận hồ sơ"):
        services.route(desk["desk"], dossier, OrgUnit.objects.get(code="PLDTBXH-944"))
    services.route(
        desk["desk"], dossier, OrgUnit.objects.get(code=LABOUR), at=moment(2024, 3, 4, 10)
    )
    assert (
        dossier.status == Dossier.Status.PROCESSING and dossier.steps.last().division.code == LABOUR
    )


def test_deficient_within_three_working_days_then_the_clock_restarts(desk):
    dossier = routed(desk, moment(2024, 2, 5, 9))  # due 19/02 (5 days across Tết)
    assert dossier.due_date == date(2024, 2, 19)
    services.mark_deficient(
        desk["labour"], dossier, "Giấy chứng nhận sức khỏe quá 12 tháng", at=moment(2024, 2, 15, 9)
    )  # 3rd working day
    assert dossier.status == Dossier.Status.DEFICIENT and dossier.due_date is None
    with pytest.raises(AppError, match="đang chờ người nộp bổ sung"):
        services.decide(desk["labour"], dossier, "approved", "GPLĐ số 1", at=moment(2024, 2, 16))
    services.supplement(
        desk["desk"], dossier, at=moment(2024, 2, 20, 15, 30)
    )  # after 15:00: counts from 21/02
    assert (dossier.start_date, dossier.due_date) == (date(2024, 2, 21), date(2024, 2, 28))
    assert [s.kind for s in dossier.steps.all()] == [
        "received",
        "routed",
        "deficient",
        "supplemented",
    ]


def test_deficient_too_late_is_refused_and_nothing_changes(desk):
    dossier = routed(desk, moment(2024, 2, 5, 9))
    with pytest.raises(AppError, match="chậm nhất 15/02/2024"):
        services.mark_deficient(desk["labour"], dossier, "Thiếu ảnh", at=moment(2024, 2, 16, 9))
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.PROCESSING and dossier.steps.count() == 2


def test_apology_once_before_the_due_date_on_a_working_day(desk):
    dossier = routed(desk, moment(2024, 4, 19, 9))  # due 26/04: 22, 23, 24, 25, 26
    assert dossier.due_date == date(2024, 4, 26)
    with pytest.raises(AppError, match=r"30/04/2024 là ngày nghỉ \(Ngày Chiến thắng\)"):
        services.apologise(
            desk["labour"], dossier, "Chờ xác minh", date(2024, 4, 30), at=moment(2024, 4, 24)
        )
    with pytest.raises(AppError, match="phải nêu lý do"):
        services.apologise(desk["labour"], dossier, " ", date(2024, 5, 6), at=moment(2024, 4, 24))
    services.apologise(
        desk["labour"],
        dossier,
        "Chờ xác minh của Công an tỉnh",
        date(2024, 5, 4),
        at=moment(2024, 4, 25),
    )
    assert (dossier.due_date, dossier.original_due_date, dossier.resets) == (
        date(2024, 5, 4),
        date(2024, 4, 26),
        1,
    )
    with pytest.raises(AppError, match="chỉ cho hẹn lại 1 lần"):
        services.apologise(
            desk["labour"], dossier, "Lý do khác", date(2024, 5, 10), at=moment(2024, 5, 2)
        )
    dossier.refresh_from_db()
    assert (
        dossier.due_date == date(2024, 5, 4) and dossier.steps.filter(kind="apology").count() == 1
    )


def test_apology_on_or_after_the_due_date_is_refused(desk):
    dossier = routed(desk, moment(2024, 4, 22, 9))
    for day in (2, 3):
        with pytest.raises(AppError, match="chậm nhất ngày 26/04/2024"):
            services.apologise(
                desk["labour"], dossier, "Chờ xác minh", date(2024, 5, 9), at=moment(2024, 5, day)
            )
    dossier.refresh_from_db()
    assert dossier.resets == 0 and dossier.due_date == date(2024, 5, 2)


def test_only_the_division_decides_and_every_step_is_signed(desk):
    dossier = routed(desk, moment(2024, 3, 4, 9))
    with pytest.raises(AppError, match="không thuộc đơn vị của bạn"):
        services.decide(desk["division"], dossier, "approved", "GPLĐ số 1", at=moment(2024, 3, 6))
    services.decide(
        desk["labour"], dossier, "approved", "GPLĐ số 94/2024", at=moment(2024, 3, 6, 14)
    )
    with pytest.raises(AppError, match="không thể ghi kết quả"):
        services.decide(desk["labour"], dossier, "approved", "lần hai", at=moment(2024, 3, 7))
    services.return_result(desk["desk"], dossier, at=moment(2024, 3, 7, 8))
    assert dossier.status == Dossier.Status.RETURNED and dossier.decided_on == date(2024, 3, 6)
    steps = list(dossier.steps.all())
    assert [s.kind for s in steps] == ["received", "routed", "decided", "returned"]
    assert all(s.by and s.at for s in steps)


def test_timeliness_counts_by_period(desk):
    early = routed(desk, moment(2024, 3, 4, 9))  # due 11/03
    services.decide(desk["labour"], early, "approved", "A", at=moment(2024, 3, 8))
    on_time = routed(desk, moment(2024, 3, 4, 9))
    services.decide(desk["labour"], on_time, "approved", "B", at=moment(2024, 3, 11))
    late = routed(desk, moment(2024, 3, 4, 9))
    services.decide(desk["labour"], late, "approved", "C", at=moment(2024, 3, 12))
    routed(desk, moment(2024, 3, 11, 9))  # due 18/03, still open: overdue at 31/03
    routed(desk, moment(2024, 3, 27, 9), channel="post")  # due 03/04: within
    received(desk, moment(2024, 3, 28, 9), channel="online")  # accepted, not routed yet: within
    carried = routed(
        desk, moment(2023, 12, 26, 9)
    )  # last quarter; due 03/01 (27, 28, 29, [1/1], 02, 03): on time
    services.decide(desk["labour"], carried, "approved", "D", at=moment(2024, 1, 3))
    result = queries.timeliness(
        Dossier.objects.all(), date(2024, 1, 1), date(2024, 3, 31), today=date(2024, 6, 1)
    )
    totals = result["totals"]
    assert {
        k: totals[k]
        for k in ("carried", "received", "online", "early", "on_time", "late", "within", "overdue")
    } == {
        "carried": 1,
        "received": 6,
        "online": 1,
        "early": 1,
        "on_time": 2,
        "late": 1,
        "within": 2,
        "overdue": 1,
    }
    assert totals["handled"] == totals["resolved"] + totals["pending"] == 7
    channels = dict(result["groups"]["channel"])
    assert channels["Qua bưu chính"]["within"] == 1 and channels["Trực tuyến"]["received"] == 1
    assert dict(result["groups"]["field"])["Việc làm - Tiền lương - An toàn lao động"]["late"] == 1
    q4 = queries.timeliness(
        Dossier.objects.all(), date(2023, 10, 1), date(2023, 12, 31), today=date(2024, 6, 1)
    )["totals"]
    assert (q4["received"], q4["within"]) == (1, 1)  # due 03/01/2024: within at 31/12


def test_district_officer_does_not_see_the_department_desk(desk):
    dossier = received(desk, moment(2024, 3, 4))
    assert not queries.dossiers_for(desk["mytu"]).filter(pk=dossier.pk).exists()
    assert queries.dossiers_for(desk["viewer"]).filter(pk=dossier.pk).exists()
    assert not services.can_receive(desk["viewer"])


def test_receipt_time_is_local(desk):
    dossier = received(desk, moment(2024, 3, 4, 23, 30), channel="online")
    assert timezone.localtime(dossier.received_at).hour == 23 and dossier.received_on == date(
        2024, 3, 4
    )
