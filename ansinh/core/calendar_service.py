"""The working-day calendar in force: Vietnam's public holidays (holidays package) plus the
administrator's table of extra days off and make-up working days."""

from functools import lru_cache

import holidays

from .models import DayOverride
from .workdays import WorkCalendar

FIRST_YEAR, LAST_YEAR = 2000, 2050


def public_holidays(years):
    return holidays.country_holidays("VN", years=years, language="vi")


@lru_cache(maxsize=1)
def _cached(version):
    years = range(FIRST_YEAR, LAST_YEAR + 1)
    days_off = set(public_holidays(years))
    working = set()
    for override in DayOverride.objects.filter(active=True):
        if override.kind == DayOverride.Kind.DAY_OFF:
            days_off.add(override.date)
        else:
            working.add(override.date)
            days_off.discard(override.date)
    return WorkCalendar(days_off, working, FIRST_YEAR, LAST_YEAR)


def work_calendar():
    """The calendar, rebuilt whenever any process has changed the overrides table."""
    latest_change = (
        DayOverride.history.order_by("-history_id").values_list("history_id", flat=True).first()
    )
    return _cached(latest_change)


def days_off_in(year):
    """(date, name, source) of every non-weekend day off and make-up working day of a year."""
    rows = {
        d: (name, "Nghỉ lễ, Tết (Bộ luật Lao động 2019, Điều 112)")
        for d, name in public_holidays([year]).items()
    }
    for override in DayOverride.objects.filter(date__year=year, active=True):
        rows[override.date] = (override.reason, override.get_kind_display())
    return sorted((d, name, source) for d, (name, source) in rows.items())


def day_off_name(day):
    """Why a day is off ('' when it is a working day or a plain weekend)."""
    override = DayOverride.objects.filter(
        date=day, active=True, kind=DayOverride.Kind.DAY_OFF
    ).first()
    if override:
        return override.reason
    return public_holidays([day.year]).get(day, "")
