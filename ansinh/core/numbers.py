"""Vietnamese number and money formatting, shared by reports, documents, importers and services.

Vietnamese convention: "." groups thousands and "," is the decimal mark: 1.234,50.
Arithmetic stays in Decimal so rounding is exactly ROUND_HALF_UP, never binary float.
"""

from decimal import ROUND_HALF_UP, Decimal, localcontext

# Python writes "1,234.50"; swapping the two marks gives the Vietnamese "1.234,50".
_VI_MARKS = str.maketrans(",.", ".,")


def _to_decimal(value):
    # bool is an int subclass and a float is binary: Decimal() would accept both silently.
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise TypeError(f"Giá trị “{value!r}” không phải là số nguyên hoặc số thập phân (Decimal).")
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(f"Giá trị “{value}” không phải là một số hữu hạn.")
    return Decimal(value)


def format_int(n):
    """Whole number with thousands groups: 99187075000 -> "99.187.075.000"."""
    value = _to_decimal(n)
    if value != value.to_integral_value():
        raise ValueError(f"Giá trị “{n}” có phần thập phân, không phải là số nguyên.")
    return format(int(value), ",").translate(_VI_MARKS)


def format_count(n, pad_small=False):
    """Count of items; with pad_small, 0..9 take two digits ("03") as official reports write them."""
    text = format_int(n)
    if pad_small and len(text) == 1:
        return "0" + text
    return text


def format_decimal(value, places):
    """Number rounded half-up to exactly `places` decimals: Decimal("1234.5"), 2 -> "1.234,50"."""
    if isinstance(places, bool) or not isinstance(places, int) or places < 0:
        raise ValueError(f"Số chữ số thập phân “{places}” không hợp lệ.")
    rounded = _to_decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # a tiny negative value must not print as "-0,00"
    return format(rounded, f",.{places}f").translate(_VI_MARKS)


def format_number(value):
    """Number with as many decimals as it carries: 1234 -> "1.234", Decimal("2.50") -> "2,50"."""
    places = -_to_decimal(value).as_tuple().exponent
    if places <= 0:
        return format_int(value)
    return format_decimal(value, places)


def format_percent(numerator, denominator, places=2):
    """numerator / denominator as a percentage, rounded half-up: (4732, 28500) -> "16,60%"."""
    if denominator is None or _to_decimal(denominator) == 0:
        raise ValueError("Chưa có chỉ tiêu kế hoạch (mẫu số trống hoặc bằng 0).")
    with localcontext() as context:
        # Far more digits than any report needs, so the division's own rounding can never
        # push a value across the half-way point that ROUND_HALF_UP then decides on.
        context.prec = 60
        ratio = _to_decimal(numerator) * 100 / _to_decimal(denominator)
    return format_decimal(ratio, places) + "%"


def format_money(amount):
    """Whole đồng: 99187075000 -> "99.187.075.000 đồng"."""
    return format_int(amount) + " đồng"


def format_quantity(value, unit):
    """Number followed by its unit: (3545025, "kg") -> "3.545.025 kg"."""
    return f"{format_number(value)} {unit}"
