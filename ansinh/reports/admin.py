from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ansinh.core.forms import PlainTextForm
from ansinh.indicators.models import Indicator

from . import render
from .builder import words_for
from .models import GeneratedReport, ReportDefinition, ReportSection

WORDS = words_for("2024Q1")


def placeholder_problems(text):
    """Problems of each sentence, the sentence named: “Câu “…”: …”."""
    catalogue = {i.code: i.category_codes for i in Indicator.objects.all()}
    return [
        f"Câu “{_short(line)}”: {problem}"
        for line in text.splitlines()
        for problem in render.check(line, catalogue, WORDS)
    ]


def _short(line, size=60):
    line = line.strip()
    return line if len(line) <= size else line[:size] + "…"


class SectionForm(PlainTextForm, forms.ModelForm):
    class Meta:
        model = ReportSection
        fields = "__all__"

    def clean_sentences(self):
        text = self.cleaned_data["sentences"]
        problems = placeholder_problems(text)
        if problems:
            raise forms.ValidationError(problems)
        return text


class SectionInline(admin.StackedInline):
    model = ReportSection
    form = SectionForm
    extra = 0
    can_delete = False


class DefinitionForm(PlainTextForm, forms.ModelForm):
    class Meta:
        model = ReportDefinition
        fields = "__all__"

    def clean(self):
        data = super().clean()
        for field in ("summary_template", "part1_heading", "part2_heading"):
            for problem in placeholder_problems(data.get(field) or ""):
                self.add_error(field, problem)
        return data


@admin.register(ReportDefinition)
class ReportDefinitionAdmin(SimpleHistoryAdmin):
    form = DefinitionForm
    inlines = [SectionInline]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(GeneratedReport)
class GeneratedReportAdmin(admin.ModelAdmin):
    list_display = ["period", "unit", "number", "issued_at", "issued_by"]
    exclude = ["docx", "pdf", "xlsx", "snapshot"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
