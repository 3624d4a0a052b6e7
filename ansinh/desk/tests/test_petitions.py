"""Citizen reception and petitions: legal limits as data, a denouncer's identity behind one door."""

from datetime import date

import pytest

from ansinh.core.errors import AppError
from ansinh.core.models import AccessLog
from ansinh.core.tests.web import login
from ansinh.desk import services
from ansinh.desk.models import Denouncer, Petition, PetitionLimit

pytestmark = pytest.mark.django_db


def petition(kind="to_cao", **fields):
    values = {
        "kind": kind,
        "field": "labour",
        "source": "post",
        "received_on": date(2024, 2, 19),
        "summary": "Tố cáo sử dụng lao động chưa thành niên",
    }
    return Petition(**(values | fields))


def test_denunciation_identity_is_kept_apart(desk):
    created = services.register_petition(
        desk["inspector"],
        petition(petitioner_name="lọt vào đây"),
        {"full_name": "Nguyễn Thị Bảo Mật", "phone": "0912345678"},
    )
    assert created.number == "001/2024" and created.petitioner_name == ""
    assert Denouncer.objects.get(petition=created).full_name == "Nguyễn Thị Bảo Mật"
    assert created.due_date == date(2024, 3, 20)  # 30 days after 19/02 is Wednesday 20/03


def test_denunciation_without_identity_is_refused(desk):
    with pytest.raises(AppError, match="họ tên người tố cáo"):
        services.register_petition(desk["inspector"], petition(), {})
    assert not Petition.objects.exists()


def test_only_the_inspection_registers_petitions(desk):
    with pytest.raises(AppError, match="Thanh tra Sở"):
        services.register_petition(
            desk["leader"], petition("kien_nghi", petitioner_name="Trần Văn A")
        )


def test_due_date_follows_the_limit_in_force(desk):
    PetitionLimit.objects.create(
        kind="kien_nghi",
        days=15,
        day_kind="working",
        valid_from=date(2024, 3, 1),
        citation="Quy định mới (thử)",
    )
    before = services.register_petition(
        desk["inspector"], petition("kien_nghi", petitioner_name="A", received_on=date(2024, 2, 7))
    )
    after = services.register_petition(
        desk["inspector"], petition("kien_nghi", petitioner_name="B", received_on=date(2024, 3, 1))
    )
    assert before.due_date == date(
        2024, 2, 28
    )  # 10 working days after Wednesday 07/02: [Tết], 15, 16, 19–23, 26, 27, 28
    assert after.due_date == date(
        2024, 3, 22
    )  # 15 working days after Friday 01/03: 04–08, 11–15, 18–22


def test_closing_a_petition(desk):
    created = services.register_petition(
        desk["inspector"], petition("kien_nghi", petitioner_name="Trần Văn A")
    )
    with pytest.raises(AppError, match="cơ quan có thẩm quyền"):
        services.close_petition(desk["inspector"], created, "forwarded", date(2024, 2, 26))
    with pytest.raises(AppError, match="từ ngày nhận đơn"):
        services.close_petition(
            desk["inspector"], created, "forwarded", date(2024, 2, 1), forwarded_to="UBND huyện"
        )
    services.close_petition(
        desk["inspector"], created, "forwarded", date(2024, 2, 26), forwarded_to="Công an tỉnh"
    )
    with pytest.raises(AppError, match="đã kết thúc"):
        services.close_petition(
            desk["inspector"], created, "resolved", date(2024, 2, 27), result="x"
        )


@pytest.mark.parametrize(
    "who, sees",
    [
        ("inspector", True),
        ("leader", False),
        ("admin", False),
        ("viewer", False),
        ("labour", False),
    ],
)
def test_only_the_inspection_role_sees_a_denouncer_and_each_view_is_logged(client, desk, who, sees):
    created = services.register_petition(
        desk["inspector"], petition(), {"full_name": "Nguyễn Thị Bảo Mật"}
    )
    login(client, desk[who].username)
    for _ in range(2):
        page = client.get(f"/thanh-tra/don-thu/{created.pk}/").content.decode()
        assert ("Nguyễn Thị Bảo Mật" in page) is sees
    listing = client.get("/thanh-tra/don-thu/?period=2024Q1").content.decode()
    assert "Nguyễn Thị Bảo Mật" not in listing and "Được bảo mật" in listing
    logged = AccessLog.objects.filter(
        object_label__startswith="Danh tính người tố cáo", user=desk[who]
    ).count()
    assert logged == (2 if sees else 0)


def test_petition_form_and_reception_log_pages(client, desk):
    login(client, "thanhtra")
    response = client.post(
        "/thanh-tra/don-thu/",
        {
            "kind": "to_cao",
            "field": "labour",
            "source": "direct",
            "received_on": "2024-03-01",
            "summary": "Nội dung",
        },
    )
    assert (
        "phải ghi họ tên người tố cáo" in response.content.decode()
        and not Petition.objects.exists()
    )
    response = client.post(
        "/thanh-tra/tiep-cong-dan/",
        {
            "received_on": "2024-03-05",
            "citizen_name": "Danh Văn Út",
            "headcount": 2,
            "field": "labour",
            "content": "Hỏi bảo hiểm thất nghiệp",
            "answer": "Hướng dẫn",
        },
    )
    assert response.status_code == 302
    page = client.get("/thanh-tra/tiep-cong-dan/?period=2024Q1").content.decode()
    assert '<span id="citizens">2</span>' in page and "Danh Văn Út" in page
    client.logout()
    login(client, "vieclam")
    assert (
        client.post("/thanh-tra/tiep-cong-dan/", {"received_on": "2024-03-05"}).status_code == 403
    )
