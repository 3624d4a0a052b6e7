from datetime import date

import pytest

from ansinh.core.errors import AppError
from ansinh.core.models import AdminUnit, OrgUnit
from ansinh.core.tests.factories import PersonFactory
from ansinh.core.tests.fixtures import spreadsheet
from ansinh.core.tests.web import login
from ansinh.welfare import services
from ansinh.welfare.models import Resident


@pytest.fixture
def centre(soc_trang):
    return OrgUnit.objects.get(code="SLDTBXH94-TTBTXH")


def admit(user, person, centre, category, day):
    return services.admit(
        user, Resident(person=person, centre=centre, category=category, admitted=day)
    )


def test_stock_at_the_end_of_the_period_and_emergency_admissions(users, centre, my_tu_commune):
    from ansinh.indicators import services as indicator_services
    from ansinh.indicators.queries import figures

    indicator_services.load_catalogue()
    orphan = admit(
        users["admin"],
        PersonFactory(commune=my_tu_commune, full_name="Bé Một", birth_year=2015),
        centre,
        "mo_coi",
        date(2023, 5, 1),
    )
    admit(
        users["admin"],
        PersonFactory(commune=my_tu_commune, full_name="Cụ Hai", birth_year=1940),
        centre,
        "nguoi_gia",
        date(2024, 3, 31),
    )
    left = admit(
        users["admin"],
        PersonFactory(commune=my_tu_commune, full_name="Anh Ba", birth_year=1990),
        centre,
        "khuyet_tat",
        date(2022, 1, 1),
    )
    services.discharge(users["admin"], left, date(2024, 2, 15), "Về với gia đình")
    admit(
        users["admin"],
        PersonFactory(commune=my_tu_commune, full_name="Ông Tư", birth_year=1960),
        centre,
        "lang_thang",
        date(2024, 2, 2),
    )
    province = AdminUnit.objects.get(level="province", code="94", valid_from=None)
    result = figures("2024Q1", province, ["TTBTXH_NUOIDUONG", "TTBTXH_KHANCAP"])
    assert result["TTBTXH_NUOIDUONG"].by_category == {"mo_coi": 1, "nguoi_gia": 1}
    assert result["TTBTXH_KHANCAP"].total == 1
    assert figures("2023Q4", province, ["TTBTXH_NUOIDUONG"])["TTBTXH_NUOIDUONG"].by_category == {
        "mo_coi": 1,
        "khuyet_tat": 1,
    }
    assert (
        orphan.history.count() == 1
        and left.history.first().history_change_reason == "Rời cơ sở: Về với gia đình"
    )


def test_admission_and_discharge_rules(users, centre, my_tu_commune):
    person = PersonFactory(commune=my_tu_commune, full_name="Bé Một", birth_year=2015)
    stay = admit(users["admin"], person, centre, "mo_coi", date(2023, 5, 1))
    with pytest.raises(AppError, match="đang ở"):
        admit(users["admin"], person, centre, "mo_coi", date(2024, 1, 1))
    with pytest.raises(AppError, match="trước ngày tiếp nhận"):
        services.discharge(users["admin"], stay, date(2023, 1, 1), "x")
    with pytest.raises(AppError, match="lý do"):
        services.discharge(users["admin"], stay, date(2024, 1, 1), " ")
    dead = PersonFactory(
        commune=my_tu_commune, full_name="Cụ Mất", birth_year=1930, death_date=date(2023, 1, 1)
    )
    with pytest.raises(AppError, match="đã mất"):
        admit(users["admin"], dead, centre, "nguoi_gia", date(2024, 1, 1))
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        admit(
            users["leader"],
            PersonFactory(commune=my_tu_commune, full_name="Cụ Năm", birth_year=1935),
            centre,
            "nguoi_gia",
            date(2024, 1, 1),
        )


def test_centre_page(client, users, centre, my_tu_commune):
    person = PersonFactory(
        commune=my_tu_commune, full_name="Bé Một", birth_year=2015, personal_id="094215001111"
    )
    login(client, users["admin"])
    assert (
        client.post(
            "/bao-tro/trung-tam/",
            {"personal_id_or_pk": "094215001111", "category": "mo_coi", "admitted": "2024-01-10"},
        ).status_code
        == 302
    )
    page = client.get("/bao-tro/trung-tam/").content.decode()
    assert "Bé Một" in page and "trẻ em mồ côi, bị bỏ rơi 1" in page
    stay = Resident.objects.get(person=person)
    client.post(
        "/bao-tro/trung-tam/",
        {
            "action": "discharge",
            "resident": stay.pk,
            "day": "2024-03-01",
            "reason": "Được nhận nuôi",
        },
    )
    stay.refresh_from_db()
    assert stay.discharged == date(2024, 3, 1)
    login(client, users["leader"])
    assert "Tiếp nhận đối tượng" not in client.get("/bao-tro/trung-tam/").content.decode()
    login(client, users["viewer"])
    assert client.get("/bao-tro/trung-tam/").status_code == 403  # need to know: counts only


def test_resident_and_children_imports_and_exports(client, users, centre, my_tu_commune):
    import io

    from openpyxl import load_workbook

    from ansinh.core.imports import run_import
    from ansinh.welfare.models import ChildCase

    PersonFactory(
        commune=my_tu_commune,
        full_name="Bé Một",
        birth_date=date(2015, 2, 2),
        birth_year=2015,
        personal_id="094215001111",
    )
    PersonFactory(
        commune=my_tu_commune,
        full_name="Anh Lớn",
        birth_date=date(2000, 2, 2),
        birth_year=2000,
        personal_id="094200002222",
    )
    xlsx = spreadsheet

    residents = xlsx(
        ["Số định danh cá nhân", "Diện", "Ngày tiếp nhận", "Số quyết định tiếp nhận"],
        [
            ["094215001111", "mo_coi", "10/01/2024", "1/QĐ"],
            ["094215001111", "mo_coi", "11/01/2024", ""],
            ["094200002222", "ca_biet", "10/01/2024", ""],
        ],
    )
    result = run_import("welfare_residents", residents, "tt.xlsx", users["admin"], commit=True)
    assert [(p.row, p.column) for p in result.errors] == [(3, "Số định danh cá nhân"), (4, "Diện")]
    children = xlsx(
        ["Số định danh cá nhân", "Nhóm", "Ngày xác định"],
        [["094215001111", "13", "10/01/2024"], ["094200002222", "1", "10/01/2024"]],
    )
    result = run_import("welfare_children", children, "te.xlsx", users["mytu"], commit=True)
    assert [(p.row, p.column) for p in result.errors] == [
        (3, "Số định danh cá nhân")
    ] and "16 tuổi" in result.errors[0].message
    ok = xlsx(
        ["Số định danh cá nhân", "Nhóm", "Ngày xác định"], [["094215001111", "13", "10/01/2024"]]
    )
    assert run_import("welfare_children", ok, "te.xlsx", users["mytu"], commit=True).created == 1
    assert ChildCase.objects.get().circumstance == "13"
    login(client, users["mytu"])
    sheet = load_workbook(io.BytesIO(client.get("/bao-tro/xuat/tre-em/").getvalue())).active
    assert list(sheet.values)[1][0] == "Bé Một"
