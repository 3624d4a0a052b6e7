"""Social assistance rules (Decree 20/2021/NĐ-CP, amended by Decree 76/2024/NĐ-CP).

Every expected value is worked out by hand in the comment next to it. Levels come from
data/levels.csv (read here, in the test: rules.py never reads files)."""

import csv
from datetime import date
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import pytest

from ansinh.welfare.rules import (
    COEFFICIENTS,
    CaregiverKind,
    CaseFacts,
    Category,
    DisabilityLevel,
    LevelRow,
    NotInForce,
    age_in_month,
    caregiver_coefficient,
    coefficient,
    eligibility_errors,
    entitlement_table,
    funeral_support,
    health_insurance_eligible,
    level_in_force,
    monthly_amount,
    monthly_coefficient,
    months_between,
)

DATA = Path(__file__).resolve().parent.parent / "data"
D = Decimal
C = Category
SEVERE, ESPECIALLY = DisabilityLevel.SEVERE, DisabilityLevel.ESPECIALLY_SEVERE


def _date(text):
    return date.fromisoformat(text) if text else None


def load_levels():
    with open(DATA / "levels.csv", encoding="utf-8", newline="") as f:
        return [
            LevelRow(
                valid_from=_date(r["valid_from"]),
                valid_to=_date(r["valid_to"]),
                amount=int(r["amount"]),
                citation=r["citation"],
                province=r["province"] or None,
            )
            for r in csv.DictReader(f)
        ]


LEVELS = load_levels()
PROVINCE_94 = LevelRow(
    date(2024, 7, 1), None, 600_000, "Nghị quyết của HĐND tỉnh (ví dụ kiểm thử)", "94"
)


# --------------------------------------------------------------------------- data files


def test_levels_csv_columns_and_rows():
    with open(DATA / "levels.csv", encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == ["valid_from", "valid_to", "amount", "province", "citation"]
        rows = list(reader)
    assert [(r["valid_from"], r["valid_to"], r["amount"], r["province"]) for r in rows] == [
        ("2010-01-01", "2013-12-31", "180000", ""),
        ("2014-01-01", "2021-06-30", "270000", ""),
        ("2021-07-01", "2024-06-30", "360000", ""),
        ("2024-07-01", "", "500000", ""),
    ]
    assert "13/2010/NĐ-CP" in rows[0]["citation"] and "136/2013/NĐ-CP" in rows[1]["citation"]
    assert "20/2021/NĐ-CP" in rows[2]["citation"] and "76/2024/NĐ-CP" in rows[3]["citation"]
    # Amounts not in ../shared/reference/ (only 360.000 and 500.000 are) are marked UNCONFIRMED.
    assert [r["citation"].startswith("UNCONFIRMED") for r in rows] == [True, True, False, False]
    # The UNCONFIRMED 540.000 đ level must not be shipped.
    assert all(r["amount"] != "540000" for r in rows)


def test_national_levels_do_not_overlap_or_leave_gaps():
    national = sorted((r for r in LEVELS if r.province is None), key=lambda r: r.valid_from)
    for before, after in pairwise(national):
        # 2024-06-30 + 1 day = 2024-07-01: contiguous.
        assert before.valid_to is not None and (after.valid_from - before.valid_to).days == 1
    assert national[-1].valid_to is None


def test_coefficients_csv_agrees_with_rules_mapping():
    with open(DATA / "coefficients.csv", encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == [
            "key",
            "category",
            "condition",
            "coefficient",
            "valid_from",
            "valid_to",
            "citation",
        ]
        rows = list(reader)
    keys = [r["key"] for r in rows]
    assert len(keys) == len(set(keys)), "duplicate keys in coefficients.csv"
    in_force = {r["key"]: D(r["coefficient"]) for r in rows if not r["valid_to"]}
    assert in_force == COEFFICIENTS
    for r in rows:
        assert r["key"].split("/")[0] == r["category"]
        assert r["citation"].startswith("Nghị định 20/2021/NĐ-CP")
        assert r["condition"].strip()
    # Every category of Art. 5 is documented in the file.
    assert {c.value for c in Category} <= {r["category"] for r in rows}


# --------------------------------------------------------------------------- standard level


@pytest.mark.parametrize(
    "day, province, expected",
    [
        (date(2010, 1, 1), None, 180_000),  # Decree 13/2010 (UNCONFIRMED)
        (date(2013, 12, 31), None, 180_000),  # last day before Decree 136/2013
        (date(2014, 1, 1), None, 270_000),  # Decree 136/2013 (UNCONFIRMED)
        (date(2021, 6, 30), None, 270_000),  # last day before Decree 20/2021
        (date(2021, 7, 1), None, 360_000),  # first day of Decree 20/2021
        (date(2024, 6, 30), None, 360_000),  # last day before Decree 76/2024
        (date(2024, 7, 1), None, 500_000),  # Decree 76/2024
        (date(2030, 1, 1), None, 500_000),  # open-ended row
        (date(2024, 6, 30), "94", 360_000),  # province 94 has no row yet → national
        (date(2024, 7, 1), "94", 600_000),  # province 94's own higher level wins
        (date(2024, 7, 1), "01", 500_000),  # another province → national
    ],
)
def test_level_in_force(day, province, expected):
    assert level_in_force(LEVELS + [PROVINCE_94], day, province).amount == expected


def test_level_in_force_province_none_ignores_provincial_rows():
    assert level_in_force(LEVELS + [PROVINCE_94], date(2024, 7, 1)).amount == 500_000


def test_no_level_in_force_is_a_vietnamese_error():
    with pytest.raises(
        NotInForce,
        match="Không có mức chuẩn trợ giúp xã hội nào có hiệu lực ngày 31/12/2009 "
        "\\(chưa có mức chuẩn / chưa có quy định cho tháng này\\)",
    ):
        level_in_force(LEVELS, date(2009, 12, 31))


# (year, month) → the monthly allowance of an 80-year-old of cl.5a (coefficient 2,0), or the
# Vietnamese reason nothing is computed: the coefficients of Decree 136/2013 are not loaded.
@pytest.mark.parametrize(
    "year, month, expected",
    [
        (2009, 12, "chưa có mức chuẩn / chưa có quy định cho tháng này"),  # before any level
        (
            2015,
            1,
            "Tháng 01/2015: chưa có mức chuẩn / chưa có quy định cho tháng này",
        ),  # level 270.000, no coefficients
        (
            2021,
            6,
            "Tháng 06/2021: chưa có mức chuẩn / chưa có quy định cho tháng này",
        ),  # 30/06/2021: still Decree 136/2013
        (2021, 7, 720_000),  # 01/07/2021: 360.000 × 2,0
        (2024, 6, 720_000),  # 30/06/2024: 360.000 × 2,0
        (2024, 7, 1_000_000),  # 01/07/2024: 500.000 × 2,0
    ],
)
def test_amount_at_the_level_boundaries(year, month, expected):
    facts = [CaseFacts(category=C.CL5A, birth_date=date(1930, 1, 1))]
    if isinstance(expected, int):
        assert monthly_amount(LEVELS, facts, year, month) == expected
        assert entitlement_table(LEVELS, facts, (year, month), (year, month))[0].amount == expected
    else:
        for compute in (
            lambda: monthly_amount(LEVELS, facts, year, month),
            lambda: entitlement_table(LEVELS, facts, (year, month), (year, month)),
            lambda: monthly_coefficient(facts, year, month),
        ):
            with pytest.raises(NotInForce, match=expected):
                compute()


def test_funeral_support_before_decree_20_is_not_computed():
    with pytest.raises(NotInForce, match="Tháng 06/2021"):
        funeral_support(LEVELS, date(2021, 6, 30))
    assert funeral_support(LEVELS, date(2021, 7, 1)) == 7_200_000  # 20 × 360.000


def test_provincial_level_lower_than_national_is_refused():
    low = LevelRow(date(2024, 7, 1), None, 400_000, "thử", "94")
    with pytest.raises(ValueError, match="thấp hơn mức chuẩn toàn quốc"):
        level_in_force(LEVELS + [low], date(2024, 8, 1), "94")


def test_overlapping_national_rows_are_refused():
    extra = LevelRow(date(2024, 1, 1), None, 450_000, "thử", None)
    with pytest.raises(ValueError, match="Có nhiều mức chuẩn"):
        level_in_force(LEVELS + [extra], date(2024, 8, 1))


# --------------------------------------------------------------------------- ages


@pytest.mark.parametrize(
    "birth, year, month, expected",
    [
        # Birthday on the 1st: 01/03/1944 → 80 in March 2024, still 79 in February.
        (date(1944, 3, 1), 2024, 3, 80),
        (date(1944, 3, 1), 2024, 2, 79),
        # Birthday on the last day of the month: 31/03/1944 → already 80 for the whole of March.
        (date(1944, 3, 31), 2024, 3, 80),
        (date(1944, 3, 31), 2024, 2, 79),
        (date(1944, 3, 31), 2024, 4, 80),
        # 29/02 in a non-leap year: 2023 − 1944 = 79 reached in February 2023 (no 29/02 that year).
        (date(1944, 2, 29), 2023, 2, 79),
        (date(1944, 2, 29), 2023, 1, 78),
        (date(1944, 2, 29), 2023, 3, 79),
        (date(1944, 2, 29), 2024, 2, 80),  # leap year: same month
        # Birth month itself is age 0; the month before is −1 (not born).
        (date(2024, 5, 15), 2024, 5, 0),
        (date(2024, 5, 15), 2024, 4, -1),
        # December birthday: 2024 − 2000 − 1 = 23 in November, 24 in December.
        (date(2000, 12, 31), 2024, 11, 23),
        (date(2000, 12, 31), 2024, 12, 24),
    ],
)
def test_age_in_month(birth, year, month, expected):
    assert age_in_month(birth, year, month) == expected


def test_age_in_month_rejects_bad_month():
    with pytest.raises(ValueError, match="Tháng 13 không hợp lệ"):
        age_in_month(date(2000, 1, 1), 2024, 13)


@pytest.mark.parametrize(
    "year, month, expected",
    [
        # Birth year 1944 only → taken as 01/01/1944 → turns 80 in January 2024.
        (2023, 12, D("1.5")),  # 79 → cl.5a 60–80
        (2024, 1, D("2.0")),  # 80 → cl.5a 80+
    ],
)
def test_year_only_birth_is_taken_as_first_of_january(year, month, expected):
    facts = CaseFacts(C.CL5A, birth_year=1944)
    assert facts.effective_birth_date == date(1944, 1, 1)
    assert coefficient(facts, year, month) == expected


# --------------------------------------------------------------------------- coefficient table


# All evaluated for June 2024; the age is 2024 − birth year, minus 1 when the birth month is after June.
@pytest.mark.parametrize(
    "facts, expected",
    [
        # cl.1: born 10/01/2022 → 2 → under 4 → 2,5
        (CaseFacts(C.CL1, birth_date=date(2022, 1, 10)), D("2.5")),
        # cl.1: born 05/05/2015 → 9 → 4 and over → 1,5
        (CaseFacts(C.CL1, birth_date=date(2015, 5, 5)), D("1.5")),
        # cl.1: born 30/06/2008 → 16 in June 2024 → no longer a cl.1 child → 0
        (CaseFacts(C.CL1, birth_date=date(2008, 6, 30)), D("0")),
        # cl.2: born 01/01/2006 → 18, studying → 1,5
        (CaseFacts(C.CL2, birth_date=date(2006, 1, 1), is_studying=True), D("1.5")),
        # cl.2: born 15/06/2002 → 22 in June 2024 → 0
        (CaseFacts(C.CL2, birth_date=date(2002, 6, 15), is_studying=True), D("0")),
        # cl.2: born 01/03/2009 → 15 → too young for cl.2 → 0
        (CaseFacts(C.CL2, birth_date=date(2009, 3, 1), is_studying=True), D("0")),
        # cl.2: 18 but not studying → 0
        (CaseFacts(C.CL2, birth_date=date(2006, 1, 1)), D("0")),
        # cl.3: born 01/07/2021 → 2024 − 2021 − 1 = 2 (birthday in July) → under 4 → 2,5
        (CaseFacts(C.CL3, birth_date=date(2021, 7, 1), hiv=True), D("2.5")),
        # cl.3: born 02/02/2014 → 10 → 4 to under 16 → 2,0
        (CaseFacts(C.CL3, birth_date=date(2014, 2, 2), hiv=True), D("2.0")),
        # cl.3: born 01/01/2008 → 16 → 0
        (CaseFacts(C.CL3, birth_date=date(2008, 1, 1), hiv=True), D("0")),
        # cl.3 without HIV → 0
        (CaseFacts(C.CL3, birth_date=date(2014, 2, 2)), D("0")),
        # cl.4: 1,0 per child: 1 → 1,0; 2 → 2,0; 3 → 3,0; none → 0
        (CaseFacts(C.CL4, children_count=1), D("1.0")),
        (CaseFacts(C.CL4, children_count=2), D("2.0")),
        (CaseFacts(C.CL4, children_count=3), D("3.0")),
        (CaseFacts(C.CL4, children_count=0), D("0")),
        # cl.5a: born 20/06/1960 → 64 → 1,5
        (CaseFacts(C.CL5A, birth_date=date(1960, 6, 20)), D("1.5")),
        # cl.5a: born 01/07/1944 → 2024 − 1944 − 1 = 79 → 1,5
        (CaseFacts(C.CL5A, birth_date=date(1944, 7, 1)), D("1.5")),
        # cl.5a: born 30/06/1944 → 80 in June 2024 → 2,0
        (CaseFacts(C.CL5A, birth_date=date(1944, 6, 30)), D("2.0")),
        # cl.5a: born 1970 → 54 → 0
        (CaseFacts(C.CL5A, birth_year=1970), D("0")),
        # cl.5b: born 03/03/1948 → 76 → 1,0
        (CaseFacts(C.CL5B, birth_date=date(1948, 3, 3)), D("1.0")),
        # cl.5b: born 1944 (→ 01/01) → 80 → beyond 75–under 80 → 0
        (CaseFacts(C.CL5B, birth_year=1944), D("0")),
        # cl.5b: born 1950 → 74 → 0
        (CaseFacts(C.CL5B, birth_year=1950), D("0")),
        # cl.5c: born 1940 → 84 → 1,0
        (CaseFacts(C.CL5C, birth_year=1940), D("1.0")),
        # cl.5c: born 1950 → 74 → 0
        (CaseFacts(C.CL5C, birth_year=1950), D("0")),
        # cl.5d: born 1950 → 74 → 3,0
        (CaseFacts(C.CL5D, birth_year=1950), D("3.0")),
        # cl.5d: born 1970 → 54, not elderly → 0
        (CaseFacts(C.CL5D, birth_year=1970), D("0")),
        # cl.6 especially severe: born 1990 → 34 adult → 2,0; born 2015 → 9 child → 2,5; born 1960 → 64 elderly → 2,5
        (CaseFacts(C.CL6, birth_year=1990, disability_level=ESPECIALLY), D("2.0")),
        (CaseFacts(C.CL6, birth_year=2015, disability_level=ESPECIALLY), D("2.5")),
        (CaseFacts(C.CL6, birth_year=1960, disability_level=ESPECIALLY), D("2.5")),
        # cl.6 severe: adult 1,5; child 2,0; elderly 2,0
        (CaseFacts(C.CL6, birth_year=1990, disability_level=SEVERE), D("1.5")),
        (CaseFacts(C.CL6, birth_year=2015, disability_level=SEVERE), D("2.0")),
        (CaseFacts(C.CL6, birth_year=1960, disability_level=SEVERE), D("2.0")),
        # cl.6 boundaries: born 01/06/2008 → 16 in June 2024 → adult → severe 1,5;
        # born 15/06/1964 → 60 in June 2024 → elderly → severe 2,0; born 15/07/1964 → 59 → adult 1,5
        (CaseFacts(C.CL6, birth_date=date(2008, 6, 1), disability_level=SEVERE), D("1.5")),
        (CaseFacts(C.CL6, birth_date=date(1964, 6, 15), disability_level=SEVERE), D("2.0")),
        (CaseFacts(C.CL6, birth_date=date(1964, 7, 15), disability_level=SEVERE), D("1.5")),
        # codes are accepted for the disability level: "dac_biet_nang", adult → 2,0
        (CaseFacts("5.6", birth_year=1990, disability_level="dac_biet_nang"), D("2.0")),
        # cl.7: born 2023 → 1 → 1,5; born 30/06/2021 → 3 in June 2024 → 0
        (CaseFacts(C.CL7, birth_year=2023), D("1.5")),
        (CaseFacts(C.CL7, birth_date=date(2021, 6, 30)), D("0")),
        # cl.8: HIV → 1,5 (no age needed); without HIV → 0
        (CaseFacts(C.CL8, hiv=True), D("1.5")),
        (CaseFacts(C.CL8), D("0")),
    ],
)
def test_coefficient_table(facts, expected):
    result = coefficient(facts, 2024, 6)
    assert isinstance(result, Decimal)
    assert result == expected


@pytest.mark.parametrize(
    "birth, month, expected",
    [
        # cl.1 child born 31/03/2020 turns 4 on 31/03/2024: February age 3 → 2,5; March age 4 → 1,5.
        (date(2020, 3, 31), 2, D("2.5")),
        (date(2020, 3, 31), 3, D("1.5")),
        # Same with the birthday on the 1st: 01/03/2020 → March already 1,5.
        (date(2020, 3, 1), 2, D("2.5")),
        (date(2020, 3, 1), 3, D("1.5")),
    ],
)
def test_age_band_changes_for_the_whole_birthday_month(birth, month, expected):
    assert coefficient(CaseFacts(C.CL1, birth_date=birth), 2024, month) == expected


def test_cl1_to_cl2_hand_over_in_the_sixteenth_birthday_month():
    # Born 10/03/2008, studying: February 2024 age 15 → cl.1 1,5 and cl.2 0;
    # March 2024 age 16 → cl.1 0 and cl.2 1,5. The person is paid 1,5 both months.
    cl1 = CaseFacts(C.CL1, birth_date=date(2008, 3, 10))
    cl2 = CaseFacts(C.CL2, birth_date=date(2008, 3, 10), is_studying=True)
    assert (coefficient(cl1, 2024, 2), coefficient(cl2, 2024, 2)) == (D("1.5"), D("0"))
    assert (coefficient(cl1, 2024, 3), coefficient(cl2, 2024, 3)) == (D("0"), D("1.5"))
    assert [monthly_coefficient([cl1, cl2], 2024, m) for m in (2, 3)] == [D("1.5"), D("1.5")]


def test_not_yet_born_month_is_zero():
    # cl.7 child born 15/05/2024: April 2024 → −1 → 0; May 2024 → 0 years → 1,5.
    facts = CaseFacts(C.CL7, birth_date=date(2024, 5, 15))
    assert coefficient(facts, 2024, 4) == D("0")
    assert coefficient(facts, 2024, 5) == D("1.5")


@pytest.mark.parametrize(
    "facts, message",
    [
        (CaseFacts(C.CL1), "Thiếu ngày sinh hoặc năm sinh để xác định độ tuổi."),
        (
            CaseFacts(C.CL6, birth_year=1990),
            "Đối tượng khoản 6 Điều 5 phải có mức độ khuyết tật nặng hoặc đặc biệt nặng.",
        ),
    ],
)
def test_coefficient_refuses_missing_facts(facts, message):
    with pytest.raises(ValueError, match=message):
        coefficient(facts, 2024, 6)


def test_decision_period_counts_whole_months():
    # Decision in force 15/03/2024 – 10/10/2024: February 0, March 1,5 (in force on part of it),
    # October 1,5, November 0.
    facts = CaseFacts(
        C.CL5A, birth_year=1950, valid_from=date(2024, 3, 15), valid_to=date(2024, 10, 10)
    )
    assert [coefficient(facts, 2024, m) for m in (2, 3, 10, 11)] == [
        D("0"),
        D("1.5"),
        D("1.5"),
        D("0"),
    ]


# --------------------------------------------------------------------------- facts


def test_case_facts_accepts_codes_and_checks_consistency():
    assert CaseFacts("5.5a", birth_year=1950).category is C.CL5A
    assert C.CL5A.label.startswith("Người cao tuổi")
    with pytest.raises(ValueError):
        CaseFacts("5.9")
    with pytest.raises(ValueError, match="Năm sinh không khớp với ngày sinh."):
        CaseFacts(C.CL1, birth_date=date(2020, 1, 1), birth_year=2019)
    with pytest.raises(ValueError, match="Số con đang nuôi không được âm."):
        CaseFacts(C.CL4, children_count=-1)
    with pytest.raises(ValueError, match="Ngày hết hiệu lực"):
        CaseFacts(C.CL8, hiv=True, valid_from=date(2024, 5, 1), valid_to=date(2024, 4, 30))


# --------------------------------------------------------------------------- eligibility errors


@pytest.mark.parametrize(
    "facts, day, expected",
    [
        # cl.1 born 20/04/2008 → 16 in April 2024 → the whole of April is out (month convention).
        (
            CaseFacts(C.CL1, birth_date=date(2008, 4, 20)),
            date(2024, 4, 1),
            ["Đối tượng khoản 1 Điều 5 phải dưới 16 tuổi."],
        ),
        # … but 15 in March 2024 → fine.
        (CaseFacts(C.CL1, birth_date=date(2008, 4, 20)), date(2024, 3, 31), []),
        # cl.2 aged 23 and not studying → two reasons.
        (
            CaseFacts(C.CL2, birth_year=2001),
            date(2024, 6, 1),
            [
                "Đối tượng khoản 2 Điều 5 phải từ đủ 16 tuổi đến dưới 22 tuổi.",
                "Đối tượng khoản 2 Điều 5 phải đang đi học (phổ thông, giáo dục nghề nghiệp hoặc đại học văn bằng thứ nhất).",
            ],
        ),
        (
            CaseFacts(C.CL3, birth_year=2015),
            date(2024, 6, 1),
            ["Đối tượng khoản 3 Điều 5 phải là trẻ em nhiễm HIV/AIDS."],
        ),
        (
            CaseFacts(C.CL4),
            date(2024, 6, 1),
            ["Đối tượng khoản 4 Điều 5 phải đang nuôi ít nhất một con."],
        ),
        (
            CaseFacts(C.CL5A, birth_year=1970),
            date(2024, 6, 1),
            ["Đối tượng điểm a khoản 5 Điều 5 phải từ đủ 60 tuổi trở lên."],
        ),
        (
            CaseFacts(C.CL5B, birth_year=1940),
            date(2024, 6, 1),
            ["Đối tượng điểm b khoản 5 Điều 5 phải từ đủ 75 tuổi đến dưới 80 tuổi."],
        ),
        (
            CaseFacts(C.CL5C, birth_year=1950),
            date(2024, 6, 1),
            ["Đối tượng điểm c khoản 5 Điều 5 phải từ đủ 80 tuổi trở lên."],
        ),
        (
            CaseFacts(C.CL5D, birth_year=1970),
            date(2024, 6, 1),
            ["Đối tượng điểm d khoản 5 Điều 5 phải từ đủ 60 tuổi trở lên."],
        ),
        (
            CaseFacts(C.CL6, birth_year=1990),
            date(2024, 6, 1),
            ["Đối tượng khoản 6 Điều 5 phải có mức độ khuyết tật nặng hoặc đặc biệt nặng."],
        ),
        (
            CaseFacts(C.CL7, birth_year=2020),
            date(2024, 6, 1),
            ["Đối tượng khoản 7 Điều 5 phải dưới 3 tuổi."],
        ),
        (
            CaseFacts(C.CL8),
            date(2024, 6, 1),
            ["Đối tượng khoản 8 Điều 5 phải là người nhiễm HIV/AIDS."],
        ),
        (
            CaseFacts(C.CL5A),
            date(2024, 6, 1),
            ["Thiếu ngày sinh hoặc năm sinh để xác định độ tuổi."],
        ),
        (
            CaseFacts(C.CL7, birth_date=date(2024, 8, 1)),
            date(2024, 6, 1),
            ["Người này chưa sinh vào tháng đang xét."],
        ),
        # Fitting cases give no errors.
        (CaseFacts(C.CL6, birth_year=1990, disability_level=SEVERE), date(2024, 6, 1), []),
        (CaseFacts(C.CL8, hiv=True), date(2024, 6, 1), []),
    ],
)
def test_eligibility_errors(facts, day, expected):
    assert eligibility_errors(facts, day) == expected


# --------------------------------------------------------------------------- several categories


@pytest.mark.parametrize(
    "facts_list, expected",
    [
        # June 2024 throughout. Born 1950 → 74.
        # cl.5a 1,5 and cl.6 severe elderly 2,0 → highest only: 2,0 (not 3,5)
        (
            [
                CaseFacts(C.CL5A, birth_year=1950),
                CaseFacts(C.CL6, birth_year=1950, disability_level=SEVERE),
            ],
            D("2.0"),
        ),
        # born 1940 → 84: cl.5a 80+ 2,0 and cl.5c 1,0 → 2,0
        ([CaseFacts(C.CL5A, birth_year=1940), CaseFacts(C.CL5C, birth_year=1940)], D("2.0")),
        # born 2015 → 9: cl.1 1,5 and cl.6 especially severe child 2,5 → 2,5
        (
            [
                CaseFacts(C.CL1, birth_year=2015),
                CaseFacts(C.CL6, birth_year=2015, disability_level=ESPECIALLY),
            ],
            D("2.5"),
        ),
        # born 2022 → 2: cl.3 2,5 and cl.8 1,5 → 2,5
        ([CaseFacts(C.CL3, birth_year=2022, hiv=True), CaseFacts(C.CL8, hiv=True)], D("2.5")),
        # a category that does not apply (cl.5a at 54 → 0) does not count: cl.8 1,5 alone
        ([CaseFacts(C.CL5A, birth_year=1970), CaseFacts(C.CL8, hiv=True)], D("1.5")),
        # nothing at all → 0
        ([], D("0")),
    ],
)
def test_highest_coefficient_only(facts_list, expected):
    assert monthly_coefficient(facts_list, 2024, 6) == expected


@pytest.mark.parametrize(
    "facts_list, expected",
    [
        # cl.4 with 2 children (2,0) + cl.5a at 70 (born 1954, 1,5) → both: 2,0 + 1,5 = 3,5
        (
            [
                CaseFacts(C.CL4, birth_year=1954, children_count=2),
                CaseFacts(C.CL5A, birth_year=1954),
            ],
            D("3.5"),
        ),
        # cl.4 with 1 child (1,0) + cl.6 especially severe adult (born 1990, 2,0) → 3,0
        (
            [
                CaseFacts(C.CL4, children_count=1),
                CaseFacts(C.CL6, birth_year=1990, disability_level=ESPECIALLY),
            ],
            D("3.0"),
        ),
        # cl.4 with 1 child (1,0) + cl.8 (1,5) → 2,5
        ([CaseFacts(C.CL4, children_count=1), CaseFacts(C.CL8, hiv=True)], D("2.5")),
        # cl.4 1 child + cl.5a at 74 (1,5) + cl.6 severe elderly (2,0) → 1,0 + highest of the others 2,0 = 3,0
        (
            [
                CaseFacts(C.CL4, birth_year=1950, children_count=1),
                CaseFacts(C.CL5A, birth_year=1950),
                CaseFacts(C.CL6, birth_year=1950, disability_level=SEVERE),
            ],
            D("3.0"),
        ),
        # cl.4 1 child + cl.2 (born 2005 → 19, studying, 1,5): cl.2 is not in 5/6/8 → highest only 1,5
        (
            [
                CaseFacts(C.CL4, birth_year=2005, children_count=1),
                CaseFacts(C.CL2, birth_year=2005, is_studying=True),
            ],
            D("1.5"),
        ),
        # cl.4 2 children + cl.5a that does not apply (born 1970 → 54) → cl.4 alone 2,0
        (
            [
                CaseFacts(C.CL4, birth_year=1970, children_count=2),
                CaseFacts(C.CL5A, birth_year=1970),
            ],
            D("2.0"),
        ),
    ],
)
def test_single_parent_exception(facts_list, expected):
    assert monthly_coefficient(facts_list, 2024, 6) == expected


def test_single_parent_exception_amounts_across_the_level_change():
    # 3,5 × 360.000 = 1.260.000 (June 2024); 3,5 × 500.000 = 1.750.000 (July 2024).
    person = [
        CaseFacts(C.CL4, birth_year=1954, children_count=2),
        CaseFacts(C.CL5A, birth_year=1954),
    ]
    assert monthly_amount(LEVELS, person, 2024, 6) == 1_260_000
    assert monthly_amount(LEVELS, person, 2024, 7) == 1_750_000


def test_facts_of_different_people_are_refused():
    with pytest.raises(ValueError, match="không phải của cùng một người"):
        monthly_coefficient(
            [CaseFacts(C.CL5A, birth_year=1950), CaseFacts(C.CL5C, birth_year=1940)], 2024, 6
        )


# --------------------------------------------------------------------------- amounts


@pytest.mark.parametrize(
    "facts, month, expected",
    [
        # cl.5a aged 85 (born 1939): 2,0 × 360.000 = 720.000 in June; 2,0 × 500.000 = 1.000.000 in July
        (CaseFacts(C.CL5A, birth_year=1939), 6, 720_000),
        (CaseFacts(C.CL5A, birth_year=1939), 7, 1_000_000),
        # cl.1 under 4: 2,5 × 360.000 = 900.000; 2,5 × 500.000 = 1.250.000
        (CaseFacts(C.CL1, birth_year=2022), 6, 900_000),
        (CaseFacts(C.CL1, birth_year=2022), 7, 1_250_000),
        # cl.5d: 3,0 × 360.000 = 1.080.000; 3,0 × 500.000 = 1.500.000
        (CaseFacts(C.CL5D, birth_year=1950), 6, 1_080_000),
        (CaseFacts(C.CL5D, birth_year=1950), 7, 1_500_000),
        # cl.5a aged 70: 1,5 × 360.000 = 540.000; 1,5 × 500.000 = 750.000
        (CaseFacts(C.CL5A, birth_year=1954), 6, 540_000),
        (CaseFacts(C.CL5A, birth_year=1954), 7, 750_000),
    ],
)
def test_level_change_on_1_july_2024(facts, month, expected):
    amount = monthly_amount(LEVELS, [facts], 2024, month)
    assert type(amount) is int
    assert amount == expected


@pytest.mark.parametrize(
    "province, month, expected",
    [
        # cl.5a aged 85 (2,0): province 94 pays 600.000 × 2,0 = 1.200.000 from July 2024;
        # in June there is no provincial row → 360.000 × 2,0 = 720.000; another province → 1.000.000.
        ("94", 7, 1_200_000),
        ("94", 6, 720_000),
        ("01", 7, 1_000_000),
    ],
)
def test_province_specific_higher_level(province, month, expected):
    facts = [CaseFacts(C.CL5A, birth_year=1939)]
    assert monthly_amount(LEVELS + [PROVINCE_94], facts, 2024, month, province=province) == expected


def test_amount_rounds_half_up_to_the_dong():
    # Hypothetical level 333.333 × 1,5 = 499.999,5 → 500.000 (ROUND_HALF_UP).
    odd = [LevelRow(date(2024, 1, 1), None, 333_333, "thử")]
    assert monthly_amount(odd, [CaseFacts(C.CL8, hiv=True)], 2024, 6) == 500_000


def test_months_between():
    assert months_between(2024, 11, 2025, 2) == [(2024, 11), (2024, 12), (2025, 1), (2025, 2)]
    assert months_between(2024, 6, 2024, 6) == [(2024, 6)]
    with pytest.raises(ValueError, match="Tháng kết thúc đứng trước tháng bắt đầu."):
        months_between(2024, 6, 2024, 5)


def test_entitlement_table_2024_for_a_5a_person_turning_80_in_may():
    # Born 20/05/1944: 79 in Jan–Apr 2024 → 1,5; 80 from May → 2,0.
    # Level 360.000 in Jan–Jun, 500.000 in Jul–Dec.
    # Jan–Apr: 360.000 × 1,5 = 540.000; May–Jun: 360.000 × 2,0 = 720.000; Jul–Dec: 500.000 × 2,0 = 1.000.000.
    facts = [CaseFacts(C.CL5A, birth_date=date(1944, 5, 20))]
    table = entitlement_table(LEVELS, facts, (2024, 1), (2024, 12))
    assert table == [
        (2024, 1, 360_000, D("1.5"), 540_000),
        (2024, 2, 360_000, D("1.5"), 540_000),
        (2024, 3, 360_000, D("1.5"), 540_000),
        (2024, 4, 360_000, D("1.5"), 540_000),
        (2024, 5, 360_000, D("2.0"), 720_000),
        (2024, 6, 360_000, D("2.0"), 720_000),
        (2024, 7, 500_000, D("2.0"), 1_000_000),
        (2024, 8, 500_000, D("2.0"), 1_000_000),
        (2024, 9, 500_000, D("2.0"), 1_000_000),
        (2024, 10, 500_000, D("2.0"), 1_000_000),
        (2024, 11, 500_000, D("2.0"), 1_000_000),
        (2024, 12, 500_000, D("2.0"), 1_000_000),
    ]
    # 4 × 540.000 + 2 × 720.000 + 6 × 1.000.000 = 2.160.000 + 1.440.000 + 6.000.000 = 9.600.000
    assert sum(row.amount for row in table) == 9_600_000
    # Dates are accepted as bounds too.
    assert entitlement_table(LEVELS, facts, date(2024, 1, 15), date(2024, 12, 31)) == table


def test_entitlement_table_respects_the_decision_period():
    # cl.8 (1,5) decided from 15/03/2024: Feb 0; Mar 360.000 × 1,5 = 540.000.
    facts = [CaseFacts(C.CL8, hiv=True, valid_from=date(2024, 3, 15))]
    assert [row.amount for row in entitlement_table(LEVELS, facts, (2024, 2), (2024, 3))] == [
        0,
        540_000,
    ]


# --------------------------------------------------------------------------- caregivers (Art. 20)


@pytest.mark.parametrize(
    "kind, kwargs, expected",
    [
        (CaregiverKind.FOSTER_CHILD, {"ward_age": 0}, D("2.5")),  # under 4
        (CaregiverKind.FOSTER_CHILD, {"ward_age": 3}, D("2.5")),  # under 4
        (CaregiverKind.FOSTER_CHILD, {"ward_age": 4}, D("1.5")),  # 4 to under 16
        (CaregiverKind.FOSTER_CHILD, {"ward_age": 15}, D("1.5")),
        (CaregiverKind.FOSTER_CHILD, {"ward_age": 16}, D("0")),  # no longer a cl.1 child
        (CaregiverKind.FOSTER_ELDER, {}, D("1.5")),  # cl.5d elder
        # disabled parent: pregnant only → 1,5; one child < 36 months → 1,5
        (CaregiverKind.DISABLED_PARENT, {"disability_level": SEVERE, "pregnant": True}, D("1.5")),
        (
            CaregiverKind.DISABLED_PARENT,
            {"disability_level": ESPECIALLY, "children_under_36_months": 1},
            D("1.5"),
        ),
        # pregnant and raising one → 2,0; raising two → 2,0; raising three → 2,0
        (
            CaregiverKind.DISABLED_PARENT,
            {"disability_level": SEVERE, "pregnant": True, "children_under_36_months": 1},
            D("2.0"),
        ),
        (
            CaregiverKind.DISABLED_PARENT,
            {"disability_level": SEVERE, "children_under_36_months": 2},
            D("2.0"),
        ),
        (
            CaregiverKind.DISABLED_PARENT,
            {"disability_level": "nang", "children_under_36_months": 3},
            D("2.0"),
        ),
        # neither pregnant nor raising a young child → 0
        (CaregiverKind.DISABLED_PARENT, {"disability_level": SEVERE}, D("0")),
        # one payment per couple: the spouse of someone already paid → 0
        (
            CaregiverKind.DISABLED_PARENT,
            {"disability_level": SEVERE, "children_under_36_months": 1, "spouse_receives": True},
            D("0"),
        ),
        (CaregiverKind.HOUSEHOLD_DISABLED, {}, D("1.0")),
        (CaregiverKind.TAKE_IN_DISABLED, {"ward_age": 40}, D("1.5")),  # adult taken in
        (CaregiverKind.TAKE_IN_DISABLED, {"ward_age": 10}, D("2.5")),  # child taken in
        (CaregiverKind.TAKE_IN_DISABLED, {"ward_age": 16}, D("1.5")),  # 16 is no longer a child
        ("take_in_disabled", {"ward_age": 70}, D("1.5")),  # code accepted
    ],
)
def test_caregiver_coefficient(kind, kwargs, expected):
    assert caregiver_coefficient(kind, **kwargs) == expected


@pytest.mark.parametrize(
    "kind, kwargs, message",
    [
        (CaregiverKind.FOSTER_CHILD, {}, "Thiếu tuổi của người được nhận chăm sóc, nuôi dưỡng."),
        (
            CaregiverKind.TAKE_IN_DISABLED,
            {},
            "Thiếu tuổi của người được nhận chăm sóc, nuôi dưỡng.",
        ),
        (
            CaregiverKind.FOSTER_CHILD,
            {"ward_age": -1},
            "Tuổi của người được chăm sóc không được âm.",
        ),
        (
            CaregiverKind.DISABLED_PARENT,
            {"pregnant": True},
            "phải có mức độ khuyết tật nặng hoặc đặc biệt nặng",
        ),
    ],
)
def test_caregiver_coefficient_refuses_missing_facts(kind, kwargs, message):
    with pytest.raises(ValueError, match=message):
        caregiver_coefficient(kind, **kwargs)


def test_caregiver_support_amount_example():
    # Fostering a 2-year-old in July 2024: 500.000 × 2,5 = 1.250.000.
    level = level_in_force(LEVELS, date(2024, 7, 1)).amount
    assert level * caregiver_coefficient(CaregiverKind.FOSTER_CHILD, ward_age=2) == 1_250_000


# --------------------------------------------------------------------------- funeral (Art. 11)


@pytest.mark.parametrize(
    "death, province_amount, province, expected",
    [
        (date(2024, 6, 30), None, None, 7_200_000),  # 20 × 360.000
        (date(2024, 7, 1), None, None, 10_000_000),  # 20 × 500.000
        (date(2024, 7, 1), 12_000_000, None, 12_000_000),  # provincial amount higher → used
        (date(2024, 7, 1), 10_000_000, None, 10_000_000),  # equal to the minimum → accepted
        (date(2024, 7, 1), None, "94", 12_000_000),  # 20 × provincial level 600.000
    ],
)
def test_funeral_support(death, province_amount, province, expected):
    rows = LEVELS + [PROVINCE_94]
    assert funeral_support(rows, death, province_amount, province=province) == expected


def test_funeral_support_refuses_a_lower_provincial_amount():
    # 5.000.000 < 20 × 500.000 = 10.000.000
    with pytest.raises(
        ValueError,
        match=r"Mức hỗ trợ mai táng của tỉnh \(5\.000\.000 đ\) thấp hơn mức tối thiểu "
        r"10\.000\.000 đ",
    ):
        funeral_support(LEVELS, date(2024, 7, 1), 5_000_000)


def test_funeral_support_refuses_a_non_integer_amount():
    with pytest.raises(ValueError, match="phải là một số nguyên đồng"):
        funeral_support(LEVELS, date(2024, 7, 1), 12_000_000.0)


# --------------------------------------------------------------------------- health insurance (Art. 9)


@pytest.mark.parametrize(
    "facts_list, day, expected",
    [
        # cl.5a aged 74 → monthly beneficiary → card
        ([CaseFacts(C.CL5A, birth_year=1950)], date(2024, 6, 15), True),
        # cl.1 who turned 16 in June 2024 → no longer a beneficiary that month
        ([CaseFacts(C.CL1, birth_date=date(2008, 6, 20))], date(2024, 6, 1), False),
        # decision ended 31/05/2024
        ([CaseFacts(C.CL8, hiv=True, valid_to=date(2024, 5, 31))], date(2024, 6, 1), False),
        # decision from 15/03/2024: not yet on 14/03, yes on 15/03
        ([CaseFacts(C.CL8, hiv=True, valid_from=date(2024, 3, 15))], date(2024, 3, 14), False),
        ([CaseFacts(C.CL8, hiv=True, valid_from=date(2024, 3, 15))], date(2024, 3, 15), True),
        # several categories → still one card (a single yes)
        (
            [
                CaseFacts(C.CL4, birth_year=1954, children_count=2),
                CaseFacts(C.CL5A, birth_year=1954),
            ],
            date(2024, 6, 1),
            True,
        ),
        ([], date(2024, 6, 1), False),
    ],
)
def test_health_insurance_eligible(facts_list, day, expected):
    assert health_insurance_eligible(facts_list, day) is expected
