from datetime import date

from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from ansinh.core.params import requested_period
from ansinh.core.periods import Period


def _request(method="get", **data):
    request = getattr(RequestFactory(), method)("/", data)
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_the_asked_period_wins_over_the_fallback():
    assert requested_period(
        _request(period="2024Q1"), fallback=lambda kind: Period.parse("2023Q4")
    ) == Period.parse("2024Q1")


def test_a_posted_form_names_its_period():
    assert requested_period(_request("post", period="2024-03")) == Period.parse("2024-03")


def test_without_a_period_the_page_fallback_then_today():
    assert requested_period(
        _request(), "year", fallback=lambda kind: Period.parse("2023")
    ) == Period.parse("2023")
    assert requested_period(_request(), fallback=lambda kind: None) == Period.containing(
        date.today(), "quarter"
    )
    assert requested_period(_request(), "month") == Period.containing(date.today(), "month")


def test_a_bad_period_is_said_and_ignored():
    request = _request(period="quy2")
    assert requested_period(request) == Period.containing(date.today(), "quarter")
    assert [
        "Giá trị “quy2” của tham số “period” không hợp lệ" in str(m) for m in get_messages(request)
    ] == [True]
