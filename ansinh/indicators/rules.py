"""Pure roll-up rules: months → quarter → year, and units → parent unit. No database.

A series is a list of (period, value) pairs for one indicator, unit and category.
- sum: values add up over time and over units (jobs created, dossiers received);
- last: a stock (people being cared for): over time, the value of the latest period that has
  one; over units, the sum of each unit's stock;
- avg: over time the mean of the periods that have a value; over units the mean of the units.
"""

from decimal import ROUND_HALF_UP, Decimal

SUM, LAST, AVERAGE = "sum", "last", "avg"


def over_time(series, aggregation):
    """Combine (period, value) pairs of one unit into one value for the enclosing period."""
    values = [(str(period), value) for period, value in series if value is not None]
    if not values:
        return None
    if aggregation == SUM:
        return sum((v for _, v in values), Decimal(0))
    if aggregation == LAST:
        return max(values, key=lambda pv: pv[0])[1]
    if aggregation == AVERAGE:
        return _mean([v for _, v in values])
    raise ValueError(f"Unknown aggregation {aggregation!r}")


def over_units(values, aggregation):
    """Combine the values of several units (already rolled up over time) into their parent's."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    if aggregation in (SUM, LAST):
        return sum(present, Decimal(0))
    if aggregation == AVERAGE:
        return _mean(present)
    raise ValueError(f"Unknown aggregation {aggregation!r}")


def _mean(values):
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def achievement(value, target):
    """Share of the target reached, as a Decimal percentage with two decimals; None without a target."""
    if value is None or not target:
        return None
    return (Decimal(value) * 100 / Decimal(target)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def total_of_categories(by_category):
    """The total of an indicator from its categories, or its uncategorised value when entered as such."""
    if "" in by_category and by_category[""] is not None:
        return by_category[""]
    present = [v for k, v in by_category.items() if k and v is not None]
    return sum(present, Decimal(0)) if present else None


class BadValue(ValueError):
    """A typed value is not acceptable; the message is Vietnamese."""


def parse_value(raw, unit=""):
    """A typed figure → Decimal. Accepts "4.732", "4732", "16,5"; refuses text and negatives.

    Money ("đồng") and counts are whole numbers: a decimal part is refused for them.
    """
    if isinstance(raw, (int, Decimal)):
        value = Decimal(raw)
    elif isinstance(raw, float):
        value = Decimal(str(raw))
    else:
        text = str(raw or "").strip().replace(" ", "")
        if not text:
            return None
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        elif text.count(".") >= 1 and all(len(part) == 3 for part in text.split(".")[1:]):
            text = text.replace(".", "")
        try:
            value = Decimal(text)
        except ArithmeticError:
            raise BadValue(f"“{raw}” không phải là số.") from None
        if not value.is_finite():
            raise BadValue(f"“{raw}” không phải là số.")
    if value < 0:
        raise BadValue("Số liệu không được âm.")
    if unit not in ("%", "tỷ lệ") and value != value.to_integral_value():
        raise BadValue(f"Chỉ tiêu tính bằng “{unit}” phải là số nguyên.")
    return value
