"""A change posted from a merit record page opened before someone else changed the record is
refused, names who changed it and when, and writes nothing (issue 10, finding 3)."""

import pytest

from ansinh.core.tests.web import login

from .helpers import paying_record

pytestmark = pytest.mark.usefixtures("merit")


def test_a_change_from_a_stale_record_page_is_refused(client, users, ncc, ke_sach_commune):
    record = paying_record(ke_sach_commune, "TB_A", 61, full_name="Kim Văn Kế Sách")
    login(client, "ncc")
    version = client.get(f"/nguoi-co-cong/ho-so/{record.pk}/").context["version"]
    users["leader"].first_name, users["leader"].last_name = "Dũng", "Võ Minh"
    users["leader"].save()
    record._history_user, record._change_reason = users["leader"], "Cập nhật"
    record.save()  # someone else changed the record after the page was opened
    form = {"date": "2024-01-10", "rate": "65", "council": "Hội đồng GĐYK tỉnh", "minutes": "BB-8"}
    response = client.post(
        f"/nguoi-co-cong/ho-so/{record.pk}/giam-dinh/", form | {"version": version}, follow=True
    )
    assert "Hồ sơ đã được Võ Minh Dũng sửa lúc" in response.content.decode()
    assert record.assessments.count() == 1
    fresh = client.get(f"/nguoi-co-cong/ho-so/{record.pk}/").context["version"]
    client.post(f"/nguoi-co-cong/ho-so/{record.pk}/giam-dinh/", form | {"version": fresh})
    assert record.assessments.count() == 2
