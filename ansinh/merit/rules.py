"""Pure rules of allowances for people with meritorious service (người có công): Decrees
75/2021/NĐ-CP, 55/2023/NĐ-CP and 77/2024/NĐ-CP. Standard library only; no database, no files.

The amounts are never constants here: a `Version` (one decree's tables, with its standard level
and valid_from) carries rows `Band(table, rate_from, rate_to, amount | multiple)`, loaded by
`merit/tables.py` from the database (data files under `merit/data/`, or an administrator's
Excel upload). A category's `CategoryRule` says which tables it draws from.

Conventions
-----------
Month in force: the table of a month is the version whose valid_from is on or before the 1st
    of the month (tables start on the 1st: 01/07/2021, 01/07/2023, 01/07/2024).
Assessment effective month: a medical-assessment result applies from the month that contains
    its effective date (the whole month), until the month before the next result's month.
    Two results in the same month: the one recorded later wins.
Record period: a record is paid for every month from its start month until the month before
    its end (end = first day no longer paid, e.g. the day after death).
Age: as for social assistance, the age of a month is the age reached in that month; a child of
    a martyr or of a toxic-chemical victim is paid up to and including the month before the
    month they reach `age_limit` (when the category sets one).
Rounding: amounts are whole đồng; a multiple of the level is rounded half-up to 1.000 đồng
    (the decrees publish amounts rounded to 1.000 đ).
Recalculation: for each month, difference = due (at that month's facts and table) − paid;
    positive is arrears to pay (truy lĩnh), negative an overpayment to recover (thu hồi).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

THOUSAND = Decimal(1000)

# Table codes and what they hold (rate-banded or a single row).
TABLES = {
    "muc_chuan": "Mức chuẩn trợ cấp ưu đãi",
    "thuong_binh": "Trợ cấp thương binh (theo từng 1% tỷ lệ tổn thương cơ thể)",
    "thuong_binh_b": "Trợ cấp thương binh loại B (theo từng 1% tỷ lệ)",
    "benh_binh": "Trợ cấp bệnh binh (theo khung tỷ lệ)",
    "chat_doc": "Trợ cấp người hoạt động kháng chiến bị nhiễm chất độc hóa học (theo khung tỷ lệ)",
    "phu_cap_81": "Phụ cấp thương binh, bệnh binh từ 81% trở lên",
    "phu_cap_81_dbn": "Phụ cấp thương binh, bệnh binh từ 81% trở lên có bệnh tật đặc biệt nặng",
    "phu_cap_cd_81": "Phụ cấp người nhiễm chất độc hóa học từ 81% trở lên",
    "phu_cap_cd_81_dbn": "Phụ cấp người nhiễm chất độc hóa học từ 81% trở lên có bệnh tật đặc biệt nặng",
    "phuc_vu": "Trợ cấp người phục vụ (81% trở lên)",
    "phuc_vu_dbn": "Trợ cấp người phục vụ (81% trở lên, bệnh tật đặc biệt nặng)",
    "con_chat_doc": "Trợ cấp con đẻ của người nhiễm chất độc hóa học (theo tỷ lệ của cha/mẹ)",
    "than_nhan_liet_si": "Trợ cấp tuất hằng tháng thân nhân liệt sĩ",
    "me_vnah": "Trợ cấp Bà mẹ Việt Nam anh hùng",
    "tho_cung": "Trợ cấp thờ cúng liệt sĩ (đồng/liệt sĩ/năm)",
    "mai_tang": "Trợ cấp mai táng",
    "bao_tu": "Trợ cấp một lần khi báo tử liệt sĩ",
    "mot_lan_khang_chien": "Trợ cấp một lần người có thành tích tham gia kháng chiến",
}
RATE_TABLES = {"thuong_binh", "thuong_binh_b", "benh_binh", "chat_doc", "con_chat_doc"}


class RuleError(ValueError):
    """The tables cannot give an amount (no table in force, a missing band); for the user."""


@dataclass(frozen=True)
class Band:
    table: str
    rate_from: int = 0
    rate_to: int = 0
    amount: int | None = None
    multiple: Decimal | None = None


@dataclass(frozen=True)
class Version:
    """One decree's tables: in force from valid_from (the 1st of a month) until the next one."""

    code: str
    valid_from: date
    level: int
    citation: str
    bands: tuple = ()

    def rows(self, table):
        return [b for b in self.bands if b.table == table]

    def amount(self, table, rate=None):
        """Amount of a table's row (the band containing `rate` for rate tables)."""
        for band in self.bands:
            if band.table != table:
                continue
            if rate is None or band.rate_from <= rate <= band.rate_to:
                if band.amount is not None:
                    return band.amount
                return round_thousand(self.level * band.multiple)
        where = f" cho tỷ lệ {rate}%" if rate is not None else ""
        raise RuleError(
            f"Bảng “{TABLES.get(table, table)}” của Nghị định {self.code} chưa có mức{where}."
        )


def round_thousand(value):
    return int((Decimal(value) / THOUSAND).quantize(Decimal(1), rounding=ROUND_HALF_UP) * THOUSAND)


@dataclass(frozen=True)
class Tables:
    """All versions, oldest first."""

    versions: tuple

    def in_force(self, month):
        found = None
        for version in self.versions:
            if version.valid_from <= month:
                found = version
        if found is None:
            raise RuleError(f"Chưa có bảng mức trợ cấp nào có hiệu lực tháng {month:%m/%Y}.")
        return found


@dataclass(frozen=True)
class CategoryRule:
    """How a category is paid monthly (from categories.csv).

    kind: "rate_exact" (one row per 1% of rate), "rate_band" (banded rate), "fixed" (one row),
    "parent_rate" (a toxic-chemical victim's child: band of the parent's rate), "none".
    """

    code: str
    kind: str
    table: str = ""
    min_rate: int = 0
    supplement: str = ""
    supplement_severe: str = ""
    caregiver: str = ""
    caregiver_severe: str = ""
    age_limit: int | None = None


@dataclass(frozen=True)
class Assessment:
    month: date  # first day of the month the result applies from
    rate: int
    severe: bool = False


@dataclass(frozen=True)
class RecordFacts:
    rule: CategoryRule
    start: date | None  # first month paid
    end: date | None = None  # first day no longer paid
    assessments: tuple = ()  # Assessment, in the order recorded
    caregiver_from: date | None = None  # a family caregiver from this month
    caregiver_to: date | None = None  # ... until the day before this
    birth: date | None = None
    parent_assessments: tuple = ()  # for "parent_rate": the parent's Assessment results


@dataclass(frozen=True)
class Amount:
    total: int
    version: str
    level: int
    citation: str
    parts: tuple = ()  # (label, amount)
    rate: int | None = None


def first_of(day):
    return day.replace(day=1)


def add_months(month, count):
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def months_between(first, last):
    """Months from `first` to `last` inclusive (first days)."""
    month, result = first_of(first), []
    while month <= last:
        result.append(month)
        month = add_months(month, 1)
    return result


def rate_in(assessments, month):
    """(rate, severe) of the latest result applying in `month`, or None."""
    found = None
    for result in assessments:
        if result.month <= month and (found is None or result.month >= found.month):
            found = result
    return (found.rate, found.severe) if found else None


def age_in_month(birth, month):
    """Age reached by the end of `month` (only the birth month and year count)."""
    return month.year - birth.year - (1 if month.month < birth.month else 0)


def in_force(facts, month):
    if facts.start is None or month < first_of(facts.start):
        return False
    if facts.end is not None and facts.end <= month:
        return False
    if (
        facts.rule.age_limit
        and facts.birth
        and age_in_month(facts.birth, month) >= facts.rule.age_limit
    ):
        return False
    return True


def _caregiver_in(facts, month):
    if facts.caregiver_from is None or first_of(facts.caregiver_from) > month:
        return False
    return facts.caregiver_to is None or facts.caregiver_to > month


def state_of(facts, month):
    """What the amount of a month depends on, apart from the table: a hashable key."""
    if not in_force(facts, month):
        return None
    if facts.rule.kind in ("rate_exact", "rate_band"):
        return ("rate", rate_in(facts.assessments, month), _caregiver_in(facts, month))
    if facts.rule.kind == "parent_rate":
        return ("parent", rate_in(facts.parent_assessments, month))
    return (facts.rule.kind,)


def amount_for(rule, state, version):
    """Amount of a state under one version's tables."""
    if state is None or rule.kind == "none":
        return Amount(0, version.code, version.level, version.citation)
    if rule.kind == "fixed":
        value = version.amount(rule.table)
        return Amount(
            value, version.code, version.level, version.citation, ((TABLES[rule.table], value),)
        )
    if rule.kind == "parent_rate":
        found = state[1]
        if found is None or found[0] < 61:
            return Amount(0, version.code, version.level, version.citation)
        value = version.amount(rule.table, found[0])
        return Amount(
            value,
            version.code,
            version.level,
            version.citation,
            ((TABLES[rule.table], value),),
            found[0],
        )
    _, found, caregiver = state
    if found is None or found[0] < rule.min_rate:
        return Amount(
            0, version.code, version.level, version.citation, rate=found[0] if found else None
        )
    rate, severe = found
    parts = [(TABLES[rule.table], version.amount(rule.table, rate))]
    if rate >= 81 and rule.supplement:
        table = rule.supplement_severe if severe and rule.supplement_severe else rule.supplement
        parts.append((TABLES[table], version.amount(table)))
    if rate >= 81 and caregiver and rule.caregiver:
        table = rule.caregiver_severe if severe and rule.caregiver_severe else rule.caregiver
        parts.append((TABLES[table], version.amount(table)))
    return Amount(
        sum(v for _, v in parts), version.code, version.level, version.citation, tuple(parts), rate
    )


def monthly_amount(facts, month, tables):
    """The allowance of one record for one month: facts in force and table in force that month."""
    month = first_of(month)
    return amount_for(facts.rule, state_of(facts, month), tables.in_force(month))


def change_points(facts, tables):
    """Months where a record's amount may change: its facts' dates and the tables' start months.
    Between two of them every month has the same state and table (so the same amount)."""
    points = {v.valid_from for v in tables.versions}
    points.update(a.month for a in facts.assessments)
    points.update(a.month for a in facts.parent_assessments)
    for day in (facts.start, facts.end, facts.caregiver_from, facts.caregiver_to):
        if day:
            points.update((first_of(day), add_months(first_of(day), 1)))
    if facts.rule.age_limit and facts.birth:
        points.add(date(facts.birth.year + facts.rule.age_limit, facts.birth.month, 1))
    return points


def monthly_amounts(facts, months, tables, cache=None):
    """monthly_amount over consecutive months; the amount is recomputed only where something can
    change (change_points), and identical (version, state) pairs are computed once."""
    cache = {} if cache is None else cache
    points = change_points(facts, tables)
    result, amount = [], None
    for month in months:
        if amount is None or month in points:
            version = tables.in_force(month)
            state = state_of(facts, month)
            key = (facts.rule.code, version.code, state)
            amount = cache.get(key)
            if amount is None:
                amount = cache[key] = amount_for(facts.rule, state, version)
        result.append(amount)
    return result


@dataclass(frozen=True)
class MonthDifference:
    month: date
    version: str
    citation: str
    due: int
    paid: int

    @property
    def difference(self):
        return self.due - self.paid


def month_runs(rows):
    """The differing months as runs: consecutive months with the same table, due and paid amount
    merge into {"from", "to", "version", "due", "paid"} (dates as ISO text, JSON-ready)."""
    runs, last = [], None
    for month, version, due, paid in rows:
        run = runs[-1] if runs else None
        if (
            run
            and last
            and add_months(last, 1) == month
            and (run["version"], run["due"], run["paid"]) == (version, due, paid)
        ):
            run["to"] = month.isoformat()
        else:
            runs.append(
                {
                    "from": month.isoformat(),
                    "to": month.isoformat(),
                    "version": version,
                    "due": due,
                    "paid": paid,
                }
            )
        last = month
    return runs


def run_months(runs):
    """Back from runs to (month, version, due, paid), month by month."""
    for run in runs:
        for month in months_between(date.fromisoformat(run["from"]), date.fromisoformat(run["to"])):
            yield month, run["version"], run["due"], run["paid"]


def month_count(runs):
    return sum(
        len(months_between(date.fromisoformat(r["from"]), date.fromisoformat(r["to"])))
        for r in runs
    )


def difference_kind(due, paid):
    """ "arrears" when more was due than paid, "recovery" when less, None when equal."""
    if due == paid:
        return None
    return "arrears" if due > paid else "recovery"


def recalculate(facts, months, paid, tables, cache=None):
    """Month by month: due at that month's facts and table, against what was paid."""
    amounts = monthly_amounts(facts, months, tables, cache)
    return [
        MonthDifference(m, a.version, a.citation, a.total, paid.get(m, 0))
        for m, a in zip(months, amounts, strict=False)
    ]


@dataclass
class Schedule:
    """A recovery schedule: `total` to recover, by deductions of at most `instalment` a month."""

    total: int
    instalment: int
    recovered: int = 0
    payments: list = field(default_factory=list)

    @property
    def remaining(self):
        return self.total - self.recovered


def deduction(schedule_remaining, instalment, allowance):
    """This month's deduction: the instalment, never more than what remains or the allowance."""
    return max(0, min(schedule_remaining, instalment, allowance))


def one_off(version, table, count=1):
    """A one-off amount (funeral, death notification, resistance…) under a version, × count."""
    return version.amount(table) * count


def worship_amount(version, martyrs=1):
    """Worship allowance for a year: the table's amount per martyr × number of martyrs."""
    return version.amount("tho_cung") * martyrs


RATE_MIN, RATE_MAX = 1, 100
INVALID_RATE = (21, 100)


def check_assessment(rate, day, birth, invalid):
    """Problems of a medical-assessment result (Vietnamese, naming the field)."""
    problems = []
    if rate is None or not RATE_MIN <= rate <= RATE_MAX:
        problems.append(("rate", "Tỷ lệ tổn thương cơ thể phải từ 1% đến 100%."))
    elif invalid and not INVALID_RATE[0] <= rate <= INVALID_RATE[1]:
        problems.append(
            ("rate", f"Tỷ lệ tổn thương của thương binh phải từ 21% đến 100% (đã nhập {rate}%).")
        )
    if day and birth and day < birth:
        problems.append(
            (
                "date",
                f"Ngày giám định {day:%d/%m/%Y} trước ngày sinh {birth:%d/%m/%Y} của người này.",
            )
        )
    return problems


def check_version(new_bands, previous_bands, level):
    """Problems of a decree's tables being loaded, against the previous version's tables."""
    problems = []
    if not level or level % 1000:
        problems.append(
            f"Mức chuẩn {level:,} đồng phải là số dương làm tròn đến 1.000 đồng.".replace(",", ".")
        )
    present = {(b.table, b.rate_from, b.rate_to) for b in new_bands}
    for band in previous_bands:
        if (band.table, band.rate_from, band.rate_to) not in present:
            label = TABLES.get(band.table, band.table)
            span = f" khung {band.rate_from}–{band.rate_to}%" if band.table in RATE_TABLES else ""
            problems.append(f"Thiếu dòng “{label}”{span} (có trong bảng của Nghị định trước).")
    for band in new_bands:
        if band.amount is not None and band.amount % 1000:
            problems.append(
                f"Số tiền {band.amount:,} đồng của “{TABLES.get(band.table, band.table)}” chưa làm tròn đến 1.000 đồng.".replace(
                    ",", "."
                )
            )
    return problems
