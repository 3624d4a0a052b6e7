from django.contrib import admin

from ansinh.core.admin import NoDeleteAdmin

from .models import DeskRule, Petition, PetitionLimit, Procedure


@admin.register(Procedure)
class ProcedureAdmin(NoDeleteAdmin):
    list_display = ["code", "name", "field", "days", "online", "active"]
    list_filter = ["field", "online", "active"]
    search_fields = ["code", "name"]


@admin.register(DeskRule)
class DeskRuleAdmin(NoDeleteAdmin):
    list_display = [
        "valid_from",
        "valid_to",
        "paper_cutoff",
        "deficiency_days",
        "apology_days_before",
        "max_resets",
        "confirmed",
        "citation",
    ]


@admin.register(PetitionLimit)
class PetitionLimitAdmin(NoDeleteAdmin):
    list_display = ["kind", "days", "day_kind", "valid_from", "valid_to", "confirmed", "citation"]
    list_filter = ["kind"]


@admin.register(Petition)
class PetitionAdmin(NoDeleteAdmin):
    """Petitions without the denouncer's identity, which lives in its own table, not registered here."""

    list_display = ["number", "kind", "received_on", "status"]
    list_filter = ["kind", "status"]
    readonly_fields = ["number", "kind", "received_on", "due_date"]
