"""A decision as a Word document in the Decree 30/2020 format."""

import io
from datetime import date

import pytest
from docx import Document

from ansinh.merit import documents, services

from .helpers import paying_record

pytestmark = pytest.mark.usefixtures("merit")


@pytest.fixture
def decision(ncc, users, my_tu_commune):
    users["leader"].first_name, users["leader"].last_name = "Tuấn", "Trần Minh"
    users["leader"].save()
    record = paying_record(
        my_tu_commune, "CDHH", 30, start=None, full_name="Huỳnh Thị Mai", sex="nu"
    )
    draft = services.draft_decision(ncc, record, "monthly", date(2024, 7, 1))
    return services.approve_decision(users["leader"], draft, date(2024, 7, 5))


def texts(data):
    document = Document(io.BytesIO(data))
    header = [p.text for cell in document.tables[0].rows[0].cells for p in cell.paragraphs]
    closing = [[p.text for p in cell.paragraphs] for cell in document.tables[-1].rows[0].cells]
    return document, header, [p.text for p in document.paragraphs], closing


def test_header_number_amount_in_words_and_signature(decision):
    document, header, body, closing = texts(documents.decision_docx(decision))
    assert header == [
        "UBND TỈNH SÓC TRĂNG",
        "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
        "Số: 01/QĐ-SLĐTBXH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Sóc Trăng, ngày 05 tháng 07 năm 2024",
    ]
    cells = document.tables[0].rows[0].cells
    assert cells[0].paragraphs[1].style.font.bold and cells[1].paragraphs[2].style.font.italic
    assert (
        "QUYẾT ĐỊNH" in body
        and "Về việc trợ cấp hằng tháng đối với Huỳnh Thị Mai" in body
        and "QUYẾT ĐỊNH:" in body
    )
    assert "Số tiền: 2.120.000 đồng (Bằng chữ: Hai triệu một trăm hai mươi nghìn đồng)." in body
    assert any(line.startswith("Điều 1. Bà: Huỳnh Thị Mai") for line in body)
    assert closing[0][0] == "Nơi nhận:" and closing[0][-1] == "- Lưu: VT, NCC."
    assert closing[1] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Minh Tuấn"]
    section = document.sections[0]
    assert [
        round(v.mm)
        for v in (
            section.page_width,
            section.page_height,
            section.left_margin,
            section.right_margin,
        )
    ] == [210, 297, 30, 15]
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_draft_is_marked_and_unnumbered(ncc, my_tu_commune):
    record = paying_record(my_tu_commune, "CDHH", 30)
    draft = services.correct(ncc, record, "full_name", "Trần Văn Bảy Lớn", "Giấy khai sinh")
    _, header, body, _ = texts(documents.decision_docx(draft))
    assert (
        header[2] == "Số: …/QĐ-SLĐTBXH"
        and "QUYẾT ĐỊNH (DỰ THẢO)" in body
        and header[5] == "Sóc Trăng, ngày … tháng … năm …"
    )


@pytest.mark.parametrize(
    "amount,words",
    [
        (-99_187_075_000, "Chín mươi chín tỷ một trăm tám mươi bảy triệu bảy mươi lăm nghìn đồng"),
        (1_405_000, "Một triệu bốn trăm lẻ năm nghìn đồng"),
        (23_400_000, "Hai mươi ba triệu bốn trăm nghìn đồng"),
    ],
)
def test_amount_in_words(amount, words):
    assert services.amount_words(amount) == words


def test_decision_shows_the_agency_of_the_records_province(ncc, users, my_tu_commune):
    """The agency, parent authority, place and symbol are the unit's data, not constants."""
    from ansinh.core.models import OrgUnit

    province = my_tu_commune.parent.parent
    type(province).objects.filter(pk=province.pk).update(name="Tỉnh Hậu Giang")
    OrgUnit.objects.filter(kind=OrgUnit.Kind.DEPARTMENT, territory=province).update(
        name="Sở Lao động - Thương binh và Xã hội tỉnh Hậu Giang", short_name="SLĐTBXHHG"
    )
    record = paying_record(my_tu_commune, "CDHH", 30, start=None, full_name="Lý Văn Tư", sex="nam")
    draft = services.draft_decision(ncc, record, "monthly", date(2024, 7, 1))
    decision = services.approve_decision(users["leader"], draft, date(2024, 7, 5))
    _, header, body, _ = texts(documents.decision_docx(decision))
    assert header[:3] == [
        "UBND TỈNH HẬU GIANG",
        "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
        "Số: 01/QĐ-SLĐTBXHHG",
    ]
    assert header[5] == "Hậu Giang, ngày 05 tháng 07 năm 2024"
    assert any(line.startswith("Điều 1. Ông: Lý Văn Tư") for line in body)
    assert any("và ông có tên tại Điều 1" in line for line in body)


def test_no_document_module_names_a_province():
    from pathlib import Path

    import ansinh

    for path in Path(ansinh.__file__).parent.glob("*/documents.py"):
        assert "Sóc Trăng" not in path.read_text(encoding="utf-8"), path
