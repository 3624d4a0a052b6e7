"""Who may see and edit what. Every door (page, API, export, report) filters through here.

- system administrator, department leader, viewer of the Department: the whole province, read;
  the administrator also writes.
- division officer: the whole province; writes records of the division's area of work.
- district officer (and a viewer of a district office): their district and its communes only.

Need to know (areas_of): inside its territory an account sees names and personal records only of
the areas it works in; of the other areas it sees counts (dashboards, indicators, reports).
Lookups by id answer OUT_OF_REACH alike for an id that does not exist and one outside scope.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied, ValidationError

from .models import AdminUnit, Area, OrgUnit, Role

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
    return AdminUnit.objects.filter(parent__parent=unit).values("pk") | AdminUnit.objects.filter(
        parent=unit, level=AdminUnit.Level.COMMUNE
    ).values("pk")


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
    return _limited(
        queryset, user, field, lambda unit: commune_ids_in(unit).values_list("pk", flat=True)
    )


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
    return filter_by_commune(
        AdminUnit.objects.filter(level=AdminUnit.Level.COMMUNE), user, field="pk"
    )


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


# --- Lookups by id: one answer whether the object is missing or outside the user's scope ---

OUT_OF_REACH = "Không tìm thấy hoặc ngoài phạm vi quản lý của bạn."


class OutOfReach(ValidationError):
    """A lookup by id found nothing the user may see; missing and out of scope answer alike."""

    def __init__(self, message=OUT_OF_REACH):
        super().__init__(message, code="out_of_reach")


def lookup(scoped, **criteria):
    """The one object of an already scoped queryset matching `criteria`, else OutOfReach.

    Every form field, import column and service that names another object by id goes through
    here, so an id outside the user's scope is told exactly like an id that does not exist.
    """
    try:
        found = scoped.filter(**criteria).first()
    except (ValueError, TypeError, ValidationError):
        found = None
    if found is None:
        raise OutOfReach()
    return found


def in_territory(user, commune):
    """Whether a commune lies in the user's territory (for any object located by a commune)."""
    return commune is not None and visible_communes(user).filter(pk=commune.pk).exists()


def is_province_level(user):
    """An account of the whole province (administrator, Department staff), not of one district."""
    try:
        unit = territory_of(user)
    except PermissionDenied:
        return False
    return unit is None or unit.level == AdminUnit.Level.PROVINCE


def same_district(commune_a, commune_b):
    """Two communes under the same district (or directly under the same province)."""
    return commune_a.parent_id == commune_b.parent_id


# --- Need to know: names and personal records only of the areas an account works in ---

NAMES_REFUSED = (
    "Tài khoản của bạn chỉ xem số liệu tổng hợp của lĩnh vực “{area}”; danh sách, hồ sơ cá nhân "
    "và tệp xuất có tên người chỉ dành cho đơn vị phụ trách lĩnh vực này."
)
# Registries of named people shared by these areas (the people registry serves them).
PEOPLE_AREAS = {Area.WELFARE, Area.MERIT}


def areas_of(user):
    """Areas whose named records an account may see (within its territory).

    Leader and administrator: all. A district office (officer or viewer): every area of its
    district. Any other unit (a division, a centre, the Department itself): the area it works
    in, or none (desk, office, a viewer of the Department see counts only).
    """
    role = role_of(user)
    if role in (Role.ADMIN, Role.LEADER):
        return set(Area.values)
    profile = profile_of(user)
    unit = profile.org_unit if profile else None
    if role is None or unit is None:
        return set()
    if unit.kind == OrgUnit.Kind.DISTRICT_OFFICE:
        return set(Area.values)
    return {unit.area} if unit.area else set()


def may_see_names(user, area):
    """Whether lists, record pages, exports and API rows with names of `area` are open to `user`."""
    return area in areas_of(user)


def require_names(user, area):
    """403 with a Vietnamese message for an account that sees only counts of `area`."""
    if not may_see_names(user, area):
        raise PermissionDenied(NAMES_REFUSED.format(area=Area(area).label))


def may_see_people(user):
    """The shared people registry: open to accounts that work in an area keeping named records."""
    return bool(areas_of(user) & PEOPLE_AREAS)


def require_people(user):
    if not may_see_people(user):
        raise PermissionDenied(
            "Tài khoản của bạn chỉ xem số liệu tổng hợp; sổ đối tượng (họ tên, hồ sơ cá nhân) "
            "chỉ dành cho đơn vị phụ trách bảo trợ xã hội, người có công và cấp huyện."
        )


def names_required(area):
    """View decorator (under login_required): the page lists or shows named records of `area`
    (`"people"` for the shared people registry)."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            require_people(request.user) if area == "people" else require_names(request.user, area)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
