"""The one builder of Word documents in the Decree 30/2020/NĐ-CP format (Appendix I), used by
every app that prints a document: page set-up (A4, A5), the header (parent authority over the
issuing agency, the national motto, number and symbol, place and date), body styles, the
recipients and the signature block.

Who issues a document (agency, parent authority, place, symbol) is read from the issuing unit's
data by `issuer_of`, never written as a constant in a document module.
"""

from dataclasses import dataclass

from django.db.models import F
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.shared import Cm, Mm, Pt
from docx.table import Table

from .models import AdminUnit, OrgUnit
from .rules import FEMALE
from .text import printable

FONT = "Times New Roman"
A4, A5 = (Mm(210), Mm(297)), (Mm(148), Mm(210))
MARGINS = {A4: (20, 20, 30, 15), A5: (15, 15, 20, 10)}  # top, bottom, left, right in mm
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_LINE = "Độc lập - Tự do - Hạnh phúc"
HAND_FILLED = "\u00a0" * 6  # the blank a clerk fills by hand before “/BC-…”
CENTRE, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
INDENT = Cm(1.27)
LEVEL_PREFIXES = (
    "Tỉnh ",
    "Thành phố ",
    "Huyện ",
    "Thị xã ",
    "Quận ",
    "Xã ",
    "Phường ",
    "Thị trấn ",
)


# ---------------------------------------------------------------- who issues the document


@dataclass(frozen=True)
class Issuer:
    """The issuing agency of a document, as its header and signature name it."""

    parent_authority: str  # “UBND tỉnh Sóc Trăng”
    agency: str  # “Sở Lao động - Thương binh và Xã hội”
    place: str  # “Sóc Trăng”
    symbol: str  # “SLĐTBXH”, after the kind of document: “QĐ-SLĐTBXH”


def _lower_first(text):
    return text[:1].lower() + text[1:]


def place_name(unit):
    """“Tỉnh Sóc Trăng” → “Sóc Trăng”: the place name of the date line."""
    for prefix in LEVEL_PREFIXES:
        if unit.name.startswith(prefix):
            return unit.name.removeprefix(prefix)
    return unit.name


def _office_of(territory, kind, day):
    """The office valid on `day` (today's when no day), else the one that closed last."""
    units = OrgUnit.objects.filter(territory=territory, kind=kind)
    current = units.valid_on(day) if day is not None else units.filter(valid_to=None)
    return (
        current.order_by("code").first()
        or units.order_by(F("valid_to").desc(nulls_first=True), "code").first()
    )


def _agency_name(office):
    """The office's name without its territory: “Sở … Xã hội tỉnh Sóc Trăng” → “Sở … Xã hội”."""
    suffix = " " + office.territory.name
    if office.name.lower().endswith(suffix.lower()):
        return office.name[: -len(suffix)]
    return office.name


def _symbol(office):
    """The symbol after the kind of document: the short name, without spaces or hyphens
    (“Phòng LĐ-TB&XH” → “LĐTBXH”)."""
    short = (office.short_name or office.code).removeprefix("Phòng ")
    return "".join(char for char in short if char not in " -&")


def issuer_of(unit, day=None):
    """The issuer of a document made for `unit` (an administrative or organisational unit) on
    `day`: a province's Department, a district's office, a commune's People's Committee."""
    if isinstance(unit, OrgUnit):
        office = unit
        while (
            office.kind not in (OrgUnit.Kind.DEPARTMENT, OrgUnit.Kind.DISTRICT_OFFICE)
            and office.parent_id
        ):
            office = office.parent
        unit = office.territory
    elif unit.level == AdminUnit.Level.COMMUNE:
        return Issuer(
            f"UBND {_lower_first(unit.parent.name)}", f"UBND {unit.name}", place_name(unit), "UBND"
        )
    else:
        kind = (
            OrgUnit.Kind.DEPARTMENT
            if unit.level == AdminUnit.Level.PROVINCE
            else OrgUnit.Kind.DISTRICT_OFFICE
        )
        office = _office_of(unit, kind, day)
        if office is None:
            raise OrgUnit.DoesNotExist(
                f"Chưa khai báo cơ quan lao động - thương binh và xã hội của {unit.name}."
            )
    return Issuer(
        f"UBND {_lower_first(unit.name)}", _agency_name(office), place_name(unit), _symbol(office)
    )


def province_of(unit):
    """The province a commune or district belongs to."""
    while unit.level != AdminUnit.Level.PROVINCE and unit.parent_id:
        unit = unit.parent
    return unit


# ---------------------------------------------------------------- words of the header


def honorific(sex):
    """“Ông” or “Bà” from the person's sex."""
    return "Bà" if sex == FEMALE else "Ông"


def in_words(day):
    """“ngày 05 tháng 07 năm 2024”; dots for a date filled by hand."""
    return (
        f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"
        if day
        else "ngày … tháng … năm …"
    )


def date_line(place, day):
    """“Sóc Trăng, ngày 05 tháng 07 năm 2024”."""
    return f"{place}, {in_words(day)}"


def number_line(number, symbol):
    """“Số: 12/QĐ-SLĐTBXH”; with no number, a blank the clerk fills by hand: “Số:      /BC-…”."""
    number = str(number or "").strip()
    return f"Số: {number or HAND_FILLED}/{symbol}"


# ---------------------------------------------------------------- fonts, styles, tables


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


def add_style(
    document,
    name,
    size,
    bold=False,
    italic=False,
    align=None,
    indent=None,
    before=0,
    after=6,
    keep_with_next=False,
):
    style = document.styles.add_style(name, 1)
    style.base_style = document.styles["Normal"]
    set_font(style, size, bold, italic)
    paragraph = style.paragraph_format
    paragraph.space_before, paragraph.space_after = Pt(before), Pt(after)
    paragraph.line_spacing = 1.15
    paragraph.keep_with_next = keep_with_next
    if align is not None:
        paragraph.alignment = align
    if indent is not None:
        paragraph.first_line_indent = indent
    return style


def set_widths(table, *widths):
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=False):
        column.width = width
        for cell in column.cells:
            cell.width = width


def add_line(cell_or_doc, text, style):
    return cell_or_doc.add_paragraph(printable(text), style=style)


def _first_line(cell, text, style):
    paragraph = cell.paragraphs[0]
    paragraph.text, paragraph.style = printable(text), style
    return paragraph


def _borders(table, **edges):
    """Table borders: every edge none unless given (`top="single"`)."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), edges.get(edge, "nil"))
        if edge in edges:
            element.set(qn("w:sz"), "6")
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), "000000")
        borders.append(element)
    table._tbl.tblPr.insert_element_before(
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption"
    )


def no_borders(table):
    _borders(table)


def borderless_table(document, columns, *widths):
    table = document.add_table(rows=1, cols=columns)
    no_borders(table)
    if widths:
        set_widths(table, *widths)
    return table


def short_rule(cell, width):
    """A short centred horizontal rule under the last line of `cell` (Decree 30: under the
    issuing agency and under the motto). Drawn as the top edge of a small borderless table,
    so that the cell's paragraphs stay exactly the header's lines."""
    table = Table(_new_table(width), cell)
    cell._tc.append(table._tbl)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borders(table, top="single")
    row = table.rows[0]._tr
    height = OxmlElement("w:trHeight")
    height.set(qn("w:val"), "40")
    height.set(qn("w:hRule"), "exact")
    row.get_or_add_trPr().append(height)
    paragraph = table.rows[0].cells[0].paragraphs[0]
    paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.line_spacing = Pt(1)
    set_font(paragraph.add_run(), 1)
    return table


def _new_table(width):
    table = CT_Tbl.new_tbl(1, 1, width)
    table_width = table.tblPr.find(qn("w:tblW"))
    table_width.set(qn("w:type"), "dxa")
    table_width.set(qn("w:w"), str(int(width.twips)))
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table.tblPr.insert_element_before(layout, "w:tblCellMar", "w:tblLook", "w:tblCaption")
    return table


def page_number_header(section, style):
    """Page numbers in the header, from page 2 (Decree 30, Appendix I)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.style = style
    paragraph.alignment = CENTRE
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


# ---------------------------------------------------------------- the document


def new_document(size=A4, landscape=False, font_size=14):
    """An empty document with the Decree 30 margins for its paper size, in Times New Roman."""
    document = Document()
    section = document.sections[0]
    width, height = size
    section.orientation = WD_ORIENT.PORTRAIT
    if landscape:
        section.orientation, width, height = WD_ORIENT.LANDSCAPE, height, width
    section.page_width, section.page_height = width, height
    top, bottom, left, right = MARGINS[size]
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    set_font(document.styles["Normal"], font_size)
    return document


def text_width(document):
    section = document.sections[0]
    return section.page_width - section.left_margin - section.right_margin


def styles(document, size=14, header_sizes=(12, 13)):
    """The styles of a document: header lines (`header_sizes`: agency and motto lines, then the
    number, motto and date lines), title, body and headings (`size`), recipients, signature."""
    small, line = header_sizes
    return {
        "agency_parent": add_style(document, "AS Co quan chu quan", small, align=CENTRE, after=0),
        "agency": add_style(
            document, "AS Co quan ban hanh", small, bold=True, align=CENTRE, after=0
        ),
        "number": add_style(document, "AS So ky hieu", line, align=CENTRE, before=6, after=0),
        "motto1": add_style(document, "AS Quoc hieu", small, bold=True, align=CENTRE, after=0),
        "motto2": add_style(document, "AS Tieu ngu", line, bold=True, align=CENTRE, after=0),
        "date": add_style(
            document, "AS Dia danh ngay", line, italic=True, align=CENTRE, before=6, after=0
        ),
        "type": add_style(
            document,
            "AS Ten loai",
            size,
            bold=True,
            align=CENTRE,
            before=18,
            after=0,
            keep_with_next=True,
        ),
        "summary": add_style(
            document, "AS Trich yeu", size, bold=True, align=CENTRE, after=12, keep_with_next=True
        ),
        "body": add_style(document, "AS Noi dung", size, align=JUSTIFY, indent=INDENT),
        "heading": add_style(
            document,
            "AS Muc",
            size,
            bold=True,
            align=JUSTIFY,
            indent=INDENT,
            before=6,
            keep_with_next=True,
        ),
        "recipients_title": add_style(document, "AS Noi nhan", 12, bold=True, italic=True, after=0),
        "recipients": add_style(document, "AS Danh sach noi nhan", 11, after=0),
        "signer": add_style(document, "AS Tham quyen ky", size, bold=True, align=CENTRE, after=0),
        "signer_note": add_style(
            document, "AS Ghi chu ky", size - 1, italic=True, align=CENTRE, after=0
        ),
        "signer_name": add_style(
            document, "AS Ho ten nguoi ky", size, bold=True, align=CENTRE, before=60, after=0
        ),
        "page": add_style(document, "AS So trang", 13, align=CENTRE, after=0),
    }


def header(document, style, parent, agency, number, date, widths=None, sub_unit=""):
    """The two-column header: parent authority over the issuing agency (bold), a short rule,
    the number and symbol; the national motto, a rule as long as the motto, place and date.
    Texts are printed as given (callers upper-case agency names, templates pass tags)."""
    widths = widths or (Cm(7.2), Cm(9.3))
    table = borderless_table(document, 2, *widths)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    _first_line(left, parent, style["agency_parent"])
    add_line(left, agency, style["agency"])
    if sub_unit:
        add_line(left, sub_unit, style["agency"])
    small, line = style["agency"].font.size.pt, style["motto2"].font.size.pt
    short_rule(left, Cm(2.5 * small / 12))
    add_line(
        left, number, style["number"]
    )  # also when empty: a cell ends with a paragraph, not the rule
    _first_line(right, MOTTO, style["motto1"])
    add_line(right, MOTTO_LINE, style["motto2"])
    short_rule(right, Cm(6.2 * line / 13))
    add_line(right, date, style["date"])
    return table


@dataclass(frozen=True)
class Signature:
    """A signature block: “KT. GIÁM ĐỐC” (or TM./Q./TL.), the signer's title, a note such as
    “(Ký, ghi rõ họ tên và đóng dấu)”, space to sign, then the signer's name."""

    authority: str
    title: str = ""
    name: str = ""
    note: str = ""


def sign(cell, style, signature):
    first = _first_line(cell, signature.authority, style["signer"])
    if signature.title:
        add_line(cell, signature.title, style["signer"])
    if signature.note:
        add_line(cell, signature.note, style["signer_note"])
    add_line(cell, signature.name, style["signer_name"])
    return first


def signatures(document, style, *blocks):
    """Signature blocks side by side (a form signed by the applicant and the officer)."""
    table = borderless_table(document, len(blocks))
    for cell, block in zip(table.rows[0].cells, blocks, strict=False):
        sign(cell, style, block)
    return table


def closing(document, style, recipients, signature, widths=None):
    """“Nơi nhận:” with its list on the left, the signature block on the right. `recipients`
    is a list of lines, or the lines of a template loop given as they are."""
    table = borderless_table(document, 2, *(widths or (Cm(8.5), Cm(8))))
    left, right = table.rows[0].cells
    _first_line(left, "Nơi nhận:", style["recipients_title"])
    for recipient in recipients:
        add_line(left, recipient, style["recipients"])
    sign(right, style, signature)
    return table
