"""Imports of the merit area: a new decree's allowance tables (checked against the previous
version), records of people with meritorious service, and medical-assessment results."""

from datetime import date
from decimal import Decimal, InvalidOperation

from ansinh.core import scope
from ansinh.core.bulk import insert_history
from ansinh.core.importers import parse_amount, parse_month, registered_person
from ansinh.core.imports import (
    CellError,
    Column,
    FileRejected,
    Importer,
    Problem,
    parse_code,
    parse_date,
    parse_text,
    register,
)
from ansinh.core.numbers import format_int

from . import rules, services
from .models import AllowanceBand, Assessment, DecreeVersion, MeritCategory, MeritRecord
from .tables import band_of


def parse_rate(value):
    text = parse_code(value).replace("%", "").strip()
    if not text:
        return 0
    if not text.isdigit() or not 0 <= int(text) <= 100:
        raise CellError(f"“{text}” không phải tỷ lệ từ 0 đến 100.")
    return int(text)


def parse_multiple(value):
    text = parse_code(value).replace(",", ".")
    if not text:
        return None
    try:
        multiple = Decimal(text)
    except InvalidOperation:
        raise CellError(f"“{text}” không phải hệ số (ví dụ 1,0).") from None
    if multiple <= 0:
        raise CellError("hệ số phải lớn hơn 0.")
    return multiple


@register
class TablesImporter(Importer):
    """A decree's tables: one row per band; every row names the decree, its date and level."""

    kind = "merit_tables"
    title = "Bảng mức trợ cấp người có công theo nghị định mới"
    columns = [
        Column(
            "Nghị định",
            "version",
            True,
            "Số hiệu, ví dụ 77/2024 (một nghị định mỗi tệp).",
            "77/2024",
        ),
        Column(
            "Hiệu lực từ", "valid_from", True, "Ngày 01 của tháng bắt đầu áp dụng.", "01/07/2024"
        ),
        Column("Mức chuẩn", "level", True, "Đồng/tháng, làm tròn đến 1.000 đồng.", "2789000"),
        Column("Căn cứ", "citation", True, "Trích dẫn văn bản.", "Nghị định 77/2024/NĐ-CP"),
        Column("Bảng", "table", True, "Mã bảng: " + ", ".join(rules.TABLES), "chat_doc"),
        Column("Từ tỷ lệ (%)", "rate_from", False, "Với bảng theo tỷ lệ.", "21"),
        Column("Đến tỷ lệ (%)", "rate_to", False, "Với bảng theo tỷ lệ.", "40"),
        Column(
            "Số tiền (đồng)",
            "amount",
            False,
            "Làm tròn đến 1.000 đồng; để trống nếu ghi hệ số.",
            "2120000",
        ),
        Column(
            "Hệ số so với mức chuẩn", "multiple", False, "Ví dụ 1,0 (khi không ghi số tiền).", ""
        ),
        Column("Ghi chú", "note", False, "", ""),
    ]

    def __init__(self, user):
        super().__init__(user)
        if not scope.is_leader_or_admin(user) or not scope.can_write(user):
            raise FileRejected("Chỉ quản trị viên được nạp bảng mức trợ cấp.")

    def clean_row(self, values, row, problems):
        table = parse_code(values.get("table"))
        if table not in rules.TABLES:
            problems.append(Problem(row, self.header_of("table"), f"không có bảng “{table}”."))
        item = {
            "version": self.cell(values, "version", lambda v: parse_text(v, 20), row, problems),
            "valid_from": self.cell(values, "valid_from", parse_date, row, problems),
            "level": self.cell(values, "level", parse_amount, row, problems),
            "citation": self.cell(values, "citation", lambda v: parse_text(v, 300), row, problems),
            "table": table,
            "rate_from": self.cell(values, "rate_from", parse_rate, row, problems),
            "rate_to": self.cell(values, "rate_to", parse_rate, row, problems),
            "amount": self.cell(values, "amount", parse_amount, row, problems) or None,
            "multiple": self.cell(values, "multiple", parse_multiple, row, problems),
            "note": self.cell(values, "note", lambda v: parse_text(v, 300), row, problems),
        }
        if item["amount"] and item["amount"] % 1000:
            problems.append(
                Problem(
                    row,
                    self.header_of("amount"),
                    f"{format_int(item['amount'])} đồng chưa làm tròn đến 1.000 đồng.",
                )
            )
        if item["amount"] is None and item["multiple"] is None:
            problems.append(Problem(row, self.header_of("amount"), "phải ghi số tiền hoặc hệ số."))
        if table in rules.RATE_TABLES and not (
            item["rate_from"] and item["rate_to"] and item["rate_from"] <= item["rate_to"]
        ):
            problems.append(
                Problem(
                    row,
                    self.header_of("rate_from"),
                    "bảng theo tỷ lệ phải ghi khung từ … đến … (%).",
                )
            )
        return item

    def check_file(self, objects, problems, warnings):
        if not objects:
            return
        first = objects[0][1]
        for row, item in objects:
            for key in ("version", "valid_from", "level", "citation"):
                if item[key] != first[key]:
                    problems.append(
                        Problem(
                            row,
                            self.header_of(key),
                            "mỗi tệp chỉ nạp một nghị định (khác dòng đầu).",
                        )
                    )
        if first["valid_from"] and first["valid_from"].day != 1:
            problems.append(
                Problem(
                    objects[0][0],
                    self.header_of("valid_from"),
                    "bảng mức có hiệu lực từ ngày 01 của tháng.",
                )
            )
        if DecreeVersion.objects.filter(code=first["version"]).exists():
            problems.append(
                Problem(0, "", f"Đã có bảng của Nghị định {first['version']}; không nạp lại.")
            )
        previous = (
            DecreeVersion.objects.filter(valid_from__lt=first["valid_from"])
            .order_by("-valid_from")
            .first()
            if first["valid_from"]
            else None
        )
        new = [
            rules.Band(
                i["table"], i["rate_from"] or 0, i["rate_to"] or 0, i["amount"], i["multiple"]
            )
            for _, i in objects
        ]
        keys = [(b.table, b.rate_from, b.rate_to) for b in new]
        for (row, _), key in zip(objects, keys, strict=False):
            if keys.count(key) > 1:
                problems.append(
                    Problem(row, self.header_of("table"), "dòng trùng bảng và khung tỷ lệ.")
                )
        old = (
            [band_of(b) for b in AllowanceBand.objects.filter(version=previous)] if previous else []
        )
        for message in rules.check_version(new, old, first["level"] or 0):
            problems.append(Problem(0, "", message))

    def save(self, objects):
        first = objects[0]
        version = DecreeVersion.objects.create(
            code=first["version"],
            title=f"Nghị định {first['version']}",
            valid_from=first["valid_from"],
            level=first["level"],
            citation=first["citation"],
            loaded_by=self.user,
        )
        bands = AllowanceBand.objects.bulk_create(
            [
                AllowanceBand(
                    version=version,
                    table=i["table"],
                    rate_from=i["rate_from"] or 0,
                    rate_to=i["rate_to"] or 0,
                    amount=i["amount"],
                    multiple=i["multiple"],
                    note=i["note"],
                )
                for i in objects
            ]
        )
        insert_history(bands, self.user, "Nạp bảng mức từ tệp")
        services.mark_paid_records_from(version.valid_from)
        return len(bands)


class MeritImporter(Importer):
    """Shared by the merit registry importers: who may import, where, and how rows are written."""

    model = None

    def __init__(self, user):
        super().__init__(user)
        if not services.can_write(user):
            raise FileRejected("Tài khoản của bạn không được nhập hồ sơ người có công.")
        self.allowed = set(scope.visible_communes(user).values_list("pk", flat=True))

    def create(self, objects):
        for obj in objects:
            obj.created_by = self.user
        created = self.model.objects.bulk_create(objects, batch_size=2000)
        insert_history(created, self.user, "Nhập từ tệp")
        return created

    def save(self, objects):
        return len(self.create(objects))


@register
class RecordImporter(MeritImporter):
    model = MeritRecord
    kind = "merit_records"
    title = "Hồ sơ người có công"
    columns = [
        Column(
            "Số định danh cá nhân",
            "personal_id",
            True,
            "Người phải có trong sổ đối tượng.",
            "094060001234",
        ),
        Column(
            "Diện",
            "category",
            True,
            "Mã diện: TB_A, CDHH, CDHH_CON, TNLS, THOCUNG, MVNAH, LS, HDKC…",
            "CDHH",
        ),
        Column("Số hồ sơ", "code", False, "", "CĐHH-0123"),
        Column(
            "Hưởng từ tháng",
            "start_month",
            False,
            "03/2024; để trống nếu chưa hưởng hằng tháng.",
            "07/2021",
        ),
        Column("Có người phục vụ từ ngày", "caregiver_from", False, "", ""),
    ]

    def clean_row(self, values, row, problems):
        person = self.cell(
            values,
            "personal_id",
            lambda v: registered_person(v, self.allowed, allow_dead=True),
            row,
            problems,
        )
        code = parse_code(values.get("category"))
        category = MeritCategory.objects.filter(code=code).first()
        if category is None:
            problems.append(Problem(row, self.header_of("category"), f"không có diện “{code}”."))
        start = self.cell(
            values,
            "start_month",
            lambda v: parse_month(v) if parse_code(v) else None,
            row,
            problems,
        )
        record = MeritRecord(
            person=person,
            category=category,
            commune=person.commune if person else None,
            code=self.cell(values, "code", lambda v: parse_text(v, 30), row, problems) or "",
            start_month=start,
            caregiver_from=self.cell(values, "caregiver_from", parse_date, row, problems),
            status=MeritRecord.Status.PAYING if start else MeritRecord.Status.NOT_PAID,
        )
        return record

    def check_file(self, objects, problems, warnings):
        seen = {}
        existing = set(
            MeritRecord.objects.filter(person__in=[o.person for _, o in objects]).values_list(
                "person_id", "category_id"
            )
        )
        for row, record in objects:
            key = (record.person.pk, record.category.pk)
            if key in seen:
                problems.append(
                    Problem(row, self.header_of("personal_id"), f"trùng với dòng {seen[key]}.")
                )
            elif key in existing:
                problems.append(
                    Problem(
                        row,
                        self.header_of("personal_id"),
                        f"{record.person} đã có hồ sơ diện “{record.category}”.",
                    )
                )
            seen[key] = row


@register
class AssessmentImporter(MeritImporter):
    model = Assessment
    kind = "merit_assessments"
    title = "Kết quả giám định y khoa người có công"
    columns = [
        Column("Mã hồ sơ", "record", True, "Mã hồ sơ người có công trong hệ thống.", "1234"),
        Column("Ngày giám định", "date", True, "", "15/01/2024"),
        Column("Áp dụng từ ngày", "effective_from", False, "Để trống: từ ngày giám định.", ""),
        Column("Tỷ lệ (%)", "rate", True, "Thương binh: 21–100.", "61"),
        Column("Đặc biệt nặng", "severe", False, "“có” nếu có bệnh tật đặc biệt nặng.", ""),
        Column(
            "Hội đồng giám định", "council", True, "", "Hội đồng Giám định y khoa tỉnh Sóc Trăng"
        ),
        Column("Số biên bản", "minutes", False, "", ""),
        Column("Lý do", "reason", False, "", ""),
    ]

    def _record(self, value):
        code = parse_code(value)
        records = MeritRecord.objects.select_related("person", "category").filter(
            commune_id__in=self.allowed
        )
        return scope.lookup(records, pk=int(code) if code.isdigit() else None)

    def clean_row(self, values, row, problems):
        record = self.cell(values, "record", self._record, row, problems)
        day = self.cell(values, "date", parse_date, row, problems)
        effective = self.cell(values, "effective_from", parse_date, row, problems) or day
        rate = self.cell(values, "rate", parse_rate, row, problems)
        council = self.cell(values, "council", lambda v: parse_text(v, 200), row, problems)
        if record and rate is not None:
            person = record.person
            birth = person.birth_date or date(person.birth_year, 1, 1)
            columns = {"rate": "rate", "date": "date"}
            for field, message in rules.check_assessment(rate, day, birth, record.category.invalid):
                problems.append(Problem(row, self.header_of(columns[field]), message))
            if not record.category.rate_based:
                problems.append(
                    Problem(
                        row,
                        self.header_of("rate"),
                        f"diện “{record.category}” không hưởng theo tỷ lệ.",
                    )
                )
        if not council:
            problems.append(Problem(row, self.header_of("council"), "phải ghi hội đồng giám định."))
        return Assessment(
            record=record,
            date=day,
            effective_from=effective,
            rate=rate or 0,
            council=council or "",
            severe=parse_code(values.get("severe")).lower() in ("có", "co", "x", "1"),
            minutes=parse_text(values.get("minutes"), 60),
            reason=parse_text(values.get("reason"), 300),
        )

    def save(self, objects):
        created = self.create(objects)
        this_month = date.today().replace(day=1)
        for item in created:
            record = item.record
            if record.start_month and item.effective_from < this_month:
                services.mark_for_recalculation(
                    MeritRecord.objects.filter(pk=record.pk),
                    max(item.effective_from, record.start_month),
                )
        return len(created)
