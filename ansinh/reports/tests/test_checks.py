from datetime import date
from decimal import Decimal

import pytest

from ansinh.core.models import OrgUnit
from ansinh.core.tests.web import login
from ansinh.indicators import services as indicator_services
from ansinh.indicators.models import DataValue, Submission, Target
from ansinh.reports import render, services
from ansinh.reports.models import GeneratedReport, ReportSection
from ansinh.worklog.models import Activity


def warnings_of(definition, province):
    return services.prepare(definition, "2024Q1", province, date(2024, 4, 15))[1]


def codes(warnings):
    return [w["code"] for w in warnings]


def add_activity(text, day=date(2024, 3, 1), topic="inspection"):
    Activity.objects.create(
        org_unit=OrgUnit.objects.get(code="SLDTBXH94-TTRA"),
        period="2024Q1",
        topic=topic,
        kind="khac",
        text=text,
        date=day,
    )


def test_clean_quarter_has_no_warning(demo_q1, province):
    assert warnings_of(demo_q1, province) == []


def test_month_word_in_a_quarterly_report(demo_q1, province):
    add_activity("Trong tháng, tiếp công dân theo lịch")
    found = warnings_of(demo_q1, province)
    assert codes(found) == ["period_word"] and found[0]["where"] == "Phần I, mục 6"


def test_activity_dated_outside_the_period(demo_q1, province):
    add_activity("báo cáo vụ việc học viên bỏ trốn", day=date(2024, 4, 26), topic="social_evils")
    assert "activity_date" in codes(warnings_of(demo_q1, province))


def test_date_in_text_outside_the_period(demo_q1, province):
    add_activity("tổ chức hội nghị vào ngày 26/4/2024")
    assert "date_outside_period" in codes(warnings_of(demo_q1, province))


def test_range_that_ends_before_it_starts(demo_q1, province):
    add_activity("dự thảo văn kiện dự án giai đoạn 2024 – 2023")
    assert "reversed_range" in codes(warnings_of(demo_q1, province))


def test_sub_total_that_does_not_add_up(demo_q1, desk_registers, province):
    from ansinh.desk.models import Petition

    forwarded = Petition.objects.filter(status=Petition.Status.FORWARDED).first()
    Petition.objects.filter(pk=forwarded.pk).update(
        status=Petition.Status.GUIDED, result="Hướng dẫn gửi đơn đến UBND huyện"
    )
    found = [w for w in warnings_of(demo_q1, province) if w["code"] == "subtotal"]
    assert len(found) == 1 and "là 8 nhưng các thành phần cộng lại bằng 7" in found[0]["message"]


def test_missing_target_for_a_percentage(demo_q1, province):
    Target.objects.filter(indicator__code="VL_XKLD", unit=province).update(value=0)
    content, found = services.prepare(demo_q1, "2024Q1", province)
    assert "missing_target" in codes(found)
    assert "đạt … kế hoạch" in render.plain(content["parts"][0]["sections"][0]["paragraphs"][1])


def test_district_that_has_not_submitted(demo_q1, province, users):
    submission = Submission.objects.get(
        data_set__code="HUYEN_THANG", org_unit__code="PLDTBXH-944", period="2024-02"
    )
    indicator_services.reopen(users["leader"], submission, "Sửa số liệu")
    found = [w for w in warnings_of(demo_q1, province) if w["code"] == "not_submitted"]
    assert (
        len(found) == 1
        and "Huyện Mỹ Tú" in found[0]["message"]
        and "tháng 2/2024" in found[0]["message"]
    )


def test_issue_requires_acknowledging_warnings(demo_q1, province, users):
    add_activity("Trong tháng, tiếp công dân theo lịch")
    with pytest.raises(services.NotAcknowledged):
        services.issue(
            users["leader"], demo_q1, "2024Q1", province, acknowledged=False, with_pdf=False
        )
    assert not GeneratedReport.objects.exists()
    report = services.issue(
        users["leader"], demo_q1, "2024Q1", province, acknowledged=True, with_pdf=False
    )
    assert codes(report.warnings) == ["period_word"]


def test_broken_placeholder_in_a_section(demo_q1, province):
    section = ReportSection.objects.get(definition=demo_q1, number="2")
    section.sentences = "Tuyển sinh {GDNN_TUYENSINH|lamtron} người."
    section.save()
    with pytest.raises(render.TemplateError, match="không hợp lệ"):
        services.prepare(demo_q1, "2024Q1", province)


def test_issued_report_reopens_exactly_as_issued(demo_q1, province, users, client):
    report = services.issue(
        users["leader"], demo_q1, "2024Q1", province, acknowledged=True, with_pdf=False
    )
    value = DataValue.objects.filter(indicator__code="VL_GQVL").first()
    value.value += Decimal(1000)
    value.save()
    login(client, users["leader"])
    page = client.get(f"/bao-cao/da-lap/{report.pk}/").content.decode()
    assert "4.732" in page and "5.732" not in page
    assert "5.732" in client.get("/bao-cao/?period=2024Q1").content.decode()
