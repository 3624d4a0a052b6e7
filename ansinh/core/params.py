"""Query parameters read one way: an integer, a date or a period from ?name=, and a bad value
said in Vietnamese, never a 500.

Pages call `from_page(request, name, reader)`: a bad value is shown as a message and ignored
(the page answers as if it was not given). The API calls the readers directly: BadParameter is
a DRF ValidationError, so the answer is a 400 naming the parameter. A plain view that lets
BadParameter through answers 400 too (it is also Django's BadRequest).
"""

from datetime import date

from django.contrib import messages
from django.core.exceptions import BadRequest
from rest_framework.exceptions import ValidationError

from .periods import QUARTER, Period, PeriodError

# Keys, years and counts are far below; larger values overflow the databases' integers.
LARGEST = 2**31 - 1


class BadParameter(ValidationError, BadRequest):
    def __init__(self, name, value, expected):
        self.message = f"Giá trị “{str(value)[:40]}” của tham số “{name}” không hợp lệ: {expected}."
        super().__init__({name: [self.message]})


def _given(params, name):
    value = params.get(name)
    return None if value is None or str(value).strip() == "" else str(value).strip()


def integer(params, name, minimum=0, maximum=LARGEST):
    """?name= as an int between minimum and maximum, or None when not given."""
    value = _given(params, name)
    if value is None:
        return None
    try:
        number = int(value)
    except ValueError:
        raise BadParameter(name, value, "phải là một số nguyên") from None
    if not minimum <= number <= maximum:
        raise BadParameter(name, value, f"phải từ {minimum} đến {maximum}")
    return number


def year(params, name="year"):
    """?name= as a calendar year (1900–2100), or None."""
    return integer(params, name, minimum=1900, maximum=2100)


def day(params, name):
    """?name= as a date written YYYY-MM-DD, or None."""
    value = _given(params, name)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadParameter(name, value, "ngày phải có dạng YYYY-MM-DD") from None


def period(params, name="period"):
    """?name= as a Period (2024Q1, 2024-03, 2024…), or None."""
    value = _given(params, name)
    if value is None:
        return None
    try:
        return Period.parse(value)
    except PeriodError:
        raise BadParameter(
            name, value, "dùng dạng 2024-03 (tháng), 2024Q1 (quý), 2024H1 (6 tháng) hoặc 2024 (năm)"
        ) from None


def from_page(request, name, reader=integer, default=None, **limits):
    """reader(request.GET, name); a bad value is said on the page and `default` is used."""
    try:
        value = reader(request.GET, name, **limits)
    except BadParameter as error:
        messages.error(request, error.message)
        return default
    return default if value is None else value


def requested_period(request, kind=QUARTER, fallback=None):
    """The period a page looks at, read the same way on every page:
    1. ?period= in the address, else the `period` field of a posted form; a value that is not
       a period is said on the page (as any bad parameter) and ignored;
    2. else the page's own fallback when it names one: `fallback(kind)` returns a Period or
       None (the indicator and report pages look at the latest period that has data);
    3. else the period of `kind` containing today.
    """
    try:
        chosen = period(request.GET) or period(request.POST)
    except BadParameter as error:
        messages.error(request, error.message)
        chosen = None
    if chosen is None and fallback is not None:
        chosen = fallback(kind)
    return chosen or Period.containing(date.today(), kind)
