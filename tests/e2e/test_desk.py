"""At the counter: receive a dossier, print the slip, route it; the division decides; the desk
returns the result; the applicant looks it up by its code."""

import pytest

from ansinh.core import loaders as core_loaders
from ansinh.core.tests.fixtures import PASSWORD
from ansinh.desk.loaders import load_reference_data
from ansinh.desk.models import Dossier, Procedure

from .conftest import log_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def counter(desk_users):
    core_loaders.load_calendar_overrides()
    load_reference_data()
    return Procedure.objects.get(code="LD-GPLD-GIAHAN")


def log_out(page):
    page.get_by_role("button", name="Đăng xuất").click()


def test_desk_to_division_and_back(page, live_server, counter, browser):
    page.add_init_script("window.print = () => { window.printed = true; };")
    log_in(page, live_server, "motcua", PASSWORD)
    page.goto(f"{live_server.url}/mot-cua/tiep-nhan/")
    assert (
        page.evaluate("document.activeElement.name") == "procedure"
    )  # the counter starts typing at once
    page.get_by_label("Thủ tục").select_option(
        label=f"{counter.code} – {counter.name} ({counter.days} ngày)"
    )
    checklist = page.locator("#documents input[type=checkbox]")
    checklist.first.wait_for()
    assert checklist.count() == len(counter.document_list)
    for i in range(checklist.count()):
        checklist.nth(i).check()
    page.get_by_label("Tên người nộp / tổ chức").fill("Công ty TNHH Thủy sản Phát Đạt")
    page.get_by_label("Điện thoại").fill("0299 3821 123")
    page.get_by_role("button", name="Ghi và in phiếu").click()

    page.wait_for_url("**/in/?in=1")
    dossier = Dossier.objects.get()
    assert page.evaluate("window.printed") is True
    slip = page.locator("#slip").inner_text()
    assert (
        dossier.code in slip
        and dossier.due_date.strftime("%d/%m/%Y") in slip
        and "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in slip
    )
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tệp Word").click()
    assert download.value.suggested_filename == f"giay-hen-{dossier.code}.docx"

    page.get_by_role("link", name="Xem hồ sơ").click()
    page.get_by_role("button", name="Chuyển").click()
    assert "Đang xử lý" in page.locator("#status").inner_text()
    log_out(page)

    log_in(page, live_server, "vieclam", PASSWORD)
    page.goto(f"{live_server.url}/mot-cua/cho-xu-ly/")
    page.get_by_role("link", name=dossier.code).click()
    page.get_by_label("Văn bản kết quả").fill("Giấy phép lao động số 15/2024/GPLĐ")
    page.get_by_role("button", name="Ghi kết quả").click()
    assert "Đã có kết quả, chờ trả" in page.locator("#status").inner_text()
    log_out(page)

    log_in(page, live_server, "motcua", PASSWORD)
    page.goto(f"{live_server.url}/mot-cua/ho-so/{dossier.pk}/")
    page.get_by_role("button", name="Đã trả kết quả").click()
    assert "Đã trả kết quả" in page.locator("#status").inner_text()
    timeline = page.locator("#timeline").inner_text()
    for step in (
        "Tiếp nhận, hẹn trả",
        "Chuyển đơn vị xử lý",
        "Có kết quả giải quyết",
        "Trả kết quả",
    ):
        assert step in timeline

    applicant = browser.new_page()
    applicant.goto(f"{live_server.url}/tra-cuu-ho-so/")
    applicant.get_by_label("Mã hồ sơ").fill(dossier.code)
    applicant.get_by_role("button", name="Tra cứu").click()
    result = applicant.locator("#result").inner_text()
    assert "Đã trả kết quả" in result and "0299 3821 123" not in result
    applicant.close()
