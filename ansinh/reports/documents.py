"""Renders a report's content to DOCX (docxtpl), PDF (LibreOffice headless) and an XLSX annex."""
import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment
from jinja2 import StrictUndefined
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from ansinh.core.text import neutralise_formula

from . import render

TEMPLATE = Path(__file__).parent / "data" / "bao_cao_quy.docx"


class DocumentError(Exception):
    """The document could not be produced; the message is for the user. Nothing was written."""


def docx_context(content):
    context = {key: content[key] for key in ("header", "recipients", "signer")}
    context["parts"] = [
        {"heading": part["heading"], "sections": [
            {"number": s["number"], "title": s["title"], "paragraphs": [render.plain(p) for p in s["paragraphs"]]}
            for s in part["sections"]
        ]}
        for part in content["parts"]
    ]
    return context


def render_docx(content, template_bytes=None):
    """The report as .docx bytes, rendered fully in memory: a broken template raises DocumentError."""
    source = io.BytesIO(template_bytes) if template_bytes else str(TEMPLATE)
    try:
        template = DocxTemplate(source)
        environment = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)
        template.render(docx_context(content), jinja_env=environment, autoescape=True)
    except TemplateSyntaxError as error:
        raise DocumentError(f"Mẫu Word có thẻ sai cú pháp (dòng {error.lineno}): {error.message}.")
    except UndefinedError as error:
        raise DocumentError(f"Mẫu Word dùng trường dữ liệu không có: {error.message}.")
    except Exception as error:
        raise DocumentError(f"Không đọc được mẫu Word: {error}.")
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def soffice():
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx_bytes, timeout=180):
    """PDF bytes through LibreOffice headless; DocumentError when it is missing or fails."""
    binary = soffice()
    if not binary:
        raise DocumentError("Máy chủ chưa cài LibreOffice nên chưa tạo được tệp PDF; tệp Word vẫn dùng được.")
    with tempfile.TemporaryDirectory(prefix="ansinh-pdf-") as folder:
        source = Path(folder) / "bao-cao.docx"
        source.write_bytes(docx_bytes)
        profile = Path(folder) / "profile"
        command = [binary, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", folder, str(source)]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=timeout)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            raise DocumentError(f"LibreOffice không chuyển được sang PDF: {error}.")
        result = Path(folder) / "bao-cao.pdf"
        if not result.exists():
            raise DocumentError("LibreOffice không tạo ra tệp PDF.")
        return result.read_bytes()


def render_xlsx(content):
    """Annex: every indicator by district, with the province total, the target and achievement."""
    annex = content["annex"]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Phụ lục số liệu"
    sheet.append([f"PHỤ LỤC SỐ LIỆU {content['period_label'].upper()} – {content['unit']['name'].upper()}"])
    sheet["A1"].font = Font(bold=True, size=13)
    headers = ["STT", "Mã", "Chỉ tiêu", "Đơn vị tính"] + [d["name"] for d in annex["districts"]] + ["Toàn tỉnh", "Kế hoạch năm", "% kế hoạch"]
    sheet.append([])
    sheet.append(headers)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for index, row in enumerate(annex["rows"], start=1):
        values = [index, row["code"], row["name"], row["unit"]] + row["districts"] + [row["total"], row["target"], row["achievement"]]
        sheet.append([neutralise_formula(v) for v in values])
    for row in sheet.iter_rows(min_row=4, min_col=5):
        for cell in row:
            cell.number_format = "#,##0.##" if cell.column == sheet.max_column else "#,##0"
    sheet.column_dimensions["C"].width = 60
    sheet.freeze_panes = "E4"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
