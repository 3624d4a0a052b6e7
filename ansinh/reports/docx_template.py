"""Builds the shipped Word template (data/bao_cao_quy.docx) in the Decree 30/2020 format.

The template is a normal .docx with docxtpl tags: users may open it in Word, restyle it and
upload their own version, keeping the tags. Run `ansinh build_report_template` to rebuild it.
"""
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Mm

from ansinh.core.docx import add_line as _line
from ansinh.core.docx import add_style as _style
from ansinh.core.docx import no_borders as _no_borders
from ansinh.core.docx import page_number_header as _page_number_header
from ansinh.core.docx import set_font as _font
from ansinh.core.docx import set_widths as _widths

def build_template(path):
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    _font(document.styles["Normal"], 14)

    centre = WD_ALIGN_PARAGRAPH.CENTER
    s = {
        "agency_parent": _style(document, "AS Co quan chu quan", 12, align=centre, after=0),
        "agency": _style(document, "AS Co quan ban hanh", 12, bold=True, align=centre, after=0),
        "number": _style(document, "AS So ky hieu", 13, align=centre, before=6, after=0),
        "motto1": _style(document, "AS Quoc hieu", 12, bold=True, align=centre, after=0),
        "motto2": _style(document, "AS Tieu ngu", 13, bold=True, align=centre, after=0),
        "date": _style(document, "AS Dia danh ngay", 13, italic=True, align=centre, before=6, after=0),
        "type": _style(document, "AS Ten loai", 14, bold=True, align=centre, before=18, after=0),
        "summary": _style(document, "AS Trich yeu", 14, bold=True, align=centre, after=12),
        "part": _style(document, "AS Phan", 14, bold=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=Cm(1.27), before=6),
        "section": _style(document, "AS Muc", 14, bold=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=Cm(1.27), before=6),
        "body": _style(document, "AS Noi dung", 14, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=Cm(1.27)),
        "recipients_title": _style(document, "AS Noi nhan", 12, bold=True, italic=True, after=0),
        "recipients": _style(document, "AS Danh sach noi nhan", 11, after=0),
        "signer": _style(document, "AS Tham quyen ky", 14, bold=True, align=centre, after=0),
        "signer_name": _style(document, "AS Ho ten nguoi ky", 14, bold=True, align=centre, before=60, after=0),
        "page": _style(document, "AS So trang", 13, align=centre, after=0),
    }
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
