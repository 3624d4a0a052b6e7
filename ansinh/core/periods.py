"""Reporting periods as values: month "2024-03", quarter "2024Q1", half-year "2024H1", year "2024".

A Period knows its first and last day, what it contains, its neighbours and its Vietnamese
label. Pure: no database.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date

MONTH, QUARTER, HALF, YEAR = "month", "quarter", "half", "year"
_MONTHS_IN = {MONTH: 1, QUARTER: 3, HALF: 6, YEAR: 12}
_PATTERNS = [
    (re.compile(r"^(\d{4})-(\d{1,2})$"), MONTH),
    (re.compile(r"^(\d{4})[Qq]([1-4])$"), QUARTER),
    (re.compile(r"^(\d{4})[Hh]([12])$"), HALF),
    (re.compile(r"^(\d{4})$"), YEAR),
]
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class PeriodError(ValueError):
    pass


@dataclass(frozen=True, order=True)
class Period:
    year: int
    start_month: int
    kind: str

    @classmethod
    def parse(cls, value):
        if isinstance(value, Period):
            return value
        text = str(value).strip()
        for pattern, kind in _PATTERNS:
            match = pattern.match(text)
            if not match:
                continue
            year = int(match.group(1))
            index = int(match.group(2)) if kind != YEAR else 1
            if kind == MONTH and not 1 <= index <= 12:
                break
            if not 1900 <= year <= 2200:
                break
            return cls(year, (index - 1) * _MONTHS_IN[kind] + 1, kind)
        raise PeriodError(
            f"Kỳ báo cáo “{text}” không hợp lệ. Dùng dạng 2024-03 (tháng), 2024Q1 (quý), "
            "2024H1 (6 tháng) hoặc 2024 (năm)."
        )

    @classmethod
    def containing(cls, day, kind):
        months = _MONTHS_IN[kind]
        start = (day.month - 1) // months * months + 1
        return cls(day.year, start, kind)

    @property
    def months(self):
        return _MONTHS_IN[self.kind]

    @property
    def index(self):
        return (self.start_month - 1) // self.months + 1

    @property
    def start(self):
        return date(self.year, self.start_month, 1)

    @property
    def end(self):
        last_month = self.start_month + self.months - 1
        return date(self.year, last_month, calendar.monthrange(self.year, last_month)[1])

    def __str__(self):
        if self.kind == MONTH:
            return f"{self.year}-{self.start_month:02d}"
        if self.kind == QUARTER:
            return f"{self.year}Q{self.index}"
        if self.kind == HALF:
            return f"{self.year}H{self.index}"
        return str(self.year)

    def contains(self, other):
        """True for a date inside this period, or a period wholly inside it."""
        if isinstance(other, date):
            return self.start <= other <= self.end
        other = Period.parse(other)
        return self.start <= other.start and other.end <= self.end

    def shift(self, steps):
        first = self.year * 12 + self.start_month - 1 + steps * self.months
        return Period(first // 12, first % 12 + 1, self.kind)

    def next(self):
        return self.shift(1)

    def previous(self):
        return self.shift(-1)

    def same_period_last_year(self):
        return Period(self.year - 1, self.start_month, self.kind)

    def children(self, kind):
        """The periods of a finer kind that make up this one (a quarter's three months...)."""
        if _MONTHS_IN[kind] > self.months:
            raise PeriodError("Kỳ con phải ngắn hơn kỳ cha.")
        step = _MONTHS_IN[kind]
        return [
            Period(self.year, m, kind)
            for m in range(self.start_month, self.start_month + self.months, step)
        ]

    def parent(self, kind):
        """The coarser period that contains this one (the quarter of a month...)."""
        return Period.containing(self.start, kind)

    @property
    def label(self):
        """Vietnamese label as written in reports: "tháng 3/2024", "quý I/2024"."""
        if self.kind == MONTH:
            return f"tháng {self.start_month}/{self.year}"
        if self.kind == QUARTER:
            return f"quý {ROMAN[self.index]}/{self.year}"
        if self.kind == HALF:
            return f"6 tháng {'đầu' if self.index == 1 else 'cuối'} năm {self.year}"
        return f"năm {self.year}"

    @property
    def title(self):
        """Label for headings: "Quý I năm 2024"."""
        if self.kind == MONTH:
            return f"Tháng {self.start_month} năm {self.year}"
        if self.kind == QUARTER:
            return f"Quý {ROMAN[self.index]} năm {self.year}"
        if self.kind == HALF:
            return f"6 tháng {'đầu' if self.index == 1 else 'cuối'} năm {self.year}"
        return f"Năm {self.year}"
