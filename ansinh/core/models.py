from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from . import rules
from .text import fold, name_keys, sort_key


class NoDeleteQuerySet(models.QuerySet):
    def delete(self):
        raise PermissionError("Không được xoá bản ghi của sổ quản lý; hãy đóng hoặc huỷ kèm lý do.")


class NoDeleteModel(models.Model):
    """Registry records are closed or cancelled with a reason, never deleted."""

    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        raise PermissionError("Không được xoá bản ghi của sổ quản lý; hãy đóng hoặc huỷ kèm lý do.")


class Area(models.TextChoices):
    """The six areas of the department's work, in the order of the quarterly report."""

    LABOUR = "labour", "Việc làm - Tiền lương - An toàn lao động"
    VOCATIONAL = "vocational", "Giáo dục nghề nghiệp"
    MERIT = "merit", "Người có công"
    WELFARE = "welfare", "Bảo trợ xã hội, trẻ em, bình đẳng giới, giảm nghèo"
    SOCIAL_EVILS = "social_evils", "Phòng, chống tệ nạn xã hội"
    INSPECTION = "inspection", "Thanh tra, tiếp công dân, cải cách hành chính"


class ValidityQuerySet(NoDeleteQuerySet):
    def valid_on(self, day):
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def valid_during(self, start, end):
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=start)
        )


class Versioned(NoDeleteModel):
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    citation = models.CharField("căn cứ pháp lý", max_length=300, blank=True)

    objects = ValidityQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_valid_on(self, day):
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class AdminUnit(Versioned):
    """Province, district or commune, one row per generation of the official lists."""

    class Level(models.TextChoices):
        PROVINCE = "province", "Tỉnh/thành phố"
        DISTRICT = "district", "Huyện/quận/thị xã/thành phố thuộc tỉnh"
        COMMUNE = "commune", "Xã/phường/thị trấn"

    code = models.CharField("mã", max_length=10, db_index=True)
    name = models.CharField("tên", max_length=150)
    level = models.CharField("cấp", max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="trực thuộc",
    )
    successors = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="predecessors",
        verbose_name="đơn vị kế thừa",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "đơn vị hành chính"
        verbose_name_plural = "đơn vị hành chính"
        ordering = ["level", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["level", "code", "valid_from"], name="admin_unit_code_generation"
            )
        ]

    def __str__(self):
        return self.name

    def current_successors(self, day):
        """The units valid on `day` that this unit became, following merger links."""
        if self.is_valid_on(day):
            return [self]
        found = []
        for successor in self.successors.all():
            for unit in successor.current_successors(day):
                if unit not in found:
                    found.append(unit)
        return found


class OrgUnit(Versioned):
    """The Department, its divisions and centres, and the district offices."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", "Sở"
        DIVISION = "division", "Phòng/ban thuộc Sở"
        CENTRE = "centre", "Đơn vị sự nghiệp"
        DISTRICT_OFFICE = "district_office", "Phòng LĐ-TB&XH cấp huyện"

    code = models.CharField("mã", max_length=30, db_index=True)
    name = models.CharField("tên", max_length=200)
    short_name = models.CharField("tên viết tắt", max_length=50, blank=True)
    kind = models.CharField("loại", max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="trực thuộc",
    )
    territory = models.ForeignKey(
        AdminUnit, models.PROTECT, related_name="org_units", verbose_name="địa bàn"
    )
    area = models.CharField("lĩnh vực phụ trách", max_length=20, choices=Area.choices, blank=True)
    successors = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="predecessors",
        verbose_name="đơn vị kế thừa",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "đơn vị tổ chức"
        verbose_name_plural = "đơn vị tổ chức"
        ordering = ["kind", "code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="org_unit_code_generation")
        ]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    ADMIN = "admin", "Quản trị hệ thống"
    LEADER = "leader", "Lãnh đạo Sở"
    DIVISION_OFFICER = "division_officer", "Chuyên viên phòng chuyên môn"
    DISTRICT_OFFICER = "district_officer", "Cán bộ cấp huyện"
    VIEWER = "viewer", "Người xem"


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="profile")
    role = models.CharField("vai trò", max_length=20, choices=Role.choices, default=Role.VIEWER)
    org_unit = models.ForeignKey(
        OrgUnit, models.PROTECT, null=True, blank=True, verbose_name="đơn vị công tác"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "hồ sơ người dùng"
        verbose_name_plural = "hồ sơ người dùng"

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


class Ethnicity(models.TextChoices):
    """The 54 ethnic groups with the codes of the General Statistics Office list."""

    KINH = "01", "Kinh"
    TAY = "02", "Tày"
    THAI = "03", "Thái"
    HOA = "04", "Hoa"
    KHMER = "05", "Khmer"
    MUONG = "06", "Mường"
    NUNG = "07", "Nùng"
    HMONG = "08", "Mông"
    DAO = "09", "Dao"
    GIA_RAI = "10", "Gia Rai"
    NGAI = "11", "Ngái"
    E_DE = "12", "Ê Đê"
    BA_NA = "13", "Ba Na"
    XO_DANG = "14", "Xơ Đăng"
    SAN_CHAY = "15", "Sán Chay"
    CO_HO = "16", "Cơ Ho"
    CHAM = "17", "Chăm"
    SAN_DIU = "18", "Sán Dìu"
    HRE = "19", "Hrê"
    MNONG = "20", "Mnông"
    RA_GLAI = "21", "Raglai"
    XTIENG = "22", "Xtiêng"
    BRU_VAN_KIEU = "23", "Bru - Vân Kiều"
    THO = "24", "Thổ"
    GIAY = "25", "Giáy"
    CO_TU = "26", "Cơ Tu"
    GIE_TRIENG = "27", "Giẻ Triêng"
    MA = "28", "Mạ"
    KHO_MU = "29", "Khơ Mú"
    CO = "30", "Co"
    TA_OI = "31", "Tà Ôi"
    CHO_RO = "32", "Chơ Ro"
    KHANG = "33", "Kháng"
    XINH_MUN = "34", "Xinh Mun"
    HA_NHI = "35", "Hà Nhì"
    CHU_RU = "36", "Chu Ru"
    LAO = "37", "Lào"
    LA_CHI = "38", "La Chí"
    LA_HA = "39", "La Ha"
    PHU_LA = "40", "Phù Lá"
    LA_HU = "41", "La Hủ"
    LU = "42", "Lự"
    LO_LO = "43", "Lô Lô"
    CHUT = "44", "Chứt"
    MANG = "45", "Mảng"
    PA_THEN = "46", "Pà Thẻn"
    CO_LAO = "47", "Cơ Lao"
    CONG = "48", "Cống"
    BO_Y = "49", "Bố Y"
    SI_LA = "50", "Si La"
    PU_PEO = "51", "Pu Péo"
    BRAU = "52", "Brâu"
    O_DU = "53", "Ơ Đu"
    RO_MAM = "54", "Rơ Măm"
    FOREIGN = "55", "Người nước ngoài"


class Person(NoDeleteModel):
    """One person, shared by every programme of the department."""

    class Sex(models.TextChoices):
        MALE = rules.MALE, "Nam"
        FEMALE = rules.FEMALE, "Nữ"

    class Status(models.TextChoices):
        ACTIVE = "active", "Đang quản lý"
        CLOSED = "closed", "Đã đóng hồ sơ"

    full_name = models.CharField("họ và tên", max_length=100)
    name_folded = models.CharField(
        "họ và tên không dấu", max_length=100, db_index=True, editable=False
    )
    name_sort = models.CharField(
        "khoá sắp xếp theo tên", max_length=100, editable=False, default=""
    )
    birth_date = models.DateField("ngày sinh", null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField("năm sinh")
    sex = models.CharField("giới tính", max_length=3, choices=Sex.choices)
    ethnicity = models.CharField(
        "dân tộc", max_length=2, choices=Ethnicity.choices, default=Ethnicity.KINH
    )
    personal_id = models.CharField(
        "số định danh cá nhân", max_length=12, null=True, blank=True, unique=True
    )
    phone = models.CharField("số điện thoại", max_length=15, blank=True)
    address = models.CharField("địa chỉ (số nhà, ấp/khóm)", max_length=255, blank=True)
    commune = models.ForeignKey(
        AdminUnit, models.PROTECT, related_name="residents", verbose_name="xã/phường/thị trấn"
    )
    death_date = models.DateField("ngày mất", null=True, blank=True)
    status = models.CharField(
        "tình trạng", max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    closed_reason = models.CharField("lý do đóng hồ sơ", max_length=255, blank=True)
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)
    history = HistoricalRecords(excluded_fields=["name_folded", "name_sort"])

    objects = NoDeleteQuerySet.as_manager()

    class Meta:
        verbose_name = "đối tượng"
        verbose_name_plural = "đối tượng"
        ordering = ["name_sort", "id"]
        indexes = [
            models.Index(
                fields=["name_folded", "birth_year", "commune"], name="person_duplicate_key"
            ),
            models.Index(fields=["name_sort", "id"], name="person_sort"),
            models.Index(fields=["commune", "name_sort", "id"], name="person_commune_sort"),
        ]

    def __str__(self):
        return self.full_name

    @property
    def birth_display(self):
        return self.birth_date.strftime("%d/%m/%Y") if self.birth_date else str(self.birth_year)

    def derive_fields(self):
        self.name_folded = fold(self.full_name)
        self.name_sort = sort_key(self.full_name)
        if self.birth_date:
            self.birth_year = self.birth_date.year

    def save(self, *args, **kwargs):
        self.derive_fields()
        super().save(*args, **kwargs)
        write_name_keys([self])


class PersonNameKey(models.Model):
    """Word-tail keys of a person's folded name, for fast search without diacritics.

    The person's commune is copied here so a scoped search walks one index in key order and
    never joins the people table.
    """

    person = models.ForeignKey(Person, models.CASCADE, related_name="name_keys", db_index=False)
    commune = models.ForeignKey(AdminUnit, models.CASCADE, related_name="+", db_index=False)
    key = models.CharField(max_length=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "key"], name="person_name_key_unique")
        ]
        indexes = [
            models.Index(
                fields=["key", "person"], include=["commune"], name="person_name_key_search"
            )
        ]


def write_name_keys(people, replace=True):
    """(Re)write the search keys of people; replace=False for people created just now."""
    from .bulk import insert_rows

    if replace:
        PersonNameKey.objects.filter(person__in=[p.pk for p in people]).delete()
    rows = (
        (p.pk, p.commune_id, key) for p in people for key in dict.fromkeys(name_keys(p.full_name))
    )
    insert_rows(PersonNameKey, ["person_id", "commune_id", "key"], rows)


class AccessLog(models.Model):
    """Who viewed, exported or changed which personal record (Decree 13/2023)."""

    class Action(models.TextChoices):
        VIEW = "view", "Xem"
        EXPORT = "export", "Xuất dữ liệu"
        CREATE = "create", "Tạo mới"
        CHANGE = "change", "Sửa"
        CLOSE = "close", "Đóng hồ sơ"
        IMPORT = "import", "Nhập từ tệp"

    at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, verbose_name="người dùng")
    action = models.CharField("thao tác", max_length=10, choices=Action.choices)
    person = models.ForeignKey(
        Person,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="access_log",
        verbose_name="đối tượng",
    )
    object_label = models.CharField("dữ liệu", max_length=200, blank=True)
    channel = models.CharField("kênh", max_length=20, blank=True)
    path = models.CharField("đường dẫn", max_length=300, blank=True)
    ip = models.GenericIPAddressField("địa chỉ IP", null=True, blank=True)
    detail = models.CharField("chi tiết", max_length=300, blank=True)

    class Meta:
        verbose_name = "nhật ký truy cập"
        verbose_name_plural = "nhật ký truy cập"
        ordering = ["-at"]


class DistrictTransfer(models.Model):
    """A record (welfare case, merit record, person…) moved to a commune of another district:
    it stays where it was until the receiving district accepts (or refuses) the transfer."""

    class Status(models.TextChoices):
        PENDING = "pending", "Chờ nơi đến tiếp nhận"
        ACCEPTED = "accepted", "Đã tiếp nhận"
        REFUSED = "refused", "Nơi đến từ chối"

    target_type = models.ForeignKey("contenttypes.ContentType", models.PROTECT, related_name="+")
    target_id = models.PositiveBigIntegerField()
    area = models.CharField("lĩnh vực", max_length=20, choices=Area.choices)
    label = models.CharField("hồ sơ chuyển", max_length=255)
    from_commune = models.ForeignKey(
        AdminUnit, models.PROTECT, related_name="+", verbose_name="chuyển từ"
    )
    to_commune = models.ForeignKey(
        AdminUnit, models.PROTECT, related_name="+", verbose_name="chuyển đến"
    )
    reason = models.CharField("lý do", max_length=300)
    status = models.CharField(
        "trạng thái", max_length=10, choices=Status.choices, default=Status.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="người đề nghị"
    )
    requested_at = models.DateTimeField("ngày đề nghị", auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người xử lý",
    )
    decided_at = models.DateTimeField("ngày xử lý", null=True, blank=True)
    note = models.CharField("ghi chú khi xử lý", max_length=300, blank=True)

    class Meta:
        verbose_name = "chuyển hồ sơ sang huyện khác"
        verbose_name_plural = "chuyển hồ sơ sang huyện khác"
        constraints = [
            models.UniqueConstraint(
                fields=["target_type", "target_id"],
                condition=Q(status="pending"),
                name="one_pending_transfer_per_record",
            )
        ]

    def __str__(self):
        return f"{self.label}: {self.from_commune} → {self.to_commune}"

    @property
    def target(self):
        return self.target_type.get_object_for_this_type(pk=self.target_id)


class DayOverride(NoDeleteModel):
    """An extra day off or a make-up working day of the civil-service calendar."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", "Ngày nghỉ"
        WORKING_DAY = "working_day", "Ngày làm việc bù"

    date = models.DateField("ngày", unique=True)
    kind = models.CharField("loại", max_length=12, choices=Kind.choices)
    reason = models.CharField("lý do", max_length=200)
    citation = models.CharField("căn cứ", max_length=300, blank=True)
    active = models.BooleanField("đang áp dụng", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "ngày nghỉ/làm bù"
        verbose_name_plural = "ngày nghỉ/làm bù"
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} – {self.get_kind_display()}"


class LoginAttempt(models.Model):
    username = models.CharField(max_length=150, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    success = models.BooleanField(default=False)


class WorkerBeat(models.Model):
    """A running `ansinh worker` process: it writes `seen_at` every few seconds, so that a task
    left "running" by a worker that is gone (killed, machine restarted) can be put back in the queue."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField()

    class Meta:
        verbose_name = "bộ xử lý nền"
        verbose_name_plural = "bộ xử lý nền"


class ImportJob(models.Model):
    """A large file checked or imported by a worker (`core.imports.run_import_job`); its page
    shows the state, then the same result as a small file's."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Đang chờ"
        RUNNING = "running", "Đang xử lý"
        DONE = "done", "Xong"
        FAILED = "failed", "Lỗi"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    file_name = models.CharField(max_length=255)
    token = models.CharField(max_length=64)
    path = models.CharField(max_length=500)
    commit = models.BooleanField(default=False)
    confirm_warnings = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    result = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "việc nhập tệp lớn"
        verbose_name_plural = "việc nhập tệp lớn"
        constraints = [
            models.UniqueConstraint(
                fields=["token"], condition=Q(commit=True), name="import_job_one_commit_per_upload"
            )
        ]
