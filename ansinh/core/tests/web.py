"""Signing in and reading pages in tests.

`login(client, user)` is the one way tests sign in; `get_ok(client, url)` reads a page that
must answer 200. The guard below makes sure that no test passes because a page redirected to
the login form: reading the body of a response that is a redirect to the login page (or the
login page reached by following one) fails the test, since an empty body or the login form
contains none of the text a test checks is absent."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.shortcuts import resolve_url
from django.test import Client


def login(client, user):
    """`client` signed in as `user` (a User or a username); returns the client."""
    if isinstance(user, str):
        user = User.objects.get(username=user)
    client.force_login(user)
    return client


def get_ok(client, url, data=None, **extra):
    """The response to GET `url`, asserting it is the page itself (200), not a redirect."""
    response = client.get(url, data, **extra)
    assert response.status_code == 200, (
        f"GET {url}: {response.status_code} {response.get('Location', '')}".rstrip()
    )
    return response


class LoginRedirectRead(AssertionError):
    """A test read the body of a login redirect as if it were the page it asked for."""


def _refuse_content(response):
    raise LoginRedirectRead(
        f"{response.request.get('PATH_INFO', 'the page')} redirected to the login page: "
        "sign the client in first (ansinh.core.tests.web.login) or assert on the status code"
    )


_GUARDED = {}


def _guarded_class(cls):
    if cls not in _GUARDED:
        content = property(_refuse_content, cls.content.fset)
        _GUARDED[cls] = type(f"LoginRedirect{cls.__name__}", (cls,), {"content": content})
    return _GUARDED[cls]


def _is_login_path(url):
    return urlsplit(url).path == resolve_url(settings.LOGIN_URL)


def is_login_redirect(response):
    """Whether `response` sends the browser to the login page (its body is then empty)."""
    return response.status_code in (301, 302, 303, 307, 308) and _is_login_path(
        response.get("Location", "")
    )


def _guard(response):
    response.__class__ = _guarded_class(response.__class__)
    return response


def _guarded_request(request):
    def guarded(self, **environ):
        response = request(self, **environ)
        if is_login_redirect(response):
            _guard(response)
        return response

    return guarded


def _guarded_redirects(handle_redirects):
    def guarded(self, response, *args, **kwargs):
        response = handle_redirects(self, response, *args, **kwargs)
        chain = getattr(response, "redirect_chain", [])
        if chain and _is_login_path(chain[-1][0]):
            _guard(response)
        return response

    return guarded


@pytest.fixture(autouse=True, scope="session")
def _no_page_read_through_a_login_redirect():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Client, "request", _guarded_request(Client.request))
        patch.setattr(Client, "_handle_redirects", _guarded_redirects(Client._handle_redirects))
        yield
