from decimal import Decimal as D

import pytest

from ansinh.indicators import rules


@pytest.mark.parametrize(
    "series, aggregation, expected",
    [
        ([("2024-01", D(10)), ("2024-02", D(20)), ("2024-03", D(5))], "sum", D(35)),
        (
            [("2024-01", D(110)), ("2024-03", D(108)), ("2024-02", D(112))],
            "last",
            D(108),
        ),  # stock: latest month
        ([("2024-01", D(110)), ("2024-02", D(112))], "last", D(112)),  # March missing: February
        ([("2024-01", D(10)), ("2024-02", D(20)), ("2024-03", D(31))], "avg", D("20.33")),
        ([("2024-01", D(1)), ("2024-02", D(2))], "avg", D("1.50")),
        ([], "sum", None),
        ([("2024-01", None)], "sum", None),
    ],
)
def test_over_time(series, aggregation, expected):
    assert rules.over_time(series, aggregation) == expected


@pytest.mark.parametrize(
    "values, aggregation, expected",
    [
        ([D(3), D(4), None], "sum", D(7)),
        ([D(31), D(31), D(48)], "last", D(110)),  # stocks of units add up
        ([D(10), D(20)], "avg", D("15.00")),
        ([None, None], "sum", None),
    ],
)
def test_over_units(values, aggregation, expected):
    assert rules.over_units(values, aggregation) == expected


@pytest.mark.parametrize(
    "value, target, expected",
    [
        (4732, 28500, D("16.60")),  # 16,6035… → 16,60
        (37, 350, D("10.57")),  # 10,5714… → 10,57
        (1, 3, D("33.33")),
        (2, 3, D("66.67")),  # half up
        (28500, 28500, D("100.00")),
        (5, 0, None),
        (5, None, None),
        (None, 10, None),
    ],
)
def test_achievement(value, target, expected):
    assert rules.achievement(value, target) == expected


@pytest.mark.parametrize(
    "raw, unit, expected",
    [
        ("4.732", "người", D(4732)),
        ("4732", "người", D(4732)),
        ("99.187.075.000", "đồng", D(99187075000)),
        (" 1 669 ", "lượt", D(1669)),
        ("16,5", "%", D("16.5")),
        (12, "người", D(12)),
        (12.0, "người", D(12)),
        ("", "người", None),
    ],
)
def test_parse_value(raw, unit, expected):
    assert rules.parse_value(raw, unit) == expected


@pytest.mark.parametrize(
    "raw, unit, message",
    [
        ("abc", "người", "không phải là số"),
        ("-5", "người", "không được âm"),
        ("1,5", "người", "phải là số nguyên"),
        ("NaN", "người", "không phải là số"),
    ],
)
def test_parse_value_refuses(raw, unit, message):
    with pytest.raises(rules.BadValue, match=message):
        rules.parse_value(raw, unit)


def test_total_of_categories():
    assert rules.total_of_categories({"so_cap": D(1438), "duoi_3_thang": D(792)}) == D(2230)
    assert rules.total_of_categories({"": D(5), "a": D(1)}) == D(5)
    assert rules.total_of_categories({}) is None
