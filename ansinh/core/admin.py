from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from simple_history.admin import SimpleHistoryAdmin

from .auth import is_locked, unlock
from .models import AdminUnit, DayOverride, OrgUnit, Profile


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    verbose_name_plural = "vai trò và đơn vị"


class UserWithProfileAdmin(UserAdmin):
    inlines = [ProfileInline]
    list_display = ["username", "first_name", "last_name", "is_active", "locked", "role", "unit"]
    actions = ["unlock_login"]

    @admin.display(description="đang tạm khoá", boolean=True)
    def locked(self, user):
        return is_locked(user.username)

    @admin.action(description="Mở khoá đăng nhập (tài khoản bị tạm khoá do nhập sai mật khẩu)")
    def unlock_login(self, request, users):
        for user in users:
            unlock(user.username)
            self.log_change(request, user, "Mở khoá đăng nhập")
        messages.success(request, f"Đã mở khoá đăng nhập cho {len(users)} tài khoản.")

    @admin.display(description="vai trò")
    def role(self, user):
        return getattr(getattr(user, "profile", None), "get_role_display", lambda: "")()

    @admin.display(description="đơn vị")
    def unit(self, user):
        profile = getattr(user, "profile", None)
        return profile.org_unit if profile else ""


class NoDeleteAdmin(SimpleHistoryAdmin):
    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AdminUnit)
class AdminUnitAdmin(NoDeleteAdmin):
    list_display = ["code", "name", "level", "parent", "valid_from", "valid_to"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]
    filter_horizontal = ["successors"]


@admin.register(OrgUnit)
class OrgUnitAdmin(NoDeleteAdmin):
    list_display = ["code", "name", "kind", "area", "territory", "valid_from", "valid_to"]
    list_filter = ["kind", "area"]
    raw_id_fields = ["territory"]


@admin.register(DayOverride)
class DayOverrideAdmin(NoDeleteAdmin):
    list_display = ["date", "kind", "reason", "active"]


admin.site.unregister(User)
admin.site.register(User, UserWithProfileAdmin)
