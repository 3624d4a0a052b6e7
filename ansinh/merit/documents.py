"""Decisions as Word documents in the Decree 30/2020 format, and a batch's files (a DOCX per
decision in a zip, one combined PDF, an XLSX summary), produced as a background job."""

import io
import zipfile
from datetime import date
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django_tasks import task
from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docxtpl import DocxTemplate

from ansinh.core import decree30
from ansinh.core.decree30 import add_line, add_style
from ansinh.core.exports import workbook_bytes
from ansinh.core.numbers import format_int
from ansinh.core.office import DocumentError, docx_to_pdf
from ansinh.core.text import printable_tree

from . import rules
from .models import Decision, RecalcBatch
from .services import amount_words

SIGNER = {"authority": "KT. GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC"}
GROUNDS = [
    "Căn cứ Pháp lệnh Ưu đãi người có công với cách mạng ngày 09 tháng 12 năm 2020;",
    "Căn cứ Nghị định số 131/2021/NĐ-CP ngày 30 tháng 12 năm 2021 của Chính phủ quy định chi tiết và biện pháp thi hành Pháp lệnh Ưu đãi người có công với cách mạng;",
]
TABLE_HEADERS = [
    "Tháng",
    "Căn cứ mức",
    "Số tháng",
    "Được hưởng mỗi tháng (đồng)",
    "Đã chi trả mỗi tháng (đồng)",
    "Chênh lệch (đồng)",
]


def span(run):
    first, last = date.fromisoformat(run["from"]), date.fromisoformat(run["to"])
    return f"{first:%m/%Y}" if first == last else f"{first:%m/%Y} – {last:%m/%Y}"


def issuer(decision):
    """The Department of the province the record belongs to, as it was on the signing day."""
    return decree30.issuer_of(decree30.province_of(decision.record.commune), decision.signed_on)


def number_text(decision, symbol):
    """“01/QĐ-SLĐTBXH”; “…/QĐ-…” while the decision is a draft without a number."""
    return f"{decision.number:02d}/QĐ-{symbol}" if decision.number else f"…/QĐ-{symbol}"


def signer_name(decision):
    """The leader who approved the decision signs it (Vietnamese order: family name first)."""
    leader = decision.approved_by
    if leader is None:
        return ""
    return (
        " ".join(part for part in (leader.last_name, leader.first_name) if part) or leader.username
    )


def content_of(decision):
    """Everything the document shows, as plain values (also used by tests and the page)."""
    record, person = decision.record, decision.record.person
    issued_by = issuer(decision)
    honorific = decree30.honorific(person.sex)
    amount = decision.amount
    if decision.kind == Decision.Kind.ADJUSTMENT:
        sentence = (
            f"Số tiền {'phải thu hồi' if amount < 0 else 'được truy lĩnh'}: {format_int(abs(amount))} đồng "
            f"(Bằng chữ: {amount_words(amount)})."
        )
    elif amount:
        sentence = f"Số tiền: {format_int(amount)} đồng (Bằng chữ: {amount_words(amount)})."
    else:
        sentence = ""
    return {
        "parent_agency": issued_by.parent_authority,
        "agency": issued_by.agency,
        "honorific": honorific.lower(),
        "number": number_text(decision, issued_by.symbol),
        "date_text": decree30.date_line(issued_by.place, decision.signed_on),
        "summary": decision.summary,
        "grounds": GROUNDS + ([f"Căn cứ {decision.batch.basis};"] if decision.batch_id else []),
        "article1": [
            f"{honorific}: {person.full_name}; sinh {person.birth_display}; số định danh cá nhân: {person.personal_id or 'chưa có'}.",
            f"Nơi cư trú: {person.address + ', ' if person.address else ''}{record.commune.name}, {record.commune.parent.name}.",
            f"Diện: {record.category.name}.",
            decision.body,
        ]
        + ([sentence] if sentence else []),
        "months": [
            (
                span(run),
                f"Nghị định {run['version']}",
                str(rules.month_count([run])),
                format_int(run["due"]),
                format_int(run["paid"]),
                format_int((run["due"] - run["paid"]) * rules.month_count([run])),
            )
            for run in decision.months
        ],
        "amount": amount,
        "draft": decision.status != Decision.Status.APPROVED,
        "signer_name": signer_name(decision),
    }


def _styles(document):
    styles = decree30.styles(document)
    styles["ground"] = add_style(
        document,
        "AS Can cu",
        14,
        italic=True,
        align=decree30.JUSTIFY,
        indent=decree30.INDENT,
        after=3,
    )
    styles["article"] = add_style(
        document, "AS Dieu", 14, align=decree30.JUSTIFY, indent=decree30.INDENT, before=6
    )
    styles["cell"] = add_style(document, "AS O bang", 12, after=0)
    return styles


def _article(document, styles, number, text):
    paragraph = add_line(document, "", styles["article"])
    paragraph.add_run(f"Điều {number}. ").bold = True
    paragraph.add_run(text)


@lru_cache(maxsize=1)
def template_bytes():
    """The decision template (docxtpl tags in a Decree 30 layout), built once per process."""
    document = decree30.new_document()
    styles = _styles(document)
    decree30.page_number_header(document.sections[0], styles["page"])
    decree30.header(
        document,
        styles,
        "{{ parent_agency|upper }}",
        "{{ agency|upper }}",
        "Số: {{ number }}",
        "{{ date_text }}",
    )
    add_line(document, "QUYẾT ĐỊNH{% if draft %} (DỰ THẢO){% endif %}", styles["type"])
    add_line(document, "{{ summary }}", styles["summary"])
    add_line(document, "GIÁM ĐỐC {{ agency|upper }}", styles["type"])
    add_line(document, "{%p for ground in grounds %}", styles["ground"])
    add_line(document, "{{ ground }}", styles["ground"])
    add_line(document, "{%p endfor %}", styles["ground"])
    add_line(document, "Theo đề nghị của Trưởng phòng Người có công.", styles["ground"])
    add_line(document, "QUYẾT ĐỊNH:", styles["type"])
    _article(document, styles, 1, "{{ article1[0] }}")
    add_line(document, "{%p for line in article1[1:] %}", styles["body"])
    add_line(document, "{{ line }}", styles["body"])
    add_line(document, "{%p endfor %}", styles["body"])
    add_line(document, "{%p if months %}", styles["body"])
    table = document.add_table(rows=3, cols=len(TABLE_HEADERS))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, TABLE_HEADERS, strict=False):
        cell.paragraphs[0].style = styles["cell"]
        cell.paragraphs[0].add_run(header).bold = True
    table.rows[1].cells[0].paragraphs[0].text = "{%tr for row in months %}"
    for index, cell in enumerate(table.rows[2].cells):
        cell.paragraphs[0].style = styles["cell"]
        cell.paragraphs[0].text = f"{{{{ row[{index}] }}}}"
    table.add_row().cells[0].paragraphs[0].text = "{%tr endfor %}"
    add_line(document, "{%p endif %}", styles["body"])
    _article(document, styles, 2, "Quyết định có hiệu lực kể từ ngày ký.")
    _article(
        document,
        styles,
        3,
        "Chánh Văn phòng Sở, Trưởng phòng Người có công, Trưởng phòng Kế hoạch - Tài chính, Trưởng phòng "
        "Lao động - Thương binh và Xã hội cấp huyện và {{ honorific }} có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
    )
    add_line(document, "", styles["body"])
    signature = decree30.Signature(SIGNER["authority"], SIGNER["title"], "{{ signer_name }}")
    decree30.closing(document, styles, ["- Như Điều 3;", "- Lưu: VT, NCC."], signature)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def decision_docx(decision):
    return render(content_of(decision))


def render(content):
    template = DocxTemplate(io.BytesIO(template_bytes()))
    template.render(printable_tree(content), autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def documents_docx(decisions):
    """One .docx holding the decisions one after the other (a page break between them)."""
    combined = Document(io.BytesIO(decision_docx(decisions[0])))
    composer_body = combined.element.body
    for decision in decisions[1:]:
        combined.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        for element in Document(io.BytesIO(decision_docx(decision))).element.body:
            if not element.tag.endswith("sectPr"):
                composer_body.append(element)
    sections = composer_body.findall(qn("w:sectPr"))
    for section in sections[:-1]:
        composer_body.remove(section)
    if sections:
        composer_body.append(sections[-1])
    buffer = io.BytesIO()
    combined.save(buffer)
    return buffer.getvalue()


def file_name(decision):
    return f"QD-{decision.year or 'du-thao'}-{decision.number or decision.pk:04d}.docx"


def batch_folder(batch):
    folder = Path(settings.DATA_DIR) / "merit" / "batches" / str(batch.pk)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


SUMMARY_HEADERS = [
    "STT",
    "Số quyết định",
    "Họ và tên",
    "Số định danh",
    "Xã/phường",
    "Huyện",
    "Từ tháng",
    "Đến tháng",
    "Số tháng",
    "Chênh lệch (đồng)",
    "Phải thu hồi (đồng)",
]


def summary_rows(decisions):
    for index, d in enumerate(decisions, start=1):
        person, commune = d.record.person, d.record.commune
        yield [
            index,
            d.number_text,
            person.full_name,
            person.personal_id or "",
            commune.name,
            commune.parent.name,
            d.months[0]["from"][:7] if d.months else "",
            d.months[-1]["to"][:7] if d.months else "",
            rules.month_count(d.months),
            d.amount,
            -d.amount if d.amount < 0 else 0,
        ]


def generate_batch_files(batch):
    """Job: every decision of the batch as a DOCX (zipped), a combined PDF and an XLSX summary."""
    RecalcBatch.objects.filter(pk=batch.pk).update(files_status="running", files_progress=0)
    folder = batch_folder(batch)
    decisions = list(
        batch.decisions.select_related(
            "record__person", "record__commune__parent", "record__category", "batch", "approved_by"
        ).order_by("number")
    )
    total = len(decisions) or 1
    with zipfile.ZipFile(folder / "quyet-dinh.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for index, decision in enumerate(decisions, start=1):
            archive.writestr(file_name(decision), decision_docx(decision))
            if index % 50 == 0:
                RecalcBatch.objects.filter(pk=batch.pk).update(
                    files_progress=min(90, index * 90 // total)
                )
    content, _ = workbook_bytes("Tổng hợp", SUMMARY_HEADERS, summary_rows(decisions))
    (folder / "tong-hop.xlsx").write_bytes(content)
    message = ""
    try:
        (folder / "quyet-dinh.pdf").write_bytes(
            docx_to_pdf(documents_docx(decisions), timeout=1800)
        )
    except DocumentError as error:
        message = str(error)
    RecalcBatch.objects.filter(pk=batch.pk).update(
        files_status="done", files_progress=100, files_path=str(folder), message=message
    )


@task()
def batch_files_job(batch_id):
    """Job: the batch's files, written again from scratch when run again."""
    batch = RecalcBatch.objects.filter(pk=batch_id, files_status="running").first()
    if batch is None:
        return None
    try:
        generate_batch_files(batch)
    except BaseException as error:  # also a worker stopped mid-task (second Ctrl+C)
        RecalcBatch.objects.filter(pk=batch_id).update(
            files_status="failed", message=f"Lỗi khi tạo tệp: {error}"[:500]
        )
        raise
    return batch_id


def start_batch_files(batch):
    """Queue the files of an approved batch; refused while they are being made (conditional update)."""
    with transaction.atomic():
        taken = (
            RecalcBatch.objects.filter(pk=batch.pk, status=RecalcBatch.Status.APPROVED)
            .exclude(files_status="running")
            .update(files_status="running", files_progress=0)
        )
        if not taken:
            return False
        batch_files_job.enqueue(batch.pk)
    return True
