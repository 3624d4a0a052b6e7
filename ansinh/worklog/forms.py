from django import forms

from ansinh.core.forms import DATE_INPUT, StyledForm

from .models import Activity, PlannedTask


class ActivityForm(StyledForm, forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["topic", "kind", "text", "recipient", "legal_refs", "date"]
        widgets = {"date": DATE_INPUT, "text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, period=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.period = period
        self.style_fields()

    def clean_date(self):
        day = self.cleaned_data["date"]
        if self.period and not self.period.contains(day):
            raise forms.ValidationError(
                f"Ngày {day:%d/%m/%Y} nằm ngoài {self.period.label}; hãy ghi việc này vào kỳ của nó."
            )
        return day


class TaskForm(StyledForm, forms.ModelForm):
    class Meta:
        model = PlannedTask
        fields = ["topic", "text", "owner", "due_date", "status"]
        widgets = {"due_date": DATE_INPUT, "text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()
