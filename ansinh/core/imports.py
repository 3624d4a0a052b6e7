"""Import framework: declared columns, whole-file validation, all-or-nothing commit.

An importer declares its columns (Vietnamese headers) and turns a row of cleaned values into an
object; the framework reads .xlsx/.xls/.ods (python-calamine) or .csv, validates every row,
reports each bad cell by row number and column, and writes nothing unless the file is clean.
The same `run_import` serves the web page, the API and `ansinh import KIND FILE`.
"""

import csv
import io
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django_tasks import task
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from .scope import OutOfReach
from .text import fold, has_control_characters

MAX_ERRORS_SHOWN = 1000


class FileRejected(Exception):
    """The file as a whole cannot be read; the message is for the user."""


class CellError(ValueError):
    """A cell's value is wrong; the message is for the user."""


@dataclass
class Column:
    header: str
    name: str
    required: bool = False
    help: str = ""
    example: str = ""


@dataclass
class Problem:
    row: int
    column: str
    message: str

    def __str__(self):
        where = f"Dòng {self.row}" if self.row else "Tệp"
        return (
            f"{where}, cột “{self.column}”: {self.message}"
            if self.column
            else f"{where}: {self.message}"
        )


@dataclass
class ImportResult:
    kind: str
    total_rows: int = 0
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    created: int = 0
    committed: bool = False

    @property
    def ok(self):
        return not self.errors

    @property
    def needs_confirmation(self):
        return self.ok and bool(self.warnings) and not self.committed

    def as_dict(self):
        return {
            "kind": self.kind,
            "total_rows": self.total_rows,
            "created": self.created,
            "committed": self.committed,
            "errors": [vars(p) for p in self.errors[:MAX_ERRORS_SHOWN]],
            "error_count": len(self.errors),
            "warnings": [vars(p) for p in self.warnings[:MAX_ERRORS_SHOWN]],
            "warning_count": len(self.warnings),
        }


class Importer:
    """Base of every importer. Subclasses set kind, title, columns and implement the hooks."""

    kind = ""
    title = ""
    columns: list = []

    def __init__(self, user):
        self.user = user

    def clean_row(self, values, row_number, problems):
        """Return the cleaned object for one row, adding a Problem per bad cell."""
        raise NotImplementedError

    def header_of(self, name):
        return next(c.header for c in self.columns if c.name == name)

    def cell(self, values, name, parse, row, problems):
        """Parse one cell; a CellError becomes a Problem naming the row and the column."""
        try:
            return parse(values.get(name))
        except CellError as error:
            problems.append(Problem(row, self.header_of(name), str(error)))
        except OutOfReach as error:  # a scoped lookup: the same words for missing and out of scope
            problems.append(Problem(row, self.header_of(name), error.message))
        return None

    def check_file(self, objects, problems, warnings):
        """Checks across rows and against the database (duplicates...)."""

    def save(self, objects):
        """Write the objects; runs inside one transaction. Returns the count written."""
        raise NotImplementedError


REGISTRY = {}


def register(importer_class):
    REGISTRY[importer_class.kind] = importer_class
    return importer_class


def importer_for(kind, user):
    if kind not in REGISTRY:
        known = ", ".join(sorted(REGISTRY))
        raise FileRejected(f"Không có loại dữ liệu nhập “{kind}”. Các loại hiện có: {known}.")
    return REGISTRY[kind](user)


def size_problem(size):
    """The message for a file over the import limit, or None."""
    if size <= settings.IMPORT_MAX_BYTES:
        return None
    limit = settings.IMPORT_MAX_BYTES // (1024 * 1024)
    return f"Tệp quá lớn ({size / 1048576:.1f} MB); giới hạn là {limit} MB. Hãy chia nhỏ tệp."


def rejected(kind, message):
    result = ImportResult(kind=kind)
    result.errors.append(Problem(0, "", message))
    return result


def read_table(content, file_name):
    """Rows of a spreadsheet or CSV as lists of cell values (first sheet only)."""
    if not content:
        raise FileRejected("Tệp rỗng, không có dữ liệu.")
    if size_problem(len(content)):
        raise FileRejected(size_problem(len(content)))
    name = (file_name or "").lower()
    if name.endswith(".csv"):
        return _read_csv(content)
    if name.endswith((".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")):
        return _read_spreadsheet(content)
    raise FileRejected("Chỉ nhận tệp Excel (.xlsx, .xls), OpenDocument (.ods) hoặc CSV (.csv).")


def _read_spreadsheet(content):
    from python_calamine import CalamineWorkbook

    if content[:4] == b"PK\x03\x04" and not _looks_like_workbook(content):
        raise FileRejected("Tệp không phải bảng tính hợp lệ (tệp nén nhưng không chứa bảng tính).")
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
        if not workbook.sheet_names:
            raise FileRejected("Bảng tính không có trang nào.")
        return workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except FileRejected:
        raise
    except Exception:
        raise FileRejected("Tệp không phải bảng tính Excel hợp lệ hoặc đã bị hỏng.") from None


def _looks_like_workbook(content):
    try:
        names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    except zipfile.BadZipFile:
        return False
    return any(n.startswith(("xl/", "content.xml")) for n in names)


def _read_csv(content):
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise FileRejected("Không đọc được bảng mã của tệp CSV; hãy lưu lại với bảng mã UTF-8.")
    if "\x00" in text:
        raise FileRejected("Tệp không phải tệp CSV dạng văn bản.")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def map_headers(importer, header_row):
    """Column index of each declared column; raises FileRejected when a required one is missing."""
    wanted = {fold(c.header): c for c in importer.columns}
    positions = {}
    for index, cell in enumerate(header_row):
        column = wanted.get(fold(str(cell or "")))
        if column and column.name not in positions:
            positions[column.name] = index
    missing = [c.header for c in importer.columns if c.required and c.name not in positions]
    if missing:
        raise FileRejected(
            "Dòng 1 (tiêu đề) thiếu cột bắt buộc: "
            + ", ".join(f"“{h}”" for h in missing)
            + ". Hãy dùng tệp mẫu của chức năng nhập."
        )
    return positions


def iter_records(importer, table):
    """(row number, {column name: value}) for each non-empty data row."""
    if not table or all(_blank(v) for v in table[0]):
        raise FileRejected("Tệp rỗng, không có dòng tiêu đề.")
    positions = map_headers(importer, table[0])
    for offset, row in enumerate(table[1:], start=2):
        if all(_blank(v) for v in row):
            continue
        values = {}
        for name, index in positions.items():
            value = row[index] if index < len(row) else None
            values[name] = value.strip() if isinstance(value, str) else value
        yield offset, values


def run_import(kind, content, file_name, user, commit=False, confirm_warnings=False, then=None):
    """Validate a whole file and, when asked and clean, write it in one transaction (in which
    `then(result)` runs, when given)."""
    result = ImportResult(kind=kind)
    try:
        importer = importer_for(kind, user)
        table = read_table(content, file_name)
        records = list(iter_records(importer, table))
    except FileRejected as refusal:
        return rejected(kind, str(refusal))
    result.total_rows = len(records)
    if not records:
        result.errors.append(Problem(0, "", "Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào."))
        return result
    objects = []
    for row_number, values in records:
        before = len(result.errors)
        refuse_control_characters(importer, values, row_number, result.errors)
        obj = importer.clean_row(values, row_number, result.errors)
        if len(result.errors) == before:
            objects.append((row_number, obj))
    importer.check_file(objects, result.errors, result.warnings)
    result.errors.sort(key=lambda p: p.row)
    result.warnings.sort(key=lambda p: p.row)
    if commit and result.ok and (confirm_warnings or not result.warnings):
        with transaction.atomic():
            result.created = importer.save([obj for _, obj in objects])
            result.committed = True
            if then:
                then(result)
    return result


def template_workbook(importer_class):
    """An .xlsx template: the header row and a sheet explaining each column."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Dữ liệu"
    sheet.append([c.header for c in importer_class.columns])
    sheet.append([c.example for c in importer_class.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for i, column in enumerate(importer_class.columns, start=1):
        sheet.column_dimensions[sheet.cell(1, i).column_letter].width = max(
            14, len(column.header) + 4
        )
        for row in (1, 2):
            sheet.cell(row, i).number_format = "@"
    guide = workbook.create_sheet("Hướng dẫn")
    guide.append(["Cột", "Bắt buộc", "Cách ghi"])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for column in importer_class.columns:
        guide.append([column.header, "Có" if column.required else "Không", column.help])
    guide.column_dimensions["A"].width = 24
    guide.column_dimensions["C"].width = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def refuse_control_characters(importer, values, row, problems):
    """A Problem naming the row and column of every cell holding a control character (line
    breaks typed in a cell with Alt+Enter are kept)."""
    for name, value in values.items():
        if has_control_characters(value):
            problems.append(
                Problem(row, importer.header_of(name), "chứa ký tự điều khiển không hợp lệ.")
            )


# Cell parsers shared by importers; each raises CellError with a Vietnamese reason.


def parse_text(value, max_length):
    if _blank(value):
        return ""
    text = str(value).strip()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    if len(text) > max_length:
        raise CellError(f"dài quá {max_length} ký tự.")
    return text


def parse_code(value):
    """A code typed as text or stored by Excel as a number (31498.0 -> "31498")."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() if not _blank(value) else ""


def parse_date(value):
    """A date cell: an Excel date, or text dd/mm/yyyy. Returns a date or None when blank."""
    if _blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise CellError(
        f"“{text}” không phải ngày hợp lệ (ghi theo dạng ngày/tháng/năm, ví dụ 05/03/1960)."
    )


def _upload_dir(user):
    folder = Path(settings.DATA_DIR) / "imports" / str(user.pk)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def store_upload(user, file_name, content):
    """Keep an upload for its confirmation (or its job) under a random token; returns the path."""
    safe_name = "".join(c for c in Path(file_name).name if c.isalnum() or c in "._-") or "file"
    path = _upload_dir(user) / f"{uuid.uuid4().hex}__{safe_name}"
    path.write_bytes(content)
    return path


def stored_upload(user, token):
    """The path of the user's upload kept under `token`, or None (unknown, expired or not theirs)."""
    if not token or not all(c.isalnum() or c in "-_." for c in token):
        return None
    return next(iter(_upload_dir(user).glob(f"{token}__*")), None)


def queue_import(user, kind, path, commit=False, confirm_warnings=False):
    """An ImportJob for a stored upload, handed to a worker when the transaction commits."""
    from .models import ImportJob

    token, file_name = path.name.split("__", 1)
    with transaction.atomic():
        job = ImportJob.objects.create(
            user=user,
            kind=kind,
            file_name=file_name,
            token=token,
            path=str(path),
            commit=commit,
            confirm_warnings=confirm_warnings,
        )
        run_import_job.enqueue(job.pk)
    return job


def queued(size):
    """Whether a file of this size is checked and imported by a worker rather than in the request."""
    return size > settings.IMPORT_QUEUE_BYTES


def result_of(data):
    """An ImportResult again from a job's stored result (errors and warnings: the first shown)."""
    return ImportResult(
        kind=data["kind"],
        total_rows=data["total_rows"],
        created=data["created"],
        committed=data["committed"],
        errors=[Problem(**p) for p in data["errors"]],
        warnings=[Problem(**p) for p in data["warnings"]],
    )


def _stored_result(result):
    data = result.as_dict()
    data["errors"] = [vars(p) for p in result.errors[: MAX_ERRORS_SHOWN + 1]]
    data["warnings"] = [vars(p) for p in result.warnings[: MAX_ERRORS_SHOWN + 1]]
    return data


@task()
def run_import_job(job_id):
    """Job: check (or check and import) a stored upload. An import writes its rows and marks the
    job done in one transaction: a worker killed before the end leaves nothing and the job runs
    again; a job found done is never imported twice."""
    from .models import ImportJob

    job = (
        ImportJob.objects.select_related("user")
        .filter(pk=job_id, status__in=[ImportJob.Status.QUEUED, ImportJob.Status.RUNNING])
        .first()
    )
    if job is None:
        return None
    ImportJob.objects.filter(pk=job_id).update(status=ImportJob.Status.RUNNING)
    path = Path(job.path)

    def done(result):
        ImportJob.objects.filter(pk=job_id).update(
            status=ImportJob.Status.DONE, result=_stored_result(result)
        )

    try:
        result = run_import(
            job.kind,
            path.read_bytes(),
            job.file_name,
            job.user,
            commit=job.commit,
            confirm_warnings=job.confirm_warnings,
            then=done,
        )
        if not result.committed:
            done(result)
    except BaseException:  # also a worker stopped mid-task (second Ctrl+C)
        ImportJob.objects.filter(pk=job_id).update(status=ImportJob.Status.FAILED)
        raise
    if result.committed:
        path.unlink(missing_ok=True)
    return job_id
