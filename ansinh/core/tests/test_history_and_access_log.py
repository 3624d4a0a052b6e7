from datetime import date

import pytest
from rest_framework.test import APIClient

from ansinh.core.concurrency import version_of
from ansinh.core.models import AccessLog, Person
from ansinh.core.tests.web import login


def test_edit_keeps_history_with_who_when_before_after(client, users, person_in_my_tu):
    login(client, users["mytu"])
    response = client.post(
        f"/doi-tuong/{person_in_my_tu.pk}/sua/",
        {
            "full_name": "Lâm Văn Sóc",
            "birth_year": 1948,
            "sex": "nam",
            "ethnicity": "05",
            "commune": person_in_my_tu.commune_id,
            "phone": "0912 345 678",
            "reason": "Bổ sung số điện thoại",
            "version": version_of(person_in_my_tu),
        },
    )
    assert response.status_code == 302
    latest = person_in_my_tu.history.first()
    assert latest.history_user == users["mytu"]
    assert latest.history_change_reason == "Bổ sung số điện thoại"
    changes = {c.field: (c.old, c.new) for c in latest.diff_against(latest.prev_record).changes}
    assert changes["phone"] == ("", "0912345678")
    assert changes["ethnicity"] == ("01", "05")
    page = client.get(f"/doi-tuong/{person_in_my_tu.pk}/").content.decode()
    assert "Bổ sung số điện thoại" in page and "0912345678" in page


def test_people_are_never_hard_deleted(person_in_my_tu):
    with pytest.raises(PermissionError, match="Không được xoá"):
        person_in_my_tu.delete()
    with pytest.raises(PermissionError):
        Person.objects.all().delete()
    assert Person.objects.count() == 1


def test_close_keeps_the_record_with_its_reason(client, users, person_in_my_tu):
    login(client, users["mytu"])
    response = client.post(f"/doi-tuong/{person_in_my_tu.pk}/dong/", {"reason": ""})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    assert "Trường này là bắt buộc." in response.content.decode()
    client.post(f"/doi-tuong/{person_in_my_tu.pk}/dong/", {"reason": "Chuyển đi tỉnh khác"})
    person_in_my_tu.refresh_from_db()
    assert (person_in_my_tu.status, person_in_my_tu.closed_reason) == (
        "closed",
        "Chuyển đi tỉnh khác",
    )
    assert (
        person_in_my_tu.history.first().history_change_reason == "Đóng hồ sơ: Chuyển đi tỉnh khác"
    )
    assert AccessLog.objects.filter(action="close", person=person_in_my_tu).exists()


def test_viewing_a_person_on_the_page_and_the_api_is_logged(client, users, person_in_my_tu):
    login(client, users["mytu"])
    client.get(f"/doi-tuong/{person_in_my_tu.pk}/")
    api = APIClient()
    api.force_authenticate(users["leader"])
    api.get(f"/api/people/{person_in_my_tu.pk}/")
    views = AccessLog.objects.filter(action="view", person=person_in_my_tu).order_by("at")
    assert [(v.user.username, v.channel) for v in views] == [("mytu", "web"), ("lanhdao", "api")]
    assert views[0].ip == "127.0.0.1" and views[0].path == f"/doi-tuong/{person_in_my_tu.pk}/"


def test_export_is_logged(client, users, person_in_my_tu):
    login(client, users["mytu"])
    client.get("/doi-tuong/xuat-excel/")
    entry = AccessLog.objects.get(action="export")
    assert entry.user == users["mytu"] and entry.detail == "1 bản ghi"


def test_export_neutralises_formula_cells(client, users, my_tu_commune):
    import io

    from openpyxl import load_workbook

    from .factories import PersonFactory

    PersonFactory(commune=my_tu_commune, full_name="Lê Văn Tư", address='=HYPERLINK("http://x")')
    login(client, users["mytu"])
    sheet = load_workbook(io.BytesIO(client.get("/doi-tuong/xuat-excel/").getvalue())).active
    addresses = [row[7] for row in sheet.values][1:]
    assert addresses == ['\'=HYPERLINK("http://x")']


def test_leaders_browse_access_log_and_history_others_cannot(client, users, person_in_my_tu):
    login(client, users["mytu"])
    client.get(f"/doi-tuong/{person_in_my_tu.pk}/")
    assert client.get("/kiem-soat/nhat-ky-truy-cap/").status_code == 403
    assert client.get("/kiem-soat/lich-su-thay-doi/").status_code == 403
    login(client, users["leader"])
    page = client.get("/kiem-soat/nhat-ky-truy-cap/", {"user": "mytu"}).content.decode()
    assert "Lâm Văn Sóc" in page and "mytu" in page
    assert "Lâm Văn Sóc" in client.get("/kiem-soat/lich-su-thay-doi/").content.decode()
    assert (
        "Nhật ký truy cập gần đây"
        in client.get(f"/doi-tuong/{person_in_my_tu.pk}/").content.decode()
    )


def test_unit_changes_keep_history(soc_trang):
    from ansinh.core.models import AdminUnit

    unit = AdminUnit.objects.get(level="district", code="944")
    unit.name = "Huyện Mỹ Tú (sửa)"
    unit.save()
    assert unit.history.count() == 2
    assert unit.history.first().name == "Huyện Mỹ Tú (sửa)"
    assert unit.history.last().name == "Huyện Mỹ Tú"
    assert unit.valid_to == date(2025, 6, 30)
