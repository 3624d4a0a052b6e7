"""Deadlines on the civil-service calendar, worked out by hand from the official schedules:
Tết 2024 off 08/02–14/02/2024; 30/4–1/5/2024 off 27/04–01/05 with Monday 29/04 swapped for
Saturday 04/05/2024; 2/9/2024 off 31/08–03/09; Tết 2025 off 25/01–02/02/2025; 30/4–1/5/2025 off
30/04–04/05 with Friday 02/05 swapped for Saturday 26/04/2025; 2/9/2025 off 30/08–02/09."""

from datetime import date

import pytest

from ansinh.core import calendar_service
from ansinh.core.models import DayOverride
from ansinh.core.workdays import WorkCalendar

D = date


@pytest.fixture
def cal(db):
    from ansinh.core import loaders

    loaders.load_calendar_overrides()
    return calendar_service.work_calendar()


@pytest.mark.parametrize(
    "start, n, due",
    [
        (D(2024, 2, 7), 1, D(2024, 2, 15)),  # last day before Tết -> first day after
        (D(2024, 2, 6), 3, D(2024, 2, 16)),
        (D(2024, 2, 1), 15, D(2024, 2, 29)),  # 15 working days across Tết
        (
            D(2024, 2, 10),
            0,
            D(2024, 2, 15),
        ),  # received on a Tết Saturday: counts from next working day
        (D(2024, 2, 15), 0, D(2024, 2, 15)),
        (D(2024, 4, 17), 1, D(2024, 4, 19)),  # Hùng Kings day 18/04/2024
        (D(2024, 4, 26), 1, D(2024, 5, 2)),  # 29/04 swapped, 30/04, 01/05 off
        (D(2024, 4, 26), 3, D(2024, 5, 4)),  # make-up Saturday 04/05/2024 is a working day
        (D(2024, 4, 26), 4, D(2024, 5, 6)),
        (D(2024, 8, 30), 1, D(2024, 9, 4)),  # 02/09 and 03/09/2024 off
        (D(2025, 1, 24), 1, D(2025, 2, 3)),  # Tết Ất Tỵ 27/01–31/01/2025
        (D(2025, 4, 25), 1, D(2025, 4, 26)),  # make-up Saturday 26/04/2025
        (D(2025, 4, 25), 3, D(2025, 4, 29)),
        (D(2025, 4, 25), 4, D(2025, 5, 5)),  # 30/04, 01/05, 02/05 off
        (D(2025, 8, 29), 1, D(2025, 9, 3)),  # 01/09 and 02/09/2025 off
        (D(2024, 3, 29), 1, D(2024, 4, 1)),  # ordinary weekend, month end
    ],
)
def test_add_working_days(cal, start, n, due):
    assert cal.add_working_days(start, n) == due


@pytest.mark.parametrize(
    "day, working",
    [
        (D(2024, 2, 8), False),
        (D(2024, 2, 14), False),
        (D(2024, 2, 15), True),
        (D(2024, 4, 29), False),
        (D(2024, 5, 4), True),
        (D(2024, 5, 5), False),
        (D(2024, 9, 2), False),
        (D(2024, 9, 3), False),
        (D(2024, 9, 4), True),
        (D(2025, 4, 26), True),
        (D(2025, 5, 2), False),
        (D(2025, 1, 1), False),
        (D(2024, 3, 15), True),
        (D(2024, 3, 16), False),
    ],
)
def test_is_working_day(cal, day, working):
    assert cal.is_working_day(day) is working


@pytest.mark.parametrize(
    "start, end, count",
    [
        (D(2024, 2, 1), D(2024, 2, 29), 15),
        (D(2024, 4, 26), D(2024, 5, 6), 4),
        (D(2024, 3, 1), D(2024, 3, 1), 0),
        (D(2024, 3, 8), D(2024, 3, 1), 0),
        # Q1/2024 after 01/01: January 23 weekdays - 01/01 = 22; February 21 - 5 Tết weekdays = 16; March 21
        (D(2024, 1, 1), D(2024, 3, 31), 59),
    ],
)
def test_working_days_between(cal, start, end, count):
    assert cal.working_days_between(start, end) == count


def test_pure_calendar_with_extra_day_off():
    cal = WorkCalendar(days_off={D(2024, 3, 8)}, first_year=2024, last_year=2024)
    assert cal.add_working_days(D(2024, 3, 7), 1) == D(2024, 3, 11)
    with pytest.raises(ValueError, match="ngoài lịch"):
        cal.add_working_days(D(2023, 12, 29), 1)
    with pytest.raises(ValueError):
        cal.add_working_days(D(2024, 3, 7), -1)


def test_administrator_override_changes_the_calendar_in_force(cal):
    assert calendar_service.work_calendar().is_working_day(D(2024, 3, 8))
    DayOverride.objects.create(
        date=D(2024, 3, 8), kind=DayOverride.Kind.DAY_OFF, reason="Nghỉ bù theo quyết định của tỉnh"
    )
    assert not calendar_service.work_calendar().is_working_day(D(2024, 3, 8))
    override = DayOverride.objects.get(date=D(2024, 3, 8))
    override.active = False
    override.save()
    assert calendar_service.work_calendar().is_working_day(D(2024, 3, 8))


def test_overrides_are_never_deleted(cal):
    with pytest.raises(PermissionError):
        DayOverride.objects.first().delete()


@pytest.mark.parametrize(
    "day, n, before",
    [
        (D(2024, 2, 15), 1, D(2024, 2, 7)),  # first day after Tết -> last day before it
        (D(2024, 2, 19), 2, D(2024, 2, 15)),  # Monday: Friday 16, Thursday 15
        (D(2024, 5, 6), 1, D(2024, 5, 4)),  # the make-up Saturday 04/05/2024 counts
        (D(2024, 5, 4), 3, D(2024, 4, 26)),  # 03, 02, then back across 27/04–01/05 to Friday 26/04
        (D(2024, 9, 4), 1, D(2024, 8, 30)),  # across 31/08–03/09
        (D(2024, 2, 10), 1, D(2024, 2, 7)),  # from a day off
    ],
)
def test_working_days_before(cal, day, n, before):
    assert cal.working_days_before(day, n) == before
    if cal.is_working_day(day):
        assert cal.add_working_days(before, n) == day
