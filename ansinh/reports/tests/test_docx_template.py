"""The shipped report template, built by the core Decree 30 builder."""

import io

from docx import Document
from docx.oxml.ns import qn

from ansinh.reports import documents


def content(number):
    return {
        "header": {
            "parent_agency": "UBND tỉnh Sóc Trăng",
            "agency": "Sở Lao động - Thương binh và Xã hội",
            "number": number,
            "number_suffix": "BC-SLĐTBXH",
            "date_text": "Sóc Trăng, ngày 15 tháng 4 năm 2024",
            "summary": "Kết quả",
        },
        "parts": [
            {
                "heading": "I. TÌNH HÌNH",
                "sections": [
                    {"number": "1", "title": "Việc làm", "paragraphs": [[{"t": "Nội dung."}]]}
                ],
            }
        ],
        "recipients": ["Lưu: VT."],
        "signer": {"authority": "KT. GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC", "name": "Trần Minh Tuấn"},
    }


def header_and_closing(number):
    document = Document(io.BytesIO(documents.render_docx(content(number))))
    left = document.tables[0].rows[0].cells[0]
    return (
        document,
        [p.text for p in left.paragraphs],
        [p.text for p in document.tables[-1].rows[0].cells[1].paragraphs],
    )


def test_a_number_filled_by_hand_leaves_a_blank_before_the_symbol():
    _, header, _ = header_and_closing("")
    number = header[2]
    assert number.startswith("Số: ") and number.endswith("/BC-SLĐTBXH")
    assert (
        number.removeprefix("Số: ").removesuffix("/BC-SLĐTBXH").strip() == ""
        and len(number) >= len("Số: /BC-SLĐTBXH") + 4
    )
    assert header_and_closing("05")[1][2] == "Số: 05/BC-SLĐTBXH"


def test_rule_under_the_agency_headings_kept_with_next_and_signer_name():
    document, header, closing = header_and_closing("05")
    left = document.tables[0].rows[0].cells[0]
    assert header[:2] == ["UBND TỈNH SÓC TRĂNG", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"]
    assert [child.tag for child in left._tc.iterchildren()][2:5] == [
        qn("w:p"),
        qn("w:tbl"),
        qn("w:p"),
    ]
    assert closing == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Minh Tuấn"]
    headings = [p for p in document.paragraphs if p.text in ("I. TÌNH HÌNH", "1. Việc làm")]
    assert len(headings) == 2 and all(p.style.paragraph_format.keep_with_next for p in headings)
