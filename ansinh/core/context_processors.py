from . import scope
from .models import Area


def navigation(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    profile = scope.profile_of(user)
    return {
        "nav_areas": Area.choices,
        "nav_role": scope.role_of(user),
        "nav_role_label": profile.get_role_display()
        if profile
        else ("Quản trị hệ thống" if user.is_superuser else ""),
        "nav_unit": profile.org_unit if profile else None,
        "nav_can_write": scope.can_write(user),
        "nav_is_leader": scope.is_leader_or_admin(user),
        "nav_named_areas": scope.areas_of(user),
        "nav_people": scope.may_see_people(user),
    }
