"""Pure rules of the core registry: personal ID numbers, phone numbers, ages. No database.

Personal ID (số định danh cá nhân, Circular 59/2021/TT-BCA, formerly 07/2016/TT-BCA):
12 digits = 3-digit code of the province where the birth was registered (001–096)
+ 1 digit for century and sex + 2 digits of the birth year + 6 random digits.
Century and sex digit: 1900s male 0, female 1; 2000s 2/3; 2100s 4/5; 2200s 6/7; 2300s 8/9.
"""

import re
from datetime import date

# Province codes used in ID numbers: the 63 pre-2025 province codes, zero-padded to 3 digits.
ID_PROVINCE_CODES = frozenset(
    f"{c:03d}"
    for c in (
        1,
        2,
        4,
        6,
        8,
        10,
        11,
        12,
        14,
        15,
        17,
        19,
        20,
        22,
        24,
        25,
        26,
        27,
        30,
        31,
        33,
        34,
        35,
        36,
        37,
        38,
        40,
        42,
        44,
        45,
        46,
        48,
        49,
        51,
        52,
        54,
        56,
        58,
        60,
        62,
        64,
        66,
        67,
        68,
        70,
        72,
        74,
        75,
        77,
        79,
        80,
        82,
        83,
        84,
        86,
        87,
        89,
        91,
        92,
        93,
        94,
        95,
        96,
    )
)
MALE, FEMALE = "nam", "nu"
_ID = re.compile(r"^\d{12}$")


def century_sex_digit(birth_year, sex):
    century_index = (birth_year - 1900) // 100
    return str(century_index * 2 + (1 if sex == FEMALE else 0))


def personal_id_errors(value, birth_year=None, sex=None):
    """Vietnamese reasons why a personal ID is invalid; empty when it is valid."""
    if not _ID.match(value or ""):
        return ["Số định danh cá nhân phải gồm đúng 12 chữ số."]
    errors = []
    if value[:3] not in ID_PROVINCE_CODES:
        errors.append(f"Mã tỉnh “{value[:3]}” ở 3 số đầu của số định danh không tồn tại.")
    digit = value[3]
    if birth_year and 1900 <= birth_year <= 2399:
        if sex in (MALE, FEMALE) and digit != century_sex_digit(birth_year, sex):
            errors.append("Số thứ 4 của số định danh không khớp với giới tính và thế kỷ năm sinh.")
        if value[4:6] != f"{birth_year % 100:02d}":
            errors.append("Số thứ 5–6 của số định danh không khớp với năm sinh.")
    return errors


def normalise_phone(value):
    """Digits of a Vietnamese phone number with +84 turned into 0; None when it is not one."""
    digits = re.sub(r"[\s.\-()]", "", value or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if re.fullmatch(r"0[235789]\d{8}|02\d{9}", digits):
        return digits
    return None


def age_on(birth_date, day):
    """Completed years of age on a day (a birthday on 29/02 is reached on 01/03 in other years)."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def birth_date_errors(birth_date=None, birth_year=None, today=None):
    today = today or date.today()
    year = birth_date.year if birth_date else birth_year
    if year is None:
        return ["Thiếu năm sinh."]
    if birth_date and birth_date > today:
        return ["Ngày sinh ở tương lai."]
    if year > today.year:
        return ["Năm sinh ở tương lai."]
    if year < today.year - 125:
        return [f"Năm sinh {year} không hợp lý (quá 125 tuổi)."]
    return []
