import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from simple_history.models import HistoricalRecords

from ansinh.core.models import AdminUnit, NoDeleteModel, NoDeleteQuerySet, Person


class MeritCategory(NoDeleteModel):
    """A category of meritorious service and how it is paid (as data: categories.csv)."""

    class Kind(models.TextChoices):
        RATE_EXACT = "rate_exact", "Theo từng 1% tỷ lệ tổn thương"
        RATE_BAND = "rate_band", "Theo khung tỷ lệ"
        PARENT_RATE = "parent_rate", "Theo tỷ lệ của cha/mẹ"
        FIXED = "fixed", "Mức cố định"
        NONE = "none", "Không có trợ cấp hằng tháng"

    code = models.CharField("mã", max_length=20, unique=True)
    name = models.CharField("tên diện", max_length=200)
    kind = models.CharField("cách tính", max_length=12, choices=Kind.choices)
    table = models.CharField("bảng mức", max_length=30, blank=True)
    min_rate = models.PositiveSmallIntegerField("tỷ lệ tối thiểu được hưởng", default=0)
    supplement = models.CharField("bảng phụ cấp 81%+", max_length=30, blank=True)
    supplement_severe = models.CharField(
        "bảng phụ cấp 81%+ đặc biệt nặng", max_length=30, blank=True
    )
    caregiver = models.CharField("bảng trợ cấp người phục vụ", max_length=30, blank=True)
    caregiver_severe = models.CharField(
        "bảng người phục vụ (đặc biệt nặng)", max_length=30, blank=True
    )
    age_limit = models.PositiveSmallIntegerField("hưởng đến khi đủ tuổi", null=True, blank=True)
    invalid = models.BooleanField("là thương binh (tỷ lệ 21–100%)", default=False)
    citation = models.CharField("căn cứ", max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "diện người có công"
        verbose_name_plural = "diện người có công"
        ordering = ["code"]

    def __str__(self):
        return self.name

    @property
    def rate_based(self):
        return self.kind in (self.Kind.RATE_EXACT, self.Kind.RATE_BAND)


class DecreeVersion(NoDeleteModel):
    """One decree's allowance tables, in force from valid_from until the next version."""

    code = models.CharField("số hiệu", max_length=20, unique=True)
    title = models.CharField("tên văn bản", max_length=200)
    valid_from = models.DateField("hiệu lực từ", unique=True)
    level = models.PositiveIntegerField("mức chuẩn (đồng/tháng)")
    citation = models.CharField("căn cứ", max_length=300)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "bảng mức trợ cấp theo nghị định"
        verbose_name_plural = "bảng mức trợ cấp theo nghị định"
        ordering = ["valid_from"]

    def __str__(self):
        return f"Nghị định {self.code} (từ {self.valid_from:%d/%m/%Y})"


class AllowanceBand(models.Model):
    """A row of a table: an amount (or a multiple of the standard level) for a rate band."""

    version = models.ForeignKey(DecreeVersion, models.CASCADE, related_name="bands")
    table = models.CharField("bảng", max_length=30)
    rate_from = models.PositiveSmallIntegerField("từ tỷ lệ (%)", default=0)
    rate_to = models.PositiveSmallIntegerField("đến tỷ lệ (%)", default=0)
    amount = models.PositiveIntegerField("số tiền (đồng)", null=True, blank=True)
    multiple = models.DecimalField(
        "hệ số so với mức chuẩn", max_digits=5, decimal_places=2, null=True, blank=True
    )
    note = models.CharField("ghi chú, nguồn", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "dòng bảng mức trợ cấp"
        verbose_name_plural = "dòng bảng mức trợ cấp"
        ordering = ["version", "table", "rate_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "table", "rate_from", "rate_to"], name="merit_band_unique"
            )
        ]


class MeritRecord(NoDeleteModel):
    """A person's record of meritorious service in one category, from decision to end."""

    class Status(models.TextChoices):
        PENDING = "pending", "Đang xét duyệt"
        PAYING = "paying", "Đang hưởng"
        NOT_PAID = "not_paid", "Không hưởng hằng tháng"
        ENDED = "ended", "Thôi hưởng"
        MOVED_OUT = "moved_out", "Đã chuyển đi tỉnh khác"

    person = models.ForeignKey(
        Person,
        models.PROTECT,
        related_name="merit_records",
        verbose_name="người có công / thân nhân",
    )
    category = models.ForeignKey(
        MeritCategory, models.PROTECT, related_name="records", verbose_name="diện"
    )
    commune = models.ForeignKey(
        AdminUnit, models.PROTECT, related_name="+", verbose_name="xã/phường quản lý"
    )
    code = models.CharField("số hồ sơ", max_length=30, blank=True)
    martyr = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="relatives",
        verbose_name="liệt sĩ",
    )
    parent_record = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="hồ sơ của cha/mẹ (con bị ảnh hưởng chất độc hóa học)",
    )
    status = models.CharField(
        "tình trạng", max_length=10, choices=Status.choices, default=Status.PENDING
    )
    start_month = models.DateField("hưởng từ tháng", null=True, blank=True)
    end_date = models.DateField("thôi hưởng từ ngày", null=True, blank=True)
    end_reason = models.CharField("lý do thôi hưởng", max_length=200, blank=True)
    caregiver_from = models.DateField("có người phục vụ từ", null=True, blank=True)
    caregiver_to = models.DateField("hết người phục vụ từ", null=True, blank=True)
    origin_province = models.CharField("chuyển đến từ tỉnh", max_length=100, blank=True)
    recalc_from = models.DateField("cần tính lại từ tháng", null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["recalc_from"])

    objects = NoDeleteQuerySet.as_manager()

    class Meta:
        verbose_name = "hồ sơ người có công"
        verbose_name_plural = "hồ sơ người có công"
        indexes = [
            models.Index(fields=["commune", "status"], name="merit_commune_status"),
            models.Index(fields=["category", "status"], name="merit_category_status"),
        ]

    def __str__(self):
        return f"{self.person} – {self.category}"


class PrivateStorage(FileSystemStorage):
    """Files under the data folder (read when used, so a changed DATA_DIR is followed)."""

    @property
    def base_location(self):
        return str(settings.DATA_DIR / "uploads")

    @property
    def location(self):
        return os.path.abspath(self.base_location)


def evidence_storage():
    """Scans of personal documents: never served as static files (a scoped, logged page serves them)."""
    return PrivateStorage()


class Evidence(NoDeleteModel):
    """A document proving the record (certificate, decision, death notice, assessment minutes)."""

    record = models.ForeignKey(MeritRecord, models.PROTECT, related_name="evidence")
    kind = models.CharField("loại giấy tờ", max_length=100)
    number = models.CharField("số, ký hiệu", max_length=60, blank=True)
    issued = models.DateField("ngày cấp", null=True, blank=True)
    issuer = models.CharField("cơ quan cấp", max_length=200, blank=True)
    file = models.FileField(
        "tệp scan (PDF, JPG, PNG)",
        upload_to="merit/evidence/%Y/",
        storage=evidence_storage,
        blank=True,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "giấy tờ chứng minh"
        verbose_name_plural = "giấy tờ chứng minh"


class Assessment(NoDeleteModel):
    """A medical-assessment result: rate from a date, by a council (giám định y khoa)."""

    record = models.ForeignKey(MeritRecord, models.PROTECT, related_name="assessments")
    date = models.DateField("ngày giám định")
    effective_from = models.DateField("áp dụng từ ngày")
    rate = models.PositiveSmallIntegerField("tỷ lệ tổn thương cơ thể (%)")
    severe = models.BooleanField("bệnh tật đặc biệt nặng", default=False)
    council = models.CharField("hội đồng giám định", max_length=200)
    minutes = models.CharField("số biên bản", max_length=60, blank=True)
    reason = models.CharField(
        "lý do (giám định lại, kết luận thanh tra…)", max_length=300, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField("ghi nhận lúc", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "kết quả giám định"
        verbose_name_plural = "kết quả giám định"
        ordering = ["effective_from", "recorded_at"]


class Relation(NoDeleteModel):
    """A household relation the allowances depend on (caregiver, worshipper, spouse, child)."""

    class Kind(models.TextChoices):
        CAREGIVER = "caregiver", "Người phục vụ"
        WORSHIPPER = "worshipper", "Người thờ cúng"
        SPOUSE = "spouse", "Vợ/chồng"
        CHILD = "child", "Con"
        PARENT = "parent", "Cha/mẹ"
        OTHER = "other", "Khác"

    record = models.ForeignKey(MeritRecord, models.PROTECT, related_name="relations")
    person = models.ForeignKey(
        Person, models.PROTECT, related_name="merit_relations", verbose_name="người thân"
    )
    kind = models.CharField("quan hệ", max_length=12, choices=Kind.choices)
    since = models.DateField("từ ngày", null=True, blank=True)
    until = models.DateField("đến ngày", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "quan hệ gia đình"
        verbose_name_plural = "quan hệ gia đình"


class Transfer(NoDeleteModel):
    """A dossier moved in from or out to another province; the record keeps its history."""

    class Direction(models.TextChoices):
        IN = "in", "Tiếp nhận từ tỉnh khác"
        OUT = "out", "Chuyển đi tỉnh khác"

    record = models.ForeignKey(MeritRecord, models.PROTECT, related_name="transfers")
    direction = models.CharField("chiều", max_length=3, choices=Direction.choices)
    province = models.CharField("tỉnh", max_length=100)
    date = models.DateField("ngày")
    last_paid_month = models.DateField("đã hưởng đến hết tháng", null=True, blank=True)
    note = models.CharField("ghi chú", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "di chuyển hồ sơ"
        verbose_name_plural = "di chuyển hồ sơ"


class Correction(NoDeleteModel):
    """A correction of personal data (đính chính), recorded as such: field, before, after, basis."""

    record = models.ForeignKey(MeritRecord, models.PROTECT, related_name="corrections")
    field = models.CharField("thông tin", max_length=50)
    before = models.CharField("trước", max_length=255)
    after = models.CharField("sau", max_length=255)
    basis = models.CharField("căn cứ đính chính", max_length=300)
    date = models.DateField("ngày")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "đính chính thông tin"
        verbose_name_plural = "đính chính thông tin"


class Decision(NoDeleteModel):
    """A decision on a record: drafted, approved by a leader, numbered in the register."""

    class Kind(models.TextChoices):
        MONTHLY = "monthly", "Trợ cấp hằng tháng"
        WORSHIP = "worship", "Trợ cấp thờ cúng liệt sĩ"
        FUNERAL = "funeral", "Trợ cấp mai táng"
        ONE_OFF = "one_off", "Trợ cấp một lần"
        TRANSFER_IN = "transfer_in", "Tiếp nhận hồ sơ chuyển đến"
        TRANSFER_OUT = "transfer_out", "Di chuyển hồ sơ đi tỉnh khác"
        CORRECTION = "correction", "Đính chính thông tin"
        ADJUSTMENT = "adjustment", "Điều chỉnh trợ cấp và thu hồi/truy lĩnh"

    class Status(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        APPROVED = "approved", "Đã duyệt, đã vào sổ"
        CANCELLED = "cancelled", "Đã huỷ"

    record = models.ForeignKey(MeritRecord, models.PROTECT, related_name="decisions")
    kind = models.CharField("loại quyết định", max_length=15, choices=Kind.choices)
    status = models.CharField(
        "trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    summary = models.CharField("trích yếu", max_length=300)
    body = models.TextField("nội dung quyết định", blank=True)
    amount = models.BigIntegerField(
        "số tiền (đồng)", default=0, help_text="Âm: số tiền phải thu hồi."
    )
    effective = models.DateField("hiệu lực, hưởng từ", null=True, blank=True)
    months = models.JSONField("chi tiết từng tháng", default=list, blank=True)
    batch = models.ForeignKey(
        "RecalcBatch", models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    correction = models.ForeignKey(
        Correction, models.PROTECT, null=True, blank=True, related_name="+"
    )
    transfer = models.ForeignKey(Transfer, models.PROTECT, null=True, blank=True, related_name="+")
    year = models.PositiveSmallIntegerField("năm sổ", null=True, blank=True)
    number = models.PositiveIntegerField("số trong sổ", null=True, blank=True)
    signed_on = models.DateField("ngày ký", null=True, blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField("duyệt lúc", null=True, blank=True)
    arrears_month = models.DateField(
        "truy lĩnh trong danh sách chi trả tháng", null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "quyết định người có công"
        verbose_name_plural = "quyết định người có công"
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="merit_decision_register")
        ]
        indexes = [models.Index(fields=["kind", "signed_on"], name="merit_decision_kind_day")]

    @property
    def number_text(self):
        return f"{self.number:02d}/QĐ-SLĐTBXH" if self.number else "…/QĐ-SLĐTBXH"


class RecalcBatch(NoDeleteModel):
    """A group recalculated together: preview, approval, decisions generated as a job."""

    class Status(models.TextChoices):
        COMPUTING = "computing", "Đang tính"
        PREVIEW = "preview", "Chờ duyệt"
        APPROVED = "approved", "Đã duyệt, đã ra quyết định"
        FAILED = "failed", "Không tính được"

    title = models.CharField("tên đợt", max_length=200)
    category = models.ForeignKey(
        MeritCategory, models.PROTECT, related_name="+", verbose_name="diện"
    )
    until = models.DateField("tính đến hết tháng")
    basis = models.CharField("căn cứ (kết luận, văn bản)", max_length=300)
    status = models.CharField(
        "trạng thái", max_length=10, choices=Status.choices, default=Status.COMPUTING
    )
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    message = models.CharField("thông báo", max_length=500, blank=True)
    people = models.PositiveIntegerField("số người", default=0)
    total_recovery = models.BigIntegerField("tổng thu hồi (đồng)", default=0)
    total_arrears = models.BigIntegerField("tổng truy lĩnh (đồng)", default=0)
    signed_on = models.DateField("ngày ký quyết định", null=True, blank=True)
    files_status = models.CharField("tệp quyết định", max_length=10, blank=True)
    files_progress = models.PositiveSmallIntegerField("tiến độ tạo tệp (%)", default=0)
    files_path = models.CharField("thư mục tệp", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "đợt tính lại trợ cấp"
        verbose_name_plural = "đợt tính lại trợ cấp"


class BatchItem(models.Model):
    """One person of a batch: totals and the month-by-month differences (JSON)."""

    batch = models.ForeignKey(RecalcBatch, models.CASCADE, related_name="items")
    record = models.ForeignKey(MeritRecord, models.PROTECT, related_name="+")
    first_month = models.DateField()
    difference = models.BigIntegerField("chênh lệch (đồng)")
    months = models.JSONField(default=list)

    class Meta:
        indexes = [models.Index(fields=["batch", "record"], name="merit_batch_item")]


class RecoverySchedule(NoDeleteModel):
    """How an overpayment is recovered: deducted from future allowances or repaid, until settled."""

    class Method(models.TextChoices):
        DEDUCTION = "deduction", "Khấu trừ vào trợ cấp hằng tháng"
        REPAYMENT = "repayment", "Nộp trả"

    decision = models.OneToOneField(Decision, models.PROTECT, related_name="schedule")
    record = models.ForeignKey(MeritRecord, models.PROTECT, related_name="schedules")
    method = models.CharField(
        "hình thức thu hồi", max_length=10, choices=Method.choices, default=Method.DEDUCTION
    )
    total = models.BigIntegerField("tổng phải thu hồi (đồng)")
    instalment = models.BigIntegerField("mỗi tháng khấu trừ tối đa (đồng)", default=0)
    settled_on = models.DateField("đã thu hồi xong ngày", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "theo dõi thu hồi"
        verbose_name_plural = "theo dõi thu hồi"


class Repayment(NoDeleteModel):
    schedule = models.ForeignKey(RecoverySchedule, models.PROTECT, related_name="repayments")
    date = models.DateField("ngày nộp")
    amount = models.BigIntegerField("số tiền (đồng)")
    receipt = models.CharField("số biên lai", max_length=60, blank=True)
    history = HistoricalRecords()


class Campaign(NoDeleteModel):
    """A gift campaign (Tết, 27/7) or a convalescence list (điều dưỡng) of a year."""

    class Kind(models.TextChoices):
        TET = "tet", "Quà Tết Nguyên đán"
        JULY27 = "27_7", "Quà Ngày Thương binh – Liệt sĩ 27/7"
        CONVALESCENCE = "dieu_duong", "Điều dưỡng người có công"

    kind = models.CharField("loại", max_length=12, choices=Kind.choices)
    year = models.PositiveSmallIntegerField("năm")
    title = models.CharField("tên đợt", max_length=200)
    basis = models.CharField("căn cứ (nghị quyết, quyết định)", max_length=300)
    amounts = models.JSONField(
        "mức quà theo diện (đồng)", default=dict, help_text='Ví dụ {"TB_A": 500000, "*": 300000}'
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "đợt quà tặng, điều dưỡng"
        verbose_name_plural = "đợt quà tặng, điều dưỡng"
        constraints = [
            models.UniqueConstraint(fields=["kind", "year"], name="merit_campaign_kind_year")
        ]


class CampaignEntry(models.Model):
    class Mode(models.TextChoices):
        GIFT = "gift", "Quà tặng"
        CENTRE = "centre", "Điều dưỡng tập trung"
        HOME = "home", "Điều dưỡng tại gia đình"

    campaign = models.ForeignKey(Campaign, models.CASCADE, related_name="entries")
    record = models.ForeignKey(MeritRecord, models.PROTECT, related_name="+")
    commune = models.ForeignKey(AdminUnit, models.PROTECT, related_name="+")
    mode = models.CharField("hình thức", max_length=6, choices=Mode.choices, default=Mode.GIFT)
    amount = models.BigIntegerField("số tiền (đồng)")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "record"], name="merit_campaign_entry_unique"
            )
        ]
