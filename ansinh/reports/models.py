from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from ansinh.core.models import AdminUnit, NoDeleteModel
from ansinh.worklog.models import Topic


class ReportDefinition(NoDeleteModel):
    """What a periodic report says and how it is headed; an administrator edits it."""

    code = models.CharField("mã", max_length=40, unique=True)
    name = models.CharField("tên", max_length=200)
    parent_agency = models.CharField("cơ quan chủ quản", max_length=200)
    agency = models.CharField("cơ quan ban hành", max_length=200)
    number_suffix = models.CharField("ký hiệu số", max_length=50, default="BC-SLĐTBXH")
    place = models.CharField("địa danh", max_length=100)
    summary_template = models.CharField(
        "trích yếu",
        max_length=300,
        help_text="Ví dụ: Kết quả thực hiện {period_title} Nhiệm vụ trọng tâm {next_period_title}",
    )
    part1_heading = models.CharField(
        "tiêu đề phần I", max_length=200, default="TÌNH HÌNH THỰC HIỆN {PERIOD_TITLE}"
    )
    part2_heading = models.CharField(
        "tiêu đề phần II", max_length=200, default="NHIỆM VỤ TRỌNG TÂM {NEXT_PERIOD_TITLE}"
    )
    signer_authority = models.CharField("thẩm quyền ký", max_length=100, default="KT. GIÁM ĐỐC")
    signer_title = models.CharField("chức vụ người ký", max_length=100, default="PHÓ GIÁM ĐỐC")
    signer_name = models.CharField("họ tên người ký", max_length=100, blank=True)
    recipients = models.TextField(
        "nơi nhận", help_text="Mỗi dòng một nơi nhận; dòng cuối là “Lưu: VT…”."
    )
    word_template = models.BinaryField(
        "mẫu Word riêng",
        null=True,
        blank=True,
        help_text="Để trống thì dùng mẫu Word có sẵn theo Nghị định 30/2020/NĐ-CP.",
    )
    subtotal_checks = models.JSONField(
        "kiểm tra tổng",
        default=list,
        blank=True,
        help_text='[{"label": …, "total": MÃ, "parts": [MÃ, …]}]',
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "mẫu báo cáo"
        verbose_name_plural = "mẫu báo cáo"

    def __str__(self):
        return self.name


class ReportSection(NoDeleteModel):
    """A numbered section of a report; its narrative comes from the work log of its topic,
    followed by its sentences carrying figures."""

    definition = models.ForeignKey(ReportDefinition, models.PROTECT, related_name="sections")
    number = models.CharField("số thứ tự", max_length=10, help_text="1, 2, 4.1 …")
    title = models.CharField("tiêu đề", max_length=200)
    topic = models.CharField(
        "nội dung nhật ký",
        max_length=20,
        choices=Topic.choices,
        blank=True,
        help_text="Để trống với mục chỉ có tiêu đề (mục có các mục con).",
    )
    sentences = models.TextField(
        "câu có số liệu",
        blank=True,
        help_text="Mỗi đoạn một dòng. Chỗ điền: {MÃ}, {MÃ.phân_tổ}, {MÃ|pct}, {MÃ|pad}, {MÃ|money}, {MÃ|over}, {period}.",
    )
    order = models.PositiveIntegerField("thứ tự", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "mục báo cáo"
        verbose_name_plural = "mục báo cáo"
        ordering = ["order"]


class GeneratedReport(NoDeleteModel):
    """An issued report: its files and the snapshot of every input, to re-open it as issued."""

    definition = models.ForeignKey(
        ReportDefinition, models.PROTECT, related_name="issued", verbose_name="mẫu báo cáo"
    )
    period = models.CharField("kỳ", max_length=10)
    unit = models.ForeignKey(AdminUnit, models.PROTECT, related_name="+", verbose_name="địa bàn")
    number = models.CharField("số", max_length=50, blank=True)
    issued_at = models.DateTimeField("lập lúc", auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="người lập"
    )
    snapshot = models.JSONField("dữ liệu đầu vào")
    warnings = models.JSONField("cảnh báo đã xác nhận", default=list)
    docx = models.BinaryField("tệp Word")
    pdf = models.BinaryField("tệp PDF", null=True)
    xlsx = models.BinaryField("phụ lục Excel")

    class Meta:
        verbose_name = "báo cáo đã lập"
        verbose_name_plural = "báo cáo đã lập"
        ordering = ["-issued_at"]
