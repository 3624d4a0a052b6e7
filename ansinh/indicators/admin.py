from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import DataSet, Indicator


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = [
        "code",
        "name",
        "unit",
        "area",
        "aggregation",
        "entry_level",
        "entry_period",
        "has_target",
    ]
    list_filter = ["area", "aggregation"]
    search_fields = ["code", "name"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DataSet)
class DataSetAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "period_kind", "reporter_kind", "due_days"]
    filter_horizontal = ["indicators"]

    def has_delete_permission(self, request, obj=None):
        return False
