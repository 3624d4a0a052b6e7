from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from ansinh.core.models import AdminUnit, Area, NoDeleteModel, NoDeleteQuerySet, OrgUnit


class Indicator(NoDeleteModel):
    """One figure the department reports: what it counts, in what unit, and where it comes from."""

    class Aggregation(models.TextChoices):
        SUM = "sum", "Cộng dồn"
        LAST = "last", "Số cuối kỳ"
        AVERAGE = "avg", "Bình quân"

    class Source(models.TextChoices):
        ENTRY = "entry", "Nhập số liệu tổng hợp"
        REGISTRY = "registry", "Tính từ sổ quản lý"

    class Level(models.TextChoices):
        DISTRICT = "district", "Cấp huyện nhập"
        PROVINCE = "province", "Cấp tỉnh nhập"

    code = models.CharField("mã", max_length=40, unique=True)
    name = models.CharField("tên chỉ tiêu", max_length=255)
    unit = models.CharField("đơn vị tính", max_length=30)
    area = models.CharField("lĩnh vực", max_length=20, choices=Area.choices)
    aggregation = models.CharField(
        "cách tổng hợp", max_length=5, choices=Aggregation.choices, default=Aggregation.SUM
    )
    categories = models.JSONField(
        "phân tổ", default=list, blank=True, help_text="Danh sách [mã, tên] của các phân tổ"
    )
    source = models.CharField("nguồn", max_length=10, choices=Source.choices, default=Source.ENTRY)
    entry_level = models.CharField(
        "cấp nhập", max_length=10, choices=Level.choices, default=Level.DISTRICT
    )
    entry_period = models.CharField("kỳ nhập", max_length=10, default="month")
    has_target = models.BooleanField("có chỉ tiêu kế hoạch", default=False)
    description = models.CharField("ghi chú", max_length=300, blank=True)
    order = models.PositiveIntegerField("thứ tự", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"
        ordering = ["order", "code"]

    def __str__(self):
        return f"{self.code} – {self.name}"

    @property
    def category_codes(self):
        return [code for code, _ in self.categories]

    def category_label(self, code):
        return dict(self.categories).get(code, code)


class DataValue(NoDeleteModel):
    """A figure entered for an indicator × unit × period × category (DHIS2's data value)."""

    indicator = models.ForeignKey(
        Indicator, models.PROTECT, related_name="values", verbose_name="chỉ tiêu"
    )
    unit = models.ForeignKey(AdminUnit, models.PROTECT, related_name="+", verbose_name="địa bàn")
    period = models.CharField("kỳ", max_length=10)
    category = models.CharField("phân tổ", max_length=30, blank=True, default="")
    value = models.DecimalField("giá trị", max_digits=20, decimal_places=2)
    org_unit = models.ForeignKey(
        OrgUnit, models.PROTECT, related_name="+", verbose_name="đơn vị báo cáo"
    )
    updated_at = models.DateTimeField("cập nhật", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        related_name="+",
        verbose_name="người nhập",
    )
    history = HistoricalRecords()

    objects = NoDeleteQuerySet.as_manager()

    class Meta:
        verbose_name = "số liệu"
        verbose_name_plural = "số liệu"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit", "period", "category"], name="data_value_key"
            )
        ]
        indexes = [models.Index(fields=["period", "indicator"], name="data_value_period")]


class DataSet(NoDeleteModel):
    """A form of indicators that one kind of unit reports each period."""

    code = models.CharField("mã", max_length=40, unique=True)
    name = models.CharField("tên biểu", max_length=200)
    period_kind = models.CharField(
        "kỳ báo cáo", max_length=10, choices=[("month", "Tháng"), ("quarter", "Quý")]
    )
    reporter_kind = models.CharField("đơn vị báo cáo", max_length=20, choices=OrgUnit.Kind.choices)
    reporter_area = models.CharField(
        "lĩnh vực của phòng báo cáo", max_length=20, choices=Area.choices, blank=True
    )
    due_days = models.PositiveSmallIntegerField("hạn nộp (số ngày sau cuối kỳ)", default=5)
    indicators = models.ManyToManyField(
        Indicator, related_name="data_sets", verbose_name="chỉ tiêu"
    )

    class Meta:
        verbose_name = "biểu báo cáo"
        verbose_name_plural = "biểu báo cáo"
        ordering = ["code"]

    def __str__(self):
        return self.name


class Submission(NoDeleteModel):
    """The state of one data set for one reporting unit and period: draft → submitted → approved → locked."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Đang nhập"
        SUBMITTED = "submitted", "Đã gửi"
        APPROVED = "approved", "Đã duyệt"
        LOCKED = "locked", "Đã khoá"

    data_set = models.ForeignKey(
        DataSet, models.PROTECT, related_name="submissions", verbose_name="biểu báo cáo"
    )
    org_unit = models.ForeignKey(
        OrgUnit, models.PROTECT, related_name="submissions", verbose_name="đơn vị báo cáo"
    )
    period = models.CharField("kỳ", max_length=10)
    status = models.CharField(
        "trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField("gửi lúc", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField("duyệt lúc", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "tình trạng nộp báo cáo"
        verbose_name_plural = "tình trạng nộp báo cáo"
        constraints = [
            models.UniqueConstraint(
                fields=["data_set", "org_unit", "period"], name="submission_key"
            )
        ]

    @property
    def is_editable(self):
        return self.status in (self.Status.DRAFT, self.Status.SUBMITTED)


class Target(NoDeleteModel):
    """Annual plan target of an indicator for the province or a district."""

    indicator = models.ForeignKey(
        Indicator, models.PROTECT, related_name="targets", verbose_name="chỉ tiêu"
    )
    unit = models.ForeignKey(AdminUnit, models.PROTECT, related_name="+", verbose_name="địa bàn")
    year = models.PositiveSmallIntegerField("năm")
    value = models.DecimalField("kế hoạch", max_digits=20, decimal_places=2)
    citation = models.CharField("căn cứ giao chỉ tiêu", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "chỉ tiêu kế hoạch"
        verbose_name_plural = "chỉ tiêu kế hoạch"
        constraints = [
            models.UniqueConstraint(fields=["indicator", "unit", "year"], name="target_key")
        ]
