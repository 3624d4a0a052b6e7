import io
from datetime import UTC

from docx import Document

from ansinh.core.tests.web import login
from ansinh.indicators.models import DataValue, Submission
from ansinh.reports.models import GeneratedReport


def test_preview_links_every_figure_to_its_data(client, users, demo_q1):
    login(client, users["leader"])
    page = client.get("/bao-cao/?period=2024Q1").content.decode()
    assert '<a class="figure-link" href="/chi-tieu/VL_GQVL/?period=2024Q1&unit=94"' in page
    assert 'href="/chi-tieu/GDNN_TUYENSINH/?period=2024Q1&unit=94&category=so_cap"' in page
    assert "vận động 40 học viên bỏ trốn" in page  # typed in the work log: text, not a figure
    trace = client.get("/chi-tieu/VL_GQVL/", {"period": "2024Q1", "unit": "94"})
    assert trace.context["figure"].total == 4732
    assert len(trace.context["rows"]) == 33  # 11 districts × 3 months
    assert "Huyện Mỹ Tú" in trace.content.decode()


def test_issue_and_download_through_the_pages(client, users, demo_q1, settings):
    login(client, users["leader"])
    response = client.post(
        "/bao-cao/lap/",
        {"period": "2024Q1", "issue_date": "2024-04-15", "number": "5", "acknowledge": "1"},
    )
    report = GeneratedReport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/bao-cao/da-lap/{report.pk}/"
    docx = client.get(f"/bao-cao/da-lap/{report.pk}/tai/docx/")
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "Số: 05/BC-SLĐTBXH" in [
        p.text
        for c in Document(io.BytesIO(docx.getvalue())).tables[0].rows[0].cells
        for p in c.paragraphs
    ]
    assert client.get(f"/bao-cao/da-lap/{report.pk}/tai/pdf/").getvalue().startswith(b"%PDF")
    assert client.get(f"/bao-cao/da-lap/{report.pk}/tai/xlsx/").status_code == 200
    assert client.get(f"/bao-cao/da-lap/{report.pk}/tai/exe/").status_code == 404


def test_district_officer_cannot_open_province_reports(client, users, demo_q1):
    login(client, users["leader"])
    client.post("/bao-cao/lap/", {"period": "2024Q1", "acknowledge": "1"})
    report = GeneratedReport.objects.get()
    login(client, users["mytu"])
    assert client.get("/bao-cao/?period=2024Q1").status_code == 403
    assert client.post("/bao-cao/lap/", {"period": "2024Q1", "acknowledge": "1"}).status_code == 403
    assert client.get(f"/bao-cao/da-lap/{report.pk}/").status_code == 403
    assert client.get(f"/bao-cao/da-lap/{report.pk}/tai/docx/").status_code == 403
    assert GeneratedReport.objects.count() == 1


def test_district_officer_sees_only_own_district_figures(client, users, demo_q1):
    login(client, users["mytu"])
    dashboard = client.get("/", {"period": "2024Q1"})
    assert dashboard.context["root"].name == "Huyện Mỹ Tú"
    jobs = next(f for f in dashboard.context["key"] if f.indicator.code == "VL_GQVL")
    mytu_jobs = sum(
        v.value for v in DataValue.objects.filter(indicator__code="VL_GQVL", unit__code="944")
    )
    assert jobs.total == mytu_jobs < 4732
    assert (
        client.get("/chi-tieu/VL_GQVL/", {"period": "2024Q1", "unit": "94"}).context["root"].code
        == "944"
    )


def test_entry_form_reshows_errors_and_saves_nothing(client, users, demo_q1):
    login(client, users["mytu"])
    url = "/so-lieu/nhap/?data_set=HUYEN_THANG&period=2024-05"
    page = client.get(url)
    grid = page.context["grid"]
    names = {row["indicator"].code + row["category"]: row["name"] for row in grid}
    response = client.post(
        url, {names["VL_GQVL"]: "nhiều", names["VL_XKLD"]: "-2", names["GAO_NGUOI"]: "3.900"}
    )
    assert response.status_code == 200
    errors = response.context["errors"]
    assert (
        errors[names["VL_GQVL"]] == "“nhiều” không phải là số."
        and "không được âm" in errors[names["VL_XKLD"]]
    )
    assert 'value="nhiều"' in response.content.decode()
    assert not DataValue.objects.filter(period="2024-05").exists()
    response = client.post(url, {names["VL_GQVL"]: "120", names["GAO_NGUOI"]: "3.900"})
    assert response.status_code == 302
    assert DataValue.objects.get(period="2024-05", indicator__code="GAO_NGUOI").value == 3900
    client.post(url, {"action": "submit"})
    assert (
        Submission.objects.get(period="2024-05", org_unit__code="PLDTBXH-944").status == "submitted"
    )


def test_locked_period_refuses_edits_on_the_page(client, users, demo_q1):
    login(client, users["leader"])
    submission = Submission.objects.get(
        data_set__code="HUYEN_THANG", org_unit__code="PLDTBXH-944", period="2024-03"
    )
    client.post(f"/so-lieu/bao-cao/{submission.pk}/khoa/", {})
    submission.refresh_from_db()
    assert submission.status == "locked"
    login(client, users["mytu"])
    url = "/so-lieu/nhap/?data_set=HUYEN_THANG&period=2024-03"
    name = next(
        r["name"] for r in client.get(url).context["grid"] if r["indicator"].code == "VL_GQVL"
    )
    before = DataValue.objects.get(
        period="2024-03", unit__code="944", indicator__code="VL_GQVL"
    ).value
    response = client.post(url, {name: "9999"}, follow=True)
    assert "đã khoá; không sửa được" in response.content.decode()
    assert (
        DataValue.objects.get(period="2024-03", unit__code="944", indicator__code="VL_GQVL").value
        == before
    )
    login(client, users["mytu"])
    assert (
        client.post(f"/so-lieu/bao-cao/{submission.pk}/mo-lai/", {"reason": "x"}).status_code == 403
    )


def test_completeness_shows_on_time_late_and_missing(client, users, demo_q1):
    from datetime import datetime

    Submission.objects.filter(org_unit__code="PLDTBXH-943", period="2024-03").update(
        submitted_at=datetime(2024, 4, 20, tzinfo=UTC)
    )
    Submission.objects.filter(org_unit__code="PLDTBXH-944", period="2024-03").update(status="draft")
    login(client, users["leader"])
    page = client.get("/so-lieu/tinh-trang/", {"data_set": "HUYEN_THANG", "period": "2024-03"})
    by_unit = {r["reporter"].code: r["timeliness"] for r in page.context["rows"]}
    assert (
        by_unit["PLDTBXH-943"] == "late"
        and by_unit["PLDTBXH-944"] == "missing"
        and by_unit["PLDTBXH-941"] == "on_time"
    )
    assert page.context["counts"] == {"on_time": 9, "late": 1, "missing": 1}


def test_targets_page(client, users, demo_q1):
    login(client, users["leader"])
    page = client.get("/ke-hoach/", {"year": 2024})
    name = page.context["table"][0][1][0][2]
    response = client.post("/ke-hoach/?year=2024", {name: "0"})
    assert "phải lớn hơn 0" in response.content.decode()
    assert client.post("/ke-hoach/?year=2024", {name: "30.000"}).status_code == 302
    login(client, users["mytu"])
    assert client.post("/ke-hoach/?year=2024", {name: "1"}).status_code in (403,)


def test_worklog_page_refuses_dates_outside_the_period(client, users, demo_q1):
    from ansinh.core.models import OrgUnit, Profile

    Profile.objects.filter(user=users["division"]).update(
        org_unit=OrgUnit.objects.get(code="SLDTBXH94-BTXH")
    )
    login(client, users["division"])
    data = {
        "period": "2024Q1",
        "a-topic": "children",
        "a-kind": "to_chuc",
        "a-text": "trao quà Tết Thiếu nhi",
        "a-date": "2024-04-26",
    }
    response = client.post("/nhat-ky/viec/?period=2024Q1", data)
    assert "nằm ngoài quý I/2024" in response.content.decode()
    assert (
        client.post("/nhat-ky/viec/?period=2024Q1", data | {"a-date": "2024-03-26"}).status_code
        == 302
    )


def test_admin_cannot_save_a_broken_placeholder(client, users, demo_q1):
    from ansinh.reports.admin import SectionForm
    from ansinh.reports.models import ReportSection

    section = ReportSection.objects.get(definition=demo_q1, number="2")
    data = {
        "definition": demo_q1.pk,
        "number": "2",
        "title": section.title,
        "topic": section.topic,
        "order": 20,
        "sentences": "Tuyển sinh {GDNN_TUYENSINH.dai_hoc} người; {VL_KHONGCO|pct}; {bad",
    }
    form = SectionForm(data, instance=section)
    assert not form.is_valid()
    messages = " ".join(form.errors["sentences"])
    assert "không khớp" in messages or "không có phân tổ" in messages
    section.refresh_from_db()
    assert "dai_hoc" not in section.sentences
    login(client, users["admin"])
    assert client.get(f"/quan-tri/reports/reportdefinition/{demo_q1.pk}/change/").status_code == 200


def test_word_template_can_be_restyled_and_a_broken_one_is_refused(client, users, demo_q1):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from docx import Document as New

    login(client, users["admin"])
    shipped = client.get("/bao-cao/mau-word/").getvalue()
    restyled = Document(io.BytesIO(shipped))
    restyled.styles["AS Noi dung"].font.size = (
        restyled.styles["AS Noi dung"].font.size + 12700
    )  # one point larger
    buffer = io.BytesIO()
    restyled.save(buffer)
    client.post(
        "/bao-cao/mau-word/?period=2024Q1",
        {"template": SimpleUploadedFile("mau.docx", buffer.getvalue())},
    )
    demo_q1.refresh_from_db()
    assert demo_q1.word_template is not None
    broken = New()
    broken.add_paragraph("{{ header.khong_co }}")
    buffer = io.BytesIO()
    broken.save(buffer)
    response = client.post(
        "/bao-cao/mau-word/?period=2024Q1",
        {"template": SimpleUploadedFile("hong.docx", buffer.getvalue())},
        follow=True,
    )
    assert "Không nhận mẫu Word này" in response.content.decode()
    demo_q1.refresh_from_db()
    assert (
        Document(io.BytesIO(bytes(demo_q1.word_template))).styles["AS Noi dung"].font.size.pt == 15
    )
    client.post("/bao-cao/lap/", {"period": "2024Q1", "acknowledge": "1"})
    from ansinh.reports.models import GeneratedReport

    issued = Document(io.BytesIO(bytes(GeneratedReport.objects.get().docx)))
    assert issued.styles["AS Noi dung"].font.size.pt == 15
    login(client, users["leader"])
    assert client.post("/bao-cao/mau-word/?period=2024Q1", {}).status_code == 403
