from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied

from ansinh.core.errors import AppError
from ansinh.core.models import OrgUnit
from ansinh.indicators import demo, services
from ansinh.indicators.models import DataSet, DataValue, Indicator, Submission


@pytest.fixture
def setup(users):
    demo.load_data_sets()
    return {
        "monthly": DataSet.objects.get(code="HUYEN_THANG"),
        "my_tu": OrgUnit.objects.get(code="PLDTBXH-944"),
        "jobs": Indicator.objects.get(code="VL_GQVL"),
    }


def test_enter_submit_approve_lock_reopen(users, setup):
    entries = {(setup["jobs"], ""): D(120)}
    submission = services.save_values(
        users["mytu"], setup["monthly"], setup["my_tu"], "2024-03", entries
    )
    assert DataValue.objects.get().value == D(120) and DataValue.objects.get().unit.code == "944"
    services.submit(users["mytu"], submission)
    services.save_values(
        users["mytu"], setup["monthly"], setup["my_tu"], "2024-03", {(setup["jobs"], ""): D(121)}
    )
    submission.refresh_from_db()
    assert submission.status == Submission.Status.DRAFT  # edited after sending: must send again
    services.submit(users["mytu"], submission)
    with pytest.raises(PermissionDenied):
        services.approve(users["mytu"], submission)
    services.approve(users["leader"], submission)
    services.lock(users["leader"], submission)
    with pytest.raises(AppError, match="đã khoá; không sửa được"):
        services.save_values(
            users["mytu"],
            setup["monthly"],
            setup["my_tu"],
            "2024-03",
            {(setup["jobs"], ""): D(999)},
        )
    assert DataValue.objects.get().value == D(121)
    with pytest.raises(AppError, match="lý do"):
        services.reopen(users["leader"], submission, " ")
    services.reopen(users["leader"], submission, "Phòng LĐ-TB&XH báo sai số liệu")
    services.save_values(
        users["mytu"], setup["monthly"], setup["my_tu"], "2024-03", {(setup["jobs"], ""): D(125)}
    )
    value = DataValue.objects.get()
    assert value.value == D(125)
    assert [h.value for h in value.history.order_by("history_date")] == [D(120), D(121), D(125)]
    reasons = list(
        submission.history.order_by("history_date").values_list("history_change_reason", flat=True)
    )
    assert "Khoá kỳ báo cáo" in reasons and "Mở lại: Phòng LĐ-TB&XH báo sai số liệu" in reasons


def test_lock_period_locks_every_approved_submission(users, setup):
    submission = services.save_values(
        users["mytu"], setup["monthly"], setup["my_tu"], "2024-03", {(setup["jobs"], ""): D(1)}
    )
    services.submit(users["mytu"], submission)
    services.approve(users["leader"], submission)
    assert services.lock_period(users["leader"], "2024-03") == 1
    submission.refresh_from_db()
    assert submission.status == Submission.Status.LOCKED


def test_district_officer_reports_only_for_own_office(users, setup):
    ke_sach = OrgUnit.objects.get(code="PLDTBXH-943")
    with pytest.raises(PermissionDenied):
        services.save_values(
            users["mytu"], setup["monthly"], ke_sach, "2024-03", {(setup["jobs"], ""): D(1)}
        )
    with pytest.raises(PermissionDenied):
        services.save_values(
            users["leader"],
            setup["monthly"],
            setup["my_tu"],
            "2024-03",
            {(setup["jobs"], ""): D(1)},
        )


def test_wrong_period_kind_and_category_are_refused(users, setup):
    with pytest.raises(AppError, match="theo tháng"):
        services.save_values(
            users["mytu"], setup["monthly"], setup["my_tu"], "2024Q1", {(setup["jobs"], ""): D(1)}
        )
    training = Indicator.objects.get(code="GDNN_TUYENSINH")
    with pytest.raises(AppError, match="không có phân tổ"):
        services.save_values(
            users["mytu"],
            setup["monthly"],
            setup["my_tu"],
            "2024-03",
            {(training, "dai_hoc"): D(1)},
        )
    assert not DataValue.objects.exists()


def test_target_must_be_positive(users, setup, province):
    with pytest.raises(AppError, match="phải lớn hơn 0"):
        services.set_target(users["leader"], setup["jobs"], province, 2024, D(0))
    with pytest.raises(PermissionDenied):
        services.set_target(users["mytu"], setup["jobs"], province, 2024, D(10))
    assert services.set_target(users["leader"], setup["jobs"], province, 2024, D(28500)).value == D(
        28500
    )
