"""The payment list each commune has signed on receipt, as a Word document (and PDF)."""

import io
from itertools import groupby

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Pt

from ansinh.core import decree30
from ansinh.core.numbers import format_int
from ansinh.core.text import printable

from .engine import scheme_of

HEADERS = [
    "STT",
    "Họ và tên",
    "Năm sinh",
    "Nhóm đối tượng",
    "Tháng hưởng",
    "Số tiền (đồng)",
    "Ký nhận",
]


def _paragraph(document, text, bold=False, italic=False, size=13, align=WD_ALIGN_PARAGRAPH.CENTER):
    paragraph = document.add_paragraph()
    paragraph.alignment = align
    run = paragraph.add_run(printable(text))
    run.bold, run.italic, run.font.size, run.font.name = bold, italic, Pt(size), decree30.FONT
    return paragraph


def signed_list_docx(cycle, lines):
    """One section per commune: header, table of recipients with a signature column, total, signatures."""
    document = decree30.new_document(decree30.A4, landscape=True, font_size=13)
    style = decree30.styles(document, 13, header_sizes=(12, 13))
    first = True
    for commune, commune_lines in groupby(lines, key=lambda line: line.commune):
        commune_lines = list(commune_lines)
        if not first:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        first = False
        _paragraph(document, decree30.issuer_of(commune).agency.upper(), bold=True)
        _paragraph(
            document,
            f"DANH SÁCH CHI TRẢ {scheme_of(cycle).title} THÁNG {cycle.month:%m/%Y}",
            bold=True,
            size=14,
        )
        _paragraph(
            document,
            f"(Danh sách đã được duyệt ngày {cycle.approved_at:%d/%m/%Y})"
            if cycle.approved_at
            else "(Dự thảo – chưa duyệt)",
            italic=True,
            size=12,
        )
        table = document.add_table(rows=1, cols=len(HEADERS))
        table.style = "Table Grid"
        for cell, header in zip(table.rows[0].cells, HEADERS, strict=False):
            cell.text = header
            cell.paragraphs[0].runs[0].bold = True
        total = 0
        for index, line in enumerate(commune_lines, start=1):
            person = line.recipient
            values = [
                str(index),
                person.full_name,
                person.birth_display,
                line.basis,
                f"{line.for_month:%m/%Y}",
                format_int(line.amount),
                "",
            ]
            for cell, value in zip(table.add_row().cells, values, strict=False):
                cell.text = printable(value)
            total += line.amount
        row = table.add_row().cells
        row[1].text, row[5].text = "Cộng", format_int(total)
        _paragraph(
            document,
            f"Số người: {len(commune_lines)}; tổng số tiền: {format_int(total)} đồng.",
            align=WD_ALIGN_PARAGRAPH.LEFT,
            size=12,
        )
        decree30.signatures(
            document,
            style,
            *(
                decree30.Signature(title)
                for title in ("NGƯỜI LẬP BIỂU", "KẾ TOÁN", "CHỦ TỊCH UBND")
            ),
        )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
