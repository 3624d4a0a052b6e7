import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from .fixtures import PASSWORD
from .web import login


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
    LoginAttempt.objects.update(
        at=timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES + 1)
    )
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
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def session_expiry(client):
    from django.contrib.sessions.models import Session

    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_activity_pushes_the_session_expiry_at_most_once_a_minute(client, users, monkeypatch):
    from ansinh.core import middleware

    clock = [1_000_000.0]
    monkeypatch.setattr(middleware.time, "time", lambda: clock[0])
    post_login(client, "mytu", PASSWORD)
    assert client.get("/").status_code == 200
    first = session_expiry(client)
    clock[0] += 30
    client.get("/")
    assert session_expiry(client) == first  # a page view within the minute writes nothing
    clock[0] += 31
    client.get("/")
    assert session_expiry(client) > first  # activity after a minute keeps the session alive


def test_an_idle_session_ends(client, users):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    post_login(client, "mytu", PASSWORD)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now()
    )
    assert client.get("/").status_code == 302


# --- one lockout for every door: web login, admin login, API token ------------------------------

LOCKED = "Tài khoản tạm khoá do đăng nhập sai quá 5 lần"


def token_for(username, password):
    from rest_framework.test import APIClient

    return APIClient().post(
        "/api/token/", {"username": username, "password": password}, format="json"
    )


def post_admin_login(client, username, password):
    return client.post(
        "/quan-tri/login/?next=/quan-tri/",
        {"username": username, "password": password, "next": "/quan-tri/"},
    )


def fail_at(door, username, client):
    for _ in range(settings.LOGIN_LOCKOUT_FAILURES):
        if door == "web":
            post_login(client, username, "sai-mat-khau")
        elif door == "admin":
            post_admin_login(client, username, "sai-mat-khau")
        else:
            assert token_for(username, "sai-mat-khau").status_code == 400


@pytest.mark.parametrize("door", ["web", "admin", "api"])
def test_failures_at_any_door_lock_every_door(client, users, door):
    fail_at(door, "admin", client)
    assert LOCKED in post_login(client, "admin", PASSWORD).content.decode()
    assert client.get("/").status_code == 302
    admin_page = post_admin_login(client, "admin", PASSWORD)
    assert admin_page.status_code == 200 and LOCKED in admin_page.content.decode()
    assert client.get("/quan-tri/").status_code == 302
    response = token_for("admin", PASSWORD)
    assert (
        response.status_code == 403
        and LOCKED in response.json()["detail"]
        and "token" not in response.json()
    )
    assert token_for("lanhdao", PASSWORD).status_code == 200  # other accounts unaffected


def test_the_backend_refuses_a_locked_user_whatever_the_caller(users):
    from django.contrib.auth import authenticate

    assert authenticate(None, username="mytu", password=PASSWORD) is not None
    for _ in range(settings.LOGIN_LOCKOUT_FAILURES):
        assert authenticate(None, username="mytu", password="sai-mat-khau") is None
    assert authenticate(None, username="mytu", password=PASSWORD) is None
    assert (
        authenticate(None, username="MyTu ", password=PASSWORD) is None
    )  # the same name, however typed


def test_an_existing_token_stops_working_while_its_user_is_locked(users):
    from datetime import timedelta

    from django.utils import timezone
    from rest_framework.test import APIClient

    from ansinh.core.models import LoginAttempt

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_for('mytu', PASSWORD).json()['token']}")
    assert api.get("/api/people/").status_code == 200
    fail_at("web", "mytu", Client())
    response = api.get("/api/people/")
    assert response.status_code == 403 and LOCKED in response.json()["detail"]
    LoginAttempt.objects.update(
        at=timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES + 1)
    )
    assert api.get("/api/people/").status_code == 200  # the lock has ended


def test_an_inactive_user_gets_no_token(users):
    users["mytu"].is_active = False
    users["mytu"].save()
    assert token_for("mytu", PASSWORD).status_code == 400


def test_an_administrator_unlocks_a_locked_account_from_the_user_list(client, users):
    for _ in range(settings.LOGIN_LOCKOUT_FAILURES):
        post_login(client, "mytu", "sai-mat-khau")
    assert LOCKED in post_login(client, "mytu", PASSWORD).content.decode()
    admin = Client()
    login(admin, users["admin"])
    listing = admin.get("/quan-tri/auth/user/").content.decode()
    assert "Đang tạm khoá" in listing and "Mở khoá đăng nhập" in listing
    response = admin.post(
        "/quan-tri/auth/user/",
        {"action": "unlock_login", "_selected_action": [users["mytu"].pk]},
        follow=True,
    )
    assert "Đã mở khoá đăng nhập cho 1 tài khoản." in response.content.decode()
    assert post_login(client, "mytu", PASSWORD).status_code == 302  # the right password works again
    from django.contrib.admin.models import LogEntry

    assert LogEntry.objects.filter(
        object_id=str(users["mytu"].pk), change_message="Mở khoá đăng nhập"
    ).exists()


def test_deactivating_an_account_ends_its_open_sessions(client, users):
    post_login(client, "mytu", PASSWORD)
    assert client.get("/").status_code == 200
    users["mytu"].is_active = False
    users["mytu"].save()
    assert client.get("/").status_code == 302  # the open session no longer signs anyone in
