from datetime import date

import pytest

from ansinh.core.periods import Period, PeriodError


@pytest.mark.parametrize(
    "text, kind, start, end, label",
    [
        ("2024-03", "month", date(2024, 3, 1), date(2024, 3, 31), "tháng 3/2024"),
        ("2024-02", "month", date(2024, 2, 1), date(2024, 2, 29), "tháng 2/2024"),
        ("2023-02", "month", date(2023, 2, 1), date(2023, 2, 28), "tháng 2/2023"),
        ("2024Q1", "quarter", date(2024, 1, 1), date(2024, 3, 31), "quý I/2024"),
        ("2024q4", "quarter", date(2024, 10, 1), date(2024, 12, 31), "quý IV/2024"),
        ("2024H1", "half", date(2024, 1, 1), date(2024, 6, 30), "6 tháng đầu năm 2024"),
        ("2024H2", "half", date(2024, 7, 1), date(2024, 12, 31), "6 tháng cuối năm 2024"),
        ("2024", "year", date(2024, 1, 1), date(2024, 12, 31), "năm 2024"),
    ],
)
def test_parse(text, kind, start, end, label):
    period = Period.parse(text)
    assert (period.kind, period.start, period.end, period.label) == (kind, start, end, label)
    assert Period.parse(str(period)) == period


@pytest.mark.parametrize(
    "text", ["2024-13", "2024-00", "2024Q5", "2024Q0", "2024H3", "24", "quý 1", "", "2024-3-1"]
)
def test_parse_rejects_with_vietnamese_message(text):
    with pytest.raises(PeriodError, match="không hợp lệ"):
        Period.parse(text)


@pytest.mark.parametrize(
    "text, previous, following",
    [
        ("2024-01", "2023-12", "2024-02"),
        ("2024-12", "2024-11", "2025-01"),
        ("2024Q1", "2023Q4", "2024Q2"),
        ("2024Q4", "2024Q3", "2025Q1"),
        ("2024H1", "2023H2", "2024H2"),
        ("2024", "2023", "2025"),
    ],
)
def test_previous_next(text, previous, following):
    period = Period.parse(text)
    assert str(period.previous()) == previous
    assert str(period.next()) == following


def test_containment_and_rollup():
    q1 = Period.parse("2024Q1")
    assert q1.contains("2024-03") and not q1.contains("2024-04")
    assert q1.contains(date(2024, 3, 31)) and not q1.contains(date(2024, 4, 26))
    assert Period.parse("2024").contains(q1)
    assert not q1.contains("2024")
    assert [str(m) for m in q1.children("month")] == ["2024-01", "2024-02", "2024-03"]
    assert [str(q) for q in Period.parse("2024").children("quarter")] == [
        "2024Q1",
        "2024Q2",
        "2024Q3",
        "2024Q4",
    ]
    assert str(Period.parse("2024-08").parent("quarter")) == "2024Q3"
    assert str(Period.parse("2024-08").parent("half")) == "2024H2"
    assert str(Period.containing(date(2024, 4, 26), "quarter")) == "2024Q2"
    with pytest.raises(PeriodError):
        q1.children("year")


def test_titles_for_headings():
    assert Period.parse("2024Q2").title == "Quý II năm 2024"
    assert Period.parse("2024-03").title == "Tháng 3 năm 2024"
    assert str(Period.parse("2024Q1").same_period_last_year()) == "2023Q1"
