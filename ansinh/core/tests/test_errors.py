from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from ansinh.core.errors import AppError, api_exception_handler, show_refusal


class _Form(forms.Form):
    until = forms.DateField(required=False)


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_a_refusal_is_its_vietnamese_message_and_names_its_fields():
    assert str(AppError("Hồ sơ đã đóng.")) == "Hồ sơ đã đóng." and AppError(
        "Hồ sơ đã đóng."
    ).problems == [(None, "Hồ sơ đã đóng.")]
    several = AppError.of(
        [("until", "Ngày kết thúc phải sau ngày bắt đầu."), (None, "Thiếu căn cứ.")]
    )
    assert several.message == "Ngày kết thúc phải sau ngày bắt đầu. Thiếu căn cứ."


def test_pages_show_it_on_the_form_fields_or_as_a_message():
    form = _Form({})
    form.is_valid()
    show_refusal(
        _request(), AppError.of([("until", "Sai ngày."), ("other", "Thiếu căn cứ.")]), form
    )
    assert form.errors == {"until": ["Sai ngày."], "__all__": ["Thiếu căn cứ."]}
    request = _request()
    show_refusal(request, AppError("Kỳ đã khoá."))
    assert [str(m) for m in get_messages(request)] == ["Kỳ đã khoá."]


def test_the_api_answers_409_with_the_message():
    response = api_exception_handler(AppError("Kỳ đã khoá."), {})
    assert response.status_code == 409 and response.data == {"detail": "Kỳ đã khoá."}
