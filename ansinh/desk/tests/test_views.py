"""The desk's pages, documents, public look-up and import."""

import io
from datetime import date

import pytest
from docx import Document
from docx.shared import Mm
from openpyxl import load_workbook

from ansinh.core.concurrency import version_of
from ansinh.core.imports import run_import
from ansinh.core.models import OrgUnit
from ansinh.core.tests.fixtures import spreadsheet
from ansinh.core.tests.web import login
from ansinh.desk import services
from ansinh.desk.models import Dossier, LookupAttempt, Procedure

from .conftest import moment, new_dossier

pytestmark = pytest.mark.django_db


def docx_text(content):
    document = Document(io.BytesIO(content))
    cells = [
        p.text for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs
    ]
    return document, "\n".join([p.text for p in document.paragraphs] + cells)


def test_counter_form_receives_and_opens_the_slip_to_print(client, desk):
    login(client, "motcua")
    procedure = Procedure.objects.get(code="LD-GPLD-CAPLAI")
    page = client.get("/mot-cua/tiep-nhan/").content.decode()
    assert "autofocus" in page and 'accesskey="s"' in page
    checklist = client.get(f"/mot-cua/tiep-nhan/giay-to/?procedure={procedure.pk}").content.decode()
    assert all(item in checklist for item in procedure.document_list)
    response = client.post(
        "/mot-cua/tiep-nhan/",
        {
            "procedure": procedure.pk,
            "channel": "direct",
            "applicant_name": "Công ty TNHH Giày da Mỹ Phong",
            "outcome": "complete",
            "documents": procedure.document_list,
        },
    )
    dossier = Dossier.objects.get()
    assert (
        response.status_code == 302
        and response["Location"] == f"/mot-cua/ho-so/{dossier.pk}/in/?in=1"
    )
    slip = client.get(response["Location"]).content.decode()
    assert (
        dossier.code in slip
        and "data-auto-print" in slip
        and "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in slip
    )
    assert f"{dossier.due_date:%d/%m/%Y}" in slip


def test_counter_form_reshows_with_the_missing_documents(client, desk):
    login(client, "motcua")
    procedure = Procedure.objects.get(code="LD-GPLD-CAPLAI")
    response = client.post(
        "/mot-cua/tiep-nhan/",
        {
            "procedure": procedure.pk,
            "channel": "direct",
            "applicant_name": "Công ty A",
            "outcome": "complete",
            "documents": procedure.document_list[:1],
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Hồ sơ còn thiếu: " + procedure.document_list[1] in page
    assert (
        'value="' + procedure.document_list[0] + '" id="doc1" checked' in page
    )  # the ticks are kept
    assert not Dossier.objects.exists()


def test_viewer_cannot_receive(client, desk):
    login(client, "xem")
    assert client.get("/mot-cua/tiep-nhan/").status_code == 403


def _processed(desk):
    dossier = services.receive(desk["desk"], new_dossier(), "complete", at=moment(2024, 4, 19, 9))
    services.route(
        desk["desk"],
        dossier,
        OrgUnit.objects.get(code="SLDTBXH94-VLATLD"),
        at=moment(2024, 4, 19, 10),
    )
    services.apologise(
        desk["labour"], dossier, "Chờ xác minh", date(2024, 5, 4), at=moment(2024, 4, 25)
    )
    services.decide(
        desk["labour"],
        dossier,
        "approved",
        "Giấy phép lao động số 12/GPLĐ",
        at=moment(2024, 5, 3, 15),
    )
    return dossier


@pytest.mark.parametrize(
    "kind, title, width",
    [
        ("giay-hen", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", Mm(148)),
        ("kiem-soat", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", Mm(210)),
        ("xin-loi", "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", Mm(210)),
    ],
)
def test_forms_as_word_documents(client, desk, kind, title, width):
    dossier = _processed(desk)
    login(client, "motcua")
    response = client.get(f"/mot-cua/ho-so/{dossier.pk}/phieu/{kind}/")
    document, text = docx_text(response.getvalue())
    assert (
        title in text
        and dossier.code in text
        and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
        and "Độc lập - Tự do - Hạnh phúc" in text
    )
    assert "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI" in text and "UBND TỈNH SÓC TRĂNG" in text
    assert abs(document.sections[0].page_width - width) < Mm(1)
    if kind == "giay-hen":
        assert "ngày 26 tháng 04 năm 2024" in text and "09 giờ 00 phút" in text
    if kind == "xin-loi":
        assert "Chờ xác minh" in text and "ngày 04 tháng 05 năm 2024" in text
    if kind == "kiem-soat":
        assert "Trước hạn" in text and "vieclam" in text and "15:00 03/05/2024" in text


def test_supplement_and_refusal_forms(client, desk):
    incomplete = services.receive(
        desk["desk"], new_dossier(ticked=[]), "incomplete", at=moment(2024, 3, 4)
    )
    refused = services.receive(
        desk["desk"],
        new_dossier(refusal_reason="Không thuộc thẩm quyền"),
        "refused",
        at=moment(2024, 3, 4),
    )
    login(client, "motcua")
    _, text = docx_text(
        client.get(f"/mot-cua/ho-so/{incomplete.pk}/phieu/yeu-cau-bo-sung/").getvalue()
    )
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text and all(
        item in text for item in incomplete.procedure.document_list
    )
    _, text = docx_text(client.get(f"/mot-cua/ho-so/{refused.pk}/phieu/tu-choi/").getvalue())
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text and "Không thuộc thẩm quyền" in text
    assert client.get(f"/mot-cua/ho-so/{refused.pk}/phieu/giay-hen/").status_code == 404


def test_dossier_page_timeline_and_actions(client, desk):
    dossier = _processed(desk)
    login(client, "motcua")
    page = client.get(f"/mot-cua/ho-so/{dossier.pk}/").content.decode()
    for text in (
        "Tiếp nhận, hẹn trả",
        "Chuyển đơn vị xử lý",
        "Xin lỗi, hẹn lại ngày trả",
        "Có kết quả giải quyết",
        "trước hạn",
    ):
        assert text in page
    response = client.post(
        f"/mot-cua/ho-so/{dossier.pk}/tra-ket-qua/",
        {
            "version": version_of(dossier),
        },
        follow=True,
    )
    assert "đã trả kết quả" in response.content.decode()
    response = client.post(
        f"/mot-cua/ho-so/{dossier.pk}/tra-ket-qua/",
        {
            "version": version_of(dossier),
        },
        follow=True,
    )
    assert "không thể trả kết quả" in response.content.decode()


def test_inbox_shows_days_left_and_alerts(client, desk):
    today = date.today()
    dossier = services.receive(desk["desk"], new_dossier(), "complete")
    services.route(desk["desk"], dossier, OrgUnit.objects.get(code="SLDTBXH94-VLATLD"))
    Dossier.objects.filter(pk=dossier.pk).update(due_date=today)
    login(client, "vieclam")
    page = client.get("/mot-cua/cho-xu-ly/").content.decode()
    assert (
        dossier.code in page
        and "Hết hạn hôm nay" in page
        and "Đến hạn trong 2 ngày làm việc: 1" in page
    )
    login(client, "btxh")
    assert dossier.code not in client.get("/mot-cua/cho-xu-ly/").content.decode()


def test_stats_page_and_tracking_book(client, desk):
    _processed(desk)
    login(client, "lanhdao")
    page = client.get("/mot-cua/thong-ke/?period=2024Q2").content.decode()
    assert '<div class="fs-4" id="received">1</div>' in page and '<b id="early">1</b>' in page
    workbook = load_workbook(
        io.BytesIO(client.get("/mot-cua/so-theo-doi/?period=2024Q2&xuat=xlsx").getvalue())
    )
    rows = list(workbook.active.values)
    assert rows[0][1] == "Mã hồ sơ" and len(rows) == 2 and rows[1][8] == "04/05/2024"
    document, text = docx_text(
        client.get("/mot-cua/so-theo-doi/?period=2024Q2&xuat=docx").getvalue()
    )
    assert (
        "SỔ THEO DÕI HỒ SƠ" in text
        and document.sections[0].page_width > document.sections[0].page_height
    )


def test_public_lookup_shows_status_without_personal_data(client, desk):
    dossier = _processed(desk)
    page = client.post("/tra-cuu-ho-so/", {"code": dossier.code.lower()}).content.decode()
    assert "Đã có kết quả, chờ trả" in page and "C. t. T. T. s. P. Đạt" in page
    assert dossier.applicant_phone not in page and dossier.applicant_address not in page


def test_public_lookup_is_rate_limited_and_does_not_enumerate(client, desk):
    dossier = _processed(desk)
    guessed = dossier.code[:-4] + ("AAAA" if not dossier.code.endswith("AAAA") else "BBBB")
    for _ in range(10):
        response = client.post("/tra-cuu-ho-so/", {"code": guessed})
        assert (
            response.status_code == 200
            and "Không tìm thấy hồ sơ có mã này" in response.content.decode()
        )
    response = client.post("/tra-cuu-ho-so/", {"code": dossier.code})
    assert response.status_code == 429 and "quá nhiều lần" in response.content.decode()
    assert dossier.applicant_name not in response.content.decode()
    assert LookupAttempt.objects.filter(found=True).count() == 0


def test_import_from_the_portal_all_or_nothing(desk):
    headers = [
        "Mã hồ sơ trên Cổng",
        "Mã thủ tục",
        "Thời điểm nộp",
        "Tên người nộp / tổ chức",
        "Ngày hẹn trả",
    ]
    good = [
        "000.00.31.H55-240105-0012",
        "LD-GPLD-CAP",
        "05/01/2024 14:35",
        "Công ty TNHH Thủy sản Phát Đạt",
        "",
    ]
    rows = [
        good,
        ["000.00.31.H55-240105-0013", "LD-XYZ", "05/01/2024 15:00", "Công ty B", ""],
        [
            "000.00.31.H55-240105-0014",
            "LD-GPLD-GIAHAN",
            "26/04/2024 09:00",
            "Công ty C",
            "30/04/2024",
        ],
        ["000.00.31.H55-240105-0012", "NCC-MAITANG", "31/02/2024 09:00", "", ""],
    ]
    result = run_import(
        "dossiers", spreadsheet(headers, rows), "cong.xlsx", desk["desk"], commit=True
    )
    messages = [str(p) for p in result.errors]
    assert not result.committed and not Dossier.objects.exists()
    assert (
        "Dòng 3, cột “Mã thủ tục”: không có thủ tục mã “LD-XYZ” trong danh mục thủ tục đang áp dụng."
        in messages
    )
    assert any(
        m.startswith(
            "Dòng 4, cột “Ngày hẹn trả”: Ngày hẹn trả 30/04/2024 là ngày nghỉ (Ngày Chiến thắng)"
        )
        for m in messages
    )
    assert any(
        m.startswith(
            "Dòng 5, cột “Mã thủ tục”: thủ tục NCC-MAITANG không cung cấp dịch vụ công trực tuyến"
        )
        for m in messages
    )
    assert any(m.startswith("Dòng 5, cột “Thời điểm nộp”") for m in messages)
    assert any(m.startswith("Dòng 5, cột “Tên người nộp / tổ chức”") for m in messages)
    result = run_import(
        "dossiers", spreadsheet(headers, [good]), "cong.xlsx", desk["desk"], commit=True
    )
    dossier = Dossier.objects.get()
    assert (
        result.created == 1
        and dossier.channel == "online"
        and dossier.due_date == date(2024, 1, 12)
    )  # 08, 09, 10, 11, 12
    assert dossier.steps.get().kind == "received" and dossier.history.count() == 1
    again = run_import(
        "dossiers", spreadsheet(headers, [good]), "cong.xlsx", desk["desk"], commit=True
    )
    assert "đã được nhập trước đây" in str(again.errors[0])


def test_the_desk_inbox_holds_what_to_route_and_what_to_hand_back(client, desk):
    waiting = services.receive(desk["desk"], new_dossier(), "complete")
    decided = services.receive(desk["desk"], new_dossier(), "complete")
    services.route(desk["desk"], decided, OrgUnit.objects.get(code="SLDTBXH94-VLATLD"))
    services.decide(desk["labour"], decided, "approved", "GPLĐ số 3")
    login(client, "motcua")
    page = client.get("/mot-cua/cho-xu-ly/").content.decode()
    assert waiting.code in page and decided.code in page and "Có kết quả, chờ trả: 1" in page
    login(client, "vieclam")
    page = client.get("/mot-cua/cho-xu-ly/").content.decode()
    assert waiting.code not in page and decided.code not in page


def test_api_has_the_pages_scope_and_never_a_denouncer(client, desk):
    from ansinh.desk.models import Petition

    dossier = _processed(desk)
    services.register_petition(
        desk["inspector"],
        Petition(
            kind="to_cao",
            field="labour",
            source="post",
            received_on=date(2024, 2, 19),
            summary="Tố cáo",
        ),
        {"full_name": "Nguyễn Thị Bảo Mật"},
    )
    login(client, "thanhtra")
    petitions = client.get("/api/desk/petitions/").json()
    assert petitions["count"] == 1 and "Bảo Mật" not in str(petitions)
    login(client, "mytu")
    assert client.get("/api/desk/dossiers/").json()["count"] == 0
    assert client.get(f"/api/desk/dossiers/{dossier.pk}/").status_code == 404
    login(client, "lanhdao")
    assert client.get(f"/api/desk/dossiers/{dossier.pk}/").json()["due_date"] == "2024-05-04"
    totals = client.get("/api/desk/timeliness/?period=2024Q2").json()["totals"]
    assert (totals["received"], totals["early"]) == (1, 1)
    assert "không hợp lệ" in client.get("/api/desk/timeliness/?period=quy2").json()["period"]


def test_a_wrong_period_is_said_and_the_current_quarter_shown(client, desk):
    login(client, "lanhdao")
    page = client.get("/mot-cua/thong-ke/?period=quy2").content.decode()
    assert (
        "Giá trị “quy2” của tham số “period” không hợp lệ" in page
        and "Tình hình giải quyết hồ sơ – quý" in page
    )


def test_inbox_counts_each_alert_once(desk):
    from datetime import timedelta

    from ansinh.desk import queries

    today = date.today()
    made = [services.receive(desk["desk"], new_dossier(), "complete") for _ in range(5)]
    S = Dossier.Status
    for dossier, status, due in zip(
        made,
        [S.ACCEPTED, S.PROCESSING, S.DEFICIENT, S.DECIDED, S.RETURNED],
        [today - timedelta(days=1), today, today + timedelta(days=30), today, today],
        strict=True,
    ):
        Dossier.objects.filter(pk=dossier.pk).update(status=status, due_date=due)
    counts = queries.inbox_counts(Dossier.objects.all(), today, today + timedelta(days=2))
    assert counts == {"open": 3, "overdue": 1, "due_soon": 1, "deficient": 1, "to_return": 1}
