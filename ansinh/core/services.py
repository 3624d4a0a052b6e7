"""Writes to the people registry: in transactions, scoped, audited."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import concurrency, scope
from .audit import log_access
from .bulk import insert_history
from .errors import AppError
from .models import AccessLog, DistrictTransfer, Person, write_name_keys
from .text import fold


def same_birth(date_a, date_b):
    """Two births match when both dates are known and equal, or when either is a year only."""
    return date_a is None or date_b is None or date_a == date_b


def possible_duplicates(full_name, birth_year, commune, birth_date=None, exclude_pk=None):
    """People with the same unaccented name, birth date (or year) and commune: a warning, not a refusal."""
    matches = Person.objects.filter(
        name_folded=fold(full_name), birth_year=birth_year, commune=commune
    )
    if birth_date:
        matches = matches.filter(Q(birth_date__isnull=True) | Q(birth_date=birth_date))
    if exclude_pk:
        matches = matches.exclude(pk=exclude_pk)
    return matches


def ensure_commune_in_scope(user, commune):
    if not scope.in_territory(user, commune):
        raise PermissionDenied(f"Xã/phường “{commune}” nằm ngoài địa bàn bạn được quản lý.")


@transaction.atomic
def create_person(request, person, reason=""):
    scope.require_write(request.user)
    ensure_commune_in_scope(request.user, person.commune)
    person._change_reason = reason or "Tạo mới"
    person.save()
    log_access(request, AccessLog.Action.CREATE, person)
    return person


@transaction.atomic
def update_person(request, person, reason="", version=None):
    """Save an edited person; `version` (from the form) refuses a save made from an older version."""
    scope.require_write(request.user)
    ensure_commune_in_scope(request.user, person.commune)
    concurrency.check_version(person, version)
    person._change_reason = reason or "Cập nhật"
    person.save()
    log_access(request, AccessLog.Action.CHANGE, person, detail=reason)
    return person


@transaction.atomic
def close_person(request, person, reason):
    scope.require_write(request.user)
    if not reason.strip():
        raise ValueError("Phải ghi lý do đóng hồ sơ.")
    person.status = Person.Status.CLOSED
    person.closed_reason = reason.strip()
    person._change_reason = f"Đóng hồ sơ: {reason.strip()}"
    person.save()
    log_access(request, AccessLog.Action.CLOSE, person, detail=reason)
    return person


def bulk_create_people(people, user, reason):
    """Insert many people with their history rows and search keys (caller holds the transaction)."""
    for person in people:
        person.derive_fields()
    created = Person.objects.bulk_create(people, batch_size=2000)
    if created and created[0].pk is None:
        raise RuntimeError("The database did not return primary keys for bulk-created people.")
    insert_history(created, user, reason)
    write_name_keys(created, replace=False)
    return created


# --- Moves across the district line: a transfer the receiving district accepts ---


MOVERS = {}  # model label → (area, apply(user, obj, commune, reason)), registered by the app owning the model


def move_with_person(user, obj, commune, reason):
    """The move itself, for a record kept with its person (a welfare case, a merit record): both go
    to `commune`, each with the reason in its history."""
    old = obj.commune
    obj.commune = commune
    obj._change_reason = f"Chuyển từ {old} đến {commune}: {reason.strip()}"
    obj.save()
    person = obj.person
    person.commune = commune
    person._change_reason = obj._change_reason
    person.save()
    return obj


def register_mover(model, area, apply=move_with_person):
    MOVERS[model._meta.label] = (area, apply)


def _mover(obj):
    area, apply = MOVERS[obj._meta.label]
    return area, apply


@transaction.atomic
def move(user, obj, commune, reason, label):
    """Move a record located by a commune. Within one district, or by province staff, the move is
    made now (returns None). Across districts it becomes a pending transfer (returned): the record
    stays where it was until the receiving district accepts it."""
    area, apply = _mover(obj)
    scope.require_write(user, area)
    if not scope.in_territory(user, obj.commune):
        raise PermissionDenied(scope.OUT_OF_REACH)
    if commune.level != "commune" or commune.pk == obj.commune_id:
        raise AppError("Hãy chọn một xã/phường khác.")
    if not reason.strip():
        raise AppError("Phải ghi lý do chuyển.")
    if scope.same_district(obj.commune, commune) or (
        scope.is_province_level(user) and scope.in_territory(user, commune)
    ):
        apply(user, obj, commune, reason.strip())
        return None
    target_type = ContentType.objects.get_for_model(obj)
    if DistrictTransfer.objects.filter(
        target_type=target_type, target_id=obj.pk, status=DistrictTransfer.Status.PENDING
    ).exists():
        raise AppError("Hồ sơ đã có đề nghị chuyển đang chờ nơi đến tiếp nhận.")
    return DistrictTransfer.objects.create(
        target_type=target_type,
        target_id=obj.pk,
        area=area,
        label=label[:255],
        from_commune=obj.commune,
        to_commune=commune,
        reason=reason.strip(),
        requested_by=user,
    )


def transfers_for(user):
    """Transfers out of or into the user's territory, of the areas whose names the user may see."""
    communes = list(scope.visible_communes(user).values_list("pk", flat=True))
    return DistrictTransfer.objects.filter(
        Q(from_commune__in=communes) | Q(to_commune__in=communes), area__in=scope.areas_of(user)
    ).select_related("from_commune__parent", "to_commune__parent", "requested_by", "decided_by")


def transfers_of(obj):
    """The transfers of one record, newest first (shown on its page)."""
    return (
        DistrictTransfer.objects.filter(
            target_type=ContentType.objects.get_for_model(obj), target_id=obj.pk
        )
        .select_related("from_commune__parent", "to_commune__parent")
        .order_by("-requested_at", "-id")
    )


def may_decide(user, transfer):
    """The receiving side decides: a writer whose territory holds the commune of destination."""
    return scope.can_write(user, transfer.area) and scope.in_territory(user, transfer.to_commune)


def _decide(user, transfer, status, note):
    """Exactly once: only the first decision on a pending transfer is written."""
    if not may_decide(user, transfer):
        raise PermissionDenied(
            "Chỉ huyện nơi đến (hoặc cán bộ cấp tỉnh) được tiếp nhận hay từ chối đề nghị chuyển này."
        )
    done = DistrictTransfer.objects.filter(
        pk=transfer.pk, status=DistrictTransfer.Status.PENDING
    ).update(status=status, decided_by=user, decided_at=timezone.now(), note=note)
    if not done:
        transfer.refresh_from_db()
        raise AppError(
            f"Đề nghị chuyển này đã được xử lý trước đó ({transfer.get_status_display().lower()})."
        )
    transfer.refresh_from_db()
    return transfer


@transaction.atomic
def accept_transfer(user, transfer, note=""):
    """The receiving district agrees: the record moves now, once."""
    transfer = _decide(user, transfer, DistrictTransfer.Status.ACCEPTED, note.strip())
    obj = transfer.target
    if obj.commune_id != transfer.from_commune_id:
        raise AppError("Hồ sơ đã đổi nơi quản lý từ khi đề nghị chuyển; hãy lập đề nghị mới.")
    _, apply = _mover(obj)
    apply(
        user,
        obj,
        transfer.to_commune,
        f"{transfer.reason} (đã được {transfer.to_commune.parent} tiếp nhận)",
    )
    return transfer


@transaction.atomic
def refuse_transfer(user, transfer, note):
    if not note.strip():
        raise AppError("Phải ghi lý do từ chối tiếp nhận.")
    return _decide(user, transfer, DistrictTransfer.Status.REFUSED, note.strip())
