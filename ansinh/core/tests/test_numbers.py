from decimal import Decimal

import pytest

from ansinh.core.numbers import (
    format_count,
    format_decimal,
    format_int,
    format_money,
    format_number,
    format_percent,
    format_quantity,
)


@pytest.mark.parametrize(
    "n, expected",
    [
        (0, "0"),
        (7, "7"),
        (999, "999"),
        (1000, "1.000"),
        (4732, "4.732"),
        (28500, "28.500"),
        (3545025, "3.545.025"),
        (99187075000, "99.187.075.000"),
        (-1234, "-1.234"),
        (-999, "-999"),
        (Decimal("4732"), "4.732"),
        (Decimal("1234.00"), "1.234"),
        (Decimal("1E+3"), "1.000"),
        (Decimal("-0"), "0"),
    ],
)
def test_format_int(n, expected):
    assert format_int(n) == expected


@pytest.mark.parametrize("n", [Decimal("12.5"), Decimal("0.01")])
def test_format_int_rejects_fractions(n):
    with pytest.raises(ValueError, match="có phần thập phân"):
        format_int(n)


@pytest.mark.parametrize("n", [12.0, "12", None, True])
def test_format_int_rejects_floats_strings_and_bools(n):
    with pytest.raises(TypeError, match="không phải là số nguyên"):
        format_int(n)


def test_format_int_rejects_nan():
    with pytest.raises(ValueError, match="hữu hạn"):
        format_int(Decimal("NaN"))


@pytest.mark.parametrize(
    "n, pad_small, expected",
    [
        (3, True, "03"),
        (2, True, "02"),
        (0, True, "00"),
        (9, True, "09"),
        (10, True, "10"),
        (13, True, "13"),
        (1234, True, "1.234"),
        (Decimal("5"), True, "05"),
        (3, False, "3"),
        (0, False, "0"),
        (1234, False, "1.234"),
        (-3, True, "-3"),
    ],
)
def test_format_count(n, pad_small, expected):
    assert format_count(n, pad_small=pad_small) == expected


def test_format_count_does_not_pad_by_default():
    assert format_count(3) == "3"


@pytest.mark.parametrize(
    "value, places, expected",
    [
        (Decimal("1234.5"), 2, "1.234,50"),
        (Decimal("1234.5"), 0, "1.235"),  # half-up, where half-even would give 1.234
        (Decimal("0.125"), 2, "0,13"),  # half-up, where half-even would give 0,12
        (Decimal("0.135"), 2, "0,14"),
        (Decimal("2.5"), 0, "3"),
        (Decimal("-2.5"), 0, "-3"),  # half-up rounds away from zero
        (Decimal("-1234.567"), 2, "-1.234,57"),
        (Decimal("-0.001"), 2, "0,00"),
        (Decimal("1234567.891"), 1, "1.234.567,9"),
        (1234, 2, "1.234,00"),
        (0, 3, "0,000"),
        (Decimal("0.5"), 1, "0,5"),
    ],
)
def test_format_decimal(value, places, expected):
    assert format_decimal(value, places) == expected


@pytest.mark.parametrize("places", [-1, 1.5, None, True])
def test_format_decimal_rejects_bad_places(places):
    with pytest.raises(ValueError, match="Số chữ số thập phân"):
        format_decimal(Decimal("1"), places)


def test_format_decimal_rejects_floats():
    with pytest.raises(TypeError):
        format_decimal(0.1, 2)


@pytest.mark.parametrize(
    "numerator, denominator, places, expected",
    [
        (4732, 28500, 2, "16,60%"),  # 16,6035...
        (37, 350, 2, "10,57%"),  # 10,5714...
        (1, 3, 2, "33,33%"),  # 33,333...
        (2, 3, 2, "66,67%"),  # 66,666...
        (28500, 28500, 2, "100,00%"),
        (0, 28500, 2, "0,00%"),
        (1, 8, 0, "13%"),  # 12,5 half-up
        (1, 16, 1, "6,3%"),  # 6,25 half-up; binary float or half-even would give 6,2
        (1, 200, 0, "1%"),  # 0,5 half-up
        (3, 8, 1, "37,5%"),
        (-1, 8, 0, "-13%"),
        (150, 100, 2, "150,00%"),
        (Decimal("12.5"), Decimal("50"), 2, "25,00%"),
        (123456, 100, 0, "123.456%"),
    ],
)
def test_format_percent(numerator, denominator, places, expected):
    assert format_percent(numerator, denominator, places) == expected


def test_format_percent_defaults_to_two_places():
    assert format_percent(4732, 28500) == "16,60%"


@pytest.mark.parametrize("denominator", [0, None, Decimal("0"), Decimal("0.00")])
def test_format_percent_without_target(denominator):
    with pytest.raises(ValueError, match=r"Chưa có chỉ tiêu kế hoạch \(mẫu số"):
        format_percent(10, denominator)


@pytest.mark.parametrize(
    "amount, expected",
    [
        (99187075000, "99.187.075.000 đồng"),
        (0, "0 đồng"),
        (500, "500 đồng"),
        (1500000, "1.500.000 đồng"),
        (Decimal("2000000"), "2.000.000 đồng"),
    ],
)
def test_format_money(amount, expected):
    assert format_money(amount) == expected


def test_format_money_rejects_fractions_of_a_dong():
    with pytest.raises(ValueError):
        format_money(Decimal("1000.5"))


@pytest.mark.parametrize(
    "value, unit, expected",
    [
        (3545025, "kg", "3.545.025 kg"),
        (12, "tấn", "12 tấn"),
        (Decimal("12.5"), "tấn", "12,5 tấn"),
        (Decimal("1234.50"), "m²", "1.234,50 m²"),
    ],
)
def test_format_quantity(value, unit, expected):
    assert format_quantity(value, unit) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        (1234, "1.234"),
        (Decimal("2.50"), "2,50"),
        (Decimal("-1234.5"), "-1.234,5"),
        (Decimal("1E+3"), "1.000"),
    ],
)
def test_format_number(value, expected):
    assert format_number(value) == expected
