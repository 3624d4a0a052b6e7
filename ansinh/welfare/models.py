from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from ansinh.core.models import AdminUnit, NoDeleteModel, NoDeleteQuerySet, Person


class BenefitCategory(NoDeleteModel):
    """A group entitled to monthly social assistance: a clause of Decree 20/2021 Art. 5, or a
    group a province adds by resolution (with its own coefficient, as data)."""

    code = models.CharField("mã", max_length=20, unique=True)
    name = models.CharField("tên nhóm đối tượng", max_length=255)
    rule_code = models.CharField(
        "mã khoản theo Nghị định 20",
        max_length=10,
        blank=True,
        help_text="Để trống với nhóm do tỉnh quy định.",
    )
    provincial_coefficient = models.DecimalField(
        "hệ số (nhóm của tỉnh)", max_digits=4, decimal_places=2, null=True, blank=True
    )
    citation = models.CharField("căn cứ", max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "nhóm đối tượng trợ cấp"
        verbose_name_plural = "nhóm đối tượng trợ cấp"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} – {self.name}"

    @property
    def is_provincial(self):
        return not self.rule_code


class StandardLevel(NoDeleteModel):
    """Mức chuẩn trợ giúp xã hội in force from a date, national or for one province."""

    valid_from = models.DateField("hiệu lực từ")
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    amount = models.PositiveIntegerField("mức chuẩn (đồng/tháng)")
    province = models.CharField("mã tỉnh (để trống: toàn quốc)", max_length=5, blank=True)
    citation = models.CharField("căn cứ", max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "mức chuẩn trợ giúp xã hội"
        verbose_name_plural = "mức chuẩn trợ giúp xã hội"
        ordering = ["valid_from"]


class Case(NoDeleteModel):
    """A person's monthly social-assistance case, from application to end."""

    class Status(models.TextChoices):
        RECEIVED = "received", "Đã nhận hồ sơ (cấp xã)"
        APPRAISED = "appraised", "Đã thẩm định"
        PAYING = "paying", "Đang hưởng"
        SUSPENDED = "suspended", "Tạm dừng"
        ENDED = "ended", "Đã thôi hưởng"
        REFUSED = "refused", "Không đủ điều kiện"

    class EndReason(models.TextChoices):
        DEATH = "death", "Chết"
        MOVED = "moved", "Chuyển đi nơi khác"
        NOT_ELIGIBLE = "not_eligible", "Không còn đủ điều kiện"
        OTHER = "other", "Khác"

    class Payment(models.TextChoices):
        CASH = "cash", "Tiền mặt tại xã"
        BANK = "bank", "Chuyển khoản ngân hàng"
        POST = "post", "Qua bưu điện"

    person = models.ForeignKey(
        Person, models.PROTECT, related_name="welfare_cases", verbose_name="đối tượng"
    )
    category = models.ForeignKey(
        BenefitCategory, models.PROTECT, related_name="cases", verbose_name="nhóm đối tượng"
    )
    commune = models.ForeignKey(
        AdminUnit, models.PROTECT, related_name="+", verbose_name="xã/phường quản lý"
    )
    disability_level = models.CharField(
        "mức độ khuyết tật",
        max_length=15,
        blank=True,
        choices=[("nang", "Nặng"), ("dac_biet_nang", "Đặc biệt nặng")],
    )
    is_studying = models.BooleanField("đang đi học", default=False)
    hiv = models.BooleanField("nhiễm HIV", default=False)
    children_count = models.PositiveSmallIntegerField("số con đang nuôi", default=0)
    status = models.CharField(
        "tình trạng", max_length=10, choices=Status.choices, default=Status.RECEIVED
    )
    application_date = models.DateField("ngày nhận hồ sơ")
    decision_number = models.CharField("số quyết định", max_length=50, blank=True)
    decision_date = models.DateField("ngày quyết định", null=True, blank=True)
    start_month = models.DateField(
        "hưởng từ tháng", null=True, blank=True, help_text="Ngày 01 của tháng bắt đầu hưởng"
    )
    end_date = models.DateField(
        "thôi hưởng từ ngày", null=True, blank=True, help_text="Ngày đầu tiên không còn hưởng"
    )
    end_reason = models.CharField(
        "lý do thôi hưởng", max_length=15, choices=EndReason.choices, blank=True
    )
    payment_method = models.CharField(
        "hình thức chi trả", max_length=5, choices=Payment.choices, default=Payment.CASH
    )
    account_number = models.CharField("số tài khoản", max_length=30, blank=True)
    recalc_from = models.DateField("cần tính lại từ tháng", null=True, blank=True, editable=False)
    note = models.CharField("ghi chú", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["recalc_from"])

    objects = NoDeleteQuerySet.as_manager()

    class Meta:
        verbose_name = "hồ sơ trợ cấp xã hội"
        verbose_name_plural = "hồ sơ trợ cấp xã hội"
        indexes = [models.Index(fields=["commune", "status"], name="case_commune_status")]


class Support(NoDeleteModel):
    """A one-off support given to a person: funeral support, a health-insurance card, emergency
    assistance, a gift to a child in special circumstances, a longevity visit."""

    class Kind(models.TextChoices):
        FUNERAL = "funeral", "Hỗ trợ chi phí mai táng"
        HEALTH_CARD = "health_card", "Cấp thẻ bảo hiểm y tế"
        EMERGENCY = "emergency", "Trợ giúp khẩn cấp"
        CHILD_GIFT = "child_gift", "Quà cho trẻ em có hoàn cảnh đặc biệt"
        MEDICAL = "medical", "Hỗ trợ phẫu thuật tim, khám chữa bệnh cho trẻ em"
        LIFE_JACKET = "life_jacket", "Trao áo phao cho trẻ em"
        CHILD_PROJECT = "child_project", "Đăng ký trẻ em tham gia dự án hỗ trợ"
        LONGEVITY = "longevity", "Chúc thọ, mừng thọ người cao tuổi"

    class Basis(models.TextChoices):
        NATIONAL = "national", "Nghị định 20/2021/NĐ-CP"
        PROVINCIAL = "provincial", "Nghị quyết của HĐND tỉnh"
        OTHER = "other", "Nguồn khác (quỹ, nhà tài trợ)"

    person = models.ForeignKey(
        Person, models.PROTECT, related_name="supports", verbose_name="đối tượng"
    )
    kind = models.CharField("loại hỗ trợ", max_length=20, choices=Kind.choices)
    basis = models.CharField("căn cứ", max_length=10, choices=Basis.choices, default=Basis.NATIONAL)
    commune = models.ForeignKey(
        AdminUnit, models.PROTECT, related_name="+", verbose_name="xã/phường"
    )
    date = models.DateField("ngày hỗ trợ")
    amount = models.BigIntegerField("số tiền (đồng)", default=0)
    reference = models.CharField("số quyết định hoặc số thẻ", max_length=50, blank=True)
    note = models.CharField("ghi chú", max_length=300, blank=True)
    cancelled = models.BooleanField("đã huỷ", default=False)
    cancel_reason = models.CharField("lý do huỷ", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "hỗ trợ một lần"
        verbose_name_plural = "hỗ trợ một lần"
        indexes = [models.Index(fields=["kind", "date"], name="support_kind_date")]


class Resident(NoDeleteModel):
    """A person cared for at the social-protection centre, from admission to discharge."""

    class Category(models.TextChoices):
        ORPHAN = "mo_coi", "Trẻ em mồ côi, bị bỏ rơi"
        LONE_ELDERLY = "nguoi_gia", "Người cao tuổi cô đơn"
        DISABLED = "khuyet_tat", "Người khuyết tật"
        VAGRANT = "lang_thang", "Người lang thang (nuôi dưỡng khẩn cấp)"

    person = models.ForeignKey(
        Person, models.PROTECT, related_name="residencies", verbose_name="đối tượng"
    )
    centre = models.ForeignKey(
        "core.OrgUnit", models.PROTECT, related_name="residents", verbose_name="cơ sở"
    )
    category = models.CharField("diện", max_length=12, choices=Category.choices)
    admitted = models.DateField("ngày tiếp nhận")
    decision_number = models.CharField("số quyết định tiếp nhận", max_length=50, blank=True)
    discharged = models.DateField("ngày rời cơ sở", null=True, blank=True)
    discharge_reason = models.CharField("lý do", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "đối tượng tại cơ sở bảo trợ"
        verbose_name_plural = "đối tượng tại cơ sở bảo trợ"


class Caregiver(NoDeleteModel):
    """Monthly caregiver support (Decree 20/2021, Art. 20): a person or household caring for,
    fostering or taking in someone, or a disabled parent pregnant or raising a young child."""

    class Kind(models.TextChoices):
        FOSTER_CHILD = "foster_child", "Nhận nuôi dưỡng trẻ em (khoản 1 Điều 5)"
        FOSTER_ELDER = "foster_elder", "Nhận chăm sóc người cao tuổi (điểm d khoản 5 Điều 5)"
        DISABLED_PARENT = "disabled_parent", "Người khuyết tật mang thai, nuôi con dưới 36 tháng"
        HOUSEHOLD_DISABLED = (
            "household_disabled",
            "Hộ gia đình chăm sóc người khuyết tật đặc biệt nặng",
        )
        TAKE_IN_DISABLED = "take_in_disabled", "Nhận nuôi dưỡng người khuyết tật đặc biệt nặng"

    caregiver = models.ForeignKey(
        Person, models.PROTECT, related_name="caregiving", verbose_name="người được hỗ trợ"
    )
    kind = models.CharField("trường hợp", max_length=20, choices=Kind.choices)
    ward = models.ForeignKey(
        Person,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="cared_by",
        verbose_name="người được chăm sóc",
    )
    commune = models.ForeignKey(
        AdminUnit, models.PROTECT, related_name="+", verbose_name="xã/phường"
    )
    pregnant = models.BooleanField("đang mang thai", default=False)
    children_under_36_months = models.PositiveSmallIntegerField("số con dưới 36 tháng", default=0)
    disability_level = models.CharField(
        "mức độ khuyết tật (người mẹ/cha)",
        max_length=15,
        blank=True,
        choices=[("nang", "Nặng"), ("dac_biet_nang", "Đặc biệt nặng")],
    )
    decision_number = models.CharField("số quyết định", max_length=50)
    decision_date = models.DateField("ngày quyết định")
    start_month = models.DateField("hưởng từ tháng")
    end_date = models.DateField("thôi hưởng từ ngày", null=True, blank=True)
    end_reason = models.CharField("lý do thôi hưởng", max_length=200, blank=True)
    recalc_from = models.DateField("cần tính lại từ tháng", null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["recalc_from"])

    class Meta:
        verbose_name = "hỗ trợ người chăm sóc, nuôi dưỡng"
        verbose_name_plural = "hỗ trợ người chăm sóc, nuôi dưỡng"


class ChildCase(NoDeleteModel):
    """A child in special circumstances (Law on Children 2016, Art. 10), from identification to closing."""

    class Circumstance(models.TextChoices):
        ORPHAN = "01", "Trẻ em mồ côi cả cha và mẹ"
        ABANDONED = "02", "Trẻ em bị bỏ rơi"
        NO_SUPPORT = "03", "Trẻ em không nơi nương tựa"
        DISABLED = "04", "Trẻ em khuyết tật"
        HIV = "05", "Trẻ em nhiễm HIV/AIDS"
        OFFENDER = "06", "Trẻ em vi phạm pháp luật"
        DRUGS = "07", "Trẻ em nghiện ma túy"
        DROPPED_OUT = "08", "Trẻ em phải bỏ học kiếm sống chưa hoàn thành phổ cập giáo dục THCS"
        VIOLENCE = "09", "Trẻ em bị tổn hại nghiêm trọng về thể chất và tinh thần do bị bạo lực"
        EXPLOITED = "10", "Trẻ em bị bóc lột"
        SEXUAL_ABUSE = "11", "Trẻ em bị xâm hại tình dục"
        TRAFFICKED = "12", "Trẻ em bị mua bán"
        SERIOUS_ILLNESS = (
            "13",
            "Trẻ em mắc bệnh hiểm nghèo hoặc phải điều trị dài ngày thuộc hộ nghèo, cận nghèo",
        )
        MIGRANT = (
            "14",
            "Trẻ em di cư, lánh nạn, tị nạn chưa xác định được cha mẹ hoặc không có người chăm sóc",
        )

    person = models.ForeignKey(
        Person, models.PROTECT, related_name="child_cases", verbose_name="trẻ em"
    )
    circumstance = models.CharField(
        "nhóm hoàn cảnh đặc biệt", max_length=2, choices=Circumstance.choices
    )
    commune = models.ForeignKey(
        AdminUnit, models.PROTECT, related_name="+", verbose_name="xã/phường"
    )
    identified = models.DateField("ngày xác định")
    closed = models.DateField("ngày đóng hồ sơ", null=True, blank=True)
    close_reason = models.CharField("lý do đóng", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "trẻ em có hoàn cảnh đặc biệt"
        verbose_name_plural = "trẻ em có hoàn cảnh đặc biệt"
