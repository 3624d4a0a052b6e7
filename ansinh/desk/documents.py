"""The desk's forms (Circular 01/2018/TT-VPCP, forms 01–06) as Word documents in the Decree
30/2020 layout: receipt and appointment slip, request to supplement, refusal (A5); apology with
a new date, processing control slip (A4); the dossier tracking book (A4 landscape, DOCX and XLSX)."""

import io

from django.utils.timezone import localtime
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from ansinh.core import decree30
from ansinh.core.decree30 import A4, A5, set_font, set_widths
from ansinh.core.decree30 import in_words as date_text
from ansinh.core.exports import workbook_bytes
from ansinh.core.text import printable

from .models import Step
from .rules import timeliness

CENTRE, LEFT, JUSTIFY = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
)
TIMELINESS = {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}


class Form:
    """A one- or two-page form: agency header, title, lines, signatures."""

    def __init__(self, unit, size=A5, landscape=False, font_size=12, day=None):
        self.document = decree30.new_document(size, landscape, font_size)
        self.size = font_size
        self.small = size == A5
        self.text_width = decree30.text_width(self.document)
        small = font_size - (2 if self.small else 1)
        self.styles = decree30.styles(self.document, font_size, header_sizes=(small, small))
        self.issuer = decree30.issuer_of(unit, day)
        self.agency = self.issuer.agency

    def paragraph(
        self, text="", bold=False, italic=False, align=JUSTIFY, size=None, target=None, after=3
    ):
        paragraph = (target or self.document).add_paragraph()
        paragraph.alignment = align
        paragraph.paragraph_format.space_after = Pt(after)
        if text:
            set_font(paragraph.add_run(printable(text)), size or self.size, bold, italic)
        return paragraph

    def labelled(self, label, value):
        paragraph = self.paragraph()
        set_font(paragraph.add_run(f"{label}: "), self.size)
        set_font(paragraph.add_run(printable(value) or "…"), self.size, bold=True)

    def header(self, sub_unit, number, day):
        widths = (int(self.text_width * 0.46), int(self.text_width * 0.54))
        issuer = self.issuer
        decree30.header(
            self.document,
            self.styles,
            issuer.parent_authority.upper(),
            issuer.agency.upper(),
            number,
            decree30.date_line(issuer.place, day),
            widths,
            sub_unit.upper(),
        )

    def title(self, text, subtitle=""):
        title = self.paragraph(
            text, bold=True, align=CENTRE, size=self.size + 1, after=0 if subtitle else 6
        )
        title.paragraph_format.keep_with_next = True
        if subtitle:
            self.paragraph(
                subtitle, bold=True, align=CENTRE, after=6
            ).paragraph_format.keep_with_next = True

    def signatures(self, *blocks):
        """Signature blocks side by side: (who signs, note, name), or a `decree30.Signature`."""
        blocks = [
            block
            if isinstance(block, decree30.Signature)
            else decree30.Signature(block[0], "", block[2], block[1])
            for block in blocks
        ]
        decree30.signatures(self.document, self.styles, *blocks)

    def table(self, headers, rows, widths):
        table = self.document.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, headers, strict=False):
            cell.paragraphs[0].alignment = CENTRE
            set_font(cell.paragraphs[0].add_run(text), self.size - 1, bold=True)
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=False):
                set_font(cell.paragraphs[0].add_run(printable(str(text))), self.size - 1)
        set_widths(table, *widths)
        return table

    def bytes(self):
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def _applicant_lines(form, dossier):
    form.labelled("Tiếp nhận hồ sơ của", dossier.applicant_name)
    form.labelled("Địa chỉ", dossier.applicant_address)
    form.labelled("Số điện thoại", dossier.applicant_phone)
    if dossier.applicant_email:
        form.labelled("Thư điện tử", dossier.applicant_email)
    form.labelled("Nội dung yêu cầu giải quyết", dossier.procedure.name)


def _name(user):
    return (user.get_full_name() or user.username) if user else ""


def receipt_slip(dossier):
    """Form 01: receipt and appointment slip (A5)."""
    received = localtime(dossier.received_at)
    form = Form(dossier.unit, day=received.date())
    form.header("Bộ phận tiếp nhận và trả kết quả", "", received.date())
    form.title("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", f"Mã hồ sơ: {dossier.code}")
    _applicant_lines(form, dossier)
    form.paragraph("1. Thành phần hồ sơ nộp gồm:")
    for index, item in enumerate(dossier.documents_received, start=1):
        form.paragraph(f"   {index}. {item}", after=0)
    form.paragraph("2. Số lượng hồ sơ: 01 bộ.")
    form.paragraph(
        f"3. Thời gian giải quyết hồ sơ theo quy định: {dossier.procedure.days:02d} ngày làm việc."
    )
    form.paragraph(
        f"4. Thời gian nhận hồ sơ: {received:%H} giờ {received:%M} phút, {date_text(received)}."
    )
    form.paragraph(
        f"5. Thời gian trả kết quả giải quyết hồ sơ: {date_text(dossier.original_due_date)}.",
        bold=True,
    )
    form.paragraph(
        f"6. Hình thức nộp: {dossier.get_channel_display().lower()}. Tra cứu tình trạng hồ sơ bằng mã hồ sơ trên trang tra cứu của Sở."
    )
    form.paragraph(f"Vào sổ theo dõi hồ sơ ngày {received:%d/%m/%Y}.", italic=True)
    form.signatures(
        ("NGƯỜI NỘP HỒ SƠ", "(Ký và ghi rõ họ tên)", dossier.applicant_name),
        ("NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)", _name(dossier.received_by)),
    )
    return form.bytes()


def supplement_request(dossier, items=None, day=None):
    """Form 02: request to supplement, every missing item at once (A5)."""
    day = day or dossier.received_on
    form = Form(dossier.unit, day=day)
    form.header("Bộ phận tiếp nhận và trả kết quả", "", day)
    form.title("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", f"Mã hồ sơ: {dossier.code}")
    _applicant_lines(form, dossier)
    form.paragraph("Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:")
    for index, item in enumerate((items or dossier.missing_items).splitlines(), start=1):
        form.paragraph(f"   {index}. {item}", after=0)
    form.paragraph("Lý do: hồ sơ chưa đầy đủ, chưa đúng theo quy định của thủ tục hành chính.")
    form.paragraph(
        f"Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà liên hệ Bộ phận tiếp nhận và trả kết quả – "
        f"{form.agency} để được hướng dẫn. Xin trân trọng cảm ơn!"
    )
    form.signatures(("NGƯỜI HƯỚNG DẪN", "(Ký và ghi rõ họ tên)", _name(dossier.received_by)))
    return form.bytes()


def refusal(dossier):
    """Form 03: refusal to receive the dossier, with the reasons (A5)."""
    form = Form(dossier.unit, day=dossier.received_on)
    form.header("Bộ phận tiếp nhận và trả kết quả", "", dossier.received_on)
    form.title("PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", f"Mã hồ sơ: {dossier.code}")
    _applicant_lines(form, dossier)
    form.paragraph(
        f"Qua xem xét, {form.agency} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:"
    )
    for line in dossier.refusal_reason.splitlines():
        form.paragraph(f"   – {line}", after=0)
    form.paragraph("Xin thông báo để Ông/Bà được biết và thực hiện.")
    form.signatures(("NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)", _name(dossier.received_by)))
    return form.bytes()


def apology(dossier, step):
    """Form 04: apology and new date for the result (A4), signed for the head of the agency."""
    day = localtime(step.at).date()
    form = Form(dossier.unit, size=A4, font_size=13, day=day)
    form.header("", decree30.number_line("", f"PXL-{form.issuer.symbol}"), day)
    form.title("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ")
    form.paragraph(f"Kính gửi: {dossier.applicant_name}.", align=CENTRE)
    form.paragraph(
        f"Ngày {dossier.received_on:%d/%m/%Y}, {form.agency} tiếp nhận hồ sơ “{dossier.procedure.name}”, "
        f"mã hồ sơ {dossier.code}, hẹn trả kết quả ngày {dossier.original_due_date:%d/%m/%Y}."
    )
    reason = step.text.split(" (hẹn cũ")[0]
    form.paragraph(
        f"Tuy nhiên đến nay, {form.agency} chưa trả kết quả giải quyết hồ sơ của Ông/Bà đúng hẹn, lý do: {reason}."
    )
    form.paragraph(
        "Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của Ông/Bà. "
        f"{form.agency} xin lỗi Ông/Bà và sẽ trả kết quả giải quyết hồ sơ vào {date_text(step.due_date)}."
    )
    form.paragraph("Kính mong nhận được sự thông cảm của Ông/Bà. Trân trọng!")
    form.signatures(
        ("", "", ""),
        decree30.Signature("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "(Ký, ghi rõ họ tên và đóng dấu)"),
    )
    return form.bytes()


def control_slip(dossier, steps):
    """Form 05: the processing control slip: each hand-over, its time and timeliness (A4)."""
    form = Form(dossier.unit, size=A4, font_size=12, day=dossier.received_on)
    form.header("Bộ phận tiếp nhận và trả kết quả", "", dossier.received_on)
    form.title("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", f"Mã hồ sơ: {dossier.code}")
    form.labelled("Kèm theo hồ sơ của", dossier.applicant_name)
    form.labelled("Thủ tục", dossier.procedure.name)
    due = (
        dossier.due_date.strftime("%d/%m/%Y") if dossier.due_date else "(tính lại khi nhận bổ sung)"
    )
    form.labelled(
        "Ngày nhận", f"{localtime(dossier.received_at):%H:%M ngày %d/%m/%Y}; hẹn trả: {due}"
    )
    rows = []
    for step in steps:
        outcome = ""
        if step.kind == Step.Kind.DECIDED and dossier.decided_on and dossier.due_date:
            outcome = TIMELINESS[timeliness(dossier.decided_on, dossier.due_date)]
        rows.append(
            (
                step.get_kind_display(),
                (step.division.name if step.division else ""),
                f"{localtime(step.at):%H:%M %d/%m/%Y}",
                _name(step.by),
                outcome,
                step.text,
            )
        )
    form.table(
        [
            "Bước",
            "Cơ quan, đơn vị",
            "Thời gian giao, nhận",
            "Người thực hiện",
            "Kết quả (trước/đúng/quá hạn)",
            "Ghi chú",
        ],
        rows,
        [Cm(2.6), Cm(3.2), Cm(2.4), Cm(2.6), Cm(2.0), Cm(3.4)],
    )
    return form.bytes()


BOOK_HEADERS = [
    "STT",
    "Mã hồ sơ",
    "Tên thủ tục hành chính",
    "Số lượng hồ sơ (bộ)",
    "Tên cá nhân, tổ chức",
    "Địa chỉ, số điện thoại",
    "Cơ quan chủ trì giải quyết",
    "Nhận hồ sơ",
    "Hẹn trả kết quả",
    "Chuyển hồ sơ đến cơ quan giải quyết",
    "Ngày có kết quả / yêu cầu bổ sung",
    "Trả kết quả",
    "Ghi chú",
]


def book_rows(dossiers):
    """Rows of form 06, the dossier tracking book, for registered dossiers in order of receipt."""
    for index, d in enumerate(dossiers, start=1):
        contact = ", ".join(part for part in (d.applicant_address, d.applicant_phone) if part)
        note = d.get_status_display() if d.status != d.Status.RETURNED else ""
        if d.resets:
            note = (
                note + "; " if note else ""
            ) + f"hẹn lại (hẹn đầu {d.original_due_date:%d/%m/%Y})"
        yield [
            index,
            d.code,
            d.procedure.name,
            1,
            d.applicant_name,
            contact,
            d.procedure.deciding_agency,
            f"{localtime(d.received_at):%H:%M %d/%m/%Y}",
            d.due_date.strftime("%d/%m/%Y") if d.due_date else "",
            d.division.name if d.division else "",
            d.decided_on.strftime("%d/%m/%Y") if d.decided_on else "",
            f"{localtime(d.returned_at):%d/%m/%Y}" if d.returned_at else "",
            note,
        ]


def book_docx(unit, period, dossiers):
    form = Form(unit, size=A4, landscape=True, font_size=11)
    form.title("SỔ THEO DÕI HỒ SƠ", period.title)
    widths = [
        Cm(0.9),
        Cm(2.6),
        Cm(4.0),
        Cm(1.2),
        Cm(2.6),
        Cm(2.6),
        Cm(2.2),
        Cm(1.8),
        Cm(1.6),
        Cm(2.0),
        Cm(1.6),
        Cm(1.6),
        Cm(1.6),
    ]
    form.table(BOOK_HEADERS, book_rows(dossiers), widths)
    return form.bytes()


def book_xlsx(period, dossiers):
    """(bytes, row count) of the tracking book as a spreadsheet."""
    return workbook_bytes(f"Sổ theo dõi {period}", BOOK_HEADERS, book_rows(dossiers))
