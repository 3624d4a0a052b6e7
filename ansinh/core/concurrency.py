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

from functools import wraps

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone


class StaleEdit(Exception):
    """The record changed since the form was opened; the message is for the user."""


class VersionMissing(StaleEdit):
    """An edit sent without the version it was made from: it cannot be told from a stale one."""

    def __init__(self):
        super().__init__(
            "Yêu cầu sửa không kèm phiên bản hồ sơ (trường «version») nên không thể biết có ai "
            "đã sửa trước hay không; hãy tải lại trang rồi lưu lại."
        )


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
    return (
        instance.history.order_by("-history_id").values_list("history_id", flat=True).first() or 0
    )


def check_version(instance, version):
    """Refuse (StaleEdit) to save `instance` from a form made from an older version, or sent
    without one (VersionMissing): an edit that does not say what it was made from could
    silently undo someone else's change. Call inside the transaction that saves, before saving.
    """
    if instance.pk is None:
        return
    if version is None or not str(version).strip():
        raise VersionMissing()
    lock(instance)
    latest = instance.history.order_by("-history_id").select_related("history_user").first()
    if latest is not None and str(latest.history_id) != str(version).strip():
        name, at = who_and_when(latest.history_user, latest.history_date)
        raise StaleEdit(f"Hồ sơ đã được {name} sửa lúc {at}, hãy tải lại trang.")


def overtaken(instance, label="Hồ sơ"):
    """The message for a state change someone else made first, from the record's latest history row."""
    latest = instance.history.order_by("-history_id").select_related("history_user").first()
    if latest is None:
        return f"{label} vừa được người khác cập nhật; hãy tải lại trang."
    name, at = who_and_when(latest.history_user, latest.history_date)
    what = f" ({latest.history_change_reason})" if latest.history_change_reason else ""
    return f"{label} đã được {name} cập nhật lúc {at}{what}; hãy tải lại trang."


def require_state(instance, allowed, refusal, label="Hồ sơ"):
    """Check the state of `instance` on its row read again under a lock (call inside the
    transaction): exactly one of simultaneous changes finds the state it expects. A change made
    by someone else since `instance` was read is named (who, when); `refusal` otherwise."""
    current = lock(instance)
    if current.status not in allowed:
        raise StateChanged(
            overtaken(current, label) if current.status != instance.status else refusal
        )
    instance.status = current.status
    return current


class StateChanged(Exception):
    """A state change found the record in another state; the message is for the user."""


class VersionedForm(forms.Form):
    """Mixin of a ModelForm editing a registry record: a hidden `version` field carries the
    version of the record the form was made from (see check_version)."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk:
            self.initial.setdefault("version", version_of(instance))
        else:
            self.fields.pop("version")

    @property
    def posted_version(self):
        """The version posted with the form; None for a new record or a post without one (refused)."""
        return self.data.get("version") if "version" in self.fields else None


def versioned(load, back):
    """Decorator of a POST view changing one record from a form on the record's page (view(request,
    pk)): the view runs in one transaction that first checks the `version` posted with the form
    against `load(request, pk)`; a stale form is refused with a message, nothing is written, and
    the user goes back to the page `back` (a URL name taking pk)."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, pk, *args, **kwargs):
            with transaction.atomic():
                try:
                    check_version(load(request, pk), request.POST.get("version"))
                except StaleEdit as error:
                    messages.error(request, str(error))
                    return redirect(back, pk=pk)
                return view(request, pk, *args, **kwargs)

        return wrapper

    return decorate
