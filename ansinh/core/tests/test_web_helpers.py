"""The test helpers of ansinh/core/tests/web.py: signing in, and the login-redirect guard."""

import pytest

from .web import LoginRedirectRead, get_ok, login


def test_reading_a_page_that_redirected_to_login_fails_the_test(client, users):
    response = client.get("/doi-tuong/")
    assert response.status_code == 302
    with pytest.raises(LoginRedirectRead):
        assert "Lâm Văn Sóc" not in response.content.decode()
    with pytest.raises(LoginRedirectRead):
        client.get("/doi-tuong/", follow=True).content.decode()


def test_get_ok_refuses_a_login_redirect_and_reads_the_page_once_signed_in(client, users):
    with pytest.raises(AssertionError, match="302"):
        get_ok(client, "/doi-tuong/")
    assert get_ok(login(client, "mytu"), "/doi-tuong/").content


def test_login_takes_a_user_or_a_username(client, users):
    assert login(client, users["leader"]).get("/").status_code == 200
    client.logout()
    assert login(client, "lanhdao").get("/").status_code == 200
