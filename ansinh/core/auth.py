"""Login with lockout after repeated failures (per user name, whatever the IP)."""
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone

from .audit import client_ip
from .models import LoginAttempt


def recent_failures(username):
    since = timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    last_success = LoginAttempt.objects.filter(username=username, success=True, at__gte=since).order_by("-at").first()
    failures = LoginAttempt.objects.filter(username=username, success=False, at__gte=since)
    if last_success:
        failures = failures.filter(at__gt=last_success.at)
    return failures.count()


def is_locked(username):
    return recent_failures(username) >= settings.LOGIN_LOCKOUT_FAILURES


class LockoutAuthenticationForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng.",
        "inactive": "Tài khoản này đã bị khoá.",
        "locked": (
            "Tài khoản tạm khoá do đăng nhập sai quá %(failures)d lần. "
            "Hãy thử lại sau %(minutes)d phút hoặc liên hệ quản trị hệ thống."
        ),
    }

    def clean(self):
        username = (self.data.get("username") or "").strip().lower()
        ip = client_ip(self.request)
        if username and is_locked(username):
            raise forms.ValidationError(
                self.error_messages["locked"],
                code="locked",
                params={"failures": settings.LOGIN_LOCKOUT_FAILURES, "minutes": settings.LOGIN_LOCKOUT_MINUTES},
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            LoginAttempt.objects.create(username=username, ip=ip, success=False)
            raise
        LoginAttempt.objects.create(username=username, ip=ip, success=True)
        return cleaned
