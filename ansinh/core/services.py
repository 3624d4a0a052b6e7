"""Writes to the people registry: in transactions, scoped, audited."""
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q

from . import concurrency, scope
from .audit import log_access
from .bulk import insert_history
from .models import AccessLog, Person, write_name_keys
from .text import fold


def same_birth(date_a, date_b):
    """Two births match when both dates are known and equal, or when either is a year only."""
    return date_a is None or date_b is None or date_a == date_b


def possible_duplicates(full_name, birth_year, commune, birth_date=None, exclude_pk=None):
    """People with the same unaccented name, birth date (or year) and commune: a warning, not a refusal."""
    matches = Person.objects.filter(name_folded=fold(full_name), birth_year=birth_year, commune=commune)
    if birth_date:
        matches = matches.filter(Q(birth_date__isnull=True) | Q(birth_date=birth_date))
    if exclude_pk:
        matches = matches.exclude(pk=exclude_pk)
    return matches


def ensure_commune_in_scope(user, commune):
    if not scope.visible_communes(user).filter(pk=commune.pk).exists():
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
