from django import forms

from ansinh.core import scope
from ansinh.core.forms import DATE_INPUT, AboutPersonForm, StyledForm, person_in_scope

from .models import BenefitCategory, Caregiver, Case, ChildCase, Resident, Support


class CaseForm(AboutPersonForm, forms.ModelForm):
    field_order = ["personal_id_or_pk"]
    personal_id_or_pk = forms.CharField(
        label="Số định danh hoặc mã đối tượng", help_text="Người phải có trong sổ đối tượng."
    )

    class Meta:
        model = Case
        fields = [
            "category",
            "commune",
            "disability_level",
            "is_studying",
            "hiv",
            "children_count",
            "application_date",
            "payment_method",
            "account_number",
            "note",
        ]
        widgets = {"application_date": DATE_INPUT}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["commune"].queryset = scope.visible_communes(user).order_by("code")
        self.fields["category"].queryset = BenefitCategory.objects.all()


class DecisionForm(StyledForm, forms.Form):
    number = forms.CharField(label="Số quyết định", max_length=50)
    decision_date = forms.DateField(label="Ngày quyết định", widget=DATE_INPUT)
    start_month = forms.DateField(label="Hưởng từ tháng (ngày 01)", widget=DATE_INPUT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()


class AppraiseForm(forms.Form):
    """The appraisal of a received case: its two buttons post eligible=yes or eligible=no."""

    eligible = forms.TypedChoiceField(
        choices=[("yes", "Đủ điều kiện"), ("no", "Không đủ điều kiện")],
        coerce=lambda value: value == "yes",
    )
    note = forms.CharField(max_length=500, required=False)


class EndForm(StyledForm, forms.Form):
    reason = forms.ChoiceField(label="Lý do", choices=Case.EndReason.choices)
    end_date = forms.DateField(label="Thôi hưởng từ ngày", widget=DATE_INPUT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()


class SupportForm(AboutPersonForm, forms.ModelForm):
    field_order = ["personal_id_or_pk"]
    personal_id_or_pk = forms.CharField(label="Số định danh hoặc mã đối tượng")

    class Meta:
        model = Support
        fields = ["kind", "basis", "date", "amount", "reference", "note"]
        widgets = {"date": DATE_INPUT}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields[
            "amount"
        ].help_text = "Để 0 với hỗ trợ mai táng: hệ thống tính 20 × mức chuẩn tại ngày mất."


class ResidentForm(AboutPersonForm, forms.ModelForm):
    field_order = ["personal_id_or_pk"]
    personal_id_or_pk = forms.CharField(label="Số định danh hoặc mã đối tượng")

    class Meta:
        model = Resident
        fields = ["category", "admitted", "decision_number"]
        widgets = {"admitted": DATE_INPUT}


class CaregiverForm(AboutPersonForm, forms.ModelForm):
    field_order = ["caregiver_id_or_pk", "kind", "ward_id_or_pk"]
    caregiver_id_or_pk = forms.CharField(label="Người được hỗ trợ: số định danh hoặc mã đối tượng")
    ward_id_or_pk = forms.CharField(
        label="Người được chăm sóc: số định danh hoặc mã đối tượng", required=False
    )

    class Meta:
        model = Caregiver
        fields = [
            "kind",
            "pregnant",
            "children_under_36_months",
            "disability_level",
            "decision_number",
            "decision_date",
            "start_month",
        ]
        widgets = {"decision_date": DATE_INPUT, "start_month": DATE_INPUT}

    def clean_caregiver_id_or_pk(self):
        return person_in_scope(self.user, self.cleaned_data["caregiver_id_or_pk"])

    def clean_ward_id_or_pk(self):
        value = self.cleaned_data.get("ward_id_or_pk", "").strip()
        return person_in_scope(self.user, value) if value else None


class ChildCaseForm(AboutPersonForm, forms.ModelForm):
    field_order = ["personal_id_or_pk"]
    personal_id_or_pk = forms.CharField(label="Số định danh hoặc mã đối tượng của trẻ")

    class Meta:
        model = ChildCase
        fields = ["circumstance", "identified"]
        widgets = {"identified": DATE_INPUT}
