"""The one application error: what the rules do not allow, said to the user in Vietnamese.

Services raise AppError and write nothing. Pages show it with `show_refusal` (on the form fields it
names, or as a message), the API answers it with `api_exception_handler` (409 and the message,
set in REST_FRAMEWORK), importers put its message on the row it is about.
"""

from django.contrib import messages
from rest_framework.response import Response
from rest_framework.views import exception_handler


class AppError(Exception):
    """A refusal. `problems` lists (field, message): the form field a message is about, or None
    for the whole form. AppError("…") is one problem of the whole form; AppError("…", field="until")
    names its field; AppError.of([(field, message), …]) carries several."""

    def __init__(self, message, field=None, problems=None):
        self.message, self.field = message, field
        self.problems = list(problems) if problems else [(field, message)]
        super().__init__(message)

    @classmethod
    def of(cls, problems):
        problems = list(problems)
        return cls(" ".join(message for _, message in problems), problems=problems)


def show_refusal(request, error, form=None):
    """A refusal on the page: on the fields of `form` it names (the rest on the form itself), or,
    without a form, as an error message above the page."""
    if form is None:
        messages.error(request, error.message)
        return
    for field, message in error.problems:
        form.add_error(field if field in form.fields else None, message)


def api_exception_handler(exc, context):
    """DRF's handler, plus: a refusal is a 409 whose `detail` is its Vietnamese message."""
    if isinstance(exc, AppError):
        return Response({"detail": exc.message}, status=409)
    return exception_handler(exc, context)
