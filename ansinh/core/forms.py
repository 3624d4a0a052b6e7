from django import forms

from . import rules, scope
from .concurrency import VersionedForm
from .models import AdminUnit, DayOverride, Person
from .queries import people_for
from .text import clean_name, control_characters_message, has_control_characters

DATE_INPUT = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class PlainTextForm:
    """Refuses control characters in every text field (tab and line breaks only in a Textarea),
    naming the field: “Trường «Họ và tên» chứa ký tự điều khiển không hợp lệ.”"""

    def _clean_fields(self):
        super()._clean_fields()
        for name, field in self.fields.items():
            multiline = isinstance(field.widget, forms.Textarea)
            # What was posted: CharField strips whitespace (Python counts some control characters
            # as such) and refuses NUL with an English message of its own.
            raw = (
                self.data.get(self.add_prefix(name))
                if isinstance(field, forms.CharField) and hasattr(self.data, "get")
                else None
            )
            if has_control_characters(raw, multiline) or has_control_characters(
                self.cleaned_data.get(name), multiline
            ):
                self._errors.pop(name, None)
                self.add_error(name, control_characters_message(field.label or name))


class StyledForm(PlainTextForm):
    """Gives every widget its Bootstrap class."""

    def style_fields(self):
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = css


def person_in_scope(user, value):
    """The registered person with this 12-digit ID or record number, among those the user may see."""
    value = value.strip()
    if len(value) == 12:
        return scope.lookup(people_for(user), personal_id=value)
    return scope.lookup(people_for(user), pk=value if value.isdigit() else None)


class AboutPersonForm(StyledForm):
    """A registry form that starts with the person it is about, found in the user's scope."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.style_fields()

    def clean_personal_id_or_pk(self):
        return person_in_scope(self.user, self.cleaned_data["personal_id_or_pk"])


class PersonForm(StyledForm, VersionedForm, forms.ModelForm):
    birth_year = forms.IntegerField(
        label="Năm sinh (nếu không rõ ngày sinh)", required=False, min_value=1880
    )
    confirm_not_duplicate = forms.BooleanField(
        label="Tôi đã kiểm tra: đây là một người khác với những người trùng tên ở trên.",
        required=False,
    )
    reason = forms.CharField(label="Lý do thay đổi", required=False, max_length=200)

    class Meta:
        model = Person
        fields = [
            "full_name",
            "birth_date",
            "birth_year",
            "sex",
            "ethnicity",
            "personal_id",
            "phone",
            "address",
            "commune",
            "death_date",
        ]
        widgets = {"birth_date": DATE_INPUT, "death_date": DATE_INPUT}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = (
            scope.visible_communes(user).select_related("parent").order_by("parent__code", "code")
        )
        self.fields["commune"].label_from_instance = lambda u: (
            f"{u.name} – {u.parent.name if u.parent else ''} ({u.code})"
        )
        self.duplicates = []
        if self.instance.pk:
            self.fields.pop("confirm_not_duplicate")
        else:
            self.fields.pop("reason")
        self.style_fields()

    def clean_full_name(self):
        name = clean_name(self.cleaned_data["full_name"])
        if not any(ch.isalpha() for ch in name):
            raise forms.ValidationError("Họ và tên phải là chữ.")
        return name

    def clean_phone(self):
        value = self.cleaned_data.get("phone", "")
        if not value:
            return ""
        phone = rules.normalise_phone(value)
        if not phone:
            raise forms.ValidationError("Số điện thoại không hợp lệ (10 số, bắt đầu bằng 0).")
        return phone

    def clean_personal_id(self):
        return (self.cleaned_data.get("personal_id") or "").strip() or None

    def clean(self):
        from .services import possible_duplicates

        data = super().clean()
        birth_date, birth_year = data.get("birth_date"), data.get("birth_year")
        if birth_date:
            data["birth_year"] = birth_year = birth_date.year
        for message in rules.birth_date_errors(birth_date, birth_year):
            self.add_error("birth_date", message)
        if data.get("personal_id") and birth_year:
            for message in rules.personal_id_errors(
                data["personal_id"], birth_year, data.get("sex")
            ):
                self.add_error("personal_id", message)
        death = data.get("death_date")
        if death and birth_year and death.year < birth_year:
            self.add_error("death_date", "Ngày mất trước ngày sinh.")
        if not self.errors and "confirm_not_duplicate" in self.fields:
            self.duplicates = list(
                possible_duplicates(data["full_name"], birth_year, data["commune"], birth_date)[:10]
            )
            if self.duplicates and not data.get("confirm_not_duplicate"):
                self.add_error(
                    "confirm_not_duplicate",
                    "Đã có người cùng họ tên, năm sinh và xã. Hãy mở hồ sơ đó nếu là cùng một người, "
                    "hoặc đánh dấu xác nhận đây là người khác.",
                )
        return data

    def save(self, commit=True):
        person = super().save(commit=False)
        person.birth_year = self.cleaned_data["birth_year"]
        return person


class ClosePersonForm(StyledForm, forms.Form):
    reason = forms.CharField(label="Lý do đóng hồ sơ", max_length=255)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()


class ImportForm(forms.Form):
    file = forms.FileField(label="Tệp dữ liệu (.xlsx, .xls, .ods, .csv)")


class DayOverrideForm(StyledForm, forms.ModelForm):
    class Meta:
        model = DayOverride
        fields = ["date", "kind", "reason", "citation"]
        widgets = {"date": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()

    def clean(self):
        data = super().clean()
        day, kind = data.get("date"), data.get("kind")
        if day and kind == DayOverride.Kind.WORKING_DAY and day.weekday() < 5:
            self.add_error("date", "Ngày làm việc bù phải là thứ Bảy hoặc Chủ nhật.")
        if day and kind == DayOverride.Kind.DAY_OFF and day.weekday() >= 5:
            self.add_error("date", "Thứ Bảy, Chủ nhật vốn là ngày nghỉ; không cần khai báo.")
        return data


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label="Họ tên hoặc số định danh", required=False)
    commune = forms.ModelChoiceField(
        label="Xã/phường", queryset=AdminUnit.objects.none(), required=False
    )
    status = forms.ChoiceField(
        label="Tình trạng", choices=[("", "Tất cả")] + list(Person.Status.choices), required=False
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = scope.visible_communes(user).order_by("code")
        self.fields["commune"].empty_label = "Tất cả"
