"""A welfare division officer imports cases, drafts the month's payroll; the leader approves;
the officer downloads the payment list."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from ansinh.core.tests.factories import PersonFactory
from ansinh.core.tests.fixtures import PASSWORD, spreadsheet
from ansinh.welfare.loaders import load_reference_data

from .conftest import log_in

pytestmark = pytest.mark.e2e


def test_import_payroll_approval_export(page, live_server, users, my_tu_commune, tmp_path):
    load_reference_data()
    PersonFactory(
        commune=my_tu_commune,
        full_name="Lâm Thị Bảy",
        sex="nu",
        birth_date=date(1940, 5, 10),
        birth_year=1940,
        personal_id="094140001111",
    )
    PersonFactory(
        commune=my_tu_commune,
        full_name="Sơn Văn Tám",
        birth_date=date(1990, 2, 1),
        birth_year=1990,
        personal_id="094090002222",
    )
    path = tmp_path / "ho-so.xlsx"
    path.write_bytes(
        spreadsheet(
            [
                "Số định danh cá nhân",
                "Nhóm đối tượng",
                "Mức độ khuyết tật",
                "Số quyết định",
                "Ngày quyết định",
                "Hưởng từ tháng",
                "Hình thức chi trả",
                "Số tài khoản",
            ],
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
                ],
                [
                    "094090002222",
                    "ND20-5.6",
                    "Đặc biệt nặng",
                    "13/QĐ-UBND",
                    "15/01/2024",
                    "02/2024",
                    "Tiền mặt",
                    "",
                ],
            ],
        )
    )

    log_in(page, live_server, "btxh", PASSWORD)
    page.goto(f"{live_server.url}/nhap-du-lieu/")
    form = page.locator("form[action$='/nhap-du-lieu/welfare_cases/']")
    form.get_by_label("Tệp dữ liệu").set_input_files(str(path))
    form.get_by_role("button", name="Kiểm tra tệp").click()
    assert "Tệp hợp lệ: 2 dòng" in page.get_by_role("status").inner_text()
    page.get_by_role("button", name="Nhập 2 dòng").click()
    assert "Đã nhập thành công 2 dòng" in page.get_by_role("status").inner_text()

    page.goto(f"{live_server.url}/bao-tro/chi-tra/")
    page.get_by_label("Tháng").fill("2024-03")
    page.get_by_role("button", name="Lập danh sách tháng").click()
    page.wait_for_url("**/bao-tro/chi-tra/*/")
    assert "Dự thảo" in page.locator("#cycle-status").inner_text()
    assert "Mới hưởng: 2" in page.locator("#differences").inner_text()
    body = page.locator("table").inner_text()
    assert (
        body.count("720.000") == 2
    )  # 80+ elder 2,0 and an adult with especially severe disability 2,0, × 360.000
    cycle_url = page.url

    page.get_by_role("button", name="Đăng xuất").click()
    log_in(page, live_server, "lanhdao", PASSWORD)
    page.goto(cycle_url)
    page.get_by_role("button", name="Duyệt danh sách").click()
    assert "Đã duyệt" in page.locator("#cycle-status").inner_text()

    page.get_by_role("button", name="Đăng xuất").click()
    log_in(page, live_server, "btxh", PASSWORD)
    page.goto(cycle_url)
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải danh sách chuyển khoản (Excel)").click()
    rows = list(load_workbook(io.BytesIO(open(info.value.path(), "rb").read())).active.values)
    assert (
        rows[2][1:5] == ("Lâm Thị Bảy", "094140001111", "Chuyển khoản ngân hàng", "0123456789")
        and rows[2][-1] == 720000
    )
    assert len(rows) == 3  # the cash recipient is on the commune list, not the transfer list
