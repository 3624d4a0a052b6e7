"""The Decree 30/2020 document builder: page set-up, header, number, date, signature, issuer."""

import io
from datetime import date

import pytest
from docx import Document
from docx.oxml.ns import qn

from ansinh.core import decree30
from ansinh.core.models import AdminUnit, OrgUnit
from ansinh.core.rules import FEMALE, MALE


def reopened(document):
    buffer = io.BytesIO()
    document.save(buffer)
    return Document(io.BytesIO(buffer.getvalue()))


def build(size=decree30.A4, number="Số: 12/QĐ-SLĐTBXH"):
    document = decree30.new_document(size)
    style = decree30.styles(document)
    decree30.header(
        document,
        style,
        "UBND TỈNH SÓC TRĂNG",
        "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
        number,
        decree30.date_line("Sóc Trăng", date(2024, 4, 15)),
    )
    decree30.add_line(document, "QUYẾT ĐỊNH", style["type"])
    decree30.add_line(document, "1. Việc làm", style["heading"])
    decree30.add_line(document, "Nội dung.", style["body"])
    decree30.closing(
        document,
        style,
        ["- Như Điều 3;", "- Lưu: VT."],
        decree30.Signature("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Minh Tuấn"),
    )
    return reopened(document)


def rules_in(cell):
    """(index of the paragraph the rule follows, rule width in cm) of each short rule in a cell."""
    found, paragraphs = [], -1
    for child in cell._tc.iterchildren():
        if child.tag == qn("w:p"):
            paragraphs += 1
        elif child.tag == qn("w:tbl"):
            top = child.tblPr.find(qn("w:tblBorders")).find(qn("w:top"))
            assert top.get(qn("w:val")) == "single"
            width = int(child.tblPr.find(qn("w:tblW")).get(qn("w:w")))
            found.append((paragraphs, round(width / 567, 1)))
    return found


def test_header_cells_rules_under_the_agency_and_the_motto():
    document = build()
    left, right = document.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs] == [
        "UBND TỈNH SÓC TRĂNG",
        "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
        "Số: 12/QĐ-SLĐTBXH",
    ]
    assert [p.text for p in right.paragraphs] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Sóc Trăng, ngày 15 tháng 04 năm 2024",
    ]
    assert left.paragraphs[1].style.font.bold and not left.paragraphs[0].style.font.bold
    assert right.paragraphs[2].style.font.italic
    ((after_agency, agency_rule),) = rules_in(left)
    ((after_motto, motto_rule),) = rules_in(right)
    assert after_agency == 1 and after_motto == 1  # right under the agency, right under the motto
    assert 1.5 < agency_rule < 3.5 and 5 < motto_rule < 7  # short: not the width of the cell


def test_signer_name_under_the_signature_and_recipients():
    document = build()
    left, right = document.tables[-1].rows[0].cells
    assert [p.text for p in right.paragraphs] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Minh Tuấn"]
    assert right.paragraphs[-1].style.paragraph_format.space_before.pt >= 36  # room to sign
    assert left.paragraphs[0].text == "Nơi nhận:"
    assert left.paragraphs[0].style.font.bold and left.paragraphs[0].style.font.italic
    assert left.paragraphs[1].style.font.size.pt == 11


def test_headings_are_kept_with_the_next_paragraph_and_body_is_justified():
    document = build()
    paragraphs = {p.text: p for p in document.paragraphs}
    assert paragraphs["QUYẾT ĐỊNH"].style.paragraph_format.keep_with_next
    assert paragraphs["1. Việc làm"].style.paragraph_format.keep_with_next
    body = paragraphs["Nội dung."].style
    assert body.font.name == "Times New Roman" and body.font.size.pt == 14
    assert (
        body.paragraph_format.first_line_indent
        and body.paragraph_format.alignment == decree30.JUSTIFY
    )


@pytest.mark.parametrize(
    "size,landscape,expected",
    [
        (decree30.A4, False, [210, 297, 20, 20, 30, 15]),
        (decree30.A5, False, [148, 210, 15, 15, 20, 10]),
        (decree30.A4, True, [297, 210, 20, 20, 30, 15]),
    ],
)
def test_page_sizes_and_margins(size, landscape, expected):
    section = reopened(decree30.new_document(size, landscape)).sections[0]
    values = (
        section.page_width,
        section.page_height,
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
    )
    assert [round(v.mm) for v in values] == expected


def test_a5_form_keeps_its_header():
    document = build(decree30.A5)
    assert round(document.sections[0].page_width.mm) == 148
    assert (
        document.tables[0].rows[0].cells[0].paragraphs[1].text
        == "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"
    )


def test_number_is_left_blank_before_the_symbol_when_filled_by_hand():
    assert decree30.number_line("12", "QĐ-SLĐTBXH") == "Số: 12/QĐ-SLĐTBXH"
    blank = decree30.number_line("", "BC-SLĐTBXH")
    assert blank.startswith("Số: ") and blank.endswith("/BC-SLĐTBXH")
    assert (
        blank.removeprefix("Số: ").removesuffix("/BC-SLĐTBXH").strip() == ""
        and len(blank) >= len("Số: /BC-SLĐTBXH") + 4
    )


def test_dates_in_words():
    assert (
        decree30.date_line("Sóc Trăng", date(2024, 7, 5)) == "Sóc Trăng, ngày 05 tháng 07 năm 2024"
    )
    assert decree30.date_line("Mỹ Tú", None) == "Mỹ Tú, ngày … tháng … năm …"


def test_honorific_from_sex():
    assert decree30.honorific(FEMALE) == "Bà" and decree30.honorific(MALE) == "Ông"


@pytest.mark.django_db
def test_issuer_comes_from_the_unit(soc_trang):
    province = AdminUnit.objects.get(level="province", valid_from=None)
    district = AdminUnit.objects.get(level="district", code="944", valid_from=None)
    commune = district.children.order_by("code").first()
    assert decree30.issuer_of(province, date(2024, 4, 15)) == decree30.Issuer(
        "UBND tỉnh Sóc Trăng", "Sở Lao động - Thương binh và Xã hội", "Sóc Trăng", "SLĐTBXH"
    )
    assert decree30.issuer_of(district, date(2024, 4, 15)) == decree30.Issuer(
        "UBND huyện Mỹ Tú", "Phòng Lao động - Thương binh và Xã hội", "Mỹ Tú", "LĐTBXH"
    )
    assert decree30.issuer_of(commune).agency == f"UBND {commune.name}"
    assert decree30.province_of(commune) == province
    office = OrgUnit.objects.get(kind=OrgUnit.Kind.DISTRICT_OFFICE, territory=district)
    assert decree30.issuer_of(office) == decree30.issuer_of(district, date(2024, 4, 15))
    assert (
        decree30.issuer_of(district, date(2025, 8, 1)).agency
        == "Phòng Lao động - Thương binh và Xã hội"
    )  # closed: its last office


@pytest.mark.django_db
def test_issuer_on_a_date_follows_the_organisation(soc_trang):
    province = AdminUnit.objects.get(level="province", valid_from=None)
    old = OrgUnit.objects.get(kind=OrgUnit.Kind.DEPARTMENT, territory=province, valid_to=None)
    OrgUnit.objects.filter(pk=old.pk).update(valid_to=date(2025, 2, 28))
    OrgUnit.objects.create(
        code="SNV94",
        name="Sở Nội vụ tỉnh Sóc Trăng",
        short_name="SNV",
        kind=OrgUnit.Kind.DEPARTMENT,
        territory=province,
        valid_from=date(2025, 3, 1),
    )
    assert (
        decree30.issuer_of(province, date(2025, 2, 28)).agency
        == "Sở Lao động - Thương binh và Xã hội"
    )
    after = decree30.issuer_of(province, date(2025, 3, 1))
    assert (after.agency, after.symbol) == ("Sở Nội vụ", "SNV")


def test_a_header_without_number_ends_each_cell_with_a_paragraph():
    document = decree30.new_document(decree30.A5, font_size=12)
    style = decree30.styles(document, 12, header_sizes=(10, 10))
    decree30.header(
        document,
        style,
        "UBND TỈNH SÓC TRĂNG",
        "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
        "",
        "Sóc Trăng, ngày 19 tháng 04 năm 2024",
        sub_unit="BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",
    )
    for cell in reopened(document).tables[0].rows[0].cells:
        assert list(cell._tc.iterchildren())[-1].tag == qn("w:p")  # Word and LibreOffice need it
