"""A merit record moved to another commune of the province (issue 10, finding 2): within the
district it moves now; into another district it waits until that district accepts it."""

import pytest

from ansinh.core.concurrency import version_of
from ansinh.core.models import AdminUnit, DistrictTransfer
from ansinh.core.tests.web import login

from .helpers import paying_record

pytestmark = pytest.mark.usefixtures("merit")


def move(client, record, commune, reason="Về ở với con"):
    return client.post(
        f"/nguoi-co-cong/ho-so/{record.pk}/chuyen-xa/",
        {"version": version_of(record), "commune": commune.pk, "reason": reason},
        follow=True,
    )


def test_a_move_into_another_district_waits_for_the_receiving_district(
    client, users, my_tu_commune, ke_sach_commune
):
    record = paying_record(my_tu_commune, "CDHH", 30, full_name="Huỳnh Thị Mai", sex="nu")
    login(client, users["mytu"])
    page = move(client, record, ke_sach_commune).content.decode()
    assert "Đã gửi đề nghị chuyển hồ sơ đến" in page and "Chờ nơi đến tiếp nhận".lower() in page
    record.refresh_from_db()
    assert record.commune == my_tu_commune and record.person.commune == my_tu_commune
    transfer = DistrictTransfer.objects.get()
    assert transfer.area == "merit" and "Huỳnh Thị Mai" in transfer.label
    assert client.post(f"/chuyen-dia-ban/{transfer.pk}/tiep-nhan/", {}).status_code == 403
    login(client, users["kesach"])
    assert client.get(f"/nguoi-co-cong/ho-so/{record.pk}/").status_code == 404  # not Kế Sách's yet
    assert "Huỳnh Thị Mai" in client.get("/chuyen-dia-ban/").content.decode()
    client.post(f"/chuyen-dia-ban/{transfer.pk}/tiep-nhan/", {})
    record.refresh_from_db()
    assert record.commune == ke_sach_commune and record.person.commune == ke_sach_commune
    assert client.get(f"/nguoi-co-cong/ho-so/{record.pk}/").status_code == 200
    reason = record.history.order_by("-history_id").first().history_change_reason
    assert (
        reason.startswith(f"Chuyển từ {my_tu_commune} đến {ke_sach_commune}")
        and "tiếp nhận" in reason
    )


def test_within_the_district_the_record_moves_at_once_and_a_stale_page_is_refused(
    client, users, my_tu_commune
):
    other = (
        AdminUnit.objects.filter(level="commune", parent=my_tu_commune.parent, valid_from=None)
        .exclude(pk=my_tu_commune.pk)
        .first()
    )
    record = paying_record(my_tu_commune, "CDHH", 30)
    login(client, users["mytu"])
    stale = version_of(record)
    page = move(client, record, other).content.decode()
    assert f"Đã chuyển hồ sơ đến {other}" in page
    record.refresh_from_db()
    assert record.commune == other and not DistrictTransfer.objects.exists()
    again = client.post(
        f"/nguoi-co-cong/ho-so/{record.pk}/chuyen-xa/",
        {"version": stale, "commune": my_tu_commune.pk, "reason": "nhầm"},
        follow=True,
    ).content.decode()
    assert "hãy tải lại trang" in again
    record.refresh_from_db()
    assert record.commune == other


def test_a_district_officer_cannot_move_another_districts_record(
    client, users, ke_sach_commune, my_tu_commune
):
    record = paying_record(ke_sach_commune, "CDHH", 30)
    login(client, users["mytu"])
    assert move(client, record, my_tu_commune).status_code == 404
    record.refresh_from_db()
    assert record.commune == ke_sach_commune and not DistrictTransfer.objects.exists()
