"""Import of dossiers submitted online through the public-service portal (its Excel export)."""

from collections import Counter
from datetime import datetime

from django.db.models import Count
from django.utils import timezone

from ansinh.core.bulk import insert_history
from ansinh.core.calendar_service import day_off_name, work_calendar
from ansinh.core.errors import AppError
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

from . import rules, services
from .models import Channel, Dossier, Procedure, Step


def parse_moment(value):
    """“15/01/2024 14:35” or an Excel date-time → an aware date-time in the local zone."""
    if isinstance(value, datetime):
        moment = value
    else:
        text = parse_code(value)
        for pattern in (
            "%d/%m/%Y %H:%M",
            "%d/%m/%Y %H:%M:%S",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%d %H:%M",
        ):
            try:
                moment = datetime.strptime(text, pattern)
                break
            except ValueError:
                continue
        else:
            raise CellError(f"“{text}” không phải thời điểm hợp lệ (ghi dạng 15/01/2024 14:35).")
    if moment > datetime.now():
        raise CellError(f"thời điểm {moment:%d/%m/%Y %H:%M} ở tương lai.")
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


@register
class PortalDossierImporter(Importer):
    kind = "dossiers"
    title = "Hồ sơ nộp trực tuyến trên Cổng dịch vụ công"
    columns = [
        Column(
            "Mã hồ sơ trên Cổng",
            "portal_code",
            True,
            "Mã do Cổng dịch vụ công cấp; không trùng.",
            "000.00.31.H55-240105-0012",
        ),
        Column("Mã thủ tục", "procedure", True, "Mã trong danh mục thủ tục của Sở.", "LD-GPLD-CAP"),
        Column(
            "Thời điểm nộp",
            "received_at",
            True,
            "Ngày giờ nộp trên Cổng, dạng 15/01/2024 14:35.",
            "15/01/2024 14:35",
        ),
        Column(
            "Tên người nộp / tổ chức", "applicant_name", True, "", "Công ty TNHH Thủy sản Sóc Trăng"
        ),
        Column("Số định danh / mã số doanh nghiệp", "applicant_id", False, "", "2200123456"),
        Column("Điện thoại", "applicant_phone", False, "", "0299 3821 123"),
        Column("Thư điện tử", "applicant_email", False, "", ""),
        Column("Địa chỉ", "applicant_address", False, "", "Phường 2, thành phố Sóc Trăng"),
        Column(
            "Ngày hẹn trả",
            "due_date",
            False,
            "Để trống: tính theo thời hạn của thủ tục. Nếu ghi, phải là ngày làm việc.",
            "",
        ),
    ]

    def __init__(self, user):
        super().__init__(user)
        if not services.can_receive(user):
            raise FileRejected("Tài khoản của bạn không được tiếp nhận hồ sơ thủ tục hành chính.")
        self.unit = services.desk_unit(user)
        self.procedures = {p.code.upper(): p for p in Procedure.objects.filter(active=True)}
        self.calendar = work_calendar()

    def _procedure(self, value):
        code = parse_code(value).upper()
        if code not in self.procedures:
            raise CellError(f"không có thủ tục mã “{code}” trong danh mục thủ tục đang áp dụng.")
        procedure = self.procedures[code]
        if not procedure.online:
            raise CellError(f"thủ tục {code} không cung cấp dịch vụ công trực tuyến.")
        return procedure

    def _due(self, value):
        day = parse_date(value)
        if day is not None:
            try:
                rules.check_working_day(day, self.calendar, "Ngày hẹn trả", day_off_name(day))
            except (rules.RuleBroken, ValueError) as error:
                raise CellError(str(error)) from error
        return day

    def clean_row(self, values, row, problems):
        dossier = Dossier(
            unit=self.unit,
            channel=Channel.ONLINE,
            status=Dossier.Status.ACCEPTED,
            received_by=self.user,
        )
        dossier.portal_code = self.cell(
            values, "portal_code", lambda v: parse_text(v, 40), row, problems
        )
        procedure = self.cell(values, "procedure", self._procedure, row, problems)
        received_at = self.cell(values, "received_at", parse_moment, row, problems)
        for name, length in (
            ("applicant_name", 200),
            ("applicant_id", 20),
            ("applicant_phone", 20),
            ("applicant_email", 254),
            ("applicant_address", 300),
        ):
            setattr(
                dossier,
                name,
                self.cell(values, name, lambda v, n=length: parse_text(v, n), row, problems) or "",
            )
        if not dossier.applicant_name:
            problems.append(Problem(row, self.header_of("applicant_name"), "không được để trống."))
        due = self.cell(values, "due_date", self._due, row, problems)
        if received_at is None or procedure is None:
            return dossier
        dossier.procedure = procedure
        dossier.received_at, dossier.received_on = (
            received_at,
            timezone.localtime(received_at).date(),
        )
        try:
            dossier.start_date = rules.receipt_day(
                timezone.localtime(received_at),
                dossier.channel,
                self.calendar,
                services.desk_rules(dossier.received_on),
            )
            dossier.due_date = due or rules.due_date(
                dossier.start_date, dossier.procedure.days, self.calendar
            )
        except (AppError, ValueError) as error:
            problems.append(Problem(row, self.header_of("received_at"), str(error)))
            return dossier
        if due and due < dossier.received_on:
            problems.append(
                Problem(row, self.header_of("due_date"), "ngày hẹn trả trước ngày nộp.")
            )
        dossier.original_due_date = dossier.due_date
        dossier.documents_received = dossier.procedure.document_list
        return dossier

    def check_file(self, objects, problems, warnings):
        header = self.header_of("portal_code")
        seen = Counter(obj.portal_code for _, obj in objects)
        existing = set(
            Dossier.objects.filter(portal_code__in=list(seen)).values_list("portal_code", flat=True)
        )
        for row, obj in objects:
            if seen[obj.portal_code] > 1:
                problems.append(Problem(row, header, f"mã {obj.portal_code} lặp lại trong tệp."))
            elif obj.portal_code in existing:
                problems.append(
                    Problem(row, header, f"hồ sơ {obj.portal_code} đã được nhập trước đây.")
                )

    def save(self, objects):
        days = {o.received_on for o in objects}
        counts = (
            Dossier.objects.filter(unit=self.unit, received_on__in=days)
            .values("received_on")
            .annotate(n=Count("id"))
            .order_by()
        )
        sequence = Counter({row["received_on"]: row["n"] for row in counts})
        for dossier in objects:
            sequence[dossier.received_on] += 1
            dossier.code = services.dossier_code(
                self.unit, dossier.received_on, sequence[dossier.received_on]
            )
        created = Dossier.objects.bulk_create(objects, batch_size=1000)
        Step.objects.bulk_create(
            [
                Step(
                    dossier=d,
                    kind=Step.Kind.RECEIVED,
                    at=d.received_at,
                    by=self.user,
                    due_date=d.due_date,
                    text=f"Nhập từ Cổng dịch vụ công ({d.portal_code})",
                )
                for d in created
            ],
            batch_size=1000,
        )
        insert_history(created, self.user, "Nhập từ Cổng dịch vụ công")
        return len(created)
