import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from .fixtures import PASSWORD


def post_login(client, username, password):
    return client.post("/dang-nhap/", {"username": username, "password": password})


def test_login_page_is_vietnamese(client, db):
    page = client.get("/dang-nhap/").content.decode()
    assert 'lang="vi"' in page and "Đăng nhập" in page and "Mật khẩu" in page


def test_login_and_logout(client, users):
    response = post_login(client, "mytu", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200
    client.post("/dang-xuat/")
    assert client.get("/").status_code == 302


def test_wrong_password_message(client, users):
    page = post_login(client, "mytu", "sai-mat-khau").content.decode()
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in page


def test_lockout_after_repeated_failures_even_with_the_right_password(client, users):
    for _ in range(settings.LOGIN_LOCKOUT_FAILURES):
        post_login(client, "mytu", "sai-mat-khau")
    page = post_login(client, "mytu", PASSWORD).content.decode()
    assert "Tài khoản tạm khoá do đăng nhập sai quá 5 lần" in page
    assert client.get("/").status_code == 302
    assert post_login(client, "kesach", PASSWORD).status_code == 302  # other accounts unaffected


def test_lockout_expires(client, users):
    from datetime import timedelta

    from django.utils import timezone

    from ansinh.core.models import LoginAttempt

    for _ in range(settings.LOGIN_LOCKOUT_FAILURES):
        post_login(client, "mytu", "sai-mat-khau")
    LoginAttempt.objects.update(at=timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES + 1))
    assert post_login(client, "mytu", PASSWORD).status_code == 302


def test_a_success_resets_the_failure_count(client, users):
    for _ in range(settings.LOGIN_LOCKOUT_FAILURES - 1):
        post_login(client, "mytu", "sai-mat-khau")
    assert post_login(client, "mytu", PASSWORD).status_code == 302
    client.post("/dang-xuat/")
    for _ in range(settings.LOGIN_LOCKOUT_FAILURES - 1):
        post_login(client, "mytu", "sai-mat-khau")
    assert post_login(client, "mytu", PASSWORD).status_code == 302


@pytest.mark.parametrize("password", ["ngan1", "matkhaudai", "1234567890123", "password123"])
def test_weak_passwords_are_refused(db, password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_strong_password_is_accepted(db):
    validate_password("Song-Hau-2024-bien")


def test_sessions_expire():
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE and settings.SESSION_SAVE_EVERY_REQUEST
