"""Who may see and edit what. Every door (page, API, export, report) filters through here.

- system administrator, department leader, viewer of the Department: the whole province, read;
  the administrator also writes.
- division officer: the whole province; writes records of the division's area of work.
- district officer (and a viewer of a district office): their district and its communes only.
"""
from django.core.exceptions import PermissionDenied

from .models import AdminUnit, Role

WRITE_ROLES = {Role.ADMIN, Role.DIVISION_OFFICER, Role.DISTRICT_OFFICER}


def profile_of(user):
    return getattr(user, "profile", None) if user.is_authenticated else None


def role_of(user):
    profile = profile_of(user)
    if user.is_authenticated and user.is_superuser and profile is None:
        return Role.ADMIN
    return profile.role if profile else None


def territory_of(user):
    """The administrative unit a user is limited to; None for an administrator (no limit).

    Raises PermissionDenied for an account with no role or no unit: it sees nothing.
    """
    role = role_of(user)
    if role == Role.ADMIN:
        return None
    profile = profile_of(user)
    if role is None or profile.org_unit is None:
        raise PermissionDenied("Tài khoản chưa được gán vai trò và đơn vị công tác.")
    return profile.org_unit.territory


def commune_ids_in(unit):
    """Ids of the communes at or under an administrative unit (any generation)."""
    if unit.level == AdminUnit.Level.COMMUNE:
        return AdminUnit.objects.filter(pk=unit.pk).values("pk")
    if unit.level == AdminUnit.Level.DISTRICT:
        return AdminUnit.objects.filter(parent=unit).values("pk")
    return AdminUnit.objects.filter(parent__parent=unit).values("pk") | AdminUnit.objects.filter(parent=unit, level=AdminUnit.Level.COMMUNE).values("pk")


def _limited(queryset, user, field, ids_in):
    """Records whose `field` is among ids_in(the user's territory); all for no limit, none for no role."""
    try:
        unit = territory_of(user)
    except PermissionDenied:
        return queryset.none()
    if unit is None:
        return queryset
    # A literal list (a few hundred ids at most) gives the planner exact estimates.
    return queryset.filter(**{f"{field}__in": list(ids_in(unit))})


def filter_by_commune(queryset, user, field="commune"):
    """Restrict a queryset of records located by a commune to what `user` may see."""
    return _limited(queryset, user, field, lambda unit: commune_ids_in(unit).values_list("pk", flat=True))


def can_write(user, area=None):
    role = role_of(user)
    if role not in WRITE_ROLES:
        return False
    if role == Role.DIVISION_OFFICER and area:
        return profile_of(user).org_unit.area == area
    return True


def require_write(user, area=None):
    if not can_write(user, area):
        raise PermissionDenied("Tài khoản của bạn không có quyền sửa dữ liệu này.")


def is_leader_or_admin(user):
    return role_of(user) in (Role.ADMIN, Role.LEADER)


def visible_communes(user):
    """Commune units a user may choose in forms and filters."""
    return filter_by_commune(AdminUnit.objects.filter(level=AdminUnit.Level.COMMUNE), user, field="pk")


def unit_ids_in(unit):
    """Ids of a unit and of every unit under it (districts, communes)."""
    ids, level = [unit.pk], [unit.pk]
    while level:
        level = list(AdminUnit.objects.filter(parent_id__in=level).values_list("pk", flat=True))
        ids += level
    return ids


def filter_by_unit(queryset, user, field="unit"):
    """Restrict records located by any administrative unit (a desk, a reception) to what `user` may see."""
    return _limited(queryset, user, field, unit_ids_in)
