"""Pages: every door filters by the user's scope; bad forms are shown again, nothing written."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from ansinh.core.concurrency import version_of
from ansinh.core.models import AccessLog
from ansinh.core.tests.factories import PersonFactory
from ansinh.core.tests.web import login
from ansinh.merit import services
from ansinh.merit.models import Campaign, Decision

from .helpers import paying_record

pytestmark = pytest.mark.usefixtures("merit")


@pytest.fixture
def two(my_tu_commune, ke_sach_commune):
    return (
        paying_record(my_tu_commune, "CDHH", 85, full_name="Lâm Văn Mỹ Tú"),
        paying_record(ke_sach_commune, "TB_A", 61, full_name="Kim Văn Kế Sách"),
    )


@pytest.mark.parametrize(
    "url",
    [
        "/nguoi-co-cong/ho-so/",
        "/nguoi-co-cong/quyet-dinh/",
        "/nguoi-co-cong/tinh-lai/",
        "/nguoi-co-cong/thu-hoi/",
        "/nguoi-co-cong/bang-muc/",
        "/nguoi-co-cong/qua-tang/",
        "/nguoi-co-cong/ho-so/them/",
        "/nguoi-co-cong/ho-so/chuyen-den/",
        "/nguoi-co-cong/chi-tra/",
        "/linh-vuc/merit/",
    ],
)
def test_pages_render_for_the_merit_officer(client, ncc, two, url):
    response = login(client, "ncc").get(url, follow=True)
    assert response.status_code == 200


def test_record_page_shows_month_by_month_amounts_with_the_decree(client, ncc, two):
    page = login(client, "ncc").get(f"/nguoi-co-cong/ho-so/{two[0].pk}/").content.decode()
    assert "Nghị định 77/2024" in page and "Nghị định 75/2021" in page and "85%" in page
    assert AccessLog.objects.filter(person=two[0].person, action="view").exists()


def test_district_officer_sees_only_the_district_through_every_door(client, users, ncc, two):
    mine, other = two
    decision = services.draft_decision(
        ncc, other, "one_off", date(2024, 3, 1), "mot_lan_khang_chien"
    )
    login(client, "mytu")
    listing = client.get("/nguoi-co-cong/ho-so/").content.decode()
    assert "Lâm Văn Mỹ Tú" in listing and "Kim Văn Kế Sách" not in listing
    assert client.get(f"/nguoi-co-cong/ho-so/{other.pk}/").status_code == 404
    assert client.get(f"/nguoi-co-cong/quyet-dinh/{decision.pk}/").status_code == 404
    assert client.get(f"/nguoi-co-cong/quyet-dinh/{decision.pk}/tep.docx").status_code == 404
    assert (
        client.post(
            f"/nguoi-co-cong/ho-so/{other.pk}/giam-dinh/", {"version": version_of(other)}
        ).status_code
        == 404
    )
    export = client.get("/nguoi-co-cong/ho-so/xuat.xlsx")
    names = [
        row[1]
        for row in load_workbook(io.BytesIO(export.getvalue())).active.iter_rows(
            min_row=2, values_only=True
        )
    ]
    assert names == ["Lâm Văn Mỹ Tú"]
    assert AccessLog.objects.filter(user=users["mytu"], action="export").exists()


def test_viewer_reads_but_cannot_export_or_write(client, users, two):
    login(client, "lanhdao")
    assert client.get(f"/nguoi-co-cong/ho-so/{two[0].pk}/").status_code == 200
    assert client.get("/nguoi-co-cong/ho-so/xuat.xlsx").status_code == 200
    login(client, "xem")
    assert (
        client.get(f"/nguoi-co-cong/ho-so/{two[0].pk}/").status_code == 403
    )  # need to know: counts only
    assert client.get("/nguoi-co-cong/ho-so/xuat.xlsx").status_code == 403
    assert (
        client.post(
            f"/nguoi-co-cong/ho-so/{two[0].pk}/giam-dinh/",
            {"version": version_of(two[0]), "date": "2024-01-10", "rate": "50", "council": "HĐ"},
        ).status_code
        == 403
    )


def test_bad_assessment_form_is_shown_again_with_the_reason(client, ncc, two):
    record = two[1]
    response = login(client, "ncc").post(
        f"/nguoi-co-cong/ho-so/{record.pk}/giam-dinh/",
        {
            "version": version_of(record),
            "date": "2024-01-10",
            "rate": "15",
            "council": "Hội đồng GĐYK tỉnh",
            "minutes": "BB-7",
        },
    )
    page = response.content.decode()
    assert (
        response.status_code == 400
        and "phải từ 21% đến 100% (đã nhập 15%)" in page
        and 'value="BB-7"' in page
    )
    assert record.assessments.count() == 1


def test_decision_drafted_approved_and_downloaded(client, users, ncc, two):
    record = two[0]
    login(client, "ncc")
    response = client.post(
        f"/nguoi-co-cong/ho-so/{record.pk}/du-thao/",
        {
            "version": version_of(record),
            "kind": "one_off",
            "table": "bao_tu",
            "effective": "2024-03-01",
            "count": "1",
        },
    )
    decision = Decision.objects.get()
    assert response["Location"].endswith(f"/quyet-dinh/{decision.pk}/")
    assert (
        "Duyệt, vào sổ"
        not in client.get(f"/nguoi-co-cong/quyet-dinh/{decision.pk}/").content.decode()
    )
    login(client, "lanhdao")
    client.post(f"/nguoi-co-cong/quyet-dinh/{decision.pk}/duyet/", {"signed_on": "2024-03-05"})
    decision.refresh_from_db()
    assert decision.number_text == "01/QĐ-SLĐTBXH"
    again = client.post(
        f"/nguoi-co-cong/quyet-dinh/{decision.pk}/duyet/", {}, follow=True
    ).content.decode()
    assert "không duyệt lần thứ hai" in again
    docx = client.get(f"/nguoi-co-cong/quyet-dinh/{decision.pk}/tep.docx")
    assert docx.status_code == 200 and docx["Content-Disposition"].endswith('QD-2024-0001.docx"')


def test_campaign_list_built_from_the_registry(client, ncc, two):
    login(client, "ncc")
    client.post(
        "/nguoi-co-cong/qua-tang/",
        {
            "kind": "tet",
            "year": "2025",
            "title": "Quà Tết Ất Tỵ",
            "basis": "Kế hoạch UBND tỉnh",
            "amounts": '{"TB_A": 500000, "*": 300000}',
        },
    )
    campaign = Campaign.objects.get()
    client.post("/nguoi-co-cong/qua-tang/", {"action": "build", "campaign": campaign.pk})
    assert sorted(campaign.entries.values_list("amount", flat=True)) == [300_000, 500_000]
    bad = client.post(
        "/nguoi-co-cong/qua-tang/",
        {
            "kind": "27_7",
            "year": "2025",
            "title": "Quà 27/7",
            "basis": "KH",
            "amounts": '{"TB_A": 500500}',
        },
    ).content.decode()
    assert "làm tròn đến 1.000 đồng" in bad and Campaign.objects.count() == 1


def test_merit_payroll_through_the_shared_payroll_pages(client, users, ncc, two, province):
    from ansinh.payroll.models import PayrollCycle

    login(client, "btxh")
    assert (
        client.post(
            "/bao-tro/chi-tra/", {"scheme": "merit", "unit": province.pk, "month": "2024-07"}
        ).status_code
        == 403
    )
    login(client, "ncc")
    response = client.post(
        "/bao-tro/chi-tra/", {"scheme": "merit", "unit": province.pk, "month": "2024-07"}
    )
    cycle = PayrollCycle.objects.get(scheme="merit")
    assert response["Location"].endswith(f"/chi-tra/{cycle.pk}/") and cycle.status == "draft"
    page = client.get(f"/bao-tro/chi-tra/{cycle.pk}/").content.decode()
    assert "Lâm Văn Mỹ Tú" in page and "Kim Văn Kế Sách" in page and "7.757.000" in page
    assert (
        "Chưa lập danh sách nào" in client.get("/bao-tro/chi-tra/?scheme=welfare").content.decode()
    )


def test_api_has_the_same_scope(users, ncc, two):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(users["mytu"])
    listed = api.get("/api/merit/records/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [r["person_name"] for r in rows] == ["Lâm Văn Mỹ Tú"] and rows[0]["assessments"][0][
        "rate"
    ] == 85
    assert api.get(f"/api/merit/records/{two[1].pk}/").status_code == 404
    assert api.get(f"/api/merit/records/{two[0].pk}/").status_code == 200
    assert AccessLog.objects.filter(user=users["mytu"], channel="api").exists()
    services.draft_decision(ncc, two[1], "one_off", date(2024, 3, 1), "bao_tu")
    decisions = api.get("/api/merit/decisions/").json()
    assert (decisions["results"] if isinstance(decisions, dict) else decisions) == []


def test_evidence_scan_is_served_only_within_scope_and_logged(
    client, users, ncc, two, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.DATA_DIR = tmp_path
    record = two[0]
    login(client, "ncc")
    bad = client.post(
        f"/nguoi-co-cong/ho-so/{record.pk}/giay-to/",
        {
            "version": version_of(record),
            "kind": "Giấy chứng nhận",
            "file": SimpleUploadedFile("x.exe", b"MZ"),
        },
    )
    assert bad.status_code == 400 and "Chỉ nhận tệp PDF, JPG hoặc PNG." in bad.content.decode()
    client.post(
        f"/nguoi-co-cong/ho-so/{record.pk}/giay-to/",
        {
            "version": version_of(record),
            "kind": "Giấy chứng nhận",
            "number": "12/GCN",
            "file": SimpleUploadedFile("gcn.pdf", b"%PDF-1.4 test"),
        },
    )
    item = record.evidence.get()
    assert (tmp_path / "uploads" / item.file.name).exists()
    download = client.get(f"/nguoi-co-cong/giay-to/{item.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 test"
    login(client, "kesach")
    assert client.get(f"/nguoi-co-cong/giay-to/{item.pk}/").status_code == 404
    assert AccessLog.objects.filter(user=ncc, action="export", person=record.person).exists()


def test_records_the_tables_cannot_compute_are_listed_on_the_payroll(
    client, users, ncc, two, province, my_tu_commune
):
    from ansinh.payroll import engine
    from ansinh.payroll.models import PayrollCycle

    odd = paying_record(
        my_tu_commune, "TB_A", 35, full_name="Sơn Văn Ba Lăm"
    )  # only anchor rows are shipped
    cycle = engine.generate(
        engine.start_cycle(
            users["admin"], province, date(2024, 7, 1), scheme=PayrollCycle.Scheme.MERIT
        )
    )
    assert not cycle.lines.filter(merit_record=odd).exists() and cycle.line_count == 2
    page = login(client, "ncc").get(f"/bao-tro/chi-tra/{cycle.pk}/").content.decode()
    assert (
        "1 hồ sơ chưa tính được" in page
        and f"/nguoi-co-cong/ho-so/{odd.pk}/" in page
        and "cho tỷ lệ 35%" in page
    )


def test_record_page_marks_only_differences_not_yet_decided(
    client, users, ncc, province, my_tu_commune
):
    from ansinh.merit import recalc

    from .helpers import close_payrolls

    record = paying_record(
        my_tu_commune, "CDHH", 85, start=date(2023, 5, 1), full_name="Lý Văn Chín"
    )
    close_payrolls(users["admin"], province, date(2023, 5, 1), date(2023, 6, 1))
    services.add_assessment(
        ncc, record, date(2023, 7, 10), date(2023, 5, 1), 50, "Hội đồng GĐYK tỉnh"
    )
    page = login(client, "ncc").get(f"/nguoi-co-cong/ho-so/{record.pk}/").content.decode()
    assert page.count('class="table-warning"') == 2
    record.refresh_from_db()
    services.approve_decision(
        users["leader"], recalc.draft_adjustment(ncc, record), date(2023, 7, 20)
    )
    page = client.get(f"/nguoi-co-cong/ho-so/{record.pk}/").content.decode()
    assert page.count('class="table-warning"') == 0 and "-2.456.000" in page


def test_report_trace_links_to_the_decisions_behind_a_figure(client, users, ncc, two, province):
    from ansinh.indicators.services import load_catalogue

    load_catalogue()
    decision = services.draft_decision(
        ncc, two[0], "one_off", date(2024, 2, 1), "mot_lan_khang_chien"
    )
    services.approve_decision(users["leader"], decision, date(2024, 2, 5))
    funeral_person = two[1].person
    funeral_person.death_date = date(2024, 2, 10)
    funeral_person.save()
    services.approve_decision(
        users["leader"], services.draft_decision(ncc, two[1], "funeral"), date(2024, 2, 20)
    )
    trace = (
        login(client, "lanhdao")
        .get("/chi-tieu/NCC_MAITANG/", {"period": "2024Q1", "unit": "94"})
        .content.decode()
    )
    url = "/nguoi-co-cong/quyet-dinh/?kind=funeral&amp;status=approved&amp;period=2024Q1"
    assert url in trace
    listing = client.get(url.replace("&amp;", "&")).content.decode()
    assert (
        "1 quyết định" in listing
        and "Kim Văn Kế Sách" in listing
        and "Lâm Văn Mỹ Tú" not in listing
    )


def test_relation_form_is_shown_again_with_the_reason(client, ncc, two, my_tu_commune):

    carer = PersonFactory(
        commune=my_tu_commune, full_name="Trần Thị Tám", sex="nu", birth_year=1975
    )
    response = login(client, "ncc").post(
        f"/nguoi-co-cong/ho-so/{two[0].pk}/quan-he/",
        {"version": version_of(two[0]), "personal_id_or_pk": str(carer.pk), "kind": "caregiver"},
    )
    assert response.status_code == 400 and "Ghi ngày bắt đầu phục vụ" in response.content.decode()
    assert not two[0].relations.exists()
    client.post(
        f"/nguoi-co-cong/ho-so/{two[0].pk}/quan-he/",
        {
            "version": version_of(two[0]),
            "personal_id_or_pk": str(carer.pk),
            "kind": "caregiver",
            "since": "2024-07-01",
        },
    )
    assert two[0].relations.get().person == carer


def test_payroll_api_tells_the_schemes_apart(users, two, province):
    from rest_framework.test import APIClient

    from ansinh.payroll import engine
    from ansinh.payroll.models import PayrollCycle

    engine.generate(
        engine.start_cycle(
            users["admin"], province, date(2024, 7, 1), scheme=PayrollCycle.Scheme.MERIT
        )
    )
    api = APIClient()
    api.force_authenticate(users["leader"])
    body = api.get("/api/welfare/payrolls/", {"scheme": "merit"}).json()
    rows = body["results"] if isinstance(body, dict) else body
    assert [(r["scheme"], r["line_count"]) for r in rows] == [("merit", 2)]
    body = api.get("/api/welfare/payrolls/", {"scheme": "welfare"}).json()
    assert (body["results"] if isinstance(body, dict) else body) == []
