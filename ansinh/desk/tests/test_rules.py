"""Desk and petition deadlines worked out by hand on the civil-service calendar:
Tết 2024 off 08/02–14/02 (Thu–Wed); 30/4–1/5/2024 off 27/04–01/05 with Monday 29/04 swapped for
Saturday 04/05/2024 (a working day); Hùng Kings 18/04/2024 (Thu); 2/9/2024 off 31/08–03/09."""

from datetime import date, datetime

import pytest

from ansinh.core import calendar_service
from ansinh.desk import rules

D = date
R = rules.DeskRules()


@pytest.fixture
def cal(db):
    from ansinh.core import loaders

    loaders.load_calendar_overrides()
    return calendar_service.work_calendar()


def at(y, m, d, hh=9, mm=0, ss=0):
    return datetime(y, m, d, hh, mm, ss)


@pytest.mark.parametrize(
    "received, channel, start",
    [
        (at(2024, 2, 7, 9), "direct", D(2024, 2, 7)),  # Wednesday before Tết, morning
        (at(2024, 2, 7, 15, 0, 0), "direct", D(2024, 2, 7)),  # exactly 15:00 is not "after 15:00"
        (
            at(2024, 2, 7, 15, 0, 1),
            "direct",
            D(2024, 2, 15),
        ),  # after 15:00 on paper: next working day is after Tết
        (at(2024, 2, 7, 16, 30), "post", D(2024, 2, 15)),
        (at(2024, 2, 7, 16, 30), "online", D(2024, 2, 7)),  # the cut-off is for paper dossiers
        (at(2024, 2, 10, 10), "online", D(2024, 2, 15)),  # online on a Tết Saturday
        (
            at(2024, 4, 26, 15, 30),
            "direct",
            D(2024, 5, 2),
        ),  # Friday 26/04 after 15:00 -> 27/04–01/05 off -> Thursday 02/05
        (at(2024, 5, 4, 10), "direct", D(2024, 5, 4)),  # make-up Saturday is a working day
        (
            at(2024, 5, 4, 15, 10),
            "direct",
            D(2024, 5, 6),
        ),  # after 15:00 on the make-up Saturday -> Monday
        (at(2024, 5, 5, 10), "online", D(2024, 5, 6)),  # Sunday
        (
            at(2024, 8, 30, 15, 1),
            "direct",
            D(2024, 9, 4),
        ),  # Friday before 2/9 after 15:00 -> Wednesday 04/09
        (at(2024, 9, 2, 8), "online", D(2024, 9, 4)),  # National Day
    ],
)
def test_receipt_day(cal, received, channel, start):
    assert rules.receipt_day(received, channel, cal, R) == start


@pytest.mark.parametrize(
    "start, days, due",
    [
        (D(2024, 2, 5), 5, D(2024, 2, 19)),  # Mon 05/02: 06, 07, [Tết 08–14], 15, 16, 19
        (D(2024, 2, 7), 3, D(2024, 2, 19)),  # 15, 16, 19
        (D(2024, 2, 15), 12, D(2024, 3, 4)),  # 16, 19–23, 26–29, 01/03, 04/03
        (D(2024, 1, 31), 10, D(2024, 2, 21)),  # 01, 02, 05, 06, 07, 15, 16, 19, 20, 21
        (D(2024, 4, 16), 5, D(2024, 4, 24)),  # 17, [18 Hùng Kings], 19, 22, 23, 24
        (D(2024, 4, 25), 3, D(2024, 5, 3)),  # 26, [27–01/05 off], 02, 03
        (D(2024, 4, 25), 4, D(2024, 5, 4)),  # ... and the make-up Saturday 04/05 counts
        (D(2024, 4, 25), 5, D(2024, 5, 6)),
        (D(2024, 4, 26), 7, D(2024, 5, 9)),  # 02, 03, 04(Sat), 06, 07, 08, 09
        (D(2024, 8, 29), 3, D(2024, 9, 5)),  # 30, [31/08–03/09 off], 04, 05
        (D(2024, 8, 30), 1, D(2024, 9, 4)),
        (D(2024, 9, 4), 0, D(2024, 9, 4)),  # a same-day procedure
        (
            D(2024, 3, 29),
            12,
            D(2024, 4, 16),
        ),  # the demo's end-of-quarter case: 01–05, 08–12, 15, 16
    ],
)
def test_due_date(cal, start, days, due):
    assert rules.due_date(start, days, cal) == due
    assert cal.is_working_day(due)


@pytest.mark.parametrize(
    "today, due, left, alert",
    [
        (D(2024, 2, 7), D(2024, 2, 16), 2, "due_soon"),  # 15 and 16: Tết does not count
        (D(2024, 2, 6), D(2024, 2, 16), 3, ""),
        (D(2024, 2, 16), D(2024, 2, 16), 0, "due_soon"),  # due today
        (
            D(2024, 2, 19),
            D(2024, 2, 16),
            -1,
            "overdue",
        ),  # one working day late (the weekend does not count)
        (D(2024, 4, 26), D(2024, 5, 3), 2, "due_soon"),  # 02, 03 across 30/4–1/5
        (D(2024, 4, 26), D(2024, 5, 6), 4, ""),  # the make-up Saturday counts
    ],
)
def test_days_left_and_alert(cal, today, due, left, alert):
    assert rules.days_left(today, due, cal) == left
    assert rules.alert(today, due, cal) == alert


@pytest.mark.parametrize(
    "decided, due, result",
    [
        (D(2024, 3, 1), D(2024, 3, 4), "early"),
        (D(2024, 3, 4), D(2024, 3, 4), "on_time"),
        (D(2024, 3, 5), D(2024, 3, 4), "late"),
    ],
)
def test_timeliness(decided, due, result):
    assert rules.timeliness(decided, due) == result


@pytest.mark.parametrize(
    "as_of, due, state",
    [
        (D(2024, 3, 31), D(2024, 4, 2), "within"),
        (D(2024, 3, 31), D(2024, 3, 31), "within"),
        (D(2024, 3, 31), D(2024, 3, 29), "overdue"),
        (D(2024, 3, 31), None, "within"),
    ],
)
def test_pending_state(as_of, due, state):
    assert rules.pending_state(as_of, due) == state


@pytest.mark.parametrize(
    "today, start, allowed",
    [
        (D(2024, 2, 7), D(2024, 2, 5), True),  # 2 working days used
        (D(2024, 2, 15), D(2024, 2, 5), True),  # 06, 07, 15: the third working day
        (D(2024, 2, 16), D(2024, 2, 5), False),  # the fourth
        (D(2024, 5, 2), D(2024, 4, 25), True),  # 26, 02
        (D(2024, 5, 4), D(2024, 4, 26), True),  # 02, 03, 04 (make-up Saturday)
        (D(2024, 5, 6), D(2024, 4, 26), False),
    ],
)
def test_deficiency_within_three_working_days(cal, today, start, allowed):
    if allowed:
        rules.check_deficiency(today, start, cal, R)
    else:
        with pytest.raises(rules.RuleBroken, match="chậm nhất"):
            rules.check_deficiency(today, start, cal, R)


@pytest.mark.parametrize(
    "today, due, new_due, resets, error",
    [
        (D(2024, 2, 15), D(2024, 2, 19), D(2024, 2, 23), 0, None),
        (
            D(2024, 2, 16),
            D(2024, 2, 19),
            D(2024, 2, 23),
            0,
            None,
        ),  # Friday before a Monday due date: 1 working day before
        (
            D(2024, 2, 7),
            D(2024, 2, 15),
            D(2024, 2, 20),
            0,
            None,
        ),  # the day before Tết counts as 1 working day before 15/02
        (
            D(2024, 2, 19),
            D(2024, 2, 19),
            D(2024, 2, 23),
            0,
            "chậm nhất ngày 16/02/2024",
        ),  # on the due date: too late
        (
            D(2024, 2, 20),
            D(2024, 2, 19),
            D(2024, 2, 23),
            0,
            "chậm nhất ngày 16/02/2024",
        ),  # after the due date
        (
            D(2024, 2, 15),
            D(2024, 2, 19),
            D(2024, 2, 26),
            1,
            "chỉ cho hẹn lại 1 lần",
        ),  # a second reset
        (D(2024, 4, 25), D(2024, 5, 2), D(2024, 4, 30), 0, "phải sau ngày hẹn trả cũ"),
        (D(2024, 4, 22), D(2024, 4, 26), D(2024, 4, 30), 0, "là ngày nghỉ"),  # new date on 30/4
        (D(2024, 4, 22), D(2024, 4, 26), D(2024, 5, 4), 0, None),  # the make-up Saturday is fine
        (D(2024, 8, 26), D(2024, 8, 29), D(2024, 9, 2), 0, "là ngày nghỉ"),  # National Day
        (
            D(2024, 4, 29),
            D(2024, 5, 2),
            D(2024, 5, 6),
            0,
            None,
        ),  # sent on a day off, 2 working days before
        (D(2024, 5, 2), D(2024, 5, 3), D(2024, 5, 6), 0, None),
        (D(2024, 5, 3), D(2024, 5, 4), D(2024, 5, 6), 0, None),  # due on the make-up Saturday
    ],
)
def test_apology(cal, today, due, new_due, resets, error):
    if error is None:
        rules.check_apology(today, due, new_due, resets, cal, R)
    else:
        with pytest.raises(rules.RuleBroken, match=error):
            rules.check_apology(today, due, new_due, resets, cal, R)


def test_apology_names_the_holiday(cal):
    with pytest.raises(rules.RuleBroken, match=r"30/04/2024 là ngày nghỉ \(Ngày Chiến thắng\)"):
        rules.check_apology(
            D(2024, 4, 22), D(2024, 4, 26), D(2024, 4, 30), 0, cal, R, "Ngày Chiến thắng"
        )


@pytest.mark.parametrize(
    "received, days, kind, due",
    [
        (
            D(2024, 1, 9),
            30,
            "calendar",
            D(2024, 2, 15),
        ),  # 08/02 falls in Tết -> first working day after
        (D(2024, 1, 15), 30, "calendar", D(2024, 2, 15)),  # 14/02 (Tết) -> 15/02
        (D(2024, 1, 2), 30, "calendar", D(2024, 2, 1)),
        (D(2024, 3, 31), 30, "calendar", D(2024, 5, 2)),  # 30/04 -> 02/05
        (
            D(2024, 4, 4),
            30,
            "calendar",
            D(2024, 5, 4),
        ),  # lands on Saturday 04/05, a make-up working day: it stays
        (
            D(2024, 2, 1),
            10,
            "working",
            D(2024, 2, 22),
        ),  # 02, 05, 06, 07, [Tết], 15, 16, 19, 20, 21, 22
        (D(2024, 8, 2), 30, "calendar", D(2024, 9, 4)),  # 01/09 Sunday, 02–03/09 off -> 04/09
    ],
)
def test_petition_due(cal, received, days, kind, due):
    assert rules.petition_due(received, days, kind, cal) == due


def test_mask_name():
    assert rules.mask_name("Nguyễn Văn An") == "N. V. An"
    assert rules.mask_name("Công ty TNHH Thủy sản Sóc Trăng") == "C. t. T. T. s. S. Trăng"
    assert rules.mask_name("An") == "A***"


def test_deadline_pairs_days_left_and_alert(cal):
    assert rules.deadline(D(2024, 2, 19), D(2024, 2, 16), cal) == (-1, "overdue")
    assert rules.deadline(D(2024, 2, 6), D(2024, 2, 16), cal) == (3, "")
    assert rules.deadline(D(2024, 2, 6), None, cal) == (None, "")
