"""One lockout for every door (per user name, whatever the IP): the web login, the admin login
and the API token all authenticate through LockoutBackend; an API token of a locked account stops
working until the lock ends."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from rest_framework import exceptions, status
from rest_framework.authentication import TokenAuthentication

from .audit import client_ip
from .models import LoginAttempt


def lockout_key(username):
    return (username or "").strip().lower()


def recent_failures(username):
    since = timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    last_success = (
        LoginAttempt.objects.filter(username=username, success=True, at__gte=since)
        .order_by("-at")
        .first()
    )
    failures = LoginAttempt.objects.filter(username=username, success=False, at__gte=since)
    if last_success:
        failures = failures.filter(at__gt=last_success.at)
    return failures.count()


def is_locked(username):
    return recent_failures(lockout_key(username)) >= settings.LOGIN_LOCKOUT_FAILURES


def unlock(username):
    """End a lockout before its time (an administrator's action): like a successful login, a
    success row makes the earlier failures stop counting."""
    LoginAttempt.objects.create(username=lockout_key(username), ip=None, success=True)


def locked_message():
    return (
        f"Tài khoản tạm khoá do đăng nhập sai quá {settings.LOGIN_LOCKOUT_FAILURES} lần. "
        f"Hãy thử lại sau {settings.LOGIN_LOCKOUT_MINUTES} phút hoặc liên hệ quản trị hệ thống."
    )


class LockoutBackend(ModelBackend):
    """Refuses a locked user name even with the right password and records every attempt."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        key = lockout_key(username)
        if is_locked(key):
            raise PermissionDenied(
                locked_message()
            )  # django.contrib.auth.authenticate() then answers None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        LoginAttempt.objects.create(username=key, ip=client_ip(request), success=user is not None)
        return user


class LockedMessageMixin:
    """Says that the account is locked instead of "wrong password" on a login form."""

    def clean(self):
        username = self.data.get("username") or ""
        if username.strip() and is_locked(username):
            raise forms.ValidationError(locked_message(), code="locked")
        return super().clean()


class LockoutAuthenticationForm(LockedMessageMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng.",
        "inactive": "Tài khoản này đã bị khoá.",
    }


class AdminLockoutAuthenticationForm(LockedMessageMixin, AdminAuthenticationForm):
    pass


class AccountLocked(exceptions.APIException):
    status_code = status.HTTP_403_FORBIDDEN
    default_code = "account_locked"

    def __init__(self):
        super().__init__(locked_message())


class LockoutTokenAuthentication(TokenAuthentication):
    """A token stops working while its user is locked out."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if is_locked(user.get_username()):
            raise AccountLocked()
        return user, token
