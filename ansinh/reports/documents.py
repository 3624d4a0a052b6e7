"""Renders a report's content to DOCX (docxtpl), PDF (LibreOffice headless) and an XLSX annex."""

import io
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from ansinh.core.office import DocumentError, docx_to_pdf  # noqa: F401  (used by the report services and views)
from ansinh.core.text import neutralise_formula, printable_tree

from . import render

TEMPLATE = Path(__file__).parent / "data" / "bao_cao_quy.docx"


def docx_context(content):
    context = {key: content[key] for key in ("header", "recipients", "signer")}
    context["parts"] = [
        {
            "heading": part["heading"],
            "sections": [
                {
                    "number": s["number"],
                    "title": s["title"],
                    "paragraphs": [render.plain(p) for p in s["paragraphs"]],
                }
                for s in part["sections"]
            ],
        }
        for part in content["parts"]
    ]
    return context


def render_docx(content, template_bytes=None):
    """The report as .docx bytes, rendered fully in memory: a broken template raises DocumentError."""
    source = io.BytesIO(template_bytes) if template_bytes else str(TEMPLATE)
    try:
        template = DocxTemplate(source)
        environment = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)
        template.render(
            printable_tree(docx_context(content)), jinja_env=environment, autoescape=True
        )
    except TemplateSyntaxError as error:
        raise DocumentError(
            f"Mẫu Word có thẻ sai cú pháp (dòng {error.lineno}): {error.message}."
        ) from error
    except UndefinedError as error:
        raise DocumentError(f"Mẫu Word dùng trường dữ liệu không có: {error.message}.") from error
    except Exception as error:
        raise DocumentError(f"Không đọc được mẫu Word: {error}.") from error
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def render_xlsx(content):
    """Annex: every indicator by district, with the province total, the target and achievement."""
    annex = content["annex"]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Phụ lục số liệu"
    sheet.append(
        [f"PHỤ LỤC SỐ LIỆU {content['period_label'].upper()} – {content['unit']['name'].upper()}"]
    )
    sheet["A1"].font = Font(bold=True, size=13)
    headers = (
        ["STT", "Mã", "Chỉ tiêu", "Đơn vị tính"]
        + [d["name"] for d in annex["districts"]]
        + ["Toàn tỉnh", "Kế hoạch năm", "% kế hoạch"]
    )
    sheet.append([])
    sheet.append(headers)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for index, row in enumerate(annex["rows"], start=1):
        values = (
            [index, row["code"], row["name"], row["unit"]]
            + row["districts"]
            + [row["total"], row["target"], row["achievement"]]
        )
        sheet.append([neutralise_formula(v) for v in values])
    for row in sheet.iter_rows(min_row=4, min_col=5):
        for cell in row:
            cell.number_format = "#,##0.##" if cell.column == sheet.max_column else "#,##0"
    sheet.column_dimensions["C"].width = 60
    sheet.freeze_panes = "E4"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
