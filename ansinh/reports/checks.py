"""Consistency checks of a report before it is issued. Each warning is a dict
{"code", "message", "where"}; the person issuing must acknowledge them all."""

from ansinh.core.periods import Period
from ansinh.indicators.models import DataSet, Submission
from ansinh.indicators.queries import reporters_of
from ansinh.worklog.models import Activity

from . import render, textchecks


def warning(code, message, where=""):
    return {"code": code, "message": message, "where": where}


def check_report(content, definition, root):
    period = Period.parse(content["period"])
    warnings = []
    warnings += _text_checks(content, period)
    warnings += _activities_outside(period)
    warnings += _subtotals(content, definition)
    warnings += _missing_targets(content)
    warnings += _missing_submissions(period, root)
    return warnings


def _text_checks(content, period):
    found = []
    for part in content["parts"]:
        for section in part["sections"]:
            where = f"Phần {part['number']}, mục {section['number']}"
            for paragraph in section["paragraphs"]:
                text = render.plain(paragraph)
                if part["number"] == "I":
                    findings = textchecks.check_all(text, period.kind, period.start, period.end)
                else:
                    findings = textchecks.check_reversed_ranges(text) + textchecks.check_typos(text)
                found += [warning(f.code, f"{f.message} (“{f.excerpt}”)", where) for f in findings]
    return found


def _activities_outside(period):
    outside = Activity.objects.filter(period=str(period), cancelled=False).exclude(
        date__range=(period.start, period.end)
    )
    return [
        warning(
            "activity_date",
            f"Việc “{a.clause()[:80]}” ghi ngày {a.date:%d/%m/%Y}, nằm ngoài {period.label}.",
            str(a.org_unit),
        )
        for a in outside.select_related("org_unit")
    ]


def _subtotals(content, definition):
    rows = {row["code"]: row for row in content["annex"]["rows"]}
    found = []
    for rule in definition.subtotal_checks:
        total = rows.get(rule["total"], {}).get("total") or 0
        parts = [rows.get(code, {}).get("total") or 0 for code in rule["parts"]]
        found += [
            warning(f.code, f.message, rule["label"])
            for f in textchecks.check_subtotal(total, parts, rule["label"])
        ]
    return found


def _missing_targets(content):
    return [
        warning(
            "missing_target",
            f"Chỉ tiêu {code} được ghi “% kế hoạch” nhưng chưa có kế hoạch năm {content['period'][:4]}.",
            code,
        )
        for code in content["missing_targets"]
    ]


def _missing_submissions(period, root):
    """Reporting units whose data sets for the period (or its months) are not submitted."""
    found = []
    for data_set in DataSet.objects.all():
        periods = (
            [period]
            if data_set.period_kind == period.kind
            else (
                period.children(data_set.period_kind)
                if Period(period.year, 1, data_set.period_kind).months < period.months
                else []
            )
        )
        reporters = reporters_of(data_set, period)
        done = set(
            Submission.objects.filter(
                data_set=data_set,
                period__in=[str(p) for p in periods],
                status__in=[
                    Submission.Status.SUBMITTED,
                    Submission.Status.APPROVED,
                    Submission.Status.LOCKED,
                ],
            ).values_list("org_unit_id", "period")
        )
        for reporter in reporters:
            late = [p.label for p in periods if (reporter.pk, str(p)) not in done]
            if late:
                found.append(
                    warning(
                        "not_submitted",
                        f"{reporter.name} chưa gửi “{data_set.name}” kỳ {', '.join(late)}.",
                        reporter.name,
                    )
                )
    return found
