"""Word documents in the Decree 30/2020 format (Appendix I), shared by every app that prints:
A4, margins 20/20/30/15 mm, Times New Roman, the two-column header, page numbers from page 2."""
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from .text import printable

FONT = "Times New Roman"


def set_font(style_or_run, size, bold=None, italic=None):
    font = style_or_run.font
    font.name, font.size = FONT, Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    element = style_or_run.element if hasattr(style_or_run, "element") else style_or_run._element
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)


def add_style(document, name, size, bold=False, italic=False, align=None, indent=None, before=0, after=6):
    style = document.styles.add_style(name, 1)
    style.base_style = document.styles["Normal"]
    set_font(style, size, bold, italic)
    paragraph = style.paragraph_format
    paragraph.space_before, paragraph.space_after = Pt(before), Pt(after)
    paragraph.line_spacing = 1.15
    if align is not None:
        paragraph.alignment = align
    if indent is not None:
        paragraph.first_line_indent = indent
    return style


def set_widths(table, *widths):
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
        for cell in column.cells:
            cell.width = width


def add_line(cell_or_doc, text, style):
    return cell_or_doc.add_paragraph(printable(text), style=style)


def no_borders(table):
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def page_number_header(section, style):
    section.different_first_page_header_footer = True  # no number on page 1 (Decree 30, Appendix I)
    paragraph = section.header.paragraphs[0]
    paragraph.style = style
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
        else:
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)




def a4_document(base_size=14):
    """An empty A4 portrait document with the Decree 30 margins and font."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    set_font(document.styles["Normal"], base_size)
    return document


def header_styles(document):
    """The styles of the header block, the signature and the recipients."""
    centre = WD_ALIGN_PARAGRAPH.CENTER
    return {
        "agency_parent": add_style(document, "AS Co quan chu quan", 12, align=centre, after=0),
        "agency": add_style(document, "AS Co quan ban hanh", 12, bold=True, align=centre, after=0),
        "number": add_style(document, "AS So ky hieu", 13, align=centre, before=6, after=0),
        "motto1": add_style(document, "AS Quoc hieu", 12, bold=True, align=centre, after=0),
        "motto2": add_style(document, "AS Tieu ngu", 13, bold=True, align=centre, after=0),
        "date": add_style(document, "AS Dia danh ngay", 13, italic=True, align=centre, before=6, after=0),
        "type": add_style(document, "AS Ten loai", 14, bold=True, align=centre, before=18, after=0),
        "summary": add_style(document, "AS Trich yeu", 14, bold=True, align=centre, after=12),
        "recipients_title": add_style(document, "AS Noi nhan", 12, bold=True, italic=True, after=0),
        "recipients": add_style(document, "AS Danh sach noi nhan", 11, after=0),
        "signer": add_style(document, "AS Tham quyen ky", 14, bold=True, align=centre, after=0),
        "signer_name": add_style(document, "AS Ho ten nguoi ky", 14, bold=True, align=centre, before=60, after=0),
        "page": add_style(document, "AS So trang", 13, align=centre, after=0),
    }


def header_block(document, styles, parent_agency, agency, number_line, date_text):
    """Agency on the left, national motto on the right, number and place/date under them."""
    header = document.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(header)
    set_widths(header, Cm(7.2), Cm(9.3))
    left, right = header.rows[0].cells
    left.paragraphs[0].text, left.paragraphs[0].style = parent_agency.upper(), styles["agency_parent"]
    add_line(left, agency.upper(), styles["agency"])
    add_line(left, number_line, styles["number"])
    right.paragraphs[0].text, right.paragraphs[0].style = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", styles["motto1"]
    add_line(right, "Độc lập - Tự do - Hạnh phúc", styles["motto2"])
    add_line(right, date_text, styles["date"])
    return header


def closing_block(document, styles, recipients, authority, title, name):
    """“Nơi nhận:” with its list on the left, the signature block on the right."""
    closing = document.add_table(rows=1, cols=2)
    no_borders(closing)
    set_widths(closing, Cm(8.5), Cm(8))
    left, right = closing.rows[0].cells
    left.paragraphs[0].text, left.paragraphs[0].style = "Nơi nhận:", styles["recipients_title"]
    for recipient in recipients:
        add_line(left, f"- {recipient}", styles["recipients"])
    right.paragraphs[0].text, right.paragraphs[0].style = authority.upper(), styles["signer"]
    add_line(right, title.upper(), styles["signer"])
    add_line(right, name, styles["signer_name"])
    return closing
