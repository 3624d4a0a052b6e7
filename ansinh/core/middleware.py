"""Request checks and response headers shared by every page and the API: a query string with a
control character is refused; every response gets the Content-Security-Policy and, for anything a
signed-in user receives, Cache-Control: no-store. Static files are answered by WhiteNoise before
this middleware runs, so they keep their long cache lifetime."""

import time

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.utils.cache import add_never_cache_headers

from .text import has_control_characters, printable


class QueryTextMiddleware:
    """A query string holding a control character (NUL, which PostgreSQL cannot even compare, and
    the others) is answered 400 with a Vietnamese message, before any view reads it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for name, values in request.GET.lists():
            if has_control_characters(name) or any(has_control_characters(v) for v in values):
                return HttpResponseBadRequest(
                    f"Tham số «{printable(name)[:40]}» trên đường dẫn chứa ký tự điều khiển không hợp lệ.".encode(),
                    content_type="text/plain; charset=utf-8",
                )
        return self.get_response(request)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        user = getattr(
            request, "user", None
        )  # the API's token user too: DRF sets it on the request
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


class SessionActivityMiddleware:
    """Sessions end after SESSION_COOKIE_AGE without activity. Saving the session on every request
    (SESSION_SAVE_EVERY_REQUEST) would turn every page view into a database write, which on SQLite
    queues all readers behind one writer; the expiry is pushed forward at most once a minute instead."""

    REFRESH_SECONDS = 60
    KEY = "_activity"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= self.REFRESH_SECONDS:
                session[self.KEY] = now  # marks the session modified: SessionMiddleware saves it
        return response
