"""The merit officer drafts a monthly-allowance decision from a record; the leader approves it
(numbered in the register); the officer downloads it as a Decree 30 Word document."""

import io
from datetime import date

import pytest
from docx import Document

from ansinh.core.tests.factories import PersonFactory, UserFactory
from ansinh.core.tests.fixtures import PASSWORD
from ansinh.merit.models import MeritCategory, MeritRecord
from ansinh.merit.tables import load_reference_data

from .conftest import log_in

pytestmark = pytest.mark.e2e


def test_record_draft_approve_download(page, live_server, users, my_tu_commune):
    load_reference_data()
    UserFactory(username="ncc", role="division_officer", unit_code="SLDTBXH94-NCC")
    person = PersonFactory(
        commune=my_tu_commune,
        full_name="Nguyễn Thị Tư",
        sex="nu",
        birth_date=date(1938, 4, 2),
        birth_year=1938,
    )
    record = MeritRecord.objects.create(
        person=person,
        category=MeritCategory.objects.get(code="TNLS"),
        commune=my_tu_commune,
        status=MeritRecord.Status.PENDING,
    )

    log_in(page, live_server, "ncc", PASSWORD)
    page.goto(f"{live_server.url}/nguoi-co-cong/ho-so/?q=nguyen thi tu")
    page.get_by_role("link", name="Nguyễn Thị Tư").click()
    form = page.locator("#draft-form")
    form.get_by_label("Loại quyết định").select_option("monthly")
    form.get_by_label("Hưởng từ / áp dụng từ ngày").fill("2024-07-01")
    form.get_by_role("button", name="Lập dự thảo").click()
    page.wait_for_url("**/nguoi-co-cong/quyet-dinh/*/")
    assert "Dự thảo" in page.locator("#decision-status").inner_text()
    assert "2.789.000 đồng" in page.content()
    decision_url = page.url

    page.get_by_role("button", name="Đăng xuất").click()
    log_in(page, live_server, "lanhdao", PASSWORD)
    page.goto(decision_url)
    page.get_by_label("Ngày ký").fill("2024-07-05")
    page.get_by_role("button", name="Duyệt, vào sổ").click()
    assert "01/QĐ-SLĐTBXH" in page.locator("#decision-number").inner_text()
    page.get_by_role("button", name="Đăng xuất").click()

    log_in(page, live_server, "ncc", PASSWORD)
    page.goto(decision_url)
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tệp Word").click()
    document = Document(io.BytesIO(open(download.value.path(), "rb").read()))
    header = [p.text for cell in document.tables[0].rows[0].cells for p in cell.paragraphs]
    assert "Số: 01/QĐ-SLĐTBXH" in header and "Sóc Trăng, ngày 05 tháng 07 năm 2024" in header
    assert "Số tiền: 2.789.000 đồng (Bằng chữ: Hai triệu bảy trăm tám mươi chín nghìn đồng)." in [
        p.text for p in document.paragraphs
    ]
    record.refresh_from_db()
    assert record.status == "paying" and record.start_month == date(2024, 7, 1)
