"""Pure rules of social assistance (trợ giúp xã hội): Decree 20/2021/NĐ-CP as amended by
Decree 76/2024/NĐ-CP. Standard library only; no database, no file access.

Legal parameters (the standard level, mức chuẩn trợ giúp xã hội) are passed in as
`LevelRow`s: a later loader reads `welfare/data/levels.csv` into the database and hands the
rows to these functions. The coefficients are kept in `COEFFICIENTS`, which mirrors
`welfare/data/coefficients.csv` row for row (a test checks that the two agree).

Monthly allowance (Art. 6) = standard level in force on the 1st of the month
× coefficient of the person's category (Art. 5).

Conventions
-----------
Age of a month (the brief's rule, regulations.md §1 "age bands change on birthdays"):
    the coefficient of a month follows the age REACHED IN THAT MONTH. A person who turns 80 on
    any day of March 2024 (1st or 31st alike) counts as 80 for the whole of March 2024; a
    child who turns 16 in March 2024 is 16 for the whole of March (so a cl.1 entitlement stops
    with March and a cl.2 entitlement, if any, starts with March). Only the birth month and
    year matter: `age_in_month` never looks at the day of the birthday. Consequently a
    person born on 29 February turns a year older in February of every year, leap or not
    (consistent with the Civil Code 2015 rule that a period ending on a day the month does
    not have ends on the last day of that month, i.e. 28/02; note that
    `ansinh.core.rules.age_on`, which counts exact days, reaches that birthday on 01/03).

Year of birth only (no day or month known):
    the birth date is taken as 01/01 of the birth year, as Vietnamese civil-status and
    social-insurance practice records it ("chỉ có năm sinh thì lấy ngày 01 tháng 01 của năm
    sinh"). With the month rule above, such a person changes age band in January. This is
    NOT uniformly conservative: it makes an elder reach 80 (higher coefficient) as early as
    possible, and makes a child reach 4 / 16 (lower coefficient / end of entitlement) as early
    as possible. Decree 20/2021 itself does not say; confirm with the department.

Decision period:
    a `CaseFacts` may carry `valid_from` / `valid_to` (the decision granting or stopping the
    allowance). It counts for a whole month if it is in force on any day of that month
    (the allowance is paid from the month the decision is signed).

Rounding:
    amounts are whole đồng; level × coefficient is rounded ROUND_HALF_UP to the đồng. With
    the coefficients of Art. 6 (multiples of 0,5) and levels in thousands of đồng the
    products are exact (360.000 × 1,5 = 540.000), so rounding never actually happens today.
"""

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from typing import NamedTuple

ZERO = Decimal("0")


# --------------------------------------------------------------------------- parameters


@dataclass(frozen=True)
class LevelRow:
    """Standard level (mức chuẩn trợ giúp xã hội) in đồng per month, effective-dated.

    `province` is None for the national level, or the province code of a provincial level
    set under Art. 4(3) (which may only be higher than the national one)."""

    valid_from: date
    valid_to: date | None
    amount: int
    citation: str
    province: str | None = None

    def in_force(self, day):
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class NotInForce(ValueError):
    """No standard level, or no coefficient rules, are loaded for that month: nothing is computed."""


# The coefficients below are those of Decree 20/2021, in force from 01/07/2021 (the `valid_from`
# of data/coefficients.csv). Months before use the coefficients of Decree 136/2013, which are
# not loaded: they raise NotInForce rather than borrow today's table.
RULES_FROM = date(2021, 7, 1)
NOT_IN_FORCE = "chưa có mức chuẩn / chưa có quy định cho tháng này"


def check_rules_in_force(day):
    """Raises NotInForce (in Vietnamese) for a day before the coefficients loaded here."""
    if day < RULES_FROM:
        raise NotInForce(
            f"Tháng {day:%m/%Y}: {NOT_IN_FORCE} (hệ số của Nghị định 20/2021/NĐ-CP áp dụng từ "
            f"{RULES_FROM:%m/%Y}; hệ số trước đó theo Nghị định 136/2013/NĐ-CP chưa được nạp)."
        )


# Mirrors data/coefficients.csv (column `key` → column `coefficient`). Keep them in step.
COEFFICIENTS = {
    # Art. 6(1): monthly allowance, by category of Art. 5.
    "5.1/under_4": Decimal("2.5"),
    "5.1/4_to_under_16": Decimal("1.5"),
    "5.2/16_to_under_22_studying": Decimal("1.5"),
    "5.3/under_4": Decimal("2.5"),
    "5.3/4_to_under_16": Decimal("2.0"),
    "5.4/per_child": Decimal("1.0"),
    "5.5a/60_to_under_80": Decimal("1.5"),
    "5.5a/80_and_over": Decimal("2.0"),
    "5.5b/75_to_under_80": Decimal("1.0"),
    "5.5c/80_and_over": Decimal("1.0"),
    "5.5d/community_care": Decimal("3.0"),
    "5.6/especially_severe/adult": Decimal("2.0"),
    "5.6/especially_severe/child_or_elderly": Decimal("2.5"),
    "5.6/severe/adult": Decimal("1.5"),
    "5.6/severe/child_or_elderly": Decimal("2.0"),
    "5.7/under_3": Decimal("1.5"),
    "5.8/hiv_no_income": Decimal("1.5"),
    # Art. 20: caregiver support.
    "20/foster_child_under_4": Decimal("2.5"),
    "20/foster_child_4_to_under_16": Decimal("1.5"),
    "20/foster_elder_5.5d": Decimal("1.5"),
    "20/disabled_parent_pregnant_or_one_child": Decimal("1.5"),
    "20/disabled_parent_pregnant_and_child_or_two_children": Decimal("2.0"),
    "20/household_especially_severe_disability": Decimal("1.0"),
    "20/take_in_especially_severe_disability": Decimal("1.5"),
    "20/take_in_especially_severe_disability_child": Decimal("2.5"),
    # Art. 11: funeral support, minimum multiple of the standard level.
    "11/funeral_minimum": Decimal("20"),
}

CHILD_UNDER = 16  # "child" in cl.6 and Art. 20: under 16
ELDERLY_FROM = 60  # "elderly" (người cao tuổi): 60 and over


# --------------------------------------------------------------------------- vocabularies


class Category(Enum):
    """Categories of Art. 5, with stable codes (stored in the database; do not renumber)."""

    CL1 = "5.1"
    CL2 = "5.2"
    CL3 = "5.3"
    CL4 = "5.4"
    CL5A = "5.5a"
    CL5B = "5.5b"
    CL5C = "5.5c"
    CL5D = "5.5d"
    CL6 = "5.6"
    CL7 = "5.7"
    CL8 = "5.8"

    @property
    def label(self):
        return CATEGORY_LABELS[self]


CATEGORY_LABELS = {
    Category.CL1: "Trẻ em dưới 16 tuổi không có nguồn nuôi dưỡng (khoản 1 Điều 5)",
    Category.CL2: "Người từ đủ 16 tuổi đến dưới 22 tuổi đang đi học, không có nguồn nuôi dưỡng "
    "(khoản 2 Điều 5)",
    Category.CL3: "Trẻ em nhiễm HIV/AIDS thuộc hộ nghèo (khoản 3 Điều 5)",
    Category.CL4: "Người đơn thân thuộc hộ nghèo đang nuôi con (khoản 4 Điều 5)",
    Category.CL5A: "Người cao tuổi thuộc hộ nghèo, không có người phụng dưỡng (điểm a khoản 5 Điều 5)",
    Category.CL5B: "Người từ đủ 75 tuổi đến dưới 80 tuổi thuộc hộ nghèo, hộ cận nghèo ở vùng đặc biệt "
    "khó khăn (điểm b khoản 5 Điều 5)",
    Category.CL5C: "Người từ đủ 80 tuổi trở lên không có lương hưu, trợ cấp bảo hiểm xã hội hằng tháng "
    "(điểm c khoản 5 Điều 5)",
    Category.CL5D: "Người cao tuổi đủ điều kiện vào cơ sở trợ giúp xã hội nhưng được chăm sóc tại cộng "
    "đồng (điểm d khoản 5 Điều 5)",
    Category.CL6: "Người khuyết tật nặng, khuyết tật đặc biệt nặng (khoản 6 Điều 5)",
    Category.CL7: "Trẻ em dưới 3 tuổi thuộc hộ nghèo, hộ cận nghèo ở vùng đặc biệt khó khăn "
    "(khoản 7 Điều 5)",
    Category.CL8: "Người nhiễm HIV/AIDS thuộc hộ nghèo, không có nguồn thu nhập ổn định (khoản 8 Điều 5)",
}

# Categories that a poor single parent (cl.4) receives on top of cl.4 (Art. 6(2)).
COMBINABLE_WITH_CL4 = frozenset(
    {Category.CL5A, Category.CL5B, Category.CL5C, Category.CL5D, Category.CL6, Category.CL8}
)


class DisabilityLevel(Enum):
    SEVERE = "nang"
    ESPECIALLY_SEVERE = "dac_biet_nang"


class CaregiverKind(Enum):
    """Cases of caregiver support (Art. 20), with stable codes."""

    FOSTER_CHILD = "foster_child"  # fostering a cl.1 child
    FOSTER_ELDER = "foster_elder"  # caring for a cl.5d elder in the community
    DISABLED_PARENT = "disabled_parent"  # disabled person pregnant / raising a child < 36 months
    HOUSEHOLD_DISABLED = (
        "household_disabled"  # household caring for its especially severely disabled member
    )
    TAKE_IN_DISABLED = "take_in_disabled"  # taking in an especially severely disabled person


# --------------------------------------------------------------------------- facts


@dataclass(frozen=True)
class CaseFacts:
    """What the rules need to know about one person under ONE category of Art. 5.

    A person in several categories has several CaseFacts (a list, one per category).
    - birth_date, or birth_year alone when the day and month are unknown (then 01/01 is used);
    - disability_level: cl.6 only;
    - is_studying: cl.2 only (general education, vocational training or a first degree);
    - hiv: cl.3 and cl.8;
    - children_count: cl.4, number of children being raised who qualify (1,0 each);
    - valid_from / valid_to: the decision period (None = open)."""

    category: Category
    birth_date: date | None = None
    birth_year: int | None = None
    disability_level: DisabilityLevel | None = None
    is_studying: bool = False
    hiv: bool = False
    children_count: int = 0
    valid_from: date | None = None
    valid_to: date | None = None

    def __post_init__(self):
        # Accept the stable codes ("5.5a", "nang") as well as the enum members.
        object.__setattr__(self, "category", Category(self.category))
        if self.disability_level is not None:
            object.__setattr__(self, "disability_level", DisabilityLevel(self.disability_level))
        if (
            self.birth_date
            and self.birth_year is not None
            and self.birth_date.year != self.birth_year
        ):
            raise ValueError("Năm sinh không khớp với ngày sinh.")
        if self.children_count < 0:
            raise ValueError("Số con đang nuôi không được âm.")
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValueError("Ngày hết hiệu lực của quyết định trước ngày có hiệu lực.")

    @property
    def effective_birth_date(self):
        """The birth date used for ages: the real one, else 01/01 of the birth year, else None."""
        if self.birth_date:
            return self.birth_date
        if self.birth_year is not None:
            return date(self.birth_year, 1, 1)
        return None

    def in_force_on(self, day):
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def in_force_in_month(self, year, month):
        first, last = _month_bounds(year, month)
        return (self.valid_from is None or self.valid_from <= last) and (
            self.valid_to is None or first <= self.valid_to
        )


# --------------------------------------------------------------------------- months and ages


def _check_month(year, month):
    if not 1 <= month <= 12:
        raise ValueError(f"Tháng {month} không hợp lệ (phải từ 1 đến 12).")


def _month_bounds(year, month):
    _check_month(year, month)
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def age_in_month(birth_date, year, month):
    """Age reached in the month (see the module docstring): completed years at the end of the
    month, counting the birthday as reached on the first day of the birth month.

    Negative (-1) for months before the birth month of the birth year."""
    _check_month(year, month)
    return year - birth_date.year - (1 if month < birth_date.month else 0)


def months_between(start_year, start_month, end_year, end_month):
    """[(year, month), ...] from the start month to the end month, both included."""
    _check_month(start_year, start_month)
    _check_month(end_year, end_month)
    if (end_year, end_month) < (start_year, start_month):
        raise ValueError("Tháng kết thúc đứng trước tháng bắt đầu.")
    months = []
    year, month = start_year, start_month
    while (year, month) <= (end_year, end_month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


# --------------------------------------------------------------------------- standard level


def level_in_force(rows, day, province=None):
    """The LevelRow in force on `day`: the province's own row if it has one, else the national.

    Raises ValueError (in Vietnamese) when no row is in force, when two rows of the same kind
    overlap, or when a provincial level is lower than the national one (Art. 4(3) only lets a
    province set a higher level)."""
    national = [r for r in rows if r.province is None and r.in_force(day)]
    provincial = [
        r for r in rows if province is not None and r.province == province and r.in_force(day)
    ]
    if len(national) > 1:
        raise ValueError(
            f"Có nhiều mức chuẩn trợ giúp xã hội toàn quốc cùng hiệu lực ngày {day:%d/%m/%Y}."
        )
    if len(provincial) > 1:
        raise ValueError(
            f"Có nhiều mức chuẩn trợ giúp xã hội của tỉnh {province} cùng hiệu lực ngày "
            f"{day:%d/%m/%Y}."
        )
    if provincial:
        if national and provincial[0].amount < national[0].amount:
            raise ValueError(
                f"Mức chuẩn của tỉnh {province} ({_dong(provincial[0].amount)}) thấp hơn mức chuẩn toàn quốc "
                f"({_dong(national[0].amount)}) ngày {day:%d/%m/%Y}; tỉnh chỉ được quy định mức cao hơn."
            )
        return provincial[0]
    if national:
        return national[0]
    raise NotInForce(
        f"Không có mức chuẩn trợ giúp xã hội nào có hiệu lực ngày {day:%d/%m/%Y} ({NOT_IN_FORCE})."
    )


def _dong(amount):
    """12345678 → "12.345.678 đ" (Vietnamese thousands separator)."""
    return f"{amount:,} đ".replace(",", ".")


# --------------------------------------------------------------------------- one category

_NEEDS_AGE = frozenset(Category) - {Category.CL4, Category.CL8}


def _missing_data(facts):
    """Facts that must be known before the category can be assessed at all."""
    missing = []
    if facts.category in _NEEDS_AGE and facts.effective_birth_date is None:
        missing.append("Thiếu ngày sinh hoặc năm sinh để xác định độ tuổi.")
    if facts.category is Category.CL6 and facts.disability_level is None:
        missing.append(
            "Đối tượng khoản 6 Điều 5 phải có mức độ khuyết tật nặng hoặc đặc biệt nặng."
        )
    return missing


def _assess(facts, year, month):
    """(coefficient key, []) when the person fits the category in that month, else (None, reasons).

    Assumes `_missing_data(facts)` is empty."""
    c = facts.category
    age = None
    if c in _NEEDS_AGE:
        age = age_in_month(facts.effective_birth_date, year, month)
        if age < 0:
            return None, ["Người này chưa sinh vào tháng đang xét."]
    errors = []
    key = None
    if c is Category.CL1:
        if age >= 16:
            errors.append("Đối tượng khoản 1 Điều 5 phải dưới 16 tuổi.")
        key = "5.1/under_4" if age < 4 else "5.1/4_to_under_16"
    elif c is Category.CL2:
        if not 16 <= age < 22:
            errors.append("Đối tượng khoản 2 Điều 5 phải từ đủ 16 tuổi đến dưới 22 tuổi.")
        if not facts.is_studying:
            errors.append(
                "Đối tượng khoản 2 Điều 5 phải đang đi học (phổ thông, giáo dục nghề nghiệp "
                "hoặc đại học văn bằng thứ nhất)."
            )
        key = "5.2/16_to_under_22_studying"
    elif c is Category.CL3:
        if age >= 16:
            errors.append("Đối tượng khoản 3 Điều 5 phải dưới 16 tuổi.")
        if not facts.hiv:
            errors.append("Đối tượng khoản 3 Điều 5 phải là trẻ em nhiễm HIV/AIDS.")
        key = "5.3/under_4" if age < 4 else "5.3/4_to_under_16"
    elif c is Category.CL4:
        if facts.children_count < 1:
            errors.append("Đối tượng khoản 4 Điều 5 phải đang nuôi ít nhất một con.")
        key = "5.4/per_child"
    elif c is Category.CL5A:
        if age < 60:
            errors.append("Đối tượng điểm a khoản 5 Điều 5 phải từ đủ 60 tuổi trở lên.")
        key = "5.5a/60_to_under_80" if age < 80 else "5.5a/80_and_over"
    elif c is Category.CL5B:
        if not 75 <= age < 80:
            errors.append("Đối tượng điểm b khoản 5 Điều 5 phải từ đủ 75 tuổi đến dưới 80 tuổi.")
        key = "5.5b/75_to_under_80"
    elif c is Category.CL5C:
        if age < 80:
            errors.append("Đối tượng điểm c khoản 5 Điều 5 phải từ đủ 80 tuổi trở lên.")
        key = "5.5c/80_and_over"
    elif c is Category.CL5D:
        if age < 60:
            errors.append("Đối tượng điểm d khoản 5 Điều 5 phải từ đủ 60 tuổi trở lên.")
        key = "5.5d/community_care"
    elif c is Category.CL6:
        band = "child_or_elderly" if age < CHILD_UNDER or age >= ELDERLY_FROM else "adult"
        level = (
            "especially_severe"
            if facts.disability_level is DisabilityLevel.ESPECIALLY_SEVERE
            else "severe"
        )
        key = f"5.6/{level}/{band}"
    elif c is Category.CL7:
        if age >= 3:
            errors.append("Đối tượng khoản 7 Điều 5 phải dưới 3 tuổi.")
        key = "5.7/under_3"
    elif c is Category.CL8:
        if not facts.hiv:
            errors.append("Đối tượng khoản 8 Điều 5 phải là người nhiễm HIV/AIDS.")
        key = "5.8/hiv_no_income"
    return (None, errors) if errors else (key, [])


def coefficient(facts, year, month):
    """Coefficient of Art. 6 for ONE category in one month; Decimal("0") when the person does not
    fit the category that month (age out of band, not studying…) or the decision is not in force.

    cl.4 gives 1,0 per child. Raises ValueError (in Vietnamese) when the facts needed are
    missing (no birth date or year where age matters, no disability level for cl.6), and
    NotInForce for a month before RULES_FROM."""
    _check_month(year, month)
    check_rules_in_force(date(year, month, 1))
    if not facts.in_force_in_month(year, month):
        return ZERO
    missing = _missing_data(facts)
    if missing:
        raise ValueError(" ".join(missing))
    key, _ = _assess(facts, year, month)
    if key is None:
        return ZERO
    value = COEFFICIENTS[key]
    if facts.category is Category.CL4:
        value *= facts.children_count
    return value


def eligibility_errors(facts, day):
    """Vietnamese reasons why the person does not fit the category; empty when they do.

    The age is the age reached in the month of `day` (the same convention as `coefficient`,
    so the two always agree for that month). The decision period is not checked here."""
    missing = _missing_data(facts)
    if missing:
        return missing
    return _assess(facts, day.year, day.month)[1]


# --------------------------------------------------------------------------- one person


def _check_same_person(facts_list):
    years = {f.effective_birth_date.year for f in facts_list if f.effective_birth_date}
    dates = {f.birth_date for f in facts_list if f.birth_date}
    if len(years) > 1 or len(dates) > 1:
        raise ValueError(
            "Các hồ sơ đối tượng có ngày sinh khác nhau, không phải của cùng một người."
        )


def monthly_coefficient(facts_list, year, month):
    """Coefficient actually paid to one person in a month (Art. 6(2)).

    Several categories → only the highest coefficient; except that a poor single parent
    (cl.4) who also belongs to cl.5, cl.6 or cl.8 receives the cl.4 coefficient PLUS the highest
    of those (and never less than the plain highest of all)."""
    _check_same_person(facts_list)
    values = [(f.category, coefficient(f, year, month)) for f in facts_list]
    values = [(c, v) for c, v in values if v > 0]
    if not values:
        return ZERO
    best = max(v for _, v in values)
    cl4 = [v for c, v in values if c is Category.CL4]
    combinable = [v for c, v in values if c in COMBINABLE_WITH_CL4]
    if cl4 and combinable:
        return max(best, max(cl4) + max(combinable))
    return best


def _to_dong(value):
    return int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def monthly_amount(level_rows, facts_list, year, month, province=None):
    """Allowance of one person for a month, in whole đồng: standard level in force on the 1st
    of the month × `monthly_coefficient`, rounded ROUND_HALF_UP to the đồng."""
    level = level_in_force(level_rows, date(year, month, 1), province).amount
    return _to_dong(level * monthly_coefficient(facts_list, year, month))


class EntitlementRow(NamedTuple):
    year: int
    month: int
    level: int
    coefficient: Decimal
    amount: int


def _year_month(value):
    if isinstance(value, date):
        return value.year, value.month
    year, month = value
    return year, month


def entitlement_table(level_rows, facts_list, start, end, province=None):
    """What the person was entitled to, month by month, from `start` to `end` included
    (each a date or a (year, month) pair): [(year, month, level, coefficient, amount), ...].

    Arrears and recovery compare this with what was actually paid."""
    table = []
    for year, month in months_between(*_year_month(start), *_year_month(end)):
        level = level_in_force(level_rows, date(year, month, 1), province).amount
        coeff = monthly_coefficient(facts_list, year, month)
        table.append(EntitlementRow(year, month, level, coeff, _to_dong(level * coeff)))
    return table


# --------------------------------------------------------------------------- other support


def health_insurance_eligible(facts_list, day):
    """Art. 9: whoever is a monthly beneficiary on `day` gets a health-insurance card (one card
    only, whatever the number of categories): some category whose decision is in force on that
    day and whose coefficient for that month is above zero. Missing facts raise ValueError,
    as in `coefficient`."""
    _check_same_person(facts_list)
    return any(f.in_force_on(day) and coefficient(f, day.year, day.month) > 0 for f in facts_list)


def funeral_support(level_rows, death_date, province_amount=None, province=None):
    """Art. 11: funeral support in đồng, at least 20 × the standard level in force on the day of
    death (the province's own level when `province` is given and has one). A provincial amount
    is used when it is at least that minimum; a lower one is refused."""
    check_rules_in_force(death_date)
    level = level_in_force(level_rows, death_date, province).amount
    minimum = _to_dong(level * COEFFICIENTS["11/funeral_minimum"])
    if province_amount is None:
        return minimum
    if isinstance(province_amount, bool) or not isinstance(province_amount, int):
        raise ValueError("Mức hỗ trợ mai táng của tỉnh phải là một số nguyên đồng.")
    if province_amount < minimum:
        raise ValueError(
            f"Mức hỗ trợ mai táng của tỉnh ({_dong(province_amount)}) thấp hơn mức tối thiểu "
            f"{_dong(minimum)} (20 lần mức chuẩn trợ giúp xã hội {_dong(level)}, Điều 11 Nghị định "
            f"20/2021/NĐ-CP)."
        )
    return province_amount


def caregiver_coefficient(
    kind,
    *,
    ward_age=None,
    pregnant=False,
    children_under_36_months=0,
    disability_level=None,
    spouse_receives=False,
):
    """Art. 20: coefficient of the monthly support paid to a caregiver (× the standard level).

    - FOSTER_CHILD (fostering a cl.1 child; ward_age = the child's age in the month, see
      `age_in_month`): under 4 → 2,5; 4 to under 16 → 1,5; 16 and over → 0.
    - FOSTER_ELDER (caring for a cl.5d elder): 1,5.
    - DISABLED_PARENT (a severely or especially severely disabled person, disability_level
      required): pregnant, or raising one child under 36 months → 1,5; pregnant and raising
      one, or raising two or more → 2,0; neither → 0. One payment per couple: pass
      spouse_receives=True for the spouse whose partner is already paid → 0.
    - HOUSEHOLD_DISABLED (household caring for an especially severely disabled member): 1,0.
    - TAKE_IN_DISABLED (taking in an especially severely disabled person; ward_age required):
      1,5; a child (under 16) → 2,5."""
    kind = CaregiverKind(kind)
    if ward_age is not None and ward_age < 0:
        raise ValueError("Tuổi của người được chăm sóc không được âm.")
    if children_under_36_months < 0:
        raise ValueError("Số con dưới 36 tháng tuổi không được âm.")
    if kind in (CaregiverKind.FOSTER_CHILD, CaregiverKind.TAKE_IN_DISABLED) and ward_age is None:
        raise ValueError("Thiếu tuổi của người được nhận chăm sóc, nuôi dưỡng.")
    if kind is CaregiverKind.FOSTER_CHILD:
        if ward_age < 4:
            return COEFFICIENTS["20/foster_child_under_4"]
        if ward_age < 16:
            return COEFFICIENTS["20/foster_child_4_to_under_16"]
        return ZERO
    if kind is CaregiverKind.FOSTER_ELDER:
        return COEFFICIENTS["20/foster_elder_5.5d"]
    if kind is CaregiverKind.DISABLED_PARENT:
        if disability_level is None:
            raise ValueError(
                "Người khuyết tật mang thai hoặc nuôi con dưới 36 tháng tuổi phải có mức độ "
                "khuyết tật nặng hoặc đặc biệt nặng."
            )
        DisabilityLevel(disability_level)
        if spouse_receives:
            return ZERO
        if (pregnant and children_under_36_months >= 1) or children_under_36_months >= 2:
            return COEFFICIENTS["20/disabled_parent_pregnant_and_child_or_two_children"]
        if pregnant or children_under_36_months == 1:
            return COEFFICIENTS["20/disabled_parent_pregnant_or_one_child"]
        return ZERO
    if kind is CaregiverKind.HOUSEHOLD_DISABLED:
        return COEFFICIENTS["20/household_especially_severe_disability"]
    # TAKE_IN_DISABLED
    if ward_age < CHILD_UNDER:
        return COEFFICIENTS["20/take_in_especially_severe_disability_child"]
    return COEFFICIENTS["20/take_in_especially_severe_disability"]
