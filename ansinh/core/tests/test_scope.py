"""A district officer sees and edits only their district, through every door."""

import io

import pytest
from openpyxl import load_workbook
from rest_framework.test import APIClient

from ansinh.core.models import Person

from .factories import PersonFactory
from .web import login


@pytest.fixture
def mytu_client(client, users):
    login(client, users["mytu"])
    return client


@pytest.fixture
def mytu_api(users):
    api = APIClient()
    api.force_authenticate(users["mytu"])
    return api


def test_page_detail_of_other_district_is_404(mytu_client, person_in_ke_sach, person_in_my_tu):
    assert mytu_client.get(f"/doi-tuong/{person_in_ke_sach.pk}/").status_code == 404
    assert mytu_client.get(f"/doi-tuong/{person_in_my_tu.pk}/").status_code == 200


def test_page_edit_and_close_of_other_district_are_404(mytu_client, person_in_ke_sach):
    assert mytu_client.get(f"/doi-tuong/{person_in_ke_sach.pk}/sua/").status_code == 404
    response = mytu_client.post(f"/doi-tuong/{person_in_ke_sach.pk}/dong/", {"reason": "thử"})
    assert response.status_code == 404
    person_in_ke_sach.refresh_from_db()
    assert person_in_ke_sach.status == Person.Status.ACTIVE


def test_list_and_search_show_only_own_district(mytu_client, person_in_ke_sach, person_in_my_tu):
    page = mytu_client.get("/doi-tuong/").content.decode()
    assert "Lâm Văn Sóc" in page and "Thạch Thị Sa Ri" not in page
    page = mytu_client.get("/doi-tuong/", {"q": "thach thi"}).content.decode()
    assert "Thạch Thị Sa Ri" not in page


def test_export_contains_only_own_district(mytu_client, person_in_ke_sach, person_in_my_tu):
    response = mytu_client.get("/doi-tuong/xuat-excel/")
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.getvalue())).active.values)
    names = [row[1] for row in rows[1:]]
    assert names == ["Lâm Văn Sóc"]


def test_create_form_refuses_other_district_commune(mytu_client, ke_sach_commune):
    response = mytu_client.post(
        "/doi-tuong/them/",
        {
            "full_name": "Danh Thị Mỹ",
            "birth_year": 1970,
            "sex": "nu",
            "ethnicity": "05",
            "commune": ke_sach_commune.pk,
        },
    )
    assert response.status_code == 200
    assert "commune" in response.context["form"].errors
    assert "lựa chọn hợp lệ" in response.content.decode()
    assert not Person.objects.filter(full_name="Danh Thị Mỹ").exists()


def test_api_retrieve_update_of_other_district_are_404(mytu_api, person_in_ke_sach):
    assert mytu_api.get(f"/api/people/{person_in_ke_sach.pk}/").status_code == 404
    assert (
        mytu_api.patch(
            f"/api/people/{person_in_ke_sach.pk}/", {"phone": "0912345678"}, format="json"
        ).status_code
        == 404
    )


def test_api_list_shows_only_own_district(mytu_api, person_in_ke_sach, person_in_my_tu):
    names = [p["full_name"] for p in mytu_api.get("/api/people/").json()["results"]]
    assert names == ["Lâm Văn Sóc"]


def test_api_create_in_other_district_is_refused(mytu_api, ke_sach_commune):
    response = mytu_api.post(
        "/api/people/",
        {
            "full_name": "Danh Thị Mỹ",
            "birth_year": 1970,
            "sex": "nu",
            "commune": ke_sach_commune.pk,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "ngoài địa bàn" in str(response.json())


def test_import_into_other_district_is_refused(mytu_client, ke_sach_commune):
    csv = (
        f"Họ và tên,Ngày sinh,Giới tính,Mã xã/phường\nDanh Văn Tư,1970,Nam,{ke_sach_commune.code}\n"
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = mytu_client.post(
        "/nhap-du-lieu/people/", {"file": SimpleUploadedFile("a.csv", csv.encode())}
    )
    errors = response.context["result"].errors
    assert [(e.row, e.column) for e in errors] == [(2, "Mã xã/phường")]
    assert (
        "nằm ngoài địa bàn" in errors[0].message
        and "nằm ngoài địa bàn" in response.content.decode()
    )
    assert not Person.objects.filter(full_name="Danh Văn Tư").exists()


def test_leader_reads_everything_but_cannot_edit(client, users, person_in_ke_sach, person_in_my_tu):
    login(client, users["leader"])
    assert client.get(f"/doi-tuong/{person_in_ke_sach.pk}/").status_code == 200
    assert client.get(f"/doi-tuong/{person_in_ke_sach.pk}/sua/").status_code == 403
    assert client.get("/doi-tuong/them/").status_code == 403


def test_viewer_cannot_write_through_the_api(users, person_in_my_tu):
    api = APIClient()
    api.force_authenticate(users["viewer"])
    assert (
        api.get(f"/api/people/{person_in_my_tu.pk}/").status_code == 403
    )  # need to know: counts only
    assert (
        api.patch(
            f"/api/people/{person_in_my_tu.pk}/", {"phone": "0912345678"}, format="json"
        ).status_code
        == 403
    )


def test_viewer_cannot_export_personal_data(client, users, person_in_my_tu):
    login(client, users["viewer"])
    assert client.get("/doi-tuong/xuat-excel/").status_code == 403


def test_account_without_unit_sees_nothing(client, db, person_in_my_tu):
    from django.contrib.auth.models import User

    from ansinh.core.models import Profile

    lost = User.objects.create_user("lost", password="x")
    Profile.objects.create(user=lost, role="viewer")
    login(client, lost)
    assert (
        client.get(f"/doi-tuong/{person_in_my_tu.pk}/").status_code == 403
    )  # no area: counts only
    assert "Lâm Văn Sóc" not in client.get("/doi-tuong/").content.decode()


def test_anonymous_is_sent_to_login_and_api_refuses(client, person_in_my_tu):
    response = client.get(f"/doi-tuong/{person_in_my_tu.pk}/")
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
    assert APIClient().get("/api/people/").status_code in (401, 403)


def test_division_officer_edits_across_the_province(
    client, users, person_in_ke_sach, person_in_my_tu
):
    login(client, users["division"])
    for person in (person_in_ke_sach, person_in_my_tu):
        assert client.get(f"/doi-tuong/{person.pk}/sua/").status_code == 200
    PersonFactory(commune=person_in_ke_sach.commune, full_name="Kim Thị Na", sex="nu")
    assert client.get("/doi-tuong/", {"q": "kim thi na"}).content.decode().count("Kim Thị Na") == 1
