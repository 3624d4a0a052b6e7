from django.contrib import admin

from ansinh.core.admin import NoDeleteAdmin

from .models import AllowanceBand, Campaign, DecreeVersion, MeritCategory
from .services import mark_paid_records_from


class BandInline(admin.TabularInline):
    model = AllowanceBand
    extra = 0
    fields = ["table", "rate_from", "rate_to", "amount", "multiple", "note"]


@admin.register(DecreeVersion)
class DecreeVersionAdmin(NoDeleteAdmin):
    """A decree's tables; a change to a version already in force marks the records paid since."""

    list_display = ["code", "valid_from", "level", "citation"]
    inlines = [BandInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        mark_paid_records_from(obj.valid_from)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.has_changed():
            mark_paid_records_from(form.instance.valid_from)


@admin.register(MeritCategory)
class MeritCategoryAdmin(NoDeleteAdmin):
    """Categories are data: a new one names the tables it is paid from."""

    list_display = ["code", "name", "kind", "table", "min_rate", "citation"]


@admin.register(Campaign)
class CampaignAdmin(NoDeleteAdmin):
    list_display = ["year", "kind", "title", "basis"]
