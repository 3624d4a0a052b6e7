"""A leader opens the dashboard, generates the quarterly report, acknowledges warnings, downloads it."""

import io

import pytest
from docx import Document

from ansinh.core.models import OrgUnit
from ansinh.core.tests.fixtures import PASSWORD
from ansinh.worklog.models import Activity

from .conftest import log_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def quarter(users):
    from ansinh.indicators import demo as indicators_demo
    from ansinh.reports.loaders import load_definition
    from ansinh.worklog import demo as worklog_demo

    indicators_demo.load_data_sets()
    indicators_demo.load_values(users["admin"])
    worklog_demo.run(log=lambda *a: None)
    load_definition()
    Activity.objects.create(
        org_unit=OrgUnit.objects.get(code="SLDTBXH94-TTRA"),
        period="2024Q1",
        topic="inspection",
        kind="khac",
        text="Trong tháng, tiếp công dân theo lịch",
        date="2024-03-05",
    )


def test_leader_generates_and_downloads_the_quarterly_report(page, live_server, quarter):
    log_in(page, live_server, "lanhdao", PASSWORD)
    page.goto(f"{live_server.url}/?period=2024Q1")
    assert "4.732" in page.locator("#key-indicators").inner_text()
    assert "16,6" in page.locator("#key-indicators").inner_text()
    # the charts are drawn by static/ansinh.js from json_script data (no inline script under the CSP)
    page.wait_for_function(
        "() => window.Chart && Chart.getChart('chart-quarter') && Chart.getChart('chart-quarter').data.datasets[0].data.length === 4"
    )
    page.get_by_role("link", name="Lập báo cáo quý I/2024").click()
    assert "Báo cáo quý I/2024" in page.locator("h1").inner_text()
    warnings = page.locator("#report-warnings")
    assert "Trong tháng" in warnings.inner_text()
    page.get_by_role("button", name="Lập báo cáo (Word, PDF, phụ lục Excel)").click()
    assert "cảnh báo" in page.get_by_role("alert").first.inner_text()  # refused until acknowledged
    page.get_by_label("Tôi đã xem các cảnh báo và vẫn lập báo cáo").check()
    page.get_by_role("button", name="Lập báo cáo (Word, PDF, phụ lục Excel)").click()
    page.wait_for_url("**/bao-cao/da-lap/*/")
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải Word").click()
    data = open(info.value.path(), "rb").read()
    text = " ".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "giải quyết việc làm cho 4.732 người lao động, đạt 16,60% kế hoạch" in text
    page.get_by_role("link", name="4.732").first.click()
    assert "Số lao động được giải quyết việc làm" in page.locator("h1").inner_text()
