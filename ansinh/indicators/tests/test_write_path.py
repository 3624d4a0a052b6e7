"""The one write path of aggregate values: entry page, import and API all go through
services.save_values, which checks the data set named, the locks of the period and of every
period inside or around it, the reporting unit, registry-sourced indicators and writes only
the fields it was sent (issue 10, finding 1)."""

from decimal import Decimal as D

import pytest
from rest_framework.test import APIClient

from ansinh.core.errors import AppError
from ansinh.core.imports import run_import
from ansinh.core.models import OrgUnit
from ansinh.core.tests.fixtures import spreadsheet
from ansinh.core.tests.web import login
from ansinh.indicators import demo, services
from ansinh.indicators.models import DataSet, DataValue, Indicator, Submission

HEADERS = ["Mã chỉ tiêu", "Mã địa bàn", "Kỳ", "Phân tổ", "Giá trị"]


@pytest.fixture
def sets(users):
    demo.load_data_sets()
    return {
        "monthly": DataSet.objects.get(code="HUYEN_THANG"),
        "quarterly": DataSet.objects.get(code="HUYEN_QUY"),
        "my_tu": OrgUnit.objects.get(code="PLDTBXH-944"),
        "jobs": Indicator.objects.get(code="VL_GQVL"),
        "abroad": Indicator.objects.get(code="VL_XKLD"),
    }


def api_as(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def close(submission, status="locked"):
    Submission.objects.filter(pk=submission.pk).update(status=status)


def test_api_cannot_rewrite_a_month_inside_a_locked_quarter(users, sets):
    services.save_values(
        users["mytu"], sets["monthly"], sets["my_tu"], "2024-03", {(sets["jobs"], ""): D(1669)}
    )
    close(services.submission_for(sets["quarterly"], sets["my_tu"], "2024Q1"))
    payload = {
        "data_set": "HUYEN_THANG",
        "period": "2024-03",
        "values": [{"indicator": "VL_GQVL", "value": "404"}],
    }
    response = api_as(users["mytu"]).post("/api/data-values/", payload, format="json")
    assert response.status_code == 409
    assert (
        "quý I/2024" in response.json()["detail"]
        and "Số lao động được giải quyết việc làm" in response.json()["detail"]
    )
    assert DataValue.objects.get(indicator=sets["jobs"], period="2024-03").value == D(1669)


def test_a_quarter_cannot_be_written_while_a_month_inside_it_is_locked(users, sets):
    quarterly = Indicator.objects.create(
        code="TEST_QUY",
        name="Chỉ tiêu nhập theo quý",
        unit="người",
        area="labour",
        entry_level="district",
        entry_period="quarter",
    )
    sets["quarterly"].indicators.add(quarterly)
    close(services.submission_for(sets["monthly"], sets["my_tu"], "2024-02"))
    with pytest.raises(AppError, match="tháng 2/2024"):
        services.save_values(
            users["mytu"], sets["quarterly"], sets["my_tu"], "2024Q1", {(quarterly, ""): D(5)}
        )
    services.save_values(
        users["mytu"], sets["quarterly"], sets["my_tu"], "2024Q2", {(quarterly, ""): D(5)}
    )
    assert list(DataValue.objects.values_list("period", flat=True)) == ["2024Q2"]


def test_an_approved_month_of_the_same_data_set_closes_the_value(users, sets):
    close(services.submission_for(sets["monthly"], sets["my_tu"], "2024-03"), status="approved")
    rows = [["VL_GQVL", "31567", "2024-03", "", 5]]  # a commune of Mỹ Tú
    result = run_import(
        "data_values", spreadsheet(HEADERS, rows), "a.xlsx", users["mytu"], commit=True
    )
    assert "đã duyệt" in {(p.row, p.column): p.message for p in result.errors}[(2, "Kỳ")]
    assert not DataValue.objects.exists()


def test_registry_sourced_indicators_refuse_typed_values_at_every_door(client, users, sets):
    registry = Indicator.objects.get(code="BTXH_TCXH")
    assert registry.source == Indicator.Source.REGISTRY
    sets["monthly"].indicators.add(registry)  # even when an administrator puts it into a data set
    with pytest.raises(AppError, match="được tính từ sổ quản lý"):
        services.save_values(
            users["mytu"], sets["monthly"], sets["my_tu"], "2024-03", {(registry, ""): D(12345)}
        )
    payload = {
        "data_set": "HUYEN_THANG",
        "period": "2024-03",
        "values": [{"indicator": "BTXH_TCXH", "value": "12345"}],
    }
    response = api_as(users["mytu"]).post("/api/data-values/", payload, format="json")
    assert response.status_code == 409 and registry.name in response.json()["detail"]
    result = run_import(
        "data_values",
        spreadsheet(HEADERS, [["BTXH_TCXH", "944", "2024-03", "", 12345]]),
        "a.xlsx",
        users["mytu"],
        commit=True,
    )
    assert "sổ quản lý" in {(p.row, p.column): p.message for p in result.errors}[(2, "Mã chỉ tiêu")]
    login(client, users["mytu"])
    client.post(
        "/so-lieu/nhap/",
        {"data_set": "HUYEN_THANG", "period": "2024-03", f"v_{registry.pk}_": "12345"},
    )
    assert not DataValue.objects.filter(indicator=registry).exists()


def test_entry_page_writes_only_the_fields_it_was_sent(client, users, sets):
    services.save_values(
        users["mytu"],
        sets["monthly"],
        sets["my_tu"],
        "2024-05",
        {(sets["jobs"], ""): D(10), (sets["abroad"], ""): D(7)},
    )
    login(client, users["mytu"])
    response = client.post(
        "/so-lieu/nhap/",
        {"data_set": "HUYEN_THANG", "period": "2024-05", f"v_{sets['jobs'].pk}_": "12"},
    )
    assert response.status_code == 302
    values = dict(
        DataValue.objects.filter(period="2024-05").values_list("indicator__code", "value")
    )
    assert values == {"VL_GQVL": D(12), "VL_XKLD": D(7)}


def test_entry_page_saves_into_the_data_set_named_or_nowhere(client, users, sets):
    login(client, users["mytu"])
    field = {f"v_{sets['jobs'].pk}_": "12"}
    # No data set or period named: before, the first data set and the latest period were used.
    assert client.post("/so-lieu/nhap/", field).status_code == 403
    # The form names one data set, the address another.
    mixed = client.post(
        "/so-lieu/nhap/?data_set=HUYEN_QUY&period=2024Q1",
        {"data_set": "HUYEN_THANG", "period": "2024-03", **field},
    )
    assert mixed.status_code == 403
    assert not DataValue.objects.exists()


def test_api_refuses_a_data_set_the_unit_does_not_report(users, sets):
    labour = DataSet.objects.filter(
        reporter_kind=OrgUnit.Kind.DIVISION, period_kind="month"
    ).first()
    payload = {
        "data_set": labour.code,
        "period": "2024-03",
        "values": [{"indicator": labour.indicators.first().code, "value": "3"}],
    }
    response = api_as(users["admin"]).post(
        "/api/data-values/", payload | {"org_unit": "PLDTBXH-944"}, format="json"
    )
    assert response.status_code == 409 and "không báo cáo biểu" in response.json()["detail"]
    assert not DataValue.objects.exists()


def test_a_stale_data_entry_form_or_api_call_is_refused(client, users, sets):
    users["mytu"].first_name, users["mytu"].last_name = "Bình", "Lê Thị"
    users["mytu"].save()
    login(client, users["mytu"])
    url = "/so-lieu/nhap/?data_set=HUYEN_THANG&period=2024-05"
    version = client.get(url).context["version"]
    api = api_as(users["mytu"])
    payload = {
        "data_set": "HUYEN_THANG",
        "period": "2024-05",
        "values": [{"indicator": "VL_GQVL", "value": "30"}],
    }
    saved = api.post("/api/data-values/", payload | {"version": version}, format="json")
    assert saved.status_code == 200
    # The page opened before that save: refused, the form shown again, nothing overwritten.
    response = client.post(url, {"version": version, f"v_{sets['jobs'].pk}_": "25"}, follow=True)
    assert "Số liệu đã được Lê Thị Bình sửa lúc" in response.content.decode()
    assert DataValue.objects.get(indicator=sets["jobs"], period="2024-05").value == D(30)
    stale = api.post("/api/data-values/", payload | {"version": version}, format="json")
    assert stale.status_code == 409 and "hãy tải lại trang" in stale.json()["detail"]
    fresh = api.post(
        "/api/data-values/",
        {
            **payload,
            "version": saved.json()["version"],
            "values": [{"indicator": "VL_GQVL", "value": "31"}],
        },
        format="json",
    )
    assert fresh.status_code == 200 and DataValue.objects.get(
        indicator=sets["jobs"], period="2024-05"
    ).value == D(31)


@pytest.mark.django_db(transaction=True)
def test_simultaneous_approvals_of_a_submission_leave_exactly_one(users, sets):
    from django.test import Client

    from ansinh.core.tests.race import race

    submission = services.save_values(
        users["mytu"], sets["monthly"], sets["my_tu"], "2024-03", {(sets["jobs"], ""): D(5)}
    )
    services.submit(users["mytu"], submission)
    clients = []
    for _ in range(3):
        client = Client()
        login(client, users["leader"])
        clients.append(client)
    race(3, lambda i: clients[i].post(f"/so-lieu/bao-cao/{submission.pk}/duyet/", {}))
    approvals = submission.history.filter(history_change_reason="Duyệt báo cáo").count()
    assert approvals == 1
