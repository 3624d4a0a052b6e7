from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from ansinh.core.models import Area, NoDeleteModel, OrgUnit


class Topic(models.TextChoices):
    """Sections and sub-sections of the quarterly report's narrative."""

    LABOUR = "labour", "Việc làm – Tiền lương – An toàn lao động"
    VOCATIONAL = "vocational", "Quản lý giáo dục nghề nghiệp"
    MERIT = "merit", "Chính sách Người có công"
    SOCIAL_PROTECTION = "social_protection", "Hoạt động Bảo trợ xã hội"
    CHILDREN = "children", "Hoạt động Trẻ em"
    GENDER = "gender", "Hoạt động Bình đẳng giới"
    POVERTY = "poverty", "Giảm nghèo"
    SOCIAL_EVILS = "social_evils", "Phòng, chống tệ nạn xã hội"
    INSPECTION = "inspection", "Công tác Thanh tra, tài chính, cải cách hành chính"


AREA_OF_TOPIC = {
    Topic.LABOUR: Area.LABOUR,
    Topic.VOCATIONAL: Area.VOCATIONAL,
    Topic.MERIT: Area.MERIT,
    Topic.SOCIAL_PROTECTION: Area.WELFARE,
    Topic.CHILDREN: Area.WELFARE,
    Topic.GENDER: Area.WELFARE,
    Topic.POVERTY: Area.WELFARE,
    Topic.SOCIAL_EVILS: Area.SOCIAL_EVILS,
    Topic.INSPECTION: Area.INSPECTION,
}


class Activity(NoDeleteModel):
    """Something a division did in a period: it becomes a clause of the report's narrative."""

    class Kind(models.TextChoices):
        DRAFT = "du_thao", "Dự thảo"
        REPORT = "bao_cao", "Báo cáo"
        ADVISE = "tham_muu", "Tham mưu"
        COMMENT = "gop_y", "Góp ý"
        COORDINATE = "phoi_hop", "Phối hợp"
        ORGANISE = "to_chuc", "Tổ chức"
        IMPLEMENT = "trien_khai", "Triển khai"
        INSPECT = "kiem_tra", "Kiểm tra"
        APPRAISE = "tham_dinh", "Thẩm định"
        OTHER = "khac", "Khác"

    org_unit = models.ForeignKey(
        OrgUnit, models.PROTECT, related_name="activities", verbose_name="đơn vị thực hiện"
    )
    period = models.CharField("kỳ", max_length=10, db_index=True)
    topic = models.CharField("nội dung báo cáo", max_length=20, choices=Topic.choices)
    kind = models.CharField("loại việc", max_length=12, choices=Kind.choices)
    text = models.TextField(
        "nội dung",
        help_text="Viết tiếp sau loại việc, ví dụ: “Kế hoạch Tháng hành động về ATVSLĐ năm 2024”.",
    )
    legal_refs = models.CharField("căn cứ, văn bản liên quan", max_length=300, blank=True)
    recipient = models.CharField(
        "nơi trình/gửi", max_length=200, blank=True, help_text="Ví dụ: trình UBND tỉnh"
    )
    date = models.DateField("ngày thực hiện")
    order = models.PositiveIntegerField("thứ tự", default=0)
    cancelled = models.BooleanField("đã huỷ", default=False)
    cancel_reason = models.CharField("lý do huỷ", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "việc đã làm"
        verbose_name_plural = "việc đã làm"
        ordering = ["topic", "order", "date", "id"]

    def clause(self):
        """The activity as a clause of the narrative: “Dự thảo Kế hoạch …, trình UBND tỉnh”."""
        parts = [
            f"{self.get_kind_display()} {self.text.strip()}"
            if self.kind != self.Kind.OTHER
            else self.text.strip()
        ]
        if self.recipient:
            parts.append(self.recipient.strip())
        return ", ".join(parts)


class PlannedTask(NoDeleteModel):
    """A priority task of the next period, with its owner, due date and later its status."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Kế hoạch"
        IN_PROGRESS = "in_progress", "Đang thực hiện"
        DONE = "done", "Đã hoàn thành"
        DROPPED = "dropped", "Không thực hiện"

    org_unit = models.ForeignKey(
        OrgUnit, models.PROTECT, related_name="planned_tasks", verbose_name="đơn vị chủ trì"
    )
    period = models.CharField("kỳ thực hiện", max_length=10, db_index=True)
    topic = models.CharField("nội dung báo cáo", max_length=20, choices=Topic.choices)
    text = models.TextField(
        "nhiệm vụ", help_text="Ghi đúng như muốn in trong báo cáo, kể cả số liệu."
    )
    owner = models.CharField("người phụ trách", max_length=100, blank=True)
    due_date = models.DateField("hạn hoàn thành", null=True, blank=True)
    status = models.CharField(
        "tình trạng", max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    order = models.PositiveIntegerField("thứ tự", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "nhiệm vụ trọng tâm"
        verbose_name_plural = "nhiệm vụ trọng tâm"
        ordering = ["topic", "order", "id"]
