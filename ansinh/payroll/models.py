"""Monthly payroll cycles and their lines, shared by every scheme (welfare, merit, ...)."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from ansinh.core.models import AdminUnit, NoDeleteModel

CASH = "cash"  # payment method of the lines without a welfare case (welfare.Case.Payment.CASH)


class PayrollCycle(NoDeleteModel):
    """The monthly payroll of a unit: draft → approved (immutable) → paid."""

    class Status(models.TextChoices):
        GENERATING = "generating", "Đang lập"
        FAILED = "failed", "Lập lỗi"
        DRAFT = "draft", "Dự thảo"
        APPROVED = "approved", "Đã duyệt"
        PAID = "paid", "Đã chi trả"

    class Scheme(models.TextChoices):
        WELFARE = "welfare", "Trợ cấp xã hội (Nghị định 20/2021)"
        MERIT = "merit", "Trợ cấp ưu đãi người có công"

    month = models.DateField("tháng")
    unit = models.ForeignKey(AdminUnit, models.PROTECT, related_name="+", verbose_name="địa bàn")
    scheme = models.CharField(
        "chế độ", max_length=10, choices=Scheme.choices, default=Scheme.WELFARE
    )
    status = models.CharField(
        "trạng thái", max_length=10, choices=Status.choices, default=Status.GENERATING
    )
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    task_id = models.CharField("mã công việc lập danh sách", max_length=64, blank=True, default="")
    generated_at = models.DateTimeField("lập lúc", null=True, blank=True)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    approved_at = models.DateTimeField("duyệt lúc", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    paid_at = models.DateTimeField("chi trả lúc", null=True, blank=True)
    line_count = models.PositiveIntegerField("số dòng", default=0)
    total_amount = models.BigIntegerField("tổng tiền (đồng)", default=0)
    history = HistoricalRecords(table_name="welfare_historicalpayrollcycle")

    class Meta:
        db_table = (
            "welfare_payrollcycle"  # the table kept its name when the model moved from welfare
        )
        verbose_name = "danh sách chi trả tháng"
        verbose_name_plural = "danh sách chi trả tháng"
        constraints = [
            models.UniqueConstraint(
                fields=["month", "unit", "scheme"], name="payroll_cycle_month_unit_scheme"
            )
        ]

    @property
    def is_editable(self):
        return self.status in (self.Status.GENERATING, self.Status.FAILED, self.Status.DRAFT)

    @property
    def is_complete(self):
        """Generated to the end: only then can it be exported or approved."""
        return self.status in (self.Status.DRAFT, self.Status.APPROVED, self.Status.PAID)


class PayrollLine(models.Model):
    """One payment (or recovery) in a cycle, for a month, at the rules in force then. It points to
    exactly one record of its scheme (a welfare case, a caregiver support or a merit record), which
    names the person paid; the database checks that exactly one is set."""

    class Kind(models.TextChoices):
        REGULAR = "regular", "Trợ cấp tháng"
        ARREARS = "arrears", "Truy lĩnh"
        RECOVERY = "recovery", "Truy thu"
        DEDUCTION = "deduction", "Khấu trừ thu hồi"

    class Change(models.TextChoices):
        SAME = "", "Không đổi"
        NEW = "new", "Mới hưởng"
        ENDED = "ended", "Thôi hưởng"
        CHANGED = "changed", "Thay đổi mức"

    cycle = models.ForeignKey(PayrollCycle, models.CASCADE, related_name="lines")
    case = models.ForeignKey(
        "welfare.Case", models.PROTECT, null=True, related_name="payroll_lines"
    )
    caregiver = models.ForeignKey(
        "welfare.Caregiver", models.PROTECT, null=True, related_name="payroll_lines"
    )
    merit_record = models.ForeignKey(
        "merit.MeritRecord", models.PROTECT, null=True, related_name="payroll_lines"
    )
    commune = models.ForeignKey(AdminUnit, models.PROTECT, related_name="+")
    for_month = models.DateField("tháng hưởng")
    kind = models.CharField("loại", max_length=10, choices=Kind.choices, default=Kind.REGULAR)
    level = models.PositiveIntegerField("mức chuẩn")
    coefficient = models.DecimalField("hệ số", max_digits=4, decimal_places=2)
    amount = models.BigIntegerField("số tiền (đồng)")
    change = models.CharField(
        "so với tháng trước", max_length=10, choices=Change.choices, blank=True, default=""
    )
    previous_amount = models.BigIntegerField("tháng trước", null=True)

    @property
    def recipient(self):
        if self.merit_record_id:
            return self.merit_record.person
        return self.case.person if self.case_id else self.caregiver.caregiver

    @property
    def basis(self):
        if self.merit_record_id:
            return self.merit_record.category.name
        return self.case.category.name if self.case_id else "Hỗ trợ chăm sóc, nuôi dưỡng (Điều 20)"

    @property
    def payment_method(self):
        return self.case.payment_method if self.case_id else CASH

    class Meta:
        db_table = (
            "welfare_payrollline"  # the table kept its name when the model moved from welfare
        )
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(case__isnull=False, caregiver__isnull=True, merit_record__isnull=True)
                    | models.Q(
                        case__isnull=True, caregiver__isnull=False, merit_record__isnull=True
                    )
                    | models.Q(
                        case__isnull=True, caregiver__isnull=True, merit_record__isnull=False
                    )
                ),
                name="payroll_line_one_record",
            ),
        ]
        indexes = [
            models.Index(fields=["cycle", "commune"], name="payroll_line_cycle_commune"),
            models.Index(fields=["case", "for_month"], name="payroll_line_case_month"),
            models.Index(fields=["merit_record", "for_month"], name="payroll_line_merit_month"),
        ]
