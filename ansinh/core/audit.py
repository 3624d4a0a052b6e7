"""The access log of personal data (Decree 13/2023): every view, export and change."""

import ipaddress

from django.conf import settings

from .models import AccessLog


def _address(value):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address):
    for proxy in settings.TRUSTED_PROXIES:
        try:
            if address in ipaddress.ip_network(proxy, strict=False):
                return True
        except ValueError:
            continue
    return False


def client_ip(request):
    """The client's address: REMOTE_ADDR, or, when the request comes from a proxy listed in
    ANSINH_TRUSTED_PROXIES, the first address of X-Forwarded-For, read from the right, that is
    not one of those proxies (the ones to its left were written by the client and prove nothing)."""
    if not request:
        return None
    remote = request.META.get("REMOTE_ADDR")
    address = _address(remote or "")
    if address is None or not _trusted(address):
        return remote
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        hop_address = _address(hop)
        if hop_address is None:
            break
        address = hop_address
        if not _trusted(hop_address):
            break
    return str(address)


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
    log_access(
        request,
        AccessLog.Action.EXPORT,
        label=label,
        detail=f"{people_count} bản ghi",
        channel=channel,
    )
