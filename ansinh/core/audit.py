"""The access log of personal data (Decree 13/2023): every view, export and change."""
from .models import AccessLog


def client_ip(request):
    return request.META.get("REMOTE_ADDR") if request else None


def log_access(request, action, person=None, label="", detail="", channel="web", user=None):
    AccessLog.objects.create(
        user=user or request.user,
        action=action,
        person=person,
        object_label=label or (str(person) if person else ""),
        channel=channel,
        path=request.get_full_path()[:300] if request else "",
        ip=client_ip(request),
        detail=detail[:300],
    )


def log_bulk_export(request, people_count, label, channel="web"):
    log_access(request, AccessLog.Action.EXPORT, label=label, detail=f"{people_count} bản ghi", channel=channel)
