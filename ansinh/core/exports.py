"""File downloads and spreadsheet exports. Every text cell passes through neutralise_formula."""

import io
from pathlib import PurePath

from django.http import FileResponse
from django.utils.cache import add_never_cache_headers
from openpyxl import Workbook

from .text import neutralise_formula

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
CONTENT_TYPES = {".xlsx": XLSX, ".docx": DOCX, ".pdf": PDF}


def download(content, file_name, content_type=None):
    """`content` (bytes, or a file opened in binary mode) sent as the attachment `file_name`,
    never kept in a cache. The content type follows the name's extension unless given."""
    if isinstance(content, (bytes, bytearray, memoryview)):
        content = io.BytesIO(bytes(content))
    content_type = content_type or CONTENT_TYPES.get(PurePath(file_name).suffix.lower())
    response = FileResponse(
        content, as_attachment=True, filename=file_name, content_type=content_type
    )
    add_never_cache_headers(response)
    return response


def xlsx_response(content, file_name):
    return download(content, file_name, XLSX)


def workbook_bytes(title, headers, rows):
    """An .xlsx of one sheet; returns (bytes, row count)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.append(headers)
    count = 0
    for row in rows:
        sheet.append([neutralise_formula(value) for value in row])
        count += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), count


PEOPLE_HEADERS = [
    "Mã",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Dân tộc",
    "Số định danh cá nhân",
    "Số điện thoại",
    "Địa chỉ",
    "Mã xã/phường",
    "Xã/phường",
    "Ngày mất",
    "Tình trạng",
]


def people_rows(people):
    for p in people.iterator(chunk_size=2000):
        yield [
            p.pk,
            p.full_name,
            p.birth_display,
            p.get_sex_display(),
            p.get_ethnicity_display(),
            p.personal_id or "",
            p.phone,
            p.address,
            p.commune.code,
            p.commune.name,
            p.death_date.strftime("%d/%m/%Y") if p.death_date else "",
            p.get_status_display(),
        ]


def people_workbook(people):
    return workbook_bytes("Đối tượng", PEOPLE_HEADERS, people_rows(people))
