import io
from datetime import date

import pytest
from openpyxl import load_workbook

from ansinh.core.concurrency import version_of
from ansinh.core.tests.factories import PersonFactory
from ansinh.core.tests.fixtures import spreadsheet
from ansinh.core.tests.web import login
from ansinh.payroll.models import PayrollCycle
from ansinh.welfare.loaders import load_reference_data
from ansinh.welfare.models import Case

HEADERS = [
    "Số định danh cá nhân",
    "Nhóm đối tượng",
    "Mức độ khuyết tật",
    "Số quyết định",
    "Ngày quyết định",
    "Hưởng từ tháng",
    "Hình thức chi trả",
    "Số tài khoản",
]


def xlsx(rows):
    return spreadsheet(HEADERS, rows)


@pytest.fixture
def people(soc_trang, my_tu_commune, ke_sach_commune):
    load_reference_data()
    return {
        "elder": PersonFactory(
            commune=my_tu_commune,
            full_name="Lâm Thị Bảy",
            sex="nu",
            birth_date=date(1940, 5, 10),
            birth_year=1940,
            personal_id="094140001111",
        ),
        "disabled": PersonFactory(
            commune=my_tu_commune,
            full_name="Sơn Văn Tám",
            birth_date=date(1990, 2, 1),
            birth_year=1990,
            personal_id="094090002222",
        ),
        "young": PersonFactory(
            commune=my_tu_commune,
            full_name="Danh Văn Út",
            birth_date=date(1994, 1, 1),
            birth_year=1994,
            personal_id="094094003333",
        ),
        "dead": PersonFactory(
            commune=my_tu_commune,
            full_name="Lý Văn Mười",
            birth_date=date(1930, 1, 1),
            birth_year=1930,
            personal_id="094030004444",
            death_date=date(2023, 5, 1),
        ),
        "kesach": PersonFactory(
            commune=ke_sach_commune,
            full_name="Kim Thị Na",
            sex="nu",
            birth_date=date(1935, 3, 3),
            birth_year=1935,
            personal_id="094135005555",
        ),
    }


def test_case_import_reports_every_rule(client, users, people):
    from ansinh.core.imports import run_import

    rows = [
        ["094140001111", "ND20-5.5a", "", "12/QĐ-UBND", "15/01/2024", "01/2024", "Tiền mặt", ""],
        [
            "094090002222",
            "ND20-5.6",
            "Đặc biệt nặng",
            "13/QĐ-UBND",
            "15/01/2024",
            "12/2023",
            "Chuyển khoản",
            "0123456789",
        ],  # before decision
        [
            "094094003333",
            "ND20-5.5a",
            "",
            "14/QĐ-UBND",
            "15/01/2024",
            "01/2024",
            "",
            "",
        ],  # 30 years old: not elderly
        ["094030004444", "ND20-5.5a", "", "15/QĐ-UBND", "15/01/2024", "01/2024", "", ""],  # dead
        ["094135005555", "ND20-5.5a", "", "16/QĐ-UBND", "15/01/2024", "01/2024", "", ""],  # Kế Sách
        [
            "094140001111",
            "ND20-5.5a",
            "",
            "17/QĐ-UBND",
            "15/01/2024",
            "02/2024",
            "",
            "",
        ],  # same person and group twice
        [
            "094090002222",
            "ND20-5.6",
            "",
            "18/QĐ-UBND",
            "15/01/2024",
            "01/2024",
            "Chuyển khoản",
            "",
        ],  # no level, no account
    ]
    result = run_import("welfare_cases", xlsx(rows), "ho-so.xlsx", users["mytu"], commit=True)
    found = {(p.row, p.column): p.message for p in result.errors}
    assert "trước tháng ký quyết định" in found[(3, "Hưởng từ tháng")]
    assert "60 tuổi" in found[(4, "Nhóm đối tượng")] or "cao tuổi" in found[(4, "Nhóm đối tượng")]
    assert "đã mất ngày 01/05/2023" in found[(5, "Số định danh cá nhân")]
    assert "ngoài phạm vi" in found[(6, "Số định danh cá nhân")]
    assert "trùng người và nhóm với dòng 2" in found[(7, "Nhóm đối tượng")]
    assert "phải có số tài khoản" in found[(8, "Số tài khoản")]
    assert not result.committed and not Case.objects.exists()
    result = run_import("welfare_cases", xlsx(rows[:1]), "ho-so.xlsx", users["mytu"], commit=True)
    assert result.committed and Case.objects.get().status == "paying"
    again = run_import("welfare_cases", xlsx(rows[:1]), "ho-so.xlsx", users["mytu"], commit=True)
    assert "đang mở" in again.errors[0].message


def test_other_divisions_cannot_import_cases(users, people):
    from django.contrib.auth.models import User

    from ansinh.core.imports import run_import
    from ansinh.core.models import OrgUnit, Profile

    Profile.objects.filter(user=users["division"]).update(
        org_unit=OrgUnit.objects.get(code="SLDTBXH94-NCC")
    )
    merit_officer = User.objects.get(pk=users["division"].pk)
    result = run_import("welfare_cases", xlsx([]), "a.xlsx", merit_officer)
    assert "không được nhập hồ sơ bảo trợ xã hội" in result.errors[0].message


def test_case_pages_and_scope(client, users, people):
    from ansinh.core.imports import run_import

    run_import(
        "welfare_cases",
        xlsx([["094140001111", "ND20-5.5a", "", "12/QĐ-UBND", "15/01/2024", "01/2024", "", ""]]),
        "a.xlsx",
        users["mytu"],
        commit=True,
    )
    case = Case.objects.get()
    login(client, users["mytu"])
    page = client.get(f"/bao-tro/ho-so/{case.pk}/")
    rows = page.context["entitlements"]
    assert (rows[0]["month"], rows[0]["amount"]) == (date(2024, 1, 1), 720_000)
    july = next(r for r in rows if r["month"] == date(2024, 7, 1))
    assert july["amount"] == 1_000_000 and "76/2024" in july["citation"]
    login(client, users["kesach"])
    assert client.get(f"/bao-tro/ho-so/{case.pk}/").status_code == 404
    assert "Lâm Thị Bảy" not in client.get("/bao-tro/ho-so/").content.decode()
    assert (
        client.post(
            f"/bao-tro/ho-so/{case.pk}/thoi-huong/",
            {"version": version_of(case), "reason": "death", "end_date": "2024-03-01"},
        ).status_code
        == 404
    )


def test_payroll_pages_generate_review_approve_export(client, users, people):
    from ansinh.core.imports import run_import

    run_import(
        "welfare_cases",
        xlsx(
            [
                [
                    "094140001111",
                    "ND20-5.5a",
                    "",
                    "12/QĐ-UBND",
                    "15/01/2024",
                    "01/2024",
                    "Chuyển khoản",
                    "0123456789",
                ]
            ]
        ),
        "a.xlsx",
        users["mytu"],
        commit=True,
    )
    login(client, users["mytu"])
    response = client.post(
        "/bao-tro/chi-tra/",
        {"unit": users["mytu"].profile.org_unit.territory.pk, "month": "2024-03"},
    )
    cycle = PayrollCycle.objects.get()
    assert response["Location"] == f"/bao-tro/chi-tra/{cycle.pk}/" and cycle.status == "draft"
    page = client.get(f"/bao-tro/chi-tra/{cycle.pk}/")
    assert page.context["summary"]["new"]["count"] == 1 and "720.000" in page.content.decode()
    assert (
        client.post(f"/bao-tro/chi-tra/{cycle.pk}/xu-ly/", {"action": "approve"}).status_code == 403
    )
    assert PayrollCycle.objects.get().status == "draft"  # a district officer cannot approve
    login(client, users["leader"])
    assert client.get(f"/bao-tro/chi-tra/{cycle.pk}/").status_code == 200
    client.post(f"/bao-tro/chi-tra/{cycle.pk}/xu-ly/", {"action": "approve"})
    assert PayrollCycle.objects.get().status == "approved"
    login(client, users["mytu"])
    sheet = load_workbook(
        io.BytesIO(client.get(f"/bao-tro/chi-tra/{cycle.pk}/xuat/chuyen-khoan/").getvalue())
    ).active
    assert list(sheet.values)[2] == (
        1,
        "Lâm Thị Bảy",
        "094140001111",
        "Chuyển khoản ngân hàng",
        "0123456789",
        people["elder"].commune.name,
        "03/2024",
        "Trợ cấp tháng",
        720000,
    )
    by_commune = load_workbook(
        io.BytesIO(client.get(f"/bao-tro/chi-tra/{cycle.pk}/xuat/theo-xa/").getvalue())
    )
    assert by_commune.sheetnames == [people["elder"].commune.name]
    login(client, users["kesach"])
    assert client.get(f"/bao-tro/chi-tra/{cycle.pk}/").status_code == 404
    assert client.get(f"/bao-tro/chi-tra/{cycle.pk}/xuat/theo-xa/").status_code == 404


def test_api_doors_respect_scope(users, people):
    from rest_framework.test import APIClient

    from ansinh.core.imports import run_import
    from ansinh.core.models import AccessLog

    run_import(
        "welfare_cases",
        xlsx([["094140001111", "ND20-5.5a", "", "12/QĐ-UBND", "15/01/2024", "01/2024", "", ""]]),
        "a.xlsx",
        users["mytu"],
        commit=True,
    )
    case = Case.objects.get()
    mine, other = APIClient(), APIClient()
    mine.force_authenticate(users["mytu"])
    other.force_authenticate(users["kesach"])
    assert [c["id"] for c in mine.get("/api/welfare/cases/").json()["results"]] == [case.pk]
    assert mine.get(f"/api/welfare/cases/{case.pk}/").json()["category_code"] == "ND20-5.5a"
    assert AccessLog.objects.filter(person=case.person, channel="api").exists()
    assert other.get("/api/welfare/cases/").json()["results"] == []
    assert other.get(f"/api/welfare/cases/{case.pk}/").status_code == 404
    assert mine.delete(f"/api/welfare/cases/{case.pk}/").status_code == 405


def test_progress_poll_reloads_the_page_when_done(client, users, people):
    from ansinh.payroll import engine

    cycle = engine.start_cycle(
        users["mytu"], users["mytu"].profile.org_unit.territory, date(2024, 3, 1), "welfare"
    )
    login(client, users["mytu"])
    polling = client.get(f"/bao-tro/chi-tra/{cycle.pk}/", HTTP_HX_REQUEST="true")
    assert (
        'hx-trigger="every 2s"' in polling.content.decode()
        and 'aria-valuenow="0"' in polling.content.decode()
    )
    engine.generate(cycle)
    assert (
        client.get(f"/bao-tro/chi-tra/{cycle.pk}/", HTTP_HX_REQUEST="true")["HX-Refresh"] == "true"
    )


def test_signed_list_per_commune_in_word_and_pdf(client, users, people):
    from docx import Document

    from ansinh.core.imports import run_import

    run_import(
        "welfare_cases",
        xlsx([["094140001111", "ND20-5.5a", "", "12/QĐ-UBND", "15/01/2024", "01/2024", "", ""]]),
        "a.xlsx",
        users["mytu"],
        commit=True,
    )
    login(client, users["mytu"])
    client.post(
        "/bao-tro/chi-tra/",
        {"unit": users["mytu"].profile.org_unit.territory.pk, "month": "2024-03"},
    )
    cycle = PayrollCycle.objects.get()
    document = Document(
        io.BytesIO(client.get(f"/bao-tro/chi-tra/{cycle.pk}/xuat/ky-nhan-docx/").content)
    )
    texts = [p.text for p in document.paragraphs]
    assert (
        f"UBND {people['elder'].commune.name.upper()}" in texts
        and "DANH SÁCH CHI TRẢ TRỢ CẤP XÃ HỘI THÁNG 03/2024" in texts
    )
    rows = [[c.text for c in r.cells] for r in document.tables[0].rows]
    assert (
        rows[1][1:3] == ["Lâm Thị Bảy", "10/05/1940"]
        and rows[1][5] == "720.000"
        and rows[-1][5] == "720.000"
    )
    assert client.get(f"/bao-tro/chi-tra/{cycle.pk}/xuat/ky-nhan-pdf/").content.startswith(b"%PDF")
