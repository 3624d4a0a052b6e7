"""Hand-worked amounts of the merit rules, per category and per decree version (regulations.md §2)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ansinh.merit import rules
from ansinh.merit.rules import Assessment as A
from ansinh.merit.rules import RecordFacts

from .tabledata import shipped_rules, shipped_tables

TABLES = shipped_tables()
RULES = shipped_rules()
M = lambda y, m: date(y, m, 1)  # noqa: E731
JULY_2021 = M(2021, 7)


def facts(
    code,
    rate=None,
    severe=False,
    caregiver=None,
    start=JULY_2021,
    end=None,
    birth=None,
    parent=None,
    results=None,
):
    assessments = results or ((A(M(2021, 7), rate, severe),) if rate is not None else ())
    return RecordFacts(
        RULES[code],
        start,
        end,
        assessments,
        caregiver,
        None,
        birth,
        (A(M(2021, 7), parent),) if parent is not None else (),
    )


# category, facts, month, amount: hand-worked from the decree tables.
CASES = [
    # Toxic chemicals (Agent Orange), by band — every version and the month a table starts.
    ("AO 30% under 75/2021", facts("CDHH", 30), M(2021, 7), 1_234_000),
    ("AO 30% last month of 75/2021", facts("CDHH", 30), M(2023, 6), 1_234_000),
    ("AO 30% first month of 55/2023", facts("CDHH", 30), M(2023, 7), 1_562_000),
    ("AO 30% first month of 77/2024", facts("CDHH", 30), M(2024, 7), 2_120_000),
    ("AO 41% (band edge) 55/2023", facts("CDHH", 41), M(2024, 1), 2_610_000),
    ("AO 60% (band edge) 77/2024", facts("CDHH", 60), M(2024, 8), 3_542_000),
    ("AO 61–80% 75/2021", facts("CDHH", 70), M(2022, 1), 2_891_000),
    ("AO 61–80% 77/2024", facts("CDHH", 80), M(2024, 12), 4_964_000),
    ("AO 85% + supplement 75/2021", facts("CDHH", 85), M(2022, 1), 3_703_000 + 815_000),
    ("AO 85% + supplement 55/2023", facts("CDHH", 85), M(2024, 6), 4_685_000 + 1_031_000),
    ("AO 85% + supplement 77/2024", facts("CDHH", 85), M(2024, 7), 6_358_000 + 1_399_000),
    (
        "AO 90% severe + caregiver 77/2024",
        facts("CDHH", 90, True, caregiver=M(2021, 7)),
        M(2024, 7),
        6_358_000 + 2_789_000 + 3_582_000,
    ),
    (
        "AO 85% + caregiver 55/2023",
        facts("CDHH", 85, caregiver=M(2021, 7)),
        M(2023, 7),
        4_685_000 + 1_031_000 + 2_055_000,
    ),
    ("AO 20%: below 21%, nothing", facts("CDHH", 20), M(2024, 7), 0),
    # AO children: by the parent's rate (77/2024).
    ("AO child, parent 70%", facts("CDHH_CON", parent=70), M(2024, 7), 1_673_000),
    ("AO child, parent 85%", facts("CDHH_CON", parent=85), M(2024, 7), 2_789_000),
    ("AO child, parent 50%: nothing", facts("CDHH_CON", parent=50), M(2024, 7), 0),
    # War invalids: the verified anchor rows of 77/2024.
    ("Invalid 21%", facts("TB_A", 21), M(2024, 7), 1_878_000),
    ("Invalid 41%", facts("TB_A", 41), M(2024, 7), 3_667_000),
    ("Invalid 61%", facts("TB_A", 61), M(2024, 7), 5_450_000),
    ("Invalid 81% + supplement", facts("TB_A", 81), M(2024, 7), 7_240_000 + 1_399_000),
    (
        "Invalid 81% severe + supplement + caregiver",
        facts("TB_A", 81, True, caregiver=M(2022, 1)),
        M(2024, 7),
        7_240_000 + 2_867_000 + 3_582_000,
    ),
    (
        "Invalid 100% + caregiver",
        facts("TB_A", 100, caregiver=M(2022, 1)),
        M(2024, 7),
        8_941_000 + 1_399_000 + 2_789_000,
    ),
    # Fixed amounts as multiples of the level (rounded to 1.000 đ).
    ("Martyr's parent 75/2021 (1,0 × level)", facts("TNLS"), M(2022, 3), 1_624_000),
    ("Martyr's parent 55/2023", facts("TNLS"), M(2023, 7), 2_055_000),
    ("Martyr's parent 77/2024", facts("TNLS"), M(2024, 7), 2_789_000),
    ("Heroic Mother 75/2021 (3,0 × level)", facts("MVNAH"), M(2022, 7), 4_872_000),
    ("Heroic Mother 55/2023", facts("MVNAH"), M(2023, 7), 6_165_000),
    ("Heroic Mother 77/2024", facts("MVNAH"), M(2024, 7), 8_367_000),
    (
        "Invalid 81% + caregiver 75/2021 (1,0 × level; 81% row to confirm)",
        facts("TB_A", 81, caregiver=M(2021, 7)),
        M(2021, 7),
        4_216_000 + 815_000 + 1_624_000,
    ),
    (
        "AO child, parent 85%, 55/2023 (data to confirm)",
        facts("CDHH_CON", parent=85),
        M(2023, 7),
        2_055_000,
    ),
    (
        "Caregiver starts: month before",
        facts("CDHH", 85, caregiver=M(2024, 8)),
        M(2024, 7),
        6_358_000 + 1_399_000,
    ),
    (
        "Caregiver starts: its month",
        facts("CDHH", 85, caregiver=M(2024, 8)),
        M(2024, 8),
        6_358_000 + 1_399_000 + 2_789_000,
    ),
    ("Martyr himself: no monthly allowance", facts("LS"), M(2024, 7), 0),
    ("Resistance activist: one-off only", facts("HDKC"), M(2024, 7), 0),
    # Record period and age.
    ("Before the start month", facts("TNLS", start=M(2023, 3)), M(2023, 2), 0),
    ("Ended (death in March: paid to March)", facts("TNLS", end=M(2024, 4)), M(2024, 3), 2_055_000),
    ("Ended: April not paid", facts("TNLS", end=M(2024, 4)), M(2024, 4), 0),
    (
        "Martyr's child, month before 18",
        facts("TNLS_CON", birth=date(2006, 5, 31)),
        M(2024, 4),
        2_055_000,
    ),
    (
        "Martyr's child, month of 18th birthday",
        facts("TNLS_CON", birth=date(2006, 5, 1)),
        M(2024, 5),
        0,
    ),
]


@pytest.mark.parametrize("label,record,month,expected", CASES, ids=[c[0] for c in CASES])
def test_monthly_amount(label, record, month, expected):
    assert rules.monthly_amount(record, month, TABLES).total == expected


def test_amount_names_the_table_and_parts():
    result = rules.monthly_amount(facts("CDHH", 85), M(2024, 7), TABLES)
    assert (
        result.version == "77/2024" and result.level == 2_789_000 and "77/2024" in result.citation
    )
    assert [value for _, value in result.parts] == [6_358_000, 1_399_000]


def test_no_table_before_the_first_decree():
    with pytest.raises(rules.RuleError, match="06/2021"):
        rules.monthly_amount(facts("CDHH", 30, start=M(2021, 1)), M(2021, 6), TABLES)


def test_missing_invalid_row_is_an_error_naming_the_rate():
    with pytest.raises(rules.RuleError, match="35%"):
        rules.monthly_amount(facts("TB_A", 35), M(2024, 7), TABLES)


def test_rate_follows_each_assessment_from_its_month():
    results = (A(M(2021, 7), 85), A(M(2023, 9), 50))
    record = facts("CDHH", results=results)
    assert [rules.monthly_amount(record, m, TABLES).total for m in (M(2023, 8), M(2023, 9))] == [
        5_716_000,
        2_610_000,
    ]


def test_later_result_in_the_same_month_wins():
    record = facts("CDHH", results=(A(M(2021, 7), 85), A(M(2021, 7), 30)))
    assert rules.monthly_amount(record, M(2022, 1), TABLES).total == 1_234_000


def test_rate_lowered_retroactively_across_a_table_change():
    """Assessed 85% from 07/2021 and paid so; lowered to 50% from 05/2023 (recorded later).
    05–06/2023 (75/2021): due 2.062.000, paid 4.518.000 → −2.456.000 each;
    07–08/2023 (55/2023): due 2.610.000, paid 5.716.000 → −3.106.000 each; total −11.124.000."""
    months = rules.months_between(M(2023, 5), M(2023, 8))
    paid = {
        M(2023, 5): 4_518_000,
        M(2023, 6): 4_518_000,
        M(2023, 7): 5_716_000,
        M(2023, 8): 5_716_000,
    }
    lowered = facts("CDHH", results=(A(M(2021, 7), 85), A(M(2023, 5), 50)))
    rows = rules.recalculate(lowered, months, paid, TABLES)
    assert [(r.version, r.due, r.difference) for r in rows] == [
        ("75/2021", 2_062_000, -2_456_000),
        ("75/2021", 2_062_000, -2_456_000),
        ("55/2023", 2_610_000, -3_106_000),
        ("55/2023", 2_610_000, -3_106_000),
    ]
    assert sum(r.difference for r in rows) == -11_124_000
    assert rules.difference_kind(rows[0].due, rows[0].paid) == "recovery"


def test_rate_raised_retroactively_gives_arrears():
    months = rules.months_between(M(2024, 6), M(2024, 7))
    raised = facts("CDHH", results=(A(M(2021, 7), 50), A(M(2024, 6), 70)))
    rows = rules.recalculate(raised, months, {M(2024, 6): 2_610_000, M(2024, 7): 3_542_000}, TABLES)
    assert [r.difference for r in rows] == [3_658_000 - 2_610_000, 4_964_000 - 3_542_000]


@pytest.mark.parametrize(
    "version,worship,funeral,notice",
    [
        ("75/2021", 1_400_000, 14_900_000, 1_624_000),
        ("55/2023", 1_400_000, 18_000_000, 2_055_000),
        ("77/2024", 1_400_000, 23_400_000, 2_789_000),
    ],
)
def test_one_off_amounts(version, worship, funeral, notice):
    found = next(v for v in TABLES.versions if v.code == version)
    assert rules.worship_amount(found) == worship
    assert rules.worship_amount(found, martyrs=2) == 2 * worship
    assert rules.one_off(found, "mai_tang") == funeral
    assert rules.one_off(found, "bao_tu") == notice


def test_multiples_round_to_the_thousand():
    version = rules.Version(
        "x",
        M(2021, 7),
        1_624_000,
        "",
        (rules.Band("than_nhan_liet_si", multiple=rules.Decimal("0.6")),),
    )
    assert version.amount("than_nhan_liet_si") == 974_000  # 974.400 → 974.000
    assert rules.round_thousand(1_500) == 2_000 and rules.round_thousand(1_499) == 1_000


@pytest.mark.parametrize(
    "remaining,instalment,allowance,expected",
    [
        (10_000_000, 1_000_000, 5_000_000, 1_000_000),
        (400_000, 1_000_000, 5_000_000, 400_000),
        (10_000_000, 1_000_000, 300_000, 300_000),
        (0, 1_000_000, 5_000_000, 0),
    ],
)
def test_deduction_never_exceeds_what_remains_or_the_allowance(
    remaining, instalment, allowance, expected
):
    assert rules.deduction(remaining, instalment, allowance) == expected


@pytest.mark.parametrize(
    "rate,invalid,field",
    [(20, True, "rate"), (101, True, "rate"), (0, False, "rate"), (101, False, "rate")],
)
def test_bad_rates(rate, invalid, field):
    assert [f for f, _ in rules.check_assessment(rate, M(2024, 1), date(1950, 1, 1), invalid)] == [
        field
    ]


def test_invalid_rate_message_is_vietnamese():
    [(_, message)] = rules.check_assessment(20, M(2024, 1), date(1950, 1, 1), True)
    assert message == "Tỷ lệ tổn thương của thương binh phải từ 21% đến 100% (đã nhập 20%)."


def test_assessment_before_birth():
    [(field, message)] = rules.check_assessment(61, date(1949, 12, 31), date(1950, 1, 1), True)
    assert field == "date" and "trước ngày sinh 01/01/1950" in message


def test_new_version_checked_against_the_previous():
    previous = TABLES.versions[-1].bands
    missing = tuple(b for b in previous if not (b.table == "chat_doc" and b.rate_from == 41))
    unrounded = missing + (rules.Band("chat_doc", 41, 60, 3_542_500),)
    problems = rules.check_version(missing, previous, 3_000_000)
    assert problems == [
        "Thiếu dòng “Trợ cấp người hoạt động kháng chiến bị nhiễm chất độc hóa học (theo khung tỷ lệ)” khung 41–60% (có trong bảng của Nghị định trước)."
    ]
    assert rules.check_version(unrounded, previous, 3_000_000) == [
        "Số tiền 3.542.500 đồng của “Trợ cấp người hoạt động kháng chiến bị nhiễm chất độc hóa học (theo khung tỷ lệ)” chưa làm tròn đến 1.000 đồng."
    ]
    assert rules.check_version(previous, previous, 3_000_500) == [
        "Mức chuẩn 3.000.500 đồng phải là số dương làm tròn đến 1.000 đồng."
    ]
    assert rules.check_version(previous, previous, 3_000_000) == []


def test_shipped_anchor_rows_of_77_2024_match_the_regulations():
    latest = TABLES.in_force(M(2024, 7))
    assert latest.level == 2_789_000
    assert {b.rate_from: b.amount for b in latest.rows("thuong_binh")} == {
        21: 1_878_000,
        41: 3_667_000,
        61: 5_450_000,
        81: 7_240_000,
        100: 8_941_000,
    }


@given(st.integers(21, 100), st.sampled_from([M(2022, 1), M(2023, 7), M(2024, 7)]))
def test_ao_amount_never_falls_when_the_rate_rises(rate, month):
    lower = rules.monthly_amount(facts("CDHH", rate - 1 if rate > 21 else 21), month, TABLES).total
    assert rules.monthly_amount(facts("CDHH", rate), month, TABLES).total >= lower


def test_cached_amounts_equal_direct_ones():
    record = facts("CDHH", results=(A(M(2021, 7), 85), A(M(2023, 5), 50)))
    months = rules.months_between(M(2021, 7), M(2024, 12))
    cached = rules.monthly_amounts(record, months, TABLES, {})
    assert [a.total for a in cached] == [
        rules.monthly_amount(record, m, TABLES).total for m in months
    ]


@given(
    st.lists(
        st.tuples(st.integers(0, 40), st.integers(1, 100), st.booleans()), min_size=1, max_size=4
    ),
    st.one_of(st.none(), st.integers(0, 40)),
    st.one_of(st.none(), st.integers(0, 40)),
    st.sampled_from(["CDHH", "TB_A", "TNLS_CON", "CDHH_CON"]),
)
def test_monthly_amounts_equal_month_by_month_amounts(results, caregiver, end, code):
    """The change-point shortcut gives exactly what each month computed alone gives."""
    start = M(2021, 7)
    rates = [21, 41, 61, 81, 100] if code == "TB_A" else None
    assessments = tuple(
        A(rules.add_months(start, m), rates[r % 5] if rates else r, s) for m, r, s in results
    )
    record = RecordFacts(
        RULES[code],
        start,
        rules.add_months(start, end).replace(day=15) if end is not None else None,
        assessments,
        rules.add_months(start, caregiver) if caregiver is not None else None,
        None,
        date(2006, 8, 20),
        assessments,
    )
    months = rules.months_between(start, M(2025, 6))
    assert [a.total for a in rules.monthly_amounts(record, months, TABLES)] == [
        rules.monthly_amount(record, m, TABLES).total for m in months
    ]


def test_differing_months_are_stored_as_runs_and_come_back_month_by_month():
    rows = [
        (M(2023, 5), "75/2021", 2_062_000, 4_518_000),
        (M(2023, 6), "75/2021", 2_062_000, 4_518_000),
        (M(2023, 7), "55/2023", 2_610_000, 5_716_000),
        (M(2023, 9), "55/2023", 2_610_000, 5_716_000),
    ]
    runs = rules.month_runs(rows)
    assert [(r["from"], r["to"], r["version"]) for r in runs] == [
        ("2023-05-01", "2023-06-01", "75/2021"),
        ("2023-07-01", "2023-07-01", "55/2023"),
        ("2023-09-01", "2023-09-01", "55/2023"),
    ]
    assert list(rules.run_months(runs)) == rows and rules.month_count(runs) == 4
