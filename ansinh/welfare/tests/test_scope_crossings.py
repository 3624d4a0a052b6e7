"""Issue 10, finding 2: the district line holds for every object a request names (welfare side)."""

from datetime import date

import pytest

from ansinh.core import scope
from ansinh.core.errors import AppError
from ansinh.core.imports import run_import
from ansinh.core.models import OrgUnit
from ansinh.core.tests.factories import PersonFactory
from ansinh.core.tests.fixtures import spreadsheet
from ansinh.core.tests.web import login
from ansinh.welfare import services
from ansinh.welfare.models import Resident

NEUTRAL = "Không tìm thấy hoặc ngoài phạm vi quản lý của bạn."


@pytest.fixture
def centre(soc_trang):
    return OrgUnit.objects.get(code="SLDTBXH94-TTBTXH")


@pytest.fixture
def stays(users, centre, my_tu_commune, ke_sach_commune):
    def stay(commune, name):
        return services.admit(
            users["admin"],
            Resident(
                person=PersonFactory(commune=commune, full_name=name, birth_year=1940),
                centre=centre,
                category="nguoi_gia",
                admitted=date(2024, 1, 5),
            ),
        )

    return {"mine": stay(my_tu_commune, "Cụ Mỹ Tú"), "other": stay(ke_sach_commune, "Cụ Kế Sách")}


def test_centre_page_lists_and_discharges_only_the_district_residents(client, users, stays):
    login(client, users["mytu"])
    page = client.get("/bao-tro/trung-tam/").content.decode()
    assert "Cụ Mỹ Tú" in page and "Cụ Kế Sách" not in page
    response = client.post(
        "/bao-tro/trung-tam/",
        {
            "action": "discharge",
            "resident": stays["other"].pk,
            "day": "2024-03-01",
            "reason": "Về nhà",
        },
    )
    assert response.status_code == 404
    stays["other"].refresh_from_db()
    assert stays["other"].discharged is None
    client.post(
        "/bao-tro/trung-tam/",
        {
            "action": "discharge",
            "resident": stays["mine"].pk,
            "day": "2024-03-01",
            "reason": "Về nhà",
        },
    )
    stays["mine"].refresh_from_db()
    assert stays["mine"].discharged == date(2024, 3, 1)
    login(client, users["admin"])
    page = client.get("/bao-tro/trung-tam/").content.decode()
    assert "Cụ Kế Sách" in page


def test_discharge_service_refuses_a_resident_of_another_district(users, stays):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.discharge(users["mytu"], stays["other"], date(2024, 3, 1), "Về nhà")


def test_person_lookup_field_answers_alike_for_missing_and_out_of_scope(
    users, welfare, ke_sach_commune
):
    from ansinh.welfare.forms import CaseForm

    PersonFactory(
        commune=ke_sach_commune, full_name="Kim Thị Na", birth_year=1935, personal_id="094135005555"
    )
    errors = []
    for typed in ("094135005555", "094135009999"):  # exists in Kế Sách / exists nowhere
        form = CaseForm({"personal_id_or_pk": typed}, user=users["mytu"])
        form.is_valid()
        errors.append(form.errors["personal_id_or_pk"])
    assert errors[0] == errors[1] == [NEUTRAL]


WELFARE_HEADERS = [
    "Số định danh cá nhân",
    "Nhóm đối tượng",
    "Mức độ khuyết tật",
    "Số quyết định",
    "Ngày quyết định",
    "Hưởng từ tháng",
    "Hình thức chi trả",
    "Số tài khoản",
]


def test_import_errors_never_name_or_confirm_a_person_outside_scope(
    users, welfare, ke_sach_commune
):
    PersonFactory(
        commune=ke_sach_commune,
        full_name="Kim Thị Na",
        birth_year=1935,
        personal_id="094135005555",
        death_date=date(2023, 1, 1),
    )
    rows = [
        ["094135005555", "ND20-5.5a", "", "1/QĐ", "15/01/2024", "01/2024", "", ""],  # Kế Sách, dead
        ["094135009999", "ND20-5.5a", "", "2/QĐ", "15/01/2024", "01/2024", "", ""],
    ]  # nobody
    result = run_import(
        "welfare_cases", spreadsheet(WELFARE_HEADERS, rows), "x.xlsx", users["mytu"]
    )
    messages = [(p.row, p.column, p.message) for p in result.errors]
    assert messages == [(2, "Số định danh cá nhân", NEUTRAL), (3, "Số định danh cá nhân", NEUTRAL)]
    assert "Kim Thị Na" not in str(result.as_dict())


def test_people_import_does_not_tell_who_holds_an_id_of_another_district(
    users, ke_sach_commune, my_tu_commune
):
    from ansinh.core.importers import PersonImporter as PeopleImporter

    PersonFactory(
        commune=ke_sach_commune,
        full_name="Kim Thị Na",
        sex="nu",
        birth_year=1935,
        personal_id="094135005555",
        death_date=date(2023, 1, 1),
    )
    headers = [c.header for c in PeopleImporter.columns]
    row = {c.name: "" for c in PeopleImporter.columns} | {
        "full_name": "Lâm Văn Mới",
        "birth": "1935",
        "sex": "Nữ",
        "personal_id": "094135005555",
        "commune_code": my_tu_commune.code,
    }
    result = run_import(
        "people",
        spreadsheet(headers, [[row[c.name] for c in PeopleImporter.columns]]),
        "p.xlsx",
        users["mytu"],
    )
    text = str(result.as_dict())
    assert NEUTRAL in text and "đã mất" not in text and "Kim Thị Na" not in text
    assert scope.OUT_OF_REACH == NEUTRAL


def _other_commune_of(commune):
    from ansinh.core.models import AdminUnit

    return (
        AdminUnit.objects.filter(level="commune", parent=commune.parent, valid_from=None)
        .exclude(pk=commune.pk)
        .first()
    )


def test_move_into_another_district_waits_for_the_receiving_district(
    client, users, welfare, my_tu_commune, ke_sach_commune
):
    from ansinh.core import services as core_services
    from ansinh.core.models import DistrictTransfer

    from .test_payroll import new_case

    case = new_case(users["admin"], my_tu_commune)
    transfer = services.move(users["mytu"], case, ke_sach_commune, "Về ở với con")
    case.refresh_from_db()
    assert (
        transfer.status == "pending"
        and case.commune == my_tu_commune
        and case.person.commune == my_tu_commune
    )
    with pytest.raises(AppError, match="đang chờ"):
        services.move(users["mytu"], case, ke_sach_commune, "lần nữa")
    # both sides see it; only the receiving side decides
    for name in ("mytu", "kesach"):
        login(client, users[name])
        assert "Lâm Thị Bảy" in client.get("/chuyen-dia-ban/").content.decode()
    login(client, users["mytu"])
    assert client.post(f"/chuyen-dia-ban/{transfer.pk}/tiep-nhan/", {}).status_code == 403
    assert (
        client.get(f"/bao-tro/ho-so/{case.pk}/").status_code == 200
    )  # still Mỹ Tú's until accepted
    login(client, users["kesach"])
    assert client.get(f"/bao-tro/ho-so/{case.pk}/").status_code == 404
    response = client.post(f"/chuyen-dia-ban/{transfer.pk}/tiep-nhan/", {}, follow=True)
    assert "Đã tiếp nhận" in response.content.decode()
    case.refresh_from_db()
    assert case.commune == ke_sach_commune and case.person.commune == ke_sach_commune
    assert client.get(f"/bao-tro/ho-so/{case.pk}/").status_code == 200
    # exactly once: a second accept or a late refusal changes nothing and says why
    again = client.post(
        f"/chuyen-dia-ban/{transfer.pk}/tu-choi/", {"note": "muộn"}, follow=True
    ).content.decode()
    assert "đã được xử lý trước đó" in again
    with pytest.raises(AppError, match="đã được xử lý"):
        core_services.accept_transfer(users["kesach"], transfer)
    assert DistrictTransfer.objects.get().status == "accepted"


def test_refused_transfer_leaves_the_case_and_within_a_district_a_move_is_an_edit(
    users, welfare, my_tu_commune, ke_sach_commune
):
    from ansinh.core import services as core_services

    from .test_payroll import new_case

    case = new_case(users["admin"], my_tu_commune)
    transfer = services.move(users["mytu"], case, ke_sach_commune, "Về ở với con")
    with pytest.raises(AppError, match="lý do"):
        core_services.refuse_transfer(users["kesach"], transfer, " ")
    core_services.refuse_transfer(users["kesach"], transfer, "Không có người nhận")
    case.refresh_from_db()
    assert case.commune == my_tu_commune
    neighbour = _other_commune_of(my_tu_commune)
    assert services.move(users["mytu"], case, neighbour, "Đổi nơi ở") is None
    case.refresh_from_db()
    assert case.commune == neighbour
    assert (
        services.move(users["admin"], case, ke_sach_commune, "Tỉnh chuyển") is None
    )  # province staff move directly
    case.refresh_from_db()
    assert case.commune == ke_sach_commune


def test_caregiver_service_refuses_a_ward_of_another_district(
    users, welfare, my_tu_commune, ke_sach_commune
):
    from ansinh.welfare.models import Caregiver

    carer = PersonFactory(
        commune=my_tu_commune, full_name="Lâm Thị Nuôi", sex="nu", birth_year=1970
    )
    ward = PersonFactory(commune=ke_sach_commune, full_name="Bé Kế Sách", birth_year=2020)
    record = Caregiver(
        caregiver=carer,
        ward=ward,
        commune=carer.commune,
        kind="foster_child",
        decision_number="1/QĐ",
        decision_date=date(2024, 1, 5),
        start_month=date(2024, 1, 1),
    )
    with pytest.raises(AppError, match=NEUTRAL):
        services.register_caregiver(users["mytu"], record)
    assert not Caregiver.objects.exists()


def test_transfers_are_listed_to_both_districts_and_only_for_named_areas(
    client, users, welfare, my_tu_commune, ke_sach_commune
):
    from ansinh.core import services as core_services
    from ansinh.core.models import DistrictTransfer
    from ansinh.core.tests.factories import UserFactory

    from .test_payroll import new_case

    transfer = services.move(
        users["mytu"], new_case(users["admin"], my_tu_commune), ke_sach_commune, "Về ở với con"
    )
    assert (
        [t.pk for t in core_services.transfers_for(users["mytu"])]
        == [transfer.pk]
        == [t.pk for t in core_services.transfers_for(users["kesach"])]
    )
    desk = UserFactory(username="motcua", role="division_officer", unit_code="SLDTBXH94-VP")
    assert (
        not core_services.transfers_for(desk).exists()
        and not core_services.transfers_for(users["viewer"]).exists()
    )
    assert core_services.may_decide(users["kesach"], transfer) and not core_services.may_decide(
        users["mytu"], transfer
    )
    assert core_services.may_decide(users["admin"], transfer)
    login(client, desk)
    assert client.post(f"/chuyen-dia-ban/{transfer.pk}/tiep-nhan/", {}).status_code == 404
    assert DistrictTransfer.objects.get().status == DistrictTransfer.Status.PENDING
