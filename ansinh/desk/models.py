"""The one-stop desk (Decree 61/2018), citizen reception and petitions."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from ansinh.core.models import (
    AdminUnit,
    Area,
    NoDeleteModel,
    NoDeleteQuerySet,
    OrgUnit,
    ValidityQuerySet,
)


class Channel(models.TextChoices):
    DIRECT = "direct", "Trực tiếp"
    POST = "post", "Qua bưu chính"
    ONLINE = "online", "Trực tuyến"


class Procedure(NoDeleteModel):
    """An administrative procedure of the department's published list, with its statutory limit."""

    class Level(models.TextChoices):
        PROVINCE = "province", "Cấp tỉnh"
        DISTRICT = "district", "Cấp huyện"

    code = models.CharField("mã thủ tục", max_length=30, unique=True)
    name = models.CharField("tên thủ tục", max_length=300)
    field = models.CharField("lĩnh vực", max_length=20, choices=Area.choices)
    level = models.CharField(
        "cấp thực hiện", max_length=10, choices=Level.choices, default=Level.PROVINCE
    )
    days = models.PositiveSmallIntegerField("thời hạn giải quyết (ngày làm việc)")
    deciding_agency = models.CharField("cơ quan có thẩm quyền quyết định", max_length=200)
    documents = models.TextField("thành phần hồ sơ (mỗi dòng một giấy tờ)")
    fee = models.CharField("phí, lệ phí", max_length=200, default="Không")
    online = models.BooleanField("nộp trực tuyến được", default=True)
    legal_basis = models.CharField("căn cứ pháp lý", max_length=300)
    active = models.BooleanField("đang áp dụng", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "thủ tục hành chính"
        verbose_name_plural = "thủ tục hành chính"
        ordering = ["field", "code"]

    def __str__(self):
        return f"{self.code} – {self.name}"

    @property
    def document_list(self):
        return [line.strip() for line in self.documents.splitlines() if line.strip()]


class DeskRule(NoDeleteModel):
    """The parameters of the one-stop regulation in force, effective-dated (they change by decree)."""

    valid_from = models.DateField("áp dụng từ")
    valid_to = models.DateField("áp dụng đến", null=True, blank=True)
    paper_cutoff = models.TimeField("hồ sơ giấy nhận sau giờ này chuyển sang ngày làm việc sau")
    deficiency_days = models.PositiveSmallIntegerField(
        "thời hạn trả hồ sơ chưa đủ điều kiện (ngày làm việc)"
    )
    apology_days_before = models.PositiveSmallIntegerField(
        "xin lỗi chậm nhất trước hạn (ngày làm việc)"
    )
    max_resets = models.PositiveSmallIntegerField("số lần được hẹn lại")
    citation = models.CharField("căn cứ", max_length=300)
    confirmed = models.BooleanField("đã xác nhận văn bản", default=True)
    history = HistoricalRecords()

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = "quy định một cửa"
        verbose_name_plural = "quy định một cửa"
        ordering = ["valid_from"]

    def __str__(self):
        return f"{self.citation} (từ {self.valid_from:%d/%m/%Y})"


class Dossier(NoDeleteModel):
    class Status(models.TextChoices):
        INCOMPLETE = "incomplete", "Hướng dẫn bổ sung tại quầy (chưa tiếp nhận)"
        REFUSED = "refused", "Từ chối tiếp nhận"
        ACCEPTED = "accepted", "Đã tiếp nhận, chờ chuyển xử lý"
        PROCESSING = "processing", "Đang xử lý"
        DEFICIENT = "deficient", "Chờ bổ sung, hoàn thiện"
        DECIDED = "decided", "Đã có kết quả, chờ trả"
        RETURNED = "returned", "Đã trả kết quả"

    class Outcome(models.TextChoices):
        APPROVED = "approved", "Chấp thuận"
        DENIED = "denied", "Không chấp thuận (có văn bản trả lời)"

    code = models.CharField("mã hồ sơ", max_length=40, unique=True)
    portal_code = models.CharField(
        "mã hồ sơ trên Cổng dịch vụ công", max_length=40, blank=True, db_index=True
    )
    procedure = models.ForeignKey(
        Procedure, models.PROTECT, related_name="dossiers", verbose_name="thủ tục"
    )
    unit = models.ForeignKey(
        AdminUnit, models.PROTECT, related_name="+", verbose_name="nơi tiếp nhận"
    )
    channel = models.CharField("hình thức nộp", max_length=10, choices=Channel.choices)
    status = models.CharField("trạng thái", max_length=12, choices=Status.choices)
    applicant_name = models.CharField("tên người nộp / tổ chức", max_length=200)
    applicant_id = models.CharField("số định danh / mã số doanh nghiệp", max_length=20, blank=True)
    applicant_phone = models.CharField("điện thoại", max_length=20, blank=True)
    applicant_email = models.EmailField("thư điện tử", blank=True)
    applicant_address = models.CharField("địa chỉ", max_length=300, blank=True)
    documents_received = models.JSONField("giấy tờ đã nhận", default=list, blank=True)
    missing_items = models.TextField("nội dung cần bổ sung", blank=True)
    refusal_reason = models.TextField("lý do từ chối", blank=True)
    received_at = models.DateTimeField("thời điểm tiếp nhận")
    received_on = models.DateField("ngày tiếp nhận", db_index=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        related_name="+",
        verbose_name="người tiếp nhận",
    )
    start_date = models.DateField("ngày bắt đầu tính hạn", null=True, blank=True)
    due_date = models.DateField("ngày hẹn trả", null=True, blank=True)
    original_due_date = models.DateField("ngày hẹn trả ban đầu", null=True, blank=True)
    resets = models.PositiveSmallIntegerField("số lần hẹn lại", default=0)
    division = models.ForeignKey(
        OrgUnit,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name="đơn vị xử lý",
    )
    outcome = models.CharField("kết quả", max_length=10, choices=Outcome.choices, blank=True)
    result = models.CharField(
        "nội dung kết quả (số văn bản, giấy phép…)", max_length=300, blank=True
    )
    decided_on = models.DateField("ngày có kết quả", null=True, blank=True, db_index=True)
    returned_at = models.DateTimeField("thời điểm trả kết quả", null=True, blank=True)
    history = HistoricalRecords()

    objects = NoDeleteQuerySet.as_manager()

    class Meta:
        verbose_name = "hồ sơ thủ tục hành chính"
        verbose_name_plural = "hồ sơ thủ tục hành chính"
        indexes = [
            models.Index(fields=["unit", "received_on"], name="dossier_unit_day"),
            models.Index(fields=["status", "due_date"], name="dossier_status_due"),
            models.Index(fields=["division", "status"], name="dossier_division_status"),
        ]

    def __str__(self):
        return f"{self.code} – {self.applicant_name}"

    @property
    def is_open(self):
        return self.status in (self.Status.ACCEPTED, self.Status.PROCESSING, self.Status.DEFICIENT)

    @property
    def counted(self):
        """Incomplete and refused submissions never became dossiers in the register."""
        return self.status not in (self.Status.INCOMPLETE, self.Status.REFUSED)


class Step(models.Model):
    """One step of a dossier's life: who did what, when, and the due date after it."""

    class Kind(models.TextChoices):
        RECEIVED = "received", "Tiếp nhận, hẹn trả"
        INCOMPLETE = "incomplete", "Hướng dẫn bổ sung tại quầy"
        REFUSED = "refused", "Từ chối tiếp nhận"
        ROUTED = "routed", "Chuyển đơn vị xử lý"
        DEFICIENT = "deficient", "Trả hồ sơ để bổ sung, hoàn thiện"
        SUPPLEMENTED = "supplemented", "Nhận hồ sơ bổ sung, tính lại hạn"
        APOLOGY = "apology", "Xin lỗi, hẹn lại ngày trả"
        DECIDED = "decided", "Có kết quả giải quyết"
        RETURNED = "returned", "Trả kết quả"

    dossier = models.ForeignKey(Dossier, models.PROTECT, related_name="steps")
    kind = models.CharField("bước", max_length=14, choices=Kind.choices)
    at = models.DateTimeField("thời điểm")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        related_name="+",
        verbose_name="người thực hiện",
    )
    division = models.ForeignKey(
        OrgUnit, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="đơn vị"
    )
    text = models.TextField("nội dung", blank=True)
    due_date = models.DateField("hạn sau bước này", null=True, blank=True)

    class Meta:
        verbose_name = "bước xử lý hồ sơ"
        verbose_name_plural = "bước xử lý hồ sơ"
        ordering = ["at", "id"]

    def delete(self, *args, **kwargs):
        raise PermissionError("Không được xoá bước xử lý hồ sơ.")


class LookupAttempt(models.Model):
    """Public look-ups by dossier code, kept to limit guessing per client and per code."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    ip = models.GenericIPAddressField(null=True)
    code = models.CharField(max_length=40, blank=True, default="")
    found = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(fields=["ip", "at"], name="lookup_ip_at"),
            models.Index(fields=["code", "at"], name="lookup_code_at"),
        ]


class Reception(NoDeleteModel):
    """A citizen received at the department's reception (tiếp công dân)."""

    received_on = models.DateField("ngày tiếp")
    unit = models.ForeignKey(AdminUnit, models.PROTECT, related_name="+", verbose_name="nơi tiếp")
    citizen_name = models.CharField("họ và tên công dân", max_length=200)
    citizen_id = models.CharField("số định danh", max_length=12, blank=True)
    address = models.CharField("địa chỉ", max_length=300, blank=True)
    headcount = models.PositiveSmallIntegerField("số người (đoàn đông người)", default=1)
    field = models.CharField("lĩnh vực", max_length=20, choices=Area.choices)
    content = models.TextField("nội dung trình bày")
    answer = models.TextField("nội dung trả lời, hướng dẫn")
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        related_name="+",
        verbose_name="người tiếp",
    )
    cancelled = models.BooleanField("đã huỷ", default=False)
    cancel_reason = models.CharField("lý do huỷ", max_length=300, blank=True)
    history = HistoricalRecords()

    objects = NoDeleteQuerySet.as_manager()

    class Meta:
        verbose_name = "lượt tiếp công dân"
        verbose_name_plural = "sổ tiếp công dân"
        ordering = ["-received_on", "-id"]


class PetitionKind(models.TextChoices):
    FEEDBACK = "phan_anh", "Phản ánh"
    PROPOSAL = "kien_nghi", "Kiến nghị"
    COMPLAINT = "khieu_nai", "Khiếu nại"
    DENUNCIATION = "to_cao", "Tố cáo"


class PetitionLimit(NoDeleteModel):
    """The legal time limit to settle a kind of petition, effective-dated."""

    class DayKind(models.TextChoices):
        WORKING = "working", "ngày làm việc"
        CALENDAR = "calendar", "ngày (lịch)"

    kind = models.CharField("loại đơn", max_length=10, choices=PetitionKind.choices)
    days = models.PositiveSmallIntegerField("thời hạn")
    day_kind = models.CharField("cách tính", max_length=10, choices=DayKind.choices)
    valid_from = models.DateField("áp dụng từ")
    valid_to = models.DateField("áp dụng đến", null=True, blank=True)
    citation = models.CharField("căn cứ", max_length=300)
    confirmed = models.BooleanField("đã xác nhận văn bản", default=True)
    history = HistoricalRecords()

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = "thời hạn giải quyết đơn"
        verbose_name_plural = "thời hạn giải quyết đơn"
        ordering = ["kind", "valid_from"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.days} {self.get_day_kind_display()} ({self.citation})"


class Petition(NoDeleteModel):
    class Status(models.TextChoices):
        CONSIDERING = "considering", "Đang xem xét, giải quyết"
        RESOLVED = "resolved", "Đã giải quyết, báo cáo kết quả"
        FORWARDED = "forwarded", "Chuyển cơ quan có thẩm quyền"
        GUIDED = "guided", "Trả lại đơn, hướng dẫn"

    class Source(models.TextChoices):
        DIRECT = "direct", "Trực tiếp tại trụ sở"
        POST = "post", "Qua bưu chính"
        TRANSFERRED = "transferred", "Cơ quan khác chuyển đến"
        ONLINE = "online", "Cổng thông tin, thư điện tử"

    number = models.CharField("số đơn trong sổ", max_length=20, unique=True)
    kind = models.CharField("loại đơn", max_length=10, choices=PetitionKind.choices)
    field = models.CharField("lĩnh vực", max_length=20, choices=Area.choices)
    unit = models.ForeignKey(AdminUnit, models.PROTECT, related_name="+", verbose_name="nơi nhận")
    source = models.CharField("nguồn đơn", max_length=12, choices=Source.choices)
    received_on = models.DateField("ngày nhận đơn", db_index=True)
    due_date = models.DateField("hạn giải quyết")
    petitioner_name = models.CharField(
        "người gửi đơn",
        max_length=200,
        blank=True,
        help_text="Để trống với đơn tố cáo: danh tính được lưu riêng.",
    )
    petitioner_address = models.CharField("địa chỉ người gửi", max_length=300, blank=True)
    summary = models.TextField("nội dung đơn")
    status = models.CharField(
        "tình trạng", max_length=12, choices=Status.choices, default=Status.CONSIDERING
    )
    closed_on = models.DateField("ngày kết thúc xử lý", null=True, blank=True, db_index=True)
    forwarded_to = models.CharField("chuyển đến cơ quan", max_length=200, blank=True)
    result = models.TextField("kết quả, hướng dẫn", blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        related_name="+",
        verbose_name="người xử lý",
    )
    history = HistoricalRecords()

    objects = NoDeleteQuerySet.as_manager()

    class Meta:
        verbose_name = "đơn phản ánh, kiến nghị, khiếu nại, tố cáo"
        verbose_name_plural = "đơn phản ánh, kiến nghị, khiếu nại, tố cáo"
        ordering = ["-received_on", "-id"]

    def __str__(self):
        return f"Đơn số {self.number} ({self.get_kind_display().lower()})"

    @property
    def is_denunciation(self):
        return self.kind == PetitionKind.DENUNCIATION


class Denouncer(models.Model):
    """Identity of a denouncer, kept apart: only the inspection role reads it, every read logged
    (Law on Denunciations 2018, Art. 47)."""

    petition = models.OneToOneField(Petition, models.PROTECT, related_name="denouncer")
    full_name = models.CharField("họ và tên", max_length=200)
    personal_id = models.CharField("số định danh", max_length=12, blank=True)
    address = models.CharField("địa chỉ", max_length=300, blank=True)
    phone = models.CharField("điện thoại", max_length=20, blank=True)

    def delete(self, *args, **kwargs):
        raise PermissionError("Không được xoá thông tin người tố cáo.")
