"""Working-day arithmetic on a calendar of days off and make-up working days. Pure: no database.

Conventions (used for every statutory deadline):
- A working day is Monday to Friday that is not a day off, or any day listed as a make-up
  working day (a Saturday swapped for a bridge day).
- add_working_days(d, n) is the n-th working day after d; d itself never counts, so a dossier
  received on d with a 3-working-day limit is due on add_working_days(d, 3). n = 0 gives d
  when d is a working day, otherwise the next working day.
- working_days_before(d, n) is the n-th working day before d (d itself never counts).
- working_days_between(a, b) counts working days x with a < x <= b (0 when b <= a).
"""

from bisect import bisect_left, bisect_right
from datetime import date, timedelta

_EPOCH = date(1970, 1, 1).toordinal()


class WorkCalendar:
    def __init__(self, days_off=(), working_days=(), first_year=2000, last_year=2050):
        self.days_off = frozenset(days_off)
        self.working_days = frozenset(working_days)
        self.first = date(first_year, 1, 1)
        self.last = date(last_year, 12, 31)
        self._ordinals = self._build()

    def _build(self):
        ordinals = []
        day = self.first
        one = timedelta(days=1)
        while day <= self.last:
            if self._computed_working(day):
                ordinals.append(day.toordinal())
            day += one
        return ordinals

    def _computed_working(self, day):
        if day in self.working_days:
            return True
        return day.weekday() < 5 and day not in self.days_off

    def _check(self, day):
        if not self.first <= day <= self.last:
            raise ValueError(
                f"Ngày {day:%d/%m/%Y} nằm ngoài lịch làm việc đã nạp "
                f"({self.first:%d/%m/%Y} – {self.last:%d/%m/%Y})."
            )

    def is_working_day(self, day):
        self._check(day)
        ordinal = day.toordinal()
        i = bisect_left(self._ordinals, ordinal)
        return i < len(self._ordinals) and self._ordinals[i] == ordinal

    def add_working_days(self, day, n):
        if n < 0:
            raise ValueError("Số ngày làm việc phải không âm.")
        self._check(day)
        ordinal = day.toordinal()
        if n == 0:
            i = bisect_left(self._ordinals, ordinal)
        else:
            i = bisect_right(self._ordinals, ordinal) + n - 1
        if i >= len(self._ordinals):
            raise ValueError("Kết quả vượt quá lịch làm việc đã nạp.")
        return date.fromordinal(self._ordinals[i])

    def working_days_before(self, day, n=1):
        if n < 1:
            raise ValueError("Số ngày làm việc phải từ 1 trở lên.")
        self._check(day)
        i = bisect_left(self._ordinals, day.toordinal()) - n
        if i < 0:
            raise ValueError("Kết quả vượt quá lịch làm việc đã nạp.")
        return date.fromordinal(self._ordinals[i])

    def working_days_between(self, start, end):
        if end <= start:
            return 0
        self._check(start)
        self._check(end)
        return bisect_right(self._ordinals, end.toordinal()) - bisect_right(
            self._ordinals, start.toordinal()
        )

    def next_working_day(self, day):
        return self.add_working_days(day, 1)
