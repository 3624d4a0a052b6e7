from django import forms

from ansinh.core import scope
from ansinh.core.forms import DATE_INPUT, StyledForm

from .models import BenefitCategory, Case


class CaseForm(StyledForm, forms.ModelForm):
    field_order = ["personal_id_or_pk"]
    personal_id_or_pk = forms.CharField(label="Số định danh hoặc mã đối tượng", help_text="Người phải có trong sổ đối tượng.")

    class Meta:
        model = Case
        fields = ["category", "commune", "disability_level", "is_studying", "hiv", "children_count", "application_date", "payment_method", "account_number", "note"]
        widgets = {"application_date": DATE_INPUT}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["commune"].queryset = scope.visible_communes(user).order_by("code")
        self.fields["category"].queryset = BenefitCategory.objects.all()
        self.style_fields()

    def clean_personal_id_or_pk(self):
        from ansinh.core.queries import people_for

        value = self.cleaned_data["personal_id_or_pk"].strip()
        people = people_for(self.user)
        person = people.filter(personal_id=value).first() if len(value) == 12 else people.filter(pk=value).first() if value.isdigit() else None
        if person is None:
            raise forms.ValidationError("Không tìm thấy người này trong sổ đối tượng thuộc phạm vi của bạn.")
        return person


class DecisionForm(StyledForm, forms.Form):
    number = forms.CharField(label="Số quyết định", max_length=50)
    decision_date = forms.DateField(label="Ngày quyết định", widget=DATE_INPUT)
    start_month = forms.DateField(label="Hưởng từ tháng (ngày 01)", widget=DATE_INPUT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()


class EndForm(StyledForm, forms.Form):
    reason = forms.ChoiceField(label="Lý do", choices=Case.EndReason.choices)
    end_date = forms.DateField(label="Thôi hưởng từ ngày", widget=DATE_INPUT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()


class SupportForm(StyledForm, forms.ModelForm):
    field_order = ["personal_id_or_pk"]
    personal_id_or_pk = forms.CharField(label="Số định danh hoặc mã đối tượng")

    class Meta:
        from .models import Support

        model = Support
        fields = ["kind", "basis", "date", "amount", "reference", "note"]
        widgets = {"date": DATE_INPUT}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["amount"].help_text = "Để 0 với hỗ trợ mai táng: hệ thống tính 20 × mức chuẩn tại ngày mất."
        self.style_fields()

    clean_personal_id_or_pk = CaseForm.clean_personal_id_or_pk


class ResidentForm(StyledForm, forms.ModelForm):
    field_order = ["personal_id_or_pk"]
    personal_id_or_pk = forms.CharField(label="Số định danh hoặc mã đối tượng")

    class Meta:
        from .models import Resident

        model = Resident
        fields = ["category", "admitted", "decision_number"]
        widgets = {"admitted": DATE_INPUT}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.style_fields()

    clean_personal_id_or_pk = CaseForm.clean_personal_id_or_pk
