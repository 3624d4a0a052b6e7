from django import forms

from ansinh.core.forms import DATE_INPUT, StyledForm
from ansinh.core.models import Area

from .models import Channel, Dossier, Petition, PetitionKind, Procedure, Reception

OUTCOMES = [
    ("complete", "Đầy đủ – tiếp nhận, in giấy hẹn"),
    ("incomplete", "Chưa đầy đủ – hướng dẫn bổ sung"),
    ("refused", "Không thuộc thẩm quyền / không đủ điều kiện – từ chối"),
]


class ReceiptForm(StyledForm, forms.ModelForm):
    """The counter's form: procedure first, then the applicant, the documents ticked, the outcome."""

    outcome = forms.ChoiceField(
        label="Kết quả kiểm tra hồ sơ",
        choices=OUTCOMES,
        initial="complete",
        widget=forms.RadioSelect,
    )
    extra_missing = forms.CharField(
        label="Nội dung cần bổ sung khác (mỗi dòng một nội dung)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Dossier
        fields = [
            "procedure",
            "channel",
            "applicant_name",
            "applicant_id",
            "applicant_phone",
            "applicant_email",
            "applicant_address",
            "refusal_reason",
        ]
        widgets = {
            "refusal_reason": forms.Textarea(attrs={"rows": 2}),
            "channel": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["procedure"].queryset = Procedure.objects.filter(active=True).order_by(
            "field", "code"
        )
        self.fields["procedure"].widget.attrs["autofocus"] = True
        self.fields["channel"].choices = [c for c in Channel.choices if c[0] != Channel.ONLINE]
        self.fields["channel"].initial = Channel.DIRECT
        self.style_fields()
        for name in ("channel", "outcome"):
            self.fields[name].widget.attrs["class"] = "form-check-input"


class PetitionForm(StyledForm, forms.ModelForm):
    identity_name = forms.CharField(label="Họ và tên người tố cáo", required=False, max_length=200)
    identity_id = forms.CharField(label="Số định danh người tố cáo", required=False, max_length=12)
    identity_address = forms.CharField(label="Địa chỉ người tố cáo", required=False, max_length=300)
    identity_phone = forms.CharField(label="Điện thoại người tố cáo", required=False, max_length=20)

    class Meta:
        model = Petition
        fields = [
            "kind",
            "field",
            "source",
            "received_on",
            "petitioner_name",
            "petitioner_address",
            "summary",
        ]
        widgets = {"received_on": DATE_INPUT, "summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()

    def clean(self):
        data = super().clean()
        if (
            data.get("kind") == PetitionKind.DENUNCIATION
            and not (data.get("identity_name") or "").strip()
        ):
            self.add_error(
                "identity_name", "Đơn tố cáo phải ghi họ tên người tố cáo (thông tin được bảo mật)."
            )
        return data

    def identity(self):
        data = self.cleaned_data
        return {
            "full_name": data["identity_name"],
            "personal_id": data["identity_id"],
            "address": data["identity_address"],
            "phone": data["identity_phone"],
        }


class PetitionCloseForm(StyledForm, forms.Form):
    status = forms.ChoiceField(
        label="Kết quả xử lý",
        choices=[c for c in Petition.Status.choices if c[0] != Petition.Status.CONSIDERING],
    )
    closed_on = forms.DateField(label="Ngày kết thúc xử lý", widget=DATE_INPUT)
    forwarded_to = forms.CharField(label="Chuyển đến cơ quan", required=False, max_length=200)
    result = forms.CharField(
        label="Kết quả giải quyết / nội dung hướng dẫn",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()


class ReceptionForm(StyledForm, forms.ModelForm):
    class Meta:
        model = Reception
        fields = [
            "received_on",
            "citizen_name",
            "citizen_id",
            "address",
            "headcount",
            "field",
            "content",
            "answer",
        ]
        widgets = {
            "received_on": DATE_INPUT,
            "content": forms.Textarea(attrs={"rows": 2}),
            "answer": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].initial = Area.INSPECTION
        self.style_fields()
