"""Issue 10, finding 2 (need to know): desk, inspection and viewer accounts see counts of the
welfare and merit registries, never lists, record pages, exports or API rows with names."""

import pytest
from rest_framework.test import APIClient

from ansinh.core import scope
from ansinh.core.tests.factories import PersonFactory, UserFactory
from ansinh.core.tests.web import login

ALL = {"labour", "vocational", "merit", "welfare", "social_evils", "inspection"}
NAMED_DOORS = [
    "/doi-tuong/",
    "/doi-tuong/xuat-excel/",
    "/bao-tro/ho-so/",
    "/bao-tro/ho-tro/",
    "/bao-tro/cham-soc/",
    "/bao-tro/trung-tam/",
    "/bao-tro/tre-em/",
    "/bao-tro/xuat/cham-soc/",
    "/nguoi-co-cong/ho-so/",
    "/nguoi-co-cong/ho-so/xuat.xlsx",
    "/nguoi-co-cong/quyet-dinh/",
    "/nguoi-co-cong/thu-hoi/",
]
API_DOORS = [
    "/api/people/",
    "/api/welfare/cases/",
    "/api/welfare/supports/",
    "/api/welfare/caregivers/",
    "/api/welfare/residents/",
    "/api/merit/records/",
    "/api/merit/decisions/",
]


@pytest.fixture
def everyone(desk_users):
    return desk_users | {
        "merit": UserFactory(username="ncc", role="division_officer", unit_code="SLDTBXH94-NCC")
    }


def test_areas_of_each_account(everyone):
    areas = {name: scope.areas_of(user) for name, user in everyone.items()}
    assert (
        areas["desk"] == set() and areas["viewer"] == set() and areas["inspector"] == {"inspection"}
    )
    assert (
        areas["division"] == {"welfare"}
        and areas["merit"] == {"merit"}
        and areas["labour"] == {"labour"}
    )
    assert areas["mytu"] == areas["kesach"] == areas["leader"] == areas["admin"] == ALL


@pytest.mark.parametrize("who", ["desk", "inspector", "viewer"])
def test_desk_inspection_and_viewer_get_403_on_every_named_door(
    client, everyone, my_tu_commune, who
):
    PersonFactory(commune=my_tu_commune, full_name="Lâm Văn Sóc")
    login(client, everyone[who])
    for url in NAMED_DOORS:
        response = client.get(url, {"period": "2024Q1"} if "ho-tro" in url else {})
        assert response.status_code == 403, url
        assert "số liệu tổng hợp" in response.content.decode(), url
        assert "Lâm Văn Sóc" not in response.content.decode()
    api = APIClient()
    api.force_authenticate(everyone[who])
    for url in API_DOORS:
        response = api.get(url)
        assert response.status_code == 403 and "số liệu tổng hợp" in response.json()["detail"], url


@pytest.mark.parametrize("who", ["desk", "inspector", "viewer"])
def test_they_still_see_counts_and_the_menu_offers_no_named_lists(
    client, everyone, my_tu_commune, who
):
    PersonFactory(commune=my_tu_commune, full_name="Lâm Văn Sóc")
    login(client, everyone[who])
    home = client.get("/")
    assert home.status_code == 200 and home.context["people_active"] == 1
    page = home.content.decode()
    assert 'href="/doi-tuong/"' not in page and 'href="/bao-tro/ho-so/"' not in page
    for url in ("/chi-tieu/", "/bao-cao/da-lap/", "/linh-vuc/welfare/", "/linh-vuc/merit/"):
        assert client.get(url).status_code == 200, url
    welfare = client.get("/linh-vuc/welfare/").content.decode()
    assert 'href="/bao-tro/ho-so/"' not in welfare and "chỉ xem số liệu tổng hợp" in welfare


def test_division_officer_sees_its_own_area_only_and_district_officer_every_area(
    client, everyone, my_tu_commune
):
    PersonFactory(commune=my_tu_commune, full_name="Lâm Văn Sóc")
    login(client, everyone["division"])  # social protection division
    assert (
        client.get("/bao-tro/ho-so/").status_code == 200
        and client.get("/doi-tuong/").status_code == 200
    )
    assert client.get("/nguoi-co-cong/ho-so/").status_code == 403
    assert 'href="/bao-tro/ho-so/"' in client.get("/").content.decode()
    login(client, everyone["merit"])
    assert (
        client.get("/nguoi-co-cong/ho-so/").status_code == 200
        and client.get("/bao-tro/ho-so/").status_code == 403
    )
    login(client, everyone["mytu"])
    for url in ("/bao-tro/ho-so/", "/nguoi-co-cong/ho-so/", "/doi-tuong/"):
        assert client.get(url).status_code == 200, url
    assert "Lâm Văn Sóc" in client.get("/doi-tuong/").content.decode()


def test_counts_only_accounts_cannot_import_into_the_people_registry(everyone):
    from ansinh.core.imports import run_import
    from ansinh.core.tests.fixtures import spreadsheet

    result = run_import(
        "people", spreadsheet(["Họ và tên"], [["Lâm Văn Sóc"]]), "p.xlsx", everyone["desk"]
    )
    assert [p.message for p in result.errors] == [
        "Tài khoản của bạn chỉ xem số liệu tổng hợp; không nhập vào sổ đối tượng."
    ]
