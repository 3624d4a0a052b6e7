import pytest
from rest_framework.test import APIClient

from ansinh.core.models import AccessLog, Person

from .fixtures import PASSWORD


def api_as(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_openapi_schema_is_served(users):
    response = api_as(users["viewer"]).get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/people/",
        "/api/people/{id}/",
        "/api/units/",
        "/api/periods/{value}/",
        "/api/imports/{kind}/",
    ):
        assert path in paths


def test_token_authentication(client, users, person_in_my_tu):
    token = (
        APIClient().post("/api/token/", {"username": "mytu", "password": PASSWORD}).json()["token"]
    )
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert [p["full_name"] for p in api.get("/api/people/").json()["results"]] == ["Lâm Văn Sóc"]
    api.credentials(HTTP_AUTHORIZATION="Token wrong")
    assert api.get("/api/people/").status_code == 401


@pytest.mark.parametrize(
    "value, label, months",
    [
        ("2024Q1", "quý I/2024", ["2024-01", "2024-02", "2024-03"]),
        ("2024-03", "tháng 3/2024", ["2024-03"]),
    ],
)
def test_periods(users, value, label, months):
    data = api_as(users["viewer"]).get(f"/api/periods/{value}/").json()
    assert data["label"] == label and data["months"] == months


def test_bad_period_is_a_vietnamese_400(users):
    response = api_as(users["viewer"]).get("/api/periods/2024Q5/")
    assert response.status_code == 400 and "không hợp lệ" in response.json()["value"][0]


def test_units_filter_by_level_and_validity(users):
    api = api_as(users["viewer"])
    data = api.get("/api/units/", {"level": "district", "valid_on": "2024-03-31"}).json()
    assert data["count"] == 11
    assert (
        api.get("/api/units/", {"level": "district", "valid_on": "2025-07-01"}).json()["count"] == 0
    )
    assert api.get("/api/units/", {"valid_on": "31/03/2024"}).status_code == 400


def test_create_and_update_person(users, my_tu_commune):
    api = api_as(users["mytu"])
    response = api.post(
        "/api/people/",
        {
            "full_name": "Danh Thị Mỹ",
            "birth_date": "1970-02-03",
            "sex": "nu",
            "ethnicity": "05",
            "personal_id": "094170001234",
            "phone": "+84912345678",
            "commune": my_tu_commune.pk,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    person = Person.objects.get()
    assert (person.birth_year, person.phone) == (1970, "0912345678")
    version = api.get(f"/api/people/{person.pk}/").json()["version"]
    response = api.patch(
        f"/api/people/{person.pk}/", {"address": "Ấp Mỹ Lợi", "version": version}, format="json"
    )
    assert response.status_code == 200
    assert set(AccessLog.objects.values_list("action", flat=True)) == {
        "create",
        "view",
        "change",
    }  # the GET for the version is logged too
    assert person.history.count() == 2


def test_api_validation_errors_are_vietnamese(users, my_tu_commune):
    response = api_as(users["mytu"]).post(
        "/api/people/",
        {
            "full_name": "Danh Thị Mỹ",
            "birth_year": 1970,
            "sex": "nu",
            "personal_id": "094070001234",
            "commune": my_tu_commune.pk,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "không khớp với giới tính" in response.json()["personal_id"][0]


def test_api_duplicate_warning_needs_confirmation(users, person_in_my_tu):
    data = {
        "full_name": "Lam Van Soc",
        "birth_year": 1948,
        "sex": "nam",
        "commune": person_in_my_tu.commune_id,
    }
    api = api_as(users["mytu"])
    response = api.post("/api/people/", data, format="json")
    assert (
        response.status_code == 400
        and str(person_in_my_tu.pk) in response.json()["confirm_not_duplicate"][0]
    )
    assert (
        api.post("/api/people/", data | {"confirm_not_duplicate": True}, format="json").status_code
        == 201
    )


def test_api_has_no_delete(users, person_in_my_tu):
    assert api_as(users["admin"]).delete(f"/api/people/{person_in_my_tu.pk}/").status_code == 405
