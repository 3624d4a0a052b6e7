from datetime import date

import pytest

from ansinh.core import rules


@pytest.mark.parametrize(
    "value, year, sex, ok",
    [
        ("094060001234", 1960, "nam", True),  # Sóc Trăng, 1900s male, born 1960
        ("094160001234", 1960, "nu", True),  # 1900s female
        ("094205001234", 2005, "nam", True),  # 2000s male
        ("094305001234", 2005, "nu", True),  # 2000s female
        ("001099000001", 1999, "nam", True),  # Hà Nội
        ("094060001234", 1960, "nu", False),  # sex digit says male
        ("094061001234", 1960, "nam", False),  # year digits say 1961
        ("094260001234", 1960, "nam", False),  # century digit says 2000s
        ("003060001234", 1960, "nam", False),  # no province 003
        ("09406000123", 1960, "nam", False),  # 11 digits
        ("0940600012345", 1960, "nam", False),  # 13 digits
        ("09406000123A", 1960, "nam", False),  # a letter
        ("", None, None, False),
    ],
)
def test_personal_id(value, year, sex, ok):
    assert (rules.personal_id_errors(value, year, sex) == []) is ok


def test_personal_id_without_known_birth_year_checks_format_only():
    assert rules.personal_id_errors("094060001234") == []
    assert rules.personal_id_errors("099060001234") != []


@pytest.mark.parametrize(
    "value, expected",
    [
        ("0912345678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("+84912345678", "0912345678"),
        ("84912345678", "0912345678"),
        ("0299.3822.123", "02993822123"),  # Sóc Trăng landline, 11 digits
        ("091234567", None),
        ("1912345678", None),
        ("0112345678", None),
        ("abc", None),
    ],
)
def test_phone(value, expected):
    assert rules.normalise_phone(value) == expected


@pytest.mark.parametrize(
    "birth, day, age",
    [
        (date(1964, 3, 15), date(2024, 3, 14), 59),
        (date(1964, 3, 15), date(2024, 3, 15), 60),  # birthday reached on the day
        (date(1964, 2, 29), date(2024, 2, 28), 59),
        (date(1964, 2, 29), date(2024, 2, 29), 60),
        (date(1964, 2, 29), date(2023, 2, 28), 58),  # no 29/02 in 2023: reached on 01/03
        (date(1964, 2, 29), date(2023, 3, 1), 59),
        (date(2024, 1, 31), date(2024, 1, 31), 0),
    ],
)
def test_age_on(birth, day, age):
    assert rules.age_on(birth, day) == age


def test_birth_date_errors():
    today = date(2024, 3, 31)
    assert rules.birth_date_errors(date(1960, 1, 1), None, today) == []
    assert rules.birth_date_errors(None, 1935, today) == []
    assert rules.birth_date_errors(None, None, today) == ["Thiếu năm sinh."]
    assert rules.birth_date_errors(date(2024, 4, 1), None, today) == ["Ngày sinh ở tương lai."]
    assert "125" in rules.birth_date_errors(None, 1890, today)[0]
