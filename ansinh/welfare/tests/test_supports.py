from datetime import date

import pytest

from ansinh.core.errors import AppError
from ansinh.core.models import AdminUnit
from ansinh.core.tests.factories import PersonFactory
from ansinh.core.tests.fixtures import spreadsheet
from ansinh.core.tests.web import login
from ansinh.welfare import services
from ansinh.welfare.models import Support


def support(person, kind, day, basis=Support.Basis.NATIONAL, amount=0):
    return Support(
        person=person, kind=kind, basis=basis, commune=person.commune, date=day, amount=amount
    )


def test_funeral_support_is_20_times_the_level_on_the_death_date(welfare, users, my_tu_commune):
    before = PersonFactory(
        commune=my_tu_commune, full_name="Lê Văn Một", birth_year=1930, death_date=date(2024, 6, 30)
    )
    after = PersonFactory(
        commune=my_tu_commune, full_name="Lê Văn Hai", birth_year=1931, death_date=date(2024, 7, 1)
    )
    assert (
        services.record_support(users["mytu"], support(before, "funeral", date(2024, 7, 5))).amount
        == 7_200_000
    )
    assert (
        services.record_support(users["mytu"], support(after, "funeral", date(2024, 7, 5))).amount
        == 10_000_000
    )


@pytest.mark.parametrize(
    "kind, person_fields, day, message",
    [
        ("funeral", {"birth_year": 1930}, date(2024, 3, 1), "chưa được ghi ngày mất"),
        (
            "funeral",
            {"birth_year": 1930, "death_date": date(2024, 3, 10)},
            date(2024, 3, 1),
            "trước ngày mất",
        ),
        (
            "health_card",
            {"birth_year": 1930, "death_date": date(2024, 1, 10)},
            date(2024, 3, 1),
            "đã mất ngày 10/01/2024",
        ),
        ("longevity", {"birth_year": 1935}, date(2024, 1, 20), "tròn 89 tuổi"),
        (
            "child_gift",
            {"birth_date": date(2006, 1, 1), "birth_year": 2006},
            date(2024, 5, 31),
            "đã đủ 16 tuổi",
        ),
        ("emergency", {"birth_year": 1980}, date(2090, 1, 1), "tương lai"),
    ],
)
def test_support_rules(welfare, users, my_tu_commune, kind, person_fields, day, message):
    person = PersonFactory(
        commune=my_tu_commune, full_name="Trần Thị Ba", sex="nu", **person_fields
    )
    with pytest.raises(AppError, match=message):
        services.record_support(users["mytu"], support(person, kind, day))
    assert not Support.objects.exists()


def test_funeral_support_only_once(welfare, users, my_tu_commune):
    person = PersonFactory(
        commune=my_tu_commune, full_name="Lê Văn Một", birth_year=1930, death_date=date(2024, 3, 1)
    )
    services.record_support(users["mytu"], support(person, "funeral", date(2024, 3, 5)))
    with pytest.raises(AppError, match="đã được hỗ trợ mai táng ngày 05/03/2024"):
        services.record_support(users["mytu"], support(person, "funeral", date(2024, 3, 9)))


def test_sources_count_supports_by_district_basis_and_age(
    welfare, users, my_tu_commune, ke_sach_commune
):
    from ansinh.indicators import services as indicator_services
    from ansinh.indicators.queries import figures

    indicator_services.load_catalogue()
    elder = PersonFactory(
        commune=my_tu_commune, full_name="Thạch Thị Sa", sex="nu", birth_year=1924
    )
    younger = PersonFactory(commune=ke_sach_commune, full_name="Kim Văn Na", birth_year=1934)
    services.record_support(
        users["admin"], support(elder, "longevity", date(2024, 2, 1), Support.Basis.PROVINCIAL)
    )
    services.record_support(
        users["admin"], support(younger, "longevity", date(2024, 2, 2), Support.Basis.PROVINCIAL)
    )
    child = PersonFactory(
        commune=my_tu_commune, full_name="Danh Bé", birth_date=date(2015, 1, 1), birth_year=2015
    )
    services.record_support(
        users["admin"], support(child, "child_gift", date(2024, 3, 1), Support.Basis.OTHER, 300_000)
    )
    cancelled = services.record_support(
        users["admin"], support(child, "child_gift", date(2024, 3, 2), Support.Basis.OTHER, 300_000)
    )
    cancelled.cancelled = True
    cancelled.save()
    services.record_support(
        users["admin"], support(child, "child_gift", date(2024, 4, 2), Support.Basis.OTHER, 300_000)
    )  # next quarter
    province = AdminUnit.objects.get(level="province", code="94", valid_from=None)
    result = figures("2024Q1", province, ["NCT_MUNGTHO", "TE_QUA", "TE_QUA_TIEN", "BTXH_MAITANG"])
    assert result["NCT_MUNGTHO"].by_category == {"tuoi_100": 1, "tuoi_90": 1}
    assert (result["TE_QUA"].total, result["TE_QUA_TIEN"].total) == (1, 300_000)
    assert result["BTXH_MAITANG"].total is None


def test_longevity_candidates_come_from_birth_dates(welfare, my_tu_commune):
    from ansinh.core.models import Person

    PersonFactory(commune=my_tu_commune, full_name="Người Tròn Trăm", birth_year=1924)
    PersonFactory(
        commune=my_tu_commune,
        full_name="Người Chín Mươi",
        birth_date=date(1934, 12, 31),
        birth_year=1934,
    )
    PersonFactory(
        commune=my_tu_commune,
        full_name="Người Đã Mất",
        birth_year=1934,
        death_date=date(2023, 1, 1),
    )
    PersonFactory(commune=my_tu_commune, full_name="Người Tám Chín", birth_year=1935)
    names = sorted(
        services.longevity_candidates(Person.objects.all(), 2024).values_list(
            "full_name", flat=True
        )
    )
    assert names == ["Người Chín Mươi", "Người Tròn Trăm"]


def test_supports_page_records_and_lists(client, users, welfare, my_tu_commune, ke_sach_commune):
    PersonFactory(
        commune=my_tu_commune,
        full_name="Lê Văn Một",
        birth_year=1930,
        personal_id="094030001111",
        death_date=date(2024, 3, 1),
    )
    PersonFactory(commune=my_tu_commune, full_name="Người Tròn Trăm", birth_year=1924)
    PersonFactory(commune=ke_sach_commune, full_name="Người Kế Sách", birth_year=1924)
    login(client, users["mytu"])
    data = {
        "personal_id_or_pk": "094030001111",
        "kind": "funeral",
        "basis": "national",
        "date": "2024-03-05",
        "amount": "0",
    }
    assert client.post("/bao-tro/ho-tro/?period=2024Q1", data).status_code == 302
    assert Support.objects.get().amount == 7_200_000
    response = client.post("/bao-tro/ho-tro/?period=2024Q1", data | {"date": "2024-03-07"})
    assert "đã được hỗ trợ mai táng" in response.content.decode()
    page = client.get("/bao-tro/ho-tro/", {"period": "2024Q1"})
    assert "Lê Văn Một" in page.content.decode()
    assert [p.full_name for p in page.context["candidates"]] == [
        "Người Tròn Trăm"
    ]  # Kế Sách is outside Mỹ Tú
    login(client, users["kesach"])
    assert "Lê Văn Một" not in client.get("/bao-tro/ho-tro/", {"period": "2024Q1"}).content.decode()


def test_supports_import_export_and_api(client, users, welfare, my_tu_commune, ke_sach_commune):
    import io

    from openpyxl import load_workbook
    from rest_framework.test import APIClient

    from ansinh.core.imports import run_import
    from ansinh.core.models import AccessLog

    PersonFactory(
        commune=my_tu_commune,
        full_name="Lê Văn Một",
        birth_year=1930,
        personal_id="094030001111",
        death_date=date(2024, 3, 1),
    )
    PersonFactory(
        commune=my_tu_commune, full_name="Cụ Trăm", birth_year=1924, personal_id="094024002222"
    )
    PersonFactory(
        commune=ke_sach_commune, full_name="Kế Sách", birth_year=1924, personal_id="094024003333"
    )
    headers = [
        "Số định danh cá nhân",
        "Loại hỗ trợ",
        "Căn cứ",
        "Ngày hỗ trợ",
        "Số tiền",
        "Số quyết định hoặc số thẻ",
    ]
    rows = [
        ["094030001111", "Mai táng", "", "05/03/2024", "", "1/QĐ"],
        ["094024002222", "Chúc thọ", "Nghị quyết tỉnh", "10/02/2024", "500.000", ""],
        ["094030001111", "Mai táng", "", "06/03/2024", "", ""],
        ["094024003333", "Chúc thọ", "", "10/02/2024", "", ""],
        ["094024002222", "Quà", "", "10/02/2024", "", ""],
        ["094024002222", "Thẻ BHYT", "", "10/02/2024", "-5", ""],
    ]
    result = run_import(
        "welfare_supports", spreadsheet(headers, rows), "ho-tro.xlsx", users["mytu"], commit=True
    )
    found = {(p.row, p.column): p.message for p in result.errors}
    assert (
        "trùng với dòng 2" in found[(4, "Loại hỗ trợ")]
        and "ngoài phạm vi" in found[(5, "Số định danh cá nhân")]
    )
    assert "Mai táng" in found[(6, "Loại hỗ trợ")] and "không âm" in found[(7, "Số tiền")]
    assert not Support.objects.exists()
    assert (
        run_import(
            "welfare_supports",
            spreadsheet(headers, rows[:2]),
            "ho-tro.xlsx",
            users["mytu"],
            commit=True,
        ).created
        == 2
    )
    assert Support.objects.get(kind="funeral").amount == 7_200_000
    login(client, users["mytu"])
    sheet = load_workbook(
        io.BytesIO(client.get("/bao-tro/xuat/ho-tro/", {"period": "2024Q1"}).getvalue())
    ).active
    assert [r[1] for r in list(sheet.values)[1:]] == ["Cụ Trăm", "Lê Văn Một"]
    assert AccessLog.objects.filter(action="export", user=users["mytu"]).exists()
    login(client, users["kesach"])
    assert (
        len(
            list(
                load_workbook(
                    io.BytesIO(client.get("/bao-tro/xuat/ho-tro/", {"period": "2024Q1"}).getvalue())
                ).active.values
            )
        )
        == 1
    )
    assert client.get("/bao-tro/xuat/trung-tam/").status_code == 403
    login(client, users["viewer"])
    assert client.get("/bao-tro/xuat/cham-soc/").status_code == 403
    api = APIClient()
    api.force_authenticate(users["kesach"])
    assert api.get("/api/welfare/supports/").json()["results"] == []
    api.force_authenticate(users["mytu"])
    assert len(api.get("/api/welfare/supports/").json()["results"]) == 2


def test_children_in_special_circumstances(client, users, welfare, my_tu_commune, ke_sach_commune):
    from ansinh.welfare.models import ChildCase

    child = PersonFactory(
        commune=my_tu_commune,
        full_name="Danh Bé",
        birth_date=date(2015, 1, 1),
        birth_year=2015,
        personal_id="094215009999",
    )
    PersonFactory(
        commune=my_tu_commune,
        full_name="Thạch Lớn",
        birth_date=date(2006, 1, 1),
        birth_year=2006,
        personal_id="094206008888",
    )
    login(client, users["mytu"])
    assert (
        client.post(
            "/bao-tro/tre-em/",
            {"personal_id_or_pk": "094215009999", "circumstance": "13", "identified": "2024-01-10"},
        ).status_code
        == 302
    )
    response = client.post(
        "/bao-tro/tre-em/",
        {"personal_id_or_pk": "094206008888", "circumstance": "01", "identified": "2024-01-10"},
    )
    assert "đã đủ 16 tuổi" in response.content.decode()
    assert (
        "đang mở"
        in client.post(
            "/bao-tro/tre-em/",
            {"personal_id_or_pk": "094215009999", "circumstance": "13", "identified": "2024-02-10"},
        ).content.decode()
    )
    services.record_support(
        users["mytu"], support(child, "medical", date(2024, 3, 1), Support.Basis.OTHER, 50_000_000)
    )
    page = client.get("/bao-tro/tre-em/").content.decode()
    assert "Danh Bé" in page and "Hỗ trợ phẫu thuật tim" in page and "50.000.000" in page
    assert ChildCase.objects.count() == 1
    login(client, users["kesach"])
    assert "Danh Bé" not in client.get("/bao-tro/tre-em/").content.decode()


def test_funeral_minimum_and_card_eligibility(welfare, users, my_tu_commune):
    from ansinh.welfare.models import BenefitCategory, Case

    dead = PersonFactory(
        commune=my_tu_commune, full_name="Lê Văn Một", birth_year=1930, death_date=date(2024, 3, 1)
    )
    with pytest.raises(AppError, match="20"):
        services.record_support(
            users["mytu"], support(dead, "funeral", date(2024, 3, 5), amount=5_000_000)
        )
    assert (
        services.record_support(
            users["mytu"], support(dead, "funeral", date(2024, 3, 5), amount=8_000_000)
        ).amount
        == 8_000_000
    )
    elder = PersonFactory(
        commune=my_tu_commune, full_name="Cụ Bảy", birth_date=date(1940, 5, 10), birth_year=1940
    )
    with pytest.raises(AppError, match="chưa đủ điều kiện cấp thẻ BHYT"):
        services.record_support(users["mytu"], support(elder, "health_card", date(2024, 3, 5)))
    case = Case(
        person=elder,
        category=BenefitCategory.objects.get(code="ND20-5.5a"),
        commune=my_tu_commune,
        application_date=date(2024, 1, 1),
    )
    services.receive(users["admin"], case)
    services.appraise(users["admin"], case, True)
    services.decide(users["admin"], case, "1/QĐ", date(2024, 1, 5), date(2024, 1, 1))
    assert (
        services.record_support(users["mytu"], support(elder, "health_card", date(2024, 3, 5))).kind
        == "health_card"
    )
