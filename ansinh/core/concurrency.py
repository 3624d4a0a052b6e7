"""Two people writing at once: row locks for state changes, versions for edits.

- A state change (a dossier step, an approval, a decision) first reads its row again under a
  lock kept until the transaction ends (`lock`): SELECT … FOR UPDATE on PostgreSQL; on SQLite
  every transaction is IMMEDIATE (settings), so it already holds the database's write lock and
  the read sees every committed change. Of two simultaneous requests exactly one finds the
  state it expects; the other is told who changed it and when.
- An edit form carries the version of the record it was made from (`version_of`: the id of
  the record's latest history row, django-simple-history). Saving checks it under the same
  lock (`check_version`): a stale save is refused and nothing is overwritten.
"""
from django.utils import timezone


class StaleEdit(Exception):
    """The record changed since the form was opened; the message is for the user."""


def lock(instance):
    """`instance`'s row read again under a lock held until the transaction ends (call inside one)."""
    return type(instance)._base_manager.select_for_update().get(pk=instance.pk)


def who_and_when(user, at):
    """("Nguyễn Văn A", "14:05 02/12/2026") for a message about a change someone made."""
    name = (user.get_full_name() or user.username) if user else "người khác"
    return name, timezone.localtime(at).strftime("%H:%M %d/%m/%Y")


def version_of(instance):
    """The version a form is made from: the id of the record's latest history row (0 for none)."""
    if instance.pk is None:
        return 0
    return instance.history.order_by("-history_id").values_list("history_id", flat=True).first() or 0


def check_version(instance, version):
    """Refuse (StaleEdit) to save `instance` from a form made from an older version.

    `version` None means the caller sent none (API clients that do not use versions): no check.
    Call inside the transaction that saves, before saving.
    """
    if version is None or instance.pk is None:
        return
    lock(instance)
    latest = instance.history.order_by("-history_id").select_related("history_user").first()
    if latest is not None and str(latest.history_id) != str(version).strip():
        name, at = who_and_when(latest.history_user, latest.history_date)
        raise StaleEdit(f"Hồ sơ đã được {name} sửa lúc {at}, hãy tải lại trang.")
