"""Builds the shipped Word template (data/bao_cao_quy.docx) in the Decree 30/2020 format.

The template is a normal .docx with docxtpl tags: users may open it in Word, restyle it and
upload their own version, keeping the tags. Run `ansinh build_report_template` to rebuild it.
"""
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from ansinh.core.docx import a4_document, header_styles
from ansinh.core.docx import add_line as _line
from ansinh.core.docx import add_style as _style
from ansinh.core.docx import no_borders as _no_borders
from ansinh.core.docx import page_number_header as _page_number_header
from ansinh.core.docx import set_widths as _widths


def build_template(path):
    document = a4_document()
    section = document.sections[0]
    s = header_styles(document)
    s.update({
        "part": _style(document, "AS Phan", 14, bold=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=Cm(1.27), before=6),
        "section": _style(document, "AS Muc", 14, bold=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=Cm(1.27), before=6),
        "body": _style(document, "AS Noi dung", 14, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=Cm(1.27)),
    })
    _page_number_header(section, s["page"])

    header = document.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(header)
    _widths(header, Cm(7.2), Cm(9.3))
    left, right = header.rows[0].cells
    left.paragraphs[0].text, left.paragraphs[0].style = "{{ header.parent_agency|upper }}", s["agency_parent"]
    _line(left, "{{ header.agency|upper }}", s["agency"])
    _line(left, "Số: {{ header.number }}/{{ header.number_suffix }}", s["number"])
    right.paragraphs[0].text, right.paragraphs[0].style = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", s["motto1"]
    _line(right, "Độc lập - Tự do - Hạnh phúc", s["motto2"])
    _line(right, "{{ header.date_text }}", s["date"])

    _line(document, "BÁO CÁO", s["type"])
    _line(document, "{{ header.summary }}", s["summary"])
    _line(document, "{%p for part in parts %}", s["body"])
    _line(document, "{{ part.heading }}", s["part"])
    _line(document, "{%p for section in part.sections %}", s["body"])
    _line(document, "{{ section.number }}. {{ section.title }}", s["section"])
    _line(document, "{%p for paragraph in section.paragraphs %}", s["body"])
    _line(document, "{{ paragraph }}", s["body"])
    _line(document, "{%p endfor %}", s["body"])
    _line(document, "{%p endfor %}", s["body"])
    _line(document, "{%p endfor %}", s["body"])

    _line(document, "", s["body"])
    closing = document.add_table(rows=1, cols=2)
    _no_borders(closing)
    _widths(closing, Cm(8.5), Cm(8))
    left, right = closing.rows[0].cells
    left.paragraphs[0].text, left.paragraphs[0].style = "Nơi nhận:", s["recipients_title"]
    _line(left, "{%p for recipient in recipients %}", s["recipients"])
    _line(left, "- {{ recipient }}", s["recipients"])
    _line(left, "{%p endfor %}", s["recipients"])
    right.paragraphs[0].text, right.paragraphs[0].style = "{{ signer.authority|upper }}", s["signer"]
    _line(right, "{{ signer.title|upper }}", s["signer"])
    _line(right, "{{ signer.name }}", s["signer_name"])
    document.save(path)
