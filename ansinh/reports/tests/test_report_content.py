"""The generated 2024Q1 report carries every figure of figures-2024Q1.md in the right section."""

import io
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

from ansinh.reports import documents, services

# (part, section number) -> phrases that must appear there, figures formatted the Vietnamese way
EXPECTED = {
    ("I", "1"): [
        "giải quyết việc làm cho 4.732 người lao động, đạt 16,60% kế hoạch",
        "theo hợp đồng là 37 người, đạt 10,57% kế hoạch",
        "cho 1.669 lượt người lao động",
        "tổ chức 03 phiên giao dịch việc làm",
        "giải quyết 1.077 hồ sơ",
        "thẩm định 02 nội quy lao động",
        "tiếp nhận 02 thỏa ước",
        "cấp lại 01 giấy phép lao động và gia hạn 02 giấy phép",
        "tiếp nhận 05 hồ sơ khai báo",
    ],
    ("I", "2"): [
        "tuyển sinh được 2.230 người (sơ cấp 1.438 người, trình độ dưới 3 tháng 792 người)",
        "302 người (trình độ sơ cấp)",
    ],
    ("I", "3"): [
        "cho 148 hồ sơ mai táng phí",
        "hằng tháng 03 trường hợp",
        "thờ cúng liệt sĩ 46 trường hợp",
        "chuyển đến 02 trường hợp",
        "chuyển 03 hồ sơ đi tỉnh khác",
        "người có công 09 trường hợp",
        "Ban hành 905 quyết định",
        "là 99.187.075.000 đồng",
    ],
    ("I", "4.1"): [
        "hằng tháng cho 42.747 đối tượng",
        "trợ cấp 4.011 cá nhân",
        "mai táng cho 3.223 gia đình",
        "cấp 33.716 thẻ",
        "hằng tháng cho 2.474 đối tượng",
        "khẩn cấp 12 đối tượng",
        "mai táng phí 58 đối tượng",
        "cấp 02 thẻ",
        "Chúc thọ 65 người cao tuổi tròn 100 tuổi và 956 người",
        "chăm sóc 110 đối tượng (gồm 31 trẻ em",
        "31 người cao tuổi cô đơn và 48 người khuyết tật",
        "khẩn cấp 03 đối tượng lang thang",
    ],
    ("I", "4.2"): [
        "Trao 900 áo phao",
        "quà cho 1.100 trẻ em",
        "kinh phí 330.000.000 đồng",
        "đăng ký 788 trẻ em",
    ],
    ("I", "4.4"): ["Cấp phát 3.545.025 kg gạo", "hỗ trợ 236.335 người"],
    ("I", "5"): ["giáo dục 468 học viên (có 12 học viên nữ)"],
    ("I", "6"): [
        "có 13 lượt công dân",
        "tiếp nhận 08 đơn",
        "giải quyết 01 đơn",
        "xử lý 01 đơn",
        "chuyển 06 đơn",
        "tiếp nhận 750 hồ sơ thủ tục hành chính (có 584 hồ sơ trực tuyến)",
        "trước hạn 560 hồ sơ, đúng hạn 03 hồ sơ, còn trong hạn 187 hồ sơ",
        "tặng 140.902 phần quà",
        "là 61.148.248.000 đồng",
        "cao hơn kế hoạch 85.900 phần quà",
        "cao hơn 29.600.048.000 đồng",
    ],
    ("II", "5"): ["vận động 40 học viên"],
}


def sections_of_docx(data):
    """(part, section) -> text, reading the document's headings in order."""
    found, part, section = {}, None, None
    for paragraph in Document(io.BytesIO(data)).paragraphs:
        text = paragraph.text.strip()
        if text.startswith("I. ") or text.startswith("II. "):
            part, section = text.split(".")[0], None
            continue
        head = text.split(" ", 1)[0]
        if part and head.endswith(".") and head[:-1].replace(".", "").isdigit():
            section = head[:-1]
            continue
        if part and section:
            found[(part, section)] = found.get((part, section), "") + " " + text
    return found


@pytest.fixture
def content(demo_q1, province):
    content, warnings = services.prepare(demo_q1, "2024Q1", province, date(2024, 4, 15), "05")
    assert warnings == []
    return content


def test_docx_has_every_reference_figure_in_its_section(
    welfare_registry, merit_registry, desk_registers, content
):
    jackets = next(row for row in content["annex"]["rows"] if row["code"] == "TE_AOPHAO")
    assert [
        name
        for name, n in zip(content["annex"]["districts"], jackets["districts"], strict=True)
        if n
    ] == [{"code": "943", "name": "Huyện Kế Sách"}, {"code": "951", "name": "Huyện Trần Đề"}]
    text = sections_of_docx(documents.render_docx(content))
    for place, phrases in EXPECTED.items():
        for phrase in phrases:
            assert phrase in text.get(place, ""), (place, phrase)


def test_docx_header_and_signature_follow_decree_30(content):
    document = Document(io.BytesIO(documents.render_docx(content)))
    header = [p.text for cell in document.tables[0].rows[0].cells for p in cell.paragraphs]
    assert header[:3] == [
        "UBND TỈNH SÓC TRĂNG",
        "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
        "Số: 05/BC-SLĐTBXH",
    ]
    assert (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header and "Độc lập - Tự do - Hạnh phúc" in header
    )
    assert "Sóc Trăng, ngày 15 tháng 4 năm 2024" in header
    body = [p.text for p in document.paragraphs]
    assert (
        "BÁO CÁO" in body
        and "Kết quả thực hiện Quý I năm 2024 Nhiệm vụ trọng tâm Quý II năm 2024" in body
    )
    closing = [p.text for cell in document.tables[1].rows[0].cells for p in cell.paragraphs]
    assert closing[0] == "Nơi nhận:" and closing[-4] == "- Lưu: VT."
    assert "KT. GIÁM ĐỐC" in closing and "PHÓ GIÁM ĐỐC" in closing
    section = document.sections[0]
    assert (
        round(section.page_width.mm) == 210
        and round(section.left_margin.mm) == 30
        and round(section.right_margin.mm) == 15
    )
    assert section.different_first_page_header_footer
    assert document.styles["AS Noi dung"].font.name == "Times New Roman"


def test_pdf_of_the_same_report(content):
    pdf = documents.docx_to_pdf(documents.render_docx(content))
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_xlsx_annex_has_every_indicator_by_district(content):
    sheet = load_workbook(io.BytesIO(documents.render_xlsx(content))).active
    rows = list(sheet.values)
    header = rows[2]
    assert header[:4] == ("STT", "Mã", "Chỉ tiêu", "Đơn vị tính") and len(header) == 4 + 11 + 3
    jobs = next(r for r in rows if r[1] == "VL_GQVL")
    assert jobs[4 + 11] == 4732 and jobs[-2] == 28500 and jobs[-1] == 16.6
    assert sum(v or 0 for v in jobs[4:15]) == 4732
    assert len([r for r in rows[3:] if r[1]]) == 49


def test_broken_word_template_never_produces_a_document(content, tmp_path):
    from docx import Document as New

    for tag, message in (("{{ header.nothing }}", "không có"), ("{% for x in %}", "sai cú pháp")):
        broken = New()
        broken.add_paragraph(tag)
        buffer = io.BytesIO()
        broken.save(buffer)
        with pytest.raises(documents.DocumentError, match=message):
            documents.render_docx(content, buffer.getvalue())
    with pytest.raises(documents.DocumentError, match="Không đọc được"):
        documents.render_docx(content, b"not a docx")


def test_command_line(demo_q1, tmp_path):
    from django.core.management import call_command

    out = tmp_path / "bc.docx"
    call_command(
        "report",
        "2024Q1",
        "--unit",
        "94",
        "--format",
        "docx",
        "--out",
        str(out),
        "--date",
        "2024-04-15",
    )
    assert "4.732" in " ".join(p.text for p in Document(str(out)).paragraphs)
    xlsx = tmp_path / "pl.xlsx"
    call_command("report", "2024Q1", "--unit", "94", "--format", "xlsx", "--out", str(xlsx))
    assert load_workbook(xlsx).active["B4"].value == "VL_GQVL"
