from django.contrib import admin

from ansinh.core.admin import NoDeleteAdmin

from .models import BenefitCategory, StandardLevel


@admin.register(BenefitCategory)
class BenefitCategoryAdmin(NoDeleteAdmin):
    """The province adds its own groups (with their coefficient) here."""

    list_display = ["code", "name", "rule_code", "provincial_coefficient", "citation"]


@admin.register(StandardLevel)
class StandardLevelAdmin(NoDeleteAdmin):
    list_display = ["valid_from", "valid_to", "amount", "province", "citation"]
