from rest_framework.test import APIClient

from ansinh.indicators import demo
from ansinh.indicators.models import DataValue, Submission


def api_as(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_post_values_then_read_figures(users):
    demo.load_data_sets()
    api = api_as(users["mytu"])
    payload = {
        "data_set": "HUYEN_THANG",
        "period": "2024-05",
        "submit": True,
        "values": [
            {"indicator": "VL_GQVL", "value": "1.250"},
            {"indicator": "GDNN_TUYENSINH", "category": "so_cap", "value": 40},
        ],
    }
    response = api.post("/api/data-values/", payload, format="json")
    body = response.json()
    assert (
        response.status_code == 200
        and (body["status"], body["saved"]) == ("submitted", 2)
        and body["version"] > 0
    )
    assert DataValue.objects.get(indicator__code="VL_GQVL").value == 1250
    figures = (
        api_as(users["leader"])
        .get("/api/figures/", {"period": "2024Q2", "codes": "VL_GQVL"})
        .json()
    )
    assert figures["figures"]["VL_GQVL"]["total"] == "1250" and figures["figures"]["VL_GQVL"][
        "by_district"
    ] == {"944": "1250"}
    mine = api.get("/api/figures/", {"period": "2024Q2", "codes": "VL_GQVL"}).json()
    assert mine["unit"] == "944"
    assert api.get("/api/figures/", {"period": "2024Q2", "unit": "94"}).json()["unit"] == "944"


def test_bad_values_are_refused_whole(users):
    demo.load_data_sets()
    payload = {
        "data_set": "HUYEN_THANG",
        "period": "2024-05",
        "values": [
            {"indicator": "VL_GQVL", "value": "12"},
            {"indicator": "VL_XKLD", "value": "-1"},
            {"indicator": "NCC_MAITANG", "value": "1"},
        ],
    }
    response = api_as(users["mytu"]).post("/api/data-values/", payload, format="json")
    assert response.status_code == 400
    body = response.json()
    assert (
        "không được âm" in body["values[1].value"][0]
        and "không thuộc biểu" in body["values[2].indicator"][0]
    )
    assert not DataValue.objects.exists()


def test_locked_period_is_a_conflict_and_other_units_are_forbidden(users):
    demo.load_data_sets()
    api = api_as(users["mytu"])
    payload = {
        "data_set": "HUYEN_THANG",
        "period": "2024-05",
        "submit": True,
        "values": [{"indicator": "VL_GQVL", "value": "1"}],
    }
    api.post("/api/data-values/", payload, format="json")
    submission = Submission.objects.get()
    submission.status = "locked"
    submission.save()
    response = api.post("/api/data-values/", payload, format="json")
    assert response.status_code == 409 and "đã khoá" in response.json()["detail"]
    assert (
        api.post(
            "/api/data-values/", payload | {"org_unit": "PLDTBXH-943"}, format="json"
        ).status_code
        == 403
    )
