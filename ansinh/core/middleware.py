"""Request checks shared by every page and the API."""
from django.http import HttpResponseBadRequest

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
                    content_type="text/plain; charset=utf-8")
        return self.get_response(request)
