"""A district officer of Mỹ Tú logs in, works in Mỹ Tú, and cannot open a Kế Sách record."""

import pytest

from ansinh.core.models import AccessLog, Person
from ansinh.core.tests.factories import PersonFactory
from ansinh.core.tests.fixtures import PASSWORD, spreadsheet

from .conftest import log_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def records(users, my_tu_commune, ke_sach_commune):
    return {
        "mytu": PersonFactory(commune=my_tu_commune, full_name="Lâm Văn Sóc", birth_year=1948),
        "kesach": PersonFactory(
            commune=ke_sach_commune, full_name="Thạch Thị Sa Ri", sex="nu", birth_year=1950
        ),
    }


def test_my_tu_officer_cannot_open_a_ke_sach_record(page, live_server, records):
    log_in(page, live_server, "mytu", PASSWORD)
    assert "Cán bộ cấp huyện" in page.locator("nav").inner_text()
    page.get_by_role("link", name="Đối tượng", exact=True).click()
    table = page.locator("table").inner_text()
    assert "Lâm Văn Sóc" in table and "Thạch Thị Sa Ri" not in table
    page.get_by_placeholder("Họ tên (có hoặc không dấu) hoặc số định danh").fill("lam van soc")
    page.get_by_role("button", name="Tìm").click()
    page.get_by_role("link", name="Lâm Văn Sóc").click()
    assert page.locator("h1").inner_text().startswith("Lâm Văn Sóc")

    response = page.goto(f"{live_server.url}/doi-tuong/{records['kesach'].pk}/")
    assert response.status == 404
    assert "Không tìm thấy" in page.locator("main").inner_text()
    assert "Thạch Thị Sa Ri" not in page.content()
    assert not AccessLog.objects.filter(person=records["kesach"]).exists()


def test_login_errors_are_shown_in_vietnamese(page, live_server, users):
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("mytu")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in page.get_by_role("alert").inner_text()


def test_import_people_through_the_page(page, live_server, users, my_tu_commune, tmp_path):
    path = tmp_path / "danh-sach.xlsx"
    path.write_bytes(
        spreadsheet(
            ["Họ và tên", "Ngày sinh", "Giới tính", "Mã xã/phường"],
            [
                ["Danh Thị Mỹ", "03/02/1970", "Nữ", my_tu_commune.code],
                ["Sơn Văn Bảy", "1941", "Nam", my_tu_commune.code],
            ],
        )
    )

    log_in(page, live_server, "mytu", PASSWORD)
    page.get_by_role("link", name="Nhập dữ liệu").click()
    people_form = page.locator("form[action$='/nhap-du-lieu/people/']")
    people_form.get_by_label("Tệp dữ liệu").set_input_files(str(path))
    people_form.get_by_role("button", name="Kiểm tra tệp").click()
    assert "Tệp hợp lệ: 2 dòng" in page.get_by_role("status").inner_text()
    assert Person.objects.count() == 0
    page.get_by_role("button", name="Nhập 2 dòng").click()
    assert "Đã nhập thành công 2 dòng" in page.get_by_role("status").inner_text()
    assert sorted(Person.objects.values_list("full_name", flat=True)) == [
        "Danh Thị Mỹ",
        "Sơn Văn Bảy",
    ]
