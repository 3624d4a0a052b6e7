from django import forms

from ansinh.core import scope
from ansinh.core.forms import DATE_INPUT, AboutPersonForm, StyledForm

from .models import (
    Campaign,
    Decision,
    Evidence,
    MeritCategory,
    MeritRecord,
    RecoverySchedule,
    Relation,
)
from .services import CORRECTABLE

MONTH_INPUT = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")


class MonthField(forms.DateField):
    """A month typed as 2024-03 (or a full date); the first day of that month."""

    widget = MONTH_INPUT

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m", "%m/%Y", "%Y-%m-%d", "%d/%m/%Y"])
        super().__init__(*args, **kwargs)

    def clean(self, value):
        day = super().clean(value)
        return day.replace(day=1) if day else day


class Plain(StyledForm, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()


class RecordForm(AboutPersonForm, forms.ModelForm):
    field_order = ["personal_id_or_pk"]
    personal_id_or_pk = forms.CharField(
        label="Số định danh hoặc mã đối tượng", help_text="Người phải có trong sổ đối tượng."
    )
    start_month = MonthField(
        label="Hưởng từ tháng",
        required=False,
        help_text="Để trống nếu chưa có quyết định (lập dự thảo quyết định trợ cấp hằng tháng sau).",
    )
    martyr_pk = forms.IntegerField(
        label="Mã hồ sơ liệt sĩ", required=False, help_text="Với thân nhân, người thờ cúng liệt sĩ."
    )
    parent_pk = forms.IntegerField(
        label="Mã hồ sơ của cha/mẹ nhiễm chất độc hóa học",
        required=False,
        help_text="Với con đẻ bị ảnh hưởng.",
    )

    class Meta:
        model = MeritRecord
        fields = ["category", "commune", "code", "start_month", "caregiver_from"]
        widgets = {"caregiver_from": DATE_INPUT}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["commune"].queryset = scope.visible_communes(user).order_by("code")
        self.fields["category"].queryset = MeritCategory.objects.all()

    def _linked(self, name, category_codes):
        pk = self.cleaned_data.get(name)
        if not pk:
            return None
        return scope.lookup(
            scope.filter_by_commune(MeritRecord.objects.all(), self.user),
            pk=pk,
            category__code__in=category_codes,
        )

    def clean_martyr_pk(self):
        return self._linked("martyr_pk", ["LS"])

    def clean_parent_pk(self):
        return self._linked("parent_pk", ["CDHH"])


class AssessmentForm(Plain):
    date = forms.DateField(label="Ngày giám định", widget=DATE_INPUT)
    effective_from = forms.DateField(
        label="Áp dụng từ ngày",
        widget=DATE_INPUT,
        required=False,
        help_text="Để trống: từ ngày giám định. Ngày trong quá khứ: hồ sơ được đánh dấu cần tính lại.",
    )
    rate = forms.IntegerField(label="Tỷ lệ tổn thương cơ thể (%)")
    severe = forms.BooleanField(label="Bệnh tật đặc biệt nặng", required=False)
    council = forms.CharField(
        label="Hội đồng giám định",
        max_length=200,
        initial="Hội đồng Giám định y khoa tỉnh Sóc Trăng",
    )
    minutes = forms.CharField(label="Số biên bản", max_length=60, required=False)
    reason = forms.CharField(label="Lý do", max_length=300, required=False)


class DraftForm(Plain):
    KINDS = [
        (Decision.Kind.MONTHLY, "Trợ cấp hằng tháng"),
        (Decision.Kind.WORSHIP, "Trợ cấp thờ cúng liệt sĩ"),
        (Decision.Kind.FUNERAL, "Trợ cấp mai táng"),
        (Decision.Kind.ONE_OFF, "Trợ cấp một lần"),
    ]
    kind = forms.ChoiceField(label="Loại quyết định", choices=KINDS)
    effective = forms.DateField(
        label="Hưởng từ / áp dụng từ ngày", widget=DATE_INPUT, required=False
    )
    table = forms.ChoiceField(
        label="Loại trợ cấp một lần",
        required=False,
        choices=[
            ("", "—"),
            ("bao_tu", "Báo tử liệt sĩ"),
            ("mot_lan_khang_chien", "Người có thành tích tham gia kháng chiến"),
        ],
    )
    count = forms.IntegerField(label="Số lần mức", min_value=1, initial=1, required=False)


class TransferOutForm(Plain):
    province = forms.CharField(label="Chuyển đến tỉnh/thành phố", max_length=100)
    date = forms.DateField(label="Ngày chuyển", widget=DATE_INPUT)
    last_paid_month = MonthField(label="Đã hưởng tại tỉnh đến hết tháng")
    note = forms.CharField(label="Ghi chú", max_length=300, required=False)


class TransferInForm(AboutPersonForm, forms.Form):
    personal_id_or_pk = forms.CharField(
        label="Số định danh hoặc mã đối tượng",
        help_text="Ghi người vào sổ đối tượng trước nếu chưa có.",
    )
    category = forms.ModelChoiceField(label="Diện", queryset=MeritCategory.objects.all())
    commune = forms.ModelChoiceField(label="Xã/phường quản lý", queryset=None)
    province = forms.CharField(label="Tỉnh/thành phố chuyển đến", max_length=100)
    date = forms.DateField(label="Ngày tiếp nhận", widget=DATE_INPUT)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["commune"].queryset = scope.visible_communes(user).order_by("code")


class RelationForm(AboutPersonForm, forms.Form):
    personal_id_or_pk = forms.CharField(label="Số định danh hoặc mã đối tượng của người thân")
    kind = forms.ChoiceField(label="Quan hệ", choices=Relation.Kind.choices)
    since = forms.DateField(label="Từ ngày", widget=DATE_INPUT, required=False)
    until = forms.DateField(label="Đến ngày", widget=DATE_INPUT, required=False)


class CorrectionForm(Plain):
    field = forms.ChoiceField(label="Thông tin cần đính chính", choices=list(CORRECTABLE.items()))
    after = forms.CharField(
        label="Thông tin đúng", max_length=255, help_text="Ngày sinh ghi dạng 1950-03-05."
    )
    basis = forms.CharField(label="Căn cứ đính chính", max_length=300)


class EvidenceForm(StyledForm, forms.ModelForm):
    class Meta:
        model = Evidence
        fields = ["kind", "number", "issued", "issuer", "file"]
        widgets = {"issued": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and getattr(upload, "size", 0):
            if not upload.name.lower().endswith((".pdf", ".jpg", ".jpeg", ".png")):
                raise forms.ValidationError("Chỉ nhận tệp PDF, JPG hoặc PNG.")
            if upload.size > 10 * 1024 * 1024:
                raise forms.ValidationError("Tệp lớn quá 10 MB.")
        return upload


class BatchForm(Plain):
    category = forms.ModelChoiceField(
        label="Diện", queryset=MeritCategory.objects.exclude(kind="none")
    )
    until = MonthField(
        label="Tính đến hết tháng",
        help_text="Danh sách chi trả các tháng trong giai đoạn phải đã duyệt.",
    )
    title = forms.CharField(label="Tên đợt", max_length=200, required=False)
    basis = forms.CharField(label="Căn cứ (kết luận, văn bản)", max_length=300)


class ApproveForm(Plain):
    signed_on = forms.DateField(
        label="Ngày ký", widget=DATE_INPUT, required=False, help_text="Để trống: hôm nay."
    )


class CancelForm(Plain):
    reason = forms.CharField(label="Lý do huỷ", max_length=300, required=False)


class RepaymentForm(Plain):
    date = forms.DateField(label="Ngày nộp", widget=DATE_INPUT)
    amount = forms.IntegerField(label="Số tiền (đồng)")
    receipt = forms.CharField(label="Số biên lai", max_length=60, required=False)


class MethodForm(Plain):
    method = forms.ChoiceField(label="Hình thức thu hồi", choices=RecoverySchedule.Method.choices)
    instalment = forms.IntegerField(
        label="Khấu trừ mỗi tháng tối đa (đồng)", min_value=0, required=False
    )


class CampaignForm(StyledForm, forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["kind", "year", "title", "basis", "amounts"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()

    def clean_amounts(self):
        amounts = self.cleaned_data["amounts"]
        if not isinstance(amounts, dict) or not amounts:
            raise forms.ValidationError('Ghi mức theo diện dạng {"TB_A": 500000, "*": 300000}.')
        known = set(MeritCategory.objects.values_list("code", flat=True)) | {"*", "centre", "home"}
        for code, value in amounts.items():
            if code not in known:
                raise forms.ValidationError(f"Không có diện “{code}”.")
            if not isinstance(value, int) or value < 0 or value % 1000:
                raise forms.ValidationError(
                    f"Mức của “{code}” phải là số đồng không âm, làm tròn đến 1.000 đồng."
                )
        return amounts
