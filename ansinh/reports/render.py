"""Placeholders in the report sentences of a report definition (work-log text is never a template).
Pure: no database.

{VL_GQVL}             the indicator's total for the report's period and unit
{GDNN_TUYENSINH.so_cap}  one category of it
{TNXH_BOTRON@2024-04} the value for another period
{VL_GQVL|pct}         achievement against the annual target ("16,60%")
{X|pad}               small counts with two digits ("03");  {X|money} "… đồng";  {X|over} value − target
{period}, {next_period}, {period_title}, {next_period_title} and their UPPERCASE forms: words.
"""

import re
from dataclasses import dataclass

from ansinh.core import numbers

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_FIELD = re.compile(
    r"^(?P<code>[A-Z][A-Z0-9_]*)(?:\.(?P<category>[a-z0-9_]+))?"
    r"(?:@(?P<period>\d{4}(?:-\d{1,2}|[QH][1-4])?))?(?:\|(?P<filter>pct|pad|money|over))?$"
)
FILTERS = ("pct", "pad", "money", "over")


class TemplateError(ValueError):
    """A broken placeholder; the message names it."""


class MissingTarget(ValueError):
    """A sentence asks for achievement or excess over a target that is not set."""


@dataclass(frozen=True)
class Placeholder:
    code: str
    category: str = ""
    period: str = ""
    filter: str = ""
    raw: str = ""


def parse(template, words=()):
    """The template as a list of strings and Placeholders; raises TemplateError."""
    parts, position = [], 0
    for match in _PLACEHOLDER.finditer(template):
        parts.append(template[position : match.start()])
        inner = match.group(1).strip()
        if inner in words:
            parts.append(("word", inner))
        else:
            field = _FIELD.match(inner)
            if not field:
                raise TemplateError(
                    f"Chỗ điền “{{{inner}}}” không hợp lệ. Dùng {{MÃ}}, {{MÃ.phân_tổ}}, {{MÃ@kỳ}} hoặc {{MÃ|{'/'.join(FILTERS)}}}."
                )
            parts.append(
                Placeholder(
                    field["code"],
                    field["category"] or "",
                    field["period"] or "",
                    field["filter"] or "",
                    match.group(0),
                )
            )
        position = match.end()
    rest = template[position:]
    if "{" in rest or "}" in rest or any("{" in p or "}" in p for p in parts if isinstance(p, str)):
        raise TemplateError(f"Dấu ngoặc nhọn không khớp trong: “{template[:80]}”.")
    parts.append(rest)
    return [p for p in parts if p != ""]


def check(template, indicators, words=()):
    """Vietnamese problems of a template against the catalogue ({code: category codes})."""
    try:
        parts = parse(template, words)
    except TemplateError as error:
        return [str(error)]
    problems = []
    for part in parts:
        if isinstance(part, Placeholder):
            if part.code not in indicators:
                problems.append(f"Chỗ điền {part.raw}: không có chỉ tiêu mã “{part.code}”.")
            elif part.category and part.category not in indicators[part.code]:
                problems.append(
                    f"Chỗ điền {part.raw}: chỉ tiêu {part.code} không có phân tổ “{part.category}”."
                )
    return problems


def _whole(value):
    """Stored figures carry two decimals; whole ones are written without them."""
    if value is None:
        return 0
    return int(value) if value == int(value) else value.normalize()


def format_value(placeholder, value, target, unit):
    """The text of one placeholder; raises MissingTarget when the filter needs a target."""
    value, target = _whole(value), (_whole(target) if target else target)
    if placeholder.filter == "pct":
        if not target:
            raise MissingTarget(placeholder.code)
        return numbers.format_percent(value, target)
    if placeholder.filter == "over":
        if not target:
            raise MissingTarget(placeholder.code)
        return numbers.format_number(value - target)
    if placeholder.filter == "money":
        return numbers.format_money(value)
    if placeholder.filter == "pad":
        return numbers.format_count(value, pad_small=True)
    return numbers.format_number(value)


def render(template, resolve, words):
    """Segments [{"t": text}, {"t": text, "ref": {...}}] of a template.

    resolve(placeholder) -> (value, target, unit). A missing target renders "…" and is reported
    in the returned list of missing codes.
    """
    segments, missing = [], []
    for part in parse(template, words):
        if isinstance(part, str):
            segments.append({"t": part})
        elif isinstance(part, tuple):
            segments.append({"t": words[part[1]]})
        else:
            value, target, unit = resolve(part)
            try:
                text = format_value(part, value, target, unit)
            except MissingTarget:
                text = "…"
                missing.append(part.code)
            ref = {
                "code": part.code,
                "category": part.category,
                "period": part.period,
                "filter": part.filter,
            }
            segments.append({"t": text, "ref": ref})
    return segments, missing


def plain(segments):
    return "".join(s["t"] for s in segments)
