"""Consistency checks on the free text users type into a periodic report.

Every check returns a list of Finding, empty when nothing looks wrong. The checks are
heuristics that point a reviewer at a passage, so where ordinary report language is
ambiguous they prefer missing a rare slip to flagging correct text.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from ansinh.core.numbers import format_number


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    excerpt: str


EXCERPT_WIDTH = 60
_SPACES = re.compile(r"\s+")


def _normalise(text):
    return unicodedata.normalize("NFC", text or "")


def _quote(fragment):
    return "“" + _SPACES.sub(" ", fragment).strip() + "”"


def _excerpt(text, start, end):
    """About EXCERPT_WIDTH characters of text around text[start:end], on one line."""
    pad = max(0, (EXCERPT_WIDTH - (end - start)) // 2)
    left, right = max(0, start - pad), min(len(text), end + pad)
    piece = _SPACES.sub(" ", text[left:right]).strip()
    return ("…" if left > 0 else "") + piece + ("…" if right < len(text) else "")


def _finding(code, message, text, match):
    return Finding(code, message, _excerpt(text, match.start(), match.end()))


def _start(match):
    return match.start()


# --- 1. Words naming a period of the wrong kind -------------------------------------------

PERIOD_NAMES = {"month": "tháng", "quarter": "quý", "half": "6 tháng", "year": "năm"}

# For each kind of report, the units whose "during the / this / past ..." phrases contradict it.
_CONTRADICTING_UNITS = {
    "month": ["quý"],
    "quarter": ["tháng"],
    "half": ["tháng", "quý"],
    "year": ["tháng", "quý"],
}

# After "trong tháng" / "trong quý", words that name a specific period rather than the
# report's own: "trong tháng 3", "trong quý I/2024", "trong tháng tới", "trong Tháng hành động".
_SPECIFIC_PERIOD_AFTER = (
    r"\s*(?:\d|[IVX]+\b|giêng\b|chạp\b|đầu\b|cuối\b|tới\b|sau\b|trước\b"
    r"|cao\s+điểm\b|hành\s+động\b)"
)
_THIS_OR_PAST = r"(?:này|qua|vừa\s+qua)\b"

# "6 tháng qua", "các tháng qua" speak of several months, not of one month.
_QUANTITY_BEFORE = re.compile(
    r"(?:\d|\b(?:các|những|mấy|vài|nhiều|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười))\s+$",
    re.IGNORECASE,
)


def _period_phrase(unit):
    return re.compile(
        rf"\btrong\s+{unit}(?:\s+{_THIS_OR_PAST}|\b(?!{_SPECIFIC_PERIOD_AFTER}))"
        rf"|\b{unit}\s+{_THIS_OR_PAST}",
        re.IGNORECASE,
    )


def check_period_words(text, period_kind):
    """Phrases such as "trong tháng" in a quarterly report, which name the wrong kind of period."""
    if period_kind not in PERIOD_NAMES:
        raise ValueError(f"Loại kỳ báo cáo “{period_kind}” không hợp lệ.")
    text = _normalise(text)
    matches = []
    for unit in _CONTRADICTING_UNITS[period_kind]:
        for match in _period_phrase(unit).finditer(text):
            before = text[max(0, match.start() - 12) : match.start()]  # room for one short word
            if match.group().lower().startswith("trong") or not _QUANTITY_BEFORE.search(before):
                matches.append(match)
    findings = []
    for match in sorted(matches, key=_start):
        message = f"Báo cáo {PERIOD_NAMES[period_kind]} nhưng văn bản ghi {_quote(match.group())}."
        findings.append(_finding("period_word", message, text, match))
    return findings


# --- 2. Dates outside the reporting period -----------------------------------------------

# d/m/yyyy with one separator throughout; not part of "02/2023/NQ-HĐND" or a longer number.
_NUMERIC_DATE = re.compile(r"(?<![\w/])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})(?![\w/])")
_WORDED_DATE = re.compile(
    r"\bngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})\b", re.IGNORECASE
)

# A cited document's issue date: its number, which ends in the document's type code
# (02/2023/NQ-HĐND, 416/QĐ-TTg, 153/KL-TTr), then at most a few words ("của Thủ tướng
# Chính phủ") and "ngày" right before the date. Digits or punctuation in between break it,
# so "số 02/2023/NQ-HĐND ngày 11/7/2023, tổ chức vào ngày 26/4/2024" still flags 26/4/2024.
_DOCUMENT_THEN_NGAY = re.compile(
    r"\b\d+(?:/\d+)*/[^\W\d_][\w\-]*,?(?:\s+[^\W\d_]+){0,8}?\s+ngày\s+$",
    re.IGNORECASE,
)
_DOCUMENT_LOOKBACK = 60


def _to_date(day, month, year):
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _found_dates(text):
    """(match, where the day number starts, the date or None if impossible), in text order."""
    found = [(m, m.start(), _to_date(m[1], m[3], m[4])) for m in _NUMERIC_DATE.finditer(text)]
    found += [(m, m.start(1), _to_date(m[1], m[2], m[3])) for m in _WORDED_DATE.finditer(text)]
    return sorted(found, key=lambda item: item[1])


def _is_document_date(text, day_start):
    """True for the issue date of a cited document: "Quyết định số 416/QĐ-TTg ngày 25/3/2020"."""
    before = text[max(0, day_start - _DOCUMENT_LOOKBACK) : day_start]
    return bool(_DOCUMENT_THEN_NGAY.search(before))


def check_dates_in_period(text, start, end):
    """Dates outside [start, end], except issue dates of cited documents; impossible dates."""
    if start > end:
        raise ValueError("Kỳ báo cáo không hợp lệ: ngày bắt đầu sau ngày kết thúc.")
    text = _normalise(text)
    findings = []
    for match, day_start, value in _found_dates(text):
        if value is None:
            message = f"{_quote(match.group())} không phải là ngày có thật."
            findings.append(_finding("invalid_date", message, text, match))
        elif not start <= value <= end and not _is_document_date(text, day_start):
            message = (
                f"Ngày {value:%d/%m/%Y} nằm ngoài kỳ báo cáo ({start:%d/%m/%Y} – {end:%d/%m/%Y})."
            )
            findings.append(_finding("date_outside_period", message, text, match))
    return findings


# --- 3. Ranges that end before they start --------------------------------------------------

_YEAR = r"(?:19|20)\d{2}"
_DATE = r"\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}-\d{1,2}-\d{4}"
_DASH = r"[-–—]"
_YEAR_RANGES = [
    re.compile(rf"(?<![\w/.\-])({_YEAR})\s*{_DASH}\s*({_YEAR})(?![\w/])"),
    re.compile(rf"\bnăm\s+({_YEAR})\s+(?:đến|tới)\s+(?:năm\s+)?({_YEAR})\b", re.IGNORECASE),
]
_DATE_RANGE = re.compile(
    rf"(?<![\w/])({_DATE})\s*(?:{_DASH}|\bđến\b|\btới\b)\s*(?:ngày\s+)?({_DATE})(?![\w/])",
    re.IGNORECASE,
)


def _parse_date(written):
    day, month, year = re.split(r"[/.\-]", written)
    return _to_date(day, month, year)


def check_reversed_ranges(text):
    """Year or date ranges whose end comes before their start: "giai đoạn 2024 – 2023"."""
    text = _normalise(text)
    reversed_ranges = [
        match for pattern in _YEAR_RANGES for match in pattern.finditer(text) if match[2] < match[1]
    ]
    for match in _DATE_RANGE.finditer(text):
        first, last = _parse_date(match[1]), _parse_date(match[2])
        if first and last and last < first:
            reversed_ranges.append(match)
    findings = []
    for match in sorted(reversed_ranges, key=_start):
        message = f"Khoảng thời gian {_quote(match.group())} kết thúc trước khi bắt đầu."
        findings.append(_finding("reversed_range", message, text, match))
    return findings


# --- 4. Known typos ------------------------------------------------------------------------

# Typo -> correction, matched as whole words regardless of case. "{n}" stands for a number.
KNOWN_TYPOS = {
    "tình khác": "tỉnh khác",
    "tỉnh hình": "tình hình",
    "chuyên {n} đơn": "chuyển {n} đơn",
    "chuyên {n} hồ sơ": "chuyển {n} hồ sơ",
    "chuyên đơn": "chuyển đơn",
    "chuyên hồ sơ": "chuyển hồ sơ",
    "khiếu lại": "khiếu nại",
    "giãi quyết": "giải quyết",
    "xữ lý": "xử lý",
    "bảo hiễm": "bảo hiểm",
    "xả hội": "xã hội",
    "lao đông": "lao động",
}


def _typo_pattern(typo):
    words = [
        r"(\d[\d.]*)" if word == "{n}" else re.escape(word) for word in _normalise(typo).split()
    ]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def _correction(correction, match):
    number = match[1] if match.re.groups else ""
    suggested = _normalise(correction).replace("{n}", number)
    if match.group()[:1].isupper():
        suggested = suggested[:1].upper() + suggested[1:]
    return suggested


def check_typos(text):
    """Occurrences of the typos listed in KNOWN_TYPOS, each with its correction."""
    text = _normalise(text)
    found = [
        (match, correction)
        for typo, correction in KNOWN_TYPOS.items()
        for match in _typo_pattern(typo).finditer(text)
    ]
    findings = []
    for match, correction in sorted(found, key=lambda item: item[0].start()):
        suggested = _correction(correction, match)
        message = f"Có thể viết nhầm {_quote(match.group())}, đúng là {_quote(suggested)}."
        findings.append(_finding("typo", message, text, match))
    return findings


# --- 5. Totals -----------------------------------------------------------------------------


def check_subtotal(total, parts, label):
    """A finding when the parts of a reported total do not add up to it."""
    parts_sum = sum(parts, 0)
    if parts_sum == total:
        return []
    label = _normalise(label)
    message = (
        f"Tổng {_quote(label)} là {format_number(total)} "
        f"nhưng các thành phần cộng lại bằng {format_number(parts_sum)}."
    )
    return [Finding("subtotal", message, label)]


# --- All text checks -----------------------------------------------------------------------


def check_all(text, period_kind, start, end):
    """Checks 1–4 on one text, findings grouped by check."""
    return (
        check_period_words(text, period_kind)
        + check_dates_in_period(text, start, end)
        + check_reversed_ranges(text)
        + check_typos(text)
    )
